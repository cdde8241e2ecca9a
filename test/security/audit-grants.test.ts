import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { migrateAll } from '../../src/app/build-platform.ts';
import { AuditTrail } from '../../src/platform/audit/audit-trail.ts';
import { auditProtection } from '../../src/platform/audit/schema.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import type { Logger } from '../../src/platform/log/logger.ts';
import { engines, freshDb, SERVER_URL, type TestDb } from '../support/databases.ts';

/**
 * Issue 4 item 4: the audit schema is one "where the application's database role may insert and select but not update
 * or delete (enforced by grants on the PostgreSQL server)". The migrations run as the server's owner login (postgres),
 * the application connects as a login of its own, and the server — not only the triggers — refuses it every change.
 */
const onServer = (await engines()).includes('postgres');

const officer = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' } as const;
const keys = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { subjectKey: 'test-subject-key', anchorPrivateKey: privateKey, anchorPublicKey: publicKey };
};

/** A login role of its own for this run (roles are cluster-wide), allowed to create the other parts' schemas. */
async function appLogin(t: TestDb): Promise<{ role: string; url: string; drop(): Promise<void> }> {
  const role = `lienthong_app_${process.pid}_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const database = new URL(t.url!).pathname.slice(1);
  await t.db.exec(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'; GRANT CREATE ON DATABASE ${database} TO ${role};`);
  const url = new URL(t.url!);
  url.username = role;
  url.password = password;
  return {
    role,
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: SERVER_URL });
      await a.connect();
      try {
        await a.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await a.end();
      }
    },
  };
}

if (onServer) {
  describe('audit trail on a PostgreSQL server: the application login may only insert and select', () => {
    let t: TestDb;
    let login: Awaited<ReturnType<typeof appLogin>>;
    let app: Db;
    let trail: AuditTrail;
    before(async () => {
      t = await freshDb('postgres');
      login = await appLogin(t);
      app = openPostgres(login.url, 2);
      // As `lienthong start` does with DATABASE_URL = the app's login, LIENTHONG_MIGRATION_DATABASE_URL = postgres.
      const p = await migrateAll(app, { migrationDatabaseUrl: t.url });
      assert.deepEqual(p, { engine: 'postgres', role: login.role, enforcedByGrants: true });
      trail = new AuditTrail(app, runningClockFrom(new Date('2025-01-24T02:00:00Z')), keys());
    });
    after(async () => {
      await app?.close();
      await t?.drop();
      await login?.drop();
    });

    test('the schema and its tables belong to the NOLOGIN role lienthong_audit_owner', async () => {
      const rows = await t.db.query<{ name: string; owner: string }>(
        `SELECT 'schema audit' AS name, nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = 'audit'
         UNION ALL SELECT oid::regclass::text, relowner::regrole::text FROM pg_class WHERE relnamespace = 'audit'::regnamespace AND relkind IN ('r', 'S')
         ORDER BY 1`,
      );
      assert.deepEqual(rows.map((r) => r.owner), rows.map(() => 'lienthong_audit_owner'), JSON.stringify(rows));
      assert.ok(rows.some((r) => r.name === 'audit.anchors_seq_seq'), 'the anchors sequence too');
      const [owner] = await t.db.query<{ rolcanlogin: boolean }>(`SELECT rolcanlogin FROM pg_roles WHERE rolname = 'lienthong_audit_owner'`);
      assert.equal(owner?.rolcanlogin, false);
    });

    test('INSERT and SELECT work: entries are recorded, anchored and verified through the application login', async () => {
      for (let i = 0; i < 3; i++)
        await app.transaction((tx) => trail.record(tx, { actor: officer, action: 'dossier.read', purpose: 'birth-registration review', subjectPin: '035195000001', resource: `dossier/${i}` }));
      assert.equal((await trail.anchor())?.headSeq, 3);
      assert.deepEqual(await trail.verify(), { ok: true, entries: 3, anchors: 1 });
      assert.equal((await trail.about('035195000001')).length, 3);
    });

    test('UPDATE, DELETE and TRUNCATE on entries and anchors: permission denied by the server', async () => {
      for (const table of ['entries', 'anchors']) {
        const denied = new RegExp(`permission denied for table ${table}`);
        await assert.rejects(app.exec(`UPDATE audit.${table} SET at = now()`), denied);
        await assert.rejects(app.exec(`DELETE FROM audit.${table}`), denied);
        await assert.rejects(app.exec(`TRUNCATE audit.${table}`), denied);
      }
      await assert.rejects(app.exec(`SELECT setval('audit.anchors_seq_seq', 1)`), /permission denied for sequence anchors_seq_seq/);
      assert.deepEqual(await trail.verify(), { ok: true, entries: 3, anchors: 1 });
    });

    test('nor may it switch the triggers off, drop the trail, or act as its owner', async () => {
      await assert.rejects(app.exec('ALTER TABLE audit.entries DISABLE TRIGGER USER'), /must be owner of table entries/);
      await assert.rejects(app.exec('ALTER TABLE audit.anchors DISABLE TRIGGER ALL'), /must be owner of table anchors/);
      await assert.rejects(app.exec('DROP TABLE audit.entries'), /must be owner of table entries/);
      await assert.rejects(app.exec('DROP SCHEMA audit CASCADE'), /must be owner of schema audit/);
      await assert.rejects(app.exec('SET ROLE lienthong_audit_owner'), /permission denied to set role/);
      await assert.rejects(app.exec('CREATE TABLE audit.decoy (x int)'), /permission denied for schema audit/);
    });

    test('the TRUNCATE trigger on anchors refuses even the superuser', async () => {
      await assert.rejects(t.db.exec('TRUNCATE audit.anchors'), /append-only \(TRUNCATE on anchors\)/);
      await assert.rejects(t.db.exec('TRUNCATE audit.entries'), /append-only \(TRUNCATE on entries\)/);
    });

    test('a restart migrates and grants again without error, and takes back a privilege granted by hand', async () => {
      await t.db.exec(`GRANT UPDATE, DELETE ON audit.entries TO ${login.role}`);
      const widened = await auditProtection(app);
      assert.equal(widened.enforcedByGrants, false);
      assert.match(widened.reason ?? '', /holds audit\.entries UPDATE, audit\.entries DELETE/);
      assert.deepEqual(await migrateAll(app, { migrationDatabaseUrl: t.url }), { engine: 'postgres', role: login.role, enforcedByGrants: true });
      await assert.rejects(app.exec('DELETE FROM audit.entries'), /permission denied for table entries/);
    });

    test('a migration login on another database is refused', async () => {
      await assert.rejects(migrateAll(app, { migrationDatabaseUrl: SERVER_URL }), /LIENTHONG_MIGRATION_DATABASE_URL is database postgres but DATABASE_URL is lienthong_test_/);
    });
  });

  describe('audit trail on a PostgreSQL server with a single login: reported as guarded by triggers only', () => {
    let t: TestDb;
    let login: Awaited<ReturnType<typeof appLogin>>;
    let app: Db;
    before(async () => {
      t = await freshDb('postgres');
      login = await appLogin(t);
      app = openPostgres(login.url, 2);
    });
    after(async () => {
      await app?.close();
      await t?.drop();
      await login?.drop();
    });

    test('the application login that migrated the schema owns it, and is told so', async () => {
      const warnings: unknown[] = [];
      const log = { warn: (o: unknown, msg: string) => warnings.push([o, msg]) } as unknown as Logger;
      const p = await migrateAll(app, { log });
      assert.equal(p?.enforcedByGrants, false);
      assert.match(p?.reason ?? '', new RegExp(`${login.role} owns, or belongs to the owner of, schema audit, audit\\.entries, audit\\.anchors`));
      assert.equal(warnings.length, 1);
      assert.match(JSON.stringify(warnings[0]), /guarded by triggers only.*LIENTHONG_MIGRATION_DATABASE_URL/);
      // Only the triggers stand in the way, and the owner may switch them off.
      await assert.rejects(app.exec('TRUNCATE audit.anchors'), /append-only/);
      await app.exec('ALTER TABLE audit.anchors DISABLE TRIGGER USER; ALTER TABLE audit.anchors ENABLE TRIGGER USER');
    });

    test('that deployment moves to two logins at its next start with LIENTHONG_MIGRATION_DATABASE_URL', async () => {
      await app.transaction((tx) => new AuditTrail(app, runningClockFrom(new Date('2025-01-24T02:00:00Z')), keys()).record(tx, { actor: officer, action: 'dossier.read', purpose: 'test' }));
      assert.deepEqual(await migrateAll(app, { migrationDatabaseUrl: t.url }), { engine: 'postgres', role: login.role, enforcedByGrants: true });
      await assert.rejects(app.exec('DELETE FROM audit.entries'), /permission denied for table entries/);
      await assert.rejects(app.exec('ALTER TABLE audit.entries DISABLE TRIGGER USER'), /must be owner of table entries/);
      assert.equal((await app.query('SELECT seq FROM audit.entries')).length, 1, 'its entries kept');
    });

    test('the superuser is reported as such', async () => {
      const p = await auditProtection(t.db);
      assert.equal(p.enforcedByGrants, false);
      assert.match(p.reason ?? '', /is a superuser/);
    });
  });
}

if (onServer) {
  describe('audit trail on a PostgreSQL server: a migration login that is no superuser (CREATEROLE, owns the database)', () => {
    let t: TestDb;
    let login: Awaited<ReturnType<typeof appLogin>>;
    let migrator: Awaited<ReturnType<typeof appLogin>>;
    let app: Db;
    before(async () => {
      t = await freshDb('postgres');
      login = await appLogin(t);
      migrator = await appLogin(t);
      await t.db.exec(`ALTER ROLE ${migrator.role} CREATEROLE; ALTER DATABASE ${new URL(t.url!).pathname.slice(1)} OWNER TO ${migrator.role};`);
      app = openPostgres(login.url, 2);
    });
    after(async () => {
      await app?.close();
      await t?.drop();
      await login?.drop();
      await migrator?.drop();
    });

    test('the application login may only insert and select', async () => {
      assert.deepEqual(await migrateAll(app, { migrationDatabaseUrl: migrator.url }), { engine: 'postgres', role: login.role, enforcedByGrants: true });
      const [owner] = await t.db.query<{ owner: string }>(`SELECT relowner::regrole::text AS owner FROM pg_class WHERE oid = 'audit.entries'::regclass`);
      // PostgreSQL 16 lets a CREATEROLE login join only the roles it administers: there the table may stay with it.
      assert.ok(['lienthong_audit_owner', migrator.role].includes(owner!.owner), owner!.owner);
      await app.transaction((tx) => new AuditTrail(app, runningClockFrom(new Date('2025-01-24T02:00:00Z')), keys()).record(tx, { actor: officer, action: 'dossier.read', purpose: 'test' }));
      await assert.rejects(app.exec('DELETE FROM audit.entries'), /permission denied for table entries/);
      await assert.rejects(app.exec('ALTER TABLE audit.entries DISABLE TRIGGER USER'), /must be owner of table entries/);
    });
  });
}
