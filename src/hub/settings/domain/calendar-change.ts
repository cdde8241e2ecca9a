/**
 * Whether the hub's IT operator may put a year's holiday calendar in force (issue 7 item 2: the yearly holiday
 * calendar is configuration changed through the API, so that a Prime Minister's decision on Tết or a swapped day needs
 * no release). Pure: the service gives the calendar in force and today's date.
 *
 * The request is the whole year: inclusive ranges of days off (`off`, weekend days inside a range allowed, as the
 * published calendars write them — kernel/calendar/published.ts) and the Saturdays worked in exchange for a swapped day.
 * It replaces what is in force for the year (the published or computed calendar, or an earlier operator's).
 *
 * The rule on time — every CHANGED DAY is after today (`past-date`): a day "changes" when it turns from working to
 * non-working or back. Deadlines are counted in working days and stored when computed (they never move afterwards), and
 * the SLA figures count working days over past spans; a day already lived (or today, whose deadlines may already
 * have been computed) keeping its status means no past figure and no deadline computed today can be contradicted. So a
 * year already started may still be changed — a Tết decision published in October for the next year, a swap announced
 * in the spring for September — but only ahead of today; a year entirely past cannot be changed at all.
 *
 * The law the calendar must keep (Labor Code 2019 art. 112.1, `holiday-not-off`): 1 January, 30 April, 1 May, 2 September,
 * the Hùng Kings' day (10/3 lunar) and lunar new year's days 1–3 are never working days (the other days — Tết's other two,
 * the day joined to 2 September — are the Prime Minister's choice, art. 112.3). A working Saturday is a Saturday
 * (`not-a-saturday`) and not also a day off (`both-off-and-worked`); no more than MAX_RUN_OFF non-working days in a row
 * (`too-many-days-off`: a longer run is a typing error, and the working-day arithmetic refuses runs over 60).
 */
import { addDays, isIsoDate, makeDate, parts, weekday, type IsoDate } from '../../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../../kernel/errors.ts';
import { lunarNewYear, lunarToSolar, validateYearCalendar, type YearCalendar } from '../../../kernel/calendar/index.ts';
import { dateRange, sortedUnique } from '../../../kernel/calendar/year-calendar.ts';

/** More consecutive non-working days than this in a submitted year is refused. */
export const MAX_RUN_OFF = 30;

export interface CalendarChange {
  readonly off: readonly (readonly [string, string])[];
  readonly workingSaturdays: readonly string[];
  readonly legalBasis: string;
  readonly reason: string;
}

export type CalendarChangeCheck =
  | { readonly ok: true; readonly calendar: YearCalendar; readonly changedDays: readonly IsoDate[] }
  | { readonly ok: false; readonly fields: readonly FieldError[] };

/** The days the Labour Code makes holidays whatever the year's decisions (art. 112.1), with their names. */
export function fixedHolidays(year: number): { date: IsoDate; name: string }[] {
  const tet = lunarNewYear(year);
  return [
    { date: makeDate(year, 1, 1), name: 'Tết Dương lịch' },
    ...[0, 1, 2].map((i) => ({ date: addDays(tet, i), name: `Tết Âm lịch, mùng ${i + 1}` })),
    { date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương' },
    { date: makeDate(year, 4, 30), name: 'Ngày Chiến thắng' },
    { date: makeDate(year, 5, 1), name: 'Ngày Quốc tế lao động' },
    { date: makeDate(year, 9, 2), name: 'Quốc khánh' },
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Inclusive ranges of consecutive dates: ['2025-01-25'…'2025-02-02'] → [['2025-01-25', '2025-02-02']]. */
export function toRanges(days: readonly IsoDate[]): [IsoDate, IsoDate][] {
  const out: [IsoDate, IsoDate][] = [];
  for (const d of sortedUnique(days)) {
    const last = out[out.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

const isWorking = (c: { off: ReadonlySet<string>; worked: ReadonlySet<string> }, d: IsoDate) => c.worked.has(d) || (weekday(d) !== 0 && weekday(d) !== 6 && !c.off.has(d));
const sets = (c: YearCalendar) => ({ off: new Set<string>(c.daysOff), worked: new Set<string>(c.workingSaturdays) });

/** Checks `change` for `year` against the calendar in force (`current`), on `today` (the civil date in Vietnam). */
export function checkCalendarChange(year: number, change: CalendarChange, current: YearCalendar, today: IsoDate): CalendarChangeCheck {
  const errors: FieldError[] = [];
  const inYear = (d: string) => isIsoDate(d) && parts(d).year === year;
  const offDays: IsoDate[] = [];
  change.off.forEach(([from, to], i) => {
    if (!isIsoDate(from) || !isIsoDate(to)) return void errors.push(fieldError(`off.${i}`, 'bad-date', 'A range is two dates YYYY-MM-DD.', 'Mỗi khoảng gồm hai ngày dạng YYYY-MM-DD.'));
    if (!inYear(from) || !inYear(to)) return void errors.push(fieldError(`off.${i}`, 'outside-year', `Both days of a range lie in ${year}.`, `Cả hai ngày của khoảng phải thuộc năm ${year}.`));
    if (from > to) return void errors.push(fieldError(`off.${i}`, 'bad-range', 'A range runs from its first day to its last.', 'Khoảng nghỉ phải từ ngày đầu đến ngày cuối.'));
    offDays.push(...dateRange(from, to));
  });
  const off = new Set<string>(offDays);
  const seen = new Set<string>();
  change.workingSaturdays.forEach((d, i) => {
    const path = `workingSaturdays.${i}`;
    if (!isIsoDate(d)) return void errors.push(fieldError(path, 'bad-date', 'Not a date YYYY-MM-DD.', 'Không phải ngày dạng YYYY-MM-DD.'));
    if (!inYear(d)) return void errors.push(fieldError(path, 'outside-year', `The day lies outside ${year}.`, `Ngày này không thuộc năm ${year}.`));
    if (weekday(d) !== 6) errors.push(fieldError(path, 'not-a-saturday', `${d} is not a Saturday.`, `Ngày ${d} không phải thứ Bảy.`));
    if (seen.has(d)) errors.push(fieldError(path, 'duplicate', `${d} is listed twice.`, `Ngày ${d} được liệt kê hai lần.`));
    if (off.has(d)) errors.push(fieldError(path, 'both-off-and-worked', `${d} is both a day off and a working Saturday.`, `Ngày ${d} vừa là ngày nghỉ vừa là ngày làm bù.`));
    seen.add(d);
  });
  if (!change.legalBasis.trim()) errors.push(fieldError('legalBasis', 'required', 'Name the decision the calendar comes from.', 'Hãy nêu quyết định ban hành lịch nghỉ.'));
  if (!change.reason.trim()) errors.push(fieldError('reason', 'required', 'Say why the calendar changes.', 'Hãy nêu lý do thay đổi lịch.'));
  if (errors.length) return { ok: false, fields: errors };

  const calendar: YearCalendar = {
    year,
    source: 'operator',
    daysOff: sortedUnique(offDays),
    workingSaturdays: sortedUnique(change.workingSaturdays as IsoDate[]),
    legalBasis: change.legalBasis.trim(),
  };
  const next = sets(calendar);
  const was = sets(current);

  for (const h of fixedHolidays(year))
    if (isWorking(next, h.date))
      errors.push(fieldError('off', 'holiday-not-off', `${h.date} (${h.name}) is a public holiday by law and cannot be a working day (Labor Code 2019 art. 112.1).`, `Ngày ${h.date} (${h.name}) là ngày nghỉ lễ theo luật, không thể là ngày làm việc (Bộ luật Lao động 2019 Điều 112.1).`));

  let run = 0;
  let longest = 0;
  const changedDays: IsoDate[] = [];
  for (let d = makeDate(year, 1, 1); parts(d).year === year; d = addDays(d, 1)) {
    const working = isWorking(next, d);
    run = working ? 0 : run + 1;
    longest = Math.max(longest, run);
    if (working !== isWorking(was, d)) changedDays.push(d);
  }
  if (longest > MAX_RUN_OFF)
    errors.push(fieldError('off', 'too-many-days-off', `${longest} non-working days in a row; at most ${MAX_RUN_OFF}.`, `${longest} ngày không làm việc liên tiếp; tối đa ${MAX_RUN_OFF} ngày.`));
  const past = changedDays.filter((d) => d <= today);
  // Named under the list that changes it: a working Saturday added or dropped, else the days off.
  for (const [path, days] of [
    ['workingSaturdays', past.filter((d) => next.worked.has(d) !== was.worked.has(d))],
    ['off', past.filter((d) => next.worked.has(d) === was.worked.has(d))],
  ] as const) {
    if (days.length === 0) continue;
    const list = days.slice(0, 5).join(', ') + (days.length > 5 ? ` … (${days.length})` : '');
    errors.push(
      fieldError(
        path,
        'past-date',
        `Only days after today (${today}) may change; these would change: ${list}. Deadlines and working-day figures already counted over them stay as they are.`,
        `Chỉ được thay đổi các ngày sau hôm nay (${today}); các ngày sau đây sẽ bị thay đổi: ${list}. Thời hạn và số ngày làm việc đã tính qua các ngày này được giữ nguyên.`,
      ),
    );
  }
  // The kernel's own check, as a guard: anything it refuses would also be refused by the working-day calendar.
  for (const e of validateYearCalendar(calendar)) errors.push(fieldError('off', 'invalid-calendar', e, `Lịch không hợp lệ: ${e}`));
  return errors.length ? { ok: false, fields: errors } : { ok: true, calendar, changedDays };
}
