import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../dates.ts';
import { checkPinAgainst, isPin, makePin, parsePin, type Pin } from './pin.ts';

// Circular 07/2016/TT-BCA: G = century+sex code; YY = last two digits of the year.
const VALID = [
  { pin: '001085000001', province: '001', sex: 'male', year: 1985 }, // 1900s male → 0
  { pin: '079199123456', province: '079', sex: 'female', year: 1999 }, // 1900s female → 1
  { pin: '038200654321', province: '038', sex: 'male', year: 2000 }, // 2000s male → 2
  { pin: '019324999999', province: '019', sex: 'female', year: 2024 }, // 2000s female → 3
  { pin: '020401000000', province: '020', sex: 'male', year: 2101 }, // 2100s male → 4
  { pin: '035550000007', province: '035', sex: 'female', year: 2150 }, // 2100s female → 5
  { pin: '096600000000', province: '096', sex: 'male', year: 2200 }, // 2200s male → 6
  { pin: '001799000000', province: '001', sex: 'female', year: 2299 }, // 2200s female → 7
  { pin: '001800000000', province: '001', sex: 'male', year: 2300 }, // 2300s male → 8
  { pin: '001999000000', province: '001', sex: 'female', year: 2399 }, // 2300s female → 9
] as const;

for (const c of VALID) {
  test(`Decree 137/2015 + Circular 07/2016: ${c.pin} → ${c.province} ${c.sex} ${c.year}`, () => {
    const r = parsePin(c.pin);
    assert.deepEqual(r, { ok: true, value: { pin: c.pin, provinceCode: c.province, sex: c.sex, birthYear: c.year } });
    const serial = Number(c.pin.slice(6));
    assert.equal(makePin(c.province, c.sex, c.year, serial), c.pin, 'makePin round-trips');
  });
}

const INVALID = [
  ['003085000001', 'province'], // Circular 59/2021: 003 is not a province code
  ['000085000001', 'province'],
  ['00108500000', 'length'], // 11 digits
  ['0010850000011', 'length'], // 13 digits
  ['', 'length'],
  ['00108500000A', 'format'], // letter
  ['0010850 0001', 'format'], // space
  ['００１０８５０００００１', 'format'], // full-width digits: 12 UTF-16 units, but not ASCII digits
] as const;

for (const [input, reason] of INVALID) {
  test(`parsePin(${JSON.stringify(input)}) fails with '${reason}'`, () => {
    assert.deepEqual(parsePin(input), { ok: false, reason });
    assert.equal(isPin(input), false);
  });
}

const TODAY = isoDate('2025-06-15');
const CHECKS = [
  // [pin, person, expected disagreements, source]
  ['001085000001', 'male', '1985-04-30', [], 'agrees'],
  ['001085000001', 'female', '1985-04-30', ['sex'], 'G=0 means male'],
  ['001085000001', 'male', '1986-01-01', ['birth-year'], 'YY=85 means 1985'],
  ['001285000001', 'male', '1985-04-30', ['birth-year', 'future-year'], 'G=2 means 2000s → 2085 > 2025'],
  ['001326000001', 'female', '2026-01-01', ['future-year'], 'encoded year 2026 after today 2025'],
  ['001204012345', 'female', '2005-03-01', ['sex', 'birth-year'], 'doc-comment example'],
] as const;

for (const [pin, sex, dob, expected, why] of CHECKS) {
  test(`checkPinAgainst ${pin} vs ${sex} ${dob}: [${expected.join(', ')}] (${why})`, () => {
    assert.deepEqual(checkPinAgainst(pin as Pin, { sex, dateOfBirth: isoDate(dob) }, TODAY), [...expected]);
  });
}

test('checkPinAgainst: birth year equal to today’s year is not future', () => {
  assert.deepEqual(checkPinAgainst('001325000001' as Pin, { sex: 'female', dateOfBirth: isoDate('2025-01-01') }, TODAY), []);
});

test('makePin: examples and range checks', () => {
  assert.equal(makePin('079', 'female', 1985, 42), '079185000042');
  assert.equal(makePin('001', 'male', 2004, 12345), '001204012345');
  assert.throws(() => makePin('003' as never, 'male', 2000, 0), RangeError);
  assert.throws(() => makePin('001', 'male', 1899, 0), RangeError);
  assert.throws(() => makePin('001', 'male', 2400, 0), RangeError);
  assert.throws(() => makePin('001', 'male', 2000, 1_000_000), RangeError);
  assert.throws(() => makePin('001', 'male', 2000, -1), RangeError);
  assert.throws(() => makePin('001', 'male', 2000, 1.5), RangeError);
  assert.throws(() => makePin('001', 'other' as never, 2000, 1), RangeError);
});
