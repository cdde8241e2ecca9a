import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, readCookies, sameSecret, setCookie } from '../../platform/http/cookies.ts';

export { clearCookie, randomToken, readCookies, sameSecret, setCookie } from '../../platform/http/cookies.ts';

/** The web pages' cookies. `__Host-` pins each to this origin and path `/` (no subdomain can set or read it). */
export const COOKIES = {
  session: '__Host-lienthong-session',
  csrf: '__Host-lienthong-csrf',
  flow: '__Host-lienthong-oidc',
} as const;

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
