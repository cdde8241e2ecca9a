import { AppError } from '../../kernel/errors.ts';
import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

/** The code under which an agency's national mailbox is kept: used where a province has none of its own. */
export const NATIONAL = '00';

export interface Mailbox {
  readonly agency: string;
  readonly provinceCode: string;
  readonly email: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The mailboxes' SQL, in schema `hub` (migration 7). */
export const mailboxStore = {
  async all(tx: Queryable, provinceCode: string | null): Promise<Mailbox[]> {
    return tx.query<Mailbox>(
      `SELECT agency, province_code AS "provinceCode", email, ${iso('updated_at')} AS "updatedAt", updated_by AS "updatedBy"
       FROM hub.agency_mailboxes WHERE $1::text IS NULL OR province_code = $1 ORDER BY agency, province_code`,
      [provinceCode],
    );
  },

  async changes(tx: Queryable, provinceCode: string | null) {
    return tx.query<{ agency: string; provinceCode: string; at: string; changedBy: string; before: string | null; after: string | null; reason: string }>(
      `SELECT agency, province_code AS "provinceCode", ${iso('at')} AS at, changed_by AS "changedBy", before, after, reason
       FROM hub.agency_mailbox_changes WHERE $1::text IS NULL OR province_code = $1 ORDER BY id`,
      [provinceCode],
    );
  },

  /** The address the agency's officers of a province are told at: the province's own, else the agency's national one. */
  async addressFor(tx: Queryable, agency: string, provinceCode: string | null): Promise<string | undefined> {
    const [r] = await tx.query<{ email: string }>(
      `SELECT email FROM hub.agency_mailboxes WHERE agency = $1 AND province_code IN (coalesce($2::text, '${NATIONAL}'), '${NATIONAL}')
       ORDER BY province_code = '${NATIONAL}' LIMIT 1`,
      [agency, provinceCode],
    );
    return r?.email;
  },

  async set(tx: Queryable, m: { agency: string; provinceCode: string; email: string | null; at: string; by: string; reason: string }): Promise<string | null> {
    const [was] = await tx.query<{ email: string }>('SELECT email FROM hub.agency_mailboxes WHERE agency = $1 AND province_code = $2 FOR UPDATE', [m.agency, m.provinceCode]);
    if (m.email === null) await tx.query('DELETE FROM hub.agency_mailboxes WHERE agency = $1 AND province_code = $2', [m.agency, m.provinceCode]);
    else
      await tx.query(
        `INSERT INTO hub.agency_mailboxes (agency, province_code, email, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (agency, province_code) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [m.agency, m.provinceCode, m.email, m.at, m.by],
      );
    await tx.query('INSERT INTO hub.agency_mailbox_changes (agency, province_code, at, changed_by, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      m.agency, m.provinceCode, m.at, m.by, was?.email ?? null, m.email, m.reason,
    ]);
    return was?.email ?? null;
  },
};

/**
 * Where each agency's officers are told of its overdue procedures (notifications/officer-sender.ts): a functional
 * mailbox per agency and province ("the civil-registry office of Hà Nam"), or the agency's national one
 * (province `00`) where a province has none — set by the hub's IT operator, who also sets the time limits that make a
 * procedure overdue. Chosen over the officers' own addresses: officer accounts belong to the identity part and hold
 * none, the hub reads no other part's tables, and an office's mailbox outlives its staff. Changes are audited.
 */
export class AgencyMailboxes {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit?: AuditRecorder,
  ) {}

  /** An operator bound to a province sees and sets only its mailboxes (not the national ones); a national operator all. */
  async list(operator: Officer) {
    return this.db.transaction(async (tx) => ({ items: await mailboxStore.all(tx, operator.provinceCode), changes: await mailboxStore.changes(tx, operator.provinceCode) }));
  }

  async set(operator: Officer, agency: string, provinceCode: string, input: { email: string | null; reason: string }) {
    if (operator.provinceCode && operator.provinceCode !== provinceCode) throw new AppError('NOT_FOUND');
    const at = this.clock.now().toISOString();
    const by = `officer:${operator.username}`;
    return this.db.transaction(async (tx) => {
      const before = await mailboxStore.set(tx, { agency, provinceCode, email: input.email, at, by, reason: input.reason });
      await this.audit?.record(tx, {
        actor: operator,
        action: 'config.changed',
        purpose: 'where an agency’s officers are told of overdue procedures',
        resource: `hub/settings/agency-mailboxes/${agency}/${provinceCode}`,
        details: { before: { email: before }, after: { email: input.email }, reason: input.reason },
      });
      return { agency, provinceCode, email: input.email, updatedAt: at, updatedBy: by };
    });
  }
}
