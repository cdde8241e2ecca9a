import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childHiCardNumber, parseHiCardNumber, printedCardCode, type HiCardNumber } from './hi-card-number.ts';
import type { SiCode } from './si-code.ts';

const SI = '0123456789' as SiCode;

test('Decision 1351/QD-BHXH: child under 6 = TE1 + province + SI code', () => {
  const n = childHiCardNumber('01', SI);
  assert.equal(n, 'TE1010123456789');
  assert.equal(n.length, 15);
  assert.deepEqual(parseHiCardNumber(n), {
    ok: true,
    value: { number: 'TE1010123456789', group: 'TE', level: 1, provinceCode: '01', siCode: '0123456789' },
  });
});

test('Decision 1666/QD-BHXH (from 2021-04-01): printed code = 10-digit SI code', () => {
  assert.equal(printedCardCode('TE1010123456789' as HiCardNumber), '0123456789');
  assert.equal(printedCardCode('DN4797900000001' as HiCardNumber), '7900000001');
  assert.throws(() => printedCardCode('TE101012345678' as HiCardNumber), RangeError);
});

for (const [input, reason] of [
  ['TE101012345678', 'length'], // 14 chars
  ['TE10101234567890', 'length'], // 16 chars
  ['te1010123456789', 'group'], // lowercase
  ['T11010123456789', 'group'],
  ['TE6010123456789', 'level'], // level 1..5 only
  ['TE0010123456789', 'level'],
  ['TE1030123456789', 'province'], // 03 not a province
  ['TE101012345678X', 'si-code'],
] as const) {
  test(`parseHiCardNumber(${input}) fails with '${reason}'`, () => {
    assert.deepEqual(parseHiCardNumber(input), { ok: false, reason });
  });
}

test('parseHiCardNumber: other groups and levels', () => {
  const r = parseHiCardNumber('DN4797900000001');
  assert.ok(r.ok);
  assert.equal(r.value.group, 'DN');
  assert.equal(r.value.level, 4);
  assert.equal(r.value.provinceCode, '79');
  assert.equal(r.value.siCode, '7900000001');
});

test('childHiCardNumber: input checks', () => {
  assert.throws(() => childHiCardNumber('03' as never, SI), RangeError);
  assert.throws(() => childHiCardNumber('01', '123' as SiCode), RangeError);
});
