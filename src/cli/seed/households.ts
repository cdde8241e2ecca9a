/**
 * Random household compositions: young families, couples, three generations, people living alone,
 * single parents, parents with grown-up children — 1 to 6 people, adults first.
 * About half of the living adults get an SI record; deaths are more likely with age (≈ 3% overall).
 */
import type { Sex } from '../../kernel/identifiers/pin.ts';
import { pickEthnicity, pickProvince } from './geography.ts';
import { familyNameFor } from './names.ts';
import type { HouseholdSpec, MemberSpec } from './population-builder.ts';
import type { Rng } from './prng.ts';

type Composition = 'family' | 'couple' | 'three-generations' | 'single' | 'single-parent' | 'grown-children';

const COMPOSITIONS: readonly (readonly [Composition, number])[] = [
  ['family', 38], ['couple', 14], ['three-generations', 14], ['single', 16], ['single-parent', 6], ['grown-children', 12],
];

/** Share of adults with an SI record, and share of a household's insured in a VSS family household. */
export const SI_SHARE = 0.5;
export const FAMILY_HOUSEHOLD_SHARE = 0.85;

function deathChance(age: number): number {
  return age >= 70 ? 0.15 : age >= 50 ? 0.04 : age >= 1 ? 0.012 : 0;
}

export function composeHousehold(rng: Rng): HouseholdSpec {
  const province = pickProvince(rng);
  const ethnicity = pickEthnicity(rng, province);
  const family = familyNameFor(rng, ethnicity);
  const other = () => familyNameFor(rng, ethnicity);
  const people: { sex: Sex; age: number; familyName: string }[] = [];
  const person = (sex: Sex, age: number, familyName: string) => people.push({ sex, age, familyName });
  const anySex = (): Sex => (rng.chance(0.5) ? 'male' : 'female');
  const couple = (minAge: number, maxAge: number) => {
    const husband = rng.int(minAge, maxAge);
    person('male', husband, family);
    const wife = Math.max(20, husband - rng.int(-1, 6));
    person('female', wife, other());
    return wife;
  };
  const children = (motherAge: number, count: number, minAge = 0, maxAge = 17) => {
    const top = Math.min(maxAge, motherAge - 20);
    for (let i = 0; i < count && top >= minAge; i++) person(anySex(), rng.int(minAge, top), family);
  };

  switch (rng.weighted(COMPOSITIONS)) {
    case 'family':
      children(couple(24, 50), rng.weighted([[1, 30], [2, 50], [3, 15], [4, 5]]));
      break;
    case 'couple':
      couple(22, 88);
      break;
    case 'three-generations': {
      const elder = rng.int(60, 92);
      const wife = couple(28, Math.min(58, elder - 22));
      if (rng.chance(0.5)) person('male', elder, family);
      person('female', Math.max(58, elder - rng.int(0, 5)), other());
      children(wife, rng.int(0, 2));
      break;
    }
    case 'single':
      person(anySex(), rng.weighted([[rng.int(20, 40), 45], [rng.int(41, 64), 25], [rng.int(65, 92), 30]]), family);
      break;
    case 'single-parent': {
      const sex: Sex = rng.chance(0.8) ? 'female' : 'male';
      const age = rng.int(25, 55);
      person(sex, age, family);
      children(age, rng.int(1, 3));
      break;
    }
    case 'grown-children':
      children(couple(45, 72), rng.int(1, 3), 18, 35);
      break;
  }

  const members: MemberSpec[] = people.map((p) => {
    const died = rng.chance(deathChance(p.age));
    const m: MemberSpec = { ...p, si: !died && p.age >= 18 && rng.chance(SI_SHARE) ? 'any' : null };
    if (died) m.diedDaysAgo = rng.int(1, Math.min(3650, p.age * 365 - 1));
    return m;
  });
  return { province: province.code2, ethnicity, familyHousehold: rng.chance(FAMILY_HOUSEHOLD_SHARE), members };
}
