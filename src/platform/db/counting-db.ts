import type { Db, Queryable } from './db.ts';

/** What one SQL text cost over a run: how often it ran and the time spent waiting for it. */
export interface StatementStats {
  readonly sql: string;
  calls: number;
  ms: number;
  /** Rows returned, over every call. */
  rows: number;
}

export interface DbStats {
  transactions: number;
  /** Statements run outside a transaction (each its own implicit one). */
  standalone: number;
  statements: number;
  readonly bySql: Map<string, StatementStats>;
}

/**
 * A Db that counts what goes through it: transactions, statements, and per SQL text the calls and the time they took
 * (for `bench --sql-stats`: statements and transactions per dossier are what the cost of a dossier is made of).
 * Counting only; it changes nothing about the statements.
 */
export function countingDb(inner: Db): Db & { readonly stats: DbStats; reset(): void } {
  const stats: DbStats = { transactions: 0, standalone: 0, statements: 0, bySql: new Map() };
  const note = (sql: string, ms: number, rows: number) => {
    stats.statements++;
    const key = sql.replace(/\s+/g, ' ').trim();
    const s = stats.bySql.get(key) ?? { sql: key, calls: 0, ms: 0, rows: 0 };
    s.calls++;
    s.ms += ms;
    s.rows += rows;
    stats.bySql.set(key, s);
  };
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    let rows = 0;
    try {
      const out = await run();
      if (Array.isArray(out)) rows = out.length;
      return out;
    } finally {
      note(sql, performance.now() - t0, rows);
    }
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => timed(sql, () => q.query(sql, params)),
    exec: (sql) => timed(sql, () => q.exec(sql)),
  });
  return {
    engine: inner.engine,
    stats,
    reset() {
      stats.transactions = stats.standalone = stats.statements = 0;
      stats.bySql.clear();
    },
    query(sql, params) {
      stats.standalone++;
      return timed(sql, () => inner.query(sql, params));
    },
    exec(sql) {
      stats.standalone++;
      return timed(sql, () => inner.exec(sql));
    },
    transaction(fn) {
      stats.transactions++;
      return inner.transaction((tx) => fn(wrap(tx)));
    },
    close: () => inner.close(),
  };
}
