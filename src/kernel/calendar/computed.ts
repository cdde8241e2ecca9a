/**
 * The default calendar of a year for which no official calendar has been loaded, derived from the
 * Labor Code 2019 (Law 45/2019/QH14) alone.
 *
 * Art. 112.1 public holidays, with pay:
 *   a) Tết Dương lịch: 1 day (1 January);
 *   b) Tết Âm lịch: 5 days — the exact days are set each year by the Prime Minister (art. 112.3);
 *      default here: the last day of the lunar year (eve) and lunar days 1–4 of the new year;
 *   c) Victory day: 1 day (30 April);
 *   d) International Labour Day: 1 day (1 May);
 *   đ) National Day: 2 days (2 September and one day immediately before or after it);
 *   e) Hùng Kings' commemoration: 1 day (10th day of the 3rd lunar month).
 * Art. 111.3: a holiday falling on a weekly rest day is made up on the next working day.
 * No working Saturdays: swaps exist only by a Prime Minister's decision for a given year.
 */
import { addDays, makeDate, weekday, type IsoDate } from '../dates.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';
import { sortedUnique, type YearCalendar } from './year-calendar.ts';

export interface Holiday {
  date: IsoDate;
  name: string;
}

const isWeekend = (d: IsoDate): boolean => weekday(d) === 0 || weekday(d) === 6;

/**
 * The day joined to 2 September (art. 112.1.đ: "the day immediately before or after").
 * Default: 1 September, except 3 September when 2 September is a Sunday, Monday or Thursday —
 * then 3 September is the choice that keeps the days off contiguous with the weekend
 * (Thu 2 → Fri 3 gives Thu–Sun; Mon 2 → Sat–Tue; Sun 2 → Sat 1 would itself be a rest day).
 * This reproduces the published choices: 2023 (Sat → 1 Sep), 2024 (Mon → 3 Sep),
 * 2025 (Tue → 1 Sep), 2026 (Wed → 1 Sep).
 */
export function nationalDayAdjacent(year: number): IsoDate {
  const wd = weekday(makeDate(year, 9, 2));
  return makeDate(year, 9, wd === 0 || wd === 1 || wd === 4 ? 3 : 1);
}

/** The statutory holidays of art. 112.1 for `year`, in date order (Tết by the default above). */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const list: Holiday[] = [
    { date: makeDate(year, 1, 1), name: 'Tết Dương lịch (art. 112.1.a)' },
    { date: addDays(tet, -1), name: 'Tết Âm lịch: giao thừa, last day of the lunar year (art. 112.1.b)' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(tet, i), name: `Tết Âm lịch: mùng ${i + 1} (art. 112.1.b)` })),
    { date: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương, 10/3 lunar (art. 112.1.e)' },
    { date: makeDate(year, 4, 30), name: 'Victory day (art. 112.1.c)' },
    { date: makeDate(year, 5, 1), name: 'International Labour Day (art. 112.1.d)' },
    { date: makeDate(year, 9, 2), name: 'National Day (art. 112.1.đ)' },
    { date: nationalDayAdjacent(year), name: 'National Day, adjacent day (art. 112.1.đ)' },
  ];
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Art. 111.3 compensatory days: for each holiday on a Saturday or Sunday, in date order, the next
 * Monday–Friday that is neither a holiday nor already a compensatory day.
 */
export function compensatoryDays(holidays: readonly IsoDate[]): IsoDate[] {
  const taken = new Set<IsoDate>(holidays);
  const out: IsoDate[] = [];
  for (const h of sortedUnique(holidays)) {
    if (!isWeekend(h)) continue;
    let d = addDays(h, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push(d);
  }
  return out;
}

/**
 * The default calendar of `year` (1900–2199): art. 112.1 holidays plus art. 111.3 compensation.
 * Two holidays on the same date count once (the law grants no extra day; happens only in 1947,
 * when 10/3 lunar fell on 30 April).
 */
export function computedYearCalendar(year: number): YearCalendar {
  const holidays = statutoryHolidays(year).map((h) => h.date);
  return {
    year,
    source: 'computed',
    daysOff: sortedUnique([...holidays, ...compensatoryDays(holidays)]),
    workingSaturdays: [],
    legalBasis:
      'Computed: Labor Code 2019 art. 112.1 holidays (Tết = lunar eve + mùng 1–4, 2 Sep adjacent day by weekday rule), ' +
      'art. 111.3 compensatory days; no swap days (no Prime Minister decision loaded for this year)',
  };
}
