import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.ts';
import type { Html } from '../portal/html.ts';
import { LANG_COOKIE, langOf } from '../portal/i18n/index.ts';
import { callFile, callJson, type ApiRequest, type ApiResponse, type OfficeApi } from './api.ts';
import { translator, type Lang, type T } from './i18n/index.ts';
import { readCookies, sameSecret, setCookie } from '../platform/http/cookies.ts';
import type { OfficeSession, OfficeSessions } from './session.ts';

/** What every page knows: the language, the officer signed in (if any), this page's address for the switch. */
export interface OfficeContext {
  readonly lang: Lang;
  readonly t: T;
  readonly session: OfficeSession | null;
  /** This page's path and query without `lang`. */
  readonly path: string;
  /** The browser's address, passed on to the API for per-address limits. */
  readonly ip: string;
}

/** A context with an officer: the pages behind sign-in. */
export type SignedIn = OfficeContext & { readonly session: OfficeSession };

export interface OfficeDeps {
  readonly api: OfficeApi;
  readonly sessions: OfficeSessions;
}

/** The helpers each group of pages shares (kit.ts): context, sending, the sign-in gate, CSRF, API calls. */
export class OfficeKit {
  constructor(readonly deps: OfficeDeps) {}

  context(req: FastifyRequest, reply: FastifyReply): OfficeContext {
    const cookies = readCookies(req);
    const { lang, fromQuery } = langOf(req, cookies);
    if (fromQuery) setCookie(reply, LANG_COOKIE, lang, 365 * 24 * 3600);
    const url = new URL(req.url, 'http://office');
    url.searchParams.delete('lang');
    return { lang, t: translator(lang), session: this.deps.sessions.find(req), path: url.pathname + url.search, ip: req.ip };
  }

  send(reply: FastifyReply, body: Html, status = 200): FastifyReply {
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body.value);
  }

  /** A page behind sign-in: without a session, to the sign-in page, coming back here afterwards. */
  gate(c: OfficeContext, reply: FastifyReply): c is SignedIn {
    if (c.session) return true;
    void reply.header('cache-control', 'no-store').redirect(`/office/sign-in?next=${encodeURIComponent(c.path)}`, 303);
    return false;
  }

  /** A state-changing request must come from a page of this session: its CSRF token, in constant time. */
  checkCsrf(c: OfficeContext, token: unknown): asserts c is SignedIn {
    if (!c.session) throw new AppError('UNAUTHENTICATED');
    if (!sameSecret(c.session.csrf, typeof token === 'string' ? token : undefined)) throw new AppError('CSRF_FAILED');
  }

  json<T>(c: SignedIn, r: Omit<ApiRequest, 'token' | 'ip'>): Promise<T> {
    return callJson<T>(this.deps.api, { ...r, token: c.session.token, ip: c.ip });
  }

  file(c: SignedIn, r: Omit<ApiRequest, 'token' | 'ip'>): Promise<ApiResponse> {
    return callFile(this.deps.api, { ...r, token: c.session.token, ip: c.ip });
  }
}

/**
 * Where a form sends the officer back after an action: a path of the back office only (no open redirect to
 * another site: no scheme, no `//`, no backslash).
 */
export function safeReturn(v: unknown, fallback: string): string {
  if (typeof v !== 'string' || v.length > 500) return fallback;
  if (!/^\/office(\/|\?|$)/.test(v) || v.includes('//') || v.includes('\\')) return fallback;
  return v;
}

/** `path` with `done=code` added (and an earlier `done` or `error` dropped): the notice the next page shows. */
export function withNotice(path: string, code: string): string {
  const u = new URL(path, 'http://office');
  u.searchParams.delete('done');
  u.searchParams.set('done', code);
  return u.pathname + u.search;
}
