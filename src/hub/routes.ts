import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { FieldIssueSchema } from '../contracts/common.ts';
import { AppError, fieldError } from '../kernel/errors.ts';
import { principalOf } from '../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../platform/http/schemas.ts';
import { typeboxValidatorCompiler } from '../platform/http/validator.ts';
import { GROUPS } from './groups/catalogue.ts';
import type { HubService } from './service.ts';

const SubmitBody = Type.Union(
  Object.entries(GROUPS).map(([code, g]) => Type.Object({ group: Type.Literal(code), declaration: g.declarationSchema }, { additionalProperties: false })),
);

const JsonObject = Type.Object({}, { additionalProperties: true });
const ProcedureView = Type.Object({
  code: Type.String(),
  title: Type.Object({ vi: Type.String(), en: Type.String() }),
  agency: Type.String(),
  status: Type.String(),
  inReview: Type.Boolean(),
  deadline: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  dispatchedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([JsonObject, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  reasons: Type.Array(FieldIssueSchema),
});
const DossierView = Type.Object({
  id: Type.String(),
  group: Type.String(),
  status: Type.String(),
  submittedAt: Type.String(),
  deadline: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  reasons: Type.Array(FieldIssueSchema),
  procedures: Type.Array(ProcedureView),
  notRequested: Type.Array(Type.Object({ code: Type.String(), title: Type.Object({ vi: Type.String(), en: Type.String() }), agency: Type.String() })),
  history: Type.Array(
    Type.Object({ at: Type.String(), procedure: Type.Union([Type.String(), Type.Null()]), status: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }),
  ),
});

/** The citizen's and integrator's dossier API: submit, follow, list, answer a supplement request. */
export function hubRoutes(service: HubService) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/v1/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'Submit a combined declaration (202: accepted for processing)',
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: SubmitBody,
          response: { 202: Type.Object({ id: Type.String(), status: Type.String() }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
        // The group decides which declaration schema applies: the service validates the body by group,
        // so a citizen gets the errors of the form they filled in, not of every form there is.
        // The query string is closed like every other route's (http-app.ts gives it an empty, closed schema), and the
        // headers are checked by their schema (the Idempotency-Key's length).
        validatorCompiler: (route) => route.httpPart === 'querystring' || route.httpPart === 'headers' ? typeboxValidatorCompiler(route) : (data: unknown) =>
          route.httpPart === 'body' && (typeof data !== 'object' || data === null || Array.isArray(data))
            ? { error: new AppError('VALIDATION_FAILED', [fieldError('body', 'type', 'The body must be a JSON object.', 'Nội dung phải là một đối tượng JSON.')]) }
            : { value: data },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const body = req.body as { group?: unknown; declaration?: unknown };
        if (typeof body.group !== 'string')
          throw new AppError('VALIDATION_FAILED', [fieldError('group', 'required', 'Name the procedure group.', 'Hãy chọn nhóm thủ tục.')]);
        const key = req.headers['idempotency-key'];
        const out = await service.submit(principal, body.group, body.declaration, typeof key === 'string' ? key : undefined);
        if (out.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(202).send({ id: out.id, status: out.status });
      },
    );

    app.get(
      '/api/v1/dossiers/:id',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'A dossier with each procedure, its deadline and result, and the history',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: DossierView, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => service.get(principalOf(req), (req.params as { id: string }).id),
    );

    app.post(
      '/api/v1/dossiers/:id/supplements',
      {
        schema: {
          tags: ['dossiers'],
          summary: "Answer an agency's supplement request (202: the procedure resumes at its agency)",
          description:
            'The answers are keyed by the `path` of each field the agency asked for (the procedure’s `reasons` while it is `awaiting-supplement`); every field asked for must be answered. Unanswered after 7 working days (Decree 63/2024/ND-CP), the procedure is refused.',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            { procedure: Type.String({ minLength: 1, maxLength: 100 }), answers: Type.Record(Type.String(), Type.Unknown(), { minProperties: 1, maxProperties: 50 }) },
            { additionalProperties: false },
          ),
          response: { 202: Type.Object({ id: Type.String(), procedure: Type.String(), status: Type.String() }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const { procedure, answers } = req.body as { procedure: string; answers: Record<string, unknown> };
        const out = await service.answerSupplement(principalOf(req), (req.params as { id: string }).id, procedure, answers);
        return reply.status(202).send(out);
      },
    );

    app.get(
      '/api/v1/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary: "The caller's dossiers, newest first",
          querystring: Paging,
          response: {
            200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), group: Type.String(), status: Type.String(), submittedAt: Type.String() })), limit: Type.Integer(), offset: Type.Integer() }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const { limit = 50, offset = 0 } = req.query as { limit?: number; offset?: number };
        return { items: await service.list(principalOf(req), limit, offset), limit, offset };
      },
    );
  };
}
