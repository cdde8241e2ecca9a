/**
 * Astronomy needed by the Vietnamese lunisolar calendar: new moons and the sun's longitude.
 *
 * Formulas: Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998), ch. 49 (phases of the moon,
 * the truncated 1900-epoch series) and ch. 25 (solar coordinates, low accuracy), as used by
 * Hồ Ngọc Đức's reference implementation of the Vietnamese calendar
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules_en.html).
 * Their accuracy is ample for 1900–2199: we only need the civil day of each event.
 *
 * Days are Julian Day Numbers (JDN, an integer per civil day); instants are Julian Dates (JD, UT).
 * JDN conversion goes through `dates.ts` so the Gregorian arithmetic lives in one place.
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';

const JDN_2000_01_01 = 2451545;
const EPOCH_2000 = '2000-01-01' as IsoDate;
const DEG = Math.PI / 180;

/** Vietnam's standard meridian is 105°E, i.e. UTC+7 (Decision of 8 August 1967; calrules rule 5). */
export const VN_TIME_ZONE_HOURS = 7;

/** Mean synodic month in days. */
export const SYNODIC_MONTH = 29.530588853;

/** JD of the new moon k = 0 in Meeus' 1900 series (1900-01-01 13:52 UT). */
export const NEW_MOON_EPOCH_JD = 2415021.076998695;

export function jdnOf(d: IsoDate): number {
  return JDN_2000_01_01 + daysBetween(EPOCH_2000, d);
}

export function dateOfJdn(jdn: number): IsoDate {
  return addDays(EPOCH_2000, jdn - JDN_2000_01_01);
}

/** JD (UT) of the k-th new moon after the new moon of 1900-01-01 (Meeus, 1900 series). */
export function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * M * DEG);
  c += -0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(2 * Mpr * DEG);
  c += -0.0004 * Math.sin(3 * Mpr * DEG);
  c += 0.0104 * Math.sin(2 * F * DEG) - 0.0051 * Math.sin((M + Mpr) * DEG);
  c += -0.0074 * Math.sin((M - Mpr) * DEG) + 0.0004 * Math.sin((2 * F + M) * DEG);
  c += -0.0004 * Math.sin((2 * F - M) * DEG) - 0.0006 * Math.sin((2 * F + Mpr) * DEG);
  c += 0.001 * Math.sin((2 * F - Mpr) * DEG) + 0.0005 * Math.sin((2 * Mpr + M) * DEG);
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** The sun's apparent longitude in radians, normalised to [0, 2π), at a JD (UT). Meeus ch. 25. */
export function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M * DEG);
  dl += (0.019993 - 0.000101 * T) * Math.sin(2 * M * DEG) + 0.00029 * Math.sin(3 * M * DEG);
  const l = (L0 + dl) * DEG;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** JDN of the civil day (in Vietnam) on which the k-th new moon occurs. */
export function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + VN_TIME_ZONE_HOURS / 24);
}

/**
 * The 30° sector (0..11) of the sun's longitude at local midnight starting the day `jdn`.
 * Sector 9 begins at 270°, the winter solstice (Đông chí). A principal term falls inside a
 * lunar month exactly when this sector changes between its first day and the next month's.
 */
export function sunSectorAtMidnight(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - VN_TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}
