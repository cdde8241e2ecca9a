/**
 * Everything social security decides when a death is declared, as one list of entries
 * (DOMAIN.md §3–4; seed 000), in this order:
 *  1. funeral allowance — when requested: 'funeral-allowance' or 'not-eligible' (funeral-allowance.ts;
 *     Law on SI 2014 art. 66, 80, Decree 134/2015/ND-CP art. 8; Law on SI 2024 art. 85, 141);
 *  2. stop of monthly payments — whenever the deceased received a monthly pension or allowance, with
 *     or without a request (funeral-allowance.ts `stopMonthlyPayments`);
 *  3. survivor benefit — when requested: 'survivor-monthly', 'survivor-lump-sum' or 'not-eligible'
 *     (survivor-benefit.ts; Law on SI 2014 art. 67–70; Law on SI 2024 art. 86, 87, 89).
 * Every entry has the same fields, null where one does not apply. Besides the fields the brief named,
 * `benefit` says which benefit an entry decides (needed to tell the 'not-eligible' entries apart),
 * `perRelative` carries the monthly split, and `hiCardEndsOn` the end of the deceased's HI card.
 *
 * Time limits (Law on SI 2014 art. 112): relatives file within 90 days of the death; VSS settles
 * within 15 days of a complete file (DOMAIN.md §3, §6).
 */
import { addDays, daysBetween, isIsoDate, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import type { Bilingual } from './death-benefit-law.ts';
import { funeralAllowance, stopMonthlyPayments, type DeathFacts } from './funeral-allowance.ts';
import { survivorBenefit, type SurvivorRequest } from './survivor-benefit.ts';
import type { Relative, RelativeOutcome } from './survivor-monthly.ts';

export const DEATH_DECISION_KINDS = ['funeral-allowance', 'stop-monthly-payments', 'survivor-monthly', 'survivor-lump-sum', 'not-eligible'] as const;
export type DeathDecisionKind = (typeof DEATH_DECISION_KINDS)[number];
export type DeathBenefit = 'funeral-allowance' | 'stop-monthly-payments' | 'survivor-benefit';

export interface DeathDecisionInput extends DeathFacts {
  requests: { funeralAllowance: boolean; survivorBenefit: SurvivorRequest | 'none' };
  relatives: readonly Relative[];
}

export interface DeathDecision {
  kind: DeathDecisionKind;
  benefit: DeathBenefit;
  /** One-off amount, VND (funeral allowance, lump sum). */
  amount: number | null;
  /** Monthly amount, VND (survivor-monthly). */
  monthlyAmount: number | null;
  /** First month paid (survivor-monthly) or first month no longer paid (stop-monthly-payments). */
  fromMonth: IsoMonth | null;
  /** Funeral case, survivor ground or lump-sum method; for 'not-eligible' the reason code. */
  eligibilityCase: string | null;
  ruleVersion: string;
  legalBasis: string;
  explanation: Bilingual;
  perRelative: RelativeOutcome[] | null;
  hiCardEndsOn: IsoDate | null;
}

/** `rules`: the rule book the amounts are computed in (default: the built-in tables; social security passes its own). */
export function deathDecisions(input: DeathDecisionInput, rules: RuleBook = BUILT_IN_RULES): DeathDecision[] {
  const out: DeathDecision[] = [];
  const none = { amount: null, monthlyAmount: null, fromMonth: null, perRelative: null, hiCardEndsOn: null } as const;
  if (input.requests.funeralAllowance) {
    const f = funeralAllowance(input, rules);
    out.push({
      ...none, kind: f.kind, benefit: 'funeral-allowance', amount: f.amount,
      eligibilityCase: f.kind === 'funeral-allowance' ? f.eligibilityCase : f.reason,
      ruleVersion: f.ruleVersion, legalBasis: f.legalBasis, explanation: f.explanation,
    });
  }
  const stop = stopMonthlyPayments(input.record, input.dateOfDeath);
  if (stop) {
    out.push({
      ...none, kind: 'stop-monthly-payments', benefit: 'stop-monthly-payments', fromMonth: stop.fromMonth, eligibilityCase: stop.pensionKind,
      ruleVersion: stop.ruleVersion, legalBasis: stop.legalBasis, explanation: stop.explanation, hiCardEndsOn: stop.hiCardEndsOn,
    });
  }
  if (input.requests.survivorBenefit !== 'none') {
    const s = survivorBenefit({ ...input, request: input.requests.survivorBenefit }, rules);
    out.push({
      ...none, kind: s.kind, benefit: 'survivor-benefit', amount: s.amount, monthlyAmount: s.monthlyAmount, fromMonth: s.fromMonth,
      eligibilityCase: s.eligibilityCase, ruleVersion: s.ruleVersion, legalBasis: s.legalBasis, explanation: s.explanation,
      perRelative: s.kind === 'survivor-monthly' ? s.perRelative : null,
    });
  }
  return out;
}

/** Relatives file within 90 days of the death (Law on SI 2014 art. 112). */
export const FILING_LIMIT_DAYS = 90;
/** VSS settles within 15 days of receiving a complete file (Law on SI 2014 art. 112; DOMAIN.md §3, §6). */
export const SETTLEMENT_LIMIT_DAYS = 15;
export const TIME_LIMITS_LEGAL_BASIS = 'Law on SI 2014 art. 112';

export interface FilingLimitCheck {
  withinLimit: boolean;
  /** Last day to file: date of death + 90 days. */
  deadline: IsoDate;
  /** Days after the deadline (0 when within). */
  daysLate: number;
  legalBasis: string;
  explanation: Bilingual;
}

/**
 * Whether a file lodged on `filedOn` is within the 90-day limit. Counting: the day of death is day 0,
 * so the last day is death + 90 calendar days (2024-01-01 → 2024-03-31 in a leap year). The deadline
 * is not moved off a weekend or holiday (documented choice; the working-day calendar is not used).
 * A date before the death is a RangeError.
 */
export function checkFilingLimit(dateOfDeath: IsoDate, filedOn: IsoDate): FilingLimitCheck {
  if (!isIsoDate(dateOfDeath) || !isIsoDate(filedOn)) throw new RangeError(`not an ISO date: ${dateOfDeath} / ${filedOn}`);
  if (filedOn < dateOfDeath) throw new RangeError(`filed ${filedOn} before the death ${dateOfDeath}`);
  const deadline = addDays(dateOfDeath, FILING_LIMIT_DAYS);
  const daysLate = Math.max(0, daysBetween(deadline, filedOn));
  const withinLimit = daysLate === 0;
  return {
    withinLimit, deadline, daysLate, legalBasis: TIME_LIMITS_LEGAL_BASIS,
    explanation: withinLimit
      ? { en: `Filed on ${filedOn}, within ${FILING_LIMIT_DAYS} days of the death on ${dateOfDeath} (deadline ${deadline}; ${TIME_LIMITS_LEGAL_BASIS}).`, vi: `Nộp hồ sơ ngày ${filedOn}, trong thời hạn ${FILING_LIMIT_DAYS} ngày kể từ ngày chết ${dateOfDeath} (hạn cuối ${deadline}; Luật BHXH 2014 Điều 112).` }
      : { en: `Filed on ${filedOn}, ${daysLate} days after the ${FILING_LIMIT_DAYS}-day limit from the death on ${dateOfDeath} (deadline ${deadline}; ${TIME_LIMITS_LEGAL_BASIS}).`, vi: `Nộp hồ sơ ngày ${filedOn}, quá ${daysLate} ngày so với thời hạn ${FILING_LIMIT_DAYS} ngày kể từ ngày chết ${dateOfDeath} (hạn cuối ${deadline}; Luật BHXH 2014 Điều 112).` },
  };
}
