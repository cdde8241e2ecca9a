import Type, { type Static } from 'typebox';
import { IsoDateSchema, PinSchema } from '../common.ts';

const Uuid = Type.String({ format: 'uuid' });

/**
 * civil-registry → health: the declaration cites a health facility's death notice ("Giấy báo tử", issued by the head
 * of the facility where the person died: Decree 123/2015/ND-CP art. 4.2), which the declarant would otherwise bring
 * on paper (Law on Civil Status 2014 art. 34.1). `requestId` is the civil registry's registration waiting on it.
 */
export const DeathNoticeCheckRequested = Type.Object({
  requestId: Uuid,
  noticeId: Uuid,
});

/**
 * What the civil registry needs of a notice to corroborate a death: who died, on which day, and which notice it is
 * (the facility's code and its number, recorded on the extract). Not the cause: the registration does not use it,
 * and it is health data (Decree 13/2023/ND-CP art. 2.4.c).
 */
export const DeathNoticeFacts = Type.Object({
  facilityCode: Type.String(),
  noticeNumber: Type.String(),
  deceasedPin: PinSchema,
  dateOfDeath: IsoDateSchema,
});
export type DeathNoticeFacts = Static<typeof DeathNoticeFacts>;

/** health → civil-registry: the notice as the facility sent it, or null when health holds no notice with that id. */
export const DeathNoticeCheckCompleted = Type.Object({
  requestId: Uuid,
  noticeId: Uuid,
  notice: Type.Union([DeathNoticeFacts, Type.Null()]),
});
