/**
 * The Vietnamese lunisolar calendar (âm lịch), lunar ⇄ solar conversion for 1900–2199.
 *
 * Rules (Hồ Ngọc Đức, "Computing the Vietnamese lunar calendar", after the Explanatory Supplement
 * to the Astronomical Almanac; https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html):
 *  1. A lunar month starts on the civil day of the new moon.
 *  2. An ordinary year has 12 months, an intercalary year 13.
 *  3. The winter solstice always falls in month 11.
 *  4. In a year (month 11 to month 11) of 13 months, the first month after month 11 that contains
 *     no principal term is the leap month; it takes the number of the month before it.
 *  5. Days are reckoned on the meridian 105°E (UTC+7) — which is why Vietnam's Tết sometimes
 *     differs from China's (e.g. 1985, 2007, 2030).
 */
import { parts, type IsoDate } from '../dates.ts';
import {
  NEW_MOON_EPOCH_JD,
  SYNODIC_MONTH,
  dateOfJdn,
  jdnOf,
  newMoonDay,
  sunSectorAtMidnight,
} from './astronomy.ts';

export const MIN_LUNAR_YEAR = 1900;
export const MAX_LUNAR_YEAR = 2199;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Index k (for `newMoonDay`) of the new moon nearest a JDN. */
function lunationIndex(jdn: number): number {
  return Math.floor((jdn - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
}

/** JDN of the first day of lunar month 11 that contains the winter solstice of Gregorian year `y`. */
function month11Start(y: number): number {
  const k = Math.floor((jdnOf(`${y}-12-31` as IsoDate) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  // If that new moon is already past the solstice (sector ≥ 9), month 11 began one lunation earlier.
  return sunSectorAtMidnight(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/**
 * In a 13-month year starting at month 11 (first day `a11`), the offset (in lunations from a11)
 * of the leap month: the first month whose start and end lie in the same sun sector (rule 4).
 */
function leapMonthOffset(a11: number): number {
  const k = lunationIndex(a11);
  let i = 1;
  let sector = sunSectorAtMidnight(newMoonDay(k + i));
  let last: number;
  do {
    last = sector;
    i++;
    sector = sunSectorAtMidnight(newMoonDay(k + i));
  } while (sector !== last && i < 14);
  return i - 1;
}

function checkYear(lunarYear: number): void {
  if (!Number.isInteger(lunarYear) || lunarYear < MIN_LUNAR_YEAR || lunarYear > MAX_LUNAR_YEAR) {
    throw new RangeError(`lunar year ${lunarYear} outside ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}`);
  }
}

/**
 * The leap month number (1–12) of a lunar year, or 0 if it has none.
 * A leap month numbered 11 or 12 belongs to the months 11–12 of `lunarYear`.
 */
export function leapMonthOf(lunarYear: number): number {
  checkYear(lunarYear);
  // Span [month 11 of y-1, month 11 of y) holds months 11–12 of y-1 and 1–10 of y;
  // span [month 11 of y, month 11 of y+1) holds months 11–12 of y.
  const spans = [
    { a11: month11Start(lunarYear - 1), b11: month11Start(lunarYear), ours: (m: number) => m < 11 },
    { a11: month11Start(lunarYear), b11: month11Start(lunarYear + 1), ours: (m: number) => m >= 11 },
  ];
  for (const { a11, b11, ours } of spans) {
    if (b11 - a11 <= 365) continue;
    // The leap month at offset `off` repeats the regular month at offset off-1, numbered 11 + (off-1).
    const month = ((leapMonthOffset(a11) + 9) % 12) + 1;
    if (ours(month)) return month;
  }
  return 0;
}

/** First day (JDN) of a lunar month; throws if the month does not exist. */
function monthStart(lunarMonth: number, lunarYear: number, leap: boolean): number {
  checkYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new RangeError(`lunar month ${lunarMonth} is not 1–12`);
  }
  const [a11, b11] =
    lunarMonth < 11
      ? [month11Start(lunarYear - 1), month11Start(lunarYear)]
      : [month11Start(lunarYear), month11Start(lunarYear + 1)];
  let off = (lunarMonth - 11 + 12) % 12; // lunations after month 11
  let leapOff = Infinity;
  if (b11 - a11 > 365) {
    leapOff = leapMonthOffset(a11);
    off += off >= leapOff ? 1 : 0;
  }
  if (leap) {
    // The leap month directly follows the regular month it repeats.
    if (off + 1 !== leapOff) throw new RangeError(`lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    off += 1;
  }
  return newMoonDay(lunationIndex(a11) + off);
}

/** The solar (Gregorian) date of a Vietnamese lunar date. Throws for a day the month does not have. */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leapMonth = false): IsoDate {
  const start = monthStart(lunarMonth, lunarYear, leapMonth);
  const length = newMoonDay(lunationIndex(start) + 1) - start;
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > length) {
    throw new RangeError(`lunar day ${lunarDay} outside 1–${length} of month ${lunarMonth}/${lunarYear}`);
  }
  return dateOfJdn(start + lunarDay - 1);
}

/** Mùng 1 Tết: the solar date of the first day of the first lunar month of `year`. */
export function lunarNewYear(year: number): IsoDate {
  return lunarToSolar(1, 1, year);
}

/** The Vietnamese lunar date of a solar date (inverse of `lunarToSolar`). */
export function solarToLunar(d: IsoDate): LunarDate {
  const jdn = jdnOf(d);
  // The month containing jdn starts at the last new-moon day ≤ jdn. The reference code tries only two
  // lunations, which yields "day 0" when the true new moon lags the mean one (e.g. 2054-05-07, 2062-04-09).
  let k = Math.floor((jdn - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k) > jdn) k--;
  const start = newMoonDay(k);
  const y = parts(d).year;
  let a11 = month11Start(y);
  let b11 = a11;
  let year: number;
  if (a11 >= start) {
    year = y;
    a11 = month11Start(y - 1);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1);
  }
  const diff = Math.floor((start - a11) / 29); // lunations since month 11
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    if (diff >= leapOff) {
      month = diff + 10;
      leap = diff === leapOff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  checkYear(year);
  return { day: jdn - start + 1, month, year, leap };
}
