import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError, fieldError } from '../../../kernel/errors.ts';
import { officerOf } from '../../../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../../../platform/http/schemas.ts';
import type { DecisionInput, ListQuery, SocialSecurityBackOffice } from './service.ts';

const WORKLIST_ROLES = ['vss-collector', 'vss-director'] as const;
const OPERATORS = ['it-operator'] as const;
const JsonObject = Type.Object({}, { additionalProperties: true });
const Province = Type.Object({ provinceCode: Type.String({ pattern: '^\\d{2}$', description: 'two-digit province code, e.g. 35 (Hà Nam)' }) }, { additionalProperties: false });
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const Settings = Type.Object({
  provinceCode: Type.String(),
  hiCardApproval: Type.String({ description: 'automatic, or director: HI cards wait for the collector’s check and the director’s approval' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
const SettingsBody = Type.Object(
  {
    hiCardApproval: Type.Union([Type.Literal('automatic'), Type.Literal('director')]),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'why the setting changes (kept with the change)' }),
  },
  { additionalProperties: false },
);

const Item = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  dossierId: Type.String(),
  provinceCode: Type.String(),
  status: Type.String({ description: 'to-check, to-approve, awaiting-supplement, approved or refused' }),
  receivedAt: Type.String(),
  deadline: Type.String(),
  child: Type.Object({ pin: Type.String(), fullName: Type.String(), dateOfBirth: Type.String() }),
  initialFacilityCode: Type.String(),
  claim: Type.Union([Type.Object({ mine: Type.Boolean(), since: Type.String(), until: Type.String() }), Type.Null()]),
  decisions: Type.Array(JsonObject),
  supplement: Type.Union([JsonObject, Type.Null()]),
  answered: Type.Boolean({ description: 'back from the citizen’s answer to a supplement request, not decided since' }),
  overdue: Type.Boolean({ description: 'still undecided after the procedure’s last day (deadline)' }),
});

const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('submit-for-approval'), Type.Literal('approve'), Type.Literal('refuse'), Type.Literal('request-supplement')]),
    reason: Type.Optional(Type.String({ minLength: 3, maxLength: 1000, description: 'required to refuse' })),
    reasonVi: Type.Optional(Type.String({ maxLength: 1000 })),
    fields: Type.Optional(
      Type.Array(
        Type.Object(
          {
            path: Type.String({ pattern: '^declaration(\\.[A-Za-z0-9]+)*$', maxLength: 200 }),
            reason: Type.String({ minLength: 3, maxLength: 1000 }),
            reasonVi: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10, description: 'required to request a supplement: what the citizen must provide' },
      ),
    ),
  },
  { additionalProperties: false },
);

/** What a decision needs beyond its shape: a refusal says why, a supplement request says what. */
function checked(d: DecisionInput): DecisionInput {
  if (d.decision === 'refuse' && !d.reason)
    throw new AppError('VALIDATION_FAILED', [fieldError('reason', 'required', 'A refusal needs a reason.', 'Từ chối phải nêu lý do.')]);
  if (d.decision === 'request-supplement' && !d.fields?.length)
    throw new AppError('VALIDATION_FAILED', [fieldError('fields', 'required', 'Say which fields the citizen must provide.', 'Hãy nêu các thông tin công dân cần bổ sung.')]);
  return d;
}

/** Social security's back office: per-province settings (IT operator) and the HI card worklist (collector, director). */
export function socialSecurityBackOfficeRoutes(office: SocialSecurityBackOffice) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/agencies/social-security/settings/provinces/:provinceCode',
      {
        schema: { tags: ['social-security'], summary: 'A province’s social-security settings (defaults when never set)', params: Province, response: { 200: Settings, '4xx': ErrorSchema }, security: [{ bearer: [] }] },
      },
      async (req) => office.settings(officerOf(req, 'social-security', OPERATORS), (req.params as { provinceCode: string }).provinceCode),
    );

    app.put(
      '/api/v1/agencies/social-security/settings/provinces/:provinceCode',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Change a province’s settings (seed 004 item 2); recorded with who, when, before → after and the reason. Requests already received keep their path.',
          params: Province,
          body: SettingsBody,
          response: { 200: Settings, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => office.changeSettings(officerOf(req, 'social-security', OPERATORS), (req.params as { provinceCode: string }).provinceCode, req.body as { hiCardApproval: 'automatic' | 'director'; reason: string }),
    );

    app.get(
      '/api/v1/agencies/social-security/worklist',
      {
        schema: {
          tags: ['social-security'],
          summary: 'What waits for the officer in their province: by default, for a collector the HI cards to check, for a director those to approve',
          querystring: Type.Object(
            {
              ...Paging.properties,
              kind: Type.Optional(Type.Literal('hi-card-approval')),
              status: Type.Optional(
                Type.Union(['mine', 'open', 'to-check', 'to-approve', 'awaiting-supplement', 'approved', 'refused'].map((s) => Type.Literal(s)), {
                  description: 'default: what waits for the caller’s role; mine: what the caller has claimed; open: everything not decided',
                }),
              ),
              sort: Type.Optional(Type.Union([Type.Literal('deadline'), Type.Literal('received')], { default: 'deadline' })),
              answered: Type.Optional(Type.Boolean({ description: 'true: only the items back with the citizen’s answer to a supplement request; false: the others' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Item) }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => ({ items: await office.worklist(officerOf(req, 'social-security', WORKLIST_ROLES), req.query as ListQuery) }),
    );

    app.post(
      '/api/v1/agencies/social-security/worklist/:id/claim',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Take an item so no other officer decides it; the claim lapses after 30 minutes. 409 when another officer holds it.',
          params: Id,
          response: { 200: Item, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => office.claim(officerOf(req, 'social-security', WORKLIST_ROLES), (req.params as { id: string }).id),
    );

    app.post(
      '/api/v1/agencies/social-security/worklist/:id/release',
      {
        schema: { tags: ['social-security'], summary: 'Give an item back to the worklist', params: Id, response: { 200: Item, '4xx': ErrorSchema }, security: [{ bearer: [] }] },
      },
      async (req) => office.release(officerOf(req, 'social-security', WORKLIST_ROLES), (req.params as { id: string }).id),
    );

    app.post(
      '/api/v1/agencies/social-security/worklist/:id/decision',
      {
        schema: {
          tags: ['social-security'],
          summary: 'Decide a claimed item: the collector submits it for approval, the director approves (the card is issued); either refuses with a reason or asks the citizen for a supplement',
          params: Id,
          body: DecisionBody,
          response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => office.decide(officerOf(req, 'social-security', WORKLIST_ROLES), (req.params as { id: string }).id, checked(req.body as DecisionInput)),
    );
  };
}
