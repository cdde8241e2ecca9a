import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc16CcittFalse, tlv, vietQrPayload, vietQrProblems, type VietQrInput } from './vietqr.ts';

/** Test-side TLV reader (independent of the builder): id → value, in order, refusing bad lengths. */
function readTlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < s.length) {
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    assert.match(id, /^\d{2}$/, `id at ${i}`);
    assert.ok(Number.isInteger(len) && i + 4 + len <= s.length, `length of ${id} at ${i}`);
    assert.ok(!out.has(id), `duplicate ${id}`);
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

// CRC-16/CCITT-FALSE catalogue check value (poly 0x1021, init 0xFFFF): '123456789' → 0x29B1.
test("CRC-16/CCITT-FALSE check value: '123456789' → 29B1", () => {
  assert.equal(crc16CcittFalse('123456789'), '29B1');
  assert.equal(crc16CcittFalse(''), 'FFFF');
});

// Payloads issued by real VietQR generators, found in public code; their CRCs were re-checked independently.
for (const [payload, source] of [
  [
    '00020101021238590010A000000727012900069704180115V3CAS62627239240208QRIBFTTA530370454063750005802VN62250821CSPZKHEL6A2 NTK O000463044729',
    'payOS-issued payload (BIN 970418)',
  ],
  [
    '00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C',
    'VietQR checkout example (BIN 970422)',
  ],
  ['00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN62240820gen by sunary/vietqr6304BE74', 'static VietQR (01=11), no amount'],
] as const) {
  test(`CRC of a known VietQR payload matches (${source})`, () => {
    assert.equal(crc16CcittFalse(payload.slice(0, -4)), payload.slice(-4));
  });
}

for (const [input, expected, source] of [
  [
    { bin: '970418', accountNumber: 'V3CAS6262723924', amount: 375_000, reference: 'CSPZKHEL6A2 NTK O0004' },
    '00020101021238590010A000000727012900069704180115V3CAS62627239240208QRIBFTTA530370454063750005802VN62250821CSPZKHEL6A2 NTK O000463044729',
    'payOS-issued payload',
  ],
  [
    { bin: '970422', accountNumber: 'VQRQACLNP2680', amount: 100_000, reference: 'Thanh toan don hang ABC' },
    '00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA530370454061000005802VN62270823Thanh toan don hang ABC6304CE4C',
    'VietQR checkout example',
  ],
] as const) {
  test(`builds exactly the known payload (${source})`, () => {
    assert.equal(vietQrPayload(input), expected);
  });
}

test('re-reading the payload gives back every field (EMVCo MPM / VietQR)', () => {
  const input: VietQrInput = { bin: '970415', accountNumber: '1130000000602', amount: 3_168_000, reference: 'BHXHTN 0123456789 2025-08' };
  const payload = vietQrPayload(input);
  const top = readTlv(payload);
  assert.deepEqual([...top.keys()], ['00', '01', '38', '53', '54', '58', '62', '63']);
  assert.equal(top.get('00'), '01');
  assert.equal(top.get('01'), '12');
  assert.equal(top.get('53'), '704');
  assert.equal(top.get('54'), '3168000');
  assert.equal(top.get('58'), 'VN');
  const account = readTlv(top.get('38')!);
  assert.equal(account.get('00'), 'A000000727');
  assert.equal(account.get('02'), 'QRIBFTTA');
  const beneficiary = readTlv(account.get('01')!);
  assert.equal(beneficiary.get('00'), '970415');
  assert.equal(beneficiary.get('01'), '1130000000602');
  assert.equal(readTlv(top.get('62')!).get('08'), 'BHXHTN 0123456789 2025-08');
  assert.match(top.get('63')!, /^[0-9A-F]{4}$/);
  assert.equal(payload.slice(-8, -4), '6304');
  assert.equal(top.get('63'), crc16CcittFalse(payload.slice(0, -4)));
});

test('boundaries: 19-character account, 25-character reference, 13-digit amount are accepted', () => {
  const p = vietQrPayload({ bin: '970436', accountNumber: 'A'.repeat(19), amount: 9_999_999_999_999, reference: 'x'.repeat(25) });
  assert.equal(readTlv(p).get('54'), '9999999999999');
});

for (const [override, code, why] of [
  [{ bin: '97043' }, 'bin-invalid', 'BIN of 5 digits'],
  [{ bin: '97043A' }, 'bin-invalid', 'BIN with a letter'],
  [{ accountNumber: '' }, 'account-invalid', 'empty account'],
  [{ accountNumber: '1'.repeat(20) }, 'account-invalid', 'account of 20 characters'],
  [{ accountNumber: '0011-0012' }, 'account-invalid', 'account with a dash'],
  [{ amount: 0 }, 'amount-invalid', 'zero amount'],
  [{ amount: -264_000 }, 'amount-invalid', 'negative amount'],
  [{ amount: 264_000.5 }, 'amount-invalid', 'fractional dong'],
  [{ amount: 10_000_000_000_000 }, 'amount-invalid', '14-digit amount'],
  [{ reference: '' }, 'reference-invalid', 'empty reference'],
  [{ reference: 'x'.repeat(26) }, 'reference-invalid', 'reference of 26 characters'],
  [{ reference: 'Đóng BHXH' }, 'reference-invalid', 'Vietnamese diacritics are not ASCII'],
] as const) {
  test(`invalid input: ${why} → ${code}`, () => {
    const changes: Partial<VietQrInput> = override;
    const input: VietQrInput = { bin: '970436', accountNumber: '0011001234567', amount: 264_000, reference: 'BHXH TN', ...changes };
    const problems = vietQrProblems(input);
    assert.deepEqual(
      problems.map((p) => p.code),
      [code],
    );
    assert.ok(problems[0]!.reason.length > 0 && problems[0]!.reasonVi.length > 0);
    assert.throws(() => vietQrPayload(input), RangeError);
  });
}

test('tlv refuses a value longer than 99 and a bad id', () => {
  assert.equal(tlv('58', 'VN'), '5802VN');
  assert.throws(() => tlv('62', 'x'.repeat(100)), RangeError);
  assert.throws(() => tlv('6', 'x'), RangeError);
});
