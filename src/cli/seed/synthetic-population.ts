/**
 * A synthetic Vietnamese population for demos, tests and benchmarks (`lienthong seed --citizens N --seed S`):
 * households, citizens and social-insurance records that pass the normal import checks, plus named
 * example people covering the cases the rules tell apart (DOMAIN.md §1, §3–5).
 *
 * Pure and deterministic: the same (citizens, seed, today) give byte-identical output; nothing is read
 * from the clock or Math.random. Linear in N (100,000 citizens take about a second).
 *
 * Example: generatePopulation({ citizens: 1000, seed: 42, today: isoDate('2026-03-15') }).examples.mother.pin
 */
import type { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import { isIsoDate, type IsoDate } from '../../kernel/dates.ts';
import { addExamples, EXAMPLE_CITIZENS, type Example } from './examples.ts';
import { composeHousehold } from './households.ts';
import { PopulationBuilder } from './population-builder.ts';
import { createRng } from './prng.ts';

export interface SyntheticPopulation {
  households: HouseholdRecord[];
  citizens: CitizenRecord[];
  siRecords: SiRecord[];
  /**
   * Named people for demos and README examples: mother, father, child3, motherWithoutSi, noSiRecord,
   * deceasedMother, pensioner, pensioner80, monthlyAllowance, occupationalAllowance61, reservedCompulsory12,
   * reservedUnder12, voluntary60, voluntaryUnder60, compulsory12Voluntary, mixed60, awaitingPensionAge,
   * contributingNow, lumpSumTaken, compulsory15y, widowOfDeceasedWorker, deceasedWorker.
   */
  examples: Record<string, Example>;
}

export type { Example } from './examples.ts';

/** The smallest population that holds all the named examples and some random households. */
export const MIN_CITIZENS = 50;
/** Earliest `today` accepted: histories need ≥ 60 months of voluntary SI after 2008 and periods on both sides of 2014. */
export const EARLIEST_TODAY = '2020-01-01';

export function generatePopulation(opts: { citizens: number; seed: number; today: IsoDate }): SyntheticPopulation {
  const { citizens, seed, today } = opts;
  if (!Number.isSafeInteger(citizens) || citizens < MIN_CITIZENS) {
    throw new RangeError(`citizens must be an integer ≥ ${MIN_CITIZENS} (the named examples take ${EXAMPLE_CITIZENS}): ${citizens}`);
  }
  if (!isIsoDate(today) || today < EARLIEST_TODAY) throw new RangeError(`today must be an ISO date from ${EARLIEST_TODAY}: ${today}`);
  const rng = createRng(seed);
  const builder = new PopulationBuilder(rng, today);
  const examples = addExamples(rng, builder);
  while (builder.citizenCount < citizens) {
    const spec = composeHousehold(rng);
    const room = citizens - builder.citizenCount;
    builder.add(spec.members.length > room ? { ...spec, members: spec.members.slice(0, room) } : spec);
  }
  return { households: builder.households, citizens: builder.citizens, siRecords: builder.siRecords, examples };
}
