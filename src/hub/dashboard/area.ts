import type { PersonFacts } from '../../contracts/common.ts';

type People = Readonly<Record<string, PersonFacts>>;

/**
 * The province a dossier belongs to, for the SLA dashboard and officers' area: where it is registered, from the
 * population register's facts confirmed at verification — a birth at the household the child joins (the
 * registering commune is that parent's, groups/birth.ts), a death at the deceased's residence, else the
 * declarant's (groups/death-rules.ts `registeringCommuneOf`), voluntary SI at the participant's. Null when the
 * register holds no address. The migration that adds `hub.dossiers.province_code` backfills with the same rule in SQL.
 */
export function provinceOf(group: string, declaration: Record<string, unknown>, people: People): string | null {
  const at = (path: string) => people[path]?.address?.provinceCode ?? null;
  switch (group) {
    case 'birth': {
      const householdOf = (declaration.residence as { householdOf?: string } | undefined)?.householdOf ?? 'mother';
      return at(`declaration.${householdOf}`);
    }
    case 'death':
      return at('declaration.deceased') ?? at('declaration.declarant');
    case 'voluntary-si':
      return at('declaration.participant');
    default:
      return null;
  }
}

/** The same rule over the stored columns (for the migration's backfill). */
export const PROVINCE_SQL = `CASE group_code
  WHEN 'birth' THEN people -> ('declaration.' || COALESCE(declaration -> 'residence' ->> 'householdOf', 'mother')) -> 'address' ->> 'provinceCode'
  WHEN 'death' THEN COALESCE(people -> 'declaration.deceased' -> 'address' ->> 'provinceCode', people -> 'declaration.declarant' -> 'address' ->> 'provinceCode')
  WHEN 'voluntary-si' THEN people -> 'declaration.participant' -> 'address' ->> 'provinceCode'
END`;
