import type { FieldIssue, PersonFacts } from '../contracts/common.ts';
import type { AgencyName } from '../contracts/parts.ts';
import type { ProcedureCode } from '../contracts/procedures.ts';
import { addDays, vnDateOf, type IsoDate } from '../kernel/dates.ts';
import type { WorkingCalendar } from '../kernel/calendar/index.ts';
import type { Queryable } from '../platform/db/db.ts';
import type { HandlerContext } from '../platform/messaging/part-runtime.ts';
import type { DataSealer } from '../platform/crypto/data-sealer.ts';
import { dossierStatusOf } from './domain/dossier-status.ts';
import { canMove, isFinal, type ProcedureStatus } from './domain/procedure-status.ts';
import { GROUPS } from './groups/catalogue.ts';
import type { GroupDefinition, TimeLimit } from './groups/group.ts';
import type { TimeLimitLookup } from './settings/time-limits.ts';
import { hubStore as store, type DossierRow, type ProcedureRow } from './store.ts';
import { notificationStore } from './notifications/store.ts';
import type { Disclosures } from './disclosures.ts';

/**
 * The procedure-group engine: after any change to a dossier, cancel what can no longer happen,
 * dispatch what has become possible, and bring the dossier's status in line with its procedures.
 * Every step is a state-table transition, so running it twice changes nothing the second time.
 */
export class HubEngine {
  constructor(
    private readonly calendar: WorkingCalendar,
    /** Sensitive declaration fields are sealed at rest (contracts/sensitive-fields.ts); absent only in unit tests. */
    private readonly sealer?: DataSealer,
    /** A province's own time limit for a procedure, when one is set (settings/time-limits.ts); else the group's. */
    private readonly timeLimits?: TimeLimitLookup,
    /** Where the people a request names are recorded as disclosed to its agency (disclosures.ts); absent without a trail. */
    private readonly disclosures?: Disclosures,
  ) {}

  /** Records, in `tx`, that `agency` received the people `payload` names (disclosures.ts). */
  async disclosed(tx: Queryable, agency: AgencyName, payload: unknown, purpose: string, resource: string, details: Readonly<Record<string, unknown>>): Promise<void> {
    await this.disclosures?.note(tx, agency, payload, purpose, resource, details);
  }

  /** The declaration as stored, sealed fields sealed: for storing. */
  sealDeclaration(group: string, dossierId: string, declaration: unknown): unknown {
    return this.sealer ? this.sealer.sealDeclaration(group, dossierId, declaration) : declaration;
  }

  /** The declaration as the citizen made it: for the rules and the agencies' requests, never for logs. */
  declarationOf(d: DossierRow): Record<string, unknown> {
    return this.sealer ? this.sealer.openDeclaration(d.group_code, d.id, d.declaration) : d.declaration;
  }


  group(d: Pick<DossierRow, 'id' | 'group_code'>): GroupDefinition<unknown> {
    const g = GROUPS[d.group_code];
    if (!g) throw new Error(`dossier ${d.id} has unknown group ${d.group_code}`);
    return g;
  }

  /**
   * The last day of a time limit counted from `day`. Working days: the working-day calendar (receipt counts from
   * the next working day). Calendar days: the day of receipt is not counted, and a last day that is a rest day or
   * a holiday moves to the next working day (Civil Code 2015 art. 147.1, 148.5).
   */
  deadlineFrom(day: IsoDate, limit: TimeLimit): IsoDate {
    return 'workingDays' in limit ? this.calendar.addWorkingDays(day, limit.workingDays) : this.calendar.nextWorkingDay(addDays(day, limit.calendarDays));
  }

  async move(
    tx: Queryable,
    ctx: HandlerContext,
    p: ProcedureRow,
    to: ProcedureStatus,
    extra: { result?: unknown; reasons?: FieldIssue[]; deadline?: string; note?: string; messageId?: string | null } = {},
  ): Promise<boolean> {
    if (!canMove(p.status, to)) return false;
    const at = ctx.now.toISOString();
    await store.updateProcedure(tx, p.dossier_id, p.code, { status: to, at, ...extra, ...(to === 'dispatched' ? { inReview: false } : {}) }, { note: extra.note ?? null, messageId: extra.messageId ?? null });
    // The citizen is told in the same transaction (a notifications outbox): a transition that happens is announced.
    if (to === 'completed' || to === 'rejected' || to === 'awaiting-supplement') {
      const event = to === 'awaiting-supplement' ? 'supplement-requested' : to;
      const details = to === 'completed' ? {} : { reasons: extra.reasons ?? [], ...(to === 'awaiting-supplement' && extra.deadline ? { deadline: extra.deadline } : {}) };
      await notificationStore.enqueue(tx, { dossierId: p.dossier_id, procedure: p.code, event, details, at });
    }
    // The row in hand follows the one stored, so that advance() can reuse it (the next request reads this result).
    p.status = to;
    if (extra.result !== undefined) p.result = extra.result as Record<string, unknown>;
    if (extra.reasons !== undefined) p.reasons = extra.reasons;
    if (extra.deadline !== undefined) p.deadline = extra.deadline;
    return true;
  }

  /**
   * Cancels, dispatches and re-derives until nothing changes. `procs`: the dossier's procedures as the caller already
   * read them in this transaction (and moved them with move(), which keeps them current); read here when absent.
   */
  async advance(tx: Queryable, ctx: HandlerContext, d: DossierRow, procs?: ProcedureRow[]): Promise<void> {
    procs ??= await store.procedures(tx, d.id);
    const byCode = new Map(procs.map((p) => [p.code, p]));
    const group = this.group(d);
    for (const p of procs) {
      if (p.status !== 'pending') continue;
      const prereqs = p.requires.map((c) => byCode.get(c)!);
      if (prereqs.some((q) => q.status === 'rejected' || q.status === 'cancelled')) {
        await this.move(tx, ctx, p, 'cancelled', { note: 'a prerequisite procedure did not complete', reasons: prerequisiteRefused(group, prereqs) });
      } else if (d.people && prereqs.every((q) => q.status === 'completed')) {
        await this.dispatch(tx, ctx, d, group, p, byCode);
      }
    }
    await this.refreshStatus(tx, ctx, d, procs.map((p) => p.status));
  }

  async cancelAll(tx: Queryable, ctx: HandlerContext, d: DossierRow, note: string): Promise<void> {
    for (const p of await store.procedures(tx, d.id)) if (!isFinal(p.status)) await this.move(tx, ctx, p, 'cancelled', { note });
  }

  async refreshStatus(tx: Queryable, ctx: HandlerContext, d: DossierRow, statuses?: ProcedureStatus[]): Promise<void> {
    const all = statuses ?? (await store.procedures(tx, d.id)).map((p) => p.status);
    const status = dossierStatusOf(all);
    if (status === d.status) return;
    const finished = all.every(isFinal);
    const at = ctx.now.toISOString();
    await store.updateDossier(tx, d.id, { status, at, finished }, { status, note: 'dossier' });
    d.status = status;
  }

  private async dispatch(
    tx: Queryable,
    ctx: HandlerContext,
    d: DossierRow,
    group: GroupDefinition<unknown>,
    p: ProcedureRow,
    byCode: Map<ProcedureCode, ProcedureRow>,
  ): Promise<void> {
    const def = group.procedures.find((x) => x.code === p.code);
    if (!def) throw new Error(`group ${group.code} has no procedure ${p.code}`);
    const today = vnDateOf(ctx.now);
    const limit = (await this.timeLimits?.(tx, { dossierId: d.id, procedure: p.code })) ?? def.timeLimit;
    const deadline = this.deadlineFrom(today, limit);
    const results: Partial<Record<ProcedureCode, Record<string, unknown>>> = {};
    for (const [code, q] of byCode) if (q.status === 'completed' && q.result) results[code] = q.result;
    const payload = def.request({
      declaration: this.declarationOf(d),
      people: d.people as Record<string, PersonFacts>,
      results,
      submittedOn: vnDateOf(new Date(d.submitted_at)),
      today,
      deadline,
    });
    const env = await ctx.send(def.requestType, def.agency, payload);
    // The agency now holds the people the request names: each sees it at /me/data-access, with the procedure and its law.
    await this.disclosed(tx, def.agency, payload, `${def.title.en} (${group.code} dossier; ${def.timeLimit.legalBasis})`, `dossier/${d.id}`, { procedure: p.code, messageId: env.id });
    await this.move(tx, ctx, p, 'dispatched', { deadline, messageId: env.id, note: `sent to ${def.agency}` });
  }
}

/**
 * Why a procedure is cancelled, in English and Vietnamese, for the citizen: the procedure it depends on that was
 * refused, named by its title. Behind a cancelled prerequisite stands the refusal that cancelled it: its reasons are
 * passed on, so the procedure named is always the one refused (a chain A refused → B cancelled → C cancelled names A).
 */
export function prerequisiteRefused(group: { readonly procedures: readonly Pick<GroupDefinition<never>['procedures'][number], 'code' | 'title'>[] }, prereqs: readonly Pick<ProcedureRow, 'code' | 'status' | 'reasons'>[]): FieldIssue[] {
  const out = new Map<string, FieldIssue>();
  for (const q of prereqs) {
    if (q.status === 'rejected') {
      const title = group.procedures.find((x) => x.code === q.code)?.title ?? { vi: q.code, en: q.code };
      const path = `procedures.${q.code}`;
      out.set(path, {
        path,
        code: 'prerequisite-refused',
        reason: `Cancelled: it depends on "${title.en}", which was refused (see the reasons given there).`,
        reasonVi: `Đã hủy: thủ tục này phụ thuộc vào thủ tục "${title.vi}" đã bị từ chối (xem lý do tại thủ tục đó).`,
      });
    } else if (q.status === 'cancelled') {
      for (const r of q.reasons ?? []) if (r.code === 'prerequisite-refused') out.set(r.path, r);
    }
  }
  return [...out.values()];
}
