import { isDeepStrictEqual } from 'node:util';
import type { PayloadOf } from '../contracts/catalogue.ts';
import { BUILT_IN_RULES, withAddedVersions, type AddedRuleVersion, type RuleBook } from '../kernel/rules/rule-book.ts';
import type { IsoDate } from '../kernel/dates.ts';
import { TerminalError } from '../platform/bus/transport.ts';
import type { Db, Queryable } from '../platform/db/db.ts';
import type { Logger } from '../platform/log/logger.ts';
import type { HandlerTable } from '../platform/messaging/part-runtime.ts';

/**
 * The hub's copy of social security's rule-table versions (distributed mode; docs/back-office.md "Rule tables").
 *
 * Social security owns the tables (`social_security.rule_versions`) and decides with them; the hub needs them only for
 * its edge check of a voluntary-SI income against the floor (rural poverty line) and ceiling (20 × base salary) —
 * at submission and as the citizen types in the portal — which must answer without asking another part. In embedded
 * mode the hub reads social security's book in the same database (agencies/social-security/rules/cache.ts); in
 * distributed mode it cannot, so social security sends each version it stores as `social-security.rule-version.added`
 * (agencies/social-security/rules/publish.ts), and every version again when its process starts. Here:
 *
 *  - the intake keeps each version ONCE, BY ITS ID, in `hub.rule_versions` (append-only), in the transaction that
 *    records the message in the hub's inbox: a redelivered message (same id) is not applied again, and a message sent
 *    again at social security's start (same version, new message id) changes nothing;
 *  - a version is refused (the message dead-lettered for an operator; nothing stored) when it would make the book
 *    unbuildable — an id of a built-in version — or contradicts what was received under its id or its sequence:
 *    social security's table is append-only, so the same id can only ever carry the same content;
 *  - `HubRuleBook` is the book the hub and the portal check with: the built-in tables with the received versions merged
 *    in the order social security added them (`sequence`), exactly as social security merges its own
 *    (kernel/rules/rule-book.ts), reloaded every RULE_BOOK_RELOAD_MS in each process on the hub's database.
 */

export interface ReceivedRuleVersion extends AddedRuleVersion {
  readonly sequence: number;
}

const COLS = `version, sequence::int AS sequence, table_name AS "table", effective_from::text AS "effectiveFrom", value, legal_basis AS "legalBasis"`;

export const hubRuleVersionsStore = {
  /** Every version received, in the order social security added them. */
  async all(q: Queryable): Promise<ReceivedRuleVersion[]> {
    return q.query<ReceivedRuleVersion>(`SELECT ${COLS} FROM hub.rule_versions ORDER BY sequence`);
  },
};

/** The book the hub checks with: the built-in tables and `received` merged in their sequence (throws RangeError on a clash). */
export function hubBookOf(received: readonly ReceivedRuleVersion[]): RuleBook {
  return withAddedVersions(BUILT_IN_RULES, [...received].sort((a, b) => a.sequence - b.sequence)).book;
}

const sameVersion = (a: ReceivedRuleVersion, b: ReceivedRuleVersion) =>
  a.sequence === b.sequence && a.table === b.table && a.effectiveFrom === b.effectiveFrom && a.legalBasis === b.legalBasis && isDeepStrictEqual(a.value, b.value);

export function ruleVersionIntakeHandlers(): HandlerTable {
  return {
    async 'social-security.rule-version.added'(tx, env, ctx) {
      // The catalogue has checked the shape (the value is the table's) and that social security sent it.
      const p = env.payload as PayloadOf<'social-security.rule-version.added'>;
      const v: ReceivedRuleVersion = { sequence: p.sequence, table: p.table, version: p.version, effectiveFrom: p.effectiveFrom as IsoDate, value: p.value, legalBasis: p.legalBasis };
      // One intake at a time: two batches applied at once must not both check against the rows before either.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['hub.rule_versions']);
      const stored = await hubRuleVersionsStore.all(tx);
      const known = stored.find((r) => r.version === v.version);
      if (known) {
        if (sameVersion(known, v)) return; // sent again (social security's start): nothing changes
        throw new TerminalError(`rule version ${v.version} was received before with other content; the first is kept`);
      }
      const other = stored.find((r) => r.sequence === v.sequence);
      if (other) throw new TerminalError(`rule version ${v.version} has the sequence ${v.sequence} of ${other.version}; not stored`);
      try {
        hubBookOf([...stored, v]);
      } catch (e) {
        throw new TerminalError(`rule version ${v.version} cannot be merged: ${(e as Error).message}`);
      }
      await tx.query(
        `INSERT INTO hub.rule_versions (version, sequence, table_name, effective_from, value, legal_basis, added_at, received_at, message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [v.version, v.sequence, v.table, v.effectiveFrom, JSON.stringify(v.value), v.legalBasis, p.addedAt, ctx.now.toISOString(), env.id],
      );
    },
  };
}

/** How stale a process's copy may be after a version reached the hub's database. */
export const RULE_BOOK_RELOAD_MS = 5000;

/**
 * The book the hub's edge checks use in distributed mode, held in memory (a check as the citizen types does no I/O):
 * loaded at start, then reloaded on a timer — not on use, since a process idle for hours must not answer its first
 * check with a copy from before a version arrived. A voluntary-SI start month may lie up to 12 months ahead, so a
 * version effective tomorrow can change an answer today: the copy is kept at most seconds behind the hub's database.
 * Social security checks the income again with its own book on receipt, so a stale copy never lets a wrong one through.
 */
export class HubRuleBook {
  private current: RuleBook = BUILT_IN_RULES;
  private loaded = '';
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly reloadMs = RULE_BOOK_RELOAD_MS,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.refresh()
        .catch((err: unknown) => this.log.warn({ err }, 'rule versions could not be reloaded; the book in memory stays in force'))
        .finally(() => (this.running = undefined));
    }, this.reloadMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async refresh(): Promise<void> {
    const rows = await hubRuleVersionsStore.all(this.db);
    const key = rows.map((r) => r.version).join('\n');
    if (key === this.loaded) return;
    this.current = hubBookOf(rows);
    this.loaded = key;
  }

  book(): RuleBook {
    return this.current;
  }
}
