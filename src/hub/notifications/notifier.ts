import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from '../../platform/log/logger.ts';

/** Which notification a message is, for logs: the row id and the event — never the address or the text. */
export interface NotificationRef {
  readonly id: string;
  readonly event: string;
}

export interface OutgoingMail {
  readonly ref: NotificationRef;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface OutgoingSms {
  readonly ref: NotificationRef;
  readonly to: string;
  readonly text: string;
}

/** The e-mail port. `send` resolves once the message is accepted for delivery, and rejects otherwise (retried). */
export interface Notifier {
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

/** The SMS port: a provider's API behind it (none is bundled; `LoggingSmsProvider` stands in for development). */
export interface SmsProvider {
  send(sms: OutgoingSms): Promise<void>;
}

/** E-mail through an SMTP server (nodemailer), e.g. `smtps://user:pass@mail.example.vn:465`. */
export class SmtpNotifier implements Notifier {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // A dead server should fail the attempt quickly: the sender retries with backoff.
    this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, headers: { 'X-Lienthong-Notification': mail.ref.id } });
  }

  close(): void {
    this.transport.close();
  }
}

/** Development without a mail server: logs that a message would go, by id and event only. */
export class LoggingNotifier implements Notifier {
  constructor(private readonly log: Logger) {}
  async send(mail: OutgoingMail): Promise<void> {
    this.log.info({ notification: mail.ref.id, event: mail.ref.event, channel: 'email' }, 'e-mail notification (not sent: no SMTP server configured)');
  }
}

export class LoggingSmsProvider implements SmsProvider {
  constructor(private readonly log: Logger) {}
  async send(sms: OutgoingSms): Promise<void> {
    this.log.info({ notification: sms.ref.id, event: sms.ref.event, channel: 'sms' }, 'SMS notification (not sent: no SMS provider configured)');
  }
}

export interface NotificationOptions {
  readonly email: Notifier;
  readonly sms: SmsProvider;
  /** Where the links in messages point: `${publicUrl}/portal/dossiers/{id}`. */
  readonly publicUrl: string;
  /** How often the sender looks for due notifications; default 5 s. */
  readonly intervalMs?: number;
  /** The first retry's delay, doubled at each further failure up to an hour; default 30 s. */
  readonly retryBaseMs?: number;
}

/**
 * From the environment: `LIENTHONG_SMTP_URL` and `LIENTHONG_MAIL_FROM` send e-mail over SMTP; without them, a
 * logging notifier. SMS always goes to the logging provider until a real one is plugged in.
 */
export function notificationsFromEnv(env: NodeJS.ProcessEnv, log: Logger, publicUrl: string): NotificationOptions {
  const url = env.LIENTHONG_SMTP_URL;
  const from = env.LIENTHONG_MAIL_FROM;
  if (url && !from) throw new Error('LIENTHONG_SMTP_URL is set but LIENTHONG_MAIL_FROM is not: set the sender address of notifications');
  return {
    email: url && from ? new SmtpNotifier(url, from) : new LoggingNotifier(log),
    sms: new LoggingSmsProvider(log),
    publicUrl,
  };
}
