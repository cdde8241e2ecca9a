import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditKeysFrom, newAuditAnchorKey } from '../../src/app/secrets.ts';
import { AuditTrail } from '../../src/platform/audit/audit-trail.ts';
import { auditMigrations } from '../../src/platform/audit/migrations.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { openPglite } from '../../src/platform/db/pglite-db.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { run } from '../support/process.ts';

/**
 * `lienthong audit verify`, as an operator runs it (issue 4 item 4): exit 0 on an intact trail, exit 1 and the first
 * broken link named when an entry was altered behind the triggers' back.
 */
for (const engine of await engines()) {
  describe(`lienthong audit verify (${engine})`, () => {
    let dir: string;
    let server: TestDb | undefined;
    let env: NodeJS.ProcessEnv;
    /** The trail's database, opened by the test only while no CLI process has it (PGlite has one session). */
    const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      if (server) return fn(server.db);
      const db = await openPglite(join(dir, 'pglite'), []);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    };

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'lienthong-audit-cli-'));
      if (engine === 'postgres') server = await freshDb('postgres');
      const subjectKey = 'cli-test-subject-key';
      const anchorKey = newAuditAnchorKey();
      const anchorFile = join(dir, 'anchors.jsonl');
      env = {
        DATA_DIR: dir,
        DATABASE_URL: server?.url ?? '',
        LIENTHONG_MIGRATION_DATABASE_URL: '',
        LIENTHONG_AUDIT_SUBJECT_KEY: subjectKey,
        LIENTHONG_AUDIT_ANCHOR_KEY: anchorKey,
        LIENTHONG_AUDIT_ANCHOR_FILE: anchorFile,
      };
      await withDb(async (db) => {
        await migrate(db, auditMigrations);
        const trail = new AuditTrail(db, runningClockFrom(new Date('2025-01-24T02:00:00Z')), auditKeysFrom(subjectKey, anchorKey, anchorFile));
        const officer = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' } as const;
        for (let i = 0; i < 4; i++)
          await db.transaction((tx) => trail.record(tx, { actor: officer, action: 'dossier.read', purpose: 'birth-registration review', subjectPin: '035195000001', resource: `dossier/${i}` }));
        await trail.anchor();
      });
    });
    after(async () => {
      await server?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('an intact trail: exit 0, entries and anchors counted', async () => {
      const r = await run(['audit', 'verify'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /the audit trail is intact: 4 entries, 2 anchors checked/);
    });

    test('an entry altered with the triggers switched off: exit 1, the first broken link named', async () => {
      await withDb((db) =>
        db.exec(`ALTER TABLE audit.entries DISABLE TRIGGER USER;
          UPDATE audit.entries SET purpose = 'curiosity' WHERE seq IN (2, 3);
          ALTER TABLE audit.entries ENABLE TRIGGER USER;`),
      );
      const r = await run(['audit', 'verify'], env);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /BROKEN at entry 2: entry 2 was altered/);
      assert.doesNotMatch(r.stdout, /035195000001/, 'no PIN printed');
    });
  });
}
