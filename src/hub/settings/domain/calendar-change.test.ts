import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computedYearCalendar, PUBLISHED_CALENDARS, PUBLISHED_YEARS, type YearCalendar } from '../../../kernel/calendar/index.ts';
import { isoDate } from '../../../kernel/dates.ts';
import { checkCalendarChange, fixedHolidays, toRanges, type CalendarChange } from './calendar-change.ts';

// Tuesday 10 March 2026. The 2026 calendar in force is the published one (kernel/calendar/published.ts).
const TODAY = isoDate('2026-03-10');
const P2026 = PUBLISHED_YEARS.find((y) => y.year === 2026)!;
const P2025 = PUBLISHED_YEARS.find((y) => y.year === 2025)!;
const in2026 = PUBLISHED_CALENDARS.find((c) => c.year === 2026)!;
const in2025 = PUBLISHED_CALENDARS.find((c) => c.year === 2025)!;
const change = (over: Partial<CalendarChange> = {}): CalendarChange => ({ off: P2026.off.map(([a, b]) => [a, b] as const), workingSaturdays: [...P2026.workingSaturdays], legalBasis: 'Quyết định của Thủ tướng', reason: 'test', ...over });
const plus = (...ranges: [string, string][]) => change({ off: [...P2026.off, ...ranges] });

// [why, year, current, change, changed days when accepted | the [path, code] refused]
const CASES: [string, number, YearCalendar, CalendarChange, string[] | [string, string][]][] = [
  ['the published calendar again: nothing changes', 2026, in2026, change(), []],
  ['a day off added after today (Mon 4 May)', 2026, in2026, plus(['2026-05-04', '2026-05-04']), ['2026-05-04']],
  ['a weekend inside a new range changes nothing but its weekdays', 2026, in2026, plus(['2026-05-02', '2026-05-04']), ['2026-05-04']],
  ['a swap: Fri 4 Sep off, Sat 12 Sep worked', 2026, in2026, change({ off: [...P2026.off, ['2026-09-04', '2026-09-04']], workingSaturdays: ['2026-08-22', '2026-09-12'] }), ['2026-09-04', '2026-09-12']],
  ['a day off before today is refused', 2026, in2026, plus(['2026-03-09', '2026-03-09']), [['off', 'past-date']]],
  ['today is refused: deadlines may have been counted over it already', 2026, in2026, plus(['2026-03-10', '2026-03-10']), [['off', 'past-date']]],
  ['a working Saturday before today is refused under its list', 2026, in2026, change({ workingSaturdays: ['2026-03-07', '2026-08-22'] }), [['workingSaturdays', 'past-date']]],
  ['a year already over cannot change', 2025, in2025, change({ off: [...P2025.off, ['2025-06-02', '2025-06-02']], workingSaturdays: [] }), [['workingSaturdays', 'past-date'], ['off', 'past-date']]],
  ['a year already over, as it was: accepted (a new legal basis, nothing changes)', 2025, in2025, change({ off: [...P2025.off], workingSaturdays: [...P2025.workingSaturdays] }), []],
  ['a working Saturday that is a Friday', 2026, in2026, change({ workingSaturdays: ['2026-08-21'] }), [['workingSaturdays.0', 'not-a-saturday']]],
  ['a working Saturday listed twice', 2026, in2026, change({ workingSaturdays: ['2026-08-22', '2026-08-22'] }), [['workingSaturdays.1', 'duplicate']]],
  ['a Saturday both off and worked', 2026, in2026, change({ workingSaturdays: ['2026-08-22', '2026-08-29'] }), [['workingSaturdays.1', 'both-off-and-worked']]],
  ['a range reaching into the next year', 2026, in2026, plus(['2026-12-31', '2027-01-02']), [['off.5', 'outside-year']]],
  ['a range backwards', 2026, in2026, plus(['2026-05-05', '2026-05-04']), [['off.5', 'bad-range']]],
  ['a date that does not exist', 2026, in2026, plus(['2026-02-30', '2026-02-30']), [['off.5', 'bad-date']]],
  ['30 April and 1 May made working days (Labor Code art. 112.1)', 2026, in2026, change({ off: P2026.off.filter(([a]) => a !== '2026-04-30') }), [['off', 'holiday-not-off'], ['off', 'holiday-not-off']]],
  ['six weeks off in a row', 2026, in2026, plus(['2026-06-01', '2026-07-15']), [['off', 'too-many-days-off']]],
  ['a blank legal basis', 2026, in2026, change({ legalBasis: ' ' }), [['legalBasis', 'required']]],
];
for (const [why, year, current, given, expected] of CASES) {
  test(`calendar ${year}: ${why}`, () => {
    const r = checkCalendarChange(year, given, current, TODAY);
    if (expected.length === 0 || typeof expected[0] === 'string') {
      assert.ok(r.ok, JSON.stringify(!r.ok && r.fields));
      assert.deepEqual(r.changedDays, expected);
      assert.equal(r.calendar.source, 'operator');
      return;
    }
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.deepEqual(r.fields.map((f) => [f.path, f.code]), expected);
    for (const f of r.fields) assert.ok(f.reason && f.reasonVi && f.reason !== f.reasonVi, `${f.code} in both languages`);
  });
}

test('a year not yet begun: any day may change (2027 against its computed calendar)', () => {
  const c2027 = computedYearCalendar(2027);
  const off = toRanges(c2027.daysOff).map(([a, b]) => [a, b] as const);
  const r = checkCalendarChange(2027, { off: [...off, ['2027-02-12', '2027-02-12']], workingSaturdays: ['2027-02-20'], legalBasis: 'Quyết định Tết 2027', reason: 'test' }, c2027, TODAY);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.fields));
  assert.deepEqual(r.changedDays, ['2027-02-12', '2027-02-20']);
});

test('the holidays the law fixes, and ranges of consecutive days', () => {
  // 2026: mùng 1 Tết = Tue 17 Feb; 10/3 lunar = Sun 26 Apr.
  assert.deepEqual(fixedHolidays(2026).map((h) => h.date), ['2026-01-01', '2026-02-17', '2026-02-18', '2026-02-19', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02']);
  assert.deepEqual(toRanges(in2026.daysOff), P2026.off);
});
