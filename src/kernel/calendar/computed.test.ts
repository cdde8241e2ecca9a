import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate, weekday } from '../dates.ts';
import {
  compensatoryDays,
  computedYearCalendar,
  nationalDayAdjacent,
  statutoryHolidays,
} from './computed.ts';
import { validateYearCalendar } from './year-calendar.ts';

// Full computed days off, derived by hand from Labor Code 2019 art. 112.1 + art. 111.3.
const FULL_YEARS: Array<[number, string[], string]> = [
  [
    2023,
    [
      '2023-01-01', '2023-01-02', // Sun 1 Jan → Mon 2 Jan (art. 111.3); as decided for 2023
      '2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25', // eve Sat 21 + mùng 1–4
      '2023-01-26', '2023-01-27', // compensation for Sat 21 and Sun 22
      '2023-04-29', '2023-04-30', '2023-05-01', // Hùng Kings Sat 29 Apr, Sun 30 Apr, Mon 1 May
      '2023-05-02', '2023-05-03', // compensation, skipping the holiday Mon 1 May; as decided for 2023
      '2023-09-01', '2023-09-02', '2023-09-04', // Sat 2 Sep + Fri 1 Sep, Sat made up Mon 4; as decided
    ],
    '2023: 1 Jan on Sunday, 2 Sep on Saturday',
  ],
  [
    2027,
    [
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', // eve Fri 5 + mùng 1–4
      '2027-02-10', '2027-02-11', // compensation for Sat 6, Sun 7
      '2027-04-16', // Hùng Kings, Fri
      '2027-04-30', '2027-05-01', '2027-05-03', // 1 May on Saturday → Mon 3 May
      '2027-09-02', '2027-09-03', // Thu 2 Sep + Fri 3 Sep (adjacent-day rule)
    ],
    '2027: Tết with two weekend days, 1 May on Saturday',
  ],
];

for (const [year, expected, source] of FULL_YEARS) {
  test(`computedYearCalendar(${year}) days off (${source})`, () => {
    const c = computedYearCalendar(year);
    assert.deepEqual(c.daysOff, expected);
    assert.deepEqual(c.workingSaturdays, []);
    assert.equal(c.source, 'computed');
    assert.equal(c.year, year);
  });
}

// Art. 111.3: [weekend holiday, its compensatory day, case]
const COMPENSATION: Array<[number, string, string, string]> = [
  [2022, '2022-01-01', '2022-01-03', '1 Jan on Saturday → Monday'],
  [2022, '2022-04-10', '2022-04-11', 'Hùng Kings on Sunday → Monday'],
  [2028, '2028-01-01', '2028-01-03', '1 Jan on Saturday → Monday'],
  [2028, '2028-01-29', '2028-01-31', 'mùng 4 Tết on Saturday → Monday'],
  [2028, '2028-04-30', '2028-05-02', '30 Apr on Sunday → Tuesday (Mon 1 May is a holiday)'],
  [2028, '2028-09-02', '2028-09-04', '2 Sep on Saturday → Monday'],
  [2029, '2029-09-02', '2029-09-04', '2 Sep on Sunday, Mon 3 Sep adjacent → Tuesday'],
];

for (const [year, holiday, madeUp, name] of COMPENSATION) {
  test(`art. 111.3 in computed ${year}: ${name}`, () => {
    const holidays = statutoryHolidays(year).map((h) => h.date);
    const weekendHolidays = holidays.filter((d) => weekday(d) === 0 || weekday(d) === 6);
    const comps = compensatoryDays(holidays);
    // compensatory days are assigned to weekend holidays in date order
    const pairs = weekendHolidays.map((h, i) => [h, comps[i]]);
    assert.ok(
      pairs.some(([h, c]) => h === holiday && c === madeUp),
      `${holiday} → ${madeUp} in ${JSON.stringify(pairs)}`,
    );
    const c = computedYearCalendar(year);
    assert.ok(c.daysOff.includes(isoDate(holiday)) && c.daysOff.includes(isoDate(madeUp)));
  });
}

test('compensatoryDays: consecutive weekend holidays take successive free weekdays', () => {
  const hs = ['2023-01-21', '2023-01-22', '2023-01-23', '2023-01-24', '2023-01-25'].map(isoDate);
  assert.deepEqual(compensatoryDays(hs), ['2023-01-26', '2023-01-27']);
  assert.deepEqual(compensatoryDays([isoDate('2025-01-01')]), []); // Wednesday: nothing to make up
  // Fri + Sat holidays: the Saturday moves to Monday, over the weekend
  assert.deepEqual(compensatoryDays(['2023-09-01', '2023-09-02'].map(isoDate)), ['2023-09-04']);
});

// Art. 112.1.đ adjacent day: [year, weekday of 2 Sep, adjacent day]
const ADJACENT: Array<[number, string, string]> = [
  [2021, 'Thu', '2021-09-03'],
  [2022, 'Fri', '2022-09-01'],
  [2023, 'Sat', '2023-09-01'], // as decided for 2023
  [2024, 'Mon', '2024-09-03'], // as decided for 2024 (31 Aug–3 Sep)
  [2025, 'Tue', '2025-09-01'], // as decided for 2025 (domain spec)
  [2026, 'Wed', '2026-09-01'], // as decided for 2026 (domain spec)
  [2029, 'Sun', '2029-09-03'],
];

for (const [year, wd, expected] of ADJACENT) {
  test(`nationalDayAdjacent(${year}) with 2 Sep on ${wd} = ${expected}`, () => {
    assert.equal(nationalDayAdjacent(year), expected);
  });
}

test('statutoryHolidays(2025): the 11 days of art. 112.1 with Tết = eve 28 Jan + mùng 1–4', () => {
  assert.deepEqual(
    statutoryHolidays(2025).map((h) => h.date),
    [
      '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01',
      '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02',
    ],
  );
});

test('every computed year 1900–2199 passes validateYearCalendar; compensatory days are free weekdays', () => {
  for (let y = 1900; y <= 2199; y++) {
    const c = computedYearCalendar(y);
    assert.deepEqual(validateYearCalendar(c), [], `year ${y}`);
    const holidays = new Set(statutoryHolidays(y).map((h) => h.date));
    const weekendHolidays = [...holidays].filter((d) => weekday(d) === 0 || weekday(d) === 6).length;
    const extra = c.daysOff.filter((d) => !holidays.has(d));
    assert.equal(extra.length, weekendHolidays, `year ${y}: one compensatory day per weekend holiday`);
    for (const d of extra) assert.ok(weekday(d) >= 1 && weekday(d) <= 5, `${d} is a weekday`);
  }
});

test('computedYearCalendar rejects years outside 1900–2199', () => {
  assert.throws(() => computedYearCalendar(1899), RangeError);
  assert.throws(() => computedYearCalendar(2200), RangeError);
});
