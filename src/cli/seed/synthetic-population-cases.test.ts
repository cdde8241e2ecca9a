import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CitizenRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import { ageOn, isoDate, monthOf } from '../../kernel/dates.ts';
import { checkPinAgainst, type Pin } from '../../kernel/identifiers/pin.ts';
import { generatePopulation, type SyntheticPopulation } from './synthetic-population.ts';

const today = isoDate('2026-03-15');
const thisMonth = monthOf(today);
const KEYS = [
  'mother', 'father', 'child3', 'motherWithoutSi', 'noSiRecord', 'deceasedMother', 'pensioner', 'pensioner80',
  'monthlyAllowance', 'occupationalAllowance61', 'reservedCompulsory12', 'reservedUnder12', 'voluntary60',
  'voluntaryUnder60', 'compulsory12Voluntary', 'mixed60', 'awaitingPensionAge', 'contributingNow', 'lumpSumTaken',
  'compulsory15y', 'widowOfDeceasedWorker', 'deceasedWorker',
] as const;

const months = (r: SiRecord, scheme: 'compulsory' | 'voluntary') =>
  r.periods.filter((p) => p.scheme === scheme).reduce((n, p) => n + index(p.to) - index(p.from) + 1, 0);
const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
const runsToNow = (r: SiRecord, scheme: 'compulsory' | 'voluntary') => r.periods.some((p) => p.scheme === scheme && p.to === thisMonth);
const participant = (r: SiRecord) => runsToNow(r, 'voluntary');

/** The cases DOMAIN.md §3–5 tell apart, recognised from the data alone. */
const CASES: Record<string, (r: SiRecord, c: CitizenRecord) => boolean> = {
  'monthly pension': (r) => r.pension?.kind === 'pension',
  'monthly pension, aged ≥ 80': (r, c) => r.pension?.kind === 'pension' && ageOn(isoDate(c.dateOfBirth), today) >= 80,
  'monthly SI allowance': (r) => r.pension?.kind === 'monthly-allowance',
  'occupational allowance, incapacity ≥ 61%': (r) => r.pension?.kind === 'occupational-allowance' && (r.pension.incapacityPercent ?? 0) >= 61,
  'occupational allowance, incapacity < 61%': (r) => r.pension?.kind === 'occupational-allowance' && (r.pension.incapacityPercent ?? 100) < 61,
  'reserved, ≥ 12 months compulsory': (r) => r.reserved && !r.awaitingPensionAge && months(r, 'compulsory') >= 12,
  'reserved, < 12 months compulsory': (r) => r.reserved && months(r, 'compulsory') > 0 && months(r, 'compulsory') < 12,
  'voluntary participant, ≥ 60 months voluntary': (r) => participant(r) && months(r, 'voluntary') >= 60,
  'voluntary participant, < 60 months, no compulsory': (r) => participant(r) && months(r, 'voluntary') < 60 && months(r, 'compulsory') === 0,
  'voluntary participant, ≥ 12 months compulsory': (r) => participant(r) && months(r, 'compulsory') >= 12,
  'voluntary participant, < 12 compulsory, ≥ 60 together': (r) =>
    participant(r) && months(r, 'compulsory') > 0 && months(r, 'compulsory') < 12 && months(r, 'compulsory') + months(r, 'voluntary') >= 60,
  'awaiting pension age': (r) => r.awaitingPensionAge && r.pension === null && months(r, 'compulsory') >= 240,
  'contributing to compulsory SI now': (r, c) => c.status === 'alive' && runsToNow(r, 'compulsory'),
  'lump sum taken': (r) => r.lumpSumTaken && !r.reserved && r.pension === null,
  '≥ 15 years compulsory, no lump sum': (r) => months(r, 'compulsory') >= 180 && !r.lumpSumTaken && r.pension === null,
  'periods before and after 2014-01': (r) => r.periods.some((p) => p.from < '2014-01') && r.periods.some((p) => p.to >= '2014-01'),
  'in a VSS family household': (r) => Boolean(r.familyHouseholdId),
  'in no VSS family household': (r) => !r.familyHouseholdId,
};

function lookup(p: SyntheticPopulation) {
  const citizens = new Map(p.citizens.map((c) => [c.pin, c]));
  const si = new Map(p.siRecords.map((r) => [r.pin, r]));
  const provinceOf = new Map(p.households.map((h) => [h.id, h.address.provinceCode]));
  return (key: string) => {
    const e = p.examples[key];
    assert.ok(e, `example ${key}`);
    const c = citizens.get(e.pin);
    assert.ok(c, `${key} is a citizen`);
    assert.equal(e.householdId, c.householdId, `${key} household`);
    assert.ok(e.note.length > 5, `${key} note`);
    assert.deepEqual(checkPinAgainst(e.pin as Pin, { sex: c.sex, dateOfBirth: isoDate(c.dateOfBirth) }, today), []);
    return { c, r: si.get(e.pin), age: ageOn(isoDate(c.dateOfBirth), today), province: provinceOf.get(c.householdId ?? '') };
  };
}

for (const [n, seed] of [[50, 1], [1000, 42], [5000, 2026]] as const) {
  test(`named examples match their descriptions (N=${n}, seed ${seed})`, () => {
    const p = generatePopulation({ citizens: n, seed, today });
    const ex = lookup(p);
    assert.deepEqual(Object.keys(p.examples).sort(), [...KEYS].sort());
    const is = (key: string, what: string, ok: (x: ReturnType<typeof ex>) => boolean) => assert.ok(ok(ex(key)), `${key}: ${what}`);

    const mother = ex('mother');
    assert.ok(mother.c.sex === 'female' && mother.c.status === 'alive' && mother.age >= 20 && mother.age <= 40, 'mother: alive woman 20–40');
    assert.ok(mother.c.householdId && mother.r?.familyHouseholdId, 'mother: household and SI record in a family household');
    is('father', "mother's husband, same household", (x) => x.c.sex === 'male' && x.c.status === 'alive' && x.c.householdId === mother.c.householdId);
    is('child3', "aged 3, in the mother's household", (x) => x.age === 3 && x.c.householdId === mother.c.householdId && !x.r);
    is('motherWithoutSi', 'alive woman, household, no SI, another province', (x) =>
      x.c.sex === 'female' && x.c.status === 'alive' && x.c.householdId !== null && !x.r && x.province !== mother.province);
    is('noSiRecord', 'alive adult without SI', (x) => x.c.status === 'alive' && x.age >= 18 && !x.r);
    is('deceasedMother', 'deceased woman with a date of death', (x) =>
      x.c.sex === 'female' && x.c.status === 'deceased' && Boolean(x.c.dateOfDeath && x.c.dateOfDeath < today));
    const alive = (key: string, what: string, ok: (r: SiRecord, age: number) => boolean) =>
      is(key, what, (x) => x.c.status === 'alive' && x.r !== undefined && ok(x.r, x.age));
    alive('pensioner', 'pension, aged 70–79', (r, age) => r.pension?.kind === 'pension' && age >= 70 && age <= 79);
    alive('pensioner80', 'pension, aged ≥ 80', (r, age) => r.pension?.kind === 'pension' && age >= 80);
    alive('monthlyAllowance', 'monthly SI allowance', (r) => r.pension?.kind === 'monthly-allowance');
    alive('occupationalAllowance61', 'occupational allowance ≥ 61%', (r) => r.pension?.kind === 'occupational-allowance' && r.pension.incapacityPercent! >= 61);
    const names: [string, string][] = [
      ['reservedCompulsory12', 'reserved, ≥ 12 months compulsory'], ['reservedUnder12', 'reserved, < 12 months compulsory'],
      ['voluntary60', 'voluntary participant, ≥ 60 months voluntary'], ['voluntaryUnder60', 'voluntary participant, < 60 months, no compulsory'],
      ['compulsory12Voluntary', 'voluntary participant, ≥ 12 months compulsory'], ['mixed60', 'voluntary participant, < 12 compulsory, ≥ 60 together'],
      ['awaitingPensionAge', 'awaiting pension age'], ['contributingNow', 'contributing to compulsory SI now'],
      ['lumpSumTaken', 'lump sum taken'], ['compulsory15y', '≥ 15 years compulsory, no lump sum'],
    ];
    for (const [key, kase] of names) is(key, kase, (x) => x.r !== undefined && CASES[kase]!(x.r, x.c));
    alive('compulsory15y', 'periods before and after 2014', (r) => CASES['periods before and after 2014-01']!(r, mother.c));
    alive('awaitingPensionAge', 'below pension age', (r, age) => age < 62 && r.reserved);
    const worker = ex('deceasedWorker');
    assert.ok(worker.c.status === 'deceased' && worker.r && months(worker.r, 'compulsory') >= 180 && !worker.r.lumpSumTaken, 'deceasedWorker');
    assert.ok(worker.r.periods.at(-1)!.to === monthOf(isoDate(worker.c.dateOfDeath!)), 'deceasedWorker contributed until death');
    is('widowOfDeceasedWorker', 'alive woman in the worker’s household', (x) =>
      x.c.sex === 'female' && x.c.status === 'alive' && x.c.householdId === worker.c.householdId);
  });
}

test('every SI case occurs at N=1000 — also among the random (non-example) records', () => {
  const p = generatePopulation({ citizens: 1000, seed: 42, today });
  const citizens = new Map(p.citizens.map((c) => [c.pin, c]));
  const examplePins = new Set(Object.values(p.examples).map((e) => e.pin));
  for (const [kase, matches] of Object.entries(CASES)) {
    const hits = p.siRecords.filter((r) => matches(r, citizens.get(r.pin)!));
    assert.ok(hits.length >= 1, `no record for: ${kase}`);
    assert.ok(hits.some((r) => !examplePins.has(r.pin)), `only the examples have: ${kase}`);
  }
});
