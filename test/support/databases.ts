import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../src/platform/db/db.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { wrapPglite } from '../../src/platform/db/pglite-db.ts';

export type Engine = 'pglite' | 'postgres';

/** The PostgreSQL server the integration suites use: TEST_POSTGRES_URL, or the machine's local one. */
export const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;
/**
 * Whether the server answers. Nothing listening (connection refused) is a quick no; a slow answer or a full server
 * ("too many clients", on a machine running several suites at once) is tried again for up to 30 s, so a busy server
 * is not mistaken for an absent one.
 */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const until = Date.now() + 30_000;
    for (;;) {
      const c = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5000 });
      try {
        await c.connect();
        await c.query('SELECT 1');
        return true;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || Date.now() > until) return false;
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        await c.end().catch(() => undefined);
      }
    }
  })();
  return reachable;
}

/**
 * The engines a data-layer suite runs on: PGlite always; the server when reachable. With
 * REQUIRE_POSTGRES=1 (CI) an unreachable server fails the run instead of being skipped.
 */
export async function engines(): Promise<Engine[]> {
  if (await postgresReachable()) return ['pglite', 'postgres'];
  if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but no PostgreSQL server answers at ${SERVER_URL}`);
  console.log(`# SKIPPED: PostgreSQL server suites — no server at ${SERVER_URL} (set TEST_POSTGRES_URL, or REQUIRE_POSTGRES=1 to make this an error)`);
  return ['pglite'];
}

export interface TestDb {
  readonly db: Db;
  /** The server database's URL (postgres engine only), for a child process to connect to. */
  readonly url?: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test: an in-memory PGlite, or a uniquely named database on the server. */
export async function freshDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = wrapPglite(await PGlite.create());
    return { db, drop: () => db.close() };
  }
  const name = `lienthong_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(() => undefined);
      const a = new pg.Client({ connectionString: SERVER_URL });
      await a.connect();
      try {
        // pool.end() resolves before its sockets have closed on the server: wait for them to go rather than
        // terminate them, since a terminated socket of a closing client surfaces as an uncaught error.
        for (let i = 0; i < 100; i++) {
          const [r] = (await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows;
          if (r.n === 0) break;
          await new Promise((res) => setTimeout(res, 50));
        }
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
