import type { Db } from '../../../src/platform/db/db.ts';

/**
 * A fingerprint of every table of every schema: its row count and the newest row version (`xmin`, the id of the
 * transaction that wrote the row). An insert or a delete moves the count; an update — even one that leaves the
 * count alone, like a lock-out counter — writes a new row version and moves `xmin`. A transaction that was
 * rolled back leaves neither, which is the point: a refused request may have tried, it must not have written.
 */
export type Snapshot = ReadonlyMap<string, { readonly rows: number; readonly newest: string }>;

export async function tablesOf(db: Db): Promise<string[]> {
  const rows = await db.query<{ t: string }>(
    `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'schema_migrations'
      ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

export function snapshotter(db: Db, tables: readonly string[]): () => Promise<Snapshot> {
  const sql = tables
    .map((t) => {
      const [schema, name] = t.split('.');
      return `SELECT '${t}' AS t, count(*)::int AS rows, coalesce(max(xmin::text::bigint), 0)::text AS newest FROM "${schema}"."${name}"`;
    })
    .join(' UNION ALL ');
  return async () => new Map((await db.query<{ t: string; rows: number; newest: string }>(sql)).map((r) => [r.t, { rows: Number(r.rows), newest: r.newest }]));
}

/** The tables whose fingerprint differs. */
export function changed(before: Snapshot, after: Snapshot): string[] {
  return [...after.keys()].filter((t) => before.get(t)?.rows !== after.get(t)!.rows || before.get(t)?.newest !== after.get(t)!.newest);
}

/**
 * Snapshots, taken only when something may have been written: the WAL insert position moves with every write of
 * any table (none is unlogged), so while it stands still the last snapshot is still true and a request that left
 * it alone wrote nothing. A move (a write, or a page pruned during a read) costs a full snapshot, never a miss.
 */
export class WriteWatch {
  private last: { lsn: string; snap: Snapshot } | undefined;
  constructor(
    private readonly db: Db,
    private readonly snap: () => Promise<Snapshot>,
  ) {}

  private async lsn(): Promise<string> {
    return (await this.db.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l'))[0]!.l;
  }

  /** The tables as they are now. */
  async now(): Promise<Snapshot> {
    const lsn = await this.lsn();
    if (this.last?.lsn !== lsn) this.last = { lsn, snap: await this.snap() };
    return this.last.snap;
  }

  /** The tables that changed since `before` (taken with `now()`). */
  async changedSince(before: Snapshot): Promise<string[]> {
    return changed(before, await this.now());
  }
}
