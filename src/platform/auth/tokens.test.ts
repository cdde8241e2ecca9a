import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RevocationList } from './revocations.ts';
import { TokenService } from './tokens.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const citizen = { kind: 'citizen', pin: '001200000001' } as const;

// Verified tokens are remembered (docs/performance.md): these check that remembering changes no answer.
describe('bearer tokens, verified once and remembered', () => {
  it('gives the same principal on every use of a valid token', async () => {
    const t = new TokenService(SECRET);
    const token = await t.issue(citizen);
    assert.deepEqual(await t.verify(token), citizen);
    assert.deepEqual(await t.verify(token), citizen);
  });

  it('refuses a token altered by one character, even after the original was remembered', async () => {
    const t = new TokenService(SECRET);
    const token = await t.issue(citizen);
    await t.verify(token);
    const sig = token.slice(token.lastIndexOf('.') + 1);
    const altered = token.slice(0, token.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    assert.equal(await t.verify(altered), null);
  });

  it('refuses a token of another secret', async () => {
    const other = await new TokenService(SECRET.replace('a-test', 'b-test')).issue(citizen);
    assert.equal(await new TokenService(SECRET).verify(other), null);
  });

  it('refuses a remembered token once its subject is revoked', async () => {
    const t = new TokenService(SECRET);
    const list = new RevocationList();
    t.useRevocations(list);
    const token = await t.issue(citizen);
    assert.deepEqual(await t.verify(token), citizen);
    list.revoke(`citizen:${citizen.pin}`, Date.now() + 1);
    assert.equal(await t.verify(token), null);
  });

  it('refuses an expired token, remembered or not', async () => {
    const t = new TokenService(SECRET);
    assert.equal(await t.verify(await t.issue(citizen, -1)), null);
    const token = await t.issue(citizen, 1);
    assert.deepEqual(await t.verify(token), citizen);
    // The remembered entry expires at the token's `exp`: move it into the past rather than wait a second.
    (t as unknown as { verified: Map<string, { expiresAtMs: number }> }).verified.get(token)!.expiresAtMs = Date.now() - 1;
    assert.equal(await t.verify(token), null);
  });
});
