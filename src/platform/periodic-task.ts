/**
 * Work done on a timer while a process runs (deadline sweeps, notification senders): never two runs at once (a tick
 * that finds the last run still going does nothing), a failed run is logged and tried again at the next tick, and
 * `stop()` waits for the run under way. The timer does not keep the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    /** Told of a failed run (it is retried at the next tick). */
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Waits for the run under way, if any (a caller about to run the work itself, or to stop). */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .catch(this.onError)
      .finally(() => (this.running = undefined));
  }
}
