import type { FastifyPluginAsync } from 'fastify';
import { EnvelopeSchema, type Envelope } from '../../contracts/envelope.ts';
import type { PartName } from '../../contracts/parts.ts';
import { DeadLetteredError, TerminalError, type DeliveryHandler, type Subscription, type Transport } from './transport.ts';

/**
 * A built-in agency run as an external system would be (the HTTP contract of agency-http-contract.ts):
 * the platform's bridge POSTs each message to `POST /api/v1/messages`, which applies it in one transaction
 * and answers 202; the replies leave by the part's outbox relay, which `publish`es each one to the
 * bridge's callback URL, retrying until the bridge has it. The conformance kit checks exactly this.
 */
export class HttpAgencyTransport implements Transport {
  readonly kind = 'http' as const;
  private handler: DeliveryHandler | undefined;
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly part: PartName,
    private readonly callbackUrl: string,
  ) {}

  async publish(envelope: Envelope): Promise<void> {
    const res = await fetch(this.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': envelope.id },
      body: JSON.stringify({ messages: [envelope] }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.ok) return;
    const text = (await res.text()).slice(0, 200);
    // The platform refused it for good (e.g. a signature it does not accept): the relay parks the row.
    if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new DeadLetteredError(envelope.id, `callback refused: ${res.status} ${text}`);
    throw new Error(`callback answered ${res.status}`);
  }

  async subscribe(recipient: PartName, handler: DeliveryHandler): Promise<Subscription> {
    if (recipient !== this.part) throw new Error(`this process is ${this.part}, not ${recipient}`);
    this.handler = handler;
    return { stop: async () => void (this.handler = undefined) };
  }

  async close(): Promise<void> {
    this.handler = undefined;
  }

  /** The agency's side of the contract: `POST /api/v1/messages`. */
  routes(): FastifyPluginAsync {
    return async (app) => {
      app.post(
        '/api/v1/messages',
        { schema: { tags: ['agency contract'], summary: 'The platform delivers one signed message', body: EnvelopeSchema } },
        async (req, reply) => {
          const envelope = req.body as Envelope;
          const handler = this.handler;
          if (!handler) return reply.status(503).send({ code: 'NOT_READY', message: 'Not taking messages now.', messageVi: 'Chưa sẵn sàng nhận thông điệp.', fields: [] });
          const attempt = (this.attempts.get(envelope.id) ?? 0) + 1;
          this.attempts.set(envelope.id, attempt);
          if (this.attempts.size > 10_000) this.attempts.clear();
          try {
            await handler({ envelope, attempt });
            return reply.status(202).send({ accepted: envelope.id });
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            if (e instanceof TerminalError && message.startsWith('rejected:'))
              return reply.status(401).send({ code: 'SIGNATURE_REJECTED', message, messageVi: 'Chữ ký hoặc người gửi không được chấp nhận.', fields: [] });
            if (e instanceof TerminalError) return reply.status(400).send({ code: 'MESSAGE_REFUSED', message, messageVi: 'Thông điệp không hợp lệ.', fields: [] });
            // A passing fault (the database busy): the platform tries again later.
            req.log.warn({ err: e, messageId: envelope.id }, 'message not applied now; the platform will retry');
            return reply.status(503).send({ code: 'NOT_READY', message: 'Try again later.', messageVi: 'Vui lòng thử lại sau.', fields: [] });
          }
        },
      );
    };
  }
}
