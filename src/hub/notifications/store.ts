import type { FieldIssue } from '../../contracts/common.ts';
import type { Queryable } from '../../platform/db/db.ts';

export type NotificationEvent = 'completed' | 'rejected' | 'supplement-requested';
export type Channel = 'email' | 'sms';

/** What a message says besides the procedure: the reasons of a refusal, the fields and last day of a supplement. */
export interface NotificationDetails {
  readonly reasons?: readonly FieldIssue[];
  readonly deadline?: string;
}

export interface DueNotification {
  id: string;
  dossier_id: string;
  group_code: string;
  procedure: string;
  event: NotificationEvent;
  channel: Channel;
  details: NotificationDetails;
  attempts: number;
  /** The dossier's contact, read at delivery: never stored in the notification row, never logged. */
  contact: { email?: string; phone?: string; language?: 'vi' | 'en' } | null;
}

/** The notifications outbox (migration 6), all of it in schema `hub`. */
export const notificationStore = {
  /**
   * One row per channel the declarant gave (an e-mail address, a phone), in the caller's transaction. A second call
   * for the same event — a redelivered reply — finds the unique key taken and writes nothing.
   */
  async enqueue(tx: Queryable, n: { dossierId: string; procedure: string; event: NotificationEvent; details: NotificationDetails; at: string }) {
    await tx.query(
      `INSERT INTO hub.notifications (dossier_id, procedure, event, recipient, channel, details, next_attempt_at, created_at)
       SELECT d.id, $2, $3, d.submitted_by, c.channel, $4::jsonb, $5::timestamptz, $5::timestamptz
       FROM hub.dossiers d CROSS JOIN (VALUES ('email', 'email'), ('sms', 'phone')) AS c(channel, field)
       WHERE d.id = $1 AND d.declaration -> 'contact' ->> c.field IS NOT NULL
       ON CONFLICT (dossier_id, procedure, event, channel, recipient) DO NOTHING`,
      [n.dossierId, n.procedure, n.event, JSON.stringify(n.details), n.at],
    );
  },

  /**
   * Claims up to `limit` due rows: counts the attempt and pushes the next try `leaseMs` ahead, so a second sender
   * (another hub process) skips them, and a sender that dies mid-delivery leaves them to be tried again later.
   */
  async claim(tx: Queryable, now: string, leaseMs: number, limit: number): Promise<DueNotification[]> {
    return tx.query<DueNotification>(
      `WITH due AS (
         SELECT id FROM hub.notifications WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE hub.notifications n SET attempts = n.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE n.id = due.id
         RETURNING n.id, n.dossier_id, n.procedure, n.event, n.channel, n.details, n.attempts
       )
       SELECT c.id::text AS id, c.dossier_id, d.group_code, c.procedure, c.event, c.channel, c.details, c.attempts, d.declaration -> 'contact' AS contact
       FROM claimed c JOIN hub.dossiers d ON d.id = c.dossier_id ORDER BY c.id`,
      [now, leaseMs, limit],
    );
  },

  async markSent(tx: Queryable, id: string, at: string) {
    await tx.query(`UPDATE hub.notifications SET status = 'sent', sent_at = $2 WHERE id = $1`, [id, at]);
  },

  /** Tried again at `retryAt`, or given up (`failed`) when there is none. */
  async markFailed(tx: Queryable, id: string, retryAt: string | null) {
    if (retryAt) await tx.query(`UPDATE hub.notifications SET next_attempt_at = $2 WHERE id = $1`, [id, retryAt]);
    else await tx.query(`UPDATE hub.notifications SET status = 'failed' WHERE id = $1`, [id]);
  },
};
