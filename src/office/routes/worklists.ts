import type { FastifyInstance, FastifyReply } from 'fastify';
import Type from 'typebox';
import { ApiFailure } from '../api.ts';
import { safeReturn, withNotice, type OfficeKit, type SignedIn } from '../kit.ts';
import { reasonsOf, supplementFieldsOf } from '../views/forms.ts';
import { hiCardsPage, paymentsPage, reviewsPage, ANSWERED, HI_CARD_STATUSES, PAYMENT_CHANNELS, PAYMENT_KINDS, PAYMENT_SORTS, PAYMENT_STATUSES, type HiCardItem, type PaymentItem, type Refused, type ReviewItem } from '../views/worklists.ts';
import { Done, failurePage, formBody, Lang, page, PAGE_SIZE, pageOf, queryOf, type FormFields } from './shared.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const ACTION_FIELDS = ['note', 'reason', 'reasonOther', 'reference', 'path0', 'why0', 'path1', 'why1', 'path2', 'why2'];
const literals = (xs: readonly string[]) => Type.Union(xs.map((x) => Type.Literal(x)));

/** What an action asks of the API, from the form: the path under the item and the JSON body. */
type Plan = { path: string; body?: unknown; done: string } | null;

/** Claim and release: the same on every worklist, each under its item's API path. */
function claimPlan(base: string, body: FormFields): Plan {
  if (body._action === 'claim') return { path: `${base}/claim`, done: 'claimed' };
  if (body._action === 'release') return { path: `${base}/release`, done: 'released' };
  return null;
}

/** Refusal with a reason and a supplement request: the same decision body on the worklists that decide a file. */
function decisionPlan(base: string, c: SignedIn, body: FormFields): Plan {
  switch (body._action) {
    case 'refuse':
      return { path: `${base}/decision`, body: { decision: 'refuse', ...(reasonsOf(c.lang, body) ?? { reason: '' }) }, done: 'refused' };
    case 'request-supplement':
      return { path: `${base}/decision`, body: { decision: 'request-supplement', fields: supplementFieldsOf(body) }, done: 'supplement-requested' };
    default:
      return null;
  }
}

/**
 * The worklists (civil-registry reviews, HI-card approval, payments to resolve): each a list the API pages and
 * filters, with claim/release and the decision forms on each item. An action posts here, goes to the API with
 * the officer's token, and comes back to the same list with a notice — or, refused, to the same list with the
 * API's reasons (e.g. `claimed-by-another`: who holds it and until when) and what was typed kept.
 */
export function worklistRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    /** Performs a planned action and answers the browser; a refusal shows `render` with it. */
    async function act(c: SignedIn, reply: FastifyReply, id: string, body: FormFields, fallback: string, plan: Plan, render: (q: Record<string, string>, refused: Refused) => Promise<FastifyReply>) {
      const back = safeReturn(body._return, fallback);
      if (!plan) return reply.header('cache-control', 'no-store').redirect(back, 303);
      try {
        await kit.json(c, { method: 'POST', path: plan.path, ...(plan.body === undefined ? {} : { body: plan.body }) });
        return reply.header('cache-control', 'no-store').redirect(`${withNotice(back, plan.done)}#item-${id}`, 303);
      } catch (e) {
        if (!(e instanceof ApiFailure) || e.status === 401) return failurePage(kit, c, reply, e);
        const typed = Object.fromEntries(ACTION_FIELDS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]!]));
        reply.status(e.status >= 400 && e.status < 500 ? e.status : 502);
        return render(queryOf(back), { failure: e, itemId: id, form: body._action ?? '', typed });
      }
    }

    // ——— civil registry ———
    const ReviewsQuery = Type.Object({ lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), done: Done, answered: Type.Optional(literals(ANSWERED)) }, { additionalProperties: false });
    async function showReviews(c: SignedIn, reply: FastifyReply, q: Record<string, string | number | undefined>, refused?: Refused) {
      const n = pageOf(q.page);
      const answered = ANSWERED.includes(q.answered as never) ? (q.answered as string) : '';
      const params = new URLSearchParams({ ...(answered ? { answered } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString();
      const base = `/office/reviews${params ? `?${params}` : ''}`;
      try {
        const { items } = await kit.json<{ items: ReviewItem[] }>(c, { method: 'GET', path: '/api/v1/agencies/civil-registry/reviews', query: { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE, answered: answered || undefined } });
        return kit.send(reply, reviewsPage(c, items, { page: n, pageSize: PAGE_SIZE, base, done: q.done as string | undefined, refused }, { answered }), reply.statusCode >= 400 ? reply.statusCode : 200);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }
    app.get('/office/reviews', { schema: { ...page, summary: 'Civil-registry officer: births waiting for a decision', querystring: ReviewsQuery } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      return showReviews(c, reply, req.query as Record<string, string | number | undefined>);
    });
    app.post('/office/reviews/:id', { schema: { ...page, summary: 'Claim, release or decide a birth in review', params: Id, body: formBody(ACTION_FIELDS) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as FormFields;
      kit.checkCsrf(c, body._csrf);
      const { id } = req.params as { id: string };
      const base = `/api/v1/agencies/civil-registry/reviews/${id}`;
      const plan = claimPlan(base, body) ?? decisionPlan(base, c, body) ?? ((): Plan => {
        switch (body._action) {
          case 'approve':
            return { path: `${base}/decision`, body: { decision: 'approve', ...(body.note?.trim() ? { note: body.note.trim() } : {}) }, done: 'approved' };
          default:
            return null;
        }
      })();
      return act(c, reply, id, body, '/office/reviews', plan, (q, refused) => showReviews(c, reply, q, refused));
    });

    // ——— social security: HI cards ———
    const HiCardsQuery = Type.Object(
      { lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), done: Done, status: Type.Optional(literals(HI_CARD_STATUSES)), sort: Type.Optional(literals(['', 'received'])), answered: Type.Optional(literals(ANSWERED)) },
      { additionalProperties: false },
    );
    async function showHiCards(c: SignedIn, reply: FastifyReply, q: Record<string, string | number | undefined>, refused?: Refused) {
      const n = pageOf(q.page);
      const status = HI_CARD_STATUSES.includes(q.status as never) ? (q.status as string) : '';
      const sort = q.sort === 'received' ? 'received' : '';
      const answered = ANSWERED.includes(q.answered as never) ? (q.answered as string) : '';
      const params = new URLSearchParams({ ...(status ? { status } : {}), ...(sort ? { sort } : {}), ...(answered ? { answered } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString();
      const base = `/office/hi-cards${params ? `?${params}` : ''}`;
      try {
        const { items } = await kit.json<{ items: HiCardItem[] }>(c, {
          method: 'GET',
          path: '/api/v1/agencies/social-security/worklist',
          query: { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE, status: status || undefined, sort: sort || undefined, answered: answered || undefined },
        });
        return kit.send(reply, hiCardsPage(c, items, { page: n, pageSize: PAGE_SIZE, base, done: q.done as string | undefined, refused }, { status, sort, answered }), reply.statusCode >= 400 ? reply.statusCode : 200);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }
    app.get('/office/hi-cards', { schema: { ...page, summary: 'VSS collector and director: HI cards to check or approve', querystring: HiCardsQuery } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      return showHiCards(c, reply, req.query as Record<string, string | number | undefined>);
    });
    app.post('/office/hi-cards/:id', { schema: { ...page, summary: 'Claim, release or decide an HI card request', params: Id, body: formBody(ACTION_FIELDS) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as FormFields;
      kit.checkCsrf(c, body._csrf);
      const { id } = req.params as { id: string };
      const base = `/api/v1/agencies/social-security/worklist/${id}`;
      const plan = claimPlan(base, body) ?? decisionPlan(base, c, body) ?? ((): Plan => {
        switch (body._action) {
          case 'submit-for-approval':
            return { path: `${base}/decision`, body: { decision: 'submit-for-approval' }, done: 'submitted' };
          case 'approve':
            return { path: `${base}/decision`, body: { decision: 'approve' }, done: 'approved' };
          default:
            return null;
        }
      })();
      return act(c, reply, id, body, '/office/hi-cards', plan, (q, refused) => showHiCards(c, reply, q, refused));
    });

    // ——— social security: payments not credited ———
    const PaymentsQuery = Type.Object(
      {
        lang: Lang,
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        done: Done,
        kind: Type.Optional(literals(PAYMENT_KINDS)),
        status: Type.Optional(literals(PAYMENT_STATUSES)),
        channel: Type.Optional(literals(PAYMENT_CHANNELS)),
        sort: Type.Optional(literals(PAYMENT_SORTS)),
      },
      { additionalProperties: false },
    );
    async function showPayments(c: SignedIn, reply: FastifyReply, q: Record<string, string | number | undefined>, refused?: Refused) {
      const n = pageOf(q.page);
      const kind = PAYMENT_KINDS.includes(q.kind as never) ? (q.kind as string) : '';
      const status = PAYMENT_STATUSES.includes(q.status as never) ? (q.status as string) : '';
      const channel = PAYMENT_CHANNELS.includes(q.channel as never) ? (q.channel as string) : '';
      const sort = PAYMENT_SORTS.includes(q.sort as never) ? (q.sort as string) : '';
      const params = new URLSearchParams({ ...(kind ? { kind } : {}), ...(status ? { status } : {}), ...(channel ? { channel } : {}), ...(sort ? { sort } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString();
      const base = `/office/payments${params ? `?${params}` : ''}`;
      // The page's sort choices, as the API takes them: a field and an order.
      const [by, order] = sort === 'received-desc' ? ['received', 'desc'] : sort === 'amount-desc' ? ['amount', 'desc'] : sort ? [sort, 'asc'] : [undefined, undefined];
      try {
        const { items } = await kit.json<{ items: PaymentItem[] }>(c, {
          method: 'GET',
          path: '/api/v1/agencies/social-security/payments/worklist',
          query: { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE, kind: kind || undefined, status: status || undefined, channel: channel || undefined, sort: by, order },
        });
        return kit.send(reply, paymentsPage(c, items, { page: n, pageSize: PAGE_SIZE, base, done: q.done as string | undefined, refused }, { kind, status, channel, sort }), reply.statusCode >= 400 ? reply.statusCode : 200);
      } catch (e) {
        return failurePage(kit, c, reply, e);
      }
    }
    app.get('/office/payments', { schema: { ...page, summary: 'VSS collector and planning-finance officer: payments to refund or assign', querystring: PaymentsQuery } }, async (req, reply) => {
      const c = kit.context(req, reply);
      if (!kit.gate(c, reply)) return reply;
      return showPayments(c, reply, req.query as Record<string, string | number | undefined>);
    });
    app.post('/office/payments/:id', { schema: { ...page, summary: 'Refund or assign a listed payment', params: Id, body: formBody(ACTION_FIELDS) } }, async (req, reply) => {
      const c = kit.context(req, reply);
      const body = (req.body ?? {}) as FormFields;
      kit.checkCsrf(c, body._csrf);
      const { id } = req.params as { id: string };
      const base = `/api/v1/agencies/social-security/payments/worklist/${id}`;
      const reason = reasonsOf(c.lang, body)?.[c.lang === 'vi' ? 'reasonVi' : 'reason'] ?? '';
      const plan = claimPlan(base, body) ?? ((): Plan => {
        switch (body._action) {
          case 'refund':
            return { path: `${base}/resolve`, body: { action: 'refund', reason }, done: 'refunded' };
          case 'assign':
            return { path: `${base}/resolve`, body: { action: 'assign', reference: (body.reference ?? '').trim(), reason }, done: 'assigned' };
          default:
            return null;
        }
      })();
      return act(c, reply, id, body, '/office/payments', plan, (q, refused) => showPayments(c, reply, q, refused));
    });
  };
}
