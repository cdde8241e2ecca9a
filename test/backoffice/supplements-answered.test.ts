import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const CR_HANOI: Principal = { kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' };
const vss = (username: string, role: 'vss-collector' | 'vss-director' | 'it-operator', provinceCode: string | null) => ({ kind: 'officer', username, agency: 'social-security', role, provinceCode }) as Principal;
const COLLECTOR = vss('thu-hanam', 'vss-collector', '35');
const DIRECTOR = vss('gd-hanam', 'vss-director', '35');
const OPERATOR = vss('it-vss', 'it-operator', null);
const REVIEWS = '/api/v1/agencies/civil-registry/reviews';
const WL = '/api/v1/agencies/social-security/worklist';

/**
 * Supplements answered (docs/back-office.md): when the citizen answers what an officer asked, the item comes back to
 * the worklist of the role that asked, flagged `answered` until an officer decides it, and each list filters on it.
 */
for (const engine of await engines()) {
  describe(`worklists: supplements answered come back flagged to the role that asked (${engine})`, () => {
    let t: TestPlatform;
    const tokens = new Map<string, string>();
    before(async () => {
      t = await startTestPlatform(engine);
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return t.p.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(key)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    };
    const items = async (who: Principal, url: string): Promise<Json[]> => {
      const res = await call(who, 'GET', url);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items;
    };
    const dossier = (pin: string, id: string) => call({ kind: 'citizen', pin }, 'GET', `/api/v1/dossiers/${id}`).then((r) => r.json() as Json);

    test('civil registry: the answered birth is flagged and filtered; a decision takes it off', async () => {
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
        mother: { pin: PEOPLE.youngMother },
        child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' },
      });
      delete (decl as { father?: unknown }).father;
      const sub = await call({ kind: 'citizen', pin: PEOPLE.youngMother }, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: decl });
      assert.equal(sub.statusCode, 202, sub.body);
      const id = sub.json().id as string;
      const review = await eventually(async () => (await items(CR_HANOI, REVIEWS)).find((x) => x.dossierId === id), 'the review');
      assert.equal(review.answered, false);
      assert.equal((await call(CR_HANOI, 'POST', `${REVIEWS}/${review.id}/decision`, { decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: 'Send the ID card number.', reasonVi: 'Bổ sung số CCCD.' }] })).statusCode, 200);
      await eventually(async () => ((await dossier(PEOPLE.youngMother, id)).status === 'awaiting-supplement' ? true : undefined), 'awaiting the supplement');
      const answer = await call({ kind: 'citizen', pin: PEOPLE.youngMother }, 'POST', `/api/v1/dossiers/${id}/supplements`, { procedure: 'birth-registration', answers: { 'declaration.mother.pin': { idCardNumber: PEOPLE.youngMother } } });
      assert.equal(answer.statusCode, 202, answer.body);
      const back = await eventually(async () => (await items(CR_HANOI, `${REVIEWS}?answered=true`)).find((x) => x.dossierId === id), 'back, answered');
      assert.equal(back.answered, true);
      assert.match(back.supplement.answeredAt, /^2025-01-2\dT/);
      assert.deepEqual(back.supplement.answers, { 'declaration.mother.pin': { idCardNumber: PEOPLE.youngMother } });
      assert.ok(!(await items(CR_HANOI, `${REVIEWS}?answered=false`)).some((x) => x.dossierId === id), 'not among the unanswered');
      assert.equal((await call(CR_HANOI, 'GET', `${REVIEWS}?answered=maybe`)).statusCode, 400);
      assert.equal((await call(CR_HANOI, 'POST', `${REVIEWS}/${back.id}/decision`, { decision: 'approve' })).statusCode, 200);
      assert.ok(!(await items(CR_HANOI, `${REVIEWS}?answered=true`)).some((x) => x.dossierId === id), 'decided: off the list');
    });

    test('HI cards: the director’s question comes back to the director, the collector’s to the collector, each flagged until decided', async () => {
      assert.equal((await call(OPERATOR, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval: 'director', reason: 'test: the director approves' })).statusCode, 200);
      const births: string[] = [];
      for (const name of ['Lê Minh Hỏi', 'Lê Minh Đáp']) {
        const res = await call({ kind: 'citizen', pin: PEOPLE.mother }, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration({ child: { fullName: name, sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }) });
        assert.equal(res.statusCode, 202, res.body);
        births.push(res.json().id);
      }
      const item = (dossierId: string) => eventually(async () => (await items(COLLECTOR, `${WL}?status=open&limit=200`)).find((x) => x.dossierId === dossierId), 'the HI card on the worklist');
      const [byDirector, byCollector] = [await item(births[0]!), await item(births[1]!)];
      const ask = async (who: Principal, id: string) => {
        assert.equal((await call(who, 'POST', `${WL}/${id}/claim`)).statusCode, 200);
        const r = await call(who, 'POST', `${WL}/${id}/decision`, { decision: 'request-supplement', fields: [{ path: 'declaration.healthInsurance.initialFacilityCode', reason: 'Confirm the facility.' }] });
        assert.deepEqual(r.json(), { id, status: 'awaiting-supplement' });
      };
      await ask(DIRECTOR, byDirector.id);
      await ask(COLLECTOR, byCollector.id);
      for (const d of births) {
        await eventually(async () => ((await dossier(PEOPLE.mother, d)).status === 'awaiting-supplement' ? true : undefined), 'awaiting the supplement');
        const r = await call({ kind: 'citizen', pin: PEOPLE.mother }, 'POST', `/api/v1/dossiers/${d}/supplements`, { procedure: 'hi-card', answers: { 'declaration.healthInsurance.initialFacilityCode': '35001' } });
        assert.equal(r.statusCode, 202, r.body);
      }
      const directors = await eventually(async () => {
        const list = await items(DIRECTOR, `${WL}?answered=true`);
        return list.some((x) => x.id === byDirector.id) ? list : undefined;
      }, 'the director’s question answered');
      const mine = directors.find((x) => x.id === byDirector.id)!;
      assert.deepEqual([mine.status, mine.answered], ['to-approve', true], 'back on the director’s list');
      assert.ok(!directors.some((x) => x.id === byCollector.id), 'the collector’s question is not the director’s');
      const collectors = await eventually(async () => {
        const list = await items(COLLECTOR, `${WL}?answered=true`);
        return list.some((x) => x.id === byCollector.id) ? list : undefined;
      }, 'the collector’s question answered');
      assert.deepEqual([collectors.find((x) => x.id === byCollector.id)!.status], ['to-check']);
      assert.ok(!collectors.some((x) => x.id === byDirector.id));
      assert.ok(!(await items(COLLECTOR, `${WL}?answered=false`)).some((x) => x.id === byCollector.id));
      // Decided: no longer flagged. The collector sends it on; the director approves the other.
      assert.equal((await call(COLLECTOR, 'POST', `${WL}/${byCollector.id}/claim`)).statusCode, 200);
      assert.equal((await call(COLLECTOR, 'POST', `${WL}/${byCollector.id}/decision`, { decision: 'submit-for-approval' })).statusCode, 200);
      const sent = (await items(DIRECTOR, WL)).find((x) => x.id === byCollector.id)!;
      assert.deepEqual([sent.status, sent.answered], ['to-approve', false]);
      assert.equal((await call(DIRECTOR, 'POST', `${WL}/${byDirector.id}/claim`)).statusCode, 200);
      assert.equal((await call(DIRECTOR, 'POST', `${WL}/${byDirector.id}/decision`, { decision: 'approve' })).statusCode, 200);
      const [row] = await t.p.db.query<{ supplement: { requestedRole: string; answeredAt: string } }>('SELECT supplement FROM social_security.worklist_items WHERE id = $1', [byDirector.id]);
      assert.equal(row!.supplement.requestedRole, 'vss-director');
      assert.ok(row!.supplement.answeredAt);
      assert.equal((await call(OPERATOR, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval: 'automatic', reason: 'test over' })).statusCode, 200);
    });
  });
}
