import type { PayloadOf } from '../../../contracts/catalogue.ts';
import { vnDateOf } from '../../../kernel/dates.ts';
import type { HandlerTable } from '../../../platform/messaging/part-runtime.ts';
import { worklistStore as store, type ItemRow } from './store.ts';

/** The hub's supplement messages for an HI card on the worklist (the death-benefits case has its own). */
export function hiCardWorklistHandlers(): HandlerTable {
  return {
    /**
     * The citizen answered: the item goes back, with the answers, to the worklist of the role that asked — the
     * collector's (`to-check`) or the director's (`to-approve`) — flagged answered (its last decision is
     * `supplement-provided`) until an officer decides it; the hub shows it in review again.
     */
    async 'procedure.supplement-provided'(tx, env, ctx) {
      const { procedure, answers } = env.payload as PayloadOf<'procedure.supplement-provided'>;
      const item = await store.itemForDossier(tx, env.dossierId, true);
      if (item?.status !== 'awaiting-supplement') return; // answered already: a repeat changes nothing
      const back = askedBy(item) === 'vss-director' ? 'to-approve' : 'to-check';
      const at = ctx.now.toISOString();
      await store.decide(tx, item.id, back, { decision: 'supplement-provided', by: 'hub', role: 'citizen', at, reason: null }, { ...item.supplement, answers, answeredAt: at });
      const reason = { path: 'declaration.healthInsurance', code: 'director-approval', reason: 'The province issues HI cards on the director’s approval.', reasonVi: 'Tỉnh cấp thẻ BHYT sau khi Giám đốc phê duyệt.' };
      await ctx.send('procedure.in-review', 'hub', { procedure, reasons: [reason], since: vnDateOf(ctx.now) });
    },

    /** Not answered in time: the hub has refused the procedure; the item is closed as refused. */
    async 'procedure.supplement-expired'(tx, env, ctx) {
      const { deadline } = env.payload as PayloadOf<'procedure.supplement-expired'>;
      const item = await store.itemForDossier(tx, env.dossierId, true);
      if (item?.status !== 'awaiting-supplement') return;
      await store.decide(tx, item.id, 'refused', { decision: 'supplement-expired', by: 'hub', role: 'hub', at: ctx.now.toISOString(), reason: `supplement not provided by ${deadline}` });
    },
  };
}

/** The role that asked for the supplement: recorded with it, else (items asked before it was) the last request's. */
function askedBy(item: ItemRow): string | undefined {
  const recorded = (item.supplement as { requestedRole?: string } | null)?.requestedRole;
  return recorded ?? [...item.decisions].reverse().find((d) => d.decision === 'request-supplement')?.role;
}
