import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError, fieldError } from '../../kernel/errors.ts';
import { DOCUMENT_KINDS } from '../../platform/documents/model.ts';
import { principalOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { HubDocuments } from './service.ts';
import { notFoundPage, VERIFY_PAGE_CSP, verificationPage } from './verify-page.ts';

/** A PDF the platform prints is ~40–200 kB; 2 MB leaves room and refuses anything else at the edge. */
export const MAX_PDF_BYTES = 2 * 1024 * 1024;

const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });
const Kind = Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const VerificationSchema = Type.Object({
  genuine: Type.Literal(true),
  code: Type.String(),
  kind: Kind,
  title: Bilingual,
  issuer: Type.Object({ agency: Type.String(), name: Bilingual }),
  issuedOn: Type.String(),
  number: Nullable(Type.String()),
  holder: Type.Object({ initials: Nullable(Type.String()), birthYear: Nullable(Type.String()) }),
  valid: Type.Boolean(),
  status: Type.Union(['valid', 'not-yet-valid', 'expired', 'ended'].map((s) => Type.Literal(s))),
  reason: Nullable(Bilingual),
  checkedOn: Type.String(),
});
const CodeParam = Type.String({ minLength: 1, maxLength: 40, description: 'the verification code printed on the document, e.g. 7QK2-M9XD-4T1B' });

/**
 * A code as a person types it from paper: any case, spaces or hyphens anywhere, and the letters Crockford base32
 * reads as digits (O → 0, I and L → 1). Anything that is not a code at all is simply not found.
 */
export function normaliseCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(s)) return null;
  return s.replace(/(.{4})(?!$)/g, '$1-');
}

const wantsHtml = (req: FastifyRequest) => {
  const accept = String(req.headers.accept ?? '');
  return accept.includes('text/html') && !accept.startsWith('application/json');
};

/** The dossier's documents (as reading the dossier) and the public verification of any document's code or file. */
export function hubDocumentRoutes(documents: HubDocuments, o: { verificationsPerMinute?: number } = {}) {
  const perMinute = o.verificationsPerMinute ?? Number(process.env.LIENTHONG_VERIFICATIONS_PER_MINUTE ?? 60);
  // Per address: the codes are unguessable (60 random bits), and this keeps anyone from trying many.
  const rateLimit: { rateLimit?: { max: number; timeWindow: number } } = perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {};
  return async (app: FastifyInstance) => {
    app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_req, body, done) => done(null, body));

    app.get(
      '/api/v1/dossiers/:id/documents',
      {
        schema: {
          tags: ['documents'],
          summary: 'The documents the dossier’s completed procedures issued, each with its PDF and verification link',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  code: Type.String(),
                  kind: Kind,
                  title: Bilingual,
                  issuer: Type.String(),
                  issuedOn: Type.String(),
                  number: Nullable(Type.String()),
                  procedure: Type.String(),
                  pdf: Type.String(),
                  verifyUrl: Type.String(),
                }),
              ),
            }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => ({ items: await documents.list(principalOf(req), (req.params as { id: string }).id) }),
    );

    app.get(
      '/api/v1/dossiers/:id/documents/:code.pdf',
      {
        schema: {
          tags: ['documents'],
          summary: 'One document as a signed A4 PDF (Vietnamese, with its verification code and QR code)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }), code: CodeParam }),
          produces: ['application/pdf'],
          response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const { id, code } = req.params as { id: string; code: string };
        const c = normaliseCode(code);
        if (!c) throw new AppError('NOT_FOUND');
        const pdf = await documents.pdf(principalOf(req), id, c);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${c}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    app.get(
      '/verify/:code',
      {
        config: rateLimit,
        schema: {
          tags: ['verification'],
          summary: 'Public: is the document with this code genuine, who issued it when, and is it still valid',
          description:
            'No sign-in. JSON by default; an HTML page for a browser (`Accept: text/html`), e.g. from the QR code. Shows only the holder’s initials and year of birth. A code that belongs to no document: 404.',
          params: Type.Object({ code: CodeParam }),
          response: { 200: VerificationSchema, '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        const c = normaliseCode((req.params as { code: string }).code);
        const html = wantsHtml(req);
        try {
          if (!c) throw new AppError('NOT_FOUND');
          const v = await documents.verify(c);
          return html ? sendHtml(reply, 200, verificationPage(v)) : v;
        } catch (e) {
          if (html && e instanceof AppError && e.code === 'NOT_FOUND') return sendHtml(reply, 404, notFoundPage());
          throw e;
        }
      },
    );

    app.post(
      '/verify',
      {
        config: rateLimit,
        bodyLimit: MAX_PDF_BYTES,
        schema: {
          tags: ['verification'],
          summary: 'Public: is this PDF file exactly as the platform issued it, and what does it say',
          description:
            'Send the file as `application/pdf` (at most 2 MB). The signature in the file covers every byte of it; the digest it carries must match the record. `genuine: false` says why (`problem`).',
          consumes: ['application/pdf'],
          response: {
            200: Type.Object({
              genuine: Type.Boolean(),
              problem: Nullable(Type.String()),
              document: Nullable(VerificationSchema),
            }),
            '4xx': ErrorSchema,
          },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('VALIDATION_FAILED', [fieldError('body', 'not-a-pdf', 'Send the PDF file as application/pdf.', 'Hãy gửi tệp PDF với kiểu application/pdf.')]);
        return documents.verifyPdf(req.body);
      },
    );
  };
}

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('content-security-policy', VERIFY_PAGE_CSP).send(html);
}
