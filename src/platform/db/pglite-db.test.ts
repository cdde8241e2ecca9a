import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from './pglite-db.ts';

/**
 * The PGlite driver prepares each statement once and reads answers with its own wire parser (pg-wire.ts): these
 * checks pin what the platform relies on — the same values back as PGlite's own query(), errors with their SQLSTATE,
 * transactions that commit or roll back, and prepared statements that survive schema changes and stay bounded.
 */

test('values round-trip as PGlite query() returns them: text, numbers, int8, booleans, dates, json, arrays, nulls', async () => {
  const pg = await PGlite.create();
  const db = wrapPglite(pg);
  try {
    await db.exec(`CREATE TABLE t (id int PRIMARY KEY, s text, n numeric, b bigint, f float8, ok boolean, d date, at timestamptz,
      j jsonb, tags text[], ids uuid[], u uuid)`);
    const row = {
      id: 1,
      s: 'Lê Minh An, "quoted" \\ and ; semicolon',
      n: '12.50',
      b: 9007199254740991,
      f: 1.5,
      ok: true,
      d: '2025-01-24',
      at: '2025-01-24T02:00:00.000Z',
      j: JSON.stringify({ a: [1, 2], vi: 'Việt' }),
      tags: ['a', 'b,c', 'd"e', null],
      ids: ['6f1c2a9e-3b7d-4c8e-9f01-2a3b4c5d6e7f'],
      u: '6f1c2a9e-3b7d-4c8e-9f01-2a3b4c5d6e7f',
    };
    const sql = `INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
    const params = Object.values(row);
    await db.query(sql, params);
    await pg.query(sql.replace('VALUES ($1', 'VALUES ($1 + 1'), params);
    const mine = await db.query('SELECT * FROM t ORDER BY id');
    const theirs = (await pg.query('SELECT * FROM t ORDER BY id')).rows;
    assert.deepEqual(mine, theirs);
    assert.equal(mine.length, 2);
    assert.deepEqual((mine[0] as { tags: unknown }).tags, ['a', 'b,c', 'd"e', null]);
    assert.deepEqual((mine[0] as { j: unknown }).j, { a: [1, 2], vi: 'Việt' });
    // An object for a jsonb parameter, a Date for a timestamptz one, null and undefined as NULL.
    await db.query('INSERT INTO t (id, j, at, s) VALUES ($1, $2, $3, $4)', [3, { x: 1 }, new Date('2025-02-01T00:00:00Z'), undefined]);
    const [three] = await db.query<{ j: unknown; at: Date; s: unknown }>('SELECT j, at, s FROM t WHERE id = $1', [3]);
    assert.deepEqual(three!.j, { x: 1 });
    assert.equal(new Date(three!.at).toISOString(), '2025-02-01T00:00:00.000Z');
    assert.equal(three!.s, null);
    // No rows, and a statement without a result.
    assert.deepEqual(await db.query('SELECT * FROM t WHERE id = $1', [99]), []);
    assert.deepEqual(await db.query('UPDATE t SET s = $2 WHERE id = $1', [1, 'x']), []);
  } finally {
    await db.close();
  }
});

test('an error carries its SQLSTATE and statement, and the session goes on', async () => {
  const db = wrapPglite(await PGlite.create());
  try {
    await db.exec('CREATE TABLE k (id int PRIMARY KEY)');
    await db.query('INSERT INTO k VALUES ($1)', [1]);
    await assert.rejects(db.query('INSERT INTO k VALUES ($1)', [1]), (e: Error & { code?: string; constraint?: string; query?: string }) => {
      assert.equal(e.code, '23505');
      assert.equal(e.constraint, 'k_pkey');
      assert.match(e.query ?? '', /INSERT INTO k/);
      return true;
    });
    await assert.rejects(db.query('SELECT nope FROM k'), (e: Error & { code?: string }) => e.code === '42703');
    await assert.rejects(db.query('SELEC 1'), (e: Error & { code?: string }) => e.code === '42601');
    assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM k'), [{ n: 1 }]);
  } finally {
    await db.close();
  }
});

test('transactions commit together, roll back on a throw, and refuse to commit what failed inside', async () => {
  const db = wrapPglite(await PGlite.create());
  try {
    await db.exec('CREATE TABLE k (id int PRIMARY KEY)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO k VALUES ($1)', [1]);
      await tx.query('INSERT INTO k VALUES ($1)', [2]);
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO k VALUES ($1)', [3]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    // A failed statement whose error the caller swallowed: COMMIT rolls back, and says so.
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO k VALUES ($1)', [4]);
        await tx.query('INSERT INTO k VALUES ($1)', [1]).catch(() => undefined);
      }),
      (e: Error & { code?: string }) => e.code === '25P02',
    );
    assert.deepEqual(await db.query('SELECT id FROM k ORDER BY id'), [{ id: 1 }, { id: 2 }]);
    // Two transactions asked for at once run one after the other (one session), each seeing the other's commit.
    await Promise.all([5, 6].map((id) => db.transaction((tx) => tx.query('INSERT INTO k SELECT $1::int WHERE NOT EXISTS (SELECT 1 FROM k WHERE id = $1::int)', [id]))));
    assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM k'), [{ n: 4 }]);
    let leaked: { query(sql: string): Promise<unknown> } | undefined;
    await db.transaction(async (tx) => void (leaked = tx));
    await assert.rejects(leaked!.query('SELECT 1'), /Transaction is closed/);
  } finally {
    await db.close();
  }
});

test('prepared statements stay bounded, and a table changed under one is prepared again', async () => {
  const db = wrapPglite(await PGlite.create(), { keepPrepared: 5 });
  try {
    await db.exec('CREATE TABLE k (id int PRIMARY KEY, a text)');
    for (let i = 0; i < 20; i++) assert.deepEqual(await db.query(`SELECT ${i}::int AS n, $1::text AS s`, ['x']), [{ n: i, s: 'x' }]);
    assert.ok(db.preparedCount() <= 5, `${db.preparedCount()} prepared`);
    await db.query('INSERT INTO k VALUES ($1, $2)', [1, 'a']);
    assert.deepEqual(await db.query('SELECT * FROM k'), [{ id: 1, a: 'a' }]);
    await db.exec('ALTER TABLE k ADD COLUMN b text');
    assert.deepEqual(await db.query('SELECT * FROM k'), [{ id: 1, a: 'a', b: null }]);
  } finally {
    await db.close();
  }
});
