/**
 * Named people for demos, tests and README examples, always generated first so that they exist
 * at any size ≥ 50. Spread over 11 provinces (including 01 Hà Nội, 35 Hà Nam, 79 TP. Hồ Chí Minh).
 */
import type { ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { familyNameFor } from './names.ts';
import type { MemberSpec, PopulationBuilder } from './population-builder.ts';
import type { Rng } from './prng.ts';

export interface Example {
  pin: string;
  householdId: string | null;
  note: string;
}

interface ExampleMember extends Omit<MemberSpec, 'familyName'> {
  key?: string;
  note?: string;
  /** Takes the household's family name (head, children); otherwise an own one (a wife, a mother-in-law). */
  own?: boolean;
}

interface ExampleHousehold {
  province: ProvinceCode2;
  ethnicity: string;
  familyHousehold: boolean;
  members: ExampleMember[];
}

const M = 'male';
const F = 'female';

const EXAMPLES: readonly ExampleHousehold[] = [
  { province: '35', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'father', sex: M, age: 33, si: 'contributing-compulsory', note: "mother's husband, same household, contributing to compulsory SI, same VSS family household" },
    { key: 'mother', sex: F, age: 30, si: 'contributing-compulsory', own: true, note: 'woman aged 30, alive, in a household in Hà Nam, SI record in a VSS family household' },
    { key: 'child3', sex: M, age: 3, si: null, note: "child aged 3 with a PIN, in the mother's household" },
    { sex: F, age: 7, si: null },
  ] },
  { province: '01', ethnicity: 'Kinh', familyHousehold: false, members: [
    { key: 'noSiRecord', sex: M, age: 31, si: null, note: 'adult man, alive, no SI record (husband of motherWithoutSi)' },
    { key: 'motherWithoutSi', sex: F, age: 27, si: null, own: true, note: 'woman aged 27, alive, household in Hà Nội, no SI record (nor her husband)' },
  ] },
  { province: '38', ethnicity: 'Kinh', familyHousehold: true, members: [
    { sex: M, age: 35, si: 'contributing-compulsory' },
    { key: 'deceasedMother', sex: F, age: 32, diedDaysAgo: 20, si: null, own: true, note: 'mother of a 1-year-old, deceased 20 days before today, no SI record' },
    { sex: F, age: 1, si: null },
  ] },
  { province: '79', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'pensioner', sex: M, age: 74, si: 'pension', note: 'man aged 74 receiving a monthly pension' },
    { key: 'monthlyAllowance', sex: F, age: 71, si: 'monthly-allowance', own: true, note: "woman aged 71 receiving a monthly SI allowance (the pensioner's wife)" },
  ] },
  { province: '01', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'awaitingPensionAge', sex: M, age: 53, si: 'awaiting-pension-age', note: 'man aged 53 with ≥ 20 years of compulsory SI, stopped, waiting for pension age' },
    { sex: F, age: 50, si: null, own: true },
    { key: 'pensioner80', sex: F, age: 83, si: 'pension', own: true, note: 'woman aged 83 receiving a monthly pension' },
  ] },
  { province: '31', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'reservedCompulsory12', sex: M, age: 38, si: 'reserved-compulsory-12', note: 'contributions reserved with ≥ 12 months of compulsory SI' },
    { key: 'reservedUnder12', sex: F, age: 34, si: 'reserved-compulsory-under-12', own: true, note: 'contributions reserved with < 12 months of compulsory SI' },
    { sex: F, age: 6, si: null },
  ] },
  { province: '40', ethnicity: 'Thái', familyHousehold: true, members: [
    { key: 'mixed60', sex: M, age: 50, si: 'mixed-60', note: '< 12 months compulsory, then voluntary; ≥ 60 months together' },
    { key: 'voluntary60', sex: F, age: 47, si: 'voluntary-60', own: true, note: 'voluntary participant with ≥ 60 months of voluntary SI' },
  ] },
  { province: '48', ethnicity: 'Kinh', familyHousehold: false, members: [
    { key: 'compulsory12Voluntary', sex: M, age: 42, si: 'compulsory-12-and-voluntary', note: 'voluntary participant with ≥ 12 months of compulsory SI before; no VSS family household' },
  ] },
  { province: '92', ethnicity: 'Kinh', familyHousehold: false, members: [
    { key: 'contributingNow', sex: F, age: 27, si: 'contributing-compulsory', note: "compulsory SI running to today's month; no VSS family household" },
  ] },
  { province: '19', ethnicity: 'Tày', familyHousehold: true, members: [
    { key: 'lumpSumTaken', sex: M, age: 45, si: 'lump-sum-taken', note: 'took the lump-sum SI payment' },
    { sex: F, age: 43, si: null, own: true },
    { sex: M, age: 12, si: null },
  ] },
  { province: '36', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'compulsory15y', sex: M, age: 47, si: 'compulsory-15y', siOptions: { reserved: false }, note: '≥ 15 years of compulsory SI (before and after 2014), contributing, no lump sum' },
    { sex: F, age: 45, si: null, own: true },
    { sex: F, age: 15, si: null },
  ] },
  { province: '14', ethnicity: 'Thái', familyHousehold: true, members: [
    { key: 'occupationalAllowance61', sex: M, age: 52, si: 'occupational-allowance', siOptions: { incapacityPercent: 75 }, note: 'monthly occupational allowance, 75% incapacity' },
    { sex: F, age: 50, si: null, own: true },
  ] },
  { province: '35', ethnicity: 'Kinh', familyHousehold: true, members: [
    { key: 'widowOfDeceasedWorker', sex: F, age: 50, si: null, own: true, note: 'widow of deceasedWorker, same household, with their 16-year-old child' },
    { key: 'deceasedWorker', sex: M, age: 53, diedDaysAgo: 30, si: 'compulsory-15y', siOptions: { reserved: false }, note: 'died 30 days before today after ≥ 15 years of compulsory SI, no lump sum' },
    { sex: M, age: 16, si: null },
  ] },
  { province: '94', ethnicity: 'Khmer', familyHousehold: true, members: [
    { key: 'voluntaryUnder60', sex: F, age: 36, si: 'voluntary-under-60', note: 'voluntary participant with < 60 months' },
    { sex: M, age: 38, si: null, own: true },
  ] },
];

/** Number of citizens the examples take. */
export const EXAMPLE_CITIZENS = EXAMPLES.reduce((n, h) => n + h.members.length, 0);

export function addExamples(rng: Rng, builder: PopulationBuilder): Record<string, Example> {
  const out: Record<string, Example> = {};
  for (const h of EXAMPLES) {
    const family = familyNameFor(rng, h.ethnicity);
    const members = h.members.map(({ key: _k, note: _n, own, ...m }) => ({ ...m, familyName: own ? familyNameFor(rng, h.ethnicity) : family }));
    const built = builder.add({ province: h.province, ethnicity: h.ethnicity, familyHousehold: h.familyHousehold, members });
    h.members.forEach((m, i) => {
      if (m.key) out[m.key] = { pin: built.citizens[i]!.pin, householdId: built.household.id, note: m.note ?? m.key };
    });
  }
  return out;
}
