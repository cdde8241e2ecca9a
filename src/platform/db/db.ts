/**
 * The database port. Every part runs the same SQL through it, on PGlite (embedded mode) or on a
 * PostgreSQL server (distributed mode, or embedded logic with DATABASE_URL).
 * Modelled on Kysely's Driver interface: few methods, each documented in one line.
 */
export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Which engine is behind this port, for logs and benchmark reports. */
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}
