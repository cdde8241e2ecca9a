import type { Queryable } from '../../../platform/db/db.ts';
import { PAY_COLS, type PaymentRow } from '../payments/store.ts';

export type PaymentWorklistStatus = 'open' | 'mine' | 'resolved' | 'all';
export type PaymentWorklistSort = 'received' | 'value-date' | 'amount';

/** A payment on the worklist, with the participant it was meant for when its reference names a due (for the audit). */
export type PaymentItemRow = PaymentRow & { subject_pin: string | null };

export interface PaymentWorklistFilter {
  readonly province: string | null;
  readonly status: PaymentWorklistStatus;
  readonly kind: string | null;
  readonly channel: string | null;
  /** For `mine`: whose claim, and the earliest claim time still in force (now − CLAIM_MINUTES). */
  readonly me: string;
  readonly claimedSince: string;
  readonly sort: PaymentWorklistSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

const ORDER: Record<PaymentWorklistSort, string> = { received: 'recorded_at', 'value-date': 'value_date', amount: 'amount' };
const ROW = `${PAY_COLS}, (SELECT d.pin FROM social_security.voluntary_dues d WHERE d.reference = p.reference) AS subject_pin`;

/**
 * The payments worklist's SQL (schema `social_security`): the payments not (wholly) credited — partial, overpaid,
 * duplicate, late, unmatched — with their claims. Payments with no province (a transfer that named no due) are
 * everyone's: every provincial office sees them, as `payments/exceptions` always did.
 */
export const paymentWorklistStore = {
  async list(tx: Queryable, f: PaymentWorklistFilter): Promise<PaymentItemRow[]> {
    const dir = f.order === 'desc' ? 'DESC' : 'ASC';
    return tx.query<PaymentItemRow>(
      `SELECT ${ROW} FROM social_security.voluntary_payments p
       WHERE outcome <> 'matched'
         AND ($1::text IS NULL OR province_code IS NULL OR province_code = $1)
         AND CASE $2::text
               WHEN 'open' THEN resolution IS NULL
               WHEN 'mine' THEN resolution IS NULL AND claimed_by = $5 AND claimed_at > $6::timestamptz
               WHEN 'resolved' THEN resolution IS NOT NULL
               ELSE true END
         AND ($3::text IS NULL OR outcome = $3)
         AND ($4::text IS NULL OR channel = $4)
       ORDER BY ${ORDER[f.sort]} ${dir}, recorded_at ${dir}, id ${dir} LIMIT $7 OFFSET $8`,
      [f.province, f.status, f.kind, f.channel, f.me, f.claimedSince, f.limit, f.offset],
    );
  },

  async item(tx: Queryable, id: string, forUpdate = false): Promise<PaymentItemRow | undefined> {
    const [r] = await tx.query<PaymentItemRow>(`SELECT ${ROW} FROM social_security.voluntary_payments p WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r;
  },

  /** Takes (or, with nulls, gives back) a payment; a resolution ends the claim (payments/store.ts resolve). */
  async setClaim(tx: Queryable, id: string, by: string | null, at: string | null) {
    await tx.query('UPDATE social_security.voluntary_payments SET claimed_by = $2, claimed_at = $3 WHERE id = $1', [id, by, at]);
  },
};
