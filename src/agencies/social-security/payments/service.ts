import type { FieldIssue } from '../../../contracts/common.ts';
import type { PaymentVoucher } from '../../../contracts/voluntary-si-results.ts';
import { addDays, compareDates, vnDateOf, type IsoDate } from '../../../kernel/dates.ts';
import { AppError, fieldError } from '../../../kernel/errors.ts';
import { formatVnd } from '../../../kernel/rules/voluntary-money.ts';
import { viDate } from '../../../kernel/rules/voluntary-months.ts';
import { recordAll, type AuditRecorder } from '../../../platform/audit/audit-trail.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, Queryable } from '../../../platform/db/db.ts';
import type { HandlerContext, PartRuntime } from '../../../platform/messaging/part-runtime.ts';
import { claimedByAnother, liveClaim, mayAct, notClaimed } from '../../../platform/worklist/claims.ts';
import { STATEMENT_LAG_DAYS } from '../domain/voluntary-payment-matching.ts';
import type { CollectionAccount } from '../voluntary-collection-account.ts';
import { replyFor } from '../voluntary-handlers.ts';
import { voluntaryStore } from '../voluntary-store.ts';
import { receive, type Receipt, type Received } from './reconcile.ts';
import { paymentStore as store, type DueRow, type PaymentRow } from './store.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

export interface CashReceiptInput {
  reference: string;
  amount: number;
  receiptNumber: string;
  receivedOn?: string;
  payerName?: string;
}

export type Resolve = { action: 'refund'; reason: string } | { action: 'assign'; reference: string; reason: string };

const PURPOSE = 'voluntary SI collection (Decision 49/QD-BHXH 2023)';
/** The purpose of reading the payments not credited, as the payments worklist states it (worklist/payments-service.ts). */
const EXCEPTIONS_PURPOSE = 'voluntary SI collection: payments not credited (Decision 49/QD-BHXH 2023)';
const vnd = (n: number) => ({ en: `${formatVnd(n, 'en')} VND`, vi: `${formatVnd(n, 'vi')} đồng` });

/**
 * VSS's collection side of voluntary SI: cash receipts at collection points, the list of payments an officer must
 * look at and their resolution, the participant's own view, and the sweep that suspends participation whose deadline
 * passed and sends the hub the replies owed. Bank statements come in through payments/bank-statement-import.ts.
 */
export class VoluntaryPayments {
  constructor(
    private readonly db: Db,
    private readonly runtime: PartRuntime,
    private readonly clock: Clock,
    private readonly account: CollectionAccount,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Cash taken at a collection point in the officer's province, under a reference the participant brings. */
  async cashReceipt(officer: Officer, input: CashReceiptInput) {
    const today = vnDateOf(this.clock.now());
    const receivedOn = (input.receivedOn ?? today) as IsoDate;
    if (compareDates(receivedOn, today) > 0)
      throw new AppError('VALIDATION_FAILED', [fieldError('receivedOn', 'future-date', 'The cash cannot have been received in the future.', 'Ngày thu tiền không thể ở tương lai.')]);
    const due = await this.db.transaction((tx) => store.due(tx, input.reference));
    if (!due)
      throw new AppError('VALIDATION_FAILED', [fieldError('reference', 'unknown-reference', 'No payment is due under this reference; take no money.', 'Không có khoản phải đóng nào với mã thanh toán này; không thu tiền.')]);
    this.inArea(officer, due.province_code, 'reference');
    const received: Received = {
      channel: 'cash',
      transactionId: `${officer.provinceCode ?? '00'}:${input.receiptNumber}`,
      valueDate: receivedOn,
      amount: input.amount,
      payerName: input.payerName ?? null,
      payerAccount: null,
      description: `cash receipt ${input.receiptNumber}`,
      reference: input.reference,
      provinceCode: officer.provinceCode ?? due.province_code,
      source: `officer:${officer.username}`,
    };
    const out = await this.runtime.inTransaction(due.dossier_id, null, async (tx, ctx) => {
      const r = await receive(tx, ctx.now, received, this.account);
      if (r.status === 'conflict')
        throw new AppError('CONFLICT', [fieldError('receiptNumber', 'already-recorded', 'This receipt number was recorded with other details.', 'Số biên lai này đã được ghi nhận với thông tin khác.')]);
      // Cash is handed over in person: money a transfer would bring unbidden (for a paid or missed due) is not taken.
      if (r.status === 'recorded' && (r.payment.outcome === 'duplicate' || r.payment.outcome === 'late'))
        throw new AppError('CONFLICT', [
          r.payment.outcome === 'duplicate'
            ? fieldError('reference', 'already-paid', 'This reference is already paid; take no money.', 'Khoản phải đóng với mã thanh toán này đã được nộp; không thu tiền.')
            : fieldError('reference', 'deadline-passed', `The last day to pay under this reference was ${due.due_by}; take no money.`, `Hạn đóng của mã thanh toán này là ngày ${viDate(due.due_by as IsoDate)}; không thu tiền.`),
        ]);
      if (r.status === 'recorded') {
        await this.audit?.record(tx, { actor: officer, action: 'payment.cash-received', purpose: PURPOSE, subjectPin: due.pin, resource: `payment/${r.payment.id}`, details: { outcome: r.payment.outcome, amount: input.amount } });
        await this.deliverOwed(tx, ctx, due.dossier_id);
      }
      return r;
    });
    return receiptView(out);
  }

  /**
   * Payments not (wholly) credited — partial, overpaid, duplicate, late, unmatched — for an officer, oldest first. The
   * list shows payers' names and participants' references: as on the payments worklist (worklist/payments-service.ts),
   * the read is recorded for each participant a listed payment's reference names (issue 4: every read of a person's
   * data, with its purpose; Decree 13/2023/ND-CP art. 9.1 — the data subject's right to know how their data is processed).
   */
  async exceptions(officer: Officer, f: { kind?: string; status?: 'open' | 'resolved' | 'all'; limit?: number; offset?: number }) {
    const rows = await this.db.transaction(async (tx) => {
      const found = await store.exceptions(tx, { kind: f.kind, status: f.status ?? 'open', province: officer.provinceCode, limit: f.limit ?? 50, offset: f.offset ?? 0 });
      if (this.audit)
        await recordAll(
          this.audit,
          tx,
          found.flatMap((r) => (r.subject_pin ? [{ actor: officer, action: 'payments.exceptions.read', purpose: `${EXCEPTIONS_PURPOSE} (exceptions list)`, subjectPin: r.subject_pin, resource: `payment/${r.id}` }] : [])),
        );
      return found;
    });
    return rows.map(paymentView);
  }

  /**
   * An officer's resolution of a listed payment: refund it (what was not credited — for a partial payment, all of it,
   * which the due then lacks again), or assign it to the reference it was meant for, where it is matched anew.
   */
  async resolve(officer: Officer, id: string, r: Resolve, opts: { claimRequired?: boolean } = {}) {
    const found = await this.db.transaction((tx) => store.payment(tx, id));
    if (!found) throw new AppError('NOT_FOUND');
    this.inArea(officer, found.province_code, 'id', true);
    const target = r.action === 'assign' ? await this.db.transaction((tx) => store.due(tx, r.reference)) : undefined;
    if (r.action === 'assign') {
      if (!target) throw new AppError('VALIDATION_FAILED', [fieldError('reference', 'unknown-reference', 'No payment is due under this reference.', 'Không có khoản phải đóng nào với mã thanh toán này.')]);
      this.inArea(officer, target.province_code, 'reference');
    }
    // The due the payment was made under, if its reference names one: its participant is whom the resolution concerns.
    const own = found.reference ? await this.db.transaction((tx) => store.due(tx, found.reference!)) : undefined;
    const dossierId = target?.dossier_id ?? own?.dossier_id;
    const work = async (tx: Queryable, ctx: HandlerContext | null) => {
      const p = (await store.payment(tx, id, true))!;
      if (p.outcome === 'matched' || p.resolution)
        throw new AppError('CONFLICT', [fieldError('id', 'nothing-to-resolve', 'This payment is credited or already resolved.', 'Khoản tiền này đã được ghi có hoặc đã được xử lý.')]);
      const now = ctx?.now ?? this.clock.now();
      // The worklist's claim rules (platform/worklist/claims.ts): another officer's live claim blocks the resolution;
      // on the worklist route a claim of one's own is required, on the older route none (existing clients).
      const claim = { by: p.claimed_by, at: p.claimed_at ? new Date(p.claimed_at) : null };
      const may = mayAct(claim, officer.username, now);
      if (!may.ok) throw claimedByAnother(may.heldBy, may.since, may.until);
      if (opts.claimRequired && !liveClaim(claim, now)) throw notClaimed();
      // A partial payment leaves its due whole: it is refunded or moved as a whole.
      const detach = p.outcome === 'partial';
      const money = detach ? p.amount : p.excess;
      let assigned: Receipt | null = null;
      if (r.action === 'assign') {
        assigned = await receive(tx, now, {
          channel: p.channel,
          transactionId: `${p.transaction_id}#assigned`,
          valueDate: p.value_date as IsoDate,
          amount: money,
          payerName: p.payer_name,
          payerAccount: p.payer_account,
          description: `assigned from payment ${p.id}: ${r.reason}`,
          reference: r.reference,
          provinceCode: p.province_code,
          source: `officer:${officer.username}`,
        }, this.account);
      }
      const assignedId = assigned && assigned.status !== 'conflict' ? assigned.payment.id : undefined;
      await store.resolve(tx, id, { action: r.action, reason: r.reason, by: `officer:${officer.username}`, at: now.toISOString(), ...(r.action === 'assign' ? { reference: r.reference } : {}), ...(assignedId ? { assignedAs: assignedId } : {}) }, detach);
      await this.audit?.record(tx, { actor: officer, action: 'payment.resolved', purpose: PURPOSE, subjectPin: target?.pin ?? own?.pin ?? null, resource: `payment/${id}`, details: { action: r.action, amount: money } });
      if (ctx && target) await this.deliverOwed(tx, ctx, target.dossier_id);
      return { id, action: r.action, amount: money, assigned: assigned && assigned.status !== 'conflict' ? receiptView(assigned) : null };
    };
    return dossierId ? this.runtime.inTransaction(dossierId, null, work) : this.db.transaction((tx) => work(tx, null));
  }

  /** The participant's own voluntary SI: status, periods paid, what is due next and how to pay it, the cover sheet. */
  async mine(pin: string) {
    return this.db.transaction(async (tx) => {
      const regs = await voluntaryStore.registrationsOf(tx, pin);
      const reg = [...regs].sort((a, b) => (a.registered_on < b.registered_on ? -1 : a.registered_on > b.registered_on ? 1 : 0)).at(-1);
      const notices = await store.notices(tx, pin);
      if (!reg) return { participation: null, notices };
      const dues = (await store.duesOf(tx, pin)).filter((d) => d.dossier_id === reg.dossier_id);
      const next = dues.find((d) => d.status === 'open') ?? null;
      const periods = await store.participationOf(tx, pin);
      return {
        participation: {
          status: reg.status,
          since: reg.status_since,
          dossierId: reg.dossier_id,
          siCode: reg.si_code,
          method: reg.method,
          monthlyIncome: reg.monthly_income,
          supportGroup: reg.support_group,
          registeredOn: reg.registered_on,
          paidThrough: periods.at(-1)?.to ?? null,
          periods: periods.map(({ supportedMonths: _s, recordedOn, ...p }) => ({ ...p, recordedOn })),
          nextDue: next && dueView(next),
          coverSheet: (await store.coverSheet(tx, pin)) ?? null,
        },
        notices,
      };
    });
  }

  /**
   * The part's periodic work, idempotent (a second run finds nothing): dues unpaid past their last day (and the
   * statement lag) lapse — a first payment refuses the registration's procedure, a renewal suspends participation
   * and tells the participant — and the replies owed to the hub (a statement imported outside this process) are sent.
   */
  async sweep(): Promise<{ lapsed: number; notified: number }> {
    const today = vnDateOf(this.clock.now());
    const cutoff = addDays(today, -STATEMENT_LAG_DAYS);
    let lapsed = 0;
    for (;;) {
      const batch = await this.db.transaction((tx) => store.openDuesBefore(tx, cutoff, 100));
      for (const d of batch) lapsed += await this.runtime.inTransaction(d.dossier_id, null, (tx, ctx) => this.lapse(tx, ctx, d.reference, cutoff));
      if (batch.length < 100) break;
    }
    let notified = 0;
    for (;;) {
      const ids = await this.db.transaction((tx) => voluntaryStore.owedHubNotices(tx, 100));
      for (const id of ids) notified += await this.runtime.inTransaction(id, null, (tx, ctx) => this.deliverOwed(tx, ctx, id));
      if (ids.length < 100) break;
    }
    return { lapsed, notified };
  }

  private async lapse(tx: Queryable, ctx: HandlerContext, reference: string, cutoff: string): Promise<number> {
    const due = await store.due(tx, reference, true);
    if (due?.status !== 'open' || due.due_by >= cutoff) return 0;
    const today = vnDateOf(ctx.now);
    await store.setDueStatus(tx, reference, 'lapsed', today);
    const amount = vnd(due.amount_due);
    if (due.kind === 'registration') {
      const reasons: FieldIssue[] = [{
        path: 'payment.reference',
        code: 'not-paid-by-deadline',
        reason: `No payment of ${amount.en} under reference ${due.reference} was received by ${due.due_by}, the last day to pay: the registration is void. Register again to participate.`,
        reasonVi: `Không nhận được khoản đóng ${amount.vi} với mã thanh toán ${due.reference} đến hết ngày ${viDate(due.due_by as IsoDate)} (hạn đóng): đăng ký không còn hiệu lực. Vui lòng đăng ký lại để tham gia.`,
      }];
      await voluntaryStore.setStatus(tx, due.dossier_id, { status: 'lapsed', on: today, reasons, notice: 'rejected' });
      await this.deliverOwed(tx, ctx, due.dossier_id);
      return 1;
    }
    // A renewal missed: participation is suspended from the month it was due for (DOMAIN.md §5).
    await voluntaryStore.setStatus(tx, due.dossier_id, { status: 'suspended', on: today });
    await store.notify(tx, {
      pin: due.pin,
      at: ctx.now.toISOString(),
      code: 'participation-suspended',
      reference: due.reference,
      message: `Your voluntary SI participation is suspended from ${due.period_from}: ${amount.en} under reference ${due.reference} was not paid by ${due.due_by}. Register again to resume.`,
      messageVi: `Việc tham gia BHXH tự nguyện của bạn bị tạm dừng từ tháng ${due.period_from}: khoản đóng ${amount.vi} với mã thanh toán ${due.reference} chưa được nộp đến hết ngày ${viDate(due.due_by as IsoDate)}. Vui lòng đăng ký lại để tiếp tục tham gia.`,
    });
    return 1;
  }

  /** Sends the hub the reply a registration owes it, once. */
  private async deliverOwed(tx: Queryable, ctx: HandlerContext, dossierId: string): Promise<number> {
    const reg = await voluntaryStore.registrationForDossier(tx, dossierId, true);
    if (!reg?.hub_notice) return 0;
    await replyFor(ctx, reg);
    await voluntaryStore.clearHubNotice(tx, dossierId);
    return 1;
  }

  /** An officer with a province sees and acts only in it (national officers everywhere); unattributed transfers concern all. */
  private inArea(officer: Officer, province: string | null, path: string, hide = false) {
    if (!officer.provinceCode || !province || officer.provinceCode === province) return;
    if (hide) throw new AppError('NOT_FOUND');
    throw new AppError('FORBIDDEN', [fieldError(path, 'outside-area', `This is handled by the social security office of province ${province}.`, `Khoản này do cơ quan BHXH tỉnh mã ${province} quản lý.`)]);
  }
}

export function paymentView(p: PaymentRow) {
  return {
    id: p.id,
    kind: p.outcome,
    channel: p.channel,
    transactionId: p.transaction_id,
    valueDate: p.value_date,
    amount: p.amount,
    credited: p.applied,
    toResolve: p.excess,
    reference: p.reference,
    payerName: p.payer_name,
    payerAccount: p.payer_account,
    description: p.description,
    note: p.note,
    provinceCode: p.province_code,
    source: p.source,
    recordedAt: p.recorded_at,
    resolution: p.resolution,
  };
}

function dueView(d: DueRow) {
  return {
    reference: d.reference,
    kind: d.kind,
    method: d.method,
    periodFrom: d.period_from,
    periodTo: d.period_to,
    months: d.months,
    amountDue: d.amount_due,
    dueBy: d.due_by,
    ruleVersion: d.rule_version,
    legalBasis: d.legal_basis,
    ...d.payment,
  };
}

function receiptView(r: Receipt): { payment: ReturnType<typeof paymentView>; replayed: boolean; voucher: PaymentVoucher | null } {
  return { payment: paymentView(r.payment), replayed: r.status === 'unchanged', voucher: r.status === 'conflict' ? null : r.voucher };
}
