import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError } from '../../kernel/errors.ts';
import type { OfficeKit } from '../kit.ts';
import { dossierPage, dossiersPage, type DocumentItem, type DossierRow, type DossierView, type HistoryView } from '../views/dossiers.ts';
import { failurePage, Lang, page, PAGE_SIZE, pageOf } from './shared.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** The dossiers an officer's agency works on, and one dossier with its whole history (docs/dashboard.md). */
export function dossierRoutes(kit: OfficeKit) {
  return async (app: FastifyInstance) => {
    app.get(
      '/office/dossiers',
      {
        schema: {
          ...page,
          summary: 'The dossiers the officer’s agency works on, newest first; or straight to one by its number',
          querystring: Type.Object({ lang: Lang, page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), id: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        const q = req.query as { page?: number; id?: string };
        const wanted = q.id?.trim();
        if (wanted && UUID.test(wanted)) return reply.header('cache-control', 'no-store').redirect(`/office/dossiers/${wanted.toLowerCase()}`, 303);
        const n = pageOf(q.page);
        try {
          // The API lists dossiers to the hub's officers only; an agency's officer opens one from a worklist or by its number.
          const { items } = c.session.officer.agency === 'hub' ? await kit.json<{ items: DossierRow[] }>(c, { method: 'GET', path: '/api/v1/dossiers', query: { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE } }) : { items: null };
          return kit.send(reply, dossiersPage(c, items, { page: n, pageSize: PAGE_SIZE, base: `/office/dossiers${n > 1 ? `?page=${n}` : ''}`, notFound: !!wanted }), wanted ? 400 : 200);
        } catch (e) {
          return failurePage(kit, c, reply, e);
        }
      },
    );

    app.get(
      '/office/dossiers/:id',
      { schema: { ...page, summary: 'A dossier with every procedure, every state change and every message (the read is audited by the API)', params: Id, querystring: Type.Object({ lang: Lang }, { additionalProperties: false }) } },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!kit.gate(c, reply)) return reply;
        const { id } = req.params as { id: string };
        try {
          const d = await kit.json<DossierView>(c, { method: 'GET', path: `/api/v1/dossiers/${id}` });
          const h = await kit.json<HistoryView>(c, { method: 'GET', path: `/api/v1/dossiers/${id}/history` });
          const { items } = await kit.json<{ items: DocumentItem[] }>(c, { method: 'GET', path: `/api/v1/dossiers/${id}/documents` });
          return kit.send(reply, dossierPage(c, d, h, items));
        } catch (e) {
          return failurePage(kit, c, reply, e);
        }
      },
    );

    app.get(
      '/office/dossiers/:id/documents/:code.pdf',
      {
        schema: {
          tags: ['office'],
          summary: 'A result document of a dossier as a PDF, for the signed-in officer (the API’s access rule; the download is audited)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) }, { additionalProperties: false }),
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const c = kit.context(req, reply);
        if (!c.session) throw new AppError('UNAUTHENTICATED');
        const { id, code } = req.params as { id: string; code: string };
        try {
          const f = await kit.file(c as Parameters<typeof kit.file>[0], { method: 'GET', path: `/api/v1/dossiers/${id}/documents/${code}.pdf` });
          return reply.type('application/pdf').header('content-disposition', f.contentDisposition ?? `attachment; filename="${code}.pdf"`).header('cache-control', 'private, no-store').send(f.body);
        } catch (e) {
          return failurePage(kit, c, reply, e);
        }
      },
    );
  };
}
