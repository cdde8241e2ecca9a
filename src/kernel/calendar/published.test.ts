import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weekday, type IsoDate } from '../dates.ts';
import { PUBLISHED_CALENDARS, fromPublished } from './published.ts';
import { validateYearCalendar } from './year-calendar.ts';

const byYear = (y: number) => {
  const c = PUBLISHED_CALENDARS.find((x) => x.year === y);
  assert.ok(c, `published calendar ${y}`);
  return c;
};
const weekdaysOff = (days: readonly IsoDate[]) => days.filter((d) => weekday(d) !== 0 && weekday(d) !== 6);

test('PUBLISHED_CALENDARS holds 2024, 2025, 2026, all valid and marked published', () => {
  assert.deepEqual(PUBLISHED_CALENDARS.map((c) => c.year), [2024, 2025, 2026]);
  for (const c of PUBLISHED_CALENDARS) {
    assert.equal(c.source, 'published');
    assert.deepEqual(validateYearCalendar(c), []);
    assert.ok(c.legalBasis.includes('Labor Code 2019'));
  }
});

// [year, Monday–Friday days off, working Saturdays, source] — all from the domain spec.
const PUBLISHED: Array<[number, string[], string[], string]> = [
  [
    2024,
    [
      '2024-01-01',
      '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', // Tết off 8–14 Feb
      '2024-04-18', // Hùng Kings (Thu)
      '2024-04-29', '2024-04-30', '2024-05-01', // 27 Apr–1 May off
      '2024-09-02', '2024-09-03', // 31 Aug–3 Sep off
    ],
    ['2024-05-04'],
    'spec 2024: Tết 8–14 Feb; 27 Apr–1 May with Sat 4 May worked; 31 Aug–3 Sep',
  ],
  [
    2025,
    [
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', // Tết off 25 Jan–2 Feb
      '2025-04-07', // Hùng Kings (Mon)
      '2025-04-30', '2025-05-01', '2025-05-02', // 30 Apr–4 May off
      '2025-09-01', '2025-09-02', // 30 Aug–2 Sep off
    ],
    ['2025-04-26'],
    'spec 2025: Tết 25 Jan–2 Feb; 30 Apr–4 May with Sat 26 Apr worked; 30 Aug–2 Sep',
  ],
  [
    2026,
    [
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', // Tết off 14–22 Feb
      '2026-04-27', // Hùng Kings Sun 26 Apr made up Mon 27 Apr
      '2026-04-30', '2026-05-01',
      '2026-08-31', '2026-09-01', '2026-09-02', // 29 Aug–2 Sep off
    ],
    ['2026-08-22'],
    'spec 2026: Tết 14–22 Feb; Hùng Kings → Mon 27 Apr; 29 Aug–2 Sep with Sat 22 Aug worked',
  ],
];

for (const [year, offWeekdays, saturdays, source] of PUBLISHED) {
  test(`published ${year}: weekdays off and swap Saturdays (${source})`, () => {
    const c = byYear(year);
    assert.deepEqual(weekdaysOff(c.daysOff), offWeekdays);
    assert.deepEqual(c.workingSaturdays, saturdays);
  });
}

// Ranges include their weekend days: [year, first, last, days in range]
const RANGES: Array<[number, string, string, number]> = [
  [2024, '2024-02-08', '2024-02-14', 7],
  [2025, '2025-01-25', '2025-02-02', 9],
  [2025, '2025-04-30', '2025-05-04', 5],
  [2025, '2025-08-30', '2025-09-02', 4],
  [2026, '2026-02-14', '2026-02-22', 9],
  [2026, '2026-08-29', '2026-09-02', 5],
];

for (const [year, first, last, n] of RANGES) {
  test(`published ${year}: ${first}..${last} is listed in full (${n} days)`, () => {
    const inRange = byYear(year).daysOff.filter((d) => d >= first && d <= last);
    assert.equal(inRange.length, n);
  });
}

test('fromPublished expands inclusive ranges, sorts and removes duplicates', () => {
  const c = fromPublished({
    year: 2030,
    off: [['2030-05-01', '2030-05-01'], ['2030-04-29', '2030-05-01']],
    workingSaturdays: ['2030-05-04'],
    legalBasis: 'test',
  });
  assert.deepEqual(c.daysOff, ['2030-04-29', '2030-04-30', '2030-05-01']);
  assert.deepEqual(c.workingSaturdays, ['2030-05-04']);
  assert.equal(c.source, 'published');
  assert.throws(() => fromPublished({ year: 2030, off: [['2030-02-30', '2030-03-01']], workingSaturdays: [], legalBasis: 'x' }), RangeError);
});
