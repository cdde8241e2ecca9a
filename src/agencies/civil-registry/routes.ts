import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { FieldIssueSchema } from '../../contracts/common.ts';
import { officerOf } from '../../platform/http/auth.ts';
import { ErrorSchema, Paging } from '../../platform/http/schemas.ts';
import type { ReviewDecision, ReviewService } from './review-service.ts';

const ROLES = ['civil-registry-officer'] as const;

const Decision = Type.Union([
  Type.Object({ decision: Type.Literal('approve'), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
  Type.Object(
    { decision: Type.Literal('refuse'), reason: Type.String({ minLength: 3, maxLength: 1000 }), reasonVi: Type.Optional(Type.String({ maxLength: 1000 })) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      decision: Type.Literal('request-supplement'),
      fields: Type.Array(
        Type.Object(
          {
            path: Type.String({ pattern: '^declaration(\\.[A-Za-z0-9]+)*$', maxLength: 200, description: 'the field of the declaration concerned, e.g. declaration.mother.pin' }),
            reason: Type.String({ minLength: 3, maxLength: 1000 }),
            reasonVi: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10 },
      ),
    },
    { additionalProperties: false },
  ),
]);

const Claim = Type.Union([Type.Object({ mine: Type.Boolean(), since: Type.String(), until: Type.String() }), Type.Null()], { description: 'the claim in force, if any (it lapses after 30 minutes)' });
const Claimed = Type.Object({ id: Type.String(), status: Type.String(), claim: Claim });

/** The civil-registry officer's worklist of births the checks sent to review, and the decision on each. */
export function civilRegistryRoutes(reviews: ReviewService) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/agencies/civil-registry/reviews',
      {
        schema: {
          tags: ['civil-registry'],
          summary: 'Births waiting for an officer, oldest first, in the officer’s area',
          querystring: Type.Object(
            {
              ...Paging.properties,
              answered: Type.Optional(Type.Boolean({ description: 'true: only the births back with the citizen’s answer to a supplement request; false: the others' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  dossierId: Type.String(),
                  receivedAt: Type.String(),
                  provinceCode: Type.String(),
                  child: Type.Object({ fullName: Type.String(), sex: Type.String(), dateOfBirth: Type.String(), placeOfBirth: Type.String() }),
                  motherPin: Type.String(),
                  findings: Type.Array(FieldIssueSchema),
                  supplement: Type.Union([
                    Type.Object({
                      fields: Type.Array(FieldIssueSchema),
                      requestedBy: Type.String(),
                      requestedAt: Type.String(),
                      answers: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
                      answeredAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
                    }),
                    Type.Null(),
                  ]),
                  answered: Type.Boolean({ description: 'back with the citizen’s answer to a supplement request, not decided since' }),
                  claim: Claim,
                }),
              ),
            }),
            '4xx': ErrorSchema,
          },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const officer = officerOf(req, 'civil-registry', ROLES);
        const { limit = 50, offset = 0, answered } = req.query as { limit?: number; offset?: number; answered?: boolean };
        return { items: await reviews.worklist(officer, limit, offset, answered ?? null) };
      },
    );

    app.post(
      '/api/v1/agencies/civil-registry/reviews/:id/claim',
      {
        schema: {
          tags: ['civil-registry'],
          summary: 'Take a birth in review so no other officer decides it; the claim lapses after 30 minutes. 409 when another officer holds it.',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Claimed, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => reviews.claim(officerOf(req, 'civil-registry', ROLES), (req.params as { id: string }).id),
    );

    app.post(
      '/api/v1/agencies/civil-registry/reviews/:id/release',
      {
        schema: {
          tags: ['civil-registry'],
          summary: 'Give a claimed birth back to the worklist',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Claimed, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => reviews.release(officerOf(req, 'civil-registry', ROLES), (req.params as { id: string }).id),
    );

    app.post(
      '/api/v1/agencies/civil-registry/reviews/:id/decision',
      {
        schema: {
          tags: ['civil-registry'],
          summary: 'Approve (the birth is registered), refuse with a reason, or ask the citizen for a supplement (the file comes back with the answers)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Decision,
          response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => reviews.decide(officerOf(req, 'civil-registry', ROLES), (req.params as { id: string }).id, req.body as ReviewDecision),
    );
  };
}
