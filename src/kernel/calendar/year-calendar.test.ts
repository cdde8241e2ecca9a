import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IsoDate } from '../dates.ts';
import { dateRange, validateYearCalendar, type YearCalendar } from './year-calendar.ts';

const cal = (over: Partial<Omit<YearCalendar, 'daysOff' | 'workingSaturdays'>> & { daysOff?: string[]; workingSaturdays?: string[] }): YearCalendar => ({
  year: 2030,
  source: 'published',
  legalBasis: 'test data',
  ...over,
  daysOff: (over.daysOff ?? ['2030-01-01']) as IsoDate[],
  workingSaturdays: (over.workingSaturdays ?? []) as IsoDate[],
});

test('a well-formed calendar has no errors', () => {
  assert.deepEqual(validateYearCalendar(cal({ daysOff: ['2030-01-01', '2030-04-30'], workingSaturdays: ['2030-04-27'] })), []);
});

// [case, calendar, expected errors] — the cases operators must be told about when loading a year.
const CASES: Array<[string, YearCalendar, string[]]> = [
  ['day off outside the year', cal({ daysOff: ['2029-12-31', '2030-01-01'] }), ['daysOff: 2029-12-31 is outside 2030']],
  ['working Saturday outside the year', cal({ workingSaturdays: ['2031-01-04'] }), ['workingSaturdays: 2031-01-04 is outside 2030']],
  ['duplicate day off', cal({ daysOff: ['2030-01-01', '2030-01-01'] }), ['daysOff: 2030-01-01 is listed twice']],
  ['duplicate working Saturday', cal({ workingSaturdays: ['2030-04-27', '2030-04-27'] }), ['workingSaturdays: 2030-04-27 is listed twice']],
  ['working "Saturday" that is a Friday', cal({ workingSaturdays: ['2030-04-26'] }), ['workingSaturdays: 2030-04-26 is not a Saturday']],
  [
    'a Saturday both off and worked',
    cal({ daysOff: ['2030-04-27'], workingSaturdays: ['2030-04-27'] }),
    ['2030-04-27 is both a day off and a working Saturday'],
  ],
  ['not a date', cal({ daysOff: ['2030-02-30'] }), ['daysOff: 2030-02-30 is not a YYYY-MM-DD date']],
  ['empty legal basis', cal({ legalBasis: ' ' }), ['legalBasis is empty']],
  ['year out of range', cal({ year: 2300, daysOff: [] }), ['year 2300 is not an integer in 1900–2199']],
];

for (const [name, c, expected] of CASES) {
  test(`validateYearCalendar: ${name}`, () => {
    assert.deepEqual(validateYearCalendar(c), expected);
  });
}

test('dateRange is inclusive and rejects reversed ranges', () => {
  assert.deepEqual(dateRange('2025-12-30' as IsoDate, '2026-01-02' as IsoDate), [
    '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02',
  ]);
  assert.deepEqual(dateRange('2025-04-07' as IsoDate, '2025-04-07' as IsoDate), ['2025-04-07']);
  assert.throws(() => dateRange('2025-04-08' as IsoDate, '2025-04-07' as IsoDate), RangeError);
});
