import { AppError, fieldError } from '../../kernel/errors.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { liveClaim, mayAct } from '../../platform/worklist/claims.ts';
import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import type { PartRuntime } from '../../platform/messaging/part-runtime.ts';
import { requestPin } from './handlers.ts';
import { civilRegistryStore as store, type RegistrationRow } from './store.ts';

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
    private readonly audit?: AuditRecorder,
  ) {}

  /** The worklist shows the people named in each file: the read is recorded for each of them, in the same transaction. */
  async worklist(officer: Officer, limit: number, offset: number, answered: boolean | null = null) {
    const now = await this.now();
    const rows = await this.db.transaction(async (tx) => {
      const found = await store.reviews(tx, officer.provinceCode, limit, offset, answered);
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
      // Back with the citizen's answer to the officer's question, not decided since (a decision ends the review).
      answered: !!r.supplement?.answers,
      claim: claimView(r, officer, now),
    }));
  }

  /** The platform's time (the part's clock), for claims outside a message. */
  private now(): Promise<Date> {
    return this.runtime.inTransaction(NO_DOSSIER, null, async (_tx, ctx) => ctx.now);
  }

  /** Takes a birth in review so no other officer decides it; the claim lapses after CLAIM_MINUTES (platform/worklist/claims.ts). */
  async claim(officer: Officer, id: string) {
    return this.onClaim(officer, id, async (tx, reg, now) => {
      if (reg.status !== 'in-review') throw notInReview();
      await store.setClaim(tx, id, officer.username, now.toISOString());
      return { id, status: reg.status, claim: claimView({ claimed_by: officer.username, claimed_at: now.toISOString() }, officer, now) };
    });
  }

  /** Gives a claimed birth back to the worklist. */
  async release(officer: Officer, id: string) {
    return this.onClaim(officer, id, async (tx, reg) => {
      await store.setClaim(tx, id, null, null);
      return { id, status: reg.status, claim: null };
    });
  }

  private async onClaim<T>(officer: Officer, id: string, fn: (tx: Queryable, reg: RegistrationRow, now: Date) => Promise<T>): Promise<T> {
    const found = await this.db.transaction((tx) => store.byId(tx, id));
    if (!found || (officer.provinceCode && officer.provinceCode !== found.province_code)) throw new AppError('NOT_FOUND');
    return this.runtime.inTransaction(found.dossier_id, null, async (tx, ctx) => {
      const reg = (await store.byId(tx, id, true))!;
      heldByAnother(reg, officer, ctx.now);
      return fn(tx, reg, ctx.now);
    });
  }

  async decide(officer: Officer, id: string, d: ReviewDecision): Promise<{ id: string; status: string }> {
    const found = await this.db.transaction((tx) => store.byId(tx, id));
    // Outside the officer's area it does not exist for them.
    if (!found || (officer.provinceCode && officer.provinceCode !== found.province_code)) throw new AppError('NOT_FOUND');
    return this.runtime.inTransaction(found.dossier_id, null, async (tx, ctx) => {
      const reg = await store.byId(tx, id, true);
      if (reg?.status !== 'in-review') throw notInReview();
      // Another officer's live claim blocks the decision; with no claim in force the decision is taken at once
      // (under the row lock), as before claims existed, so existing clients keep working.
      heldByAnother(reg, officer, ctx.now);
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

const NO_DOSSIER = '00000000-0000-0000-0000-000000000000';

const notInReview = () => new AppError('CONFLICT', [fieldError('id', 'not-in-review', 'This registration is not waiting for a decision.', 'Hồ sơ này không ở trạng thái chờ quyết định.')]);

const claimOf = (r: Pick<RegistrationRow, 'claimed_by' | 'claimed_at'>) => ({ by: r.claimed_by, at: r.claimed_at ? new Date(r.claimed_at) : null });

function claimView(r: Pick<RegistrationRow, 'claimed_by' | 'claimed_at'>, officer: Officer, now: Date) {
  const live = liveClaim(claimOf(r), now);
  return live ? { mine: live.by === officer.username, since: live.at.toISOString(), until: live.until.toISOString() } : null;
}

/** 409 naming the colleague who holds the birth (an officer's username, no citizen's data), since when and until when. */
function heldByAnother(r: RegistrationRow, officer: Officer, now: Date): void {
  const ok = mayAct(claimOf(r), officer.username, now);
  if (!ok.ok)
    throw new AppError('CONFLICT', [
      fieldError('id', 'claimed-by-another', `Officer ${ok.heldBy} has claimed this registration since ${ok.since.toISOString()}; the claim lapses at ${ok.until.toISOString()}.`, `Cán bộ ${ok.heldBy} đã nhận xử lý hồ sơ này từ ${ok.since.toISOString()}; quyền xử lý hết hạn lúc ${ok.until.toISOString()}.`),
    ]);
}

/** The citizens a birth registration request names (the child has no PIN yet). */
function namedIn(r: { mother: { pin: string }; father: { pin: string } | null; declarant: { pin: string } }): string[] {
  return [...new Set([r.mother.pin, ...(r.father ? [r.father.pin] : []), r.declarant.pin])];
}
