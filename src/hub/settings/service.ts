import { vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import { AppError, fieldError } from '../../kernel/errors.ts';
import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import { GROUPS } from '../groups/catalogue.ts';
import { overrideInForce } from './domain/time-limit-in-force.ts';
import { hubSettingsStore as store } from './store.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

export interface TimeLimitsChange {
  effectiveFrom: string;
  limits: { group: string; procedure: string; workingDays: number | null }[];
  reason: string;
}

/** Per-province time limits of the hub's procedures, set by an IT operator (seed 004 item 2), audited. */
export class HubSettings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit?: Pick<AuditTrail, 'record'>,
  ) {}

  private inArea(operator: Officer, provinceCode: string) {
    // An operator bound to a province manages only it; elsewhere it does not exist for them.
    if (operator.provinceCode && operator.provinceCode !== provinceCode) throw new AppError('NOT_FOUND');
  }

  async timeLimits(operator: Officer, provinceCode: string) {
    this.inArea(operator, provinceCode);
    const rows = await this.db.transaction((tx) => store.overrides(tx, provinceCode));
    const now = this.clock.now();
    const today = vnDateOf(now);
    const procedures = Object.values(GROUPS).flatMap((g) =>
      g.procedures.map((p) => {
        const mine = rows.filter((r) => r.group === g.code && r.procedure === p.code);
        const live = overrideInForce(mine, today, now.toISOString());
        return { group: g.code, procedure: p.code, default: p.timeLimit, inForce: live && live.workingDays !== null ? { workingDays: live.workingDays, effectiveFrom: live.effectiveFrom } : null };
      }),
    );
    return { provinceCode, procedures, changes: rows };
  }

  /** Records new limits from `effectiveFrom` for dossiers received from then on; dossiers already received keep theirs. */
  async setTimeLimits(operator: Officer, provinceCode: string, c: TimeLimitsChange) {
    this.inArea(operator, provinceCode);
    const now = this.clock.now();
    const today = vnDateOf(now);
    const issues = c.limits.flatMap((l, i) => {
      const g = GROUPS[l.group];
      if (!g) return [fieldError(`limits.${i}.group`, 'unknown-group', 'No such procedure group.', 'Không có nhóm thủ tục này.')];
      if (!g.procedures.some((p) => p.code === l.procedure)) return [fieldError(`limits.${i}.procedure`, 'unknown-procedure', `The group ${l.group} has no such procedure.`, `Nhóm ${l.group} không có thủ tục này.`)];
      return [];
    });
    if (c.effectiveFrom < today) issues.push(fieldError('effectiveFrom', 'past-date', 'A change takes effect today or later.', 'Thay đổi chỉ có hiệu lực từ hôm nay trở đi.'));
    const keys = c.limits.map((l) => `${l.group}/${l.procedure}`);
    if (new Set(keys).size !== keys.length) issues.push(fieldError('limits', 'duplicate', 'Each procedure once per change.', 'Mỗi thủ tục chỉ một lần trong một thay đổi.'));
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
    const by = `officer:${operator.username}`;
    await this.db.transaction(async (tx) => {
      await store.lock(tx, provinceCode);
      const before = await store.overrides(tx, provinceCode);
      for (const l of c.limits) await store.insert(tx, provinceCode, { ...l, effectiveFrom: c.effectiveFrom as IsoDate }, now.toISOString(), by, c.reason);
      await this.audit?.record(tx, {
        actor: operator,
        action: 'config.changed',
        purpose: 'per-province time limits of procedures (seed 004 item 2)',
        resource: `hub/settings/time-limits/${provinceCode}`,
        details: {
          before: c.limits.map((l) => ({ ...l, workingDays: overrideInForce(before.filter((r) => r.group === l.group && r.procedure === l.procedure), c.effectiveFrom as IsoDate, now.toISOString())?.workingDays ?? null })),
          after: c.limits,
          effectiveFrom: c.effectiveFrom,
          reason: c.reason,
        },
      });
    });
    return this.timeLimits(operator, provinceCode);
  }
}
