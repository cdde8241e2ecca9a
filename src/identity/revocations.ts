import type { Db, Queryable } from '../platform/db/db.ts';
import type { Logger } from '../platform/log/logger.ts';
import { RevocationList } from '../platform/auth/revocations.ts';
import { LIFETIMES } from './deps.ts';

/** No token lives longer than this, so an older revocation can no longer void anything. */
const LONGEST_TOKEN_MS = Math.max(...Object.values(LIFETIMES)) * 1000 + 12 * 3600 * 1000;
/** How stale the in-memory list may be when another process (a second instance) revoked. */
const REFRESH_MS = 5000;

/**
 * Token revocation for the identity part: an account disabled, credentials reset, a client's secret rotated or
 * the client disabled, or a user signing out everywhere voids the subject's tokens at once in this process, and
 * within REFRESH_MS in every other process that verifies tokens against the same identity database.
 */
export class TokenRevocations {
  readonly list = new RevocationList();
  private lastRefresh = 0;
  private refreshing = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    this.list.onCheck(() => this.refreshSoon());
  }

  /**
   * Voids every token of `subject` issued until now, inside the caller's transaction. The in-memory list is
   * updated at once: were the transaction to roll back, the subject would merely have to sign in again.
   */
  async revoke(tx: Queryable, subject: string, reason: string): Promise<void> {
    const now = Date.now();
    await tx.query(
      `INSERT INTO identity.token_revocations (subject, revoked_before, reason) VALUES ($1, $2, $3)
       ON CONFLICT (subject) DO UPDATE SET revoked_before = GREATEST(identity.token_revocations.revoked_before, EXCLUDED.revoked_before), reason = EXCLUDED.reason`,
      [subject, new Date(now).toISOString(), reason],
    );
    this.list.revoke(subject, now);
  }

  /** Loads the revocations that can still void a token (at start, and every few seconds while tokens are checked). */
  async refresh(): Promise<void> {
    this.lastRefresh = Date.now();
    const rows = await this.db.query<{ subject: string; ms: number }>(
      `SELECT subject, (extract(epoch FROM revoked_before) * 1000)::float8 AS ms FROM identity.token_revocations WHERE revoked_before > $1`,
      [new Date(Date.now() - LONGEST_TOKEN_MS).toISOString()],
    );
    for (const r of rows) this.list.revoke(r.subject, Number(r.ms));
  }

  private refreshSoon(): void {
    if (this.refreshing || Date.now() - this.lastRefresh < REFRESH_MS) return;
    this.refreshing = true;
    this.refresh()
      .catch((err: unknown) => this.log.warn({ err }, 'token revocations could not be refreshed; the list in memory stays in force'))
      .finally(() => (this.refreshing = false));
  }
}
