/**
 * Validity of the health-insurance (HI) card of a child under 6.
 *
 * Source: Law on Health Insurance art. 16.3.d; Decree 146/2018/ND-CP art. 13.2.
 *  - valid from the date of birth;
 *  - valid until:
 *      born on or before 30 September → 30 September of the year the child reaches 72 months;
 *      born after 30 September        → the last day of the month in which the child reaches 72 months.
 * A child reaches 72 months on the 6th-birthday date (29 February → 28 February), computed
 * with `anniversary` from kernel/dates.ts.
 * Decree 188/2025/ND-CP replaced Decree 146/2018 from 2025-08-15; this rule is assumed
 * unchanged there (not verified article by article), so a single version is recorded.
 *
 * Worked examples:
 *  - born 2025-01-15 → reaches 72 months 2031-01-15 → valid 2025-01-15 .. 2031-09-30
 *  - born 2024-10-01 → reaches 72 months 2030-10-01 → valid 2024-10-01 .. 2030-10-31
 *  - born 2024-02-29 → reaches 72 months 2030-02-28 → valid 2024-02-29 .. 2030-09-30
 */
import { anniversary, compareDates, isIsoDate, lastDayOfMonth, makeDate, parts, type IsoDate } from '../../../kernel/dates.ts';

export const CHILD_HI_VALIDITY_VERSION = 'child-hi-validity-2018';
export const CHILD_HI_VALIDITY_LEGAL_BASIS = 'Law on Health Insurance art. 16.3.d; Decree 146/2018/ND-CP art. 13.2';

export interface HiCardValidity {
  validFrom: IsoDate;
  validTo: IsoDate;
  legalBasis: string;
  version: string;
}

/** The date on which a child born on `dateOfBirth` reaches 72 months (6th-birthday date). */
export function reaches72Months(dateOfBirth: IsoDate): IsoDate {
  return anniversary(dateOfBirth, 6);
}

export function hiCardValidityForChild(dateOfBirth: IsoDate): HiCardValidity {
  if (!isIsoDate(dateOfBirth)) throw new RangeError(`not an ISO date: ${String(dateOfBirth)}`);
  const birth = parts(dateOfBirth);
  const at72 = parts(reaches72Months(dateOfBirth));
  // "On or before 30 September" = month ≤ 9. For a September birth both branches give 30 September.
  const bornByEndOfSeptember = birth.month <= 9;
  const validTo = bornByEndOfSeptember ? makeDate(at72.year, 9, 30) : lastDayOfMonth(at72.year, at72.month);
  return {
    validFrom: dateOfBirth,
    validTo,
    legalBasis: CHILD_HI_VALIDITY_LEGAL_BASIS,
    version: CHILD_HI_VALIDITY_VERSION,
  };
}

/**
 * Whether the child is under 6 (has not yet reached 72 months) on `on`.
 * False before the date of birth. Example: born 2020-02-29 → true on 2026-02-27, false on 2026-02-28.
 */
export function isUnderSix(dateOfBirth: IsoDate, on: IsoDate): boolean {
  if (!isIsoDate(dateOfBirth) || !isIsoDate(on)) throw new RangeError(`not an ISO date: ${dateOfBirth} / ${on}`);
  return compareDates(on, dateOfBirth) >= 0 && compareDates(on, reaches72Months(dateOfBirth)) < 0;
}
