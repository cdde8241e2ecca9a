import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import { isoMonth } from '../../../kernel/rules/voluntary-months.ts';
import {
  isPaymentMethod,
  nextRenewal,
  PAYMENT_METHODS,
  periodicDueBy,
  voluntaryContribution,
  type ContributionDecision,
  type ContributionInput,
  type PaymentPlan,
} from './voluntary-contribution.ts';
import { BUILT_IN_RULES, withAddedVersions } from '../../../kernel/rules/rule-book.ts';
import type { SupportGroup } from './voluntary-support.ts';

function decide(plan: PaymentPlan, start: string, over: Partial<ContributionInput> = {}): ContributionDecision {
  const r = voluntaryContribution({
    monthlyIncome: 1_500_000,
    supportGroups: ['other'],
    monthsAlreadySupported: 0,
    startMonth: isoMonth(start),
    plan,
    ...over,
  });
  if (!r.ok) assert.fail(`unexpected problem: ${r.problem.code}`);
  return r.decision;
}

test('brief example: 1,500,000, other, monthly 2025-08 → 330,000 − 66,000 = 264,000 by 2025-08-31 (DOMAIN.md §5, Decree 159/2025)', () => {
  const d = decide({ method: 'monthly' }, '2025-08');
  assert.equal(d.monthlyContribution, 330_000);
  assert.equal(d.monthlyStateSupport, 66_000);
  assert.equal(d.months, 1);
  assert.equal(d.amountDue, 264_000);
  assert.equal(d.dueBy, '2025-08-31');
  assert.equal(d.periodFrom, '2025-08');
  assert.equal(d.periodTo, '2025-08');
  assert.equal(d.fundRate, null);
  assert.equal(d.ruleVersion, 'si-law-2024+rural-poverty-line-2022+base-salary-2024-07+support-decree-159-2025+voluntary-deadlines-domain-5');
  assert.equal(
    d.legalBasis,
    'Law on Social Insurance 2024 (Law 41/2024/QH15) arts. 31, 36; rural poverty line: Decree 07/2021/ND-CP art. 3; ' +
      'base salary: Decree 73/2024/ND-CP; support: Decree 159/2025/ND-CP; payment deadlines per DOMAIN.md §5 (article unconfirmed)',
  );
});

// Each payment method: months, amount and deadline (DOMAIN.md §5). Income 1,500,000, 'other', no history.
for (const [plan, start, months, periodTo, amountDue, dueBy, source] of [
  [{ method: 'monthly' }, '2025-08', 1, '2025-08', 264_000, '2025-08-31', 'monthly: within the month'],
  [{ method: '3-months' }, '2025-08', 3, '2025-10', 792_000, '2025-10-31', '3-monthly: within the 3 months'],
  [{ method: '6-months' }, '2025-08', 6, '2026-01', 1_584_000, '2025-11-30', '6-monthly: within the first 4 months'],
  [{ method: '12-months' }, '2025-08', 12, '2026-07', 3_168_000, '2026-02-28', '12-monthly: within the first 7 months'],
  [
    { method: 'advance-years', years: 1, registrationDate: isoDate('2025-07-20') },
    '2025-08',
    12,
    '2026-07',
    3_099_495,
    '2025-07-20',
    'advance: 264,000 × Σ 1.004^-i, i = 0..11 (sample 2024 rate, formula unconfirmed); due at registration',
  ],
  [
    { method: 'advance-years', years: 5, registrationDate: isoDate('2025-07-20') },
    '2025-08',
    60,
    '2030-07',
    12_974_546,
    '2025-07-20',
    'advance 5 years (the maximum): 17 × 264,000 then 43 × 233,200 from 2027 (poverty line 2,200,000), discounted at 0.4%',
  ],
  [
    { method: 'missing-period', missingMonths: 3, registrationDate: isoDate('2025-07-10') },
    '2025-04',
    3,
    '2025-06',
    898_147,
    '2025-07-10',
    'missing: Decree 134 others 10% → 297,000 × (1.004³ + 1.004² + 1.004) (formula unconfirmed); due at registration',
  ],
] as const) {
  test(`${plan.method} from ${start}: ${months} months to ${periodTo}, ${amountDue} due by ${dueBy} (${source})`, () => {
    const d = decide(plan, start);
    assert.equal(d.method, plan.method);
    assert.equal(d.months, months);
    assert.equal(d.lines.length, months);
    assert.equal(d.periodFrom, start);
    assert.equal(d.periodTo, periodTo);
    assert.equal(d.amountDue, amountDue);
    assert.equal(d.dueBy, dueBy);
  });
}

for (const [start, method, dueBy, source] of [
  ['2025-01', 'monthly', '2025-01-31', 'within the month'],
  ['2025-01', '3-months', '2025-03-31', 'within the 3 months'],
  ['2023-12', '3-months', '2024-02-29', 'within the 3 months, leap February'],
  ['2025-01', '6-months', '2025-04-30', 'within the first 4 months'],
  ['2025-01', '12-months', '2025-07-31', 'within the first 7 months'],
  ['2023-12', '12-months', '2024-06-30', 'within the first 7 months, across a year end'],
] as const) {
  test(`deadline: ${method} from ${start} → ${dueBy} (DOMAIN.md §5: ${source})`, () => {
    assert.equal(periodicDueBy(isoMonth(start), method), dueBy);
  });
}

test('lump sums record the fund rate they used, and their legal basis says the formula is unconfirmed', () => {
  const d = decide({ method: 'advance-years', years: 1, registrationDate: isoDate('2025-07-20') }, '2025-08');
  assert.equal(d.fundRate?.year, 2024);
  assert.equal(d.netBeforeInterest, 3_168_000);
  assert.equal(d.lines[0]!.factor, 1);
  assert.ok(d.lines[11]!.factor < d.lines[1]!.factor);
  assert.match(d.ruleVersion, /\+si-fund-rate-2024-sample\+/);
  assert.match(d.legalBasis, /formula unconfirmed/);
});

test('a payment spanning 2025-06 and 2025-07 uses each month its own support rate (Decree 134 → Decree 159)', () => {
  const d = decide({ method: '3-months' }, '2025-05', { monthlyIncome: 2_000_000, supportGroups: ['near-poor'] });
  assert.deepEqual(
    d.lines.map((l) => [l.month, l.contribution, l.support, l.net]),
    [
      ['2025-05', 440_000, 82_500, 357_500],
      ['2025-06', 440_000, 82_500, 357_500],
      ['2025-07', 440_000, 132_000, 308_000],
    ],
  );
  assert.equal(d.monthlyStateSupport, 82_500);
  assert.equal(d.amountDue, 1_023_000);
  assert.equal(d.dueBy, '2025-07-31');
  assert.match(d.ruleVersion, /support-decree-134-2015.*support-decree-159-2025/);
  assert.match(d.legalBasis, /Law on Social Insurance 2014 .*art\. 87; Law on Social Insurance 2024/);
});

test('a 12-month period crossing 2027-01-01 keeps its income check at the start but each month its poverty line', () => {
  const d = decide({ method: '12-months' }, '2026-07');
  assert.equal(d.incomeBounds.floor, 1_500_000);
  assert.equal(d.incomeBounds.ceiling, 50_600_000);
  assert.deepEqual(
    d.lines.map((l) => l.support),
    [...Array(6).fill(66_000), ...Array(6).fill(96_800)],
  );
  assert.equal(d.amountDue, 6 * 264_000 + 6 * 233_200);
  assert.equal(d.dueBy, '2027-01-31');
});

test('120-month cap: 118 months already supported, 6 months paid → 2 supported (Decree 134/2015 art. 14)', () => {
  const d = decide({ method: '6-months' }, '2025-08', { monthsAlreadySupported: 118 });
  assert.equal(d.supportedMonths, 2);
  assert.equal(d.totalStateSupport, 132_000);
  assert.deepEqual(
    d.lines.map((l) => l.support),
    [66_000, 66_000, 0, 0, 0, 0],
  );
  assert.equal(d.amountDue, 2 * 264_000 + 4 * 330_000);
});

test('highest group only: poor + ethnic minority in 2025-08 → 50%, not 80% (Decree 159/2025)', () => {
  const d = decide({ method: 'monthly' }, '2025-08', { supportGroups: ['ethnic-minority', 'poor'] as SupportGroup[] });
  assert.equal(d.monthlyStateSupport, 165_000);
  assert.equal(d.amountDue, 165_000);
});

test('missing period from 2020: Decree 134 support, 700,000 floor, compounded at the 2020 sample rate', () => {
  const d = decide({ method: 'missing-period', missingMonths: 6, registrationDate: isoDate('2021-03-15') }, '2020-07', {
    monthlyIncome: 700_000,
    supportGroups: ['poor'],
  });
  assert.equal(d.monthlyContribution, 154_000);
  assert.equal(d.monthlyStateSupport, 46_200);
  assert.equal(d.netBeforeInterest, 6 * 107_800);
  // 107,800 × Σ 1.005^k for k = 8 … 3 (2020-07 … 2020-12 to 2021-03) = 664,812.39…
  assert.equal(d.amountDue, 664_812);
  assert.equal(d.fundRate?.year, 2020);
  assert.equal(d.dueBy, '2021-03-15');
});

test('an income outside the bounds gives the field problem, not a decision (Law on SI 2024 art. 31)', () => {
  const r = voluntaryContribution({
    monthlyIncome: 1_500_000,
    supportGroups: [],
    monthsAlreadySupported: 0,
    startMonth: isoMonth('2027-01'),
    plan: { method: 'monthly' },
  });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problem.code, 'income-below-floor');
  assert.equal(r.problem.floor, 2_200_000);
});

test('programming errors are RangeErrors', () => {
  const base = { monthlyIncome: 1_500_000, supportGroups: [] as SupportGroup[], monthsAlreadySupported: 0, startMonth: isoMonth('2025-08') };
  const reg = isoDate('2025-07-20');
  assert.throws(() => voluntaryContribution({ ...base, plan: { method: 'advance-years', years: 6, registrationDate: reg } }), RangeError);
  assert.throws(() => voluntaryContribution({ ...base, plan: { method: 'advance-years', years: 0, registrationDate: reg } }), RangeError);
  assert.throws(() => voluntaryContribution({ ...base, plan: { method: 'missing-period', missingMonths: 0, registrationDate: reg } }), RangeError);
  // a missing period must end before the payment month
  assert.throws(
    () => voluntaryContribution({ ...base, plan: { method: 'missing-period', missingMonths: 1, registrationDate: isoDate('2025-08-05') } }),
    RangeError,
  );
  // no fund rate recorded for 2019 or earlier (the built-in table starts with 2020's, used from 2021)
  assert.throws(
    () => voluntaryContribution({ ...base, startMonth: isoMonth('2020-02'), monthlyIncome: 700_000, plan: { method: 'advance-years', years: 1, registrationDate: isoDate('2020-01-10') } }),
    /no SI fund investment rate recorded for 2019 or earlier/,
  );
  assert.throws(() => voluntaryContribution({ ...base, plan: { method: 'weekly' } as never }), RangeError);
});

// DOMAIN.md §5: the previous year's rate; a year not yet recorded falls back to the latest recorded (voluntary-interest-rates.ts).
test('a lump sum whose year’s fund rate is not yet recorded uses the latest one, and says so; once added, the added one', () => {
  const plan = { method: 'advance-years', years: 1, registrationDate: isoDate('2028-01-10') } as const;
  const over = { monthlyIncome: 2_200_000 };
  // 2028: 2027's rate is needed; the built-in table ends with 2026's (sample 3,800 ppm).
  const lagging = decide(plan, '2028-02', over);
  assert.deepEqual([lagging.fundRate?.year, lagging.fundRate?.neededYear, lagging.fundRate?.fallback], [2026, 2027, true]);
  assert.match(lagging.ruleVersion, /\+si-fund-rate-2026-sample\+/);
  assert.match(lagging.legalBasis, /the rate of 2027, which DOMAIN\.md §5 asks for \(the previous year's\), is not yet recorded, so the latest recorded rate is used/);
  // 22% × 2,200,000 − 20% × 22% × 2,200,000 = 484,000 − 96,800 = 387,200 a month; 387,200 × Σ 1.0038^-i (i = 0..11).
  const sum = (ppm: number) => Math.round(Array.from({ length: 12 }, (_, i) => 387_200 / (1 + ppm / 1e6) ** i).reduce((a, b) => a + b, 0));
  assert.equal(lagging.amountDue, sum(3_800));
  // The operator adds 2027's rate from 2028-01-05: a payment on 2028-01-10 uses it, with no fallback.
  const { book } = withAddedVersions(BUILT_IN_RULES, [{ table: 'si-fund-rate', version: 'si-fund-rate-2027-vss', effectiveFrom: isoDate('2028-01-05'), value: { year: 2027, monthlyRatePpm: 3_500 }, legalBasis: 'VSS notice (test)' }]);
  const current = decide(plan, '2028-02', { ...over, rules: book });
  assert.deepEqual([current.fundRate?.year, current.fundRate?.version, current.fundRate?.fallback], [2027, 'si-fund-rate-2027-vss', false]);
  assert.equal(current.amountDue, sum(3_500));
  assert.doesNotMatch(current.legalBasis, /not yet recorded/);
  assert.match(current.legalBasis, /SI fund monthly investment rate of 2027, 3,500 ppm \(si-fund-rate-2027-vss: VSS notice \(test\)\)/);
  // Added but from a later date: a payment before it still falls back.
  assert.equal(decide({ ...plan, registrationDate: isoDate('2028-01-04') }, '2028-02', { ...over, rules: book }).fundRate?.fallback, true);
});

test('payment methods are one vocabulary', () => {
  assert.deepEqual(PAYMENT_METHODS, ['monthly', '3-months', '6-months', '12-months', 'advance-years', 'missing-period']);
  assert.equal(isPaymentMethod('6-months'), true);
  assert.equal(isPaymentMethod('2-months'), false);
});

// Renewal: the next period starts the month after the last one paid (DOMAIN.md §5 methods and deadlines).
test('renewal of a 3-monthly payment: next 3 months, amount and deadline', () => {
  const r = nextRenewal({ lastPaidThrough: isoMonth('2025-10'), lastMethod: '3-months', monthlyIncome: 1_500_000, supportGroups: ['other'], monthsAlreadySupported: 3 });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.decision.periodFrom, '2025-11');
  assert.equal(r.decision.periodTo, '2026-01');
  assert.equal(r.decision.amountDue, 792_000);
  assert.equal(r.decision.dueBy, '2026-01-31');
});

test('renewal applies the cap with the history including the last payment', () => {
  const r = nextRenewal({ lastPaidThrough: isoMonth('2025-12'), lastMethod: '3-months', monthlyIncome: 1_500_000, supportGroups: ['other'], monthsAlreadySupported: 119 });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.decision.supportedMonths, 1);
  assert.equal(r.decision.amountDue, 264_000 + 2 * 330_000);
});

test('renewal into 2027 at 1,500,000 is refused: the floor rose to 2,200,000 (DOMAIN.md §5)', () => {
  const r = nextRenewal({ lastPaidThrough: isoMonth('2026-12'), lastMethod: '12-months', monthlyIncome: 1_500_000, supportGroups: ['other'], monthsAlreadySupported: 12 });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problem.code, 'income-below-floor');
});

test('after a lump sum the next periodic method must be given', () => {
  const common = { lastPaidThrough: isoMonth('2026-07'), monthlyIncome: 1_500_000, supportGroups: ['other'] as SupportGroup[], monthsAlreadySupported: 12 };
  assert.throws(() => nextRenewal({ ...common, lastMethod: 'advance-years' }), RangeError);
  const r = nextRenewal({ ...common, lastMethod: 'advance-years', nextMethod: '6-months' });
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.equal(r.decision.periodFrom, '2026-08');
  assert.equal(r.decision.periodTo, '2027-01');
  assert.equal(r.decision.dueBy, '2026-11-30');
  assert.equal(r.decision.amountDue, 5 * 264_000 + 233_200);
});
