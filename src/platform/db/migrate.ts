import type { Db } from './db.ts';

/** One versioned migration of one part's schema. Versions are applied in order, once each. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface SchemaMigrations {
  /** The part's own schema: every table of the part lives in it. */
  readonly schema: string;
  readonly migrations: readonly Migration[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Applies what is missing in one transaction together with the bookkeeping rows, so a crash leaves
 * the schema at a whole version. Safe to run from several processes: the advisory
 * lock serialises them on a server (PGlite has a single session anyway).
 */
export async function migrate(db: Db, set: SchemaMigrations): Promise<number[]> {
  if (!IDENT.test(set.schema)) throw new Error(`bad schema name ${set.schema}`);
  const versions = set.migrations.map((m) => m.version);
  if (versions.some((v, i) => i > 0 && v <= versions[i - 1]!)) throw new Error(`${set.schema}: migration versions must increase`);
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${set.schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${set.schema};
      CREATE TABLE IF NOT EXISTS ${set.schema}.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>(`SELECT version FROM ${set.schema}.schema_migrations`)).map((r) => Number(r.version)),
    );
    for (const m of set.migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query(`INSERT INTO ${set.schema}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}
