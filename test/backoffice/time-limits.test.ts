import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const OPERATOR: Principal = { kind: 'officer', username: 'it-hub', agency: 'hub', role: 'it-operator', provinceCode: null };
const mother: Principal = { kind: 'citizen', pin: PEOPLE.mother };
// Monday 3 March 2025, 09:00 in Hà Nội: no holiday within the next weeks, so working days are plain to count.
const MONDAY = '2025-03-03T09:00:00+07:00';

for (const engine of await engines()) {
  describe(`per-province time limits set by the hub's IT operator (${engine})`, () => {
    let t: TestPlatform;
    before(async () => {
      t = await startTestPlatform(engine, MONDAY);
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const view = async (id: string) => (await call(mother, 'GET', `/api/v1/dossiers/${id}`)).json();
    const deadlines = (d: { procedures: { code: string; deadline: string | null }[] }) => Object.fromEntries(d.procedures.map((p) => [p.code, p.deadline]));
    const birth = async (name: string) => {
      const res = await call(mother, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration({ child: { fullName: name, sex: 'female', dateOfBirth: '2025-03-01', placeOfBirth: 'Hà Nam' } }) });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().id as string;
    };
    const dispatched = (id: string, code: string) =>
      eventually(async () => {
        const d = await view(id);
        return d.procedures.find((p: { code: string; deadline: string | null }) => p.code === code)?.deadline ? d : undefined;
      }, `${code} dispatched`);

    test('an override for Hà Nam changes the residence deadline of a new dossier, not of one received before; audited', async () => {
      // Received before the change: residence registration 7 working days (Law on Residence 2020 art. 22).
      const old = await birth('Lê Thu Cũ');
      const oldDone = await dispatched(old, 'residence-registration');
      assert.equal(deadlines(oldDone)['residence-registration'], '2025-03-12', '7 working days from Mon 3 Mar');

      const bad = await call(OPERATOR, 'PUT', '/api/v1/settings/time-limits/35', { effectiveFrom: '2025-03-03', limits: [{ group: 'birth', procedure: 'no-such', workingDays: 3 }], reason: 'typo' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['limits.0.procedure', 'unknown-procedure']]);
      assert.equal((await call(OPERATOR, 'PUT', '/api/v1/settings/time-limits/35', { effectiveFrom: '2025-03-01', limits: [{ group: 'birth', procedure: 'residence-registration', workingDays: 3 }], reason: 'past' })).statusCode, 400, 'a past effective date');
      const put = await call(OPERATOR, 'PUT', '/api/v1/settings/time-limits/35', { effectiveFrom: '2025-03-03', limits: [{ group: 'birth', procedure: 'residence-registration', workingDays: 3 }], reason: 'Quyết định của UBND tỉnh Hà Nam' });
      assert.equal(put.statusCode, 200, put.body);
      const residence = put.json().procedures.find((p: { group: string; procedure: string }) => p.group === 'birth' && p.procedure === 'residence-registration');
      assert.deepEqual([residence.default.workingDays, residence.inForce], [7, { workingDays: 3, effectiveFrom: '2025-03-03' }]);

      const freshId = await birth('Lê Thu Mới');
      await dispatched(freshId, 'residence-registration');
      const fresh = await dispatched(freshId, 'hi-card');
      assert.equal(deadlines(fresh)['residence-registration'], '2025-03-06', '3 working days from Mon 3 Mar');
      assert.equal(deadlines(fresh)['hi-card'], '2025-03-05', 'other procedures keep the group’s limit (2 working days)');
      assert.equal(deadlines(await view(old))['residence-registration'], '2025-03-12', 'the old dossier keeps its deadline');
      // Another province is untouched.
      assert.equal((await call(OPERATOR, 'GET', '/api/v1/settings/time-limits/01')).json().procedures.find((p: { procedure: string }) => p.procedure === 'residence-registration').inForce, null);

      const audited = await t.p.db.query<{ actor_id: string; resource: string; details: { before: { workingDays: number | null }[]; after: { workingDays: number }[]; reason: string } }>(
        "SELECT actor_id, resource, details FROM audit.entries WHERE action = 'config.changed'",
      );
      assert.equal(audited.length, 1);
      assert.deepEqual([audited[0]!.actor_id, audited[0]!.resource, audited[0]!.details.before[0]!.workingDays, audited[0]!.details.after[0]!.workingDays, audited[0]!.details.reason], ['it-hub', 'hub/settings/time-limits/35', null, 3, 'Quyết định của UBND tỉnh Hà Nam']);
    });
  });
}
