/**
 * The law that governs the benefits due on a death, as an effective-dated table resolved by the
 * DATE OF DEATH (never "now"):
 *  - 'law-si-2014' from 2016-01-01 — Law on SI 2014 (Law 58/2014/QH13): funeral allowance art. 66
 *    (voluntary participants art. 80; Decree 134/2015/ND-CP art. 8), monthly survivor allowance
 *    art. 67–68, lump sum art. 69–70, filing and settlement art. 112;
 *  - 'law-si-2024' from 2025-07-01 — Law on SI 2024 (Law 41/2024/QH15): funeral allowance art. 85,
 *    monthly survivor allowance art. 86–87, lump sum art. 89, part-years art. 5.6, reference level
 *    = base salary while a base salary exists art. 141.
 * The figures (10 × base salary, 50% / 70%, 4 relatives, 1.5 / 2 months a year, 48 months, …) are the
 * same in both versions as DOMAIN.md §3–4 gives them; what changes is the legal basis recorded and
 * the name of the monthly amount ("base salary" → "reference level"). Keeping them as data per
 * version lets a future difference be one row edit.
 *
 * Also: the causes of death the rules tell apart, and the bilingual money/number formatting used in
 * every explanation.
 */
import type { IsoDate } from '../../../kernel/dates.ts';
import { EffectiveTable, type RuleVersion } from '../../../kernel/rules/effective-dated.ts';

export const DEATH_CAUSES = ['other', 'occupational-accident', 'occupational-disease'] as const;
export type DeathCause = (typeof DEATH_CAUSES)[number];

export function isOccupational(cause: DeathCause): boolean {
  return cause === 'occupational-accident' || cause === 'occupational-disease';
}

export interface Bilingual {
  en: string;
  vi: string;
}

export interface DeathBenefitLaw {
  /** Name of the monthly amount benefits are counted in. */
  salaryTerm: Bilingual;
  funeral: { multiplier: number; legalBasis: string };
  survivorMonthly: {
    legalBasis: string;
    /** Deceased: ≥ 15 years of compulsory SI and no lump sum taken. */
    minCompulsoryMonths: number;
    /** Deceased pensioner: years of compulsory SI required (DOMAIN.md §4: "a pensioner with ≥ 15 years"). */
    pensionerMinCompulsoryMonths: number;
    /** Deceased receiving a monthly occupational allowance with at least this incapacity. */
    occupationalIncapacityPercent: number;
    /** Relatives: children under this age. */
    childAgeLimit: number;
    /** Relatives of any age with at least this incapacity. */
    relativeIncapacityPercent: number;
    ratePercent: number;
    noCaretakerRatePercent: number;
    maxRelatives: number;
  };
  lumpSum: {
    legalBasis: string;
    /** Where the part-year rule comes from. */
    partYearBasis: string;
    monthsPerYearBefore2014: number;
    monthsPerYearFrom2014: number;
    minimumMonths: number;
    /** Voluntary SI of under one year: the amount paid, at most this many months of average salary. */
    voluntaryUnderOneYearCapMonths: number;
    /** Voluntary contribution rate (Law on SI 2014 art. 87; 2024 art. 36), percent of declared income. */
    voluntaryRatePercent: number;
    pensionFullMonths: number;
    /** Death within this many first months of pension → the full months. */
    pensionFullWithinMonths: number;
    pensionStepMonths: number;
    pensionMinimumMonths: number;
    /** Lump sum cannot be chosen while a child under this age, or a child/spouse with ≥ 81% incapacity, qualifies monthly (2014 art. 69). */
    mustStayMonthlyChildAge: number;
  };
  /** Stop of monthly payments from the month after the death. */
  stopPaymentsBasis: string;
}

const FIGURES = {
  survivorMonthly: {
    minCompulsoryMonths: 180,
    pensionerMinCompulsoryMonths: 180,
    occupationalIncapacityPercent: 61,
    childAgeLimit: 18,
    relativeIncapacityPercent: 81,
    ratePercent: 50,
    noCaretakerRatePercent: 70,
    maxRelatives: 4,
  },
  lumpSum: {
    monthsPerYearBefore2014: 1.5,
    monthsPerYearFrom2014: 2,
    minimumMonths: 3,
    voluntaryUnderOneYearCapMonths: 2,
    voluntaryRatePercent: 22,
    pensionFullMonths: 48,
    pensionFullWithinMonths: 2,
    pensionStepMonths: 0.5,
    pensionMinimumMonths: 3,
    mustStayMonthlyChildAge: 6,
  },
} as const;

export const DEATH_BENEFIT_LAW = new EffectiveTable<DeathBenefitLaw>([
  {
    version: 'law-si-2014',
    effectiveFrom: '2016-01-01' as IsoDate,
    legalBasis: 'Law on SI 2014 (Law 58/2014/QH13)',
    value: {
      salaryTerm: { en: 'base salary', vi: 'mức lương cơ sở' },
      funeral: { multiplier: 10, legalBasis: 'Law on SI 2014 art. 66, 80; Decree 134/2015/ND-CP art. 8' },
      survivorMonthly: { legalBasis: 'Law on SI 2014 art. 67, 68', ...FIGURES.survivorMonthly },
      lumpSum: {
        legalBasis: 'Law on SI 2014 art. 69, 70',
        // DOMAIN.md cites the part-year rule from the 2024 law; the same rounding is assumed for
        // deaths under the 2014 law (its implementing rules), unconfirmed article by article.
        partYearBasis: 'part-year rule as in Law on SI 2024 art. 5.6 (assumed the same under the 2014 law)',
        ...FIGURES.lumpSum,
      },
      stopPaymentsBasis: 'Law on SI 2014 art. 68 (survivor payments start the month after the death)',
    },
  },
  {
    version: 'law-si-2024',
    effectiveFrom: '2025-07-01' as IsoDate,
    legalBasis: 'Law on SI 2024 (Law 41/2024/QH15)',
    value: {
      salaryTerm: { en: 'reference level (= base salary)', vi: 'mức tham chiếu (bằng mức lương cơ sở)' },
      funeral: { multiplier: 10, legalBasis: 'Law on SI 2024 (Law 41/2024/QH15) art. 85, 141' },
      survivorMonthly: { legalBasis: 'Law on SI 2024 (Law 41/2024/QH15) art. 86, 87, 141', ...FIGURES.survivorMonthly },
      lumpSum: {
        legalBasis: 'Law on SI 2024 (Law 41/2024/QH15) art. 89',
        partYearBasis: 'Law on SI 2024 (Law 41/2024/QH15) art. 5.6',
        ...FIGURES.lumpSum,
      },
      stopPaymentsBasis: 'Law on SI 2024 (Law 41/2024/QH15) art. 87 (survivor payments start the month after the death)',
    },
  },
]);

/** The law version in force on the date of death. */
export function deathBenefitLawAt(dateOfDeath: IsoDate): RuleVersion<DeathBenefitLaw> {
  return DEATH_BENEFIT_LAW.at(dateOfDeath);
}

function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** 23400000 → { en: '23,400,000 VND', vi: '23.400.000 đồng' }. */
export function vnd(amount: number): Bilingual {
  const s = String(Math.trunc(amount));
  return { en: `${group(s, ',')} VND`, vi: `${group(s, '.')} đồng` };
}

/** 47.5 → { en: '47.5', vi: '47,5' }. */
export function num(n: number): Bilingual {
  return { en: String(n), vi: String(n).replace('.', ',') };
}

/** A legal-basis string in Vietnamese: 'Law on SI 2014 art. 66' → 'Luật BHXH 2014 Điều 66'. */
export function basisVi(basis: string): string {
  return basis
    .replace(/Law on SI (\d{4})/g, 'Luật BHXH $1')
    .replace(/\(Law (\d+\/\d{4}\/QH\d+)\)/g, '(Luật $1)')
    .replace(/Decree /g, 'Nghị định ')
    .replace(/\/ND-CP/g, '/NĐ-CP')
    .replace(/ art\. /g, ' Điều ')
    .replace(/part-years: /g, 'tháng lẻ: ')
    .replace(/part-year rule as in /g, 'quy tắc tháng lẻ như ')
    .replace(/\(assumed the same under the 2014 law\)/g, '(giả định áp dụng như theo Luật 2014)')
    .replace(/\(survivor payments start the month after the death\)/g, '(trợ cấp tuất được hưởng từ tháng liền kề sau tháng chết)');
}
