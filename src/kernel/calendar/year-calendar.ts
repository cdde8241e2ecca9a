/**
 * One year's official calendar as data: which days are off and which Saturdays are worked.
 *
 * A day is a working day when it is Monday–Friday and not in `daysOff`, or when it is in
 * `workingSaturdays` (Labor Code 2019 art. 111 weekly rest; Decision 188/1999/QĐ-TTg 40-hour week:
 * public bodies rest on Saturday and Sunday). `daysOff` holds public holidays (art. 112.1),
 * compensatory days off (art. 111.3) and days swapped off by a Prime Minister's decision; a published
 * calendar may list the weekend days inside an inclusive off range too — they are off either way.
 */
import { addDays, compareDates, isIsoDate, parts, weekday, type IsoDate } from '../dates.ts';

export interface YearCalendar {
  year: number;
  /**
   * `published`: an official decision/notice for that year, shipped with the code; `computed`: derived from the law
   * alone; `operator`: set by the hub's IT operator through the API from a newer decision (hub/settings/calendars.ts).
   */
  source: 'published' | 'computed' | 'operator';
  daysOff: IsoDate[];
  workingSaturdays: IsoDate[];
  legalBasis: string;
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  if (compareDates(from, to) > 0) throw new RangeError(`empty range ${from}..${to}`);
  const out: IsoDate[] = [];
  for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Sorted copy without duplicates. */
export function sortedUnique(dates: Iterable<IsoDate>): IsoDate[] {
  return [...new Set(dates)].sort(compareDates);
}

/**
 * Problems that make a year calendar unusable, as human-readable messages (empty when valid).
 * Meant for operators loading a newly published year as data.
 */
export function validateYearCalendar(c: YearCalendar): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(c.year) || c.year < 1900 || c.year > 2199) {
    errors.push(`year ${c.year} is not an integer in 1900–2199`);
  }
  if (c.source !== 'published' && c.source !== 'computed' && c.source !== 'operator') errors.push(`unknown source ${String(c.source)}`);
  if (typeof c.legalBasis !== 'string' || c.legalBasis.trim() === '') errors.push('legalBasis is empty');

  const checkList = (name: 'daysOff' | 'workingSaturdays', list: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    if (!Array.isArray(list)) {
      errors.push(`${name} is not a list`);
      return seen;
    }
    for (const d of list) {
      if (typeof d !== 'string' || !isIsoDate(d)) {
        errors.push(`${name}: ${String(d)} is not a YYYY-MM-DD date`);
        continue;
      }
      if (parts(d).year !== c.year) errors.push(`${name}: ${d} is outside ${c.year}`);
      if (seen.has(d)) errors.push(`${name}: ${d} is listed twice`);
      seen.add(d);
      if (name === 'workingSaturdays' && weekday(d) !== 6) errors.push(`workingSaturdays: ${d} is not a Saturday`);
    }
    return seen;
  };

  const off = checkList('daysOff', c.daysOff);
  const worked = checkList('workingSaturdays', c.workingSaturdays);
  for (const d of worked) {
    if (off.has(d)) errors.push(`${d} is both a day off and a working Saturday`);
  }
  return errors;
}
