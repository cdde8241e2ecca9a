import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate } from '../../../kernel/dates.ts';
import { isoMonth, monthRange } from '../../../kernel/rules/voluntary-months.ts';
import {
  highestSupportRate,
  isSupportGroup,
  MAX_SUPPORTED_MONTHS,
  monthlySupport,
  SUPPORT_GROUPS,
  supportForPayment,
  type SupportGroup,
} from './voluntary-support.ts';

// Rates either side of 2025-07-01 for every group. 22% × 1,500,000 = 330,000 (DOMAIN.md §5).
for (const [month, group, rateBp, amount, source] of [
  ['2025-06', 'poor', 3_000, 99_000, 'Decree 134/2015 art. 14: poor 30%'],
  ['2025-06', 'near-poor', 2_500, 82_500, 'Decree 134/2015 art. 14: near-poor 25%'],
  ['2025-06', 'ethnic-minority', 1_000, 33_000, 'Decree 134/2015: no such group → others 10%'],
  ['2025-06', 'island-commune', 1_000, 33_000, 'Decree 134/2015: no such group → others 10%'],
  ['2025-06', 'other', 1_000, 33_000, 'Decree 134/2015 art. 14: others 10%'],
  ['2025-07', 'poor', 5_000, 165_000, 'Decree 159/2025: poor 50%'],
  ['2025-07', 'near-poor', 4_000, 132_000, 'Decree 159/2025: near-poor 40%'],
  ['2025-07', 'ethnic-minority', 3_000, 99_000, 'Decree 159/2025: ethnic minorities 30%'],
  ['2025-07', 'island-commune', 5_000, 165_000, 'Decree 159/2025: island communes / special zones 50%'],
  ['2025-07', 'other', 2_000, 66_000, 'Decree 159/2025: others 20%'],
  ['2025-08', 'other', 2_000, 66_000, 'brief example: 20% × 330,000 = 66,000'],
  ['2018-01', 'poor', 3_000, 46_200, 'Decree 134/2015: 30% × 22% × 700,000 (Decision 59/2015)'],
  ['2017-12', 'poor', 0, 0, 'Law on SI 2014 art. 87.1: support only from 2018-01-01'],
  ['2027-01', 'near-poor', 4_000, 193_600, 'Decree 159/2025: 40% × 22% × 2,200,000 (2027 poverty line)'],
  ['2027-01', 'other', 2_000, 96_800, 'Decree 159/2025: 20% × 22% × 2,200,000'],
] as const) {
  test(`support ${month} for '${group}' = ${rateBp / 100}% → ${amount} (${source})`, () => {
    const s = monthlySupport(isoMonth(month), [group]);
    assert.equal(s.rateBp, rateBp);
    assert.equal(s.amount, amount);
    assert.equal(s.supported, rateBp > 0);
  });
}

test('versions and legal basis are recorded per month (Decree 134 vs Decree 159)', () => {
  const june = monthlySupport(isoMonth('2025-06'), ['other']);
  assert.equal(june.ruleVersion, 'support-decree-134-2015+rural-poverty-line-2022+si-law-2014');
  assert.equal(june.legalBasis, 'support: Decree 134/2015/ND-CP art. 14; rural poverty line: Decree 07/2021/ND-CP art. 3');
  const july = monthlySupport(isoMonth('2025-07'), ['other']);
  assert.equal(july.ruleVersion, 'support-decree-159-2025+rural-poverty-line-2022+si-law-2024');
});

// DOMAIN.md §5: "only the highest applicable rate".
for (const [groups, on, group, rateBp, source] of [
  [['poor', 'ethnic-minority'], '2025-07-01', 'poor', 5_000, 'Decree 159: 50% beats 30%, not 80%'],
  [['near-poor', 'ethnic-minority'], '2025-07-01', 'near-poor', 4_000, 'Decree 159: 40% beats 30%'],
  [['ethnic-minority', 'near-poor'], '2025-07-01', 'near-poor', 4_000, 'order of the input does not matter'],
  [['island-commune', 'near-poor'], '2025-07-01', 'island-commune', 5_000, 'Decree 159: island commune 50% beats 40%'],
  [['island-commune', 'poor'], '2025-07-01', 'poor', 5_000, 'tie at 50%: the first in SUPPORT_GROUPS is recorded'],
  [['ethnic-minority', 'island-commune'], '2025-06-30', 'ethnic-minority', 1_000, 'Decree 134: both are others (10%)'],
  [['near-poor', 'poor'], '2025-06-30', 'poor', 3_000, 'Decree 134: 30% beats 25%'],
  [[], '2025-07-01', 'other', 2_000, 'no group → others'],
  [['other', 'ethnic-minority'], '2025-07-01', 'ethnic-minority', 3_000, 'Decree 159: 30% beats 20%'],
] as const) {
  test(`highest rate of [${groups.join(', ')}] on ${on} → ${group} ${rateBp / 100}% (${source})`, () => {
    const r = highestSupportRate(groups as readonly SupportGroup[], isoDate(on));
    assert.equal(r.group, group);
    assert.equal(r.rateBp, rateBp);
  });
}

// The 120-month cap (Decree 134/2015 art. 14; DOMAIN.md §5). Brief: 118 used + 6 paid → 2 supported.
for (const [used, paid, supported, remaining, source] of [
  [0, 12, 12, 108, 'first year'],
  [118, 6, 2, 0, 'brief example: 118 + 6 → 2 supported, the earliest'],
  [114, 6, 6, 0, 'reaches the cap exactly'],
  [120, 3, 0, 0, 'cap already reached'],
  [130, 1, 0, 0, 'history beyond the cap (defensive)'],
  [119, 1, 1, 0, 'last month of support'],
] as const) {
  test(`cap: ${used} months already supported + ${paid} paid → ${supported} supported (${source})`, () => {
    const d = supportForPayment({ months: monthRange(isoMonth('2025-08'), paid), groups: ['other'], monthsAlreadySupported: used });
    assert.equal(d.supportedMonths, supported);
    assert.equal(d.remainingAfter, remaining);
    assert.equal(d.total, supported * 66_000);
    assert.deepEqual(
      d.perMonth.map((m) => m.supported),
      Array.from({ length: paid }, (_, i) => i < supported),
    );
    assert.ok(d.perMonth.every((m) => m.supported || m.amount === 0));
  });
}

test('a payment spanning 2025-06 and 2025-07 uses each month its own rate (documented choice)', () => {
  const d = supportForPayment({ months: monthRange(isoMonth('2025-05'), 3), groups: ['near-poor'], monthsAlreadySupported: 0 });
  assert.deepEqual(
    d.perMonth.map((m) => [m.month, m.rateBp, m.amount]),
    [
      ['2025-05', 2_500, 82_500],
      ['2025-06', 2_500, 82_500],
      ['2025-07', 4_000, 132_000],
    ],
  );
  assert.equal(d.total, 297_000);
});

test('months before 2018 carry no support and do not use up the cap', () => {
  const d = supportForPayment({ months: monthRange(isoMonth('2017-11'), 4), groups: ['poor'], monthsAlreadySupported: 118 });
  assert.deepEqual(
    d.perMonth.map((m) => [m.month, m.supported, m.amount]),
    [
      ['2017-11', false, 0],
      ['2017-12', false, 0],
      ['2018-01', true, 46_200],
      ['2018-02', true, 46_200],
    ],
  );
  assert.equal(d.remainingAfter, 0);
});

test('support groups are one vocabulary', () => {
  assert.deepEqual(SUPPORT_GROUPS, ['poor', 'near-poor', 'ethnic-minority', 'island-commune', 'other']);
  assert.equal(isSupportGroup('near-poor'), true);
  assert.equal(isSupportGroup('rich'), false);
  assert.equal(MAX_SUPPORTED_MONTHS, 120);
  assert.throws(() => highestSupportRate(['rich' as SupportGroup], isoDate('2025-07-01')), RangeError);
});

test('bad inputs are programming errors', () => {
  assert.throws(() => supportForPayment({ months: [isoMonth('2025-08')], groups: [], monthsAlreadySupported: -1 }), RangeError);
  assert.throws(() => supportForPayment({ months: [isoMonth('2025-08'), isoMonth('2025-08')], groups: [], monthsAlreadySupported: 0 }), RangeError);
});
