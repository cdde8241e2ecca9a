/**
 * When the benchmark counts a dossier as done, and how it ended, read from the hub's tables (the same in
 * embedded and distributed mode: the hub's database is the one place that knows every procedure's status).
 */
import type { Db } from '../../platform/db/db.ts';
import type { BenchGroup } from './mix.ts';

/**
 * THE predicate: a procedure is settled for the benchmark when it is final (completed, rejected, cancelled) — or
 * when it is a voluntary SI registration waiting for the citizen's payment ('awaiting-payment'): the registration
 * decision is made (SI code, amount due, payment reference), and what follows is the citizen paying at a bank,
 * which a benchmark of the platform does not wait for. 'awaiting-supplement' (a question to the citizen) is NOT
 * settled: the bench's declarations never trigger one, so a dossier stuck there is reported as unfinished.
 */
export const SETTLED_STATUSES: readonly string[] = ['completed', 'rejected', 'cancelled', 'awaiting-payment'];
export const settledForBench = (status: string): boolean => SETTLED_STATUSES.includes(status);

/** A settled procedure did its job when completed, or when its registration awaits payment (see above). */
const succeeded = (status: string) => status === 'completed' || status === 'awaiting-payment';

export type Outcome = 'completed' | 'partially-completed' | 'rejected' | 'unfinished';

export interface DossierOutcome {
  readonly id: string;
  readonly group: string;
  readonly outcome: Outcome;
  /** When its last procedure settled (ms since the epoch, the hub's clock), or null while unfinished. */
  readonly settledAt: number | null;
  /** Procedure statuses, for the report of what did not complete. */
  readonly statuses: readonly string[];
}

/** How many dossiers are settled (cheap: for the progress bar and the wait). */
export async function countSettled(db: Db): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM hub.dossiers d
     WHERE NOT EXISTS (SELECT 1 FROM hub.procedures p WHERE p.dossier_id = d.id AND NOT (p.status = ANY($1::text[])))`,
    [SETTLED_STATUSES],
  );
  return Number(r?.n ?? 0);
}

/** Every dossier's outcome, from its procedures' statuses and the time each last moved. */
export async function outcomes(db: Db): Promise<DossierOutcome[]> {
  const rows = await db.query<{ id: string; group_code: string; status: string; at: number | null }>(
    `SELECT p.dossier_id AS id, d.group_code, p.status,
            (extract(epoch FROM COALESCE(p.finished_at,
               (SELECT max(h.at) FROM hub.history h WHERE h.dossier_id = p.dossier_id AND h.procedure = p.code))) * 1000)::float8 AS at
     FROM hub.procedures p JOIN hub.dossiers d ON d.id = p.dossier_id`,
  );
  const by = new Map<string, { group: string; statuses: string[]; at: number }>();
  for (const r of rows) {
    const e = by.get(r.id) ?? { group: r.group_code, statuses: [], at: 0 };
    e.statuses.push(r.status);
    e.at = Math.max(e.at, Number(r.at ?? 0));
    by.set(r.id, e);
  }
  return [...by].map(([id, e]) => ({ id, group: e.group, statuses: e.statuses, ...classify(e.statuses, e.at) }));
}

/** Cancelled procedures (a prerequisite failed) count as not done; a dossier with none succeeding is rejected. */
export function classify(statuses: readonly string[], at: number): { outcome: Outcome; settledAt: number | null } {
  if (!statuses.every(settledForBench)) return { outcome: 'unfinished', settledAt: null };
  const ok = statuses.filter(succeeded).length;
  const outcome = ok === statuses.length ? 'completed' : ok > 0 ? 'partially-completed' : 'rejected';
  return { outcome, settledAt: at };
}

export interface GroupOutcomes {
  completed: number;
  partiallyCompleted: number;
  rejected: number;
  unfinished: number;
}

export function tally(list: readonly DossierOutcome[], group?: BenchGroup): GroupOutcomes {
  const t: GroupOutcomes = { completed: 0, partiallyCompleted: 0, rejected: 0, unfinished: 0 };
  for (const o of list) {
    if (group && o.group !== group) continue;
    if (o.outcome === 'completed') t.completed++;
    else if (o.outcome === 'partially-completed') t.partiallyCompleted++;
    else if (o.outcome === 'rejected') t.rejected++;
    else t.unfinished++;
  }
  return t;
}

/** Why dossiers were refused, counted by group, step and field (for the report: a refusal in a bench is a bug). */
export async function refusalReasons(db: Db): Promise<{ group: string; step: string; path: string; code: string; n: number }[]> {
  return db.query(
    `SELECT d.group_code AS "group", p.code AS step, r->>'path' AS path, r->>'code' AS code, count(*)::int AS n
     FROM hub.procedures p JOIN hub.dossiers d ON d.id = p.dossier_id, jsonb_array_elements(p.reasons) r
     WHERE p.status = 'rejected' GROUP BY 1, 2, 3, 4
     UNION ALL
     SELECT d.group_code, 'verification', r->>'path', r->>'code', count(*)::int
     FROM hub.dossiers d, jsonb_array_elements(d.reasons) r WHERE d.status = 'rejected' GROUP BY 1, 2, 3, 4
     ORDER BY 5 DESC`,
  );
}
