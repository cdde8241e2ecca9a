import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import { PartRuntime, type PartDeps } from '../../platform/messaging/part-runtime.ts';
import { DeathNotices } from './death-notices.ts';
import { healthHandlers } from './handlers.ts';
import { healthMigrations } from './migrations.ts';
import { healthRoutes } from './routes.ts';
import { healthStore } from './store.ts';

/**
 * Health (Ministry of Health), as the platform sees it: what health facilities send — death notices from their
 * systems — and the answers it gives the civil registry about them. Its own schema, messages only.
 */
export const health = {
  name: 'health' as const,
  migrations: healthMigrations,
  /** `audit`: where facilities' reads of their notices are recorded (the trail; in a health process, its outbox to the hub). */
  create(deps: PartDeps & { audit?: AuditRecorder | undefined }) {
    const store = healthStore(deps.sealer?.box('health'));
    const runtime = new PartRuntime('health', deps, healthHandlers(store));
    return { runtime, routes: healthRoutes(new DeathNotices(deps.db, store, deps.clock, deps.log.child({ part: 'health' }), deps.audit)) };
  },
};
