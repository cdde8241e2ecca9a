import pg from 'pg';
import type { Db, Queryable } from './db.ts';

// Dates and timestamps come back as text, as they do from PGlite with our casts: one shape on both engines.
pg.types.setTypeParser(1082, (v) => v); // date
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counters and sequences stay far below 2^53

/**
 * A pool on a PostgreSQL server. An idle connection the server drops (a restart, a failover, an
 * administrator) is reported to `onIdleError` and replaced on next use; without a listener pg would
 * raise it as an uncaught exception and take the process down.
 */
export function openPostgres(url: string, max = 10, onIdleError: (e: Error) => void = () => undefined): Db {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', onIdleError);
  const wrap = (c: pg.PoolClient): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      return (await c.query(sql, params as unknown[] | undefined)).rows as R[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      return (await pool.query(sql, params as unknown[] | undefined)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
