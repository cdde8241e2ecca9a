/**
 * A synthetic population for `npm run bench`: a random background (as `generatePopulation`), plus one household
 * built on purpose for each dossier the benchmark will submit, so that every declaration is valid and distinct —
 * a mother gives birth once, a person dies once, a person registers for voluntary SI once — and the benchmark
 * measures completed dossiers, not rejections of reused data.
 *
 *  - birth: a young couple (the wife 20–38, the husband in the same household), sometimes an older child;
 *  - death: the deceased still alive in the registers (the declaration is what records the death), with a living
 *    adult relative in the same household who declares it:
 *      · a pensioner (SI case 'pension') and the spouse — funeral allowance, monthly survivor benefit;
 *      · a worker with ≥ 15 years of compulsory SI, the spouse and a child — funeral allowance, lump sum;
 *      · an elderly person without SI record and a grown-up child — residence deregistration only;
 *  - voluntary SI: one or two adults aged 20–55, without SI record or with compulsory SI stopped (the SI code is
 *    reused), and no registration yet (the platform's own registrations start empty).
 * Deterministic (one seeded generator and one builder, so PINs and household ids are unique across all of it).
 *
 * Example: generateBenchPopulation({ background: 2000, births: 10, deaths: 5, voluntary: 1, seed: 42, today }).deaths[0].declarantPin
 */
import type { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import { isIsoDate, type IsoDate } from '../../kernel/dates.ts';
import type { Sex } from '../../kernel/identifiers/pin.ts';
import type { ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { pickEthnicity, pickProvince } from './geography.ts';
import { composeHousehold } from './households.ts';
import { familyNameFor } from './names.ts';
import { PopulationBuilder, type MemberSpec } from './population-builder.ts';
import { createRng, type Rng } from './prng.ts';
import { EARLIEST_TODAY } from './synthetic-population.ts';

export interface BirthCase {
  readonly motherPin: string;
  readonly fatherPin: string;
  /** The household's family name, which the child takes. */
  readonly familyName: string;
  readonly province: ProvinceCode2;
}

export type DeathKind = 'pensioner' | 'worker' | 'uninsured';

export interface DeathCase {
  readonly kind: DeathKind;
  readonly deceasedPin: string;
  readonly deceasedBirth: IsoDate;
  /** A living adult of the same household: the spouse, or a child of the deceased. */
  readonly declarantPin: string;
  readonly declarantRelationship: 'spouse' | 'child';
  /** The relatives who claim the survivor benefit (empty when none is asked). */
  readonly relatives: readonly { readonly pin: string; readonly relationship: 'spouse' | 'child' }[];
}

export interface VoluntaryCase {
  readonly pin: string;
  readonly ethnicity: string;
  /** Holds an SI record (compulsory SI stopped): VSS reuses the code instead of issuing one. */
  readonly hasSiCode: boolean;
}

export interface BenchPopulation {
  households: HouseholdRecord[];
  citizens: CitizenRecord[];
  siRecords: SiRecord[];
  births: BirthCase[];
  deaths: DeathCase[];
  voluntary: VoluntaryCase[];
}

export interface BenchPopulationOptions {
  /** Random background citizens (the register's bulk; nobody in it is declared). */
  background: number;
  births: number;
  deaths: number;
  voluntary: number;
  seed: number;
  today: IsoDate;
}

export function generateBenchPopulation(o: BenchPopulationOptions): BenchPopulation {
  for (const k of ['background', 'births', 'deaths', 'voluntary'] as const)
    if (!Number.isSafeInteger(o[k]) || o[k] < 0) throw new RangeError(`${k} must be an integer ≥ 0: ${o[k]}`);
  if (!isIsoDate(o.today) || o.today < EARLIEST_TODAY) throw new RangeError(`today must be an ISO date from ${EARLIEST_TODAY}: ${o.today}`);
  const rng = createRng(o.seed);
  const b = new PopulationBuilder(rng, o.today);
  while (b.citizenCount < o.background) {
    const spec = composeHousehold(rng);
    const room = o.background - b.citizenCount;
    b.add(spec.members.length > room ? { ...spec, members: spec.members.slice(0, room) } : spec);
  }
  const births = Array.from({ length: o.births }, () => birthHousehold(rng, b));
  const deaths = Array.from({ length: o.deaths }, () => deathHousehold(rng, b));
  const voluntary: VoluntaryCase[] = [];
  while (voluntary.length < o.voluntary) voluntary.push(...voluntaryHousehold(rng, b, o.voluntary - voluntary.length));
  return { households: b.households, citizens: b.citizens, siRecords: b.siRecords, births, deaths, voluntary };
}

/** Where a household lives and the family name it carries. */
function place(rng: Rng) {
  const province = pickProvince(rng);
  const ethnicity = pickEthnicity(rng, province);
  return { province: province.code2, ethnicity, family: familyNameFor(rng, ethnicity), other: () => familyNameFor(rng, ethnicity) };
}

const anySex = (rng: Rng): Sex => (rng.chance(0.5) ? 'male' : 'female');
const otherSex = (s: Sex): Sex => (s === 'male' ? 'female' : 'male');
/** About half of the adults hold an SI record, as in the background population. */
const maybeSi = (rng: Rng): MemberSpec['si'] => (rng.chance(0.5) ? 'any' : null);

function birthHousehold(rng: Rng, b: PopulationBuilder): BirthCase {
  const p = place(rng);
  const mother = rng.int(20, 38);
  const father = Math.max(20, mother + rng.int(-1, 6));
  const members: MemberSpec[] = [
    { sex: 'male', age: father, familyName: p.family, si: maybeSi(rng) },
    { sex: 'female', age: mother, familyName: p.other(), si: maybeSi(rng) },
  ];
  if (mother >= 22 && rng.chance(0.5)) members.push({ sex: anySex(rng), age: rng.int(1, Math.min(10, mother - 21)), familyName: p.family, si: null });
  const h = b.add({ province: p.province, ethnicity: p.ethnicity, familyHousehold: rng.chance(0.85), members });
  return { motherPin: h.citizens[1]!.pin, fatherPin: h.citizens[0]!.pin, familyName: p.family, province: p.province };
}

function deathHousehold(rng: Rng, b: PopulationBuilder): DeathCase {
  const p = place(rng);
  const kind = rng.weighted<DeathKind>([['pensioner', 45], ['worker', 30], ['uninsured', 25]]);
  const sex = kind === 'worker' ? (rng.chance(0.7) ? 'male' : 'female') : anySex(rng);
  const members: MemberSpec[] = [];
  const relatives: { index: number; relationship: 'spouse' | 'child' }[] = [];
  if (kind === 'pensioner') {
    // From 66 a pension is always feasible (retirement age ≤ 62, seed case 'pension' needs 20 years before it).
    const age = rng.int(66, 92);
    const spouse = Math.max(60, age + rng.int(-6, 4));
    members.push({ sex, age, familyName: p.family, si: 'pension' });
    members.push({ sex: otherSex(sex), age: spouse, familyName: p.other(), si: spouse >= 66 && rng.chance(0.3) ? 'pension' : null });
    if (rng.chance(0.5)) members.push({ sex: anySex(rng), age: rng.int(30, age - 22), familyName: p.family, si: maybeSi(rng) });
    relatives.push({ index: 1, relationship: 'spouse' });
  } else if (kind === 'worker') {
    // ≥ 15 years of compulsory SI after the 18th birthday (seed case 'compulsory-15y' needs ≥ 181 months).
    const age = rng.int(36, 55);
    members.push({ sex, age, familyName: p.family, si: 'compulsory-15y' });
    members.push({ sex: otherSex(sex), age: Math.max(22, age + rng.int(-5, 5)), familyName: p.other(), si: maybeSi(rng) });
    members.push({ sex: anySex(rng), age: rng.int(2, 17), familyName: p.family, si: null });
    relatives.push({ index: 1, relationship: 'spouse' }, { index: 2, relationship: 'child' });
  } else {
    const age = rng.int(70, 95);
    members.push({ sex, age, familyName: p.family, si: null });
    members.push({ sex: anySex(rng), age: rng.int(40, Math.min(70, age - 20)), familyName: p.family, si: maybeSi(rng) });
  }
  const h = b.add({ province: p.province, ethnicity: p.ethnicity, familyHousehold: rng.chance(0.85), members });
  const deceased = h.citizens[0]!;
  return {
    kind,
    deceasedPin: deceased.pin,
    deceasedBirth: deceased.dateOfBirth as IsoDate,
    declarantPin: h.citizens[1]!.pin,
    declarantRelationship: kind === 'uninsured' ? 'child' : 'spouse',
    relatives: relatives.map((r) => ({ pin: h.citizens[r.index]!.pin, relationship: r.relationship })),
  };
}

/** One or two adults, each a participant (at most `room`). */
function voluntaryHousehold(rng: Rng, b: PopulationBuilder, room: number): VoluntaryCase[] {
  const p = place(rng);
  const count = room > 1 && rng.chance(0.4) ? 2 : 1;
  const first = anySex(rng);
  const members: MemberSpec[] = Array.from({ length: count }, (_, i) => ({
    sex: i === 0 ? first : otherSex(first),
    age: rng.int(20, 55),
    familyName: i === 0 ? p.family : p.other(),
    // Compulsory SI stopped (left a job) for some: voluntary SI continues the same record.
    si: rng.chance(0.3) ? 'reserved-compulsory-under-12' : null,
  }));
  const h = b.add({ province: p.province, ethnicity: p.ethnicity, familyHousehold: rng.chance(0.85), members });
  return h.citizens.map((c, i) => ({ pin: c.pin, ethnicity: c.ethnicity, hasSiCode: h.siRecords[i] !== null }));
}
