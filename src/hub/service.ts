import type { AuditTrail } from '../platform/audit/audit-trail.ts';
import { createHash } from 'node:crypto';
import { vnDateOf } from '../kernel/dates.ts';
import { AppError, fieldError, type FieldError } from '../kernel/errors.ts';
import { BUILT_IN_RULES, type RuleBook } from '../kernel/rules/rule-book.ts';
import type { Db, Queryable } from '../platform/db/db.ts';
import { maySeeRead } from './access.ts';
import { subjectOf, type Principal } from '../platform/auth/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { PartRuntime } from '../platform/messaging/part-runtime.ts';
import { validate } from '../platform/validation.ts';
import type { HubEngine } from './engine.ts';
import { GROUPS } from './groups/catalogue.ts';
import { declarantOf, wantedProcedures } from './groups/group.ts';
import { hubStore as store } from './store.ts';
import type { SupplementAnswered, Supplements } from './supplements.ts';
import { dossierView, type DossierView } from './view.ts';

export interface SubmitResult {
  readonly id: string;
  readonly status: string;
  readonly replayed: boolean;
}

/** What the portal and the back office ask of the hub. Handlers call this; it holds no HTTP. */
export class HubService {
  constructor(
    private readonly db: Db,
    private readonly runtime: PartRuntime,
    private readonly engine: HubEngine,
    private readonly clock: Clock,
    private readonly supplements: Supplements,
    /** Officers' and agencies' reads of a dossier are recorded here (who looked at my data). */
    private readonly audit?: AuditTrail,
    /**
     * The rule book the edge checks use (a voluntary-SI income against the floor and ceiling): social security's own,
     * with the versions its operator added, where it runs in this process (embedded mode), or as it sent them to the hub
     * (distributed mode: rule-versions.ts); by default the built-in tables.
     */
    private readonly rules: () => RuleBook = () => BUILT_IN_RULES,
  ) {}

  /** The citizen's answer to a supplement request: the procedure resumes at its agency. */
  answerSupplement(principal: Principal, dossierId: string, procedure: string, answers: Record<string, unknown>): Promise<SupplementAnswered> {
    return this.supplements.answer(principal, dossierId, procedure, answers);
  }

  /** Refuses the procedures whose supplement deadline has passed (the hub's timer calls it; so may an operator). */
  expireOverdueSupplements(): Promise<number> {
    return this.supplements.expireOverdue();
  }

  /**
   * Accepts a dossier: schema, then the group's rules, then one transaction that writes the dossier,
   * its procedures and the request to the population register. A failure stores nothing.
   */
  async submit(principal: Principal, group: string, declaration: unknown, idempotencyKey?: string): Promise<SubmitResult> {
    const errors = this.check(principal, group, declaration);
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    const def = GROUPS[group]!;
    const now = this.clock.now();
    const today = vnDateOf(now);

    const subject = subjectOf(principal);
    const hash = createHash('sha256').update(JSON.stringify({ group, declaration })).digest('hex');
    const id = crypto.randomUUID();
    try {
      return await this.runtime.inTransaction(id, null, async (tx, ctx) => {
        if (idempotencyKey) {
          const seen = await this.replay(tx, subject, idempotencyKey, hash);
          if (seen) return seen;
        }
        const at = now.toISOString();
        await store.insertDossier(tx, {
          id,
          group,
          declaration: this.engine.sealDeclaration(group, id, declaration),
          submittedBy: subject,
          at,
          deadline: this.engine.deadlineFrom(today, def.timeLimit),
          parties: def.parties(declaration),
        });
        // Only the procedures the citizen asked for are created; the others are never started.
        await store.insertProcedures(tx, id, wantedProcedures(def, declaration));
        if (idempotencyKey) await store.insertIdempotencyKey(tx, subject, idempotencyKey, hash, id);
        await store.addHistory(tx, { dossierId: id, at, status: 'submitted', note: group });
        const verify = { people: def.peopleToVerify(declaration) };
        const sent = await ctx.send('population.verify-people.requested', 'population', verify);
        await this.engine.disclosed(tx, 'population', verify, `verification of the people named in a ${group} declaration against the national population database (Decree 104/2022/ND-CP)`, `dossier/${id}`, { messageId: sent.id });
        return { id, status: 'processing', replayed: false };
      });
    } catch (e) {
      // Two submissions with the same key at once on a server: the loser reads the winner's dossier.
      if (idempotencyKey && (e as { code?: string }).code === '23505') {
        const seen = await this.db.transaction((tx) => this.replay(tx, subject, idempotencyKey, hash));
        if (seen) return seen;
      }
      throw e;
    }
  }

  /**
   * What submit would refuse, storing nothing (a dry run): the schema first, then — on a declaration the schema
   * accepts — the group's rules and that a citizen declares as themself. The portal checks fields as the citizen types.
   */
  check(principal: Principal, group: string, declaration: unknown): FieldError[] {
    const def = GROUPS[group];
    if (!def) return [fieldError('group', 'unknown-group', `Unknown procedure group ${group}.`, `Không có nhóm thủ tục ${group}.`)];
    const schemaErrors = validate(def.declarationSchema, declaration, 'declaration');
    if (schemaErrors.length) return schemaErrors;
    const ruleErrors: FieldError[] = def.check(declaration, vnDateOf(this.clock.now()), this.rules());
    const declarant = declarantOf(def, declaration);
    if (principal.kind === 'citizen' && declarant.pin !== principal.pin)
      ruleErrors.push(fieldError(declarant.path, 'not-you', 'You can only declare as yourself.', 'Bạn chỉ có thể khai với tư cách của chính mình.'));
    return ruleErrors;
  }

  /** One dossier, if the principal may see it; otherwise NOT_FOUND (never reveal that it exists). */
  async get(principal: Principal, id: string): Promise<DossierView> {
    const read = async (q: Queryable) => {
      const r = await store.forView(q, id, principal.kind === 'citizen' ? principal.pin : null);
      return r && (await maySeeRead(principal, r)) ? r : null;
    };
    // A citizen's read of their own dossier is not audited (issue 4 records others' reads of a person's data), so it is
    // one statement and no transaction: the read the portal repeats most (docs/performance.md).
    const found = !this.audit || principal.kind === 'citizen'
      ? await read(this.db)
      : await this.db.transaction(async (tx) => {
          const r = await read(tx);
          if (!r) return null;
          const purpose = `${r.dossier.group_code} dossier, read as ${principal.kind === 'officer' ? `${principal.role} of ${principal.agency}` : `system client of ${principal.agency}`}`;
          await this.audit!.recordMany(tx, (await store.parties(tx, id)).map((pin) => ({ actor: principal, action: 'dossier.read', purpose, subjectPin: pin, resource: `dossier/${id}` })));
          return r;
        });
    if (!found) throw new AppError('NOT_FOUND');
    return dossierView(found.dossier, found.procedures, found.history, this.engine.group(found.dossier), vnDateOf(this.clock.now()));
  }

  async list(principal: Principal, limit: number, offset: number) {
    const rows =
      principal.kind === 'citizen'
        ? await this.db.transaction((tx) => store.listForCitizen(tx, principal.pin, limit, offset))
        : principal.kind === 'officer'
          ? await this.db.transaction((tx) =>
              store.listForOfficer(tx, { agency: principal.agency === 'hub' ? null : principal.agency, provinceCode: principal.provinceCode }, limit, offset),
            )
          : [];
    return rows.map((r) => ({ id: r.id, group: r.group_code, status: r.status, submittedAt: r.submitted_at }));
  }

  private async replay(tx: Queryable, subject: string, key: string, hash: string): Promise<SubmitResult | null> {
    const seen = await store.findIdempotent(tx, subject, key);
    if (!seen) return null;
    if (seen.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    const d = await store.dossier(tx, seen.dossier_id);
    return { id: seen.dossier_id, status: d!.status, replayed: true };
  }
}
