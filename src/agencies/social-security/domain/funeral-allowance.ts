/**
 * Funeral allowance ("trợ cấp mai táng") and the stop of monthly payments on a death.
 *
 * Who qualifies — Law on SI 2014 art. 66, 80; Decree 134/2015/ND-CP art. 8; Law on SI 2024 art. 85;
 * the interlinked-procedure cases of DOMAIN.md §3 (seed 000). Checked in this order, the first match
 * is recorded (several can hold at once; all of them give the same amount):
 *   case-6-pensioner-80-plus   aged ≥ 80 on the date of death and receiving a monthly pension/allowance
 *   case-1-pensioner           receiving a monthly pension or monthly SI allowance (any `pension.kind`)
 *   contributing-compulsory    a compulsory period covers the month of death (statutory, art. 66.1)
 *   case-5-awaiting-pension-age  waiting to reach the pension age (`awaitingPensionAge`)
 *   case-2-reserved-compulsory-12  contributions reserved, ≥ 12 months of compulsory SI
 *   case-3-voluntary-60        voluntary participant with ≥ 60 months of voluntary SI
 *   case-4-voluntary-mixed     voluntary participant with ≥ 12 months compulsory, or ≥ 60 months both together
 *   occupational               died of an occupational accident or disease (statutory, art. 66.1)
 * Interpretation: a "voluntary participant" is a person with at least one voluntary month who has not
 * taken a lump sum and is reserved or contributing (any scheme) in the month of death. Case 5 is
 * checked before case 2 because it is the more specific status. A person with no VSS record is not
 * eligible, whatever the cause (the occupational case concerns insured workers).
 *
 * Amount: multiplier (10) × the base salary in force ON THE DATE OF DEATH (= "the base salary of the
 * month of death": base salaries change on the 1st of a month). From 2025-07-01 (Law on SI 2024
 * art. 85, 141) it is 10 × the reference level, which equals the base salary (kernel/rules/base-salary.ts).
 * Always a whole number of dong; Math.round (half up) is kept only as a guard.
 *
 * Worked example: pensioner aged 75 dies 2024-07-01 → case-1-pensioner, 10 × 2,340,000 (Decree
 * 73/2024/ND-CP) = 23,400,000 VND; the same death on 2024-06-30 → 10 × 1,800,000 = 18,000,000 VND.
 */
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import { ageOn, compareDates, isIsoDate, lastDayOfMonth, monthOf, parts, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';
import { baseSalaryAt } from '../../../kernel/rules/base-salary.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { basisVi, deathBenefitLawAt, isOccupational, vnd, type Bilingual, type DeathCause } from './death-benefit-law.ts';
import { isContributingIn, monthAfter, summarizeSiHistory } from './si-history.ts';

export const FUNERAL_CASES = [
  'case-1-pensioner',
  'case-2-reserved-compulsory-12',
  'case-3-voluntary-60',
  'case-4-voluntary-mixed',
  'case-5-awaiting-pension-age',
  'case-6-pensioner-80-plus',
  'contributing-compulsory',
  'occupational',
] as const;
export type FuneralCase = (typeof FUNERAL_CASES)[number];

export const FUNERAL_INELIGIBLE_REASONS = ['no-si-record', 'lump-sum-taken', 'voluntary-too-short', 'reserved-under-12-months', 'not-participating'] as const;
export type FuneralIneligibleReason = (typeof FUNERAL_INELIGIBLE_REASONS)[number];

export const FUNERAL_CASE_TEXT: Readonly<Record<FuneralCase | FuneralIneligibleReason, Bilingual>> = {
  'case-1-pensioner': { en: 'receiving a monthly pension or monthly SI allowance', vi: 'đang hưởng lương hưu hoặc trợ cấp BHXH hằng tháng' },
  'case-2-reserved-compulsory-12': { en: 'contributions reserved, with at least 12 months of compulsory SI', vi: 'đang bảo lưu thời gian đóng BHXH, có từ đủ 12 tháng đóng BHXH bắt buộc' },
  'case-3-voluntary-60': { en: 'voluntary participant with at least 60 months of voluntary SI', vi: 'người tham gia BHXH tự nguyện có từ đủ 60 tháng đóng BHXH tự nguyện' },
  'case-4-voluntary-mixed': {
    en: 'voluntary participant with at least 12 months of compulsory SI, or at least 60 months of compulsory and voluntary SI together',
    vi: 'người tham gia BHXH tự nguyện có từ đủ 12 tháng đóng BHXH bắt buộc, hoặc tổng thời gian đóng bắt buộc và tự nguyện từ đủ 60 tháng',
  },
  'case-5-awaiting-pension-age': { en: 'waiting to reach the age for a monthly pension or allowance', vi: 'đang chờ đủ tuổi hưởng lương hưu hoặc trợ cấp hằng tháng' },
  'case-6-pensioner-80-plus': { en: 'aged 80 or over and receiving a monthly pension or allowance', vi: 'từ đủ 80 tuổi trở lên, đang hưởng lương hưu hoặc trợ cấp hằng tháng' },
  'contributing-compulsory': { en: 'contributing to compulsory SI in the month of death', vi: 'đang đóng BHXH bắt buộc tại tháng chết' },
  occupational: { en: 'died of an occupational accident or disease', vi: 'chết do tai nạn lao động hoặc bệnh nghề nghiệp' },
  'no-si-record': { en: 'VSS holds no social-insurance record of the deceased', vi: 'cơ quan BHXH không có hồ sơ tham gia BHXH của người chết' },
  'lump-sum-taken': { en: 'the deceased had taken lump-sum SI and was not contributing', vi: 'người chết đã hưởng BHXH một lần và không còn tham gia' },
  'voluntary-too-short': {
    en: 'voluntary participant with under 60 months of voluntary SI, under 12 months of compulsory SI and under 60 months in total',
    vi: 'người tham gia BHXH tự nguyện chưa đủ 60 tháng tự nguyện, chưa đủ 12 tháng bắt buộc và tổng thời gian chưa đủ 60 tháng',
  },
  'reserved-under-12-months': { en: 'contributions reserved with under 12 months of compulsory SI', vi: 'bảo lưu thời gian đóng nhưng chưa đủ 12 tháng đóng BHXH bắt buộc' },
  'not-participating': { en: 'neither contributing, reserved, nor receiving a monthly benefit', vi: 'không đang đóng, không bảo lưu và không hưởng trợ cấp hằng tháng' },
};

export interface DeathFacts {
  /** null when VSS has no record of the deceased. */
  record: SiRecord | null;
  dateOfBirth: IsoDate;
  dateOfDeath: IsoDate;
  cause: DeathCause;
}

export type FuneralEligibility = { eligible: true; case: FuneralCase } | { eligible: false; reason: FuneralIneligibleReason };

export function assertDeathDates(f: { dateOfBirth: IsoDate; dateOfDeath: IsoDate }): void {
  if (!isIsoDate(f.dateOfBirth) || !isIsoDate(f.dateOfDeath)) throw new RangeError(`not an ISO date: ${f.dateOfBirth} / ${f.dateOfDeath}`);
  if (compareDates(f.dateOfDeath, f.dateOfBirth) < 0) throw new RangeError(`death ${f.dateOfDeath} before birth ${f.dateOfBirth}`);
}

export function funeralEligibility(f: DeathFacts): FuneralEligibility {
  assertDeathDates(f);
  const r = f.record;
  if (!r) return { eligible: false, reason: 'no-si-record' };
  const deathMonth = monthOf(f.dateOfDeath);
  const s = summarizeSiHistory(r.periods);
  const contributing = isContributingIn(r.periods, deathMonth);
  const voluntaryParticipant = s.voluntaryMonths > 0 && !r.lumpSumTaken && (r.reserved || contributing);
  const hit = (c: FuneralCase): FuneralEligibility => ({ eligible: true, case: c });
  if (r.pension) return hit(ageOn(f.dateOfBirth, f.dateOfDeath) >= 80 ? 'case-6-pensioner-80-plus' : 'case-1-pensioner');
  if (isContributingIn(r.periods, deathMonth, 'compulsory')) return hit('contributing-compulsory');
  if (r.awaitingPensionAge) return hit('case-5-awaiting-pension-age');
  if (r.reserved && s.compulsoryMonths >= 12) return hit('case-2-reserved-compulsory-12');
  if (voluntaryParticipant && s.voluntaryMonths >= 60) return hit('case-3-voluntary-60');
  if (voluntaryParticipant && (s.compulsoryMonths >= 12 || s.totalMonths >= 60)) return hit('case-4-voluntary-mixed');
  if (isOccupational(f.cause)) return hit('occupational');
  if (r.lumpSumTaken) return { eligible: false, reason: 'lump-sum-taken' };
  if (voluntaryParticipant) return { eligible: false, reason: 'voluntary-too-short' };
  if (r.reserved) return { eligible: false, reason: 'reserved-under-12-months' };
  return { eligible: false, reason: 'not-participating' };
}

export type FuneralAllowanceDecision =
  | { kind: 'funeral-allowance'; eligibilityCase: FuneralCase; amount: number; baseSalary: number; ruleVersion: string; legalBasis: string; explanation: Bilingual }
  | { kind: 'not-eligible'; reason: FuneralIneligibleReason; amount: null; baseSalary: null; ruleVersion: string; legalBasis: string; explanation: Bilingual };

/** `rules`: the book the base salary is read from (default: the built-in tables; social security passes its own). */
export function funeralAllowance(f: DeathFacts, rules: RuleBook = BUILT_IN_RULES): FuneralAllowanceDecision {
  const e = funeralEligibility(f);
  const law = deathBenefitLawAt(f.dateOfDeath);
  if (!e.eligible) {
    const t = FUNERAL_CASE_TEXT[e.reason];
    return {
      kind: 'not-eligible', reason: e.reason, amount: null, baseSalary: null, ruleVersion: law.version, legalBasis: law.value.funeral.legalBasis,
      explanation: {
        en: `No funeral allowance: ${t.en} (${law.value.funeral.legalBasis}).`,
        vi: `Không đủ điều kiện hưởng trợ cấp mai táng: ${t.vi} (${basisVi(law.value.funeral.legalBasis)}).`,
      },
    };
  }
  const base = baseSalaryAt(f.dateOfDeath, rules.baseSalary);
  const k = law.value.funeral.multiplier;
  const amount = Math.round(k * base.value);
  const t = FUNERAL_CASE_TEXT[e.case];
  const legalBasis = `${law.value.funeral.legalBasis}; base salary: ${base.legalBasis}`;
  return {
    kind: 'funeral-allowance', eligibilityCase: e.case, amount, baseSalary: base.value, ruleVersion: `${law.version}+${base.version}`, legalBasis,
    explanation: {
      en: `Funeral allowance = ${k} × ${law.value.salaryTerm.en} ${vnd(base.value).en} in force on the date of death ${f.dateOfDeath} (${base.legalBasis}) = ${vnd(amount).en}. Eligible as ${e.case}: ${t.en} (${law.value.funeral.legalBasis}).`,
      vi: `Trợ cấp mai táng = ${k} × ${law.value.salaryTerm.vi} ${vnd(base.value).vi} áp dụng tại ngày chết ${f.dateOfDeath} (${basisVi(base.legalBasis)}) = ${vnd(amount).vi}. Đủ điều kiện theo trường hợp ${e.case}: ${t.vi} (${basisVi(law.value.funeral.legalBasis)}).`,
    },
  };
}

export interface StopMonthlyPaymentsDecision {
  kind: 'stop-monthly-payments';
  pensionKind: 'pension' | 'monthly-allowance' | 'occupational-allowance';
  /** Payments stop from this month (the month after the death). */
  fromMonth: IsoMonth;
  /** Last day of validity of the deceased's HI card. */
  hiCardEndsOn: IsoDate;
  ruleVersion: string;
  legalBasis: string;
  explanation: Bilingual;
}

/**
 * For a deceased receiving a monthly pension or allowance: stop payments from the month after the
 * death (the benefit of the month of death is due; survivor payments start the month after —
 * Law on SI 2014 art. 68, 2024 art. 87; DOMAIN.md §3). Null when the deceased received no monthly benefit.
 * The HI card of the deceased ends on the LAST DAY OF THE MONTH OF DEATH — a documented assumption
 * (DOMAIN.md gives no date; it matches the pension, and so the HI contribution, being paid for that month).
 * Example: death 2024-02-10 → fromMonth '2024-03', hiCardEndsOn '2024-02-29'.
 */
export function stopMonthlyPayments(record: SiRecord | null, dateOfDeath: IsoDate): StopMonthlyPaymentsDecision | null {
  if (!isIsoDate(dateOfDeath)) throw new RangeError(`not an ISO date: ${String(dateOfDeath)}`);
  if (!record?.pension) return null;
  const law = deathBenefitLawAt(dateOfDeath);
  const fromMonth = monthAfter(dateOfDeath);
  const { year, month } = parts(dateOfDeath);
  const hiCardEndsOn = lastDayOfMonth(year, month);
  const pensionKind = record.pension.kind ?? 'pension';
  const legalBasis = `${law.value.stopPaymentsBasis}; DOMAIN.md §3 (seed 000); HI card end: documented assumption`;
  return {
    kind: 'stop-monthly-payments', pensionKind, fromMonth, hiCardEndsOn, ruleVersion: law.version, legalBasis,
    explanation: {
      en: `Monthly ${pensionKind} of ${vnd(record.pension.monthlyAmount).en} stops from ${fromMonth}, the month after the death on ${dateOfDeath}; the HI card of the deceased is valid until ${hiCardEndsOn} (${law.value.stopPaymentsBasis}).`,
      vi: `Dừng chi trả ${pensionKind === 'pension' ? 'lương hưu' : 'trợ cấp hằng tháng'} ${vnd(record.pension.monthlyAmount).vi} từ tháng ${fromMonth}, tháng liền kề sau tháng chết (${dateOfDeath}); thẻ BHYT của người chết có giá trị đến ${hiCardEndsOn} (${basisVi(law.value.stopPaymentsBasis)}).`,
    },
  };
}
