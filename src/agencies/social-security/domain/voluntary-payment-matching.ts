/**
 * How VSS's centralised accounting matches money received to what is due (seed 004: the payment voucher comes from
 * the centralised accounting software; Decision 49/QD-BHXH 2023). A transfer or a cash receipt names a payment
 * reference (voluntary-collection-account.ts: "BHXHTN" + SI code + serial); the amount is then compared with what
 * the reference still lacks. Nothing received is ever dropped: whatever cannot be credited is listed for an officer.
 *
 * Outcomes (documented choices, docs/voluntary-si.md):
 *  - 'matched'   the amount completes what is due (alone, or with earlier partial payments) → a voucher;
 *  - 'overpaid'  it completes what is due and more: the due is settled, the excess is listed for refund or assignment;
 *  - 'partial'   less than still outstanding: credited to the reference and listed; further payments under the same
 *                reference complete it (the earlier partial payments then leave the list);
 *  - 'duplicate' the reference is already paid: the whole amount is listed (a second transfer, never counted twice);
 *  - 'late'      received after the due's last day (value date), or for a due already lapsed: listed — a missed
 *                deadline suspends participation (DOMAIN.md §5) and late money is not silently credited;
 *  - 'unmatched' no reference, an unknown one, or several different ones: listed.
 *
 * The payment's value date (the day the bank credited it, or the day the cash was taken), not the day the
 * statement was imported, decides whether it was in time.
 */
import { compareDates, type IsoDate } from '../../../kernel/dates.ts';

/** "BHXHTN" + 10-digit SI code + 3-digit serial (voluntary-collection-account.ts `paymentReference`). */
const REFERENCE = /BHXHTN\d{13}/g;

/**
 * The payment references a transfer description names. Banks and payers mangle descriptions — lower case, spaces,
 * dots or dashes inside the reference — so letters and digits alone are compared, upper-cased.
 * Example: "Chuyen tien bhxhtn 3500000232-001 dong BHXH" → ["BHXHTN3500000232001"].
 */
export function referencesIn(description: string): string[] {
  const compact = description.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return [...new Set(compact.match(REFERENCE) ?? [])];
}

export interface DueState {
  readonly reference: string;
  readonly amountDue: number;
  readonly dueBy: IsoDate;
  readonly status: 'open' | 'paid' | 'lapsed';
  /** VND already credited to it by earlier (partial) payments. */
  readonly credited: number;
}

export interface Incoming {
  readonly amount: number;
  readonly valueDate: IsoDate;
}

export type MatchOutcome =
  | { readonly kind: 'matched'; readonly applied: number; readonly excess: 0; readonly settles: true }
  | { readonly kind: 'overpaid'; readonly applied: number; readonly excess: number; readonly settles: true }
  | { readonly kind: 'partial'; readonly applied: number; readonly excess: 0; readonly settles: false; readonly outstanding: number }
  | { readonly kind: 'duplicate' | 'late'; readonly applied: 0; readonly excess: number; readonly settles: false }
  | { readonly kind: 'unmatched'; readonly applied: 0; readonly excess: number; readonly settles: false; readonly why: 'no-reference' | 'unknown-reference' | 'several-references' };

export type ExceptionKind = Exclude<MatchOutcome['kind'], 'matched'>;
export const EXCEPTION_KINDS = ['partial', 'overpaid', 'duplicate', 'late', 'unmatched'] as const satisfies readonly ExceptionKind[];

/** What happens to one payment, given the references it names and the due (if any) the reference designates. */
export function matchPayment(p: Incoming, references: readonly string[], due: DueState | undefined): MatchOutcome {
  if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new RangeError(`a payment is a positive whole number of VND: ${p.amount}`);
  const unmatched = (why: 'no-reference' | 'unknown-reference' | 'several-references') => ({ kind: 'unmatched', applied: 0, excess: p.amount, settles: false, why }) as const;
  if (references.length === 0) return unmatched('no-reference');
  if (references.length > 1) return unmatched('several-references');
  if (!due || due.reference !== references[0]) return unmatched('unknown-reference');
  if (due.status === 'paid') return { kind: 'duplicate', applied: 0, excess: p.amount, settles: false };
  if (due.status === 'lapsed' || compareDates(p.valueDate, due.dueBy) > 0) return { kind: 'late', applied: 0, excess: p.amount, settles: false };
  const outstanding = due.amountDue - due.credited;
  if (p.amount < outstanding) return { kind: 'partial', applied: p.amount, excess: 0, settles: false, outstanding: outstanding - p.amount };
  if (p.amount === outstanding) return { kind: 'matched', applied: p.amount, excess: 0, settles: true };
  return { kind: 'overpaid', applied: outstanding, excess: p.amount - outstanding, settles: true };
}

/**
 * A due lapses once its last day has passed and the statements for that day have had time to arrive: a transfer made
 * on the last day is reported in the next working days' statements (the lag is an operational choice, *unconfirmed*:
 * VSS's own rule is not known). The late payment rule above still looks at the value date alone.
 */
export const STATEMENT_LAG_DAYS = 3;

/** The voucher's number: one book a year, numbered from 1 ("PT" — phiếu thu). Example: (2025, 12) → "PT-2025-0000012". */
export function voucherNumber(year: number, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 9_999_999) throw new RangeError(`voucher serial out of range: ${serial}`);
  return `PT-${year}-${String(serial).padStart(7, '0')}`;
}

/** A payer's account as kept: the last four digits only (data minimisation, Decree 13/2023/ND-CP art. 3). */
export function maskAccount(account: string | null | undefined): string | null {
  const digits = (account ?? '').replace(/\s/g, '');
  if (!digits) return null;
  return digits.length <= 4 ? '****' : `****${digits.slice(-4)}`;
}
