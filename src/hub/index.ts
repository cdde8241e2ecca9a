import type { AuditTrail } from '../platform/audit/audit-trail.ts';
import type { Db } from '../platform/db/db.ts';
import type { WorkingCalendar } from '../kernel/calendar/index.ts';
import type { PartDeps } from '../platform/messaging/part-runtime.ts';
import type { RuleBook } from '../kernel/rules/rule-book.ts';
import { auditIntakeHandlers } from './audit-intake.ts';
import { ruleVersionIntakeHandlers } from './rule-versions.ts';
import { Disclosures } from './disclosures.ts';
import { HubEngine } from './engine.ts';
import { hubHandlers } from './handlers.ts';
import { hubMigrations } from './migrations.ts';
import { LoggingNotifier, LoggingSmsProvider, type NotificationOptions } from './notifications/notifier.ts';
import { OverdueSweep } from './notifications/overdue.ts';
import { NotificationSender } from './notifications/sender.ts';
import { OfficerNotificationSender } from './notifications/officer-sender.ts';
import { provinceTimeLimits } from './settings/time-limits.ts';
import { HubRuntime, SWEEP_INTERVAL_MS } from './runtime.ts';
import { HubService } from './service.ts';
import { Supplements } from './supplements.ts';

/** The hub: procedure groups, orchestration, deadlines, supplements, notifications, status for the portal. */
export const hub = {
  name: 'hub' as const,
  migrations: hubMigrations,
  /** `notifications`: how the citizen is told (notifications/notifier.ts); default: logged only. */
  create(deps: PartDeps & { db: Db; audit?: AuditTrail; rules?: () => RuleBook }, calendar: WorkingCalendar, notifications?: NotificationOptions) {
    const log = deps.log.child({ part: 'hub' });
    // The people each message to an agency names are recorded as disclosed to it, in the runtime's transactions (disclosures.ts).
    const disclosures = deps.audit && new Disclosures(deps.audit);
    const engine = new HubEngine(calendar, deps.sealer, provinceTimeLimits, disclosures);
    const sender = new NotificationSender(
      deps.db,
      deps.clock,
      log,
      notifications ?? { email: new LoggingNotifier(log), sms: new LoggingSmsProvider(log), publicUrl: 'http://localhost:3000' },
      deps.metrics,
    );
    // Overdue procedures are told to the agency's mailbox by the same mail transport (officer-sender.ts).
    const officers = new OfficerNotificationSender(deps.db, deps.clock, log, notifications?.email ?? new LoggingNotifier(log), { ...(notifications?.intervalMs ? { intervalMs: notifications.intervalMs } : {}), ...(notifications?.retryBaseMs ? { retryBaseMs: notifications.retryBaseMs } : {}) }, deps.metrics);
    const overdue = new OverdueSweep(deps.db, deps.clock, deps.metrics);
    let supplements: Supplements | undefined;
    const sweep = async () => {
      await supplements!.expireOverdue();
      await overdue.run();
    };
    const runtime = new HubRuntime(disclosures ? { ...deps, db: disclosures.wrap(deps.db) } : deps, { ...hubHandlers(engine, log), ...auditIntakeHandlers(deps.audit), ...ruleVersionIntakeHandlers() }, sweep, SWEEP_INTERVAL_MS, [officers, sender]); // officers first: it stops before the citizens' sender closes the shared mail transport
    supplements = new Supplements(deps.db, runtime, engine, deps.clock);
    return { runtime, service: new HubService(deps.db, runtime, engine, deps.clock, supplements, deps.audit, deps.rules), notifications: sender, officerNotifications: officers };
  },
};
