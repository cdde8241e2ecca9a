/** The one source of "now" for every part, so tests, demos and simulations can set it for a whole run. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Starts at `start` and runs at the speed of real time from there. */
export function runningClockFrom(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real.now().getTime();
  return { now: () => new Date(real.now().getTime() + offset) };
}

/** A clock that moves only when told to: for tests that cross deadlines. */
export class ManualClock implements Clock {
  constructor(private t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: Date): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** LIENTHONG_CLOCK=2025-01-24T09:00:00+07:00 starts the clock there and lets it run. */
export function clockFromEnv(value: string | undefined): Clock {
  if (!value) return systemClock;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) throw new Error(`LIENTHONG_CLOCK is not an ISO date-time with offset: ${value}`);
  return runningClockFrom(start);
}
