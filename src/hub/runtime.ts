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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly log: PartDeps['log'];

  constructor(
    deps: PartDeps,
    handlers: HandlerTable,
    private readonly sweep: () => Promise<unknown>,
    private readonly intervalMs = SWEEP_INTERVAL_MS,
    /** Loops that run while the runtime does (the notification sender, notifications/sender.ts). */
    private readonly companions: readonly { start(): void; stop(): Promise<void> }[] = [],
  ) {
    super('hub', deps, handlers);
    this.log = deps.log.child({ part: 'hub' });
  }

  override async start(opts: { maxInFlight?: number } = {}): Promise<void> {
    await super.start(opts);
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    for (const c of this.companions) c.start();
  }

  /** One sweep now (tests; an operator's command): the same work the timer does. */
  async sweepNow(): Promise<unknown> {
    await this.running;
    return this.sweep();
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    for (const c of this.companions) await c.stop();
    await super.stop();
  }

  private tick(): void {
    if (this.running) return; // the last sweep is still going
    this.running = this.sweep()
      .catch((err: unknown) => this.log.error({ err }, 'deadline sweep failed; retried at the next tick'))
      .finally(() => (this.running = undefined));
  }
}
