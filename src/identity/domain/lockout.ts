/**
 * Lock-out after repeated failures (issue 4, item 2): five consecutive failed sign-ins lock an account for
 * fifteen minutes, counted from the fifth failure. While locked every attempt is refused — with the right
 * password too — and does not extend the lock; once the lock has run out the count starts again from zero.
 * A successful sign-in clears the count. (OWASP ASVS 4.0 §2.2.1: anti-automation on authentication.)
 *
 * Example: failures at 09:00:00, :10, :20, :30, :40 → locked until 09:15:40; an attempt at 09:15:40 is
 * evaluated normally, and a failure then counts as the first of a new run.
 */
export const LOCKOUT = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

export interface LockoutState {
  /** Consecutive failures since the last success (or since the last lock ran out). */
  readonly failures: number;
  readonly lockedUntil: Date | null;
}

export const UNLOCKED: LockoutState = { failures: 0, lockedUntil: null };

export function isLocked(s: LockoutState, now: Date): boolean {
  return s.lockedUntil !== null && now.getTime() < s.lockedUntil.getTime();
}

/** The state after one more failed attempt at `now`. */
export function afterFailure(s: LockoutState, now: Date): LockoutState {
  if (isLocked(s, now)) return s;
  const before = s.lockedUntil !== null ? 0 : s.failures; // a lock that has run out starts a new count
  const failures = before + 1;
  return failures >= LOCKOUT.maxFailures
    ? { failures, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMs) }
    : { failures, lockedUntil: null };
}

/** The state after a successful sign-in. */
export function afterSuccess(): LockoutState {
  return UNLOCKED;
}
