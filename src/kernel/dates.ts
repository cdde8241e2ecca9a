/**
 * Civil dates as ISO strings `YYYY-MM-DD`, always meant in Asia/Ho_Chi_Minh (UTC+7, no DST).
 * DOMAIN.md: "Dates are civil dates in Asia/Ho_Chi_Minh (UTC+7)".
 * Arithmetic is done on UTC midnight of the civil date, which never shifts a day.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };
/** A calendar month `YYYY-MM`. */
export type IsoMonth = string & { readonly __brand: 'IsoMonth' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET_MS = 7 * 3600_000;

export function isIsoDate(s: string): s is IsoDate {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new RangeError(`not an ISO date: ${s}`);
  return s;
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

export function parts(d: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  return makeDate(year, month, daysInMonth(year, month));
}

function toUtc(d: IsoDate): number {
  const { year, month, day } = parts(d);
  return Date.UTC(year, month - 1, day);
}

function fromUtc(ms: number): IsoDate {
  const dt = new Date(ms);
  return makeDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return new Date(toUtc(d)).getUTCDay();
}

/** The civil date in Vietnam at an instant. */
export function vnDateOf(instant: Date): IsoDate {
  return fromUtc(instant.getTime() + VN_OFFSET_MS);
}

/** The instant at which a Vietnamese civil date ends (23:59:59.999 UTC+7). */
export function vnEndOfDay(d: IsoDate): Date {
  return new Date(toUtc(d) + 86_400_000 - VN_OFFSET_MS - 1);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function monthOf(d: IsoDate): IsoMonth {
  return d.slice(0, 7) as IsoMonth;
}

/**
 * The date on which a person born on `birth` reaches `years` full years.
 * DOMAIN.md §2: "A child reaches 72 months on the 6th-birthday date (for 29 February: 28 February)".
 */
export function anniversary(birth: IsoDate, years: number): IsoDate {
  const { year, month, day } = parts(birth);
  const y = year + years;
  return makeDate(y, month, Math.min(day, daysInMonth(y, month)));
}

/** Completed years of age on `on`. */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const b = parts(birth);
  const o = parts(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}
