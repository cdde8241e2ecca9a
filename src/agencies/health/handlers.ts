import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { HandlerTable } from '../../platform/messaging/part-runtime.ts';
import type { HealthStore } from './store.ts';

export function healthHandlers(store: HealthStore): HandlerTable {
  return {
    /**
     * The civil registry asks for a notice a death declaration cites: it gets who died, when, and which notice it is
     * — not the cause, which the registration does not use — or null when no facility sent a notice with that id.
     * Answering changes nothing here, so a repeated question gets the same answer.
     */
    async 'health.death-notice-check.requested'(tx, env, ctx) {
      const { requestId, noticeId } = env.payload as PayloadOf<'health.death-notice-check.requested'>;
      const n = await store.byId(tx, noticeId);
      await ctx.send('health.death-notice-check.completed', env.sender, {
        requestId,
        noticeId,
        notice: n ? { facilityCode: n.facilityCode, noticeNumber: n.noticeNumber, deceasedPin: n.deceasedPin, dateOfDeath: n.dateOfDeath } : null,
      });
    },
  };
}
