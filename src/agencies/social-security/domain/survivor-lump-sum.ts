/**
 * Lump-sum survivor allowance ("trợ cấp tuất một lần"): Law on SI 2014 art. 69, 70 (voluntary
 * participants: art. 80 and following); Law on SI 2024 art. 89, part-years art. 5.6; DOMAIN.md §4.
 *
 * Who: the relatives of a deceased pensioner, or of a deceased who qualified for the funeral
 * allowance (art. 69 refers to the persons of art. 66.1–2), or of any voluntary participant
 * (contributing or reserved, no lump sum taken). Otherwise not eligible.
 *
 * Methods:
 *  - 'pension-months' (pension.kind 'pension' or absent): 48 months of pension if the death falls in
 *    the first 2 months of pension; 0.5 month less for each further month; at least 3 months.
 *    "Month of pension" k counts calendar months from the month of `pension.since` to the month of
 *    death, both inclusive: since 2024-01-01, death 2024-02-xx → k = 2 → 48; death 2024-03-xx → k = 3
 *    → 47.5; k ≥ 92 → 3. Other monthly allowances (monthly-allowance, occupational-allowance) are not
 *    pensions: their relatives get the contribution method (interpretation).
 *  - 'contribution-years': 1.5 months of average insured salary (si-history.ts) per year before
 *    2014, 2 months per year from 2014, at least 3 months. Part-years: the months before 2014 give
 *    whole years only, and their odd months (1–11) are CARRIED into the from-2014 part (the practice
 *    of the implementing rules for lump sums; documented choice); the from-2014 total is then
 *    rounded: 1–6 odd months = half a year, 7–11 = a whole year. Examples: all from 2014, 10 y 3 m →
 *    10.5 years → 21 months; 10 y 7 m → 11 years → 22 months; 5 y 5 m before 2014 + 3 y 2 m from
 *    2014 → 5 years × 1.5 + (3 y 7 m → 4 years) × 2 = 15.5 months.
 *  - 'voluntary-under-one-year' (voluntary SI only, under 12 months): the amount paid, at most 2 months
 *    of average income. "Amount paid" = 22% (Law on SI 2014 art. 87) × the declared incomes of the
 *    months counted; state support is not deducted (SiRecord does not hold it).
 * Rounding: amount = months × basis, rounded half up to the whole dong (months is a multiple of 0.5).
 */
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { isoDate, monthOf, type IsoDate } from '../../../kernel/dates.ts';
import { num, vnd, type Bilingual, type DeathBenefitLaw } from './death-benefit-law.ts';
import { funeralEligibility, type DeathFacts, type FuneralIneligibleReason } from './funeral-allowance.ts';
import { isContributingIn, monthIndex, summarizeSiHistory } from './si-history.ts';

export type LumpSumMethod = 'pension-months' | 'contribution-years' | 'voluntary-under-one-year';
export type LumpSumIneligibleReason = Exclude<FuneralIneligibleReason, 'voluntary-too-short'> | 'no-contribution-history';

export interface ContributionYears {
  yearsBefore2014: number;
  /** After carrying the odd months before 2014 and rounding part-years. */
  yearsFrom2014: number;
  /** Odd months before 2014 moved into the from-2014 part (0–11). */
  carriedMonths: number;
}

/** Splits contribution time into counted years (see the part-year rule above). */
export function contributionYears(monthsBefore2014: number, monthsFrom2014: number): ContributionYears {
  if (![monthsBefore2014, monthsFrom2014].every((n) => Number.isInteger(n) && n >= 0)) throw new RangeError('months must be whole and ≥ 0');
  const carriedMonths = monthsBefore2014 % 12;
  const from = monthsFrom2014 + carriedMonths;
  const odd = from % 12;
  return {
    yearsBefore2014: Math.floor(monthsBefore2014 / 12),
    yearsFrom2014: Math.floor(from / 12) + (odd === 0 ? 0 : odd <= 6 ? 0.5 : 1),
    carriedMonths,
  };
}

/** Months of pension due to the relatives of a pensioner; `monthOfPension` is k above. */
export function pensionLumpSumMonths(pensionSince: IsoDate, dateOfDeath: IsoDate, law: DeathBenefitLaw): { monthOfPension: number; months: number } {
  const r = law.lumpSum;
  const monthOfPension = monthIndex(monthOf(dateOfDeath)) - monthIndex(monthOf(pensionSince)) + 1;
  if (monthOfPension < 1) throw new RangeError(`death ${dateOfDeath} before the pension began ${pensionSince}`);
  const months =
    monthOfPension <= r.pensionFullWithinMonths
      ? r.pensionFullMonths
      : Math.max(r.pensionMinimumMonths, r.pensionFullMonths - r.pensionStepMonths * (monthOfPension - r.pensionFullWithinMonths));
  return { monthOfPension, months };
}

/** months × basis, half up; exact because months is a multiple of 0.5. */
function times(months: number, basis: number): number {
  return Math.round((Math.round(months * 2) * basis) / 2);
}

export type LumpSumAssessment =
  /** `months` of `basis` (pension or average salary); null for 'voluntary-under-one-year' (the amount paid, capped). */
  | { eligible: true; method: LumpSumMethod; months: number | null; basis: number; amount: number; detail: Bilingual }
  | { eligible: false; reason: LumpSumIneligibleReason; detail: Bilingual };

export function assessSurvivorLumpSum(f: DeathFacts, law: DeathBenefitLaw): LumpSumAssessment {
  const r = f.record;
  const L = law.lumpSum;
  const no = (reason: LumpSumIneligibleReason, en: string, vi: string): LumpSumAssessment => ({ eligible: false, reason, detail: { en, vi } });
  if (!r) return no('no-si-record', 'VSS holds no SI record of the deceased', 'cơ quan BHXH không có hồ sơ của người chết');
  if (r.pension && (r.pension.kind ?? 'pension') === 'pension') {
    const { monthOfPension: k, months } = pensionLumpSumMonths(isoDate(r.pension.since), f.dateOfDeath, law);
    const P = r.pension.monthlyAmount;
    const amount = times(months, P);
    return {
      eligible: true, method: 'pension-months', months, basis: P, amount,
      detail: {
        en: `death in month ${k} of pension (since ${r.pension.since}): ${num(months).en} months (${L.pensionFullMonths} within the first ${L.pensionFullWithinMonths} months, ${num(L.pensionStepMonths).en} less for each further month, at least ${L.pensionMinimumMonths}) × monthly pension ${vnd(P).en} = ${vnd(amount).en}`,
        vi: `chết vào tháng thứ ${k} hưởng lương hưu (từ ${r.pension.since}): ${num(months).vi} tháng (${L.pensionFullMonths} tháng nếu chết trong ${L.pensionFullWithinMonths} tháng đầu, mỗi tháng hưởng thêm giảm ${num(L.pensionStepMonths).vi} tháng, thấp nhất ${L.pensionMinimumMonths} tháng) × lương hưu ${vnd(P).vi} = ${vnd(amount).vi}`,
      },
    };
  }
  const s = summarizeSiHistory(r.periods);
  const contributing = isContributingIn(r.periods, monthOf(f.dateOfDeath));
  const voluntaryParticipant = s.voluntaryMonths > 0 && !r.lumpSumTaken && (r.reserved || contributing);
  const funeral = funeralEligibility(f);
  if (!funeral.eligible && !voluntaryParticipant) {
    const reason = funeral.reason === 'voluntary-too-short' ? 'not-participating' : funeral.reason;
    return no(reason, `the deceased was not covered (${reason})`, `người chết không thuộc đối tượng (${reason})`);
  }
  if (s.averageInsuredSalary === null) return no('no-contribution-history', 'no contribution month in the record', 'hồ sơ không có tháng đóng BHXH');
  const A = s.averageInsuredSalary;
  if (s.compulsoryMonths === 0 && s.totalMonths < 12) {
    const paid = Math.round((s.voluntaryIncomeTotal * L.voluntaryRatePercent) / 100);
    const cap = times(L.voluntaryUnderOneYearCapMonths, A);
    const amount = Math.min(paid, cap);
    return {
      eligible: true, method: 'voluntary-under-one-year', months: null, basis: A, amount,
      detail: {
        en: `${s.totalMonths} months of voluntary SI only (under one year): amount paid ${L.voluntaryRatePercent}% × ${vnd(s.voluntaryIncomeTotal).en} = ${vnd(paid).en}, at most ${L.voluntaryUnderOneYearCapMonths} × average income ${vnd(A).en} = ${vnd(cap).en} → ${vnd(amount).en}`,
        vi: `chỉ có ${s.totalMonths} tháng đóng BHXH tự nguyện (chưa đủ một năm): số tiền đã đóng ${L.voluntaryRatePercent}% × ${vnd(s.voluntaryIncomeTotal).vi} = ${vnd(paid).vi}, tối đa ${L.voluntaryUnderOneYearCapMonths} × thu nhập bình quân ${vnd(A).vi} = ${vnd(cap).vi} → ${vnd(amount).vi}`,
      },
    };
  }
  const y = contributionYears(s.monthsBefore2014, s.monthsFrom2014);
  const raw = y.yearsBefore2014 * L.monthsPerYearBefore2014 + y.yearsFrom2014 * L.monthsPerYearFrom2014;
  const months = Math.max(L.minimumMonths, raw);
  const amount = times(months, A);
  return {
    eligible: true, method: 'contribution-years', months, basis: A, amount,
    detail: {
      en: `${s.totalMonths} months of SI (${s.monthsBefore2014} before 2014, ${s.monthsFrom2014} from 2014; ${y.carriedMonths} odd months before 2014 carried forward): ${y.yearsBefore2014} years × ${num(L.monthsPerYearBefore2014).en} + ${num(y.yearsFrom2014).en} years × ${L.monthsPerYearFrom2014} = ${num(raw).en} months (at least ${L.minimumMonths}) → ${num(months).en} × average insured salary ${vnd(A).en} (not revalued) = ${vnd(amount).en}`,
      vi: `${s.totalMonths} tháng đóng BHXH (${s.monthsBefore2014} tháng trước 2014, ${s.monthsFrom2014} tháng từ 2014; ${y.carriedMonths} tháng lẻ trước 2014 chuyển sang giai đoạn từ 2014): ${y.yearsBefore2014} năm × ${num(L.monthsPerYearBefore2014).vi} + ${num(y.yearsFrom2014).vi} năm × ${L.monthsPerYearFrom2014} = ${num(raw).vi} tháng (thấp nhất ${L.minimumMonths}) → ${num(months).vi} × bình quân tiền lương tháng đóng BHXH ${vnd(A).vi} (chưa điều chỉnh) = ${vnd(amount).vi}`,
    },
  };
}
