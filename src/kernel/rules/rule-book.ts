/**
 * The rule book: the effective-dated tables an IT operator may extend without a release (issue 7 item 2) — the base
 * salary (= reference level), the rural poverty line, the voluntary-SI support rates and the SI fund's monthly investment
 * rate (voluntary-SI lump sums; sample values, si-fund-rates.ts). The rules that use them take
 * the book as a parameter (defaulting to the built-in one), never a global: each part passes the book it has loaded,
 * so two platforms in one process (tests) or a process that has not yet seen a change never mix their tables.
 *
 * `BUILT_IN_RULES` holds the versions shipped with the code (each row cites its decree in its own file). Versions an
 * operator adds are kept by social security (`social_security.rule_versions`, append-only) and merged here:
 *  - a version is placed by its `effectiveFrom`; it holds until the next version's;
 *  - a version added for the same `effectiveFrom` as an existing one SUPERSEDES it (the existing one, built-in or
 *    added, is dropped from the table and listed as superseded). Social security accepts a new version only from
 *    tomorrow on, so what it supersedes has never been in force (rules/domain/new-version.ts);
 *  - version ids are unique across every table and source.
 *
 * Example: withAddedVersions(BUILT_IN_RULES, [{ table: 'base-salary', version: 'base-salary-2027-07',
 *   effectiveFrom: '2027-07-01', value: 2_800_000, legalBasis: 'Decree …' }]).book.baseSalary.at('2027-07-01').value === 2_800_000
 */
import type { IsoDate } from '../dates.ts';
import { BASE_SALARY } from './base-salary.ts';
import { EffectiveTable, type RuleVersion } from './effective-dated.ts';
import { RURAL_POVERTY_LINE } from './rural-poverty-line.ts';
import { SI_FUND_RATES, type SiFundRate } from './si-fund-rates.ts';
import { SUPPORT_RATES, type SupportRates } from './support-rates.ts';

export interface RuleBook {
  /** VND per month; the reference level from 2025-07-01 (base-salary.ts). */
  readonly baseSalary: EffectiveTable<number>;
  /** VND per person per month (rural-poverty-line.ts). */
  readonly ruralPovertyLine: EffectiveTable<number>;
  /** Basis points of 22% × rural poverty line, per support group (support-rates.ts). */
  readonly supportRates: EffectiveTable<SupportRates>;
  /** The SI fund's monthly investment rate and the year it was published for (si-fund-rates.ts; sample values). */
  readonly siFundRate: EffectiveTable<SiFundRate>;
}

/** The tables by their public name (the API's `{table}`), each with its key in the book. */
export const RULE_TABLES = {
  'base-salary': 'baseSalary',
  'rural-poverty-line': 'ruralPovertyLine',
  'support-rates': 'supportRates',
  'si-fund-rate': 'siFundRate',
} as const satisfies Record<string, keyof RuleBook>;
export type RuleTableName = keyof typeof RULE_TABLES;
export const RULE_TABLE_NAMES = Object.keys(RULE_TABLES) as RuleTableName[];

export function isRuleTableName(x: unknown): x is RuleTableName {
  return typeof x === 'string' && Object.hasOwn(RULE_TABLES, x);
}

export const BUILT_IN_RULES: RuleBook = Object.freeze({ baseSalary: BASE_SALARY, ruralPovertyLine: RURAL_POVERTY_LINE, supportRates: SUPPORT_RATES, siFundRate: SI_FUND_RATES });

/** A version an operator added (its value already checked against its table's shape). */
export interface AddedRuleVersion extends RuleVersion<unknown> {
  readonly table: RuleTableName;
}

export interface MergedRuleBook {
  readonly book: RuleBook;
  /** Version id → the id of the version that superseded it (same effective date, added later). */
  readonly superseded: ReadonlyMap<string, string>;
}

/**
 * The book with `added` merged in, in the order given (the order they were added). Throws RangeError on a version
 * id used twice (the store's unique key prevents it) — a table that cannot be built is never half-used.
 */
export function withAddedVersions(base: RuleBook, added: readonly AddedRuleVersion[]): MergedRuleBook {
  const lists = new Map<RuleTableName, RuleVersion<unknown>[]>(RULE_TABLE_NAMES.map((t) => [t, [...(base[RULE_TABLES[t]].versions as readonly RuleVersion<unknown>[])]]));
  const ids = new Set([...lists.values()].flat().map((v) => v.version));
  const superseded = new Map<string, string>();
  for (const a of added) {
    if (!isRuleTableName(a.table)) throw new RangeError(`unknown rule table: ${String(a.table)}`);
    if (ids.has(a.version)) throw new RangeError(`duplicate rule version id: ${a.version}`);
    ids.add(a.version);
    const list = lists.get(a.table)!;
    const same = list.findIndex((v) => v.effectiveFrom === a.effectiveFrom);
    if (same >= 0) superseded.set(list.splice(same, 1)[0]!.version, a.version);
    list.push({ version: a.version, effectiveFrom: a.effectiveFrom as IsoDate, value: a.value, legalBasis: a.legalBasis });
    list.sort((x, y) => (x.effectiveFrom < y.effectiveFrom ? -1 : x.effectiveFrom > y.effectiveFrom ? 1 : 0));
  }
  const table = <T>(t: RuleTableName) => new EffectiveTable(lists.get(t)! as RuleVersion<T>[]);
  return {
    book: Object.freeze({
      baseSalary: table<number>('base-salary'),
      ruralPovertyLine: table<number>('rural-poverty-line'),
      supportRates: table<SupportRates>('support-rates'),
      siFundRate: table<SiFundRate>('si-fund-rate'),
    }),
    superseded,
  };
}
