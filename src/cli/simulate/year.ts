/**
 * A national year of declarations for `lienthong simulate`: how many births and deaths, in which month, on which day
 * and at what time of day they reach the platform. Pure and deterministic (one seeded generator).
 *
 * Figures (the issue's, rounded): about 1.4 million births and 0.65 million deaths registered a year in Vietnam.
 *
 * Months: an ASSUMPTION, not published statistics — no monthly series of registrations was at hand. The weights
 * encode two well-known effects, mildly: registrations dip in the month of Tết (offices close for the lunar new
 * year holiday, Labour Code 2019 art. 112; in 2025 it falls in late January) and catch up in the month after; births
 * are somewhat more frequent in the second half of the year, and deaths in the cold months of the north (December to
 * February). Replace MONTHLY with the General Statistics Office's series when it is available: nothing else changes.
 *
 * Day and hour: uniform over the days of the month, and over 07:00–21:00 Vietnam time (the portal is open every day;
 * citizens declare mostly in the day).
 *
 * Example: yearArrivals({ year: 2025, scale: 0.01, seed: 1 }) → about 14,000 births and 6,500 deaths in time order.
 */
import { daysInMonth, makeDate } from '../../kernel/dates.ts';
import { createRng } from '../seed/prng.ts';

export const NATIONAL_BIRTHS_PER_YEAR = 1_400_000;
export const NATIONAL_DEATHS_PER_YEAR = 650_000;

/** Relative weights per month, January first (see above: an assumption). */
export const MONTHLY = {
  birth: [0.92, 0.85, 1.0, 0.95, 0.98, 1.0, 1.02, 1.06, 1.08, 1.08, 1.04, 1.02],
  death: [1.12, 1.02, 1.02, 0.95, 0.94, 0.93, 0.95, 0.95, 0.93, 0.96, 1.02, 1.11],
} as const;

export type SimGroup = 'birth' | 'death';

export interface Arrival {
  /** When the declaration reaches the platform (ms since the epoch, simulated time). */
  readonly at: number;
  readonly group: SimGroup;
  /** The i-th declaration of its group (which prepared case of the population it uses). */
  readonly k: number;
  /** Sent to an officer by the checks (a birth registered late: Law on Civil Status 2014 art. 15). */
  readonly review: boolean;
}

export interface YearOptions {
  readonly year: number;
  readonly scale: number;
  readonly seed: number;
  /** Share of births the rules cannot settle alone (they wait on a civil-registry officer). */
  readonly reviewShare?: number;
}

/** Splits a yearly total over the months by the weights, the rounding remainders given to the largest fractions. */
export function perMonth(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  const left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; j < left; j++) out[order[j]![1]]!++;
  return out;
}

/** 07:00 Vietnam time (UTC+7, no daylight saving) on a day, in ms since the epoch. */
const sevenAm = (year: number, month: number, day: number) => Date.parse(`${makeDate(year, month, day)}T07:00:00+07:00`);
const FOURTEEN_HOURS = 14 * 3600_000;

export function yearArrivals(o: YearOptions): { arrivals: Arrival[]; births: number; deaths: number } {
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) throw new RangeError(`year: 2000–2100, not ${o.year}`);
  if (!(o.scale > 0 && o.scale <= 1)) throw new RangeError(`scale: more than 0, at most 1, not ${o.scale}`);
  const share = o.reviewShare ?? 0;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`review share: 0–1, not ${share}`);
  const rng = createRng(o.seed);
  const births = Math.round(NATIONAL_BIRTHS_PER_YEAR * o.scale);
  const deaths = Math.round(NATIONAL_DEATHS_PER_YEAR * o.scale);
  const arrivals: Omit<Arrival, 'k'>[] = [];
  for (const [group, total] of [
    ['birth', births],
    ['death', deaths],
  ] as const) {
    perMonth(total, MONTHLY[group]).forEach((n, m) => {
      const days = daysInMonth(o.year, m + 1);
      for (let i = 0; i < n; i++) {
        const day = rng.int(1, days);
        arrivals.push({ at: sevenAm(o.year, m + 1, day) + Math.floor(rng.next() * FOURTEEN_HOURS), group, review: group === 'birth' && rng.chance(share) });
      }
    });
  }
  arrivals.sort((a, b) => a.at - b.at);
  const next = { birth: 0, death: 0 };
  return { arrivals: arrivals.map((a) => ({ ...a, k: next[a.group]++ })), births, deaths };
}
