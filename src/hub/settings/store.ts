import type { IsoDate } from '../../kernel/dates.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { Override } from './domain/time-limit-in-force.ts';

export interface OverrideRow extends Override {
  readonly group: string;
  readonly procedure: string;
  readonly setBy: string;
  readonly reason: string;
}

const COLS = `group_code AS "group", procedure_code AS "procedure", working_days AS "workingDays", effective_from::text AS "effectiveFrom",
  to_char(set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt", set_by AS "setBy", reason`;

/** The hub's settings SQL (schema `hub`). */
export const hubSettingsStore = {
  async overrides(tx: Queryable, provinceCode: string): Promise<OverrideRow[]> {
    return tx.query<OverrideRow>(`SELECT ${COLS} FROM hub.time_limit_overrides WHERE province_code = $1 ORDER BY group_code, procedure_code, effective_from, id`, [provinceCode]);
  },

  /** A dossier's province (set at verification) and receipt, with the overrides for one of its procedures. */
  async forDossier(tx: Queryable, dossierId: string, procedure: string) {
    // One statement (the engine asks at every dispatch): the dossier's facts, and its province's overrides if any.
    const found = await tx.query<{ province_code: string | null; submitted_at: string } & { [K in keyof Override]: Override[K] | null }>(
      `SELECT d.province_code, to_char(d.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at,
              o.working_days AS "workingDays", o.effective_from::text AS "effectiveFrom",
              to_char(o.set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt"
       FROM hub.dossiers d
       LEFT JOIN hub.time_limit_overrides o ON o.province_code = d.province_code AND o.group_code = d.group_code AND o.procedure_code = $2
       WHERE d.id = $1`,
      [dossierId, procedure],
    );
    const d = found[0];
    if (!d?.province_code) return undefined;
    const rows = found.filter((r) => r.effectiveFrom !== null).map((r) => ({ workingDays: r.workingDays, effectiveFrom: r.effectiveFrom, setAt: r.setAt }) as Override);
    return { submittedAt: d.submitted_at, rows };
  },

  async insert(tx: Queryable, provinceCode: string, o: { group: string; procedure: string; workingDays: number | null; effectiveFrom: IsoDate }, setAt: string, setBy: string, reason: string) {
    await tx.query(
      `INSERT INTO hub.time_limit_overrides (province_code, group_code, procedure_code, working_days, effective_from, set_at, set_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [provinceCode, o.group, o.procedure, o.workingDays, o.effectiveFrom, setAt, setBy, reason],
    );
  },

  /** Serialises changes to one province's limits. */
  async lock(tx: Queryable, provinceCode: string) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hub.time-limits.${provinceCode}`]);
  },
};
