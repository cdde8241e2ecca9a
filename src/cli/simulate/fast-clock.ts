import type { Clock } from '../../platform/clock.ts';

/**
 * The simulation's clock: stands still at `simStart` until started, then runs `speed` times faster than real time
 * (speed 43,200: a day every two seconds), and can be held while the platform catches up (pause/resume), so that
 * a dossier's processing is not stretched into simulated days. Every part reads it: deadlines, working days and
 * timestamps follow the simulated year.
 *
 * Example: const c = new FastClock(Date.parse('2025-01-01T00:00:00+07:00'), 86_400); c.start(); — a day per second.
 */
export class FastClock implements Clock {
  /** The simulated instant when the clock last started running, and the real instant it did (null: stopped). */
  private simBase: number;
  private realBase: number | null = null;
  /** Real milliseconds spent held, for the report. */
  private heldMs = 0;
  private heldSince: number | null = null;

  constructor(
    readonly simStart: number,
    readonly speed: number,
    private readonly real: () => number = Date.now,
  ) {
    if (!(speed > 0)) throw new RangeError(`speed must be > 0: ${speed}`);
    this.simBase = simStart;
  }

  now(): Date {
    return new Date(this.sim());
  }

  /** The simulated instant now (ms since the epoch). */
  sim(): number {
    return this.realBase === null ? this.simBase : this.simBase + (this.real() - this.realBase) * this.speed;
  }

  running(): boolean {
    return this.realBase !== null;
  }

  /** Starts (or resumes) the clock from where it stands. */
  start(): void {
    if (this.realBase !== null) return;
    this.realBase = this.real();
    if (this.heldSince !== null) this.heldMs += this.realBase - this.heldSince;
    this.heldSince = null;
  }

  /** Holds the clock where it stands. */
  pause(): void {
    if (this.realBase === null) return;
    this.simBase = this.sim();
    this.realBase = null;
    this.heldSince = this.real();
  }

  /** Real milliseconds the clock has been held so far. */
  held(): number {
    return this.heldMs + (this.heldSince === null ? 0 : this.real() - this.heldSince);
  }
}
