import type { Clock } from '../../platform/clock.ts';

/**
 * The simulation's clock: stands still at `simStart` until started, then runs `speed` times faster than real time
 * (speed 43,200: a day every two seconds). Every part reads it, so deadlines, working days and timestamps follow the
 * simulated year. Example: new FastClock(Date.parse('2025-01-01T00:00:00+07:00'), 86_400).start() — a day per second.
 */
export class FastClock implements Clock {
  private realStart: number | null = null;

  constructor(
    readonly simStart: number,
    readonly speed: number,
    private readonly real: () => number = Date.now,
  ) {
    if (!(speed > 0)) throw new RangeError(`speed must be > 0: ${speed}`);
  }

  /** Starts the clock at real instant `at` (default now): before it, the time is `simStart`. */
  start(at = this.real()): void {
    this.realStart = at;
  }

  now(): Date {
    return new Date(this.simAt(this.real()));
  }

  /** The simulated instant at real instant `real`. */
  simAt(real: number): number {
    if (this.realStart === null || real <= this.realStart) return this.simStart;
    return this.simStart + (real - this.realStart) * this.speed;
  }

  /** The real instant at which the simulated instant `sim` comes (given the start). */
  realAt(sim: number): number {
    if (this.realStart === null) throw new Error('the clock has not started');
    return this.realStart + (sim - this.simStart) / this.speed;
  }
}
