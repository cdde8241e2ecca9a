/**
 * Retirement age under normal working conditions (Labour Code 2019 art. 169.2; Decree 135/2020/ND-CP art. 4 and
 * Appendix I): until 2020, 60 for men and 55 for women (Labour Code 2012 art. 187); from 2021, 60 years 3 months
 * for men and 55 years 4 months for women, then 3 more months a year for men up to 62 (2028) and 4 more months a
 * year for women up to 60 (2035). The age that applies is the one in force in the year the person reaches it, so
 * a person reaches it on the first month-anniversary of their birth, at or after the base age, on which their age
 * is at least the age in force that year. Reduced ages (hard work, disability) are not modelled.
 *
 * Worked examples (Decree 135/2020 Appendix I): a man born 15 Sep 1961 reaches 60 y 3 m on 2021-12-15; a man born
 * 15 Oct 1961 would reach 60 y 3 m in January 2022, when the age is 60 y 6 m: he reaches it on 2022-04-15.
 * Used for a deceased's spouse, parents and dependants (Law on SI 2014 art. 67.2; 2024 art. 86; DOMAIN.md §4).
 */
import { compareDates, daysInMonth, makeDate, parts, type IsoDate } from '../../../kernel/dates.ts';

export type Sex = 'male' | 'female';

const ROADMAP = {
  male: { base: 720, first: 723, step: 3, max: 744 },
  female: { base: 660, first: 664, step: 4, max: 720 },
} as const;

/** The retirement age, in months, for someone reaching it in `year`. */
export function retirementAgeMonthsIn(sex: Sex, year: number): number {
  const r = ROADMAP[sex];
  if (year <= 2020) return r.base;
  return Math.min(r.max, r.first + r.step * (year - 2021));
}

/** `birth` plus `months` months, the day kept or clamped to the month's last day (29 Feb → 28 Feb). */
export function addMonths(birth: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(birth);
  const i = year * 12 + (month - 1) + months;
  const y = Math.floor(i / 12);
  const m = (i % 12) + 1;
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The day a person born on `birth` reaches the retirement age. */
export function retirementDate(sex: Sex, birth: IsoDate): IsoDate {
  for (let age = ROADMAP[sex].base; ; age++) {
    const on = addMonths(birth, age);
    if (age >= retirementAgeMonthsIn(sex, parts(on).year)) return on;
  }
}

/** Whether a person born on `birth` has reached the retirement age on `on`. */
export function hasReachedRetirementAge(sex: Sex, birth: IsoDate, on: IsoDate): boolean {
  return compareDates(retirementDate(sex, birth), on) <= 0;
}
