import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { ApiFailure } from '../api.ts';
import type { OfficeContext, OfficeKit } from '../kit.ts';
import { failureBox, layout, messagePage } from '../views/layout.ts';
import { html } from '../../portal/html.ts';

export const PAGE_SIZE = 20;
export const Lang = Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')]));
export const PageNo = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 }));
export const Done = Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z-]*$' }));
export const page = { tags: ['office'], produces: ['text/html'] };

/** A form post of the back office: every field a short text (the page's own names), nothing else. */
export const formBody = (names: readonly string[], extra: Record<string, ReturnType<typeof Type.String>> = {}) =>
  Type.Object(
    {
      _csrf: Type.Optional(Type.String({ maxLength: 100 })),
      _return: Type.Optional(Type.String({ maxLength: 500 })),
      _action: Type.Optional(Type.String({ maxLength: 40 })),
      ...Object.fromEntries(names.map((n) => [n, Type.Optional(Type.String({ maxLength: 1000 }))])),
      ...extra,
    },
    { additionalProperties: false },
  );

export type FormFields = Readonly<Record<string, string | undefined>>;

/**
 * What a page does when the API refuses a read: a token expired or revoked (401) ends the session and asks for
 * sign-in again; 403 and 404 are said plainly; anything else is shown with the API's own message.
 */
export function failurePage(kit: OfficeKit, c: OfficeContext, reply: FastifyReply, e: unknown): FastifyReply {
  if (!(e instanceof ApiFailure)) throw e;
  if (e.status === 401) {
    kit.deps.sessions.end(reply);
    return reply.header('cache-control', 'no-store').redirect(`/office/sign-in?ended=1&next=${encodeURIComponent(c.path)}`, 303);
  }
  if (e.status === 404) return kit.send(reply, messagePage(c, c.t('notFoundTitle'), c.t('notFoundText')), 404);
  if (e.status === 403) return kit.send(reply, layout(c, c.t('forbiddenTitle'), html`${failureBox(c, e)}<p><a href="/office">${c.t('backHome')}</a></p>`), 403);
  return kit.send(reply, layout(c, c.t('errorTitle'), html`${failureBox(c, e)}<p><a href="/office">${c.t('backHome')}</a></p>`), e.status >= 400 && e.status < 600 ? e.status : 502);
}

/** The query of a list page the officer came from (`_return`), to show it again with a refusal. */
export function queryOf(back: string): Record<string, string> {
  const u = new URL(back, 'http://office');
  return Object.fromEntries(u.searchParams);
}

export const pageOf = (v: string | number | undefined): number => {
  const n = typeof v === 'number' ? v : Number.parseInt(v ?? '1', 10);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};
