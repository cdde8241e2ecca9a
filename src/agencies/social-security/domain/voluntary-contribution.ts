/**
 * Amount due and deadline of a voluntary social insurance payment (online service 602e).
 *
 * Sources (DOMAIN.md §5): Law on SI 2014 art. 87 / Law on SI 2024 arts. 31, 36 (22% of the chosen monthly
 * income, the payment methods); Decree 134/2015/ND-CP and Decree 159/2025/ND-CP (state support, see
 * voluntary-support.ts); payment deadlines as DOMAIN.md §5 states them (the article that sets them is
 * not named there: *unconfirmed*).
 *
 *   amount due = Σ over the months paid of (22% × chosen income − that month's state support),
 * discounted for an advance payment and compounded for a missing period (voluntary-interest-rates.ts,
 * formula *unconfirmed*; the rate from the rule book's `si-fund-rate` table, sample values — a year not yet
 * recorded falls back to the latest recorded rate, and the legal basis says so). Each month: contribution = 22% × income rounded half up to the dong (applied per
 * month, then summed); support per voluntary-support.ts, each month on its own date, 120-month cap applied
 * to the earliest months; lump sums rounded once more on the total.
 *
 * Methods and deadlines (DOMAIN.md §5):
 *   'monthly'        1 month   — due within the month             → last day of the month
 *   '3-months'       3 months  — due within the 3 months          → last day of the 3rd month
 *   '6-months'       6 months  — due within the first 4 months    → last day of the 4th month
 *   '12-months'     12 months  — due within the first 7 months    → last day of the 7th month
 *   'advance-years'  12 × years (1..5) months from the start month, discounted — due on the registration date
 *   'missing-period' the given number of past months from the first missing month, compounded to the
 *                    payment month — due on the registration date. Whether state support applies to missing
 *                    months is *unconfirmed*; as the brief states, it is applied like any other month.
 *
 * The income must lie between the floor and the ceiling in force on the first day of the start month
 * (voluntary-income.ts); otherwise the result is the field-level problem, not a decision.
 *
 * Worked example: income 1,500,000, 'other', monthly, 2025-08 → contribution 330,000, support
 * 20% × 330,000 = 66,000, due 264,000 by 2025-08-31.
 */
import { isIsoDate, monthOf, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import { checkVoluntaryIncome, type IncomeBounds, type IncomeProblem } from '../../../kernel/rules/voluntary-income.ts';
import { compoundFactor, discountFactor, fundRateForPaymentOn, type FundRate } from './voluntary-interest-rates.ts';
import { voluntaryLawAt } from '../../../kernel/rules/voluntary-law.ts';
import { applyBasisPoints } from '../../../kernel/rules/voluntary-money.ts';
import { addMonths, firstDayOf, lastDayOf, monthRange, monthsBetween } from '../../../kernel/rules/voluntary-months.ts';
import { supportForPayment, type SupportGroup } from './voluntary-support.ts';

export const PAYMENT_METHODS = ['monthly', '3-months', '6-months', '12-months', 'advance-years', 'missing-period'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PERIODIC_METHODS = ['monthly', '3-months', '6-months', '12-months'] as const satisfies readonly PaymentMethod[];
export type PeriodicMethod = (typeof PERIODIC_METHODS)[number];

export function isPaymentMethod(x: unknown): x is PaymentMethod {
  return typeof x === 'string' && (PAYMENT_METHODS as readonly string[]).includes(x);
}
export function isPeriodicMethod(x: unknown): x is PeriodicMethod {
  return typeof x === 'string' && (PERIODIC_METHODS as readonly string[]).includes(x);
}

/** Months covered and months allowed for paying, per periodic method (DOMAIN.md §5). */
export const PERIODIC_TERMS = {
  monthly: { months: 1, dueWithinMonths: 1 },
  '3-months': { months: 3, dueWithinMonths: 3 },
  '6-months': { months: 6, dueWithinMonths: 4 },
  '12-months': { months: 12, dueWithinMonths: 7 },
} as const satisfies Record<PeriodicMethod, { months: number; dueWithinMonths: number }>;

/** Advance payment: at most 5 years (DOMAIN.md §5, Decree 134/2015). */
export const MAX_ADVANCE_YEARS = 5;

export const DEADLINE_RULE = {
  version: 'voluntary-deadlines-domain-5',
  legalBasis: 'payment deadlines per DOMAIN.md §5 (article unconfirmed)',
} as const;
const INTEREST_BASIS = 'advance discount / missing-period compounding at the SI fund monthly investment rate of the previous year (DOMAIN.md §5; formula unconfirmed)';

export type PaymentPlan =
  | { readonly method: PeriodicMethod }
  | { readonly method: 'advance-years'; readonly years: number; readonly registrationDate: IsoDate }
  | { readonly method: 'missing-period'; readonly missingMonths: number; readonly registrationDate: IsoDate };

export interface ContributionInput {
  /** Chosen monthly income, integer VND. */
  readonly monthlyIncome: number;
  readonly supportGroups: readonly SupportGroup[];
  /** Months of state support received before this payment. */
  readonly monthsAlreadySupported: number;
  /** First month paid ('missing-period': the first missing month). */
  readonly startMonth: IsoMonth;
  readonly plan: PaymentPlan;
  /** The rule book to resolve the base salary, poverty line and support rates in (default: the built-in tables). */
  readonly rules?: RuleBook | undefined;
}

export interface ContributionLine {
  readonly month: IsoMonth;
  /** 22% × income, integer VND. */
  readonly contribution: number;
  /** State support for the month, integer VND (0 past the cap). */
  readonly support: number;
  readonly net: number;
  /** Discount (advance) or compounding (missing) factor applied to `net`; 1 for periodic methods. */
  readonly factor: number;
}

export interface ContributionDecision {
  readonly method: PaymentMethod;
  readonly monthlyIncome: number;
  /** 22% × income for the first month (the same every month while the rate is 22%). */
  readonly monthlyContribution: number;
  /** State support of the FIRST month of the period; see `lines` for each month. */
  readonly monthlyStateSupport: number;
  /** Number of months paid. */
  readonly months: number;
  /** Months of state support granted by this payment (add them to the history for the next one). */
  readonly supportedMonths: number;
  readonly totalStateSupport: number;
  /** Σ net before discount or compounding. */
  readonly netBeforeInterest: number;
  readonly amountDue: number;
  readonly dueBy: IsoDate;
  readonly periodFrom: IsoMonth;
  readonly periodTo: IsoMonth;
  readonly lines: readonly ContributionLine[];
  readonly incomeBounds: IncomeBounds;
  /** Rate used for a lump sum, or null. */
  readonly fundRate: FundRate | null;
  /** Every version id used, '+'-joined. */
  readonly ruleVersion: string;
  readonly legalBasis: string;
}

export type ContributionResult =
  | { readonly ok: true; readonly decision: ContributionDecision }
  | { readonly ok: false; readonly problem: IncomeProblem; readonly bounds: IncomeBounds };

function monthCount(plan: PaymentPlan): number {
  switch (plan.method) {
    case 'advance-years':
      if (!Number.isInteger(plan.years) || plan.years < 1 || plan.years > MAX_ADVANCE_YEARS) {
        throw new RangeError(`advance payment must be 1..${MAX_ADVANCE_YEARS} whole years: ${plan.years}`);
      }
      return 12 * plan.years;
    case 'missing-period':
      if (!Number.isSafeInteger(plan.missingMonths) || plan.missingMonths < 1) {
        throw new RangeError(`missing period must be a whole number of months ≥ 1: ${plan.missingMonths}`);
      }
      return plan.missingMonths;
    default:
      if (!isPeriodicMethod(plan.method)) throw new RangeError(`unknown payment method: ${String(plan.method)}`);
      return PERIODIC_TERMS[plan.method].months;
  }
}

/** Last day of the last month allowed for paying a periodic method's period (DOMAIN.md §5). */
export function periodicDueBy(periodFrom: IsoMonth, method: PeriodicMethod): IsoDate {
  return lastDayOf(addMonths(periodFrom, PERIODIC_TERMS[method].dueWithinMonths - 1));
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The amount due for a period of voluntary social insurance, or the income problem that prevents it. */
export function voluntaryContribution(input: ContributionInput): ContributionResult {
  const { monthlyIncome, supportGroups, monthsAlreadySupported, startMonth, plan } = input;
  const n = monthCount(plan);
  const months = monthRange(startMonth, n);
  const periodTo = months[n - 1]!;
  // Lump sums are paid (and due) on the registration date; their interest runs to its month.
  const registrationDate = plan.method === 'advance-years' || plan.method === 'missing-period' ? plan.registrationDate : null;
  if (registrationDate !== null && !isIsoDate(registrationDate)) throw new RangeError(`not an ISO date: ${String(registrationDate)}`);
  const paymentMonth = registrationDate === null ? null : monthOf(registrationDate);
  if (plan.method === 'missing-period' && monthsBetween(periodTo, paymentMonth!) < 1) {
    throw new RangeError(`a missing period must end before the payment month ${paymentMonth}: ends ${periodTo}`);
  }

  const check = checkVoluntaryIncome(monthlyIncome, startMonth, input.rules);
  if (!check.ok) return { ok: false, problem: check.problem, bounds: check.bounds };

  const laws = months.map((m) => voluntaryLawAt(firstDayOf(m)));
  const support = supportForPayment({ months, groups: supportGroups, monthsAlreadySupported }, input.rules);
  // The book's SI fund rate table (operator-extended); a year not yet recorded falls back to the latest, said in the basis.
  const fundRate = registrationDate === null ? null : fundRateForPaymentOn(registrationDate, (input.rules ?? BUILT_IN_RULES).siFundRate);

  const lines: ContributionLine[] = months.map((month, i) => {
    const contribution = applyBasisPoints(monthlyIncome, laws[i]!.value.contributionBp);
    const s = support.perMonth[i]!.amount;
    const factor =
      plan.method === 'advance-years'
        ? discountFactor(fundRate!.monthlyRatePpm, i)
        : plan.method === 'missing-period'
          ? compoundFactor(fundRate!.monthlyRatePpm, monthsBetween(month, paymentMonth!))
          : 1;
    return { month, contribution, support: s, net: contribution - s, factor };
  });
  const netBeforeInterest = lines.reduce((sum, l) => sum + l.net, 0);
  // Lump sums: Σ net × factor unrounded, then rounded once half up (voluntary-interest-rates.ts).
  const amountDue = fundRate === null ? netBeforeInterest : Math.round(lines.reduce((sum, l) => sum + l.net * l.factor, 0));
  const dueBy = 'registrationDate' in plan ? plan.registrationDate : periodicDueBy(startMonth, plan.method);

  const versions = unique([
    ...laws.map((l) => l.version),
    ...check.bounds.ruleVersion.split('+'),
    ...support.perMonth.flatMap((s) => s.ruleVersion.split('+')),
    ...(fundRate ? [fundRate.version] : []),
    DEADLINE_RULE.version,
  ]);
  const bases = unique([
    ...laws.map((l) => l.legalBasis),
    ...check.bounds.legalBasis.split('; '),
    ...support.perMonth.flatMap((s) => s.legalBasis.split('; ')),
    ...(fundRate ? [INTEREST_BASIS, fundRate.basis] : []),
    DEADLINE_RULE.legalBasis,
  ]);

  return {
    ok: true,
    decision: {
      method: plan.method,
      monthlyIncome,
      monthlyContribution: lines[0]!.contribution,
      monthlyStateSupport: lines[0]!.support,
      months: n,
      supportedMonths: support.supportedMonths,
      totalStateSupport: support.total,
      netBeforeInterest,
      amountDue,
      dueBy,
      periodFrom: startMonth,
      periodTo,
      lines,
      incomeBounds: check.bounds,
      fundRate,
      ruleVersion: versions.join('+'),
      legalBasis: bases.join('; '),
    },
  };
}

export interface RenewalInput {
  /** Last month already paid. */
  readonly lastPaidThrough: IsoMonth;
  /** Method of the last payment. */
  readonly lastMethod: PaymentMethod;
  /** Method for the next period; defaults to the last method when that is periodic. */
  readonly nextMethod?: PeriodicMethod;
  readonly monthlyIncome: number;
  readonly supportGroups: readonly SupportGroup[];
  /** History INCLUDING the months supported by the last payment. */
  readonly monthsAlreadySupported: number;
  /** As in ContributionInput. */
  readonly rules?: RuleBook | undefined;
}

/**
 * The next period of a renewal: it starts the month after `lastPaidThrough`, with the same periodic
 * method unless `nextMethod` says otherwise. After a lump sum ('advance-years', 'missing-period') a
 * periodic `nextMethod` must be given (a new lump sum is a new registration: use voluntaryContribution).
 * Income bounds, support and cap are re-evaluated for the new period, so the result may be an
 * 'income-below-floor' problem when the poverty line has risen (e.g. 1,500,000 from 2027-01).
 */
export function nextRenewal(input: RenewalInput): ContributionResult {
  const method = input.nextMethod ?? input.lastMethod;
  if (!isPeriodicMethod(method)) {
    throw new RangeError(`after a '${input.lastMethod}' payment the next periodic method must be given`);
  }
  return voluntaryContribution({
    rules: input.rules,
    monthlyIncome: input.monthlyIncome,
    supportGroups: input.supportGroups,
    monthsAlreadySupported: input.monthsAlreadySupported,
    startMonth: addMonths(input.lastPaidThrough, 1),
    plan: { method },
  });
}
