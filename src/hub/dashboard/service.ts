import { addDays, compareDates, daysBetween, isIsoDate, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { WorkingCalendar } from '../../kernel/calendar/index.ts';
import { AppError, fieldError, type FieldError } from '../../kernel/errors.ts';
import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import { maySee } from '../access.ts';
import { GROUPS } from '../groups/catalogue.ts';
import { hubStore } from '../store.ts';
import { isOverdue, spanOutcome, Tally, type Figures } from './domain/sla.ts';
import { redactPayload } from './redact.ts';
import { dashboardStore as store, type SlaRow } from './store.ts';

/** The longest period one request may cover (a leap year). */
export const MAX_PERIOD_DAYS = 366;
/** The default period when none is given: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

export interface SlaQuery {
  readonly from?: string;
  readonly to?: string;
  readonly provinceCode?: string;
  readonly group?: string;
  readonly procedure?: string;
}

type Officer = Extract<Principal, { kind: 'officer' }>;

/** What the clock of "working days to complete" leaves out, said in the answer itself. */
const CLOCK = {
  from: 'the first dispatch to the agency (the working day after, as the law counts: Civil Code 2015 art. 147.1)',
  to: 'the agency’s answer: completion, refusal, or the payment notice of a voluntary SI registration',
  excludes: ['awaiting-supplement: the working days between a supplement request and its answer', 'awaiting-payment: the time the citizen takes to pay (after the agency’s answer)'],
  onTime: 'answered on or before the agency’s last day as set at its last dispatch (a supplement answered restarts it), in Vietnam’s date',
};

/** The SLA dashboard and the dossier's whole history, for the back office (issue 7). Read-only. */
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly audit?: AuditTrail,
  ) {}

  async sla(officer: Officer, q: SlaQuery) {
    const today = vnDateOf(this.clock.now());
    const { from, to } = period(q, today);
    const errors: FieldError[] = [];
    if (q.group !== undefined && !GROUPS[q.group]) errors.push(fieldError('query.group', 'unknown-group', `Unknown procedure group ${q.group}.`, `Không có nhóm thủ tục ${q.group}.`));
    const catalogue = Object.values(GROUPS)
      .filter((g) => q.group === undefined || g.code === q.group)
      .flatMap((g) => g.procedures.map((p) => ({ group: g.code, procedure: p.code, title: p.title, agency: p.agency, timeLimit: p.timeLimit })));
    if (q.procedure !== undefined && !errors.length && !catalogue.some((c) => c.procedure === q.procedure))
      errors.push(fieldError('query.procedure', 'unknown-procedure', `No procedure ${q.procedure}${q.group ? ` in group ${q.group}` : ''}.`, `Không có thủ tục ${q.procedure}${q.group ? ` trong nhóm ${q.group}` : ''}.`));
    errors.push(...periodErrors(q, from, to));
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    // An officer with a province sees only it; an officer without one (hub level, national) sees every province.
    if (officer.provinceCode && q.provinceCode && q.provinceCode !== officer.provinceCode)
      throw new AppError('FORBIDDEN', [fieldError('query.provinceCode', 'outside-area', 'You see the figures of your own province only.', 'Bạn chỉ xem được số liệu của tỉnh mình.')]);
    const provinceCode = officer.provinceCode ?? q.provinceCode ?? null;
    const filter = {
      fromInstant: `${from}T00:00:00+07:00`,
      toInstant: `${addDays(to, 1)}T00:00:00+07:00`,
      provinceCode,
      group: q.group ?? null,
      procedure: q.procedure ?? null,
    };
    const [ended, open] = await this.db.transaction(async (tx) => [await store.ended(tx, filter), await store.open(tx, filter)] as const);

    const shown = catalogue.filter((c) => q.procedure === undefined || c.procedure === q.procedure);
    const total = new Tally();
    const byProcedure = new Map(shown.map((c) => [`${c.group}/${c.procedure}`, new Tally()]));
    const byProvince = new Map<string | null, Tally>(provinceCode ? [[provinceCode, new Tally()]] : []);
    const series = new Map<string, { date: string; ended: number; onTime: number; late: number }>();
    for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) series.set(d, { date: d, ended: 0, onTime: 0, late: 0 });
    // Procedure × province, for the charts by area of one procedure: only the pairs with something to count.
    const cells = new Map<string, { group: string; procedure: string; provinceCode: string | null; tally: Tally }>();
    const tallies = (r: SlaRow) => {
      if (!byProvince.has(r.province_code)) byProvince.set(r.province_code, new Tally());
      const cell = `${r.group_code}/${r.code}/${r.province_code ?? ''}`;
      if (!cells.has(cell)) cells.set(cell, { group: r.group_code, procedure: r.code, provinceCode: r.province_code, tally: new Tally() });
      return [total, byProcedure.get(`${r.group_code}/${r.code}`), byProvince.get(r.province_code)!, cells.get(cell)!.tally].filter((t): t is Tally => !!t);
    };
    for (const r of ended) {
      const o = spanOutcome(spanOf(r), this.calendar);
      for (const t of tallies(r)) t.addEnded(o);
      const day = series.get(vnDateOf(new Date(r.finished_at!)));
      if (day) {
        day.ended++;
        if (o.measured) o.onTime ? day.onTime++ : day.late++;
      }
    }
    for (const r of open) {
      const overdue = isOverdue(r.status, r.agency_deadline as IsoDate | null, today);
      for (const t of tallies(r)) t.addOpen(overdue);
    }
    return {
      from,
      to,
      today,
      provinceCode,
      group: q.group ?? null,
      procedure: q.procedure ?? null,
      totals: total.figures(),
      byProcedure: shown.map((c) => ({ ...c, ...byProcedure.get(`${c.group}/${c.procedure}`)!.figures() })),
      byProvince: [...byProvince.entries()]
        .sort(([a], [b]) => (a ?? '~').localeCompare(b ?? '~'))
        .map(([code, t]) => ({ provinceCode: code, ...t.figures() }) as { provinceCode: string | null } & Figures),
      byProcedureAndProvince: [...cells.values()]
        .sort((a, b) => `${a.group}/${a.procedure}/${a.provinceCode ?? '~'}`.localeCompare(`${b.group}/${b.procedure}/${b.provinceCode ?? '~'}`))
        .map(({ tally, ...key }) => ({ ...key, ...tally.figures() })),
      series: [...series.values()],
      clock: CLOCK,
    };
  }

  /**
   * Every state change and every message of a dossier, for whoever may read it (access.ts). Payloads only for the
   * hub's officers, and never a sensitive field (redact.ts); a citizen sees the messages without them. An officer's
   * or a system's read is in the audit trail, for each citizen the dossier names, as a read of the dossier is.
   */
  async history(principal: Principal, id: string) {
    const out = await this.db.transaction(async (tx) => {
      const d = await hubStore.dossier(tx, id);
      if (!d || !(await maySee(tx, principal, d))) return null;
      if (this.audit && principal.kind !== 'citizen') {
        const purpose = `${d.group_code} dossier history, read as ${principal.kind === 'officer' ? `${principal.role} of ${principal.agency}` : `system client of ${principal.agency}`}`;
        for (const pin of await hubStore.parties(tx, id))
          await this.audit.record(tx, { actor: principal, action: 'dossier.history.read', purpose, subjectPin: pin, resource: `dossier/${id}` });
      }
      return { d, events: await hubStore.history(tx, id), sent: await store.sent(tx, id), received: await store.received(tx, id) };
    });
    if (!out) throw new AppError('NOT_FOUND');
    const withPayloads = principal.kind === 'officer' && principal.agency === 'hub';
    const messages = [
      ...out.sent.map((r, i) => {
        const e = r.envelope;
        const shown = withPayloads ? redactPayload(e.type, e.payload) : null;
        return {
          direction: 'sent' as const,
          id: e.id,
          type: e.type,
          sender: e.sender,
          recipient: e.recipient,
          at: new Date(e.time).toISOString(),
          causationId: e.causationId,
          ...(shown ? { payload: shown.payload, omitted: shown.omitted } : {}),
          order: [1, i] as const,
        };
      }),
      ...out.received.map((r, i) => ({
        direction: 'received' as const,
        id: r.message_id,
        type: r.type,
        sender: r.sender,
        recipient: 'hub',
        at: r.received_at,
        causationId: null,
        order: [0, i] as const,
      })),
    ]
      // By time; at the same instant a receipt comes first (what the hub sends then is its handling of it).
      .sort((a, b) => a.at.localeCompare(b.at) || a.order[0] - b.order[0] || a.order[1] - b.order[1])
      .map(({ order: _order, ...m }) => m);
    return {
      id: out.d.id,
      group: out.d.group_code,
      status: out.d.status,
      events: out.events.map((h) => ({ at: h.at, procedure: h.procedure, status: h.status, note: h.note, messageId: h.message_id })),
      messages,
    };
  }
}

function spanOf(r: SlaRow) {
  const waits = typeof r.waits === 'string' ? (JSON.parse(r.waits) as SlaRow['waits']) : r.waits;
  return { dispatchedAt: r.dispatched_at, answeredAt: r.answered_at, agencyDeadline: r.agency_deadline as IsoDate | null, supplementWaits: waits as { from: string; to: string | null }[] };
}

function period(q: SlaQuery, today: IsoDate): { from: IsoDate; to: IsoDate } {
  const ok = (s: string | undefined): s is IsoDate => s !== undefined && isIsoDate(s) && s >= '1900' && s <= '2199-12-31';
  const to = ok(q.to) ? q.to : today;
  const from = ok(q.from) ? q.from : addDays(to, -(DEFAULT_DAYS - 1));
  return { from, to };
}

function periodErrors(q: SlaQuery, from: IsoDate, to: IsoDate): FieldError[] {
  const out: FieldError[] = [];
  for (const k of ['from', 'to'] as const)
    // The working-day calendar is known for 1900–2199 (its lunar tables): a date outside means nothing here.
    if (q[k] !== undefined && (!isIsoDate(q[k]!) || q[k]! < '1900' || q[k]! > '2199-12-31')) out.push(fieldError(`query.${k}`, 'invalid-date', 'Give a date as YYYY-MM-DD.', 'Hãy nhập ngày theo dạng YYYY-MM-DD.'));
  if (out.length) return out;
  if (compareDates(from, to) > 0) out.push(fieldError('query.to', 'before-from', 'The end of the period is before its start.', 'Ngày kết thúc trước ngày bắt đầu.'));
  else if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS)
    out.push(fieldError('query.to', 'period-too-long', `The period covers more than ${MAX_PERIOD_DAYS} days; ask for a shorter one.`, `Khoảng thời gian dài hơn ${MAX_PERIOD_DAYS} ngày; hãy chọn khoảng ngắn hơn.`));
  return out;
}
