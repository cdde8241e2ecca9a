import { civilRegistry } from '../agencies/civil-registry/index.ts';
import { health } from '../agencies/health/index.ts';
import { population } from '../agencies/population/index.ts';
import { socialSecurity } from '../agencies/social-security/index.ts';
import { hub } from '../hub/index.ts';
import { auditMigrations } from '../platform/audit/migrations.ts';
import { identity } from '../identity/index.ts';

/** Every part's migrations, in the order a fresh database gets them. */
export const ALL_MIGRATIONS = [hub.migrations, population.migrations, civilRegistry.migrations, socialSecurity.migrations, health.migrations, auditMigrations, identity.migrations];
