import { Compile } from 'typebox/compile';
import type { PayloadOf } from '../contracts/catalogue.ts';
import type { FieldIssue, PersonFacts } from '../contracts/common.ts';
import { PROCEDURE_PAYMENT_RESULTS, PROCEDURE_RESULTS, type ProcedureCode } from '../contracts/procedures.ts';
import { vnDateOf } from '../kernel/dates.ts';
import { TerminalError } from '../platform/bus/transport.ts';
import type { Queryable } from '../platform/db/db.ts';
import type { Logger } from '../platform/log/logger.ts';
import type { HandlerContext, HandlerTable } from '../platform/messaging/part-runtime.ts';
import type { HubEngine } from './engine.ts';
import { hubStore as store } from './store.ts';
import { provinceOf } from './dashboard/area.ts';
import { dashboardStore } from './dashboard/store.ts';
import { supplementStore } from './supplement-store.ts';
import { SUPPLEMENT_TIME_LIMIT } from './supplements.ts';

const resultCheckers = Object.fromEntries(Object.entries(PROCEDURE_RESULTS).map(([k, s]) => [k, Compile(s)]));
const interimCheckers = Object.fromEntries(Object.entries(PROCEDURE_PAYMENT_RESULTS).map(([k, s]) => [k, Compile(s!)]));

/** The hub's message handlers: replies from agencies move the dossier on. */
export function hubHandlers(engine: HubEngine, log: Logger): HandlerTable {
  async function locked(tx: Queryable, dossierId: string) {
    const d = await store.dossier(tx, dossierId, true);
    if (!d) throw new TerminalError(`no dossier ${dossierId}`);
    return d;
  }
  /** The procedure, and all of the dossier's (read once: advance() reuses them). */
  async function procedureOf(tx: Queryable, dossierId: string, code: string) {
    const all = await store.procedures(tx, dossierId);
    const p = all.find((x) => x.code === code);
    if (!p) throw new TerminalError(`dossier ${dossierId} has no procedure ${code}`);
    return Object.assign(p, { all });
  }
  function stale(what: string, dossierId: string, code: string, status: string) {
    log.warn({ dossierId, procedure: code, status }, `${what} ignored: procedure is not awaiting it`);
  }

  return {
    async 'population.verify-people.completed'(tx, env, ctx) {
      const { people } = env.payload as PayloadOf<'population.verify-people.completed'>;
      const d = await locked(tx, env.dossierId);
      if (d.people || d.status !== 'processing') return;
      const facts: Record<string, PersonFacts> = {};
      const issues: FieldIssue[] = [];
      for (const p of people) {
        issues.push(...p.issues);
        if (p.person) facts[p.path] = p.person;
      }
      if (issues.length === 0) issues.push(...engine.group(d).checkVerified(engine.declarationOf(d), facts));
      const at = ctx.now.toISOString();
      if (issues.length > 0) {
        await store.updateDossier(tx, d.id, { status: d.status, at, reasons: issues, finished: false });
        await store.addHistory(tx, { dossierId: d.id, at, status: 'verification-failed', note: issues.map((i) => `${i.path}: ${i.code}`).join('; '), messageId: env.id });
        await engine.cancelAll(tx, ctx, d, 'the declaration did not match the population register');
        await engine.refreshStatus(tx, ctx, d);
        return;
      }
      await store.updateDossier(tx, d.id, { status: d.status, at, people: facts, finished: false });
      await dashboardStore.setProvince(tx, d.id, provinceOf(d.group_code, engine.declarationOf(d), facts));
      await store.addHistory(tx, { dossierId: d.id, at, status: 'verified', note: 'people confirmed by the population register', messageId: env.id });
      d.people = facts;
      await engine.advance(tx, ctx, d);
    },

    async 'procedure.completed'(tx, env, ctx) {
      const { procedure, result } = env.payload as PayloadOf<'procedure.completed'>;
      const checker = resultCheckers[procedure];
      if (!checker?.Check(result)) throw new TerminalError(`result of ${procedure} does not match its contract`);
      const d = await locked(tx, env.dossierId);
      const p = await procedureOf(tx, d.id, procedure);
      if (p.agency !== env.sender) throw new TerminalError(`${env.sender} does not own ${procedure}`);
      if (!(await engine.move(tx, ctx, p, 'completed', { result, reasons: [], messageId: env.id, note: `completed by ${env.sender}` })))
        return stale('completion', d.id, procedure, p.status);
      if (typeof result.pin === 'string') await store.addParty(tx, d.id, result.pin);
      await engine.advance(tx, ctx, d, p.all);
    },

    async 'procedure.rejected'(tx, env, ctx) {
      const { procedure, reasons } = env.payload as PayloadOf<'procedure.rejected'>;
      await finish(tx, env.dossierId, env.sender, procedure, ctx, async (d, p) =>
        engine.move(tx, ctx, p, 'rejected', { reasons, messageId: env.id, note: reasons.map((r) => r.code).join(', ') }),
      );
    },

    async 'procedure.supplement-requested'(tx, env, ctx) {
      const { procedure, fields } = env.payload as PayloadOf<'procedure.supplement-requested'>;
      // The citizen has 7 working days to answer (Decree 63/2024/ND-CP); the sweep in supplements.ts enforces it.
      const deadline = engine.deadlineFrom(vnDateOf(ctx.now), SUPPLEMENT_TIME_LIMIT);
      await finish(tx, env.dossierId, env.sender, procedure, ctx, async (d, p) => {
        if (!(await engine.move(tx, ctx, p, 'awaiting-supplement', { reasons: fields, deadline, messageId: env.id, note: fields.map((r) => r.path).join(', ') })))
          return false;
        await supplementStore.open(tx, { dossierId: d.id, procedure, fields, at: ctx.now.toISOString(), messageId: env.id, deadline });
        return true;
      });
    },

    async 'procedure.awaiting-payment'(tx, env, ctx) {
      const { procedure, payment, result } = env.payload as PayloadOf<'procedure.awaiting-payment'>;
      const checker = interimCheckers[procedure];
      if (!checker) throw new TerminalError(`${procedure} cannot await a payment`);
      if (!checker.Check(result)) throw new TerminalError(`interim result of ${procedure} does not match its contract`);
      // The citizen's last day to pay replaces the agency's deadline: the time taken to pay is not the agency's.
      await finish(tx, env.dossierId, env.sender, procedure, ctx, async (_d, p) =>
        engine.move(tx, ctx, p, 'awaiting-payment', { result, reasons: [], deadline: payment.dueBy, messageId: env.id, note: `payment due by ${payment.dueBy}` }),
      );
    },

    async 'procedure.in-review'(tx, env, ctx) {
      const { procedure, reasons } = env.payload as PayloadOf<'procedure.in-review'>;
      const d = await locked(tx, env.dossierId);
      const p = await procedureOf(tx, d.id, procedure);
      if (p.status !== 'dispatched') return stale('review notice', d.id, procedure, p.status);
      await store.setReview(tx, d.id, procedure, true, reasons);
      await store.addHistory(tx, { dossierId: d.id, at: ctx.now.toISOString(), procedure, status: 'in-review', note: reasons.map((r) => r.code).join(', '), messageId: env.id });
    },
  };

  async function finish(
    tx: Queryable,
    dossierId: string,
    sender: string,
    procedure: string,
    ctx: HandlerContext,
    apply: (d: Awaited<ReturnType<typeof locked>>, p: Awaited<ReturnType<typeof procedureOf>>) => Promise<boolean>,
  ) {
    const d = await locked(tx, dossierId);
    const p = await procedureOf(tx, d.id, procedure as ProcedureCode);
    if (p.agency !== sender) throw new TerminalError(`${sender} does not own ${procedure}`);
    if (!(await apply(d, p))) return stale('reply', d.id, procedure, p.status);
    await engine.advance(tx, ctx, d, p.all);
  }
}
