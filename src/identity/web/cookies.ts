import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The web pages' cookies. `__Host-` pins each to this origin and path `/` (no subdomain can set or read it). */
export const COOKIES = {
  session: '__Host-lienthong-session',
  csrf: '__Host-lienthong-csrf',
  flow: '__Host-lienthong-oidc',
} as const;

export function readCookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a cookie that is not ours to read
    }
  }
  return out;
}

/** Sets a cookie: always Secure, HttpOnly, path `/`; SameSite Lax unless said otherwise. `maxAge` 0 removes it. */
export function setCookie(reply: FastifyReply, name: string, value: string, maxAgeSeconds: number, sameSite: 'Lax' | 'Strict' = 'Lax'): void {
  const c = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=${sameSite}`;
  const prev = reply.getHeader('set-cookie');
  reply.header('set-cookie', prev === undefined ? [c] : [...(Array.isArray(prev) ? prev : [String(prev)]), c]);
}

export function clearCookie(reply: FastifyReply, name: string): void {
  setCookie(reply, name, '', 0);
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The double-submit CSRF token of a page without a session (the identity provider's sign-in form): a random
 * value in a SameSite=Strict cookie, repeated in the form; a cross-site page can neither read nor set the cookie.
 */
export function csrfTokenFor(req: FastifyRequest, reply: FastifyReply): string {
  const existing = readCookies(req)[COOKIES.csrf];
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomToken();
  setCookie(reply, COOKIES.csrf, token, 3600, 'Strict');
  return token;
}

export function csrfMatches(req: FastifyRequest, submitted: string | undefined): boolean {
  return sameSecret(readCookies(req)[COOKIES.csrf], submitted);
}

/** Headers every page carries: no framing, no foreign scripts, no caching, no referrer leaking codes or states. */
export function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}
