/**
 * State support rates for voluntary social insurance, per support group, in basis points of
 * 22% × rural poverty line (DOMAIN.md §5). Held in the kernel (not in social security's domain) because the
 * rule book (rule-book.ts) carries this table next to the base salary and the rural poverty line, and an IT
 * operator adds its versions through social security's API (docs/back-office.md, "Rule tables").
 *
 *  - before 2018-01-01: none — Law on SI 2014 art. 87.1 makes support apply from 2018-01-01;
 *  - 2018-01-01 … 2025-06-30, Decree 134/2015/ND-CP art. 14: poor 30%, near-poor 25%, others 10%.
 *    That decree knows only these three groups, so 'ethnic-minority' and 'island-commune' get the
 *    "others" rate (10%) — an interpretation: they are "others" under Decree 134;
 *  - from 2025-07-01, Decree 159/2025/ND-CP: poor and island communes / special zones 50%, near-poor 40%,
 *    ethnic minorities 30%, others 20%.
 * How a rate is applied (highest group only, 120-month cap, rounding): agencies/social-security/domain/voluntary-support.ts.
 */
import type { IsoDate } from '../dates.ts';
import { EffectiveTable } from './effective-dated.ts';

/** Support groups, in tie-break order (the first group with the highest rate is the one recorded). */
export const SUPPORT_GROUPS = ['poor', 'near-poor', 'ethnic-minority', 'island-commune', 'other'] as const;
export type SupportGroup = (typeof SUPPORT_GROUPS)[number];

export function isSupportGroup(x: unknown): x is SupportGroup {
  return typeof x === 'string' && (SUPPORT_GROUPS as readonly string[]).includes(x);
}

/** Support rate per group, in basis points of 22% × rural poverty line (0 … 10,000). */
export type SupportRates = Readonly<Record<SupportGroup, number>>;

export const SUPPORT_RATES = new EffectiveTable<SupportRates>([
  {
    version: 'support-none-2016',
    effectiveFrom: '2016-01-01' as IsoDate,
    value: { poor: 0, 'near-poor': 0, 'ethnic-minority': 0, 'island-commune': 0, other: 0 },
    legalBasis: 'Law on Social Insurance 2014 art. 87.1 (state support applies from 2018-01-01)',
  },
  {
    version: 'support-decree-134-2015',
    effectiveFrom: '2018-01-01' as IsoDate,
    // Decree 134 has no ethnic-minority or island-commune group: both are "others".
    value: { poor: 3_000, 'near-poor': 2_500, 'ethnic-minority': 1_000, 'island-commune': 1_000, other: 1_000 },
    legalBasis: 'Decree 134/2015/ND-CP art. 14',
  },
  {
    version: 'support-decree-159-2025',
    effectiveFrom: '2025-07-01' as IsoDate,
    value: { poor: 5_000, 'near-poor': 4_000, 'ethnic-minority': 3_000, 'island-commune': 5_000, other: 2_000 },
    legalBasis: 'Decree 159/2025/ND-CP',
  },
]);
