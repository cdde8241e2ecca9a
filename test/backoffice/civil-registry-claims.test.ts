import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const officer = (username: string, provinceCode: string): Principal => ({ kind: 'officer', username, agency: 'civil-registry', role: 'civil-registry-officer', provinceCode });
const A = officer('tp-a', '01');
const B = officer('tp-b', '01');
const MINUTE = 60_000;

for (const engine of await engines()) {
  describe(`civil registry: claims on births in review (${engine})`, () => {
    let t: TestPlatform;
    let shift = 0;
    before(async () => {
      const running = runningClockFrom(new Date(START));
      t = await startTestPlatform(engine, START, { clock: { now: () => new Date(running.now().getTime() + shift) } });
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const reviews = '/api/v1/agencies/civil-registry/reviews';

    test('A claims; B can neither claim nor decide until the claim lapses or A releases it; a decision ends the claim', async () => {
      // A 13-year-old mother: the checks send the birth to an officer in Hà Nội (Law on Civil Status 2014 art. 16).
      const young = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' } });
      delete (young as { father?: unknown }).father;
      const sub = await call({ kind: 'citizen', pin: PEOPLE.youngMother }, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: young });
      assert.equal(sub.statusCode, 202, sub.body);
      const item = await eventually(async () => ((await call(A, 'GET', reviews)).json().items as { id: string; dossierId: string; claim: unknown }[]).find((i) => i.dossierId === sub.json().id), 'the review');
      assert.equal(item.claim, null);

      const claimed = await call(A, 'POST', `${reviews}/${item.id}/claim`);
      assert.equal(claimed.statusCode, 200, claimed.body);
      assert.equal(claimed.json().claim.mine, true);
      assert.equal((await call(B, 'GET', reviews)).json().items.find((i: { id: string }) => i.id === item.id).claim.mine, false, 'B sees it is taken');
      const bClaims = await call(B, 'POST', `${reviews}/${item.id}/claim`);
      assert.equal(bClaims.statusCode, 409);
      assert.equal(bClaims.json().fields[0].code, 'claimed-by-another');
      assert.equal((await call(B, 'POST', `${reviews}/${item.id}/decision`, { decision: 'approve' })).statusCode, 409, 'B cannot decide A’s item');
      assert.equal((await call(B, 'POST', `${reviews}/${item.id}/release`)).statusCode, 409, 'nor give it back');
      // The claim lapses after 30 minutes.
      shift += 31 * MINUTE;
      assert.equal((await call(B, 'POST', `${reviews}/${item.id}/claim`)).statusCode, 200, 'lapsed: B takes it');
      assert.equal((await call(A, 'POST', `${reviews}/${item.id}/decision`, { decision: 'approve' })).statusCode, 409, 'A no longer holds it');
      assert.equal((await call(B, 'POST', `${reviews}/${item.id}/release`)).statusCode, 200);
      assert.equal((await call(A, 'POST', `${reviews}/${item.id}/claim`)).statusCode, 200);
      const decided = await call(A, 'POST', `${reviews}/${item.id}/decision`, { decision: 'refuse', reason: 'The mother is under the age allowed.' });
      assert.deepEqual(decided.json(), { id: item.id, status: 'refused' });
      const [row] = await t.p.db.query<{ claimed_by: string | null; decided_by: string }>('SELECT claimed_by, decided_by FROM civil_registry.birth_registrations WHERE id = $1', [item.id]);
      assert.deepEqual(row, { claimed_by: null, decided_by: 'officer:tp-a' });
    });
  });
}
