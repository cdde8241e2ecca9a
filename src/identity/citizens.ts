import { AppError, fieldError } from '../kernel/errors.ts';
import { parsePin } from '../kernel/identifiers/pin.ts';
import { attemptSignIn, totpAad } from './credentials.ts';
import { IDENTITY_PART, type Actor, type IdentityDeps } from './deps.ts';
import { newTotpSecret, provisioningUri } from './domain/totp.ts';
import { attemptDetails } from './officers.ts';
import { hashSecret } from './passwords.ts';
import { CITIZENS, identityStore } from './store.ts';

export interface CitizenEnrolment {
  readonly pin: string;
  /** `otpauth://totp/…` for the citizen's authenticator app (shown once; the secret is kept encrypted). */
  readonly totpUri: string;
  /** The same secret in base32, for typing into an app by hand. */
  readonly totpSecret: string;
}

/** A citizen's password: long enough to resist guessing; anything else (spaces, any script) is the citizen's choice. */
export const CITIZEN_PASSWORD = { minLength: 12, maxLength: 256 } as const;

/**
 * Accounts of the built-in identity provider (embedded mode and tests): a citizen of the register signs in
 * with their PIN, a password (argon2id) and a TOTP code; the PIN is the OpenID Connect subject.
 */
export class CitizenAccounts {
  constructor(private readonly deps: IdentityDeps) {}

  /** Creates the account with its TOTP enrolment. The caller checks that the PIN is a citizen of the register. */
  async create(pin: string, password: string, actor: Actor = IDENTITY_PART): Promise<CitizenEnrolment> {
    const problems = [
      ...(parsePin(pin).ok ? [] : [fieldError('pin', 'pin', 'This is not a personal identification number.', 'Đây không phải là số định danh cá nhân.')]),
      ...(password.length < CITIZEN_PASSWORD.minLength || password.length > CITIZEN_PASSWORD.maxLength
        ? [fieldError('password', 'length', `Use ${CITIZEN_PASSWORD.minLength} to ${CITIZEN_PASSWORD.maxLength} characters.`, `Dùng từ ${CITIZEN_PASSWORD.minLength} đến ${CITIZEN_PASSWORD.maxLength} ký tự.`)]
        : []),
    ];
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
    const totpSecret = newTotpSecret();
    const passwordHash = await hashSecret(password);
    await this.deps.db.transaction(async (tx) => {
      const sealed = this.deps.keys.box('totp-secrets').seal(totpSecret, totpAad(CITIZENS, pin));
      if (!(await identityStore.insertCitizen(tx, { pin, passwordHash, totpSecret: sealed, at: this.deps.clock.now() })))
        throw new AppError('CONFLICT', [fieldError('pin', 'taken', 'This citizen already has an account.', 'Công dân này đã có tài khoản.')]);
      await this.deps.audit.record(tx, { actor, action: 'citizen-account.created', purpose: 'citizen account enrolment', subjectPin: pin, resource: 'citizen-account' });
    });
    return { pin, totpSecret, totpUri: provisioningUri(totpSecret, 'lienthong', pin) };
  }

  /** Whether the PIN, password and code sign in now (lock-out and audit as for officers); the PIN when they do. */
  async signIn(pin: string, password: string, totp: string): Promise<string | null> {
    if (!parsePin(pin).ok) return null;
    const a = await attemptSignIn(this.deps, CITIZENS, pin, password, totp, identityStore.findCitizen, (tx, { decision, account }) =>
      this.deps.audit
        .record(tx, {
          actor: decision.ok ? { kind: 'citizen', pin } : IDENTITY_PART,
          action: decision.ok ? 'sign-in.succeeded' : 'sign-in.failed',
          purpose: 'citizen sign-in at the built-in identity provider',
          // An unknown PIN is nobody's account: recorded without a subject.
          subjectPin: account ? pin : null,
          details: attemptDetails(decision),
        })
        .then(() => undefined),
    );
    return a.decision.ok ? pin : null;
  }

  /** Whether the PIN has an account that may sign in (the provider's findAccount). */
  async active(pin: string): Promise<boolean> {
    const r = await identityStore.findCitizen(this.deps.db, pin);
    return r !== undefined && r.disabled_at === null;
  }
}
