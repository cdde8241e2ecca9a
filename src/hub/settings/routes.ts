import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { officerOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { HubSettings, TimeLimitsChange } from './service.ts';

const OPERATORS = ['it-operator'] as const;
const Province = Type.Object({ provinceCode: Type.String({ pattern: '^\\d{2}$', description: 'two-digit province code, e.g. 35 (Hà Nam)' }) }, { additionalProperties: false });
const Json = Type.Object({}, { additionalProperties: true });
const View = Type.Object({
  provinceCode: Type.String(),
  procedures: Type.Array(
    Type.Object({
      group: Type.String(),
      procedure: Type.String(),
      default: Json,
      inForce: Type.Union([Type.Object({ workingDays: Type.Integer(), effectiveFrom: Type.String() }), Type.Null()]),
    }),
  ),
  changes: Type.Array(Json),
});
const Change = Type.Object(
  {
    effectiveFrom: Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'for dossiers received from this day (today or later)' }),
    limits: Type.Array(
      Type.Object(
        {
          group: Type.String({ minLength: 1, maxLength: 40 }),
          procedure: Type.String({ minLength: 1, maxLength: 60 }),
          workingDays: Type.Union([Type.Integer({ minimum: 0, maximum: 365 }), Type.Null()], { description: 'null: back to the group’s default' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    reason: Type.String({ minLength: 3, maxLength: 500, description: 'why (kept with the change and in the audit trail)' }),
  },
  { additionalProperties: false },
);

/** The hub's per-province time limits, for the hub's IT operator. */
export function hubSettingsRoutes(settings: HubSettings) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/v1/settings/time-limits/:provinceCode',
      {
        schema: { tags: ['settings'], summary: 'Each procedure’s time limit in a province: the group’s default, the override in force today, every change', params: Province, response: { 200: View, '4xx': ErrorSchema }, security: [{ bearer: [] }] },
      },
      async (req) => settings.timeLimits(officerOf(req, 'hub', OPERATORS), (req.params as { provinceCode: string }).provinceCode),
    );
    app.put(
      '/api/v1/settings/time-limits/:provinceCode',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set procedures’ time limits (working days) in a province from a date; dossiers already received keep their deadlines. Audited.',
          params: Province,
          body: Change,
          response: { 200: View, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => settings.setTimeLimits(officerOf(req, 'hub', OPERATORS), (req.params as { provinceCode: string }).provinceCode, req.body as TimeLimitsChange),
    );
  };
}
