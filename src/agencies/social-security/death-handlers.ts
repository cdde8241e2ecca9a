import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import { IncapacityProof } from '../../contracts/declarations/death.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import { TerminalError } from '../../platform/bus/transport.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HandlerContext, HandlerTable } from '../../platform/messaging/part-runtime.ts';
import { validate } from '../../platform/validation.ts';
import { deathStore, type DeathBenefitsRequest } from './death-store.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { settleDeath } from './death-settlement.ts';
import { proofsNeeded } from './domain/death-claim.ts';
import { deathBenefitLawAt } from './domain/death-benefit-law.ts';

const PROCEDURE = 'death-benefits';

/**
 * Social security's side of a death (seed 000; Decree 63/2024/ND-CP): decide at once from the SI record, or first
 * ask the relatives for what the rules need proven (a relative's ≥ 81% incapacity), then decide on their answer.
 */
export function deathBenefitsHandlers(box?: SecretBox): HandlerTable {
  const store = deathStore(box);
  return {
    async 'social-security.death-benefits.requested'(tx, env, ctx) {
      const r = env.payload as DeathBenefitsRequest;
      const mine = await store.caseForDossier(tx, env.dossierId);
      if (mine) {
        // A repeated request: answer again with what was decided; a case waiting for the citizen stays waiting.
        if (mine.status === 'decided' && mine.result) await ctx.send('procedure.completed', env.sender, { procedure: r.procedure, result: mine.result });
        return;
      }
      if (await store.otherCaseFor(tx, r.deceased.pin, env.dossierId))
        return void (await reject(ctx, 'declaration.deceased.pin', 'already-decided', 'Social security has already decided on this death in another dossier.', 'Cơ quan BHXH đã giải quyết chế độ cho người chết này trong hồ sơ khác.'));
      await withinRules(ctx, async () => {
        const threshold = deathBenefitLawAt(r.deceased.dateOfDeath as IsoDate).value.survivorMonthly.relativeIncapacityPercent;
        const asked = proofsNeeded(r.relatives, r.requests.survivorBenefit !== 'none', threshold);
        if (asked.length) await askFor(tx, ctx, env.dossierId, r, asked);
        else await settleDeath(store, tx, ctx, env.dossierId, r, new Map());
      });
    },

    /** The relatives' answer: proofs in the shape of `IncapacityProof`, keyed by the field asked for. */
    async 'procedure.supplement-provided'(tx, env, ctx) {
      const { procedure, answers } = env.payload as PayloadOf<'procedure.supplement-provided'>;
      if (procedure !== PROCEDURE) throw new TerminalError(`social-security asks no supplement for ${procedure}`);
      const c = await store.caseForDossier(tx, env.dossierId, true);
      if (c?.status !== 'awaiting-supplement') return;
      const proofs = new Map<number, IncapacityProof>();
      let invalid = false;
      // Every field is asked again when one answer is not valid, so the next answer is complete on its own.
      const again: FieldIssue[] = c.supplement_fields.map((f) => {
        const errors = validate(IncapacityProof, answers[f.path], '');
        if (errors.length === 0) {
          proofs.set(Number(/relatives\.(\d+)\./.exec(f.path)?.[1]), answers[f.path] as IncapacityProof);
          return f;
        }
        invalid = true;
        return {
          path: f.path,
          code: 'invalid-proof',
          reason: `The answer was not valid (${errors.map((e) => `${e.path || 'answer'}: ${e.reason}`).join('; ')}): send the medical assessment council's record as { assessmentNumber, assessedOn, incapacityPercent } (Law on SI 2014 art. 111).`,
          reasonVi: `Nội dung bổ sung chưa hợp lệ (${errors.map((e) => `${e.path || 'answer'}: ${e.reasonVi}`).join('; ')}): hãy gửi biên bản giám định của Hội đồng giám định y khoa dạng { assessmentNumber, assessedOn, incapacityPercent } (Luật BHXH 2014 Điều 111).`,
        };
      });
      if (invalid) return void (await askFor(tx, ctx, env.dossierId, c.request, again, answers));
      const refused = await withinRules(ctx, () => settleDeath(store, tx, ctx, env.dossierId, c.request, proofs, answers));
      if (refused) await store.saveCase(tx, { request: c.request, dossierId: env.dossierId, status: 'closed', at: ctx.now.toISOString() });
    },

    /** Unanswered in time: the hub refused the procedure; the case is closed (the death may be claimed again). */
    async 'procedure.supplement-expired'(tx, env, ctx) {
      const { procedure } = env.payload as PayloadOf<'procedure.supplement-expired'>;
      const c = await store.caseForDossier(tx, env.dossierId, true);
      if (procedure !== PROCEDURE || c?.status !== 'awaiting-supplement') return;
      await store.saveCase(tx, { request: c.request, dossierId: env.dossierId, status: 'closed', at: ctx.now.toISOString() });
    },
  };

  async function askFor(tx: Queryable, ctx: HandlerContext, dossierId: string, r: DeathBenefitsRequest, fields: FieldIssue[], answers?: unknown) {
    await store.saveCase(tx, { request: r, dossierId, status: 'awaiting-supplement', fields, at: ctx.now.toISOString(), ...(answers === undefined ? {} : { answers }) });
    await ctx.send('procedure.supplement-requested', 'hub', { procedure: PROCEDURE, fields });
  }
}

function reject(ctx: HandlerContext, path: string, code: string, reason: string, reasonVi: string) {
  return ctx.send('procedure.rejected', 'hub', { procedure: PROCEDURE, reasons: [{ path, code, reason, reasonVi }] });
}

/**
 * Runs the rules, refusing a death before the first version of their tables (e.g. base salaries from 2018-07-01):
 * they throw RangeError, and they run before anything is written (settleDeath computes, then stores). True if refused.
 */
async function withinRules(ctx: HandlerContext, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return false;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    await reject(
      ctx,
      'declaration.deceased.dateOfDeath',
      'outside-rules',
      'This death is earlier than the rules the interlinked service holds; social security settles it at its office.',
      'Thời điểm chết trước thời điểm áp dụng của quy định trong hệ thống liên thông; vui lòng giải quyết trực tiếp tại cơ quan BHXH.',
    );
    return true;
  }
}
