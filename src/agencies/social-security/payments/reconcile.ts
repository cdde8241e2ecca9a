import { randomUUID } from 'node:crypto';
import type { PaymentVoucher, ParticipationPeriod, VoluntarySiCompletedResult, VoluntarySiRegistrationResult } from '../../../contracts/voluntary-si-results.ts';
import { vnDateOf, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';
import type { Queryable } from '../../../platform/db/db.ts';
import { verificationCode } from '../../../platform/verification-code.ts';
import { nextRenewal, type PaymentMethod } from '../domain/voluntary-contribution.ts';
import { loadRuleBook } from '../rules/store.ts';
import { matchPayment, referencesIn, voucherNumber, type MatchOutcome } from '../domain/voluntary-payment-matching.ts';
import { coverSheetData, isFirstParticipation, renewalMethodAfter } from '../domain/voluntary-participation.ts';
import { monthsAlreadySupported } from '../domain/voluntary-support-claim.ts';
import type { SupportGroup } from '../domain/voluntary-support.ts';
import { vietQrPayload } from '../domain/vietqr.ts';
import { paymentReference, type CollectionAccount } from '../voluntary-collection-account.ts';
import { voluntaryStore } from '../voluntary-store.ts';
import { paymentStore as store, periodColumnsOf, type DueRow, type PaymentRow } from './store.ts';

/** Money received, as the bank statement or the cashier reports it. */
export interface Received {
  readonly channel: 'bank-transfer' | 'cash';
  /** The bank's transaction id, or the collection point's receipt number: a second report of it is the same money. */
  readonly transactionId: string;
  readonly valueDate: IsoDate;
  readonly amount: number;
  readonly payerName: string | null;
  /** Already masked (voluntary-payment-matching.ts maskAccount). */
  readonly payerAccount: string | null;
  readonly description: string;
  /** The reference the cashier was given; a transfer's is read from its description. */
  readonly reference?: string;
  /** Where cash was taken; a transfer's province is its due's. */
  readonly provinceCode?: string | null;
  /** Who reported it: `statement:FILE`, `officer:USERNAME`. */
  readonly source: string;
}

export type Receipt =
  | { readonly status: 'recorded'; readonly payment: PaymentRow; readonly voucher: PaymentVoucher | null; readonly due: DueRow | undefined }
  | { readonly status: 'unchanged'; readonly payment: PaymentRow; readonly voucher: PaymentVoucher | null }
  | { readonly status: 'conflict'; readonly payment: PaymentRow };

const same = (a: PaymentRow, b: Received) =>
  a.amount === b.amount && a.value_date === b.valueDate && a.description === b.description && (b.reference === undefined || a.reference === b.reference);

/**
 * Records one payment and credits it by the matching rule (domain/voluntary-payment-matching.ts). A payment that
 * settles its due produces the voucher and everything that follows it (`settle`). Reporting the same transaction
 * again changes nothing ('unchanged'); the same transaction id with other content is a 'conflict', recorded nowhere.
 */
export async function receive(tx: Queryable, now: Date, p: Received, account: CollectionAccount): Promise<Receipt> {
  const seen = await store.paymentByTransaction(tx, p.channel, p.transactionId);
  if (seen) return same(seen, p) ? { status: 'unchanged', payment: seen, voucher: seen.reference ? ((await store.voucherFor(tx, seen.reference)) ?? null) : null } : { status: 'conflict', payment: seen };
  const refs = p.reference ? [p.reference] : referencesIn(p.description);
  const due = refs.length === 1 ? await store.due(tx, refs[0]!, true) : undefined;
  const credited = due ? (await store.creditedTo(tx, due.reference)).reduce((n, x) => n + x.applied, 0) : 0;
  const outcome: MatchOutcome = matchPayment(
    { amount: p.amount, valueDate: p.valueDate },
    refs,
    due && { reference: due.reference, amountDue: due.amount_due, dueBy: due.due_by as IsoDate, status: due.status, credited },
  );
  const payment: PaymentRow = {
    id: randomUUID(),
    channel: p.channel,
    transaction_id: p.transactionId,
    value_date: p.valueDate,
    amount: p.amount,
    payer_name: p.payerName,
    payer_account: p.payerAccount,
    description: p.description,
    reference: due?.reference ?? (refs.length === 1 ? refs[0]! : null),
    outcome: outcome.kind,
    applied: outcome.applied,
    excess: outcome.excess,
    note: outcome.kind === 'unmatched' ? outcome.why : outcome.kind === 'partial' ? `outstanding ${outcome.outstanding}` : null,
    province_code: due?.province_code ?? p.provinceCode ?? null,
    source: p.source,
    recorded_at: now.toISOString(),
    resolution: null,
    claimed_by: null,
    claimed_at: null,
  };
  await store.insertPayment(tx, payment);
  const voucher = outcome.settles ? await settle(tx, now, due!, account) : null;
  return { status: 'recorded', payment, voucher, due };
}

/**
 * A due fully paid: the voucher (centralised accounting), the participation period and, on first participation,
 * the SI book cover sheet (book-and-card records, Decision 1188/QD-BHXH; seed 004), the next period's due, and —
 * for the registration's first payment — the completed result owed to the hub.
 */
export async function settle(tx: Queryable, now: Date, due: DueRow, account: CollectionAccount): Promise<PaymentVoucher> {
  const today = vnDateOf(now);
  const reg = (await voluntaryStore.registrationForDossier(tx, due.dossier_id, true))!;
  const paid = await store.creditedTo(tx, due.reference);
  const voucher: PaymentVoucher = {
    number: voucherNumber(Number(today.slice(0, 4)), await store.nextVoucherSerial(tx, Number(today.slice(0, 4)))),
    issuedOn: today,
    reference: due.reference,
    siCode: due.si_code,
    payer: { pin: due.pin, fullName: reg.participant?.fullName ?? null },
    amount: due.amount_due,
    received: paid.reduce((n, x) => n + x.amount, 0),
    channels: [...new Set(paid.map((x) => x.channel))],
    periodFrom: due.period_from,
    periodTo: due.period_to,
    months: due.months,
    verificationCode: verificationCode(),
  };
  await store.insertVoucher(tx, due.dossier_id, due.pin, voucher);
  await store.setDueStatus(tx, due.reference, 'paid', today);
  await store.closePartials(tx, due.reference);

  const participation: ParticipationPeriod = { from: due.period_from, to: due.period_to, months: due.months, monthlyIncome: due.monthly_income, scheme: 'voluntary', voucherNumber: voucher.number };
  const first = isFirstParticipation(await store.recordPeriodCount(tx, due.pin), !!(await store.coverSheet(tx, due.pin))) && (await store.participationOf(tx, due.pin)).length === 0;
  await store.insertParticipation(tx, due.pin, due.si_code, participation, due.supported_months, today);
  let coverSheet = null;
  if (first) {
    coverSheet = coverSheetData({
      siCode: due.si_code,
      pin: due.pin,
      fullName: reg.participant?.fullName ?? null,
      dateOfBirth: (reg.participant?.dateOfBirth ?? null) as IsoDate | null,
      sex: reg.participant?.sex ?? null,
      firstParticipationMonth: due.period_from as IsoMonth,
      provinceCode: due.province_code ?? due.si_code.slice(0, 2),
      issuedOn: today,
      verificationCode: verificationCode(),
    });
    await store.insertCoverSheet(tx, voucher.number, coverSheet);
  }
  await openRenewal(tx, now, due, reg.support_group as SupportGroup, account);

  if (due.kind === 'registration') {
    const result: VoluntarySiCompletedResult = { ...(reg.result as VoluntarySiRegistrationResult), voucher, participation, coverSheet };
    await voluntaryStore.setStatus(tx, due.dossier_id, { status: 'active', on: today, result, notice: 'completed' });
  }
  return voucher;
}

/**
 * The next period's due, computed with the rules in force for its months (voluntary-contribution.ts `nextRenewal`),
 * the same income and support group: it appears to the participant without a new registration. When the rules cannot
 * renew (the income fell below a risen floor, or no rules yet for the period) the participant is told instead.
 */
async function openRenewal(tx: Queryable, now: Date, paid: DueRow, group: SupportGroup, account: CollectionAccount): Promise<void> {
  const method = renewalMethodAfter(paid.method as PaymentMethod);
  if (!method) return;
  const today = vnDateOf(now);
  const supported = (await store.participationOf(tx, paid.pin)).reduce((n, p) => n + p.supportedMonths, 0);
  const history = monthsAlreadySupported(await voluntaryStore.voluntaryPeriods(tx, paid.pin), supported);
  let out;
  try {
    // With the rule book as it stands now (rules/store.ts): a version an operator added applies to the months it covers.
    const rules = (await loadRuleBook(tx)).book;
    out = nextRenewal({ lastPaidThrough: paid.period_to as IsoMonth, lastMethod: paid.method as PaymentMethod, nextMethod: method, monthlyIncome: paid.monthly_income, supportGroups: [group], monthsAlreadySupported: history, rules });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    out = null;
  }
  if (!out?.ok) {
    await store.notify(tx, {
      pin: paid.pin,
      at: now.toISOString(),
      code: 'renewal-not-computed',
      reference: paid.reference,
      message: out ? `${out.problem.reason} Register again with a new income to go on after ${paid.period_to}.` : `The next period after ${paid.period_to} cannot be computed yet; register again at the social security office.`,
      messageVi: out ? `${out.problem.reasonVi} Vui lòng đăng ký lại với mức thu nhập mới để tiếp tục tham gia sau tháng ${paid.period_to}.` : `Chưa tính được kỳ đóng tiếp theo sau tháng ${paid.period_to}; vui lòng đăng ký lại tại cơ quan BHXH.`,
    });
    return;
  }
  const c = out.decision;
  const reference = paymentReference(paid.si_code, (await store.countDuesOf(tx, paid.pin)) + 1);
  await store.insertDue(tx, {
    reference,
    dossier_id: paid.dossier_id,
    pin: paid.pin,
    si_code: paid.si_code,
    kind: 'renewal',
    method,
    ...periodColumnsOf(c),
    province_code: paid.province_code,
    rule_version: c.ruleVersion,
    legal_basis: c.legalBasis,
    payment: { qrPayload: vietQrPayload({ bin: account.bankBin, accountNumber: account.accountNumber, amount: c.amountDue, reference }), bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName },
    created_on: today,
  });
}
