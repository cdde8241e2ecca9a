import { PGlite, protocol } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.ts';
import { buildClose, buildExecute, buildPrepare, parseAnswer, type TypeParsers, type WireResult } from './pg-wire.ts';

/**
 * PGlite is one session: a query issued while a transaction is open waits for it, so a handler must
 * only ever use the `tx` it is given, never the outer db (that deadlocks).
 */
export async function openPglite(dataDir: string | undefined, settings = pgliteSettingsFromEnv()): Promise<Db> {
  const options = settings.length ? { postgresqlconf: settings } : {};
  const pg = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  return wrapPglite(pg);
}

/**
 * PostgreSQL settings for the embedded engine, from LIENTHONG_PGLITE_SETTINGS ("shared_buffers=32MB,max_wal_size=256MB"):
 * written to the data directory's postgresql.conf at each start. None by default (PGlite's: shared_buffers 128MB,
 * max_wal_size 1GB…); docs/performance.md says what each changes in memory and speed.
 */
export function pgliteSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.LIENTHONG_PGLITE_SETTINGS?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const m = /^\s*([a-z_][a-z0-9_.]*)\s*=\s*([A-Za-z0-9_.+-]+)\s*$/.exec(entry);
    if (!m) throw new Error(`LIENTHONG_PGLITE_SETTINGS: "${entry}" is not name=value (e.g. shared_buffers=32MB)`);
    return `${m[1]} = '${m[2]}'`;
  });
}

export interface WrapOptions {
  /** How many distinct statements stay prepared (default PREPARED_STATEMENTS_KEPT). */
  readonly keepPrepared?: number;
}

/** How many distinct statements stay prepared; the least recently used is closed beyond that. */
export const PREPARED_STATEMENTS_KEPT = 1000;

interface Prepared {
  readonly name: string;
  /** The parameter types PostgreSQL inferred at Parse, to serialise values as PGlite's own query() does. */
  readonly paramTypes: readonly number[];
}

/** PGlite's mutexes (declared on its base class; `query` and `transaction` use the same two). */
interface Exclusive {
  _checkReady(): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

const S = protocol.serialize;

/**
 * The Db port over PGlite, with each statement prepared once and then run in ONE call into the engine.
 *
 * Why (measured, docs/performance.md): PGlite's own `query()` makes six calls into the WebAssembly engine per
 * statement (Parse, Describe, Bind, Describe, Execute, Sync), each with its own buffers and result parsing, and
 * parses and plans the SQL every time. Here the first use of a SQL text parses it as a named prepared statement and
 * learns its parameter types (one call); every later use sends Bind+Describe+Execute+Sync in one buffer. A primary-key
 * SELECT went from ~260 µs to ~55 µs. Values are serialised by parameter type with PGlite's own serialisers; the
 * answer is read by our wire parser (pg-wire.ts) and each value turned into JavaScript by PGlite's own per-type
 * parsers, so results are exactly what `query()` returned (pglite-db.test.ts compares them).
 *
 * Transactions take PGlite's transaction mutex, as its `transaction()` does, and send BEGIN/COMMIT the same way.
 * The one session makes prepared statements safe to keep: nothing else shares it. A schema change that alters a
 * statement's result columns makes PostgreSQL refuse the old plan (SQLSTATE 0A000): the statement is then prepared
 * again (and, outside a transaction, retried once).
 */
export function wrapPglite(pg: PGlite, opts: WrapOptions = {}): Db & { readonly preparedCount: () => number } {
  const ex = pg as unknown as Exclusive;
  const parsers = pg.parsers as TypeParsers;
  const prepared = new Map<string, Prepared>();
  let counter = 0;

  /**
   * One call into the engine; the answer is read by our own parser (pg-wire.ts), not PGlite's. PGlite runs the call
   * synchronously inside execProtocolRawStream (its promise only follows), so one shared callback collects the
   * answer into the array of the call under way: no closure per statement.
   */
  let collecting: Buffer[] | null = null;
  const stream = { syncToFs: false, onRawData: (data: Uint8Array) => void collecting!.push(Buffer.from(data)) };
  async function call(message: Uint8Array): Promise<WireResult> {
    const chunks: Buffer[] = [];
    collecting = chunks;
    const done = pg.execProtocolRawStream(message, stream);
    collecting = null;
    await done;
    return parseAnswer(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), parsers);
  }

  async function prepareNew(sql: string): Promise<Prepared> {
    const name = `lt${++counter}`;
    const r = await call(buildPrepare(name, sql));
    if (r.error) throw withQuery(r.error, sql);
    const p: Prepared = { name, paramTypes: r.paramTypes };
    prepared.set(sql, p);
    if (prepared.size > (opts.keepPrepared ?? PREPARED_STATEMENTS_KEPT)) {
      const [oldSql, old] = prepared.entries().next().value as [string, Prepared];
      prepared.delete(oldSql);
      await call(buildClose(old.name));
    }
    return p;
  }

  function serialise(p: Prepared, params: readonly unknown[]): (string | null)[] {
    return params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialiser = pg.serializers[p.paramTypes[i] ?? 0];
      return serialiser ? serialiser(v) : String(v);
    });
  }

  /** One statement, by the holder of PGlite's transaction mutex (nothing else can use the session meanwhile). */
  async function run(sql: string, params: readonly unknown[] = []): Promise<WireResult> {
    let p = prepared.get(sql);
    if (p) {
      // Most recently used last: a Map keeps insertion order, so the first key is the one to close.
      prepared.delete(sql);
      prepared.set(sql, p);
    } else p = await prepareNew(sql);
    const r = await call(buildExecute(p.name, serialise(p, params)));
    if (r.error) {
      if (r.error.code === '0A000') {
        // "cached plan must not change result type": the table changed under the statement. Prepare it anew.
        prepared.delete(sql);
        await call(buildClose(p.name));
      }
      throw withQuery(r.error, sql);
    }
    return r;
  }

  async function runAlone<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    await ex._checkReady();
    return ex._runExclusiveTransaction(() =>
      ex._runExclusiveQuery(async () => {
        try {
          return (await run(sql, params)).rows as T[];
        } catch (e) {
          if ((e as { code?: string }).code !== '0A000') throw e;
          return (await run(sql, params)).rows as T[]; // prepared anew above
        } finally {
          await pg.syncToFs();
        }
      }),
    );
  }

  return {
    engine: 'pglite',
    preparedCount: () => prepared.size,
    query: runAlone,
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      await ex._checkReady();
      return ex._runExclusiveTransaction(async () => {
        let closed = false;
        const open = () => {
          if (closed) throw new Error('Transaction is closed');
        };
        const tx: Queryable = {
          // Without PGlite's query mutex: this transaction holds its transaction mutex, which everything else that
          // uses the session (its query, exec, transaction; ours) takes first; and each call is synchronous inside.
          async query<R>(sql: string, params?: readonly unknown[]) {
            open();
            return (await run(sql, params)).rows as R[];
          },
          async exec(sql: string) {
            open();
            const r = await call(Buffer.concat([S.query(sql), S.sync()]));
            if (r.error) throw withQuery(r.error, sql);
          },
        };
        await run('BEGIN');
        let out: T;
        try {
          out = await fn(tx);
        } catch (e) {
          closed = true;
          await run('ROLLBACK').catch(() => undefined);
          throw e;
        }
        closed = true;
        // A COMMIT that fails ends the transaction too (PostgreSQL rolls it back): nothing is left to undo.
        const done = await run('COMMIT');
        // COMMIT of a transaction that failed inside (an error fn caught and swallowed) rolls back instead.
        if (done.command === 'ROLLBACK') throw Object.assign(new Error('Transaction was rolled back instead of committed'), { code: '25P02' });
        await pg.syncToFs();
        return out;
      });
    },
    async close() {
      await pg.close();
    },
  };
}

/** The statement that failed, on the error (never its parameters: they may be personal data). */
function withQuery(e: unknown, sql: string): unknown {
  if (e && typeof e === 'object' && !('query' in e)) Object.assign(e, { query: sql });
  return e;
}
