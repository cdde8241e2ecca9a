import type { ParticipationPeriod, PaymentVoucher, SiBookCoverSheet } from '../../../contracts/voluntary-si-results.ts';
import type { Queryable } from '../../../platform/db/db.ts';
import type { ContributionDecision } from '../domain/voluntary-contribution.ts';

export interface DueRow {
  reference: string;
  dossier_id: string;
  pin: string;
  si_code: string;
  kind: 'registration' | 'renewal';
  method: string;
  monthly_income: number;
  period_from: string;
  period_to: string;
  months: number;
  supported_months: number;
  amount_due: number;
  due_by: string;
  province_code: string | null;
  status: 'open' | 'paid' | 'lapsed';
  rule_version: string;
  legal_basis: string;
  payment: { qrPayload: string; bankBin: string; accountNumber: string; accountName: string };
  created_on: string;
  settled_on: string | null;
}

/** The columns of a due (and of the registration that opens one) that the computed contribution gives. */
export function periodColumnsOf(c: ContributionDecision): Pick<DueRow, 'monthly_income' | 'period_from' | 'period_to' | 'months' | 'supported_months' | 'amount_due' | 'due_by'> {
  return { monthly_income: c.monthlyIncome, period_from: c.periodFrom, period_to: c.periodTo, months: c.months, supported_months: c.supportedMonths, amount_due: c.amountDue, due_by: c.dueBy };
}

export type PaymentOutcome = 'matched' | 'partial' | 'overpaid' | 'duplicate' | 'late' | 'unmatched';

export interface Resolution {
  action: 'refund' | 'assign';
  reason: string;
  by: string;
  at: string;
  reference?: string;
  /** For 'assign': the payment the money went on as (its id). */
  assignedAs?: string;
}

export interface PaymentRow {
  id: string;
  channel: 'bank-transfer' | 'cash';
  transaction_id: string;
  value_date: string;
  amount: number;
  payer_name: string | null;
  payer_account: string | null;
  description: string;
  reference: string | null;
  outcome: PaymentOutcome;
  applied: number;
  excess: number;
  note: string | null;
  province_code: string | null;
  source: string;
  recorded_at: string;
  resolution: Resolution | null;
  /** The officer holding the payment on the worklist, and since when (worklist/payments-service.ts). */
  claimed_by: string | null;
  claimed_at: string | null;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const DUE_COLS = `reference, dossier_id, pin, si_code, kind, method, monthly_income::float8 AS monthly_income, period_from, period_to, months, supported_months,
  amount_due::float8 AS amount_due, due_by::text AS due_by, province_code, status, rule_version, legal_basis, payment, created_on::text AS created_on, settled_on::text AS settled_on`;
export const PAY_COLS = `id, channel, transaction_id, value_date::text AS value_date, amount::float8 AS amount, payer_name, payer_account, description, reference, outcome,
  applied::float8 AS applied, excess::float8 AS excess, note, province_code, source, ${iso('recorded_at')} AS recorded_at, resolution, claimed_by, ${iso('claimed_at')} AS claimed_at`;

/** Social security's SQL for voluntary SI payments (schema `social_security`): dues, money received, vouchers, participation. */
export const paymentStore = {
  async insertDue(tx: Queryable, d: Omit<DueRow, 'status' | 'settled_on'>) {
    await tx.query(
      `INSERT INTO social_security.voluntary_dues (reference, dossier_id, pin, si_code, kind, method, monthly_income, period_from, period_to, months, supported_months,
         amount_due, due_by, province_code, status, rule_version, legal_basis, payment, created_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, $16, $17, $18)`,
      [d.reference, d.dossier_id, d.pin, d.si_code, d.kind, d.method, d.monthly_income, d.period_from, d.period_to, d.months, d.supported_months,
        d.amount_due, d.due_by, d.province_code, d.rule_version, d.legal_basis, JSON.stringify(d.payment), d.created_on],
    );
  },

  async due(tx: Queryable, reference: string, forUpdate = false): Promise<DueRow | undefined> {
    const [r] = await tx.query<DueRow>(`SELECT ${DUE_COLS} FROM social_security.voluntary_dues WHERE reference = $1${forUpdate ? ' FOR UPDATE' : ''}`, [reference]);
    return r;
  },

  async duesOf(tx: Queryable, pin: string): Promise<DueRow[]> {
    return tx.query<DueRow>(`SELECT ${DUE_COLS} FROM social_security.voluntary_dues WHERE pin = $1 ORDER BY period_from, created_on`, [pin]);
  },

  async countDuesOf(tx: Queryable, pin: string): Promise<number> {
    const [r] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM social_security.voluntary_dues WHERE pin = $1', [pin]);
    return r!.n;
  },

  /** Open dues whose last day is before `cutoff`. */
  async openDuesBefore(tx: Queryable, cutoff: string, limit: number): Promise<{ reference: string; dossier_id: string }[]> {
    return tx.query(`SELECT reference, dossier_id FROM social_security.voluntary_dues WHERE status = 'open' AND due_by < $1::date ORDER BY due_by LIMIT $2`, [cutoff, limit]);
  },

  async setDueStatus(tx: Queryable, reference: string, status: 'paid' | 'lapsed', on: string) {
    await tx.query('UPDATE social_security.voluntary_dues SET status = $2, settled_on = $3 WHERE reference = $1', [reference, status, on]);
  },

  async paymentByTransaction(tx: Queryable, channel: string, transactionId: string): Promise<PaymentRow | undefined> {
    const [r] = await tx.query<PaymentRow>(`SELECT ${PAY_COLS} FROM social_security.voluntary_payments WHERE channel = $1 AND transaction_id = $2`, [channel, transactionId]);
    return r;
  },

  async payment(tx: Queryable, id: string, forUpdate = false): Promise<PaymentRow | undefined> {
    const [r] = await tx.query<PaymentRow>(`SELECT ${PAY_COLS} FROM social_security.voluntary_payments WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r;
  },

  /** The payments credited to a reference (applied > 0), oldest first. */
  async creditedTo(tx: Queryable, reference: string): Promise<PaymentRow[]> {
    return tx.query<PaymentRow>(`SELECT ${PAY_COLS} FROM social_security.voluntary_payments WHERE reference = $1 AND applied > 0 ORDER BY value_date, recorded_at, id`, [reference]);
  },

  async insertPayment(tx: Queryable, p: Omit<PaymentRow, 'resolution' | 'claimed_by' | 'claimed_at'>) {
    await tx.query(
      `INSERT INTO social_security.voluntary_payments (id, channel, transaction_id, value_date, amount, payer_name, payer_account, description, reference, outcome,
         applied, excess, note, province_code, source, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [p.id, p.channel, p.transaction_id, p.value_date, p.amount, p.payer_name, p.payer_account, p.description, p.reference, p.outcome,
        p.applied, p.excess, p.note, p.province_code, p.source, p.recorded_at],
    );
  },

  /** Once a due is settled, its partial payments are no longer exceptions: they are part of the voucher. */
  async closePartials(tx: Queryable, reference: string) {
    await tx.query(`UPDATE social_security.voluntary_payments SET outcome = 'matched' WHERE reference = $1 AND outcome = 'partial' AND resolution IS NULL`, [reference]);
  },

  async resolve(tx: Queryable, id: string, r: Resolution, detach: boolean) {
    await tx.query(
      `UPDATE social_security.voluntary_payments SET resolution = $2, claimed_by = NULL, claimed_at = NULL,
         excess = CASE WHEN $3 THEN amount ELSE excess END, applied = CASE WHEN $3 THEN 0 ELSE applied END
       WHERE id = $1`,
      [id, JSON.stringify(r), detach],
    );
  },

  /**
   * Payments an officer must look at: not (wholly) credited, and not yet resolved — or resolved, when asked for. Each
   * with the participant its reference names, if any (`subject_pin`: for the audit of the read, never shown).
   */
  async exceptions(tx: Queryable, f: { kind?: string | undefined; status: 'open' | 'resolved' | 'all'; province: string | null; limit: number; offset: number }): Promise<(PaymentRow & { subject_pin: string | null })[]> {
    return tx.query<PaymentRow & { subject_pin: string | null }>(
      `SELECT ${PAY_COLS}, (SELECT d.pin FROM social_security.voluntary_dues d WHERE d.reference = p.reference) AS subject_pin
       FROM social_security.voluntary_payments p
       WHERE outcome <> 'matched'
         AND ($1::text IS NULL OR outcome = $1)
         AND ($2 = 'all' OR ($2 = 'open') = (resolution IS NULL))
         AND ($3::text IS NULL OR province_code IS NULL OR province_code = $3)
       ORDER BY recorded_at, id LIMIT $4 OFFSET $5`,
      [f.kind ?? null, f.status, f.province, f.limit, f.offset],
    );
  },

  /** The next number in the year's book of payment vouchers. */
  async nextVoucherSerial(tx: Queryable, year: number): Promise<number> {
    const [r] = await tx.query<{ last_number: number }>(
      `INSERT INTO social_security.decision_books (book, last_number) VALUES ($1, 1)
       ON CONFLICT (book) DO UPDATE SET last_number = social_security.decision_books.last_number + 1 RETURNING last_number`,
      [`payment-vouchers:${year}`],
    );
    return Number(r!.last_number);
  },

  async insertVoucher(tx: Queryable, dossierId: string, pin: string, v: PaymentVoucher) {
    await tx.query(
      `INSERT INTO social_security.payment_vouchers (number, reference, dossier_id, pin, issued_on, amount, received, voucher, verification_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [v.number, v.reference, dossierId, pin, v.issuedOn, v.amount, v.received, JSON.stringify(v), v.verificationCode],
    );
  },

  async voucherFor(tx: Queryable, reference: string): Promise<PaymentVoucher | undefined> {
    const [r] = await tx.query<{ voucher: PaymentVoucher }>('SELECT voucher FROM social_security.payment_vouchers WHERE reference = $1', [reference]);
    return r?.voucher;
  },

  async insertParticipation(tx: Queryable, pin: string, siCode: string, p: ParticipationPeriod, supportedMonths: number, on: string) {
    await tx.query(
      `INSERT INTO social_security.voluntary_participation (voucher_number, pin, si_code, month_from, month_to, months, monthly_income, supported_months, recorded_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [p.voucherNumber, pin, siCode, p.from, p.to, p.months, p.monthlyIncome, supportedMonths, on],
    );
  },

  async participationOf(tx: Queryable, pin: string): Promise<(ParticipationPeriod & { supportedMonths: number; recordedOn: string })[]> {
    return tx.query(
      `SELECT month_from AS "from", month_to AS "to", months, monthly_income::float8 AS "monthlyIncome", 'voluntary' AS scheme, voucher_number AS "voucherNumber",
         supported_months AS "supportedMonths", recorded_on::text AS "recordedOn"
       FROM social_security.voluntary_participation WHERE pin = $1 ORDER BY month_from`,
      [pin],
    );
  },

  async coverSheet(tx: Queryable, pin: string): Promise<SiBookCoverSheet | undefined> {
    const [r] = await tx.query<{ sheet: SiBookCoverSheet }>('SELECT sheet FROM social_security.si_book_cover_sheets WHERE pin = $1', [pin]);
    return r?.sheet;
  },

  async insertCoverSheet(tx: Queryable, voucherNumber: string, s: SiBookCoverSheet) {
    await tx.query(
      `INSERT INTO social_security.si_book_cover_sheets (pin, si_code, voucher_number, issued_on, sheet, verification_code) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.pin, s.siCode, voucherNumber, s.issuedOn, JSON.stringify(s), s.verificationCode],
    );
  },

  /** How many contribution periods VSS's record holds for the person (compulsory or voluntary). */
  async recordPeriodCount(tx: Queryable, pin: string): Promise<number> {
    const [r] = await tx.query<{ n: number }>('SELECT jsonb_array_length(periods)::int AS n FROM social_security.insured WHERE pin = $1', [pin]);
    return r?.n ?? 0;
  },

  async notify(tx: Queryable, n: { pin: string; at: string; code: string; reference: string; message: string; messageVi: string }) {
    await tx.query(
      `INSERT INTO social_security.voluntary_notices (pin, at, code, reference, message, message_vi) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reference, code) DO NOTHING`,
      [n.pin, n.at, n.code, n.reference, n.message, n.messageVi],
    );
  },

  async notices(tx: Queryable, pin: string) {
    return tx.query<{ at: string; code: string; reference: string; message: string; messageVi: string }>(
      `SELECT ${iso('at')} AS at, code, reference, message, message_vi AS "messageVi" FROM social_security.voluntary_notices WHERE pin = $1 ORDER BY at DESC, id DESC LIMIT 50`,
      [pin],
    );
  },
};
