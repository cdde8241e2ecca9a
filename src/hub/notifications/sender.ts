import { Counter } from 'prom-client';
import { PeriodicTask } from '../../platform/periodic-task.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { GROUPS } from '../groups/catalogue.ts';
import { messageFor } from './domain/messages.ts';
import type { NotificationOptions } from './notifier.ts';
import { notificationStore as store, type DueNotification } from './store.ts';

const DEFAULT_INTERVAL_MS = 5_000;
const DEFAULT_RETRY_BASE_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
/** After this many attempts (about a day and a half at the default backoff) a notification is given up. */
export const MAX_ATTEMPTS = 12;
/** How long a claimed row is left to its sender before another may try it (a sender that died mid-delivery). */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/**
 * Delivers the notifications outbox, like the relay delivers messages: claims due rows, sends each outside any
 * transaction, marks it sent, or schedules a retry with exponential backoff. At least once: a process that dies
 * between the server's acceptance and the mark sends that one message again after the lease.
 */
export class NotificationSender {
  private readonly timer: PeriodicTask;
  private readonly outcomes: Counter<'channel' | 'outcome'> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: NotificationOptions,
    metrics?: Metrics,
  ) {
    this.outcomes = metrics
      ? new Counter({
          name: 'lienthong_notifications_total',
          help: 'Notification delivery attempts, by channel and outcome (sent, retry, failed)',
          labelNames: ['channel', 'outcome'] as const,
          registers: [metrics.registry],
        })
      : undefined;
    this.timer = new PeriodicTask(() => this.deliverDue(), this.opts.intervalMs ?? DEFAULT_INTERVAL_MS, (err) => this.log.error({ err }, 'notification delivery failed; retried at the next tick'));
  }

  start(): void {
    this.timer.start();
  }

  async stop(): Promise<void> {
    await this.timer.stop();
    this.opts.email.close?.();
  }

  /** Sends every due notification; returns how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.clock.now().toISOString();
      const due = await this.db.transaction((tx) => store.claim(tx, now, LEASE_MS, BATCH));
      for (const n of due) if (await this.deliver(n)) sent++;
      if (due.length < BATCH) return sent;
    }
  }

  private async deliver(n: DueNotification): Promise<boolean> {
    const ref = { id: n.id, event: n.event };
    try {
      const to = n.channel === 'email' ? n.contact?.email : n.contact?.phone;
      if (!to) {
        // The contact cannot change after submission; a row without one was never meant to go.
        await this.db.transaction((tx) => store.markFailed(tx, n.id, null));
        return false;
      }
      const title = GROUPS[n.group_code]?.procedures.find((p) => p.code === n.procedure)?.title ?? { vi: n.procedure, en: n.procedure };
      const m = messageFor({
        event: n.event,
        language: n.contact?.language ?? 'vi',
        dossierId: n.dossier_id,
        procedure: title,
        reasons: n.details.reasons ?? [],
        ...(n.details.deadline ? { deadline: n.details.deadline } : {}),
        link: `${this.opts.publicUrl.replace(/\/+$/, '')}/portal/dossiers/${n.dossier_id}`,
      });
      if (n.channel === 'email') await this.opts.email.send({ ref, to, subject: m.subject, text: m.text });
      else await this.opts.sms.send({ ref, to, text: m.sms });
      await this.db.transaction((tx) => store.markSent(tx, n.id, this.clock.now().toISOString()));
      this.outcomes?.inc({ channel: n.channel, outcome: 'sent' });
      return true;
    } catch (err) {
      const giveUp = n.attempts >= MAX_ATTEMPTS;
      const delay = Math.min(MAX_RETRY_MS, (this.opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) * 2 ** (n.attempts - 1));
      const retryAt = giveUp ? null : new Date(this.clock.now().getTime() + delay).toISOString();
      await this.db.transaction((tx) => store.markFailed(tx, n.id, retryAt));
      this.outcomes?.inc({ channel: n.channel, outcome: giveUp ? 'failed' : 'retry' });
      // The error of a mail library may quote the address: log its code only.
      const code = (err as { code?: unknown }).code;
      this.log.warn({ notification: n.id, event: n.event, channel: n.channel, attempts: n.attempts, code: typeof code === 'string' ? code : undefined }, giveUp ? 'notification given up' : 'notification not delivered; retried later');
      return false;
    }
  }
}
