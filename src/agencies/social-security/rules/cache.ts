import { BUILT_IN_RULES, type RuleBook } from '../../../kernel/rules/rule-book.ts';
import type { Db } from '../../../platform/db/db.ts';
import type { Logger } from '../../../platform/log/logger.ts';
import { loadRuleBook } from './store.ts';

/** How stale the copy may be when another process on the same database added a version. */
export const RULE_BOOK_REFRESH_MS = 5000;

/**
 * A copy of social security's rule book held in memory, for a check that must answer without I/O — the hub's edge
 * check of a voluntary-SI income against the floor and ceiling (hub/groups/voluntary-si-rules.ts), which runs as the
 * citizen types. Loaded at start, reloaded after a version is added in this process and, when asked after
 * RULE_BOOK_REFRESH_MS, in the background (another process on the same database), as the token revocation list is
 * (platform/auth/revocations.ts). A version takes effect tomorrow at the earliest, so a copy seconds old gives the same
 * answers for every day up to today. Social security's own decisions do not use it: they read the book in their
 * transaction (store.ts `loadRuleBook`).
 */
export class RuleBookCache {
  private current: RuleBook = BUILT_IN_RULES;
  private lastRefresh = 0;
  private refreshing = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  async refresh(): Promise<void> {
    this.lastRefresh = Date.now();
    this.current = (await this.db.transaction((tx) => loadRuleBook(tx))).book;
  }

  /** The book as last loaded; starts a reload in the background when it is older than RULE_BOOK_REFRESH_MS. */
  book(): RuleBook {
    if (!this.refreshing && Date.now() - this.lastRefresh >= RULE_BOOK_REFRESH_MS) {
      this.refreshing = true;
      this.refresh()
        .catch((err: unknown) => this.log.warn({ err }, 'rule book could not be refreshed; the copy in memory stays in force'))
        .finally(() => (this.refreshing = false));
    }
    return this.current;
  }
}
