import { AppError, fieldError } from '../kernel/errors.ts';
import type { OfficerRole, Principal } from '../platform/auth/principal.ts';
import { attemptSignIn, totpAad } from './credentials.ts';
import { actorLabel, IDENTITY_PART, LIFETIMES, type Actor, type IdentityDeps } from './deps.ts';
import { managesAgency, mayManage, officerProblems, type NewOfficer, type OfficerAgency, type OfficerArea } from './domain/officer-rules.ts';
import type { SignInDecision } from './domain/sign-in-decision.ts';
import { newTotpSecret, provisioningUri } from './domain/totp.ts';
import { hashSecret, randomSecret } from './passwords.ts';
import { identityStore, OFFICERS, type OfficerRow } from './store.ts';
import type { Queryable } from '../platform/db/db.ts';

export type OfficerPrincipal = Extract<Principal, { kind: 'officer' }>;

export interface OfficerView {
  readonly username: string;
  readonly agency: OfficerAgency;
  readonly role: OfficerRole;
  readonly area: { readonly provinceCode: string | null; readonly districtCode: string | null; readonly communeCode: string | null };
  readonly status: 'active' | 'locked' | 'disabled';
  readonly createdAt: string;
  readonly disabledAt: string | null;
  readonly lastSignInAt: string | null;
}

export interface CreatedOfficer {
  readonly username: string;
  readonly agency: OfficerAgency;
  readonly role: OfficerRole;
  readonly area: OfficerArea;
  /** Shown once, to be handed to the officer; only its argon2id hash is kept. */
  readonly initialPassword: string;
  /** `otpauth://totp/…` for the officer's authenticator app (shown once; the secret is kept encrypted). */
  readonly totpUri: string;
}

const PURPOSE_ADMIN = 'officer account administration';
const PURPOSE_SIGN_IN = 'officer sign-in';

function view(r: OfficerRow, now: Date): OfficerView {
  const locked = r.locked_until !== null && new Date(r.locked_until) > now;
  return {
    username: r.username,
    agency: r.agency as OfficerAgency,
    role: r.role as OfficerRole,
    area: { provinceCode: r.province_code, districtCode: r.district_code, communeCode: r.commune_code },
    status: r.disabled_at !== null ? 'disabled' : locked ? 'locked' : 'active',
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
    lastSignInAt: r.last_sign_in_at,
  };
}

/** The principal a signed-in officer acts as. */
export function officerPrincipal(r: OfficerRow): OfficerPrincipal {
  return { kind: 'officer', username: r.username, agency: r.agency as OfficerAgency, role: r.role as OfficerRole, provinceCode: r.province_code };
}

/**
 * Creates an officer account with a one-time initial password and a TOTP enrolment, audited in the same
 * transaction. Used by the API (an IT operator) and by the CLI to bootstrap the first IT operator
 * (actor `{ kind: 'operator', id: … }`).
 */
export async function createOfficer(deps: Pick<IdentityDeps, 'db' | 'clock' | 'audit' | 'keys'>, input: NewOfficer, actor: Actor): Promise<CreatedOfficer> {
  const problems = officerProblems(input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
  const initialPassword = randomSecret(18);
  const totpSecret = newTotpSecret();
  const passwordHash = await hashSecret(initialPassword);
  const at = deps.clock.now();
  const area = { provinceCode: input.area.provinceCode, districtCode: input.area.districtCode ?? null, communeCode: input.area.communeCode ?? null };
  await deps.db.transaction(async (tx) => {
    const inserted = await identityStore.insertOfficer(tx, {
      username: input.username,
      agency: input.agency,
      role: input.role,
      ...area,
      passwordHash,
      totpSecret: deps.keys.box('totp-secrets').seal(totpSecret, totpAad(OFFICERS, input.username)),
      at,
      by: actorLabel(actor),
    });
    if (!inserted) throw new AppError('CONFLICT', [fieldError('username', 'taken', 'This username is already in use.', 'Tên đăng nhập này đã được sử dụng.')]);
    await deps.audit.record(tx, {
      actor,
      action: 'officer.created',
      purpose: PURPOSE_ADMIN,
      resource: `officer/${input.username}`,
      details: { agency: input.agency, role: input.role, ...area },
    });
  });
  return { username: input.username, agency: input.agency, role: input.role, area, initialPassword, totpUri: provisioningUri(totpSecret, 'lienthong', input.username) };
}

/** Officer accounts: creation and disabling by an IT operator, the paginated list, and sign-in. */
export class OfficerAccounts {
  constructor(private readonly deps: IdentityDeps) {}

  create(operator: OfficerPrincipal, input: NewOfficer): Promise<CreatedOfficer> {
    if (!managesAgency(operator, input.agency))
      throw new AppError('FORBIDDEN', [fieldError('agency', 'other-agency', 'You manage only the accounts of your own agency.', 'Bạn chỉ quản lý tài khoản của cơ quan mình.')]);
    if (!mayManage(operator, { agency: input.agency, provinceCode: input.area.provinceCode }))
      throw new AppError('FORBIDDEN', [
        fieldError('area.provinceCode', 'other-province', 'You manage only the accounts of your own province.', 'Bạn chỉ quản lý tài khoản của tỉnh, thành phố mình.'),
      ]);
    return createOfficer(this.deps, input, operator);
  }

  /** Disables an account for good: it can no longer sign in (tokens already issued run out within 8 hours). */
  async disable(operator: OfficerPrincipal, username: string): Promise<OfficerView> {
    if (operator.username === username)
      throw new AppError('CONFLICT', [fieldError('username', 'self', 'You cannot disable your own account.', 'Bạn không thể vô hiệu hóa tài khoản của chính mình.')]);
    return this.deps.db.transaction(async (tx) => {
      const row = await identityStore.findOfficer(tx, username, true);
      // An account of another agency is as invisible to this operator as one that does not exist.
      if (!row || !mayManage(operator, { agency: row.agency as OfficerAgency, provinceCode: row.province_code })) throw new AppError('NOT_FOUND');
      const now = this.deps.clock.now();
      if (row.disabled_at === null) {
        await identityStore.disableOfficer(tx, username, now, operator.username);
        // Its tokens stop working at once, not when they expire.
        await this.deps.revocations.revoke(tx, `officer:${username}`, 'account disabled');
        await this.deps.audit.record(tx, { actor: operator, action: 'officer.disabled', purpose: PURPOSE_ADMIN, resource: `officer/${username}` });
      }
      return view((await identityStore.findOfficer(tx, username))!, now);
    });
  }

  /** Lifts a lock-out after the officer's identity was checked another way (a call, in person). Audited. */
  async unlock(operator: OfficerPrincipal, username: string): Promise<OfficerView> {
    return this.deps.db.transaction(async (tx) => {
      const row = await this.managed(tx, operator, username);
      const now = this.deps.clock.now();
      await identityStore.unlockOfficer(tx, username);
      await this.deps.audit.record(tx, {
        actor: operator,
        action: 'officer.unlocked',
        purpose: PURPOSE_ADMIN,
        resource: `officer/${username}`,
        details: { failuresCleared: row.failed_attempts },
      });
      return view((await identityStore.findOfficer(tx, username))!, now);
    });
  }

  /**
   * New credentials for an officer who lost them (forgotten password, lost phone): a one-time password and a new
   * TOTP enrolment, shown once; the lock-out is lifted and every token issued before is void. Audited.
   */
  async resetCredentials(operator: OfficerPrincipal, username: string): Promise<CreatedOfficer> {
    if (operator.username === username)
      throw new AppError('CONFLICT', [fieldError('username', 'self', 'Another IT operator must reset your credentials.', 'Thông tin đăng nhập của bạn phải do một quản trị viên khác đặt lại.')]);
    const initialPassword = randomSecret(18);
    const totpSecret = newTotpSecret();
    const passwordHash = await hashSecret(initialPassword);
    return this.deps.db.transaction(async (tx) => {
      const row = await this.managed(tx, operator, username);
      if (row.disabled_at !== null)
        throw new AppError('CONFLICT', [fieldError('username', 'disabled', 'This account is disabled; create a new one.', 'Tài khoản này đã bị vô hiệu hóa; hãy tạo tài khoản mới.')]);
      await identityStore.resetOfficerCredentials(tx, username, {
        passwordHash,
        totpSecret: this.deps.keys.box('totp-secrets').seal(totpSecret, totpAad(OFFICERS, username)),
      });
      await this.deps.revocations.revoke(tx, `officer:${username}`, 'credentials reset');
      await this.deps.audit.record(tx, { actor: operator, action: 'officer.credentials-reset', purpose: PURPOSE_ADMIN, resource: `officer/${username}` });
      const area = { provinceCode: row.province_code, districtCode: row.district_code, communeCode: row.commune_code };
      return { username, agency: row.agency as OfficerAgency, role: row.role as OfficerRole, area, initialPassword, totpUri: provisioningUri(totpSecret, 'lienthong', username) };
    });
  }

  /** The account, locked for update, when this operator manages it; otherwise it is as if it did not exist. */
  private async managed(tx: Queryable, operator: OfficerPrincipal, username: string): Promise<OfficerRow> {
    const row = await identityStore.findOfficer(tx, username, true);
    if (!row || !mayManage(operator, { agency: row.agency as OfficerAgency, provinceCode: row.province_code })) throw new AppError('NOT_FOUND');
    return row;
  }

  async list(operator: OfficerPrincipal, limit: number, offset: number): Promise<{ items: OfficerView[]; total: number }> {
    const { rows, total } = await identityStore.listOfficers(this.deps.db, operator.agency === 'hub' ? null : operator.agency, operator.provinceCode, limit, offset);
    const now = this.deps.clock.now();
    return { items: rows.map((r) => view(r, now)), total };
  }

  /**
   * Password + TOTP → a bearer token. Every refusal — unknown username, wrong password, wrong or replayed code,
   * locked, disabled — is the same SIGN_IN_FAILED; the audit trail alone records which it was.
   */
  async signIn(username: string, password: string, totp: string): Promise<{ token: string; expiresIn: number }> {
    const a = await attemptSignIn(this.deps, OFFICERS, username, password, totp, identityStore.findOfficer, async (tx, { decision, account }) => {
      await this.deps.audit.record(tx, {
        actor: account ? officerPrincipal(account) : IDENTITY_PART,
        action: decision.ok ? 'sign-in.succeeded' : 'sign-in.failed',
        purpose: PURPOSE_SIGN_IN,
        resource: `officer/${username}`,
        details: attemptDetails(decision),
      });
    });
    if (!a.decision.ok || !a.account) throw signInFailed();
    return { token: await this.deps.tokens.issue(officerPrincipal(a.account), LIFETIMES.officerTokenSeconds), expiresIn: LIFETIMES.officerTokenSeconds };
  }
}

/** What the audit trail keeps of an attempt: the outcome and why — never the password or the code. */
export function attemptDetails(d: SignInDecision): Record<string, unknown> {
  if (d.ok) return { method: 'password+totp' };
  return { method: 'password+totp', reason: d.reason, failures: d.lockout.failures, lockedUntil: d.lockout.lockedUntil?.toISOString() ?? null };
}

/** The one answer to every failed sign-in. */
export function signInFailed(): AppError {
  return new AppError('SIGN_IN_FAILED', [
    fieldError('credentials', 'sign-in-failed', 'Check the username, the password and the code from your authenticator app.', 'Hãy kiểm tra tên đăng nhập, mật khẩu và mã trên ứng dụng xác thực.'),
  ]);
}
