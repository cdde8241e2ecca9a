import type { PayloadOf } from '../../../contracts/catalogue.ts';
import type { FieldIssue } from '../../../contracts/common.ts';
import { vnDateOf } from '../../../kernel/dates.ts';
import { AppError, fieldError } from '../../../kernel/errors.ts';
import type { AuditRecorder } from '../../../platform/audit/audit-trail.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/db.ts';
import type { PartRuntime } from '../../../platform/messaging/part-runtime.ts';
import { issueHiCard } from '../handlers.ts';
import { liveClaim, mayAct } from '../../../platform/worklist/claims.ts';
import { nextStatus, OPEN_STATUSES, WAITING_FOR, type HiCardItemStatus, type WorklistDecision, type WorklistRole } from './domain/hi-card-approval.ts';
import { worklistStore as store, type ItemRow, type ProvinceSettings } from './store.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;
type Audit = AuditRecorder;

export interface DecisionInput {
  decision: WorklistDecision;
  reason?: string;
  reasonVi?: string;
  fields?: { path: string; reason: string; reasonVi?: string }[];
}

export interface ListQuery {
  kind?: 'hi-card-approval';
  status?: HiCardItemStatus | 'open' | 'mine';
  /** true: only the items back from the citizen's answer to a supplement request, not decided since; false: the others. */
  answered?: boolean;
  sort?: 'deadline' | 'received';
  limit?: number;
  offset?: number;
}

const PURPOSE = 'HI card issuance for a child under 6 on the director’s approval (seed 003 step 5a)';
const notFound = () => new AppError('NOT_FOUND');

/**
 * Social security's back office: per-province settings an IT operator changes (audited), and the worklist of HI
 * card requests a province sends to its collector and director, with claims so two officers never decide one item.
 */
export class SocialSecurityBackOffice {
  constructor(
    private readonly db: Db,
    private readonly runtime: PartRuntime,
    private readonly clock: Clock,
    /** Embedded mode: reads and decisions also go to the platform's audit trail. */
    private readonly audit?: Audit,
  ) {}

  /** An officer bound to a province sees only it; a national one (province null) sees every province. */
  private inArea(officer: Officer, provinceCode: string): boolean {
    return !officer.provinceCode || officer.provinceCode === provinceCode;
  }

  async settings(operator: Officer, provinceCode: string) {
    if (!this.inArea(operator, provinceCode)) throw notFound();
    const s = await this.db.transaction((tx) => store.settings(tx, provinceCode));
    return { provinceCode, ...s };
  }

  /** Changes a province's settings; who, when, before → after and why go to `settings_changes` and the audit trail. */
  async changeSettings(operator: Officer, provinceCode: string, input: ProvinceSettings & { reason: string }) {
    if (!this.inArea(operator, provinceCode)) throw notFound();
    const at = this.clock.now().toISOString();
    return this.db.transaction(async (tx) => {
      await store.lockSettings(tx, provinceCode);
      const was = await store.settings(tx, provinceCode);
      const before: ProvinceSettings = { hiCardApproval: was.hiCardApproval };
      const after: ProvinceSettings = { hiCardApproval: input.hiCardApproval };
      await store.saveSettings(tx, provinceCode, after, `officer:${operator.username}`, at, before, input.reason);
      await this.audit?.record(tx, {
        actor: operator,
        action: 'config.changed',
        purpose: 'per-province settings of social security (seed 004 item 2)',
        resource: `social-security/settings/provinces/${provinceCode}`,
        details: { before, after, reason: input.reason },
      });
      return { provinceCode, ...after, updatedAt: at, updatedBy: `officer:${operator.username}` };
    });
  }

  async worklist(officer: Officer, q: ListQuery) {
    const role = officer.role as WorklistRole;
    const now = this.clock.now();
    const statuses = q.status === undefined || q.status === 'mine' ? WAITING_FOR[role] : q.status === 'open' ? OPEN_STATUSES : [q.status];
    const rows = await this.db.transaction(async (tx) => {
      const found = await store.list(tx, { provinceCode: officer.provinceCode, statuses, answered: q.answered ?? null, sort: q.sort ?? 'deadline', limit: q.limit ?? 50, offset: q.offset ?? 0 });
      // The list shows each child's name and PIN: the read is recorded for each, in the same transaction.
      if (this.audit) for (const r of found) await this.audit.record(tx, { actor: officer, action: 'worklist.read', purpose: `${PURPOSE} (worklist)`, subjectPin: childPin(r), resource: `worklist/${r.id}` });
      return found;
    });
    return rows.filter((r) => q.status !== 'mine' || liveClaim(claimOf(r), now)?.by === officer.username).map((r) => view(r, officer, now));
  }

  async claim(officer: Officer, id: string) {
    return this.db.transaction(async (tx) => {
      const item = await this.found(tx, officer, id);
      const now = this.clock.now();
      if (!OPEN_STATUSES.includes(item.status) || item.status === 'awaiting-supplement') throw closed();
      this.mustHold(item, officer, now);
      await store.setClaim(tx, id, officer.username, now.toISOString());
      return view({ ...item, claimed_by: officer.username, claimed_at: now.toISOString() }, officer, now);
    });
  }

  async release(officer: Officer, id: string) {
    return this.db.transaction(async (tx) => {
      const item = await this.found(tx, officer, id);
      const now = this.clock.now();
      const live = liveClaim(claimOf(item), now);
      if (live && live.by !== officer.username) throw held(live.by, live.at, live.until);
      await store.setClaim(tx, id, null, null);
      return view({ ...item, claimed_by: null, claimed_at: null }, officer, now);
    });
  }

  /**
   * A decision on a claimed item, by its claimant. Approval issues the card and answers the hub exactly as the
   * automatic path does; refusal and a supplement request go back through the hub too. Recorded with who, when, why.
   */
  async decide(officer: Officer, id: string, d: DecisionInput) {
    const first = await this.db.transaction((tx) => this.found(tx, officer, id));
    return this.runtime.inTransaction(first.dossier_id, null, async (tx, ctx) => {
      const item = (await store.item(tx, id, true))!;
      const now = ctx.now;
      const live = liveClaim(claimOf(item), now);
      if (!live)
        throw new AppError('CONFLICT', [fieldError('id', 'not-claimed', 'Claim this item before deciding it.', 'Hãy nhận xử lý hồ sơ này trước khi quyết định.')]);
      this.mustHold(item, officer, now);
      const to = nextStatus(officer.role as WorklistRole, item.status, d.decision);
      if (!to)
        throw new AppError('CONFLICT', [fieldError('decision', 'not-allowed', `A ${officer.role} cannot ${d.decision} an item that is ${item.status}.`, `Vai trò ${officer.role} không thể thực hiện “${d.decision}” với hồ sơ ở trạng thái ${item.status}.`)]);
      const record = { decision: d.decision, by: `officer:${officer.username}`, role: officer.role, at: now.toISOString(), reason: d.reason ?? null, ...(d.fields ? { fields: d.fields } : {}) };
      await this.audit?.record(tx, { actor: officer, action: `worklist.${d.decision}`, purpose: PURPOSE, subjectPin: childPin(item), resource: `worklist/${id}`, details: { from: item.status, to, reason: d.reason ?? null } });
      const request = item.request as PayloadOf<'social-security.hi-card.requested'>;
      if (to === 'approved') {
        await store.decide(tx, id, to, record);
        await issueHiCard(tx, ctx, request, item.dossier_id, 'hub');
      } else if (to === 'refused') {
        await store.decide(tx, id, to, record);
        await ctx.send('procedure.rejected', 'hub', {
          procedure: 'hi-card',
          reasons: [{ path: 'declaration', code: 'refused-by-officer', reason: d.reason!, reasonVi: d.reasonVi ?? d.reason! }],
        });
      } else if (to === 'awaiting-supplement') {
        // The citizen answers through the hub within 7 working days (Decree 63/2024/ND-CP); the item comes back to check.
        const fields: FieldIssue[] = d.fields!.map((f) => ({ path: f.path, code: 'requested-by-officer', reason: f.reason, reasonVi: f.reasonVi ?? f.reason }));
        await store.decide(tx, id, to, record, { fields, requestedBy: record.by, requestedRole: officer.role, requestedAt: record.at, answers: null, answeredAt: null });
        await ctx.send('procedure.supplement-requested', 'hub', { procedure: 'hi-card', fields });
      } else await store.decide(tx, id, to, record);
      return { id, status: to };
    });
  }

  private async found(tx: Parameters<Parameters<Db['transaction']>[0]>[0], officer: Officer, id: string): Promise<ItemRow> {
    const item = await store.item(tx, id, true);
    // Outside the officer's province it does not exist for them.
    if (!item || !this.inArea(officer, item.province_code)) throw notFound();
    return item;
  }

  private mustHold(item: ItemRow, officer: Officer, now: Date) {
    const ok = mayAct(claimOf(item), officer.username, now);
    if (!ok.ok) throw held(ok.heldBy, ok.since, ok.until);
  }
}

/**
 * Another officer holds the item: 409 naming the holder's username (a colleague in the same provincial office, who
 * appears in the item's decisions anyway; no citizen's data), since when and when the claim lapses.
 */
function held(by: string, since: Date, until: Date): AppError {
  return new AppError('CONFLICT', [
    fieldError('id', 'claimed-by-another', `Officer ${by} has claimed this item since ${since.toISOString()}; the claim lapses at ${until.toISOString()}.`, `Cán bộ ${by} đã nhận xử lý hồ sơ này từ ${since.toISOString()}; quyền xử lý hết hạn lúc ${until.toISOString()}.`),
  ]);
}

function closed(): AppError {
  return new AppError('CONFLICT', [fieldError('id', 'not-open', 'This item is not waiting for an officer.', 'Hồ sơ này không chờ cán bộ xử lý.')]);
}

const claimOf = (r: ItemRow) => ({ by: r.claimed_by, at: r.claimed_at ? new Date(r.claimed_at) : null });
const childPin = (r: ItemRow) => (r.request as { child: { pin: string } }).child.pin;

function view(r: ItemRow, officer: Officer, now: Date) {
  const req = r.request as PayloadOf<'social-security.hi-card.requested'>;
  const live = liveClaim(claimOf(r), now);
  return {
    id: r.id,
    kind: r.kind,
    dossierId: r.dossier_id,
    provinceCode: r.province_code,
    status: r.status,
    receivedAt: r.received_at,
    deadline: r.deadline,
    child: { pin: req.child.pin, fullName: req.child.fullName, dateOfBirth: req.child.dateOfBirth },
    initialFacilityCode: req.initialFacilityCode,
    claim: live ? { mine: live.by === officer.username, since: live.at.toISOString(), until: live.until.toISOString() } : null,
    decisions: r.decisions,
    supplement: r.supplement,
    // Back from the citizen's answer and not decided since (worklist/handlers.ts): what the officer looks at first.
    answered: r.decisions.at(-1)?.decision === 'supplement-provided',
    // The hub's last day for the procedure (sent with the request), passed while the item is still undecided.
    overdue: OPEN_STATUSES.includes(r.status) && r.status !== 'awaiting-supplement' && r.deadline < vnDateOf(now),
  };
}
