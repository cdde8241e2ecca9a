import type { AuditRecorder } from '../../../platform/audit/audit-trail.ts';
import { PeriodicTask } from '../../../platform/periodic-task.ts';
import { PartRuntime, type HandlerTable, type PartDeps } from '../../../platform/messaging/part-runtime.ts';
import type { CollectionAccount } from '../voluntary-collection-account.ts';
import { VoluntaryPayments } from './service.ts';

/** How often social security looks for dues past their deadline and replies owed to the hub. */
export const PAYMENT_SWEEP_INTERVAL_MS = 60_000;

/**
 * Social security's messaging runtime, plus the voluntary-SI sweep on a timer while it runs (embedded mode, or the
 * `lienthong agency social-security` process). The sweep is idempotent and locks each due and registration, so
 * several processes may run it at once; a failed run is tried again at the next tick.
 */
export class SocialSecurityRuntime extends PartRuntime {
  readonly payments: VoluntaryPayments;
  private readonly timer: PeriodicTask;

  constructor(
    deps: PartDeps & { audit?: AuditRecorder | undefined },
    handlers: HandlerTable,
    account: CollectionAccount,
    intervalMs = PAYMENT_SWEEP_INTERVAL_MS,
  ) {
    super('social-security', deps, handlers);
    const log = deps.log.child({ part: 'social-security' });
    this.payments = new VoluntaryPayments(deps.db, this, deps.clock, account, deps.audit);
    this.timer = new PeriodicTask(() => this.payments.sweep(), intervalMs, (err) => log.error({ err }, 'voluntary-SI payment sweep failed; retried at the next tick'));
  }

  override async start(opts: { maxInFlight?: number } = {}): Promise<void> {
    await super.start(opts);
    this.timer.start();
  }

  override async stop(): Promise<void> {
    await this.timer.stop();
    await super.stop();
  }
}
