import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSiCode, makeSiCode } from './si-code.ts';

// Decision 1351/QD-BHXH: SI code = exactly 10 digits, no check digit.
for (const [input, expected] of [
  ['0123456789', true],
  ['7900000000', true],
  ['0300000000', true], // prefix is practice only, not checked
  ['012345678', false], // 9 digits
  ['01234567890', false], // 11 digits
  ['012345678A', false], // letter
  [' 123456789', false], // space
  ['', false],
] as const) {
  test(`isSiCode(${JSON.stringify(input)}) → ${expected}`, () => {
    assert.equal(isSiCode(input), expected);
  });
}

test('makeSiCode: province (practice) + 8-digit serial', () => {
  assert.equal(makeSiCode('01', 23_456_789), '0123456789');
  assert.equal(makeSiCode('79', 0), '7900000000');
  assert.equal(makeSiCode('96', 99_999_999), '9699999999');
  assert.ok(isSiCode(makeSiCode('38', 5)));
});

test('makeSiCode: range checks', () => {
  assert.throws(() => makeSiCode('03' as never, 1), RangeError); // 003 not a province
  assert.throws(() => makeSiCode('01', 100_000_000), RangeError);
  assert.throws(() => makeSiCode('01', -1), RangeError);
  assert.throws(() => makeSiCode('01', 0.5), RangeError);
});
