import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PEOPLE, birthDeclaration } from '../support/fixtures.ts';
import { startTestPlatform, type TestPlatform } from '../support/harness.ts';

describe('hardening: headers, request limits, rate limits', () => {
  let t: TestPlatform;
  before(async () => {
    t = await startTestPlatform('pglite');
  });
  after(async () => t.close());

  test('every answer carries the security headers', async () => {
    for (const url of ['/health', '/api/v1/dossiers', '/docs/json']) {
      const h = (await t.p.app.inject({ method: 'GET', url })).headers;
      assert.match(String(h['content-security-policy']), /default-src 'self'/, url);
      assert.match(String(h['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(h['x-content-type-options'], 'nosniff', url);
      assert.ok(h['strict-transport-security'], url);
      assert.equal(h['x-powered-by'], undefined, url);
    }
  });

  test('a body over 1 MiB is refused with 413 and the usual error shape', async () => {
    const token = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ group: 'birth', declaration: { x: 'a'.repeat(1_100_000) } }) });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'PAYLOAD_TOO_LARGE');
  });

  test('sign-in is rate-limited per address: the 21st attempt in a minute gets 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: 'wrong-password', totp: '000000' } })).statusCode);
    assert.deepEqual(new Set(statuses), new Set([401]));
    const last = await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: 'x', totp: '000000' } });
    assert.equal(last.statusCode, 429);
    assert.deepEqual([last.json().code, typeof last.json().messageVi], ['RATE_LIMITED', 'string']);
  });

  test('submissions are rate-limited per caller, not per address', async () => {
    const a = await t.token({ kind: 'citizen', pin: PEOPLE.stranger });
    const b = await t.token({ kind: 'citizen', pin: PEOPLE.noHousehold });
    const submit = (token: string) => t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: { group: 'birth', declaration: birthDeclaration({ declarant: { pin: 'bad' } }) } });
    let first = 0;
    for (let i = 0; i < 300; i++) first = (await submit(a)).statusCode;
    assert.equal(first, 400, 'within the limit the request is judged on its merits');
    assert.equal((await submit(a)).statusCode, 429, 'the 301st in a minute');
    assert.equal((await submit(b)).statusCode, 400, 'another caller is not held back');
  });
});
