import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { IsoDateSchema, PinSchema } from '../../contracts/common.ts';
import { DEATH_CAUSES } from '../../contracts/declarations/death.ts';
import { AppError } from '../../kernel/errors.ts';
import { principalOf } from '../../platform/http/auth.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { DeathNotices } from './death-notices.ts';
import type { DeathNoticeInput } from './domain/death-notice-rules.ts';

/** The electronic death notice ("Giấy báo tử", Decree 123/2015/ND-CP art. 4.2) as a facility's system sends it. */
export const DeathNoticeSubmission = Type.Object(
  {
    facilityCode: Type.String({ pattern: '^\\d{5}$', description: "the facility's 5-digit code in the health-insurance register (e.g. 35001)" }),
    noticeNumber: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9./-]*$', description: "the notice's number in the facility's own series" }),
    deceasedPin: PinSchema,
    dateOfDeath: IsoDateSchema,
    timeOfDeath: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, Vietnam time' }),
    placeOfDeath: Type.String({ minLength: 1, maxLength: 200, description: 'the ward or department, and the facility' }),
    causeCategory: Type.Enum(DEATH_CAUSES, { description: 'illness, occupational-accident, occupational-disease or other' }),
  },
  { additionalProperties: false },
);

const Receipt = Type.Object({ id: Type.String({ format: 'uuid' }), facilityCode: Type.String(), noticeNumber: Type.String(), receivedAt: Type.String() });
const Notice = Type.Object({ ...Receipt.properties, ...DeathNoticeSubmission.properties });

const systemOf = (req: Parameters<typeof principalOf>[0]) => {
  const p = principalOf(req);
  if (p.kind !== 'system') throw new AppError('FORBIDDEN');
  return p;
};

/** The intake API for health facilities' systems (OAuth2 client credentials, scope `death-notices:submit`). */
export function healthRoutes(notices: DeathNotices) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/v1/agencies/health/death-notices',
      {
        schema: {
          tags: ['health'],
          summary: 'A health facility sends a death notice → its id, which the relatives cite in the death declaration (201; the same notice again: 200, the same id)',
          body: DeathNoticeSubmission,
          response: { 200: Receipt, 201: Receipt, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req, reply) => {
        const { created, receipt } = await notices.submit(systemOf(req), req.body as DeathNoticeInput);
        return reply.status(created ? 201 : 200).send(receipt);
      },
    );

    app.get(
      '/api/v1/agencies/health/death-notices/:id',
      {
        schema: {
          tags: ['health'],
          summary: 'One of the calling facility’s own death notices (anything else: 404)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Notice, '4xx': ErrorSchema },
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const n = await notices.read(systemOf(req), (req.params as { id: string }).id);
        const { clientId: _owner, ...notice } = n;
        return notice;
      },
    );
  };
}
