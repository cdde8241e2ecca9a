import type { Db, Queryable } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { auditMigrations } from './migrations.ts';

/**
 * How the audit trail is guarded against the application's own database login (issue 4 item 4: the application's
 * role "may insert and select but not update or delete (enforced by grants on the PostgreSQL server)").
 */
export interface AuditProtection {
  readonly engine: 'pglite' | 'postgres';
  /** The application's login (current_user of its connection). */
  readonly role: string;
  /**
   * True when the server itself refuses that login UPDATE, DELETE and TRUNCATE on the trail and any change of its
   * triggers: it is no superuser, neither owns nor belongs to the owner of the schema and its tables, and holds no
   * such privilege. False: only the triggers (and the chain and anchors, after the fact) guard it.
   */
  readonly enforcedByGrants: boolean;
  /** Why not, when not (no personal data: role and object names only). */
  readonly reason?: string;
}

const LATEST = Math.max(...auditMigrations.migrations.map((m) => m.version));
const TABLES = ['audit.entries', 'audit.anchors'] as const;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function currentRole(db: Queryable): Promise<{ role: string; database: string }> {
  const [r] = await db.query<{ role: string; database: string }>('SELECT current_user AS role, current_database() AS database');
  return r!;
}

async function schemaVersion(db: Queryable): Promise<number> {
  try {
    const [r] = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM audit.schema_migrations');
    return Number(r?.v ?? 0);
  } catch {
    return 0; // no schema yet, or not readable: migrate() then creates it or says why it may not
  }
}

/**
 * The schema and its objects given to the NOLOGIN role lienthong_audit_owner, created if missing, so that no login owns
 * the trail (a table's owner keeps every privilege whatever the grants and may switch its triggers off). Run by the
 * migration login: a superuser, or a login with CREATEROLE that owns the database (it then joins the role, as giving an
 * object requires). A login that may not leaves the objects with itself, which still keeps them from the application's
 * login; a NOTICE says so. Touches nothing already given (ALTER … OWNER would lock the tables at every start).
 */
const TAKE_OWNERSHIP = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lienthong_audit_owner') THEN
      BEGIN
        CREATE ROLE lienthong_audit_owner NOLOGIN;
      -- Roles are cluster-wide: databases prepared at once (parts, test runs) may race to create it; one wins.
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    END IF;
    IF EXISTS (
      SELECT 1 FROM pg_namespace WHERE nspname = 'audit' AND nspowner <> 'lienthong_audit_owner'::regrole
      UNION ALL SELECT 1 FROM pg_class WHERE relnamespace = 'audit'::regnamespace AND relkind IN ('r', 'S') AND relowner <> 'lienthong_audit_owner'::regrole
      UNION ALL SELECT 1 FROM pg_proc WHERE pronamespace = 'audit'::regnamespace AND proowner <> 'lienthong_audit_owner'::regrole
    ) THEN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        IF NOT pg_has_role(current_user, 'lienthong_audit_owner', 'MEMBER') THEN
          GRANT lienthong_audit_owner TO CURRENT_USER;
        END IF;
        EXECUTE format('GRANT CREATE ON DATABASE %I TO lienthong_audit_owner', current_database());
      END IF;
      ALTER SCHEMA audit OWNER TO lienthong_audit_owner;
      ALTER TABLE audit.entries OWNER TO lienthong_audit_owner; -- with its index
      ALTER TABLE audit.anchors OWNER TO lienthong_audit_owner; -- with its sequence
      ALTER TABLE audit.schema_migrations OWNER TO lienthong_audit_owner;
      ALTER FUNCTION audit.refuse_change() OWNER TO lienthong_audit_owner;
    END IF;
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'the audit schema keeps its owner: % may not create or give roles', current_user;
  END $$;`;

/**
 * The trail given to lienthong_audit_owner (above); then what the application's login is given on it: reading and
 * appending, nothing else. Any wider
 * privilege granted earlier (by hand, say `GRANT ALL`) is taken back. Idempotent; run at every start, since the
 * application's login may change (a rotated login, the portal and the hub on two logins).
 */
export async function grantAppend(owner: Db, role: string): Promise<void> {
  const r = ident(role);
  // Serialised with the schema's migrations: processes starting together would otherwise update the same ACLs at once.
  await owner.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrate:audit']);
    await tx.exec(TAKE_OWNERSHIP);
    await tx.exec(`
      GRANT USAGE ON SCHEMA audit TO ${r};
      REVOKE CREATE ON SCHEMA audit FROM ${r};
      GRANT SELECT, INSERT ON ${TABLES.join(', ')} TO ${r};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${TABLES.join(', ')} FROM ${r};
      GRANT USAGE ON SEQUENCE audit.anchors_seq_seq TO ${r};
      REVOKE UPDATE ON SEQUENCE audit.anchors_seq_seq FROM ${r};
      GRANT SELECT ON audit.schema_migrations TO ${r};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit.schema_migrations FROM ${r};`);
  });
}

/** Whether the server refuses `db`'s login every change to the trail but appending (see AuditProtection). */
export async function auditProtection(db: Db): Promise<AuditProtection> {
  const { role } = await currentRole(db);
  if (db.engine === 'pglite') return { engine: 'pglite', role, enforcedByGrants: false, reason: 'embedded PGlite has a single superuser session' };
  const tables = TABLES.map((t) => `'${t}'`).join(', ');
  const [r] = await db.query<{ superuser: boolean; owned: string | null; may: string | null }>(
    `WITH objects (name, owner) AS (
       SELECT 'schema audit', nspowner FROM pg_namespace WHERE nspname = 'audit'
       UNION ALL SELECT c.oid::regclass::text, c.relowner FROM pg_class c WHERE c.oid = ANY (ARRAY[${tables}]::regclass[])
     )
     SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
       (SELECT string_agg(name, ', ') FROM objects WHERE pg_has_role(current_user, owner, 'MEMBER')) AS owned,
       (SELECT string_agg(t || ' ' || p, ', ') FROM unnest(ARRAY[${tables}]::text[]) t CROSS JOIN unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']::text[]) p
         WHERE has_table_privilege(t, p)) AS may`,
  );
  const reason = r!.superuser
    ? `${role} is a superuser`
    : r!.owned
      ? `${role} owns, or belongs to the owner of, ${r!.owned}`
      : r!.may
        ? `${role} holds ${r!.may}`
        : undefined;
  return reason ? { engine: 'postgres', role, enforcedByGrants: false, reason } : { engine: 'postgres', role, enforcedByGrants: true };
}

/**
 * Brings the audit schema up to date and lets `db`'s login append to it and read it.
 *
 * `owner`: the migration login's connection (LIENTHONG_MIGRATION_DATABASE_URL), to the same database. When it is
 * another login than `db`'s, it runs the migrations, gives the schema to the NOLOGIN role lienthong_audit_owner and
 * grants `db`'s login SELECT and INSERT only. Without it, `db`'s login migrates the schema itself if it is not
 * already up to date, and so owns it (a single-login set-up, where only the triggers guard the trail).
 * PGlite (embedded mode) simply migrates. Returns what the server then enforces for `db`'s login.
 */
export async function prepareAuditSchema(db: Db, owner?: Db): Promise<AuditProtection> {
  if (db.engine === 'pglite' || !owner) {
    if (db.engine === 'pglite' || (await schemaVersion(db)) < LATEST) await migrate(db, auditMigrations);
    return auditProtection(db);
  }
  const app = await currentRole(db);
  const mig = await currentRole(owner);
  if (mig.database !== app.database)
    throw new Error(`LIENTHONG_MIGRATION_DATABASE_URL is database ${mig.database} but DATABASE_URL is ${app.database}: both must name the same database`);
  await migrate(owner, auditMigrations);
  if (mig.role !== app.role) await grantAppend(owner, app.role);
  return auditProtection(db);
}
