/**
 * The parts that exchange messages. One list; the type and the schema derive from it. `health` stands for the
 * health facilities: they send it death notices, which corroborate death declarations.
 */
export const AGENCIES = ['population', 'civil-registry', 'social-security', 'health'] as const;
export type AgencyName = (typeof AGENCIES)[number];

export const PARTS = ['hub', ...AGENCIES] as const;
export type PartName = (typeof PARTS)[number];

export function isAgency(s: string): s is AgencyName {
  return (AGENCIES as readonly string[]).includes(s);
}

/** Each part's database schema (its own database in distributed mode). */
export const SCHEMA_OF: Record<PartName, string> = {
  hub: 'hub',
  population: 'population',
  'civil-registry': 'civil_registry',
  'social-security': 'social_security',
  health: 'health',
};
