/**
 * The Law on Social Insurance in force for voluntary social insurance, as an effective-dated table:
 * the contribution rate (22% of the monthly income the participant chooses) and the income bounds
 * (floor = rural poverty line, ceiling = 20 × base salary / reference level). DOMAIN.md §5.
 *
 *  - from 2016-01-01: Law on Social Insurance 2014 (Law 58/2014/QH13) art. 87 — 22% of the chosen
 *    monthly income; income from the rural poverty line to 20 × base salary.
 *  - from 2025-07-01: Law on Social Insurance 2024 (Law 41/2024/QH15) art. 31 (income bounds: rural
 *    poverty line to 20 × reference level) and art. 36 (22%, payment methods). The values are unchanged;
 *    the row exists so that a decision records which law it applied.
 *
 * The rate is held as integer basis points (22% = 2,200 bp); see voluntary-money.ts for rounding.
 *
 * Example: voluntaryLawAt(isoDate('2025-06-30')).version === 'si-law-2014';
 *          voluntaryLawAt(isoDate('2025-07-01')).value.contributionBp === 2_200.
 */
import type { IsoDate } from '../dates.ts';
import { EffectiveTable, type RuleVersion } from './effective-dated.ts';

export interface VoluntaryLaw {
  /** Contribution rate in basis points of the chosen monthly income. */
  readonly contributionBp: number;
  /** Income ceiling = this × base salary (reference level). */
  readonly ceilingMultiple: number;
}

export const VOLUNTARY_SI_LAW = new EffectiveTable<VoluntaryLaw>([
  {
    version: 'si-law-2014',
    effectiveFrom: '2016-01-01' as IsoDate,
    value: { contributionBp: 2_200, ceilingMultiple: 20 },
    legalBasis: 'Law on Social Insurance 2014 (Law 58/2014/QH13) art. 87',
  },
  {
    version: 'si-law-2024',
    effectiveFrom: '2025-07-01' as IsoDate,
    value: { contributionBp: 2_200, ceilingMultiple: 20 },
    legalBasis: 'Law on Social Insurance 2024 (Law 41/2024/QH15) arts. 31, 36',
  },
]);

export function voluntaryLawAt(date: IsoDate): RuleVersion<VoluntaryLaw> {
  return VOLUNTARY_SI_LAW.at(date);
}
