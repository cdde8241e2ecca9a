import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterFailure, afterSuccess, isLocked, LOCKOUT, UNLOCKED, type LockoutState } from '../../src/identity/domain/lockout.ts';
import { decideSignIn, type SignInFacts } from '../../src/identity/domain/sign-in-decision.ts';

const T0 = new Date('2025-01-24T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const locked = (failures: number, untilSeconds: number): LockoutState => ({ failures, lockedUntil: at(untilSeconds) });

describe('lock-out: 5 consecutive failures lock the account for 15 minutes', () => {
  test('the rule’s numbers', () => assert.deepEqual(LOCKOUT, { maxFailures: 5, lockMs: 900_000 }));

  // [case, state before, failure at (s), state after]
  const failures: [string, LockoutState, number, LockoutState][] = [
    ['first failure', UNLOCKED, 0, { failures: 1, lockedUntil: null }],
    ['fourth failure: not yet locked', { failures: 3, lockedUntil: null }, 30, { failures: 4, lockedUntil: null }],
    ['fifth failure locks for 15 minutes from it', { failures: 4, lockedUntil: null }, 40, locked(5, 940)],
    ['a failure while locked neither counts nor extends the lock', locked(5, 940), 600, locked(5, 940)],
    ['a failure one millisecond before the lock runs out changes nothing', locked(5, 940), 939.999, locked(5, 940)],
    ['once the lock has run out, a failure is the first of a new run', locked(5, 940), 940, { failures: 1, lockedUntil: null }],
    ['long after the lock, the same', locked(5, 940), 86_400, { failures: 1, lockedUntil: null }],
  ];
  for (const [name, before, when, after] of failures) test(name, () => assert.deepEqual(afterFailure(before, at(when)), after));

  test('five failures in a row from nothing lock; the sixth attempt is refused while locked', () => {
    let s: LockoutState = UNLOCKED;
    for (let i = 0; i < 5; i++) s = afterFailure(s, at(i * 10));
    assert.deepEqual(s, locked(5, 40 + 900));
    assert.equal(isLocked(s, at(50)), true);
    assert.equal(isLocked(s, at(939)), true);
    assert.equal(isLocked(s, at(940)), false);
  });

  test('a success clears the count: four failures, a success, four failures do not lock', () => {
    let s: LockoutState = UNLOCKED;
    for (let i = 0; i < 4; i++) s = afterFailure(s, at(i));
    s = afterSuccess();
    for (let i = 0; i < 4; i++) s = afterFailure(s, at(10 + i));
    assert.deepEqual(s, { failures: 4, lockedUntil: null });
  });
});

describe('sign-in decision: which refusal, and whether it counts', () => {
  const ok: SignInFacts = { disabled: false, lockout: UNLOCKED, passwordOk: true, totp: { ok: true, step: 42 } };
  const cases: [string, Partial<SignInFacts>, { ok: boolean; reason?: string; failures: number }][] = [
    ['everything right', {}, { ok: true, failures: 0 }],
    ['everything right after 4 failures: the count is cleared', { lockout: { failures: 4, lockedUntil: null } }, { ok: true, failures: 0 }],
    ['wrong password', { passwordOk: false }, { ok: false, reason: 'wrong-password', failures: 1 }],
    ['wrong code', { totp: { ok: false, reason: 'wrong-totp' } }, { ok: false, reason: 'wrong-totp', failures: 1 }],
    ['a code used before', { totp: { ok: false, reason: 'replayed-totp' } }, { ok: false, reason: 'replayed-totp', failures: 1 }],
    ['wrong password and wrong code: the password is named', { passwordOk: false, totp: { ok: false, reason: 'wrong-totp' } }, { ok: false, reason: 'wrong-password', failures: 1 }],
    ['disabled, even with everything right; not counted', { disabled: true }, { ok: false, reason: 'disabled', failures: 0 }],
    ['locked, even with everything right; not counted', { lockout: locked(5, 900) }, { ok: false, reason: 'locked', failures: 5 }],
    ['disabled and locked: disabled first', { disabled: true, lockout: locked(5, 900) }, { ok: false, reason: 'disabled', failures: 5 }],
  ];
  for (const [name, facts, want] of cases)
    test(name, () => {
      const d = decideSignIn({ ...ok, ...facts }, at(60));
      assert.deepEqual({ ok: d.ok, ...(d.ok ? {} : { reason: d.reason }), failures: d.lockout.failures }, want);
    });
});
