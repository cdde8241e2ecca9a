import type { AuditTrail } from '../platform/audit/audit-trail.ts';
import type { Db } from '../platform/db/db.ts';
import type { WorkingCalendar } from '../kernel/calendar/index.ts';
import type { PartDeps } from '../platform/messaging/part-runtime.ts';
import { HubEngine } from './engine.ts';
import { hubHandlers } from './handlers.ts';
import { hubMigrations } from './migrations.ts';
import { provinceTimeLimits } from './settings/time-limits.ts';
import { HubRuntime } from './runtime.ts';
import { HubService } from './service.ts';
import { Supplements } from './supplements.ts';

/** The hub: procedure groups, orchestration, deadlines, supplements, status for the portal. */
export const hub = {
  name: 'hub' as const,
  migrations: hubMigrations,
  create(deps: PartDeps & { db: Db; audit?: AuditTrail }, calendar: WorkingCalendar) {
    const engine = new HubEngine(calendar, deps.sealer, provinceTimeLimits);
    let supplements: Supplements | undefined;
    const runtime = new HubRuntime(deps, hubHandlers(engine, deps.log.child({ part: 'hub' })), () => supplements!.expireOverdue());
    supplements = new Supplements(deps.db, runtime, engine, deps.clock);
    return { runtime, service: new HubService(deps.db, runtime, engine, deps.clock, supplements, deps.audit) };
  },
};
