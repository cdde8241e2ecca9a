/**
 * Working-day arithmetic for time limits expressed in working days ("ngày làm việc").
 *
 * A working day is Monday–Friday, minus public holidays and compensatory days off, plus official
 * working Saturdays (swap days) — see `year-calendar.ts`. Years without a loaded official calendar
 * use `computedYearCalendar` (Labor Code 2019 art. 111.3, 112.1), computed once per year.
 *
 * Counting (`addWorkingDays`): the day of receipt is not counted and the limit runs from the next
 * working day (Civil Code 2015 art. 147.1: "the first day of the period is not counted"); a dossier
 * received on a non-working day counts as received on the next working day (domain spec: "receipt counts
 * from the next working day"; the same idea as the rule for online dossiers filed outside working hours
 * in Decree 45/2020/NĐ-CP). So n = 0 is the effective day of receipt and the count is strictly increasing in n.
 */
import { addDays, compareDates, parts, weekday, type IsoDate } from '../dates.ts';
import { computedYearCalendar } from './computed.ts';
import { PUBLISHED_CALENDARS } from './published.ts';
import { validateYearCalendar, type YearCalendar } from './year-calendar.ts';

interface YearIndex {
  calendar: YearCalendar;
  off: ReadonlySet<string>;
  worked: ReadonlySet<string>;
}

/** More consecutive non-working days than this means the calendar data is wrong. */
const MAX_NON_WORKING_RUN = 60;

export class WorkingCalendar {
  /** The calendars given to the constructor, and computed ones as they are needed. */
  readonly #years = new Map<number, YearIndex>();
  /** Calendars set later (`setYear`: a year an operator changed), in force over `#years`. */
  readonly #set = new Map<number, YearIndex>();

  /**
   * @param published official year calendars; defaults to `PUBLISHED_CALENDARS`.
   * @throws RangeError when a calendar is invalid or a year is given twice.
   */
  constructor(published: readonly YearCalendar[] = PUBLISHED_CALENDARS) {
    for (const c of published) {
      const errors = validateYearCalendar(c);
      if (errors.length > 0) throw new RangeError(`invalid calendar for ${c.year}: ${errors.join('; ')}`);
      if (this.#years.has(c.year)) throw new RangeError(`calendar for ${c.year} given twice`);
      this.#years.set(c.year, index(c));
    }
  }

  #year(year: number): YearIndex {
    return this.#set.get(year) ?? this.#base(year);
  }

  #base(year: number): YearIndex {
    let y = this.#years.get(year);
    if (!y) {
      y = index(computedYearCalendar(year));
      this.#years.set(year, y);
    }
    return y;
  }

  /** The calendar in force for `year`: the one set last (`setYear`), else the one given to the constructor, else the computed default. */
  yearCalendar(year: number): YearCalendar {
    return this.#year(year).calendar;
  }

  /** The calendar `year` would have without `setYear`: the one given to the constructor, else the computed default. */
  baseYearCalendar(year: number): YearCalendar {
    return this.#base(year).calendar;
  }

  /**
   * Puts `c` in force for its year from now on, in place of what was (the hub applies a calendar its IT operator set,
   * without a restart). Deadlines already computed are stored with their procedures and do not move.
   * @throws RangeError when the calendar is invalid.
   */
  setYear(c: YearCalendar): void {
    const errors = validateYearCalendar(c);
    if (errors.length > 0) throw new RangeError(`invalid calendar for ${c.year}: ${errors.join('; ')}`);
    this.#set.set(c.year, index(c));
  }

  isWorkingDay(d: IsoDate): boolean {
    const y = this.#year(parts(d).year);
    if (y.worked.has(d)) return true;
    const wd = weekday(d);
    return wd !== 0 && wd !== 6 && !y.off.has(d);
  }

  /** The first working day on or after `d`. */
  nextWorkingDay(d: IsoDate): IsoDate {
    let cur = d;
    for (let i = 0; i <= MAX_NON_WORKING_RUN; i++, cur = addDays(cur, 1)) {
      if (this.isWorkingDay(cur)) return cur;
    }
    throw new RangeError(`no working day within ${MAX_NON_WORKING_RUN} days after ${d}`);
  }

  /**
   * The deadline of a time limit of `n` working days for a dossier received on `d`:
   * receipt counts from the next working day, so n = 0 gives `d` itself when it is a working day and
   * otherwise the next working day; each further unit is the next working day after the previous one.
   * E.g. received Fri 2025-01-24, n = 2: Tết 25 Jan–2 Feb is off → Mon 3 Feb, Tue 4 Feb → 2025-02-04.
   * @throws RangeError unless n is a non-negative integer.
   */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let cur = this.nextWorkingDay(d);
    for (let i = 0; i < n; i++) cur = this.nextWorkingDay(addDays(cur, 1));
    return cur;
  }

  /** The number of working days in (from, to]; negative (−count of (to, from]) when to is before from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    if (compareDates(to, from) < 0) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) {
      if (this.isWorkingDay(d)) count++;
    }
    return count;
  }
}

/** Indexes a frozen copy, so later changes to the caller's object cannot desynchronise the sets. */
function index(c: YearCalendar): YearIndex {
  const calendar: YearCalendar = Object.freeze({
    ...c,
    daysOff: Object.freeze([...c.daysOff]) as IsoDate[],
    workingSaturdays: Object.freeze([...c.workingSaturdays]) as IsoDate[],
  });
  return { calendar, off: new Set(calendar.daysOff), worked: new Set(calendar.workingSaturdays) };
}
