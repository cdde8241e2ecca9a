import { PeriodicTask } from '../platform/periodic-task.ts';
import { PartRuntime, type HandlerTable, type PartDeps } from '../platform/messaging/part-runtime.ts';

/** How often the hub looks for supplement requests left unanswered past their last day. */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * The hub's messaging runtime, plus its timers: while it runs (embedded mode, or the `lienthong hub` process —
 * not the portal), a periodic sweep refuses the procedures whose supplement deadline has passed and records the
 * procedures past their time limit (notifications/overdue.ts). The sweep is
 * idempotent and locks each dossier, so several hub processes may run it at once.
 */
export class HubRuntime extends PartRuntime {
  private readonly timer: PeriodicTask;

  constructor(
    deps: PartDeps,
    handlers: HandlerTable,
    private readonly sweep: () => Promise<unknown>,
    intervalMs = SWEEP_INTERVAL_MS,
    /** Loops that run while the runtime does (the notification sender, notifications/sender.ts). */
    private readonly companions: readonly { start(): void; stop(): Promise<void> }[] = [],
  ) {
    super('hub', deps, handlers);
    const log = deps.log.child({ part: 'hub' });
    this.timer = new PeriodicTask(sweep, intervalMs, (err) => log.error({ err }, 'deadline sweep failed; retried at the next tick'));
  }

  override async start(opts: { maxInFlight?: number } = {}): Promise<void> {
    await super.start(opts);
    this.timer.start();
    for (const c of this.companions) c.start();
  }

  /** One sweep now (tests; an operator's command): the same work the timer does. */
  async sweepNow(): Promise<unknown> {
    await this.timer.idle();
    return this.sweep();
  }

  override async stop(): Promise<void> {
    await this.timer.stop();
    for (const c of this.companions) await c.stop();
    await super.stop();
  }

}
