import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BirthDeclaration } from '../../contracts/declarations/birth.ts';
import { DeathDeclaration } from '../../contracts/declarations/death.ts';
import { VoluntarySiDeclaration } from '../../contracts/declarations/voluntary-si.ts';
import { isoDate } from '../../kernel/dates.ts';
import { checkDeath } from '../../hub/groups/death-rules.ts';
import { checkVoluntarySi } from '../../hub/groups/voluntary-si-rules.ts';
import { validate } from '../../platform/validation.ts';
import { generateBenchPopulation } from '../seed/bench-population.ts';
import { benchBirthDeclaration, benchDeathDeclaration, benchVoluntarySiDeclaration } from './declarations.ts';
import { countsOf, MixError, parseGroup, parseMix, schedule } from './mix.ts';
import { classify, settledForBench } from './outcome.ts';

test('--mix: weights are normalised; unknown groups, bad weights and repeats are refused with the reason', () => {
  const ok: [string, Record<string, number>][] = [
    ['birth=0.66,death=0.33,voluntary-si=0.01', { birth: 0.66, death: 0.33, 'voluntary-si': 0.01 }],
    ['birth=2,death=1', { birth: 2 / 3, death: 1 / 3 }],
    ['death=1', { death: 1 }],
    [' death = 3 , voluntary-si=1 ', { death: 0.75, 'voluntary-si': 0.25 }],
    ['birth=1,death=0', { birth: 1 }],
    ['voluntary-si=.5,birth=.5', { birth: 0.5, 'voluntary-si': 0.5 }],
  ];
  for (const [input, want] of ok) {
    const got = parseMix(input);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), input);
    for (const [g, w] of Object.entries(want)) assert.ok(Math.abs(got[g as keyof typeof got]! - w) < 1e-9, `${input}: ${g}`);
  }
  const bad: [string, RegExp][] = [
    ['marriage=1', /unknown group "marriage"/],
    ['birth=abc', /weight of birth must be a number ≥ 0, not "abc"/],
    ['birth=-1', /weight of birth must be a number ≥ 0, not "-1"/],
    ['birth=Infinity', /weight of birth/],
    ['birth=1e3', /weight of birth/],
    ['birth', /"birth" is not group=weight/],
    ['birth=1,,death=1', /"" is not group=weight/],
    ['birth=1,birth=2', /"birth" given twice/],
    ['birth=0,death=0', /at least one weight must be > 0/],
    ['', /empty/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseMix(input), (e: Error) => e instanceof MixError && message.test(e.message), input);
  assert.equal(parseGroup('voluntary-si'), 'voluntary-si');
  assert.throws(() => parseGroup('deaths'), /unknown group "deaths" \(one of birth, death, voluntary-si\)/);
});

test('the schedule interleaves the groups and gives each its share, a small weight included', () => {
  const order = schedule(parseMix('birth=0.66,death=0.33,voluntary-si=0.01'), 300);
  assert.deepEqual(countsOf(order), { birth: 198, death: 99, 'voluntary-si': 3 });
  assert.deepEqual(order.slice(0, 6), ['birth', 'death', 'birth', 'birth', 'death', 'birth']);
  assert.deepEqual(countsOf(schedule({ death: 1 }, 7)), { birth: 0, death: 7, 'voluntary-si': 0 });
  for (const n of [1, 2, 5, 99, 1000]) {
    const c = countsOf(schedule(parseMix('birth=2,death=1'), n));
    assert.ok(Math.abs(c.birth - (2 * n) / 3) <= 1 && c.birth + c.death === n, `n=${n}: ${JSON.stringify(c)}`);
  }
});

test('every generated declaration validates against its group schema and edge rules, and no person is declared twice', () => {
  for (const today of [isoDate('2026-12-02'), isoDate('2025-03-01'), isoDate('2027-07-31')]) {
    const pop = generateBenchPopulation({ background: 300, births: 60, deaths: 90, voluntary: 40, seed: 7, today });
    assert.deepEqual([pop.births.length, pop.deaths.length, pop.voluntary.length], [60, 90, 40]);
    const alive = new Map(pop.citizens.map((c) => [c.pin, c]));
    for (const [i, c] of pop.births.entries()) {
      const d = benchBirthDeclaration(c, i, today);
      assert.deepEqual(validate(BirthDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.equal(alive.get(c.motherPin)?.sex, 'female');
      assert.equal(alive.get(c.motherPin)?.householdId, alive.get(c.fatherPin)?.householdId);
    }
    for (const [i, c] of pop.deaths.entries()) {
      const d = benchDeathDeclaration(c, i, today);
      assert.deepEqual(validate(DeathDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.deepEqual(checkDeath(d, today), [], JSON.stringify(d));
      const [deceased, declarant] = [alive.get(c.deceasedPin)!, alive.get(c.declarantPin)!];
      assert.equal(deceased.status, 'alive', 'the declaration is what records the death');
      assert.equal(declarant.status, 'alive');
      assert.equal(declarant.householdId, deceased.householdId, 'the declarant is a relative in the same household');
      const insured = pop.siRecords.some((r) => r.pin === c.deceasedPin);
      assert.equal(insured, c.kind !== 'uninsured', 'money is asked only where an SI record exists');
      assert.equal(d.requests.funeralAllowance, insured);
      assert.ok(d.relatives.every((r) => r.incapacityPercent < 81), 'no supplement would be asked');
    }
    for (const [i, c] of pop.voluntary.entries()) {
      const d = benchVoluntarySiDeclaration(c, i, today);
      assert.deepEqual(validate(VoluntarySiDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.deepEqual(checkVoluntarySi(d, today), [], JSON.stringify(d));
      assert.equal(alive.get(c.pin)?.status, 'alive');
      assert.equal(c.hasSiCode, pop.siRecords.some((r) => r.pin === c.pin));
    }
    const declared = [...pop.births.map((c) => c.motherPin), ...pop.deaths.map((c) => c.deceasedPin), ...pop.voluntary.map((c) => c.pin)];
    assert.equal(new Set(declared).size, declared.length, 'each mother, deceased and participant once');
    const declarants = new Set(pop.deaths.map((c) => c.declarantPin));
    assert.ok(pop.deaths.every((c) => !declarants.has(c.deceasedPin)), 'no declarant dies in the bench');
    assert.deepEqual(new Set(pop.deaths.map((c) => c.kind)), new Set(['pensioner', 'worker', 'uninsured']));
  }
});

test('a voluntary registration awaiting payment counts as done and completed; a supplement asked does not', () => {
  assert.equal(settledForBench('awaiting-payment'), true);
  assert.equal(settledForBench('awaiting-supplement'), false);
  const cases: [string[], string][] = [
    [['completed', 'completed', 'completed'], 'completed'],
    [['awaiting-payment'], 'completed'],
    [['completed', 'rejected'], 'partially-completed'],
    [['rejected', 'cancelled', 'cancelled'], 'rejected'],
    [['completed', 'dispatched'], 'unfinished'],
    [['completed', 'awaiting-supplement'], 'unfinished'],
    [['pending'], 'unfinished'],
  ];
  for (const [statuses, want] of cases) assert.equal(classify(statuses, 1).outcome, want, statuses.join());
  assert.equal(classify(['pending'], 1).settledAt, null);
});
