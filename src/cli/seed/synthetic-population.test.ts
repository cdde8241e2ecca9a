import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Compile } from 'typebox/compile';
import { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import { SiRecord } from '../../contracts/imports/si-records.ts';
import { ageOn, isoDate, monthOf, type IsoDate } from '../../kernel/dates.ts';
import { checkPinAgainst, parsePin, type Pin } from '../../kernel/identifiers/pin.ts';
import { isProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { generatePopulation, type SyntheticPopulation } from './synthetic-population.ts';

const today = isoDate('2026-03-15');
const ETHNICITIES = new Set(['Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', "H'Mông", 'Nùng', 'Dao']);
const gen = (citizens: number, seed = 42, on: IsoDate = today) => generatePopulation({ citizens, seed, today: on });
const p1000 = gen(1000);
const p10k = gen(10_000, 7);

function households(p: SyntheticPopulation) {
  return new Map(p.households.map((h) => [h.id, h]));
}

test('the same (citizens, seed, today) give byte-identical output; another seed or day gives other data', () => {
  assert.equal(JSON.stringify(gen(1000)), JSON.stringify(p1000));
  assert.notEqual(JSON.stringify(gen(1000, 43)), JSON.stringify(p1000));
  assert.notEqual(JSON.stringify(gen(1000, 42, isoDate('2026-09-01'))), JSON.stringify(p1000));
  assert.notDeepEqual(gen(1000, 43).examples.mother, p1000.examples.mother);
});

test('exactly the number of citizens asked for; fewer than 50 is a RangeError', () => {
  for (const n of [50, 51, 53, 1000, 1234]) assert.equal(gen(n).citizens.length, n);
  assert.equal(p10k.citizens.length, 10_000);
  for (const n of [49, 0, -5, 100.5, Number.NaN]) assert.throws(() => gen(n), RangeError);
  assert.throws(() => gen(100, 1, isoDate('2019-12-31')), RangeError);
  assert.throws(() => generatePopulation({ citizens: 100, seed: 1.5, today }), RangeError);
});

test('every record validates against its import schema', () => {
  for (const p of [p1000, p10k, gen(50, 3)]) {
    const [h, c, s] = [Compile(HouseholdRecord), Compile(CitizenRecord), Compile(SiRecord)];
    for (const r of p.households) assert.ok(h.Check(r), `household ${JSON.stringify(r)}: ${JSON.stringify([...h.Errors(r)])}`);
    for (const r of p.citizens) assert.ok(c.Check(r), `citizen ${JSON.stringify(r)}: ${JSON.stringify([...c.Errors(r)])}`);
    for (const r of p.siRecords) assert.ok(s.Check(r), `SI record ${JSON.stringify(r)}: ${JSON.stringify([...s.Errors(r)])}`);
  }
});

test('PINs are valid, unique, agree with sex and birth year, and carry the province of the household', () => {
  for (const p of [p1000, p10k]) {
    const hh = households(p);
    assert.equal(new Set(p.citizens.map((c) => c.pin)).size, p.citizens.length);
    for (const c of p.citizens) {
      const parsed = parsePin(c.pin);
      assert.ok(parsed.ok, c.pin);
      assert.deepEqual(checkPinAgainst(c.pin as Pin, { sex: c.sex, dateOfBirth: isoDate(c.dateOfBirth) }, today), [], c.pin);
      const h = hh.get(c.householdId ?? '');
      assert.ok(h, `household of ${c.pin}`);
      assert.equal(c.pin.slice(0, 3), `0${h.address.provinceCode}`, c.pin);
    }
  }
});

test('households: id form, a full address, an adult head among 1–6 members', () => {
  for (const p of [p1000, p10k]) {
    const members = new Map<string | null, CitizenRecord[]>();
    for (const c of p.citizens) members.set(c.householdId, [...(members.get(c.householdId) ?? []), c]);
    assert.equal(new Set(p.households.map((h) => h.id)).size, p.households.length);
    for (const h of p.households) {
      const { provinceCode, districtCode, communeCode, line } = h.address;
      assert.match(h.id, new RegExp(`^HH-${provinceCode}-\\d+$`));
      assert.ok(isProvinceCode2(provinceCode), provinceCode);
      assert.match(districtCode ?? '', /^\d{3}$/);
      assert.match(communeCode ?? '', /^\d{5}$/);
      assert.ok((line ?? '').length > 3, h.id);
      const ms = members.get(h.id) ?? [];
      assert.ok(ms.length >= 1 && ms.length <= 6, `${h.id} has ${ms.length} members`);
      const head = ms.find((c) => c.pin === h.headPin);
      assert.ok(head && ageOn(isoDate(head.dateOfBirth), today) >= 18, `head of ${h.id}`);
    }
    const sizes = new Set([...members.values()].map((m) => m.length));
    for (const n of [1, 2, 3, 4, 5, 6]) assert.ok(sizes.has(n), `a household of ${n}`);
  }
});

test('births, deaths, ethnicities and provinces look like a population', () => {
  const cs = p10k.citizens;
  for (const c of cs) {
    assert.ok(c.dateOfBirth <= today, c.pin);
    if (c.status === 'deceased') assert.ok(c.dateOfDeath && c.dateOfDeath > c.dateOfBirth && c.dateOfDeath < today, c.pin);
    else assert.equal(c.dateOfDeath, undefined, c.pin);
    assert.ok(ETHNICITIES.has(c.ethnicity), c.ethnicity);
  }
  const share = (f: (c: CitizenRecord) => boolean) => cs.filter(f).length / cs.length;
  const deceased = share((c) => c.status === 'deceased');
  assert.ok(deceased > 0.015 && deceased < 0.05, `deceased ${deceased}`);
  const kinh = share((c) => c.ethnicity === 'Kinh');
  assert.ok(kinh > 0.8 && kinh < 0.9, `Kinh ${kinh}`);
  assert.equal(new Set(cs.map((c) => c.ethnicity)).size, ETHNICITIES.size);
  const children = share((c) => ageOn(isoDate(c.dateOfBirth), today) < 18);
  assert.ok(children > 0.15 && children < 0.4, `children ${children}`);
  assert.ok(share((c) => ageOn(isoDate(c.dateOfBirth), today) >= 80) > 0.01);
  for (const p of [p1000, gen(50, 9)]) {
    const provinces = new Set(p.households.map((h) => h.address.provinceCode));
    assert.ok(provinces.size >= 10, `${provinces.size} provinces`);
    for (const code of ['01', '35', '79']) assert.ok(provinces.has(code), code);
  }
});

test('SI records: ~half of adults, unique codes with the household province, one VSS family household per household', () => {
  for (const p of [p1000, p10k]) {
    const byPin = new Map(p.citizens.map((c) => [c.pin, c]));
    const hh = households(p);
    assert.equal(new Set(p.siRecords.map((r) => r.siCode)).size, p.siRecords.length);
    assert.equal(new Set(p.siRecords.map((r) => r.pin)).size, p.siRecords.length);
    const familyOf = new Map<string, string | null>();
    const householdOf = new Map<string, string>();
    for (const r of p.siRecords) {
      const c = byPin.get(r.pin);
      assert.ok(c && c.householdId, r.pin);
      assert.ok(ageOn(isoDate(c.dateOfBirth), today) >= 18, `insured ${r.pin} is an adult`);
      assert.equal(r.siCode.slice(0, 2), hh.get(c.householdId)!.address.provinceCode, r.siCode);
      const fh = r.familyHouseholdId ?? null;
      if (familyOf.has(c.householdId)) assert.equal(fh, familyOf.get(c.householdId), `family household in ${c.householdId}`);
      familyOf.set(c.householdId, fh);
      if (fh) {
        assert.match(fh, /^VSS-HGD-\d+$/);
        assert.equal(householdOf.get(fh) ?? c.householdId, c.householdId, `${fh} spans two households`);
        householdOf.set(fh, c.householdId);
      }
    }
    assert.ok([...familyOf.values()].includes(null), 'some insured are in no VSS family household');
    const adults = p.citizens.filter((c) => ageOn(isoDate(c.dateOfBirth), today) >= 18).length;
    const share = p.siRecords.length / adults;
    assert.ok(share > 0.4 && share < 0.6, `SI share of adults ${share}`);
  }
});

test('SI periods: ordered, not overlapping, adult, not after this month, plausible salaries', () => {
  const thisMonth = monthOf(today);
  const byPin = new Map(p10k.citizens.map((c) => [c.pin, c]));
  for (const r of p10k.siRecords) {
    const c = byPin.get(r.pin)!;
    const adult = monthOf(isoDate(`${Number(c.dateOfBirth.slice(0, 4)) + 18}${c.dateOfBirth.slice(4, 7)}-01`));
    const end = c.dateOfDeath ? monthOf(isoDate(c.dateOfDeath)) : thisMonth;
    assert.ok(r.periods.length > 0, r.pin);
    r.periods.forEach((x, i) => {
      assert.ok(x.from <= x.to && x.from >= adult && x.to <= end, `${r.pin} ${JSON.stringify(x)}`);
      if (i > 0) assert.ok(x.from > r.periods[i - 1]!.to, `${r.pin} overlap`);
      const [lo, hi] = x.scheme === 'compulsory' ? [4_000_000, 30_000_000] : [1_500_000, 10_000_000];
      assert.ok(Number.isInteger(x.monthlySalary) && x.monthlySalary >= lo && x.monthlySalary <= hi, `${r.pin} ${x.monthlySalary}`);
      if (x.scheme === 'voluntary') assert.ok(x.from >= '2008-01', `${r.pin} voluntary before 2008`);
    });
    if (r.pension) assert.ok(r.pension.since <= today && r.pension.since > r.periods.at(-1)!.to, r.pin);
    assert.ok(!(r.lumpSumTaken && (r.reserved || r.pension)), r.pin);
  }
});

// How fast it generates is a benchmark's business, not a test's (a loaded CI machine would fail a timed test).
test('100,000 citizens: every PIN unique, every household holds its members', () => {
  const p = gen(100_000, 5);
  assert.equal(p.citizens.length, 100_000);
  assert.equal(new Set(p.citizens.map((c) => c.pin)).size, 100_000);
  const households = new Set(p.households.map((h) => h.id));
  assert.ok(p.citizens.every((c) => c.householdId === null || households.has(c.householdId)));
});
