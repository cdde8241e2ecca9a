import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVINCE_CODES, isProvinceCode2, isProvinceCode3, provinceCode2, provinceCode3, provinceName } from './province-codes.ts';

// Circular 59/2021/TT-BCA annex: the 63 codes, as listed in the brief.
const EXPECTED =
  '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'.split(' ');

test('Circular 59/2021/TT-BCA: exactly the 63 codes, ascending', () => {
  assert.equal(PROVINCE_CODES.length, 63);
  assert.deepEqual([...PROVINCE_CODES], EXPECTED);
  assert.ok(Object.isFrozen(PROVINCE_CODES));
});

for (const [code, name] of [
  ['001', 'Hà Nội'],
  ['019', 'Thái Nguyên'],
  ['020', 'Lạng Sơn'],
  ['035', 'Hà Nam'],
  ['038', 'Thanh Hóa'],
  ['079', 'TP. Hồ Chí Minh'],
] as const) {
  test(`Circular 59/2021/TT-BCA: ${code} is ${name}`, () => {
    assert.equal(provinceName(code), name.normalize('NFC'));
    assert.equal(provinceName(code), provinceName(code)?.normalize('NFC'), 'name stored in NFC');
  });
}

for (const [input, expected] of [
  ['001', true],
  ['096', true],
  ['003', false], // gap in the list
  ['097', false],
  ['000', false],
  ['01', false], // 2-digit form is not a 3-digit code
  ['0001', false],
] as const) {
  test(`isProvinceCode3(${JSON.stringify(input)}) → ${expected}`, () => {
    assert.equal(isProvinceCode3(input), expected);
  });
}

test('2-digit form = last two digits (HI cards, addresses)', () => {
  assert.equal(provinceCode2('001'), '01');
  assert.equal(provinceCode2('079'), '79');
  assert.equal(provinceCode3('79'), '079');
  assert.equal(provinceCode3('01'), '001');
  assert.equal(provinceCode3('03'), undefined); // 003 not in the list
  assert.equal(provinceCode3('1'), undefined);
  assert.equal(provinceCode3('x1'), undefined);
  assert.equal(isProvinceCode2('96'), true);
  assert.equal(isProvinceCode2('97'), false);
  for (const c of PROVINCE_CODES) assert.equal(provinceCode3(provinceCode2(c)), c);
});

test('provinceCode2 rejects a non-code at runtime', () => {
  assert.throws(() => provinceCode2('003' as never), RangeError);
});
