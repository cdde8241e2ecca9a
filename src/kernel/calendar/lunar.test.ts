import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, daysBetween, isoDate, type IsoDate } from '../dates.ts';
import { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts';

// [year, mùng 1 Tết, source]
const NEW_YEARS: Array<[number, string, string]> = [
  [2023, '2023-01-22', 'domain spec check value'],
  [2024, '2024-02-10', 'domain spec check value'],
  [2025, '2025-01-29', 'domain spec check value'],
  [2026, '2026-02-17', 'domain spec check value'],
  [2027, '2027-02-06', 'domain spec check value'],
  // UTC+7 vs China's UTC+8 (Hồ Ngọc Đức, calrules_en.html "comparison"; Wikipedia "Vietnamese calendar"):
  [1968, '1968-01-29', 'North Vietnam switched to UTC+7 in 1967; China: 30 Jan'],
  [1985, '1985-01-21', 'Vietnam one month before China (20 Feb)'],
  [2007, '2007-02-17', 'Vietnam one day before China (18 Feb)'],
  [2030, '2030-02-02', 'Vietnam one day before China (3 Feb)'],
];

for (const [year, expected, source] of NEW_YEARS) {
  test(`lunarNewYear(${year}) = ${expected} (${source})`, () => {
    assert.equal(lunarNewYear(year), expected);
  });
}

// Giỗ Tổ Hùng Vương, 10/3 lunar: [year, solar date, source]
const HUNG_KINGS: Array<[number, string, string]> = [
  [2024, '2024-04-18', 'domain spec check value'],
  [2025, '2025-04-07', 'domain spec check value'],
  [2026, '2026-04-26', 'domain spec check value'],
  [2023, '2023-04-29', 'year with leap month 2: one lunation later than usual'],
];

for (const [year, expected, source] of HUNG_KINGS) {
  test(`lunarToSolar(10, 3, ${year}) = ${expected} (${source})`, () => {
    assert.equal(lunarToSolar(10, 3, year), expected);
  });
}

// Leap months of the Vietnamese calendar (well-known: 2020 nhuận tháng 4, 2023 nhuận tháng 2,
// 2025 nhuận tháng 6, 2033 nhuận tháng 11 — the "2033 problem"; Hồ Ngọc Đức's tables).
const LEAP_MONTHS: Array<[number, number]> = [
  [2017, 6], [2020, 4], [2023, 2], [2024, 0], [2025, 6], [2026, 0], [2028, 5], [2031, 3], [2033, 11],
];

for (const [year, month] of LEAP_MONTHS) {
  test(`leapMonthOf(${year}) = ${month}`, () => {
    assert.equal(leapMonthOf(year), month);
  });
}

test('leap month 6 of 2025 starts one lunation after regular month 6 (2025-06-25 → 2025-07-25)', () => {
  assert.equal(lunarToSolar(1, 6, 2025), '2025-06-25');
  assert.equal(lunarToSolar(1, 6, 2025, true), '2025-07-25');
  assert.equal(lunarToSolar(1, 7, 2025), '2025-08-23');
});

test('month 12 of a lunar year lies in the next solar year: 1/12 Giáp Thìn = 2024-12-31', () => {
  assert.equal(lunarToSolar(1, 12, 2024), '2024-12-31');
  // Giao thừa 2025 (last day of Giáp Thìn) = 29/12 because that month 12 has 29 days.
  assert.equal(lunarToSolar(29, 12, 2024), '2025-01-28');
});

test('solarToLunar on known dates', () => {
  assert.deepEqual(solarToLunar(isoDate('2025-01-29')), { day: 1, month: 1, year: 2025, leap: false });
  assert.deepEqual(solarToLunar(isoDate('2025-08-01')), { day: 8, month: 6, year: 2025, leap: true });
  assert.deepEqual(solarToLunar(isoDate('2026-02-16')), { day: 29, month: 12, year: 2025, leap: false });
});

test('invalid lunar dates throw RangeError', () => {
  assert.throws(() => lunarToSolar(1, 5, 2025, true), RangeError); // 2025 has leap 6, not 5
  assert.throws(() => lunarToSolar(30, 12, 2024), RangeError); // month 12 of Giáp Thìn has 29 days
  assert.throws(() => lunarToSolar(0, 1, 2025), RangeError);
  assert.throws(() => lunarToSolar(1, 13, 2025), RangeError);
  assert.throws(() => lunarNewYear(1899), RangeError);
  assert.throws(() => lunarNewYear(2200), RangeError);
});

test('structure 1900–2199: 12 or 13 months of 29–30 days, Tết 21 Jan–20 Feb, months chain up', () => {
  for (let y = 1900; y <= 2199; y++) {
    const leap = leapMonthOf(y);
    const starts: IsoDate[] = [];
    for (let m = 1; m <= 12; m++) {
      starts.push(lunarToSolar(1, m, y));
      if (m === leap) starts.push(lunarToSolar(1, m, y, true));
    }
    if (y < 2199) starts.push(lunarNewYear(y + 1));
    assert.equal(starts.length, y < 2199 ? (leap ? 14 : 13) : leap ? 13 : 12, `months of ${y}`);
    for (let i = 1; i < starts.length; i++) {
      const len = daysBetween(starts[i - 1]!, starts[i]!);
      assert.ok(len === 29 || len === 30, `${y}: month starting ${starts[i - 1]} has ${len} days`);
    }
    const tet = starts[0]!;
    assert.ok(tet >= `${y}-01-21` && tet <= `${y}-02-20`, `Tết ${y} on ${tet}`);
  }
});

test('round trip lunarToSolar(solarToLunar(d)) = d for every day 1900-02-01..2199-12-31', () => {
  for (let d = isoDate('1900-02-01'); d <= '2199-12-31'; d = addDays(d, 1)) {
    const l = solarToLunar(d);
    assert.equal(lunarToSolar(l.day, l.month, l.year, l.leap), d, JSON.stringify(l));
  }
});
