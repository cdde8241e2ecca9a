/**
 * The survivor-benefit decision: monthly allowance or lump sum, as the relatives asked where both are
 * open (DOMAIN.md §4). Law on SI 2014 art. 67–70; Law on SI 2024 art. 86, 87, 89; the law version is
 * the one in force on the date of death (death-benefit-law.ts).
 *
 *  - request 'monthly' and the monthly allowance is open (survivor-monthly.ts: the deceased opens it and
 *    at least one relative qualifies) → 'survivor-monthly';
 *  - request 'lump-sum' but a qualifying relative is a child under 6 (or in utero), or a child or
 *    spouse with ≥ 81% incapacity → still 'survivor-monthly': those relatives may not be moved to a
 *    lump sum (Law on SI 2014 art. 69; kept for the 2024 law — not in DOMAIN.md, an interpretation);
 *  - otherwise (lump sum asked, or the monthly allowance not open — art. 69) → 'survivor-lump-sum'
 *    when survivor-lump-sum.ts finds it due, else 'not-eligible'.
 * `perRelative` is filled for a monthly decision only (the lump sum is not split per relative here).
 *
 * Worked example: deceased with 20 years of compulsory SI dies 2024-08-10, a child aged 10 with a
 * caretaker and a widow aged 62 (retirement age reached) with no caretaker → monthly from 2024-09:
 * 50% × 2,340,000 + 70% × 2,340,000 = 1,170,000 + 1,638,000 = 2,808,000 VND a month.
 */
import type { IsoMonth } from '../../../kernel/dates.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { basisVi, deathBenefitLawAt, num, vnd, type Bilingual } from './death-benefit-law.ts';
import { assertDeathDates, type DeathFacts } from './funeral-allowance.ts';
import { assessSurvivorLumpSum } from './survivor-lump-sum.ts';
import { assessSurvivorMonthly, GROUND_TEXT, type Relationship, type Relative, type RelativeOutcome } from './survivor-monthly.ts';

export const SURVIVOR_REQUESTS = ['monthly', 'lump-sum'] as const;
export type SurvivorRequest = (typeof SURVIVOR_REQUESTS)[number];

export interface SurvivorBenefitInput extends DeathFacts {
  relatives: readonly Relative[];
  request: SurvivorRequest;
}

export interface SurvivorBenefitDecision {
  kind: 'survivor-monthly' | 'survivor-lump-sum' | 'not-eligible';
  /** Lump sum, VND; null otherwise. */
  amount: number | null;
  /** Σ per month over the paid relatives, VND; null otherwise. */
  monthlyAmount: number | null;
  /** First month paid (monthly only). */
  fromMonth: IsoMonth | null;
  /** Monthly: the deceased's ground; lump sum: the method; not eligible: the reason. */
  eligibilityCase: string;
  perRelative: RelativeOutcome[];
  ruleVersion: string;
  legalBasis: string;
  explanation: Bilingual;
}

const RELATIONSHIP_VI: Readonly<Record<Relationship, string>> = {
  child: 'con', spouse: 'vợ/chồng', father: 'cha đẻ', mother: 'mẹ đẻ', 'father-in-law': 'cha vợ/cha chồng',
  'mother-in-law': 'mẹ vợ/mẹ chồng', dependant: 'thành viên gia đình được nuôi dưỡng',
};

const REASON_TEXT: Readonly<Record<NonNullable<RelativeOutcome['reason']>, Bilingual>> = {
  'child-18-or-over': { en: 'child aged 18 or over without 81% incapacity', vi: 'con từ đủ 18 tuổi, không suy giảm khả năng lao động từ 81%' },
  'not-retirement-age-nor-81-percent': { en: 'under retirement age and under 81% incapacity', vi: 'chưa đủ tuổi nghỉ hưu và không suy giảm khả năng lao động từ 81%' },
  'income-at-or-above-base-salary': { en: 'monthly income not below the base salary', vi: 'có thu nhập hằng tháng không thấp hơn mức lương cơ sở' },
  'over-limit': { en: 'beyond the limit of 4 relatives', vi: 'vượt quá 04 thân nhân' },
  'monthly-not-open': { en: 'monthly allowance not open', vi: 'không thuộc diện hưởng tuất hằng tháng' },
};

/** `rules`: the book the base salary is read from (default: the built-in tables; social security passes its own). */
export function survivorBenefit(input: SurvivorBenefitInput, rules: RuleBook = BUILT_IN_RULES): SurvivorBenefitDecision {
  assertDeathDates(input);
  const law = deathBenefitLawAt(input.dateOfDeath);
  const L = law.value;
  const m = assessSurvivorMonthly(input, L, rules);
  const open = m.ground !== null && m.monthlyAmount > 0;
  const locked = m.perRelative.filter((p, i) => {
    const r = input.relatives[i]; // perRelative keeps the input order
    if (!r || p.status === 'not-eligible') return false;
    const disabled = r.incapacityPercent >= L.survivorMonthly.relativeIncapacityPercent;
    return (r.relationship === 'child' && (r.inUtero || r.ageYears < L.lumpSum.mustStayMonthlyChildAge || disabled)) || (r.relationship === 'spouse' && disabled);
  });

  if (open && m.ground && (input.request === 'monthly' || locked.length > 0)) {
    const term = L.salaryTerm;
    const b = m.baseSalary;
    const lines = m.perRelative.map((p) =>
      p.status === 'paid'
        ? { en: `${p.pin} (${p.relationship}) ${p.ratePercent}% × ${vnd(b.value).en} = ${vnd(p.monthlyAmount ?? 0).en}`, vi: `${p.pin} (${RELATIONSHIP_VI[p.relationship]}) ${p.ratePercent}% × ${vnd(b.value).vi} = ${vnd(p.monthlyAmount ?? 0).vi}` }
        : { en: `${p.pin} (${p.relationship}) not paid: ${REASON_TEXT[p.reason ?? 'over-limit'].en}`, vi: `${p.pin} (${RELATIONSHIP_VI[p.relationship]}) không hưởng: ${REASON_TEXT[p.reason ?? 'over-limit'].vi}` },
    );
    const lockNote: Bilingual = input.request === 'lump-sum'
      ? { en: ` A lump sum was asked, but ${locked.map((p) => p.pin).join(', ')} may not be moved to a lump sum (child under 6, or child/spouse with ≥ 81% incapacity).`, vi: ` Thân nhân đề nghị hưởng một lần nhưng ${locked.map((p) => p.pin).join(', ')} không được chuyển sang trợ cấp tuất một lần (con dưới 6 tuổi, hoặc con/vợ/chồng suy giảm khả năng lao động từ 81%).` }
      : { en: '', vi: '' };
    const legalBasis = `${L.survivorMonthly.legalBasis}; base salary: ${b.legalBasis}`;
    return {
      kind: 'survivor-monthly', amount: null, monthlyAmount: m.monthlyAmount, fromMonth: m.fromMonth, eligibilityCase: m.ground,
      perRelative: m.perRelative, ruleVersion: `${law.version}+${b.version}`, legalBasis,
      explanation: {
        en: `Monthly survivor allowance from ${m.fromMonth} (the month after the death on ${input.dateOfDeath}): the deceased qualifies as ${m.ground}: ${GROUND_TEXT[m.ground].en}. Per relative 50% of the ${term.en} (70% with no direct caretaker), at most 4 relatives; ${term.en} ${vnd(b.value).en} for ${m.fromMonth} (${b.legalBasis}): ${lines.map((l) => l.en).join('; ')}. Total ${vnd(m.monthlyAmount).en} a month (${L.survivorMonthly.legalBasis}).${lockNote.en}`,
        vi: `Trợ cấp tuất hằng tháng từ tháng ${m.fromMonth} (tháng liền kề sau tháng chết ${input.dateOfDeath}): người chết thuộc trường hợp ${m.ground}: ${GROUND_TEXT[m.ground].vi}. Mỗi thân nhân 50% ${term.vi} (70% nếu không có người trực tiếp nuôi dưỡng), tối đa 04 thân nhân; ${term.vi} ${vnd(b.value).vi} tại tháng ${m.fromMonth} (${basisVi(b.legalBasis)}): ${lines.map((l) => l.vi).join('; ')}. Tổng ${vnd(m.monthlyAmount).vi} mỗi tháng (${basisVi(L.survivorMonthly.legalBasis)}).${lockNote.vi}`,
      },
    };
  }

  const why: Bilingual = input.request === 'lump-sum'
    ? { en: 'the relatives asked for a lump sum', vi: 'thân nhân đề nghị hưởng trợ cấp tuất một lần' }
    : m.ground === null
      ? { en: 'the monthly allowance is not open: the deceased met none of its conditions (15 years of compulsory SI without a lump sum, pensioner with 15 years, occupational death, occupational allowance with ≥ 61% incapacity)', vi: 'không thuộc diện hưởng tuất hằng tháng: người chết không đáp ứng điều kiện nào (đủ 15 năm đóng BHXH bắt buộc chưa hưởng một lần, hưởng lương hưu có đủ 15 năm, chết do TNLĐ-BNN, hưởng trợ cấp TNLĐ-BNN với suy giảm từ 61%)' }
      : { en: 'the monthly allowance is not open: no relative qualifies for it', vi: 'không thuộc diện hưởng tuất hằng tháng: không có thân nhân đủ điều kiện' };
  const l = assessSurvivorLumpSum(input, L);
  if (!l.eligible) {
    return {
      kind: 'not-eligible', amount: null, monthlyAmount: null, fromMonth: null, eligibilityCase: l.reason, perRelative: [],
      ruleVersion: law.version, legalBasis: L.lumpSum.legalBasis,
      explanation: {
        en: `No survivor benefit: ${why.en}; no lump sum either: ${l.detail.en} (${L.survivorMonthly.legalBasis}; ${L.lumpSum.legalBasis}).`,
        vi: `Không được hưởng trợ cấp tuất: ${why.vi}; cũng không thuộc diện hưởng một lần: ${l.detail.vi} (${basisVi(L.survivorMonthly.legalBasis)}; ${basisVi(L.lumpSum.legalBasis)}).`,
      },
    };
  }
  const legalBasis = l.method === 'contribution-years' ? `${L.lumpSum.legalBasis}; part-years: ${L.lumpSum.partYearBasis}` : L.lumpSum.legalBasis;
  const months = l.months === null ? null : num(l.months);
  return {
    kind: 'survivor-lump-sum', amount: l.amount, monthlyAmount: null, fromMonth: null, eligibilityCase: l.method, perRelative: [],
    ruleVersion: law.version, legalBasis,
    explanation: {
      en: `Lump-sum survivor allowance ${vnd(l.amount).en}${months ? ` (${months.en} months)` : ''} because ${why.en}: ${l.detail.en} (${legalBasis}).`,
      vi: `Trợ cấp tuất một lần ${vnd(l.amount).vi}${months ? ` (${months.vi} tháng)` : ''} vì ${why.vi}: ${l.detail.vi} (${basisVi(legalBasis)}).`,
    },
  };
}
