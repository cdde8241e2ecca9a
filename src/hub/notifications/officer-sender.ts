import { Counter } from 'prom-client';
import { PeriodicTask } from '../../platform/periodic-task.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { GROUPS } from '../groups/catalogue.ts';
import { mailboxStore } from '../settings/mailboxes.ts';
import { overdueMessage } from './domain/officer-messages.ts';
import type { Notifier } from './notifier.ts';
import { MAX_ATTEMPTS } from './sender.ts';

const DEFAULT_INTERVAL_MS = 5_000;
const DEFAULT_RETRY_BASE_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

interface Due {
  id: string;
  dossier_id: string;
  group_code: string;
  procedure: string;
  agency: string;
  province_code: string | null;
  details: { lastDay?: string };
  attempts: number;
}

/** The officer notifications outbox (hub migration 7): claimed like the citizens' (store.ts), with a lease. */
const store = {
  async claim(tx: Queryable, now: string, leaseMs: number, limit: number): Promise<Due[]> {
    return tx.query<Due>(
      `WITH due AS (
         SELECT id FROM hub.officer_notifications WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz
         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE hub.officer_notifications n SET attempts = n.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE n.id = due.id
         RETURNING n.id, n.dossier_id, n.procedure, n.agency, n.province_code, n.details, n.attempts
       )
       SELECT c.id::text AS id, c.dossier_id, d.group_code, c.procedure, c.agency, c.province_code, c.details, c.attempts
       FROM claimed c JOIN hub.dossiers d ON d.id = c.dossier_id ORDER BY c.id`,
      [now, leaseMs, limit],
    );
  },
  async mark(tx: Queryable, id: string, status: 'sent' | 'failed' | 'no-address', at: string) {
    await tx.query(`UPDATE hub.officer_notifications SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz END WHERE id = $1`, [id, status, at]);
  },
  async retryAt(tx: Queryable, id: string, at: string) {
    await tx.query('UPDATE hub.officer_notifications SET next_attempt_at = $2 WHERE id = $1', [id, at]);
  },
};

/**
 * Tells an agency's office, by e-mail, that one of its procedures passed its last day — once per procedure (the
 * overdue sweep writes one row: notifications/overdue.ts). Runs with the hub's runtime, like the citizens' sender
 * (sender.ts), with the same lease, retries with backoff and give-up after MAX_ATTEMPTS. The address is the agency's
 * mailbox for the dossier's province, else its national one (settings/mailboxes.ts), read at delivery; with none
 * set, the row is closed `no-address` (the overdue list still shows the procedure). Logs name the row and event only.
 */
export class OfficerNotificationSender {
  private readonly timer: PeriodicTask;
  private readonly outcomes: Counter<'outcome'> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly email: Notifier,
    private readonly opts: { intervalMs?: number; retryBaseMs?: number } = {},
    metrics?: Metrics,
  ) {
    this.outcomes = metrics
      ? new Counter({ name: 'lienthong_officer_notifications_total', help: 'Overdue notices to agencies’ mailboxes, by outcome (sent, retry, failed, no-address)', labelNames: ['outcome'] as const, registers: [metrics.registry] })
      : undefined;
    this.timer = new PeriodicTask(() => this.deliverDue(), this.opts.intervalMs ?? DEFAULT_INTERVAL_MS, (err) => this.log.error({ err }, 'officer notification delivery failed; retried at the next tick'));
  }

  start(): void {
    this.timer.start();
  }

  /** Stops the loop; the mail transport is the citizens' sender's, which closes it. */
  async stop(): Promise<void> {
    await this.timer.stop();
  }

  /** Sends every due notice; returns how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now().toISOString();
      const due = await this.db.transaction((tx) => store.claim(tx, now, LEASE_MS, BATCH));
      for (const n of due) if (await this.deliver(n)) sent++;
      if (due.length < BATCH) return sent;
    }
  }

  private async deliver(n: Due): Promise<boolean> {
    const ref = { id: `officer-${n.id}`, event: 'overdue' };
    try {
      const to = await this.db.transaction((tx) => mailboxStore.addressFor(tx, n.agency, n.province_code));
      if (!to) {
        await this.db.transaction((tx) => store.mark(tx, n.id, 'no-address', this.clock.now().toISOString()));
        this.outcomes?.inc({ outcome: 'no-address' });
        this.log.info({ notification: ref.id, event: ref.event, agency: n.agency }, 'overdue notice not sent: the agency has no mailbox set for the province');
        return false;
      }
      const title = GROUPS[n.group_code]?.procedures.find((p) => p.code === n.procedure)?.title ?? { vi: n.procedure, en: n.procedure };
      const m = overdueMessage({ dossierId: n.dossier_id, procedure: title, agency: n.agency, provinceCode: n.province_code, lastDay: n.details.lastDay ?? '' });
      await this.email.send({ ref, to, subject: m.subject, text: m.text });
      await this.db.transaction((tx) => store.mark(tx, n.id, 'sent', this.clock.now().toISOString()));
      this.outcomes?.inc({ outcome: 'sent' });
      return true;
    } catch (err) {
      const giveUp = n.attempts >= MAX_ATTEMPTS;
      const delay = Math.min(MAX_RETRY_MS, (this.opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) * 2 ** (n.attempts - 1));
      const now = this.clock.now();
      await this.db.transaction((tx) => (giveUp ? store.mark(tx, n.id, 'failed', now.toISOString()) : store.retryAt(tx, n.id, new Date(now.getTime() + delay).toISOString())));
      this.outcomes?.inc({ outcome: giveUp ? 'failed' : 'retry' });
      const code = (err as { code?: unknown }).code;
      this.log.warn({ notification: ref.id, event: ref.event, attempts: n.attempts, code: typeof code === 'string' ? code : undefined }, giveUp ? 'officer notification given up' : 'officer notification not delivered; retried later');
      return false;
    }
  }
}
