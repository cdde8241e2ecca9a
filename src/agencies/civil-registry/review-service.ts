import { AppError, fieldError } from '../../kernel/errors.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/db.ts';
import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { PartRuntime } from '../../platform/messaging/part-runtime.ts';
import { requestPin } from './handlers.ts';
import { civilRegistryStore as store } from './store.ts';

export type ReviewDecision =
  | { decision: 'approve'; note?: string }
  | { decision: 'refuse'; reason: string; reasonVi?: string }
  | { decision: 'request-supplement'; fields: { path: string; reason: string; reasonVi?: string }[] };

type Officer = Extract<Principal, { kind: 'officer' }>;

/** A civil-registry officer's worklist and decisions on the births the checks could not settle. */
export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly runtime: PartRuntime,
    /** Where the trail runs with this part (embedded mode): every officer's read and decision is recorded. */
    private readonly audit?: AuditTrail,
  ) {}

  /** The worklist shows the people named in each file: the read is recorded for each of them, in the same transaction. */
  async worklist(officer: Officer, limit: number, offset: number) {
    const rows = await this.db.transaction(async (tx) => {
      const found = await store.reviews(tx, officer.provinceCode, limit, offset);
      if (this.audit)
        for (const r of found)
          for (const pin of namedIn(r.request))
            await this.audit.record(tx, { actor: officer, action: 'review.read', purpose: 'civil-registry review of a birth registration (worklist)', subjectPin: pin, resource: `review/${r.id}` });
      return found;
    });
    return rows.map((r) => ({
      id: r.id,
      dossierId: r.dossier_id,
      receivedAt: r.received_at,
      provinceCode: r.province_code,
      child: r.request.child,
      motherPin: r.request.mother.pin,
      findings: r.findings,
      supplement: r.supplement,
    }));
  }

  async decide(officer: Officer, id: string, d: ReviewDecision): Promise<{ id: string; status: string }> {
    const found = await this.db.transaction((tx) => store.byId(tx, id));
    // Outside the officer's area it does not exist for them.
    if (!found || (officer.provinceCode && officer.provinceCode !== found.province_code)) throw new AppError('NOT_FOUND');
    return this.runtime.inTransaction(found.dossier_id, null, async (tx, ctx) => {
      const reg = await store.byId(tx, id, true);
      if (reg?.status !== 'in-review')
        throw new AppError('CONFLICT', [fieldError('id', 'not-in-review', 'This registration is not waiting for a decision.', 'Hồ sơ này không ở trạng thái chờ quyết định.')]);
      const decision = { by: `officer:${officer.username}`, at: ctx.now.toISOString() };
      if (this.audit)
        for (const pin of namedIn(reg.request))
          await this.audit.record(tx, { actor: officer, action: `review.${d.decision}`, purpose: 'civil-registry decision on a birth registration', subjectPin: pin, resource: `review/${id}` });
      if (d.decision === 'request-supplement') {
        // The citizen answers through the hub within 7 working days (Decree 63/2024/ND-CP); the file comes back here.
        const fields = d.fields.map((f) => ({ path: f.path, code: 'requested-by-officer', reason: f.reason, reasonVi: f.reasonVi ?? f.reason }));
        await store.setSupplement(tx, id, 'awaiting-supplement', { fields, requestedBy: decision.by, requestedAt: decision.at, answers: null });
        await ctx.send('procedure.supplement-requested', 'hub', { procedure: 'birth-registration', fields });
        return { id, status: 'awaiting-supplement' };
      }
      if (d.decision === 'approve') {
        await store.setStatus(tx, id, 'awaiting-pin', { ...decision, note: d.note ?? null });
        await requestPin(ctx, id, reg.request);
        return { id, status: 'awaiting-pin' };
      }
      await store.setStatus(tx, id, 'refused', { ...decision, note: d.reason });
      await ctx.send('procedure.rejected', 'hub', {
        procedure: 'birth-registration',
        reasons: [{ path: 'declaration', code: 'refused-by-officer', reason: d.reason, reasonVi: d.reasonVi ?? d.reason }],
      });
      return { id, status: 'refused' };
    });
  }
}

/** The citizens a birth registration request names (the child has no PIN yet). */
function namedIn(r: { mother: { pin: string }; father: { pin: string } | null; declarant: { pin: string } }): string[] {
  return [...new Set([r.mother.pin, ...(r.father ? [r.father.pin] : []), r.declarant.pin])];
}
