import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { engines, freshDb, type TestDb } from '../../../test/support/databases.ts';
import { runningClockFrom } from '../clock.ts';
import { migrate } from '../db/migrate.ts';
import { AuditTrail } from './audit-trail.ts';
import { auditMigrations } from './migrations.ts';

const PIN = '035195000001';
const officer = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' } as const;

for (const engine of await engines()) {
  describe(`audit trail: append-only, hash-chained, anchored (${engine})`, () => {
    let t: TestDb;
    let trail: AuditTrail;
    let dir: string;
    before(async () => {
      t = await freshDb(engine);
      await migrate(t.db, auditMigrations);
      dir = mkdtempSync(join(tmpdir(), 'lienthong-audit-'));
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      trail = new AuditTrail(t.db, runningClockFrom(new Date('2025-01-24T02:00:00Z')), { subjectKey: 'test-subject-key', anchorPrivateKey: privateKey, anchorPublicKey: publicKey, anchorFile: join(dir, 'anchors.jsonl') });
      for (let i = 0; i < 5; i++)
        await t.db.transaction((tx) => trail.record(tx, { actor: officer, action: 'dossier.read', purpose: 'birth-registration review', subjectPin: PIN, resource: `dossier/${i}` }));
    });
    after(async () => {
      await t.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** What an attacker with the database's superuser would do: switch the guards off, change, switch them on. */
    const tamper = async (sql: string) => {
      await t.db.exec(`ALTER TABLE audit.entries DISABLE TRIGGER USER; ${sql}; ALTER TABLE audit.entries ENABLE TRIGGER USER;`);
    };

    test('an intact trail verifies, and keeps no PIN in clear', async () => {
      assert.deepEqual(await trail.verify(), { ok: true, entries: 5, anchors: 0 });
      const raw = JSON.stringify(await t.db.query('SELECT * FROM audit.entries'));
      assert.ok(!raw.includes(PIN), 'the subject is a keyed hash');
      assert.equal((await trail.about(PIN)).length, 5);
      assert.equal((await trail.about('001085000006')).length, 0);
    });

    test('UPDATE, DELETE and TRUNCATE are refused', async () => {
      await assert.rejects(t.db.exec(`UPDATE audit.entries SET purpose = 'x' WHERE seq = 1`), /append-only/);
      await assert.rejects(t.db.exec(`DELETE FROM audit.entries WHERE seq = 1`), /append-only/);
      await assert.rejects(t.db.exec(`TRUNCATE audit.entries`), /append-only/);
      await assert.rejects(t.db.exec(`TRUNCATE audit.anchors`), /append-only \(TRUNCATE on anchors\)/);
      assert.equal((await trail.verify()).ok, true);
    });

    test('appends from many transactions at once keep one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => t.db.transaction((tx) => trail.record(tx, { actor: { kind: 'part', id: 'hub' }, action: 'config.changed', purpose: 'test', details: { i } }))));
      const v = await trail.verify();
      assert.deepEqual([v.ok, v.entries], [true, 25]);
    });

    test('an anchor is signed and kept in the table and the separate store', async () => {
      const a = await trail.anchor();
      assert.equal(a?.headSeq, 25);
      assert.deepEqual(await trail.verify(), { ok: true, entries: 25, anchors: 2 });
    });

    test('an altered entry is reported as the first broken link', async () => {
      await tamper(`UPDATE audit.entries SET purpose = 'curiosity' WHERE seq = 3`);
      assert.deepEqual(await trail.verify(), { ok: false, entries: 25, anchors: 2, problem: 'entry 3 was altered', seq: 3 });
      await tamper(`UPDATE audit.entries SET purpose = 'birth-registration review' WHERE seq = 3`);
      assert.equal((await trail.verify()).ok, true, 'restored');
    });

    test('a deleted entry is reported', async () => {
      const [row] = await t.db.query<Record<string, unknown>>('SELECT * FROM audit.entries WHERE seq = 4');
      await tamper('DELETE FROM audit.entries WHERE seq = 4');
      assert.deepEqual(await trail.verify(), { ok: false, entries: 24, anchors: 2, problem: 'entry 4 is missing (next is 5)', seq: 4 });
      await tamper(
        `INSERT INTO audit.entries SELECT * FROM json_populate_record(NULL::audit.entries, '${JSON.stringify(row).replace(/'/g, "''")}'::json)`,
      );
      assert.equal((await trail.verify()).ok, true, 'restored');
    });

    test('a truncated trail is detected by its anchor', async () => {
      await tamper('DELETE FROM audit.entries WHERE seq > 20');
      const v = await trail.verify();
      assert.equal(v.ok, false);
      assert.equal(v.problem, 'the trail was truncated: entry 25 was anchored but is gone (the trail ends at 20)');
    });
  });
}
