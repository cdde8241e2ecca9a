import type { Queryable } from '../platform/db/db.ts';
import { decideSignIn, type SignInDecision } from './domain/sign-in-decision.ts';
import { checkTotp } from './domain/totp.ts';
import type { IdentityDeps } from './deps.ts';
import { burnVerification, verifySecret } from './passwords.ts';
import { identityStore, type CredentialRow, type CredentialTable } from './store.ts';

export interface Attempt<R> {
  readonly decision: SignInDecision;
  /** The account as it was when the attempt was decided; undefined for an unknown one. */
  readonly account: R | undefined;
}

/**
 * One password + TOTP sign-in against a credential table, with the lock-out rule. The slow argon2 check runs
 * outside any transaction (PGlite has one session); the decision, the new lock-out state and the audit entry
 * are written together in one transaction with the account row locked, so concurrent attempts count one by one.
 */
export async function attemptSignIn<R extends CredentialRow>(
  deps: IdentityDeps,
  t: CredentialTable,
  id: string,
  password: string,
  code: string,
  find: (q: Queryable, id: string, forUpdate?: boolean) => Promise<R | undefined>,
  record: (tx: Queryable, a: Attempt<R>) => Promise<void>,
): Promise<Attempt<R>> {
  const now = deps.clock.now();
  const seen = await find(deps.db, id);
  const passwordOk = seen ? await verifySecret(seen.password_hash, password) : (await burnVerification(password), false);
  return deps.db.transaction(async (tx) => {
    const account = await find(tx, id, true);
    let decision: SignInDecision;
    if (!account) decision = { ok: false, reason: 'unknown-account', lockout: { failures: 0, lockedUntil: null } };
    else {
      const secret = deps.keys.box('totp-secrets').open(account.totp_secret, totpAad(t, id));
      if (secret === null) deps.log.error({ table: t.table }, 'a TOTP secret does not open: is LIENTHONG_IDENTITY_KEY the one it was sealed with?');
      decision = decideSignIn(
        {
          disabled: account.disabled_at !== null,
          lockout: { failures: account.failed_attempts, lockedUntil: account.locked_until ? new Date(account.locked_until) : null },
          // A password changed since it was checked above is not the one that was checked.
          passwordOk: passwordOk && seen?.password_hash === account.password_hash,
          totp: secret === null ? { ok: false, reason: 'wrong-totp' } : checkTotp(secret, code, now, account.totp_last_step),
        },
        now,
      );
      await identityStore.recordAttempt(tx, t, id, {
        failures: decision.lockout.failures,
        lockedUntil: decision.lockout.lockedUntil,
        success: decision.ok ? { totpStep: decision.totpStep, at: now } : null,
      });
    }
    const attempt = { decision, account };
    await record(tx, attempt);
    return attempt;
  });
}

/** The associated data a TOTP secret is sealed with: it opens only on its own row. */
export function totpAad(t: CredentialTable, id: string): string {
  return `${t.key}:${id}`;
}
