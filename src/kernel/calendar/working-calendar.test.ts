import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isoDate } from '../dates.ts';
import { WorkingCalendar, computedYearCalendar, fromPublished } from './index.ts';

const wc = new WorkingCalendar();
const D = isoDate;

// [date, working?, why] — published calendars from the domain spec, other years computed.
const IS_WORKING: Array<[string, boolean, string]> = [
  ['2025-01-24', true, 'Fri before Tết 2025'],
  ['2025-01-27', false, 'Mon inside Tết 2025 (25 Jan–2 Feb)'],
  ['2025-02-03', true, 'Mon after Tết 2025'],
  ['2025-04-26', true, 'Sat 26 Apr 2025 worked (swap)'],
  ['2025-04-19', false, 'ordinary Saturday'],
  ['2025-05-02', false, 'Fri 2 May 2025 swapped off'],
  ['2025-05-05', true, 'Mon after 30 Apr–4 May 2025'],
  ['2026-01-02', true, 'Fri 2 Jan 2026: only 1 Jan is off'],
  ['2026-04-27', false, 'Mon 27 Apr 2026 makes up Hùng Kings on Sunday'],
  ['2026-08-22', true, 'Sat 22 Aug 2026 worked (swap)'],
  ['2026-08-31', false, 'Mon 31 Aug 2026 swapped off'],
  ['2027-02-10', false, 'computed 2027: compensation for Tết Saturday'],
  ['2027-02-12', true, 'computed 2027: first working day after Tết'],
];

for (const [d, expected, why] of IS_WORKING) {
  test(`isWorkingDay(${d}) = ${expected}: ${why}`, () => {
    assert.equal(wc.isWorkingDay(D(d)), expected);
  });
}

// [received, n, deadline, why]
const ADD: Array<[string, number, string, string]> = [
  ['2025-01-24', 2, '2025-02-04', 'spec example: Tết 25 Jan–2 Feb → Mon 3, Tue 4 Feb'],
  ['2025-01-24', 1, '2025-02-03', 'across Tết 2025'],
  ['2025-01-23', 2, '2025-02-03', 'Thu → Fri 24 Jan, then Mon 3 Feb'],
  ['2025-01-25', 1, '2025-02-04', 'received during Tết 2025: counts as received Mon 3 Feb'],
  ['2026-02-13', 1, '2026-02-23', 'across Tết 2026 (14–22 Feb)'],
  ['2026-02-13', 3, '2026-02-25', 'across Tết 2026'],
  ['2025-04-25', 1, '2025-04-26', 'Sat 26 Apr 2025 is a working day'],
  ['2025-04-25', 2, '2025-04-28', 'Sat 26 Apr worked, Sun off'],
  ['2025-04-25', 4, '2025-05-05', '26, 28, 29 Apr, then 30 Apr–4 May off'],
  ['2025-04-29', 1, '2025-05-05', 'across 30 Apr–4 May 2025'],
  ['2026-08-27', 2, '2026-09-03', 'Fri 28 Aug, then 29 Aug–2 Sep 2026 off'],
  ['2026-08-21', 1, '2026-08-22', 'Sat 22 Aug 2026 worked'],
  ['2025-12-31', 1, '2026-01-02', 'across the year boundary: 1 Jan 2026 off'],
  ['2027-02-04', 1, '2027-02-12', 'computed 2027: eve 5 Feb … compensation 11 Feb'],
  // n = 0: the day of receipt itself, or the next working day when it is not one
  ['2025-01-22', 0, '2025-01-22', 'n=0 on a working Wednesday'],
  ['2025-03-02', 0, '2025-03-03', 'n=0 on a Sunday'],
  ['2025-04-07', 0, '2025-04-08', 'n=0 on Hùng Kings 2025'],
  ['2025-04-26', 0, '2025-04-26', 'n=0 on the working Saturday 26 Apr 2025'],
  ['2025-04-19', 0, '2025-04-21', 'n=0 on an ordinary Saturday'],
  ['2026-02-18', 0, '2026-02-23', 'n=0 during Tết 2026'],
];

for (const [d, n, expected, why] of ADD) {
  test(`addWorkingDays(${d}, ${n}) = ${expected}: ${why}`, () => {
    assert.equal(wc.addWorkingDays(D(d), n), expected);
  });
}

test('addWorkingDays rejects negative or fractional n', () => {
  assert.throws(() => wc.addWorkingDays(D('2025-01-24'), -1), RangeError);
  assert.throws(() => wc.addWorkingDays(D('2025-01-24'), 1.5), RangeError);
});

// [from, to, working days in (from, to], why]
const BETWEEN: Array<[string, string, number, string]> = [
  ['2025-01-24', '2025-02-04', 2, 'across Tết 2025'],
  ['2025-04-25', '2025-05-05', 4, 'Sat 26, Mon 28, Tue 29 Apr, Mon 5 May'],
  ['2025-01-24', '2025-01-24', 0, 'empty interval'],
  ['2025-02-04', '2025-01-24', -2, 'reversed interval is negated'],
  ['2023-12-31', '2024-12-31', 251, '2024: 262 weekdays − 12 weekdays off + Sat 4 May'],
  ['2024-12-31', '2025-12-31', 250, '2025: 261 weekdays − 12 weekdays off + Sat 26 Apr'],
  ['2025-12-31', '2026-12-31', 250, '2026: 261 weekdays − 12 weekdays off + Sat 22 Aug'],
];

for (const [from, to, expected, why] of BETWEEN) {
  test(`workingDaysBetween(${from}, ${to}) = ${expected}: ${why}`, () => {
    assert.equal(wc.workingDaysBetween(D(from), D(to)), expected);
  });
}

test('from a working day, workingDaysBetween(d, addWorkingDays(d, n)) = n (2024–2027)', () => {
  for (let d = D('2024-01-01'); d <= '2027-12-31'; d = addDays(d, 3)) {
    if (!wc.isWorkingDay(d)) continue;
    for (const n of [1, 2, 5, 15]) assert.equal(wc.workingDaysBetween(d, wc.addWorkingDays(d, n)), n, `${d} + ${n}`);
  }
});

test('nextWorkingDay: same day when working, else the first working day after', () => {
  assert.equal(wc.nextWorkingDay(D('2025-02-03')), '2025-02-03');
  assert.equal(wc.nextWorkingDay(D('2025-01-25')), '2025-02-03');
  assert.equal(wc.nextWorkingDay(D('2025-04-26')), '2025-04-26');
});

test('yearCalendar: published years as given, other years computed once', () => {
  assert.equal(wc.yearCalendar(2025).source, 'published');
  assert.equal(wc.yearCalendar(2027).source, 'computed');
  assert.equal(wc.yearCalendar(2027), wc.yearCalendar(2027));
  assert.deepEqual(wc.yearCalendar(2027).daysOff, computedYearCalendar(2027).daysOff);
});

test('constructor: custom published years replace the computed default; bad data is refused', () => {
  const custom = new WorkingCalendar([
    fromPublished({ year: 2027, off: [['2027-02-15', '2027-02-15']], workingSaturdays: ['2027-02-20'], legalBasis: 'test' }),
  ]);
  assert.equal(custom.isWorkingDay(D('2027-02-10')), true); // computed 2027 would have it off
  assert.equal(custom.isWorkingDay(D('2027-02-15')), false);
  assert.equal(custom.isWorkingDay(D('2027-02-20')), true);
  assert.equal(custom.yearCalendar(2025).source, 'computed'); // not given → computed
  const friday = fromPublished({ year: 2027, off: [], workingSaturdays: ['2027-02-19'], legalBasis: 'x' });
  assert.throws(() => new WorkingCalendar([friday]), /2027-02-19 is not a Saturday/);
  const ok = computedYearCalendar(2030);
  assert.throws(() => new WorkingCalendar([ok, ok]), /given twice/);
});

test('setYear: a calendar set later is in force from then on; the base stays known; bad data is refused', () => {
  const cal = new WorkingCalendar();
  // Received Fri 2025-03-07, 3 working days → Wed 12 Mar; with Mon 10 Mar made a day off → Thu 13 Mar.
  assert.equal(cal.addWorkingDays(D('2025-03-07'), 3), '2025-03-12');
  const base = cal.yearCalendar(2025);
  cal.setYear({ ...base, source: 'operator', daysOff: [...base.daysOff, D('2025-03-10')].sort(), legalBasis: 'test decision' });
  assert.equal(cal.addWorkingDays(D('2025-03-07'), 3), '2025-03-13');
  assert.equal(cal.yearCalendar(2025).source, 'operator');
  assert.equal(cal.baseYearCalendar(2025).source, 'published');
  assert.throws(() => cal.setYear({ ...base, workingSaturdays: [D('2025-03-14')] }), /not a Saturday/);
  assert.equal(cal.yearCalendar(2025).source, 'operator', 'a refused calendar leaves the one in force');
});
