import type { RuleVersionAdded } from '../../../contracts/messages/rule-versions.ts';
import type { Queryable } from '../../../platform/db/db.ts';
import type { RuleTableName } from '../../../kernel/rules/rule-book.ts';
import type { PartRuntime } from '../../../platform/messaging/part-runtime.ts';
import { ruleVersionsStore, type RuleVersionRow } from './store.ts';

/** A rule version concerns no dossier: it travels under the nil id, as the audit messages do. */
export const RULES_DOSSIER = '00000000-0000-0000-0000-000000000000';

/**
 * The tables whose versions go to the hub: those its edge checks read (the income floor and ceiling; the message's
 * `table`, contracts/messages/rule-versions.ts). Not `si-fund-rate`: only social security computes a lump sum's
 * amount (domain/voluntary-contribution.ts, in its own transaction with its own book), the hub and the portal never
 * do, so its versions stay with social security (the message's schema and `hub.rule_versions` admit only these).
 */
export const TABLES_SENT_TO_HUB = ['base-salary', 'rural-poverty-line', 'support-rates'] as const satisfies readonly RuleVersionAdded['table'][];

export function isSentToHub(table: RuleTableName): table is RuleVersionAdded['table'] {
  return (TABLES_SENT_TO_HUB as readonly string[]).includes(table);
}

/** The message for a stored version: what the hub's edge checks need, and no more (not who added it, nor why). */
export function ruleVersionMessage(r: Pick<RuleVersionRow, 'sequence' | 'table' | 'version' | 'effectiveFrom' | 'value' | 'legalBasis' | 'addedAt'>): RuleVersionAdded {
  return { sequence: r.sequence, table: r.table, version: r.version, effectiveFrom: r.effectiveFrom, value: r.value, legalBasis: r.legalBasis, addedAt: r.addedAt } as RuleVersionAdded;
}

/**
 * Distributed mode: social security's rule versions (of the tables in TABLES_SENT_TO_HUB) reach the hub, whose edge check of a voluntary-SI income (floor
 * and ceiling, in the hub and the portal) would otherwise know only the built-in tables (docs/back-office.md "Rule
 * tables"). Each version is written to social security's outbox as `social-security.rule-version.added`
 * **in the transaction that stores it** (rules/service.ts), so a stored version is never left unsent and an unsent one
 * is never stored; the relay publishes it signed like every message.
 *
 * Convergence: when its process starts, social security sends every version again (`resendAll`). The hub keeps a
 * version once by its id (hub/rule-versions.ts), so this changes nothing on a hub that has them, and brings up to date
 * one that missed some — versions added before this message existed, or a hub database restored from a backup (which
 * then converges at social security's next start). Chosen over the hub asking at its start: no request message, and
 * an agency system standing in for social security (docs/external-agency.md) is sent nothing new.
 *
 * `runtime` is given lazily: the part's runtime is built with its services, which are built with this.
 */
export class RuleVersionOutbox {
  constructor(private readonly runtime: () => PartRuntime) {}

  /** In the caller's transaction (the one that inserts the version): leaves only if it commits. A table the hub does not read is not sent. */
  async publish(tx: Queryable, row: Parameters<typeof ruleVersionMessage>[0]): Promise<void> {
    if (!isSentToHub(row.table)) return;
    await this.runtime().sendIn(tx, RULES_DOSSIER, 'social-security.rule-version.added', 'hub', ruleVersionMessage(row));
  }

  /** Every version added so far to a table the hub reads, sent again (at start-up); answers how many. */
  async resendAll(): Promise<number> {
    return this.runtime().inTransaction(RULES_DOSSIER, null, async (tx, ctx) => {
      const rows = (await ruleVersionsStore.added(tx)).filter((r) => isSentToHub(r.table));
      for (const r of rows) await ctx.send('social-security.rule-version.added', 'hub', ruleVersionMessage(r));
      return rows.length;
    });
  }
}
