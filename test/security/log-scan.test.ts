import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { birthDeclaration, citizens, DEATH, deathDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * Privacy: a full run — births (one refused, one sent to an officer and approved), a death with benefits,
 * bad input, a sign-in attempt — logged at the most verbose level, and not one PIN or name in the logs.
 */
describe('no personal data in the logs', () => {
  let t: TestPlatform;
  const lines: string[] = [];
  before(async () => {
    t = await startTestPlatform('pglite', undefined, { log: makeLogger({ level: 'trace', destination: { write: (l: string) => void lines.push(l) } }) });
  });
  after(async () => t.close());

  test('a full run at trace level writes no PIN and no name', async () => {
    const mother = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
    const widow = await t.token({ kind: 'citizen', pin: DEATH.pensionerWidow });
    const post = (token: string, group: string, declaration: unknown) =>
      t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: { group, declaration } });
    const ids = [
      (await post(mother, 'birth', birthDeclaration())).json().id,
      (await post(mother, 'birth', birthDeclaration({ mother: { pin: PEOPLE.deceasedMother } }))).json().id,
      (await post(widow, 'death', deathDeclaration())).json().id,
    ];
    await post(mother, 'birth', birthDeclaration({ child: { fullName: 'Lê 1', sex: 'x', dateOfBirth: '2999-01-01', placeOfBirth: '' } }));
    await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: PEOPLE.mother, totp: '000000' } });
    for (const id of ids.filter(Boolean))
      await eventually(async () => {
        const d = (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${mother}` } })).json();
        return d.status && d.status !== 'processing' ? true : d.code === 'NOT_FOUND' ? true : undefined;
      }, `dossier ${id}`);
    await new Promise((r) => setTimeout(r, 200));
    const log = lines.join('');
    assert.ok(lines.length > 20, `the run logged (${lines.length} lines)`);
    const pins = [...log.matchAll(/(?<!\d)\d{12}(?!\d)/g)].map((m) => m[0]);
    assert.deepEqual(pins, [], 'no 12-digit identifier in the logs');
    for (const c of citizens) assert.ok(!log.includes(c.fullName), `the name of ${c.pin.slice(0, 3)}… is not in the logs`);
  });
});
