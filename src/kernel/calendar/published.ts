/**
 * Official calendars already published (Prime Minister's decisions on Tết and swap days, relayed by the
 * labour ministry's annual notices for civil servants), written as data: inclusive ranges of days off
 * (weekend days inside a range included) and the Saturdays worked in exchange for a swapped day.
 *
 * Source of these values: the project's domain spec ("Known published calendars").
 * New years are meant to be added as data the same way; `validateYearCalendar` checks them.
 */
import { isoDate, type IsoDate } from '../dates.ts';
import { dateRange, sortedUnique, type YearCalendar } from './year-calendar.ts';

export interface PublishedYear {
  year: number;
  /** Inclusive [first, last] ranges of days off; a single day is [d, d]. */
  off: ReadonlyArray<readonly [string, string]>;
  workingSaturdays: readonly string[];
  legalBasis: string;
}

/** Expands a data entry into a `YearCalendar` (validates date syntax; semantics by `validateYearCalendar`). */
export function fromPublished(p: PublishedYear): YearCalendar {
  return {
    year: p.year,
    source: 'published',
    daysOff: sortedUnique(p.off.flatMap(([a, b]) => dateRange(isoDate(a), isoDate(b)))),
    workingSaturdays: sortedUnique(p.workingSaturdays.map((d): IsoDate => isoDate(d))),
    legalBasis: p.legalBasis,
  };
}

const LAW = 'Labor Code 2019 art. 111.3, 112.1';

export const PUBLISHED_YEARS: readonly PublishedYear[] = [
  {
    year: 2024,
    off: [
      ['2024-01-01', '2024-01-01'], // Mon: Tết Dương lịch (art. 112.1.a)
      ['2024-02-08', '2024-02-14'], // Thu–Wed: Tết Giáp Thìn (5 days + weekend; mùng 1 = Sat 10 Feb)
      ['2024-04-18', '2024-04-18'], // Thu: Giỗ Tổ Hùng Vương, 10/3 lunar
      ['2024-04-27', '2024-05-01'], // Sat–Wed: 30/4 and 1/5, with Mon 29 Apr swapped for Sat 4 May
      ['2024-08-31', '2024-09-03'], // Sat–Tue: National Day Mon 2 Sep + adjacent Tue 3 Sep
    ],
    // Every 2024 range above and the swap Saturday are given explicitly by the domain spec. Compared with
    // the computed defaults, they differ only for Tết (computed: eve Fri 9 Feb + mùng 1–4, compensation
    // Wed 14 and Thu 15 Feb; decided: Thu 8–Wed 14 Feb) and the 30/4 swap (Mon 29 Apr off, Sat 4 May worked).
    workingSaturdays: ['2024-05-04'],
    legalBasis: `${LAW}; Prime Minister's decisions for 2024 (Tết 8–14 Feb; 29 Apr swapped with Sat 4 May)`,
  },
  {
    year: 2025,
    off: [
      ['2025-01-01', '2025-01-01'], // Wed: Tết Dương lịch
      ['2025-01-25', '2025-02-02'], // Sat–Sun: Tết Ất Tỵ, 9 days (mùng 1 = Wed 29 Jan)
      ['2025-04-07', '2025-04-07'], // Mon: Giỗ Tổ Hùng Vương, 10/3 lunar
      ['2025-04-30', '2025-05-04'], // Wed–Sun: 30/4, 1/5 and Fri 2 May swapped for Sat 26 Apr
      ['2025-08-30', '2025-09-02'], // Sat–Tue: National Day Tue 2 Sep + adjacent Mon 1 Sep
    ],
    workingSaturdays: ['2025-04-26'],
    legalBasis: `${LAW}; Prime Minister's decisions for 2025 (Tết 25 Jan–2 Feb; 2 May swapped with Sat 26 Apr)`,
  },
  {
    year: 2026,
    off: [
      ['2026-01-01', '2026-01-01'], // Thu: Tết Dương lịch
      ['2026-02-14', '2026-02-22'], // Sat–Sun: Tết Bính Ngọ, 9 days (mùng 1 = Tue 17 Feb)
      ['2026-04-26', '2026-04-27'], // Giỗ Tổ Hùng Vương on Sun 26 Apr, made up Mon 27 Apr (art. 111.3)
      ['2026-04-30', '2026-05-01'], // Thu–Fri: 30/4 and 1/5
      ['2026-08-29', '2026-09-02'], // Sat–Wed: National Day Wed 2 Sep + adjacent Tue 1 Sep; Mon 31 Aug swapped
    ],
    workingSaturdays: ['2026-08-22'], // worked in exchange for Mon 31 Aug
    legalBasis: `${LAW}; Prime Minister's decisions for 2026 (Tết 14–22 Feb; 31 Aug swapped with Sat 22 Aug)`,
  },
];

export const PUBLISHED_CALENDARS: readonly YearCalendar[] = Object.freeze(PUBLISHED_YEARS.map(fromPublished));
