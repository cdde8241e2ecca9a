import { vnDateOf, type IsoDate } from '../../../kernel/dates.ts';
import { AppError, fieldError } from '../../../kernel/errors.ts';
import type { RuleVersion } from '../../../kernel/rules/effective-dated.ts';
import { BUILT_IN_RULES, RULE_TABLE_NAMES, RULE_TABLES, type RuleTableName } from '../../../kernel/rules/rule-book.ts';
import type { AuditEvent } from '../../../platform/audit/audit-trail.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, Queryable } from '../../../platform/db/db.ts';
import { checkNewVersion, type NewVersionInput } from './domain/new-version.ts';
import type { RuleVersionOutbox } from './publish.ts';
import { loadRuleBook, ruleVersionsStore as store, type RuleVersionRow } from './store.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

const TITLES: Record<RuleTableName, { vi: string; en: string; unit: string }> = {
  'base-salary': { vi: 'Mức lương cơ sở (mức tham chiếu từ 01/7/2025)', en: 'Base salary (the reference level from 2025-07-01)', unit: 'VND per month' },
  'rural-poverty-line': { vi: 'Chuẩn nghèo khu vực nông thôn (tiêu chí thu nhập)', en: 'Rural poverty line (income criterion)', unit: 'VND per person per month' },
  'support-rates': { vi: 'Mức hỗ trợ đóng BHXH tự nguyện của Nhà nước', en: 'State support for voluntary SI contributions', unit: 'basis points of 22% × rural poverty line, per support group' },
  'si-fund-rate': {
    vi: 'Lãi suất đầu tư quỹ BHXH theo tháng do BHXH Việt Nam công bố (đóng trước / đóng bù BHXH tự nguyện; các mức có sẵn là giá trị mẫu, chưa phải số liệu công bố)',
    en: 'Monthly investment rate of the SI fund published by VSS (voluntary-SI advance / missing-period payments; the built-in rates are sample values, not the published figures)',
    unit: 'parts per million a month (0.4% = 4000), with the year the rate was published for',
  },
};

export interface VersionView {
  version: string;
  effectiveFrom: string;
  value: unknown;
  legalBasis: string;
  source: 'built-in' | 'operator';
  inForce: boolean;
  supersededBy: string | null;
  addedBy: string | null;
  addedAt: string | null;
  reason: string | null;
}

/**
 * Social security's effective-dated rule tables, extended by its national IT operator through the API (issue 7 item 2;
 * docs/back-office.md "Rule tables"): listed with every version, built-in and added; a new version is checked
 * (domain/new-version.ts), stored append-only and recorded in the audit trail (`config.changed`). Decisions read the
 * book in their own transaction (store.ts `loadRuleBook`), so a change needs no restart in any process.
 */
export class SocialSecurityRules {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Embedded mode: the platform's audit trail; in a part's own process, where the agency records its acts. */
    private readonly audit?: { record(tx: Queryable, e: AuditEvent): Promise<unknown> },
    /** Told after a version is added, and awaited (the hub's copy of the book for its edge checks, embedded mode). */
    private readonly onChange?: () => Promise<void>,
    /** Distributed mode: sends each version to the hub in the transaction that stores it (rules/publish.ts). */
    private readonly outbox?: Pick<RuleVersionOutbox, 'publish'>,
  ) {}

  async tables(_operator: Officer) {
    const today = vnDateOf(this.clock.now());
    const merged = await this.db.transaction((tx) => loadRuleBook(tx));
    return { today, tables: RULE_TABLE_NAMES.map((t) => viewOf(t, merged, today)) };
  }

  /** Adds a version to `table` (national operator only: the tables are national); 201 with the table as it now is. */
  async addVersion(operator: Officer, table: RuleTableName, input: NewVersionInput) {
    // Rule tables are national: an operator bound to a province may read them, not change them.
    if (operator.provinceCode)
      throw new AppError('FORBIDDEN', [fieldError('table', 'national-only', 'Rule tables are national: only a national IT operator (no province) changes them.', 'Bảng tham số là bảng toàn quốc: chỉ cán bộ CNTT cấp trung ương (không gắn với tỉnh) được thay đổi.')]);
    const now = this.clock.now();
    const today = vnDateOf(now);
    const by = `officer:${operator.username}`;
    const view = await this.db.transaction(async (tx) => {
      await store.lock(tx);
      const current = await loadRuleBook(tx);
      const checked = checkNewVersion(table, input, current, today);
      if (!checked.ok) throw new AppError(checked.error, checked.fields);
      const reason = input.reason.trim();
      const addedAt = now.toISOString();
      const sequence = await store.insert(tx, { ...checked.added, addedBy: by, addedAt, reason });
      // The hub's copy (distributed mode): queued with the row, so the two commit together or not at all.
      await this.outbox?.publish(tx, { ...checked.added, sequence, addedAt });
      await this.audit?.record(tx, {
        actor: operator,
        action: 'config.changed',
        purpose: 'effective-dated rule table of social security (issue 7 item 2)',
        resource: `social-security/rules/${table}`,
        details: {
          table,
          before: checked.before && { version: checked.before.version, effectiveFrom: checked.before.effectiveFrom, value: checked.before.value },
          after: { version: checked.added.version, effectiveFrom: checked.added.effectiveFrom, value: checked.added.value, legalBasis: checked.added.legalBasis },
          supersedes: checked.supersedes,
          reason,
        },
      });
      return viewOf(table, await loadRuleBook(tx), today);
    });
    // The copy is reloaded before answering, so the caller's next request is checked with the new version; were the
    // reload to fail, the copy reloads itself within seconds (rules/cache.ts).
    await this.onChange?.().catch(() => undefined);
    return view;
  }
}

function viewOf(table: RuleTableName, merged: Awaited<ReturnType<typeof loadRuleBook>>, today: IsoDate) {
  const live = merged.book[RULE_TABLES[table]];
  let inForce: string | null = null;
  try {
    inForce = live.at(today).version;
  } catch {
    inForce = null; // before the table's first version: nothing in force (never the case with the built-in tables)
  }
  const added = new Map(merged.added.filter((r) => r.table === table).map((r) => [r.version, r] as const));
  const builtIn = BUILT_IN_RULES[RULE_TABLES[table]].versions as readonly RuleVersion<unknown>[];
  const all: RuleVersion<unknown>[] = [...builtIn, ...[...added.values()]];
  const versions: VersionView[] = all
    .map((v) => {
      const row: RuleVersionRow | undefined = added.get(v.version);
      return {
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        value: v.value,
        legalBasis: v.legalBasis,
        source: row ? ('operator' as const) : ('built-in' as const),
        inForce: v.version === inForce,
        supersededBy: merged.superseded.get(v.version) ?? null,
        addedBy: row?.addedBy ?? null,
        addedAt: row?.addedAt ?? null,
        reason: row?.reason ?? null,
      };
    })
    // By effective date; at one date in the order they came (built-in, then as added), so the superseding one is last.
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? 0 : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return { table, title: { vi: TITLES[table].vi, en: TITLES[table].en }, unit: TITLES[table].unit, inForce, versions };
}
