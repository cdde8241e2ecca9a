import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';

/**
 * PGlite is one session: a query issued while a transaction is open waits for it, so a handler must
 * only ever use the `tx` it is given, never the outer db (that deadlocks).
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return wrapPglite(pg);
}

export function wrapPglite(pg: PGlite): Db {
  return {
    engine: 'pglite',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await pg.query<T>(sql, params as unknown[] | undefined);
      return r.rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction(async (t) =>
        fn({
          async query<R>(sql: string, params?: readonly unknown[]) {
            return (await t.query<R>(sql, params as unknown[] | undefined)).rows;
          },
          async exec(sql: string) {
            await t.exec(sql);
          },
        }),
      );
    },
    async close() {
      await pg.close();
    },
  };
}
