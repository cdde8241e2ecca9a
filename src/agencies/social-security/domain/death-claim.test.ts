import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate } from '../../../kernel/dates.ts';
import { checkFilingLimit } from './death-decisions.ts';
import { proofsNeeded, relativesForRules, ruleCause, type ClaimedRelative } from './death-claim.ts';
import { lateFilingDecisions } from './late-filing.ts';

const rel = (over: Partial<ClaimedRelative>): ClaimedRelative => ({
  pin: '035145000012', relationship: 'spouse', hasDirectCaretaker: true, incapacityPercent: 0, sex: 'female', dateOfBirth: '1945-06-20', ...over,
});
const DEATH = isoDate('2025-01-15');

test("the declaration's 'illness' is the rules' 'other'; occupational causes pass through (Law on SI 2014 art. 66.1, 67.1)", () => {
  assert.deepEqual((['illness', 'other', 'occupational-accident', 'occupational-disease'] as const).map(ruleCause), ['other', 'other', 'occupational-accident', 'occupational-disease']);
});

test('relatives on the date of death: age, retirement age (Labour Code 2019 art. 169), a child born after the death is in utero', () => {
  const out = relativesForRules(
    [
      rel({}),
      rel({ pin: '035177000014', sex: 'female', dateOfBirth: '1969-09-01' }), // 55 y 4 m on 2025-01-01: in 2025 the age is 56 y 8 m
      rel({ pin: '035064000030', sex: 'male', dateOfBirth: '1964-01-10', monthlyIncome: 3_000_000 }), // 61 y: in 2025 the age is 61 y 3 m
      rel({ pin: '035325000031', relationship: 'child', sex: 'female', dateOfBirth: '2025-03-01' }),
    ],
    DEATH,
    new Map(),
  );
  assert.deepEqual(out.map((r) => [r.ageYears, r.reachedRetirementAge, r.inUtero ?? false, r.monthlyIncome ?? null]), [
    [79, true, false, null],
    [55, false, false, null],
    [61, false, false, 3_000_000],
    [0, false, true, null],
  ]);
});

test('≥ 81% incapacity is proven before a survivor benefit is decided (Law on SI 2014 art. 111); the assessed percentage wins', () => {
  const relatives = [rel({ incapacityPercent: 80 }), rel({ pin: '035085000019', relationship: 'child', incapacityPercent: 81 })];
  assert.deepEqual(proofsNeeded(relatives, true, 81).map((f) => `${f.path}:${f.code}`), ['declaration.relatives.1.incapacityPercent:incapacity-proof-required']);
  assert.deepEqual(proofsNeeded(relatives, false, 81), [], 'no survivor benefit asked: nothing to prove');
  const proven = relativesForRules(relatives, DEATH, new Map([[1, { assessmentNumber: 'A-1', assessedOn: '2024-01-01', incapacityPercent: 61 }]]));
  assert.deepEqual(proven.map((r) => r.incapacityPercent), [80, 61]);
});

test('a claim after 90 days (Law on SI 2014 art. 112): each benefit asked is not settled, with the filing check explained', () => {
  const late = checkFilingLimit(isoDate('2024-01-01'), isoDate('2024-05-01'));
  const out = lateFilingDecisions({ funeralAllowance: true, survivorBenefit: 'lump-sum' }, late);
  assert.deepEqual([...out.funeral, ...out.survivor].map((d) => [d.benefit, d.kind, d.eligibilityCase]), [
    ['funeral-allowance', 'not-eligible', 'filing-limit-passed'],
    ['survivor-benefit', 'not-eligible', 'filing-limit-passed'],
  ]);
  assert.match(out.funeral[0]!.explanation.vi, /Điều 112/);
  assert.deepEqual(lateFilingDecisions({ funeralAllowance: true, survivorBenefit: 'none' }, checkFilingLimit(isoDate('2024-01-01'), isoDate('2024-01-02'))), { funeral: [], survivor: [] });
});
