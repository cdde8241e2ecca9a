import { AppError, fieldError } from '../../../kernel/errors.ts';
import type { AuditRecorder } from '../../../platform/audit/audit-trail.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, Queryable } from '../../../platform/db/db.ts';
import { CLAIM_MINUTES, claimedByAnother, claimView, liveClaim, mayAct } from '../../../platform/worklist/claims.ts';
import { paymentView, type Resolve, type VoluntaryPayments } from '../payments/service.ts';
import { paymentWorklistStore as store, type PaymentItemRow, type PaymentWorklistSort, type PaymentWorklistStatus } from './payments-store.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

export interface PaymentWorklistQuery {
  kind?: string;
  status?: PaymentWorklistStatus;
  channel?: 'bank-transfer' | 'cash';
  sort?: PaymentWorklistSort;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

const PURPOSE = 'voluntary SI collection: payments not credited (Decision 49/QD-BHXH 2023)';

/**
 * The payments an officer must resolve — partial, overpaid, duplicate, late, unmatched — as a worklist with claims
 * (docs/back-office.md): the collector who took the money and the planning-finance officer of the centralised
 * accounting list them (filter, sort), claim one so no colleague resolves it meanwhile, give it back, or resolve it
 * (refund or assign: `VoluntaryPayments.resolve`, here with a claim required). Reads and acts are audited: a list
 * read per payment whose reference names a participant, a claim and a release with the payment as the resource.
 * An officer with a province sees and acts in it (and on the payments no province is known for); another
 * province's payment answers 404 as one that does not exist.
 */
export class PaymentWorklist {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly payments: VoluntaryPayments,
    private readonly audit?: AuditRecorder,
  ) {}

  async list(officer: Officer, q: PaymentWorklistQuery) {
    const now = this.clock.now();
    const rows = await this.db.transaction(async (tx) => {
      const found = await store.list(tx, {
        province: officer.provinceCode,
        status: q.status ?? 'open',
        kind: q.kind ?? null,
        channel: q.channel ?? null,
        me: officer.username,
        claimedSince: new Date(now.getTime() - CLAIM_MINUTES * 60_000).toISOString(),
        sort: q.sort ?? 'received',
        order: q.order ?? 'asc',
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      // The list shows payers' names and the references of participants' dues: each read is recorded for the participant.
      if (this.audit)
        for (const r of found)
          if (r.subject_pin) await this.audit.record(tx, { actor: officer, action: 'worklist.read', purpose: `${PURPOSE} (worklist)`, subjectPin: r.subject_pin, resource: `payment/${r.id}` });
      return found;
    });
    return rows.map((r) => view(r, officer, now));
  }

  /** Takes a payment so no colleague resolves it meanwhile; the claim lapses after CLAIM_MINUTES. */
  async claim(officer: Officer, id: string) {
    return this.db.transaction(async (tx) => {
      const p = await this.found(tx, officer, id);
      if (p.outcome === 'matched' || p.resolution) throw nothingToResolve();
      const now = this.clock.now();
      const may = mayAct(claimOf(p), officer.username, now);
      if (!may.ok) throw claimedByAnother(may.heldBy, may.since, may.until);
      await store.setClaim(tx, id, officer.username, now.toISOString());
      await this.audit?.record(tx, { actor: officer, action: 'payment.claimed', purpose: PURPOSE, subjectPin: p.subject_pin, resource: `payment/${id}` });
      return view({ ...p, claimed_by: officer.username, claimed_at: now.toISOString() }, officer, now);
    });
  }

  /** Gives a payment back; only its holder may while the claim is in force. */
  async release(officer: Officer, id: string) {
    return this.db.transaction(async (tx) => {
      const p = await this.found(tx, officer, id);
      const now = this.clock.now();
      const live = liveClaim(claimOf(p), now);
      if (live && live.by !== officer.username) throw claimedByAnother(live.by, live.at, live.until);
      await store.setClaim(tx, id, null, null);
      if (live) await this.audit?.record(tx, { actor: officer, action: 'payment.released', purpose: PURPOSE, subjectPin: p.subject_pin, resource: `payment/${id}` });
      return view({ ...p, claimed_by: null, claimed_at: null }, officer, now);
    });
  }

  /** Refunds or assigns a payment the caller holds (409 `not-claimed` without a claim; the resolution ends it). */
  resolve(officer: Officer, id: string, r: Resolve) {
    return this.payments.resolve(officer, id, r, { claimRequired: true });
  }

  private async found(tx: Queryable, officer: Officer, id: string): Promise<PaymentItemRow> {
    const p = await store.item(tx, id, true);
    // Outside the officer's province it does not exist for them; a payment of no province concerns every office.
    if (!p || (officer.provinceCode && p.province_code && p.province_code !== officer.provinceCode)) throw new AppError('NOT_FOUND');
    return p;
  }
}

const claimOf = (p: PaymentItemRow) => ({ by: p.claimed_by, at: p.claimed_at ? new Date(p.claimed_at) : null });

const nothingToResolve = () => new AppError('CONFLICT', [fieldError('id', 'nothing-to-resolve', 'This payment is credited or already resolved.', 'Khoản tiền này đã được ghi có hoặc đã được xử lý.')]);

function view(p: PaymentItemRow, officer: Officer, now: Date) {
  return { ...paymentView(p), claim: claimView(claimOf(p), officer.username, now) };
}
