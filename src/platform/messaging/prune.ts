import type { Db } from '../db/db.ts';

/**
 * How long a part keeps the messages it has finished with, so that its database does not grow without bound.
 *
 * An inbox row is what makes a redelivered message harmless (the receiver recognises its id); an outbox row marked
 * published is the record of what was sent (the SLA dashboard's dossier history shows the hub's). Both are deleted
 * once older than `keepMs`, which must exceed the longest a copy of a message can still arrive: the bus's own dedupe
 * window (in-process 2 min, JetStream `duplicateWindowMs`), its redeliveries (seconds), and a relay that republishes
 * after a crash — as long as the sender stays down. Rows never published, and dead letters, are kept.
 */
export interface Retention {
  /** Age after which a published outbox row and an inbox row are deleted. */
  readonly keepMs: number;
  /** How often to look. */
  readonly everyMs: number;
  /** Rows deleted per statement (short transactions: the one PGlite session is not held long). */
  readonly batch?: number;
}

/** Seven days: a part down for a week still has its duplicates recognised; the dossier history shows a week of messages. */
export const DEFAULT_RETENTION: Retention = { keepMs: 7 * 24 * 3600_000, everyMs: 10 * 60_000 };

/**
 * The retention when the platform is not told one: LIENTHONG_MESSAGE_RETENTION_SECONDS (0: keep for ever), looked at
 * every tenth of it (at most every 10 minutes); else DEFAULT_RETENTION. The benchmark sets a short one, so that its
 * runs include the pruning.
 */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): Retention | null {
  const raw = env.LIENTHONG_MESSAGE_RETENTION_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_RETENTION;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`LIENTHONG_MESSAGE_RETENTION_SECONDS: a number of seconds ≥ 0, not "${raw}"`);
  if (seconds === 0) return null;
  return { keepMs: seconds * 1000, everyMs: Math.min(10 * 60_000, Math.max(1000, seconds * 100)) };
}

export interface Pruned {
  outbox: number;
  inbox: number;
}

/**
 * Deletes one part's old messages: outbox rows published before `now() - keepMs` (the database's clock: the relay
 * marks with it) and inbox rows received before `platformNow - keepMs` (the platform's clock: the inbox records it).
 * On PGlite, which runs no autovacuum (one session, no background workers), the two tables are vacuumed after a
 * deletion so that their space is reused rather than grown.
 */
export async function pruneMessages(db: Db, schema: string, keepMs: number, platformNow: Date, batch = 5000): Promise<Pruned> {
  const pruned: Pruned = { outbox: 0, inbox: 0 };
  for (;;) {
    const gone = await db.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM ${schema}.outbox WHERE seq IN (
           SELECT seq FROM ${schema}.outbox
           WHERE published_at < now() - make_interval(secs => $1::double precision / 1000) ORDER BY seq LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [keepMs, batch],
    );
    const n = Number(gone[0]?.n ?? 0);
    pruned.outbox += n;
    if (n < batch) break;
  }
  const cutoff = new Date(platformNow.getTime() - keepMs).toISOString();
  for (;;) {
    const gone = await db.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM ${schema}.inbox WHERE message_id IN (
           SELECT message_id FROM ${schema}.inbox WHERE received_at < $1::timestamptz LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff, batch],
    );
    const n = Number(gone[0]?.n ?? 0);
    pruned.inbox += n;
    if (n < batch) break;
  }
  if (db.engine === 'pglite' && pruned.outbox + pruned.inbox > 0) await db.exec(`VACUUM ${schema}.outbox, ${schema}.inbox`);
  return pruned;
}
