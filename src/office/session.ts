import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OfficerRole } from '../platform/auth/principal.ts';
import type { SecretBox } from '../platform/crypto/secret-box.ts';

import { randomToken, readCookies, sameSecret, setCookie } from '../platform/http/cookies.ts';

/**
 * The officer's web session: a cookie holding the bearer token the sign-in API returned, sealed with AES-256-GCM
 * (so the browser can neither read the token nor forge a session), HTTP-only, Secure, SameSite=Lax, `__Host-`
 * (this origin, path /), for as long as the token lives (8 hours). Nothing is kept on the server: the API checks
 * the token on every call (expiry, revocation), and signing out revokes it (docs/back-office-web.md).
 * Every state-changing form repeats the session's own CSRF token (synchroniser token, compared in constant time);
 * the sign-in form, before there is a session, uses a double-submit cookie (SameSite=Strict).
 */
export const OFFICE_COOKIES = {
  session: '__Host-lienthong-office',
  csrf: '__Host-lienthong-office-csrf',
} as const;

const AAD = 'office-session v1';

export interface OfficerIdentity {
  readonly username: string;
  readonly agency: string;
  readonly role: OfficerRole;
  readonly provinceCode: string | null;
}

export interface OfficeSession {
  readonly token: string;
  readonly csrf: string;
  readonly officer: OfficerIdentity;
  /** Epoch milliseconds when the token expires. */
  readonly expiresAt: number;
}

/**
 * Who a token names, read from its payload. The token comes straight from the sign-in API and then lives only
 * sealed in the cookie, so its signature need not be checked here: the API checks it on every call.
 */
export function officerOfToken(token: string): { officer: OfficerIdentity; expiresAt: number } | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const c = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (c.kind !== 'officer' || typeof c.username !== 'string' || typeof c.agency !== 'string' || typeof c.role !== 'string' || typeof c.exp !== 'number') return null;
    return {
      officer: { username: c.username, agency: c.agency, role: c.role as OfficerRole, provinceCode: typeof c.provinceCode === 'string' ? c.provinceCode : null },
      expiresAt: c.exp * 1000,
    };
  } catch {
    return null;
  }
}

export class OfficeSessions {
  constructor(
    private readonly box: SecretBox,
    /** Real time, as the token's own expiry is (jose reads the system clock, not the platform's). */
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for a token the sign-in API just returned; null when it does not name an officer. */
  start(reply: FastifyReply, token: string): OfficeSession | null {
    const who = officerOfToken(token);
    if (!who) return null;
    const s: OfficeSession = { token, csrf: randomToken(), officer: who.officer, expiresAt: who.expiresAt };
    setCookie(reply, OFFICE_COOKIES.session, this.box.seal(JSON.stringify({ t: token, c: s.csrf }), AAD), (s.expiresAt - this.now()) / 1000);
    return s;
  }

  /** The session the request carries, or null (none, altered, sealed with another key, or its token expired). */
  find(req: FastifyRequest): OfficeSession | null {
    const sealed = readCookies(req)[OFFICE_COOKIES.session];
    if (!sealed || sealed.length > 4000) return null;
    const opened = this.box.open(sealed, AAD);
    if (!opened) return null;
    try {
      const { t, c } = JSON.parse(opened) as { t?: unknown; c?: unknown };
      if (typeof t !== 'string' || typeof c !== 'string') return null;
      const who = officerOfToken(t);
      if (!who || who.expiresAt <= this.now()) return null;
      return { token: t, csrf: c, officer: who.officer, expiresAt: who.expiresAt };
    } catch {
      return null;
    }
  }

  end(reply: FastifyReply): void {
    setCookie(reply, OFFICE_COOKIES.session, '', 0);
  }

  /** The sign-in form's double-submit token: kept if the browser has a well-formed one, else a new one. */
  signInCsrf(req: FastifyRequest, reply: FastifyReply): string {
    const existing = readCookies(req)[OFFICE_COOKIES.csrf];
    const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
    setCookie(reply, OFFICE_COOKIES.csrf, token, 3600, 'Strict');
    return token;
  }

  signInCsrfMatches(req: FastifyRequest, submitted: string | undefined): boolean {
    return sameSecret(readCookies(req)[OFFICE_COOKIES.csrf], submitted);
  }
}
