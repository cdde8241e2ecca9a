/**
 * Whether a voluntary participant's claim to a support group checks out, and how many months of support they
 * have already had (for the 120-month cap, Decree 134/2015 art. 14; Decree 159/2025).
 *
 * Claims (Decree 134/2015 art. 14; Decree 159/2025; DOMAIN.md §5):
 *  - 'poor': the participant's household is on the certified poor list on the day of registration;
 *  - 'near-poor': on the poor or the near-poor list (a poor household meets the near-poor condition too;
 *    the rate applied is the one claimed);
 *  - 'ethnic-minority': the population register records an ethnicity other than Kinh;
 *  - 'island-commune': not checkable against a list — none of island communes / special zones is held; it passes
 *    here, and the registration then asks the participant for the commune's confirmation of residence as a
 *    supplement (domain/island-commune-proof.ts), recorded with the registration as the claim's evidence;
 *  - 'other': nothing to check.
 * A claim that does not check out is a field-level rejection on `declaration.supportGroup`.
 *
 * Months already supported (documented choice): the SI record does not say which past voluntary months were
 * supported, so every voluntary month from 2018-01 (support began 2018-01-01, Law on SI 2014 art. 87.1) counts
 * as one, plus the supported months of the registrations paid through this platform. This can only lower the
 * support granted, never pay it twice.
 *
 * Example: periods [2016-05..2018-12] voluntary, one paid registration of 6 supported months → 12 + 6 = 18.
 */
import type { FieldIssue } from '../../../contracts/common.ts';
import type { IsoMonth } from '../../../kernel/dates.ts';
import type { SupportGroup } from './voluntary-support.ts';
import { monthsBetween } from '../../../kernel/rules/voluntary-months.ts';

export const FIRST_SUPPORTED_MONTH = '2018-01';
export const MAJORITY_ETHNICITY = 'Kinh';

export interface ClaimFacts {
  /** The categories the participant's household is listed under on the day ('poor', 'near-poor'). */
  readonly listings: readonly string[];
  /** The ethnicity the population register records, if any. */
  readonly ethnicity: string | null | undefined;
}

const PATH = 'declaration.supportGroup';

/** The problem with a claim, or null when it checks out. */
export function checkSupportClaim(claim: SupportGroup, facts: ClaimFacts): FieldIssue | null {
  switch (claim) {
    case 'poor':
      return facts.listings.includes('poor')
        ? null
        : { path: PATH, code: 'not-on-poor-list', reason: "The participant's household is not on the certified list of poor households.", reasonVi: 'Hộ gia đình của người tham gia không có trong danh sách hộ nghèo được phê duyệt.' };
    case 'near-poor':
      return facts.listings.includes('poor') || facts.listings.includes('near-poor')
        ? null
        : { path: PATH, code: 'not-on-near-poor-list', reason: "The participant's household is not on the certified list of near-poor households.", reasonVi: 'Hộ gia đình của người tham gia không có trong danh sách hộ cận nghèo được phê duyệt.' };
    case 'ethnic-minority':
      return facts.ethnicity && facts.ethnicity !== MAJORITY_ETHNICITY
        ? null
        : { path: PATH, code: 'not-ethnic-minority', reason: 'The population register does not record the participant as of an ethnic minority.', reasonVi: 'Cơ sở dữ liệu quốc gia về dân cư không ghi nhận người tham gia là người dân tộc thiểu số.' };
    case 'island-commune':
    case 'other':
      return null;
  }
}

/** Months of state support already received: voluntary months from 2018-01 in the record, plus those paid here. */
export function monthsAlreadySupported(voluntaryPeriods: readonly { from: string; to: string }[], paidSupportedMonths: number): number {
  let n = paidSupportedMonths;
  for (const p of voluntaryPeriods) {
    const from = (p.from < FIRST_SUPPORTED_MONTH ? FIRST_SUPPORTED_MONTH : p.from) as IsoMonth;
    if (p.to >= from) n += monthsBetween(from, p.to as IsoMonth) + 1;
  }
  return n;
}
