import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTotp, newTotpSecret, provisioningUri, totpCode, totpStep } from '../../src/identity/domain/totp.ts';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII "12345678901234567890"; 6-digit codes are the last 6 of the 8 shown.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const t = (seconds: number) => new Date(seconds * 1000);

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  const vectors: [number, string][] = [
    [59, '287082'],
    [1_111_111_109, '081804'],
    [1_111_111_111, '050471'],
    [1_234_567_890, '005924'],
    [2_000_000_000, '279037'],
  ];
  for (const [seconds, code] of vectors) test(`RFC 6238 vector at T=${seconds}: ${code}`, () => assert.equal(totpCode(RFC_SECRET, t(seconds)), code));

  // The code of step S (1_234_567_890 s lies in step 41_152_263) checked at various instants: accepted one step either side.
  const S = totpStep(t(1_234_567_890));
  const code = totpCode(RFC_SECRET, t(1_234_567_890));
  const window: [string, number, ReturnType<typeof checkTotp>][] = [
    ['in its own step', 1_234_567_890, { ok: true, step: S }],
    ['at the first second of its step', S * 30, { ok: true, step: S }],
    ['one step later (clock drift, slow typing)', (S + 1) * 30 + 29, { ok: true, step: S }],
    ['one step earlier (the device is behind)', (S - 1) * 30, { ok: true, step: S }],
    ['two steps later: refused', (S + 2) * 30, { ok: false, reason: 'wrong-totp' }],
    ['two steps earlier: refused', (S - 2) * 30 + 29, { ok: false, reason: 'wrong-totp' }],
  ];
  for (const [name, seconds, want] of window) test(`window: ${name}`, () => assert.deepEqual(checkTotp(RFC_SECRET, code, t(seconds), 0), want));

  const replay: [string, number, ReturnType<typeof checkTotp>][] = [
    ['no step used yet', 0, { ok: true, step: S }],
    ['an older step used', S - 1, { ok: true, step: S }],
    ['this very step used: a replay', S, { ok: false, reason: 'replayed-totp' }],
    ['a later step used (the code is older than the last one)', S + 1, { ok: false, reason: 'replayed-totp' }],
  ];
  for (const [name, last, want] of replay) test(`once only: ${name}`, () => assert.deepEqual(checkTotp(RFC_SECRET, code, t(1_234_567_890), last), want));

  const malformed = ['', '12345', '1234567', 'abcdef', '12 456', '０１２３４５'];
  for (const m of malformed) test(`malformed code ${JSON.stringify(m)} is refused`, () => assert.deepEqual(checkTotp(RFC_SECRET, m, t(59), 0), { ok: false, reason: 'wrong-totp' }));

  test('a wrong code of the right shape is refused', () => {
    const wrong = String((Number(totpCode(RFC_SECRET, t(59))) + 1) % 1_000_000).padStart(6, '0');
    assert.deepEqual(checkTotp(RFC_SECRET, wrong, t(59), 0), { ok: false, reason: 'wrong-totp' });
  });

  test('a new secret is 160 bits of base32; its provisioning URI names the parameters', () => {
    const s = newTotpSecret();
    assert.match(s, /^[A-Z2-7]{32}$/);
    assert.notEqual(s, newTotpSecret());
    const u = new URL(provisioningUri(s, 'lienthong', 'alice'));
    assert.equal(u.protocol, 'otpauth:');
    assert.equal(u.host, 'totp');
    assert.deepEqual(
      { secret: u.searchParams.get('secret'), issuer: u.searchParams.get('issuer'), algorithm: u.searchParams.get('algorithm'), digits: u.searchParams.get('digits'), period: u.searchParams.get('period') },
      { secret: s, issuer: 'lienthong', algorithm: 'SHA1', digits: '6', period: '30' },
    );
  });
});
