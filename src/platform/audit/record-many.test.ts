import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { engines, freshDb, type TestDb } from '../../../test/support/databases.ts';
import { runningClockFrom } from '../clock.ts';
import type { Queryable } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { AuditTrail, RECORD_CHUNK, recordAll, type AuditEvent, type AuditRecorder } from './audit-trail.ts';
import { auditMigrations } from './migrations.ts';

const officer = { kind: 'officer', username: 'thu-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' } as const;
const pinOf = (i: number) => `035195${String(i).padStart(6, '0')}`;
const listed = (n: number): AuditEvent[] => Array.from({ length: n }, (_, i) => ({ actor: officer, action: 'report.listed', purpose: 'D103-TS', subjectPin: pinOf(i), resource: 'report/D103-TS/35/2025-01', details: { i } }));

/** A transaction that counts its statements. */
const counted = (inner: Queryable): { n: number; tx: Queryable } => {
  const c = { n: 0, tx: inner };
  c.tx = { query: (sql, p) => (c.n++, inner.query(sql, p)), exec: (sql) => (c.n++, inner.exec(sql)) } as Queryable;
  return c;
};

for (const engine of await engines()) {
  describe(`audit trail: batch append (${engine})`, () => {
    let t: TestDb;
    let trail: AuditTrail;
    before(async () => {
      t = await freshDb(engine);
      await migrate(t.db, auditMigrations);
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      trail = new AuditTrail(t.db, runningClockFrom(new Date('2025-01-24T02:00:00Z')), { subjectKey: 'test-subject-key', anchorPrivateKey: privateKey, anchorPublicKey: publicKey });
    });
    after(async () => t.drop());

    test('thousands of entries in a handful of statements, chained as if appended one by one, between single appends', async () => {
      const n = 2 * RECORD_CHUNK + 201;
      await t.db.transaction((tx) => trail.record(tx, { actor: officer, action: 'report.drawn', purpose: 'D103-TS', resource: 'report/D103-TS/35/2025-01' }));
      const statements = await t.db.transaction(async (tx) => {
        const c = counted(tx);
        const out = await trail.recordMany(c.tx, listed(n));
        assert.deepEqual([out[0]!.seq, out.at(-1)!.seq], [2, n + 1]);
        return c.n;
      });
      assert.equal(statements, 2 + Math.ceil(n / RECORD_CHUNK), 'the lock, the head, one INSERT per chunk');
      await t.db.transaction((tx) => trail.record(tx, { actor: officer, action: 'report.drawn', purpose: 'D103-TS after' }));
      assert.deepEqual(await trail.verify(), { ok: true, entries: n + 2, anchors: 0 });
      const mine = await trail.about(pinOf(RECORD_CHUNK + 7));
      assert.deepEqual(mine.map((e) => [e.action, e.actorId, e.agency, e.details]), [['report.listed', 'thu-hanam', 'social-security', { i: RECORD_CHUNK + 7 }]]);
      assert.ok(!JSON.stringify(await t.db.query('SELECT * FROM audit.entries WHERE seq < 10')).includes(pinOf(3)), 'subjects hashed');
    });

    test('batch appends from concurrent transactions keep one unbroken chain; an empty batch touches nothing', async () => {
      const before = (await trail.verify()).entries;
      await Promise.all(Array.from({ length: 8 }, () => t.db.transaction((tx) => trail.recordMany(tx, listed(25)))));
      const c = await t.db.transaction(async (tx) => {
        const k = counted(tx);
        await trail.recordMany(k.tx, []);
        return k.n;
      });
      assert.equal(c, 0);
      assert.deepEqual(await trail.verify(), { ok: true, entries: before + 200, anchors: 0 });
    });

    test('a rolled-back batch leaves no entry and no gap', async () => {
      const before = (await trail.verify()).entries;
      await assert.rejects(
        t.db.transaction(async (tx) => {
          await trail.recordMany(tx, listed(3));
          throw new Error('the read failed');
        }),
        /the read failed/,
      );
      await t.db.transaction((tx) => trail.recordMany(tx, listed(2)));
      assert.deepEqual(await trail.verify(), { ok: true, entries: before + 2, anchors: 0 });
    });

    test('recordAll: the batch where the recorder has one, else one record each, in order', async () => {
      const seen: string[] = [];
      const single: AuditRecorder = { record: async (_tx, e) => void seen.push(`one ${e.subjectPin}`) };
      const batch: AuditRecorder = { ...single, recordMany: async (_tx, es) => void seen.push(`many ${es.length}`) };
      await recordAll(single, t.db, listed(2));
      await recordAll(batch, t.db, listed(3));
      await recordAll(batch, t.db, []);
      assert.deepEqual(seen, [`one ${pinOf(0)}`, `one ${pinOf(1)}`, 'many 3']);
    });
  });
}
