import type { SchemaMigrations } from '../db/migrate.ts';

/**
 * The audit trail in its own schema. Append-only twice over: triggers refuse UPDATE, DELETE and TRUNCATE for
 * every role (a superuser included, short of dropping the trigger — which the chain and the anchors then
 * reveal), and on a PostgreSQL server with a migration login apart from the application's, the schema is given to
 * the NOLOGIN role `lienthong_audit_owner` and the application's login granted only USAGE, SELECT and INSERT
 * (schema.ts), so the server itself refuses it UPDATE, DELETE, TRUNCATE and ALTER TABLE … DISABLE TRIGGER.
 * An object a later migration adds to this schema is to be listed in schema.ts (ownership and grants). `lienthong_audit_writer` holds the same two privileges,
 * for an operator who grants them through a group role.
 */
export const auditMigrations: SchemaMigrations = {
  schema: 'audit',
  migrations: [
    {
      version: 1,
      name: 'hash-chained entries, anchors, append-only triggers',
      sql: `
        CREATE TABLE audit.entries (
          seq bigint PRIMARY KEY,
          at timestamptz NOT NULL,
          actor_kind text NOT NULL,
          actor_id text NOT NULL,
          agency text,
          action text NOT NULL,
          purpose text NOT NULL,
          subject text,
          resource text,
          details jsonb NOT NULL,
          prev_hash text NOT NULL,
          hash text NOT NULL UNIQUE
        );
        CREATE INDEX audit_entries_subject ON audit.entries (subject, seq) WHERE subject IS NOT NULL;
        CREATE TABLE audit.anchors (
          seq bigserial PRIMARY KEY,
          at timestamptz NOT NULL,
          head_seq bigint NOT NULL,
          head_hash text NOT NULL,
          signature text NOT NULL
        );
        CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'the audit trail is append-only (% on %)', TG_OP, TG_TABLE_NAME; END $$;
        CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON audit.entries
          FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
        CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON audit.entries
          FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
        CREATE TRIGGER anchors_append_only BEFORE UPDATE OR DELETE ON audit.anchors
          FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lienthong_audit_writer') THEN
            CREATE ROLE lienthong_audit_writer NOLOGIN;
          END IF;
        -- Roles are cluster-wide: databases migrated at once (test runs) may race to create it; one wins.
        EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN NULL;
        END $$;
        DO $$ BEGIN
          GRANT USAGE ON SCHEMA audit TO lienthong_audit_writer;
          GRANT SELECT, INSERT ON audit.entries, audit.anchors TO lienthong_audit_writer;
          GRANT USAGE ON SEQUENCE audit.anchors_seq_seq TO lienthong_audit_writer;
        EXCEPTION WHEN undefined_object OR insufficient_privilege THEN NULL;
        END $$;`,
    },
    {
      version: 2,
      name: 'TRUNCATE refused on anchors too',
      sql: `
        CREATE TRIGGER anchors_no_truncate BEFORE TRUNCATE ON audit.anchors
          FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();`,
    },
  ],
};
