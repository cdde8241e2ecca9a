/**
 * Monthly survivor allowance ("trợ cấp tuất hằng tháng"): whether the deceased opens it, which
 * relatives qualify, and how much each gets. Law on SI 2014 art. 67, 68; Law on SI 2024 art. 86, 87
 * (rates on the reference level = base salary, art. 141); DOMAIN.md §4.
 *
 * The deceased opens it (first match recorded):
 *   pensioner-15-years       receiving a pension (`pension.kind` 'pension' or absent) with ≥ 15 years
 *                            (180 months) of compulsory SI in the record (DOMAIN.md: "a pensioner with ≥ 15 years")
 *   compulsory-15-years      ≥ 180 months of compulsory SI and no lump sum taken
 *   occupational-allowance-61  receiving a monthly occupational allowance with incapacity ≥ 61%
 *   occupational-death       died of an occupational accident or disease
 * Relatives (input `Relative`; ages and retirement age are the caller's facts on the date of death):
 *   child    — under 18, or in utero at the death, or any age with incapacity ≥ 81%;
 *   spouse, father, mother, father-in-law, mother-in-law, dependant — reached retirement age
 *            (Labour Code 2019 art. 169, computed by the caller) or incapacity ≥ 81%, and (2014 art. 67.3,
 *            not in DOMAIN.md) a monthly income below the base salary; `monthlyIncome` omitted = no income.
 * Rate: 50% of the base salary per relative; 70% for a relative with no direct caretaker.
 * At most 4 relatives are paid: the eligible relatives are ordered by rate, highest first, keeping
 * the input order among equal rates, and the first 4 are paid (documented choice: it maximises the
 * family's total; the others are listed as not paid, reason 'over-limit').
 *
 * Timing: paid from the month after the death. The law version is resolved on the date of death;
 * the base salary is resolved on the FIRST DAY OF THE FIRST MONTH PAID (the month after the death),
 * because that is the month the amount is for — so a death on 2024-06-30 is paid from 2024-07 at
 * 2,340,000 × 50% = 1,170,000. Later base-salary changes apply to later months (not computed here).
 * The income test uses that same base salary. Amounts are whole dong (× 50 / 100, half up).
 */
import type { SiRecord } from '../../../contracts/imports/si-records.ts';
import type { IsoDate, IsoMonth } from '../../../kernel/dates.ts';
import { baseSalaryAt } from '../../../kernel/rules/base-salary.ts';
import type { RuleVersion } from '../../../kernel/rules/effective-dated.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { isOccupational, type Bilingual, type DeathBenefitLaw, type DeathCause } from './death-benefit-law.ts';
import { monthAfter, summarizeSiHistory } from './si-history.ts';

export const RELATIONSHIPS = ['child', 'spouse', 'father', 'mother', 'father-in-law', 'mother-in-law', 'dependant'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export interface Relative {
  pin: string;
  relationship: Relationship;
  /** Completed years of age on the date of death (0 for a child in utero). */
  ageYears: number;
  /** A child conceived before the death and born after it. */
  inUtero?: boolean;
  /** Assessed loss of working capacity, 0–100 (0 when none). */
  incapacityPercent: number;
  /** Whether someone has the duty to care for and support this relative; false → 70%. */
  hasDirectCaretaker: boolean;
  /** Reached the retirement age on the date of death (caller computes it). Not used for children. */
  reachedRetirementAge?: boolean;
  /** Monthly income, VND; omitted = no income. Not used for children. */
  monthlyIncome?: number;
}

export const SURVIVOR_MONTHLY_GROUNDS = ['pensioner-15-years', 'compulsory-15-years', 'occupational-allowance-61', 'occupational-death'] as const;
export type SurvivorMonthlyGround = (typeof SURVIVOR_MONTHLY_GROUNDS)[number];

export const GROUND_TEXT: Readonly<Record<SurvivorMonthlyGround, Bilingual>> = {
  'pensioner-15-years': { en: 'receiving a pension with at least 15 years of compulsory SI', vi: 'đang hưởng lương hưu, có từ đủ 15 năm đóng BHXH bắt buộc' },
  'compulsory-15-years': { en: 'at least 15 years of compulsory SI and no lump-sum SI taken', vi: 'có từ đủ 15 năm đóng BHXH bắt buộc và chưa hưởng BHXH một lần' },
  'occupational-allowance-61': { en: 'receiving a monthly occupational allowance with at least 61% incapacity', vi: 'đang hưởng trợ cấp TNLĐ-BNN hằng tháng với mức suy giảm khả năng lao động từ 61% trở lên' },
  'occupational-death': { en: 'died of an occupational accident or disease', vi: 'chết do tai nạn lao động hoặc bệnh nghề nghiệp' },
};

/** The ground on which the deceased opens the monthly allowance, or null. */
export function survivorMonthlyGround(record: SiRecord | null, cause: DeathCause, law: DeathBenefitLaw): SurvivorMonthlyGround | null {
  if (!record) return null;
  const rule = law.survivorMonthly;
  const compulsory = summarizeSiHistory(record.periods).compulsoryMonths;
  const kind = record.pension ? (record.pension.kind ?? 'pension') : null;
  if (kind === 'pension' && compulsory >= rule.pensionerMinCompulsoryMonths) return 'pensioner-15-years';
  if (compulsory >= rule.minCompulsoryMonths && !record.lumpSumTaken) return 'compulsory-15-years';
  if (kind === 'occupational-allowance' && (record.pension?.incapacityPercent ?? 0) >= rule.occupationalIncapacityPercent) return 'occupational-allowance-61';
  if (isOccupational(cause)) return 'occupational-death';
  return null;
}

export type RelativeIneligibleReason = 'child-18-or-over' | 'not-retirement-age-nor-81-percent' | 'income-at-or-above-base-salary';

export type RelativeEligibility = { eligible: true; ratePercent: number } | { eligible: false; reason: RelativeIneligibleReason };

/** Whether one relative qualifies, and at which rate; `baseSalary` is for the income test. */
export function relativeEligibility(r: Relative, baseSalary: number, law: DeathBenefitLaw): RelativeEligibility {
  const rule = law.survivorMonthly;
  const disabled = r.incapacityPercent >= rule.relativeIncapacityPercent;
  if (r.relationship === 'child') {
    if (!(r.inUtero || r.ageYears < rule.childAgeLimit || disabled)) return { eligible: false, reason: 'child-18-or-over' };
  } else {
    if (!(r.reachedRetirementAge || disabled)) return { eligible: false, reason: 'not-retirement-age-nor-81-percent' };
    if ((r.monthlyIncome ?? 0) >= baseSalary) return { eligible: false, reason: 'income-at-or-above-base-salary' };
  }
  return { eligible: true, ratePercent: r.hasDirectCaretaker ? rule.ratePercent : rule.noCaretakerRatePercent };
}

export interface RelativeOutcome {
  pin: string;
  relationship: Relationship;
  /** paid; eligible but not paid (over the limit of 4, or the deceased opens no monthly allowance); not eligible. */
  status: 'paid' | 'not-paid' | 'not-eligible';
  /** 50 or 70 when eligible, else null. */
  ratePercent: number | null;
  /** VND per month when paid, else null. */
  monthlyAmount: number | null;
  reason: RelativeIneligibleReason | 'over-limit' | 'monthly-not-open' | null;
}

export interface SurvivorMonthlyAssessment {
  ground: SurvivorMonthlyGround | null;
  perRelative: RelativeOutcome[];
  /** Σ over paid relatives, VND; 0 when none is paid. */
  monthlyAmount: number;
  fromMonth: IsoMonth;
  baseSalary: RuleVersion<number>;
}

/** Assesses the monthly allowance (it is open when `ground` is set and at least one relative is paid). */
export function assessSurvivorMonthly(
  input: { record: SiRecord | null; cause: DeathCause; dateOfDeath: IsoDate; relatives: readonly Relative[] },
  law: DeathBenefitLaw,
  rules: RuleBook = BUILT_IN_RULES,
): SurvivorMonthlyAssessment {
  const fromMonth = monthAfter(input.dateOfDeath);
  const base = baseSalaryAt(`${fromMonth}-01` as IsoDate, rules.baseSalary);
  const ground = survivorMonthlyGround(input.record, input.cause, law);
  const checked = input.relatives.map((r, i) => ({ r, i, e: relativeEligibility(r, base.value, law) }));
  const ranked = checked
    .filter((c) => c.e.eligible)
    .sort((a, b) => rateOf(b.e) - rateOf(a.e) || a.i - b.i)
    .map((c) => c.i);
  const paid = new Set(ground ? ranked.slice(0, law.survivorMonthly.maxRelatives) : []);
  const perRelative = checked.map(({ r, i, e }): RelativeOutcome => {
    const common = { pin: r.pin, relationship: r.relationship };
    if (!e.eligible) return { ...common, status: 'not-eligible', ratePercent: null, monthlyAmount: null, reason: e.reason };
    if (!paid.has(i)) return { ...common, status: 'not-paid', ratePercent: e.ratePercent, monthlyAmount: null, reason: ground ? 'over-limit' : 'monthly-not-open' };
    return { ...common, status: 'paid', ratePercent: e.ratePercent, monthlyAmount: Math.round((base.value * e.ratePercent) / 100), reason: null };
  });
  const monthlyAmount = perRelative.reduce((sum, p) => sum + (p.monthlyAmount ?? 0), 0);
  return { ground, perRelative, monthlyAmount, fromMonth, baseSalary: base };
}

function rateOf(e: RelativeEligibility): number {
  return e.eligible ? e.ratePercent : 0;
}
