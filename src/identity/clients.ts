import { isAgency, type AgencyName } from '../contracts/parts.ts';
import { AppError, fieldError } from '../kernel/errors.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { actorLabel, IDENTITY_PART, LIFETIMES, type Actor, type IdentityDeps } from './deps.ts';
import { managesAgency, USERNAME_PATTERN } from './domain/officer-rules.ts';
import type { Queryable } from '../platform/db/db.ts';
import { grantScopes, isSystemScope } from './domain/scopes.ts';
import { burnVerification, hashSecret, randomSecret, verifySecret } from './passwords.ts';
import { identityStore } from './store.ts';

export interface NewClient {
  readonly clientId: string;
  readonly name: string;
  readonly agency: AgencyName;
  readonly scopes: readonly string[];
}

export interface CreatedClient extends NewClient {
  /** Shown once; only its argon2id hash is kept. */
  readonly clientSecret: string;
}

export interface ClientToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

const CLIENT_ID = new RegExp(USERNAME_PATTERN);

/** System clients (agencies' systems, health facilities): registration by an IT operator, OAuth2 client credentials. */
export class SystemClients {
  constructor(private readonly deps: IdentityDeps) {}

  async create(actor: Actor, c: NewClient): Promise<CreatedClient> {
    const problems = [
      ...(CLIENT_ID.test(c.clientId) ? [] : [fieldError('clientId', 'pattern', 'Use 3–64 lower-case letters, digits, dots, hyphens or underscores.', 'Dùng 3–64 ký tự: chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.')]),
      ...(isAgency(c.agency) ? [] : [fieldError('agency', 'enum', 'Not an agency.', 'Không phải là một cơ quan.')]),
      ...c.scopes.filter((s) => !isSystemScope(s)).map((s) => fieldError('scopes', 'unknown-scope', `There is no scope "${s}".`, `Không có phạm vi "${s}".`)),
    ];
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
    const clientSecret = randomSecret(32);
    const secretHash = await hashSecret(clientSecret);
    const scopes = [...new Set(c.scopes)];
    await this.deps.db.transaction(async (tx) => {
      if (!(await identityStore.insertClient(tx, { ...c, scopes, secretHash, at: this.deps.clock.now(), by: actorLabel(actor) })))
        throw new AppError('CONFLICT', [fieldError('clientId', 'taken', 'This client id is already in use.', 'Mã ứng dụng khách này đã được sử dụng.')]);
      await this.deps.audit.record(tx, {
        actor,
        action: 'client.created',
        purpose: 'system client administration',
        resource: `client/${c.clientId}`,
        details: { agency: c.agency, scopes },
      });
    });
    return { ...c, scopes, clientSecret };
  }

  /**
   * A new secret for the client (the old one leaked, or is due for rotation): the old secret stops working and so
   * does every token it obtained. Shown once. Audited. The client's operator installs the new secret and asks for a
   * new token; there is no overlap, so a leaked secret is dead the moment the rotation is made.
   */
  async rotateSecret(operator: Extract<Principal, { kind: 'officer' }>, clientId: string): Promise<CreatedClient> {
    const clientSecret = randomSecret(32);
    const secretHash = await hashSecret(clientSecret);
    return this.deps.db.transaction(async (tx) => {
      const row = await this.managed(tx, operator, clientId);
      if (row.disabled_at !== null)
        throw new AppError('CONFLICT', [fieldError('clientId', 'disabled', 'This client is disabled; register a new one.', 'Ứng dụng khách này đã bị vô hiệu hóa; hãy đăng ký ứng dụng mới.')]);
      await identityStore.replaceClientSecret(tx, clientId, secretHash);
      await this.deps.revocations.revoke(tx, `system:${clientId}`, 'secret rotated');
      await this.deps.audit.record(tx, { actor: operator, action: 'client.secret-rotated', purpose: 'system client administration', resource: `client/${clientId}` });
      return { clientId, name: row.name, agency: row.agency as AgencyName, scopes: row.scopes, clientSecret };
    });
  }

  /** Disables the client for good: it gets no more tokens, and those it holds are void. Audited. */
  async disable(operator: Extract<Principal, { kind: 'officer' }>, clientId: string): Promise<{ clientId: string; disabled: true }> {
    return this.deps.db.transaction(async (tx) => {
      const row = await this.managed(tx, operator, clientId);
      if (row.disabled_at === null) {
        await identityStore.disableClient(tx, clientId, this.deps.clock.now());
        await this.deps.revocations.revoke(tx, `system:${clientId}`, 'client disabled');
        await this.deps.audit.record(tx, { actor: operator, action: 'client.disabled', purpose: 'system client administration', resource: `client/${clientId}` });
      }
      return { clientId, disabled: true as const };
    });
  }

  /** A client this operator manages (the hub's operators manage all; an agency's, its own), else not found. */
  private async managed(tx: Queryable, operator: Extract<Principal, { kind: 'officer' }>, clientId: string) {
    const row = CLIENT_ID.test(clientId) ? await identityStore.findClient(tx, clientId) : undefined;
    if (!row || !isAgency(row.agency) || !managesAgency(operator, row.agency)) throw new AppError('NOT_FOUND');
    return row;
  }

  /**
   * The client credentials grant (RFC 6749 §4.4): the client authenticates with its secret and gets a bearer
   * token for the scopes it asked for, each of which it must be allowed. Audited, success or not.
   */
  async issueToken(clientId: string, clientSecret: string, scope: string | undefined): Promise<ClientToken> {
    // An id that cannot be one of ours (control characters, any shape we never issue) is not looked up or recorded.
    const wellFormed = CLIENT_ID.test(clientId);
    const named = wellFormed ? clientId : '(malformed)';
    const row = wellFormed ? await identityStore.findClient(this.deps.db, clientId) : undefined;
    const secretOk = row ? await verifySecret(row.secret_hash, clientSecret) : (await burnVerification(clientSecret), false);
    const reason = !row ? 'unknown-client' : row.disabled_at !== null ? 'disabled' : !secretOk ? 'wrong-secret' : !isAgency(row.agency) ? 'unknown-agency' : null;
    const principal: Principal | null = row && isAgency(row.agency) ? { kind: 'system', client: row.client_id, agency: row.agency } : null;
    const grant = row ? grantScopes(scope, row.scopes) : null;
    const refusal = reason ?? (grant && !grant.ok ? 'scope-not-allowed' : null);
    await this.deps.db.transaction((tx) =>
      this.deps.audit.record(tx, {
        actor: reason === null && principal ? principal : IDENTITY_PART,
        action: refusal ? 'sign-in.failed' : 'sign-in.succeeded',
        purpose: 'system client authentication',
        resource: `client/${named}`,
        details: refusal ? { method: 'client_credentials', reason: refusal } : { method: 'client_credentials', scopes: grant?.ok ? grant.scopes : [] },
      }),
    );
    if (reason !== null || !principal || !grant) throw invalidClient();
    if (!grant.ok) throw new AppError('INVALID_SCOPE', grant.fields);
    const token = await this.deps.tokens.issue({ ...principal, scopes: grant.scopes }, LIFETIMES.clientTokenSeconds);
    return { access_token: token, token_type: 'Bearer', expires_in: LIFETIMES.clientTokenSeconds, scope: grant.scopes.join(' ') };
  }
}

/** The one answer to every failed client authentication. */
export function invalidClient(): AppError {
  return new AppError('INVALID_CLIENT', [fieldError('client_id', 'invalid-client', 'Check the client id and secret.', 'Hãy kiểm tra mã và khóa bí mật của ứng dụng khách.')]);
}
