import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { IdentityKeys } from '../../src/identity/secret-box.ts';

describe('TOTP secrets at rest: AES-256-GCM with a key from the environment', () => {
  const keys = new IdentityKeys(randomBytes(32).toString('base64'));
  const box = keys.box('totp-secrets');

  test('sealed, opened; never the same ciphertext twice; the plaintext is not in it', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'username:alice');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'username:alice');
    assert.notEqual(a, b);
    assert.match(a, /^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    assert.ok(!a.includes('JBSWY3DP'));
    assert.equal(box.open(a, 'username:alice'), 'JBSWY3DPEHPK3PXP');
  });

  const sealed = box.seal('JBSWY3DPEHPK3PXP', 'username:alice');
  const [v, iv, ct, tag] = sealed.split('.') as [string, string, string, string];
  const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
  const refusals: [string, () => string | null][] = [
    ['on another row (associated data)', () => box.open(sealed, 'username:bob')],
    ['with the key of another purpose', () => keys.box('rp-flow').open(sealed, 'username:alice')],
    ['with another identity key', () => new IdentityKeys(randomBytes(32)).box('totp-secrets').open(sealed, 'username:alice')],
    ['an altered ciphertext', () => box.open([v, iv, flip(ct), tag].join('.'), 'username:alice')],
    ['an altered tag', () => box.open([v, iv, ct, flip(tag)].join('.'), 'username:alice')],
    ['an altered nonce', () => box.open([v, flip(iv), ct, tag].join('.'), 'username:alice')],
    ['an unknown version', () => box.open(['v2', iv, ct, tag].join('.'), 'username:alice')],
    ['garbage', () => box.open('not sealed at all', 'username:alice')],
  ];
  for (const [name, open] of refusals) test(`does not open: ${name}`, () => assert.equal(open(), null));

  test('the key must be 32 bytes (base64 or hex)', () => {
    assert.throws(() => new IdentityKeys('too-short'), /32 bytes/);
    assert.doesNotThrow(() => new IdentityKeys(randomBytes(32).toString('hex')));
    assert.doesNotThrow(() => new IdentityKeys(randomBytes(32).toString('base64url')));
  });
});
