import type { FieldIssue } from '../contracts/common.ts';
import type { AgencyName } from '../contracts/parts.ts';
import { vnDateOf, type IsoDate } from '../kernel/dates.ts';
import { AppError, fieldError } from '../kernel/errors.ts';
import { subjectOf, type Principal } from '../platform/auth/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db, Queryable } from '../platform/db/db.ts';
import type { HandlerContext, PartRuntime } from '../platform/messaging/part-runtime.ts';
import { mayActFor, maySee } from './access.ts';
import type { HubEngine } from './engine.ts';
import type { TimeLimit } from './groups/group.ts';
import { hubStore as store } from './store.ts';
import { supplementStore } from './supplement-store.ts';

/** The citizen answers a supplement request within 7 working days, else the procedure is refused (Decree 63/2024/ND-CP). */
export const SUPPLEMENT_TIME_LIMIT: TimeLimit = { workingDays: 7, legalBasis: 'Decree 63/2024/ND-CP' };

export interface SupplementAnswered {
  readonly id: string;
  readonly procedure: string;
  readonly status: string;
}

/** Every field asked for is answered, and nothing else (the agency judges what the answers say). */
export function answerIssues(asked: readonly FieldIssue[], answers: Readonly<Record<string, unknown>>) {
  const paths = new Set(asked.map((f) => f.path));
  const out = asked
    .filter((f) => answers[f.path] === undefined || answers[f.path] === null)
    .map((f) => fieldError(`answers.${f.path}`, 'required', `Answer this: ${f.reason}`, `Hãy bổ sung: ${f.reasonVi}`));
  for (const key of Object.keys(answers))
    if (!paths.has(key)) out.push(fieldError(`answers.${key}`, 'not-requested', 'This was not asked for.', 'Thông tin này không được yêu cầu bổ sung.'));
  return out;
}

/**
 * The supplement path, the same for every group: an agency asks (`procedure.supplement-requested`, handled in
 * handlers.ts), the citizen answers here and the procedure resumes at its agency with its time limit counted
 * again from the now complete file; unanswered after the last day, the sweep refuses it and tells the agency.
 */
export class Supplements {
  constructor(
    private readonly db: Db,
    private readonly runtime: PartRuntime,
    private readonly engine: HubEngine,
    private readonly clock: Clock,
  ) {}

  async answer(principal: Principal, dossierId: string, procedure: string, answers: Record<string, unknown>): Promise<SupplementAnswered> {
    const found = await this.db.transaction(async (tx) => {
      const d = await store.dossier(tx, dossierId);
      return d && (await maySee(tx, principal, d)) ? d : null;
    });
    if (!found) throw new AppError('NOT_FOUND');
    if (!mayActFor(principal, found)) throw new AppError('FORBIDDEN');
    return this.runtime.inTransaction(dossierId, null, async (tx, ctx) => {
      const d = (await store.dossier(tx, dossierId, true))!;
      const p = (await store.procedures(tx, dossierId)).find((x) => x.code === procedure);
      if (!p) throw new AppError('VALIDATION_FAILED', [fieldError('procedure', 'unknown-procedure', 'This dossier has no such procedure.', 'Hồ sơ không có thủ tục này.')]);
      if (p.status !== 'awaiting-supplement')
        throw new AppError('CONFLICT', [fieldError('procedure', 'not-awaiting-supplement', 'This procedure is not waiting for a supplement.', 'Thủ tục này không ở trạng thái chờ bổ sung.')]);
      const issues = answerIssues(p.reasons, answers);
      if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
      const def = this.engine.group(d).procedures.find((x) => x.code === p.code)!;
      await ctx.send('procedure.supplement-provided', p.agency as AgencyName, { procedure, answers });
      const deadline = this.engine.deadlineFrom(vnDateOf(ctx.now), def.timeLimit);
      await this.engine.move(tx, ctx, p, 'dispatched', { deadline, reasons: [], note: 'supplement provided; the time limit runs again from the complete file' });
      await supplementStore.close(tx, { dossierId, procedure, outcome: 'answered', at: ctx.now.toISOString(), answers, by: subjectOf(principal) });
      await this.engine.refreshStatus(tx, ctx, d);
      return { id: dossierId, procedure, status: p.status };
    });
  }

  /** Refuses every procedure whose supplement deadline has passed. Idempotent: a second run finds nothing. */
  async expireOverdue(): Promise<number> {
    const today = vnDateOf(this.clock.now());
    const batch = 100;
    let expired = 0;
    for (;;) {
      const ids = await this.db.transaction((tx) => supplementStore.overdueDossiers(tx, today, batch));
      for (const id of ids) expired += await this.runtime.inTransaction(id, null, (tx, ctx) => this.expire(tx, ctx, id, today));
      if (ids.length < batch) return expired;
    }
  }

  private async expire(tx: Queryable, ctx: HandlerContext, dossierId: string, today: IsoDate): Promise<number> {
    const d = await store.dossier(tx, dossierId, true);
    if (!d) return 0;
    let n = 0;
    for (const p of await store.procedures(tx, dossierId)) {
      if (p.status !== 'awaiting-supplement' || !p.deadline || p.deadline >= today) continue;
      const last = p.deadline;
      const reasons = p.reasons.map((f) =>
        fieldError(
          f.path,
          'supplement-not-provided',
          `Not supplied by ${last}, the last of the 7 working days allowed; the procedure is refused (Decree 63/2024/ND-CP).`,
          `Không bổ sung trước hết ngày ${last} (07 ngày làm việc); thủ tục bị từ chối (Nghị định 63/2024/NĐ-CP).`,
        ),
      );
      if (!(await this.engine.move(tx, ctx, p, 'rejected', { reasons, note: `supplement not provided by ${last}` }))) continue;
      await supplementStore.close(tx, { dossierId, procedure: p.code, outcome: 'expired', at: ctx.now.toISOString() });
      await ctx.send('procedure.supplement-expired', p.agency as AgencyName, { procedure: p.code, deadline: last });
      n++;
    }
    if (n > 0) await this.engine.advance(tx, ctx, d);
    return n;
  }
}
