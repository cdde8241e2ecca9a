import type { Db } from '../platform/db/db.ts';
import type { WorkingCalendar } from '../kernel/calendar/index.ts';
import { PartRuntime, type PartDeps } from '../platform/messaging/part-runtime.ts';
import { HubEngine } from './engine.ts';
import { hubHandlers } from './handlers.ts';
import { hubMigrations } from './migrations.ts';
import { HubService } from './service.ts';

/** The hub: procedure groups, orchestration, deadlines, status for the portal. */
export const hub = {
  name: 'hub' as const,
  migrations: hubMigrations,
  create(deps: PartDeps & { db: Db }, calendar: WorkingCalendar) {
    const engine = new HubEngine(calendar);
    const runtime = new PartRuntime('hub', deps, hubHandlers(engine, deps.log.child({ part: 'hub' })));
    return { runtime, service: new HubService(deps.db, runtime, engine, deps.clock) };
  },
};
