/**
 * Which VSS household a newborn joins (seed 003 step 3; VSS Decision 976/QD-BHXH): the family's
 * household in VSS's household database when a parent is in one; otherwise the households managed
 * in common in the district where the birth was registered.
 */
export type HouseholdPlacement = { readonly kind: 'family'; readonly id: string } | { readonly kind: 'common'; readonly id: string; readonly provinceCode: string; readonly districtCode: string | null };

export function placeNewborn(
  parentHouseholds: readonly { kind: 'family' | 'common'; id: string }[],
  registeredIn: { provinceCode: string; districtCode?: string | undefined },
): HouseholdPlacement {
  const family = parentHouseholds.find((h) => h.kind === 'family');
  if (family) return { kind: 'family', id: family.id };
  const district = registeredIn.districtCode ?? null;
  return { kind: 'common', id: `COMMON-${registeredIn.provinceCode}-${district ?? '000'}`, provinceCode: registeredIn.provinceCode, districtCode: district };
}
