import { BUILT_IN_RULES, withAddedVersions, type AddedRuleVersion, type MergedRuleBook, type RuleTableName } from '../../../kernel/rules/rule-book.ts';
import type { IsoDate } from '../../../kernel/dates.ts';
import type { Queryable } from '../../../platform/db/db.ts';

export interface RuleVersionRow extends AddedRuleVersion {
  /** The row's id: the order the versions were added in (sent to the hub with each: rules/publish.ts). */
  readonly sequence: number;
  readonly addedBy: string;
  readonly addedAt: string;
  readonly reason: string;
}

const COLS = `id::int AS sequence, table_name AS "table", version, effective_from::text AS "effectiveFrom", value, legal_basis AS "legalBasis", added_by AS "addedBy",
  to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "addedAt", reason`;

/** Social security's rule-table versions (schema `social_security`; append-only: a trigger refuses changes). */
export const ruleVersionsStore = {
  /** Every version an operator added, in the order they were added. */
  async added(q: Queryable): Promise<RuleVersionRow[]> {
    return q.query<RuleVersionRow>(`SELECT ${COLS} FROM social_security.rule_versions ORDER BY id`);
  },

  /** Stores a version; answers its sequence (the row's id). */
  async insert(tx: Queryable, v: AddedRuleVersion & { addedBy: string; addedAt: string; reason: string }): Promise<number> {
    const [row] = await tx.query<{ sequence: number }>(
      `INSERT INTO social_security.rule_versions (table_name, version, effective_from, value, legal_basis, added_by, reason, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int AS sequence`,
      [v.table, v.version, v.effectiveFrom as IsoDate, JSON.stringify(v.value), v.legalBasis, v.addedBy, v.reason, v.addedAt],
    );
    return row!.sequence;
  },

  /** Serialises additions, so two operators' versions are checked one after the other. */
  async lock(tx: Queryable): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['social_security.rule_versions']);
  },
};

/**
 * The rule book social security decides with: the built-in tables with every added version merged in
 * (kernel/rules/rule-book.ts), read in the caller's transaction. Each decision reads it afresh — one small query — so a
 * version added by any process on this database is used by the next decision, with no cache to go stale.
 */
export async function loadRuleBook(q: Queryable): Promise<MergedRuleBook & { readonly added: readonly RuleVersionRow[] }> {
  const added = await ruleVersionsStore.added(q);
  return { ...withAddedVersions(BUILT_IN_RULES, added), added };
}

export type { RuleTableName };
