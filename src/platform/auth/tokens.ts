import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { isAgency } from '../../contracts/parts.ts';
import { OFFICER_ROLES, subjectOf, type OfficerRole, type Principal } from './principal.ts';
import type { RevocationList } from './revocations.ts';

const ISSUER = 'lienthong';
const AUDIENCE = 'lienthong-api';

/**
 * Bearer tokens (HS256 JWTs) that an operator prints with `lienthong token`. The secret comes from
 * LIENTHONG_TOKEN_SECRET, or in embedded mode from a file the platform creates in its data folder.
 * The security issue replaces citizen tokens with OpenID Connect sign-in; the Principal stays.
 */
/** How many verified tokens are remembered (a few MiB; the oldest is forgotten first). */
const VERIFIED_CACHE_SIZE = 20_000;

export class TokenService {
  private readonly key: Uint8Array;
  private revocations: RevocationList | undefined;
  /**
   * Tokens already verified, by their exact text: a portal reads a dossier again and again with one token, and the
   * HMAC check was a tenth of a read's CPU (docs/performance.md). Safe because the same bytes verify the same way;
   * expiry and revocation are checked again at every use.
   */
  private readonly verified = new Map<string, { principal: Principal; issuedAtMs: number; expiresAtMs: number }>();
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  /** From now on a token whose subject was revoked after it was issued is refused (identity/revocations.ts). */
  useRevocations(list: RevocationList): void {
    this.revocations = list;
  }

  async issue(p: Principal, ttlSeconds = 12 * 3600): Promise<string> {
    // `iatMs`: the issue instant to the millisecond, so that a revocation voids exactly the tokens issued before it.
    return new SignJWT({ ...p, iatMs: Date.now() })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** The principal the token names, or null when it is invalid, expired or malformed. */
  async verify(token: string): Promise<Principal | null> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() >= known.expiresAtMs) {
        this.verified.delete(token);
        return null;
      }
      return this.revocations?.isRevoked(subjectOf(known.principal), known.issuedAtMs) ? null : known.principal;
    }
    try {
      const { payload: c } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const p = principalOf(c);
      const issuedAtMs = typeof c.iatMs === 'number' ? c.iatMs : (c.iat ?? 0) * 1000 + 999;
      if (!p) return null;
      // jose has checked `exp` (it is always set by `issue`); a token without one is not remembered.
      if (typeof c.exp === 'number') this.remember(token, { principal: p, issuedAtMs, expiresAtMs: c.exp * 1000 });
      return this.revocations?.isRevoked(subjectOf(p), issuedAtMs) ? null : p;
    } catch {
      return null;
    }
  }

  private remember(token: string, v: { principal: Principal; issuedAtMs: number; expiresAtMs: number }): void {
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, v);
  }
}

/** The principal a verified token's claims name, or null when they name none. */
function principalOf(c: JWTPayload & Record<string, unknown>): Principal | null {
  if (c.kind === 'citizen' && typeof c.pin === 'string' && /^\d{12}$/.test(c.pin)) return { kind: 'citizen', pin: c.pin };
  if (
    c.kind === 'officer' &&
    typeof c.username === 'string' &&
    typeof c.agency === 'string' &&
    (c.agency === 'hub' || isAgency(c.agency)) &&
    OFFICER_ROLES.includes(c.role as OfficerRole)
  )
    return {
      kind: 'officer',
      username: c.username,
      agency: c.agency,
      role: c.role as OfficerRole,
      provinceCode: typeof c.provinceCode === 'string' ? c.provinceCode : null,
    };
  if (c.kind === 'system' && typeof c.client === 'string' && typeof c.agency === 'string' && isAgency(c.agency))
    return {
      kind: 'system',
      client: c.client,
      agency: c.agency,
      ...(Array.isArray(c.scopes) && c.scopes.every((x) => typeof x === 'string') ? { scopes: c.scopes as string[] } : {}),
    };
  return null;
}
