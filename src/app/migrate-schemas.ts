import { auditMigrations } from '../platform/audit/migrations.ts';
import { prepareAuditSchema, type AuditProtection } from '../platform/audit/schema.ts';
import type { Db } from '../platform/db/db.ts';
import { migrate, type SchemaMigrations } from '../platform/db/migrate.ts';
import { openPostgres } from '../platform/db/pg-db.ts';
import type { Logger } from '../platform/log/logger.ts';

export interface MigrateSchemasOptions {
  /**
   * LIENTHONG_MIGRATION_DATABASE_URL: the login that owns the audit schema and runs its migrations, on the same
   * database as DATABASE_URL. Unset (or the same login): DATABASE_URL's login does it, and only triggers guard the trail.
   */
  readonly migrationDatabaseUrl?: string | undefined;
  /** Where the warning goes when the server does not enforce the trail's append-only grants. */
  readonly log?: Logger | undefined;
}

/**
 * Migrates the given parts' schemas with the application's connection; the audit schema, when among them, through
 * the migration login, which owns it and grants the application's login SELECT and INSERT only (platform/audit/schema.ts).
 * Returns how the trail is then guarded (undefined when the audit schema is not among them).
 */
export async function migrateSchemas(db: Db, schemas: readonly SchemaMigrations[], o: MigrateSchemasOptions = {}): Promise<AuditProtection | undefined> {
  for (const m of schemas) if (m !== auditMigrations) await migrate(db, m);
  if (!schemas.includes(auditMigrations)) return undefined;
  const owner = db.engine === 'postgres' && o.migrationDatabaseUrl ? openPostgres(o.migrationDatabaseUrl, 1) : undefined;
  let p: AuditProtection;
  try {
    p = await prepareAuditSchema(db, owner);
  } finally {
    await owner?.close();
  }
  if (p.engine === 'postgres' && !p.enforcedByGrants)
    o.log?.warn(
      { role: p.role, reason: p.reason, migrationLogin: o.migrationDatabaseUrl ? 'set' : 'unset' },
      'the audit trail is guarded by triggers only, not by the server\'s grants: run with LIENTHONG_MIGRATION_DATABASE_URL, a separate login that owns the audit schema (README, "Running nationwide")',
    );
  return p;
}
