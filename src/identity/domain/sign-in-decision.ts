import { afterFailure, afterSuccess, isLocked, type LockoutState } from './lockout.ts';
import type { TotpCheck } from './totp.ts';

/** Why a sign-in was refused: recorded in the audit trail, never told to the caller. */
export const SIGN_IN_REFUSALS = ['unknown-account', 'disabled', 'locked', 'wrong-password', 'wrong-totp', 'replayed-totp'] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

export interface SignInFacts {
  readonly disabled: boolean;
  readonly lockout: LockoutState;
  readonly passwordOk: boolean;
  readonly totp: TotpCheck;
}

export type SignInDecision =
  | { readonly ok: true; readonly totpStep: number; readonly lockout: LockoutState }
  | { readonly ok: false; readonly reason: SignInRefusal; readonly lockout: LockoutState };

/**
 * One sign-in attempt with password and one-time code, decided from the facts. A disabled account is refused
 * first, a locked one next (neither counts as a failure); then a wrong password, then a wrong or replayed code,
 * each counting towards the lock-out. The caller answers every refusal the same way.
 */
export function decideSignIn(f: SignInFacts, now: Date): SignInDecision {
  if (f.disabled) return { ok: false, reason: 'disabled', lockout: f.lockout };
  if (isLocked(f.lockout, now)) return { ok: false, reason: 'locked', lockout: f.lockout };
  if (!f.passwordOk) return { ok: false, reason: 'wrong-password', lockout: afterFailure(f.lockout, now) };
  if (!f.totp.ok) return { ok: false, reason: f.totp.reason, lockout: afterFailure(f.lockout, now) };
  return { ok: true, totpStep: f.totp.step, lockout: afterSuccess() };
}
