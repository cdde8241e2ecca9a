import type { FastifyInstance } from 'fastify';
import type { Envelope } from '../contracts/envelope.ts';
import type { AgencyName } from '../contracts/parts.ts';
import { actionFor, MessagesBody } from '../platform/bus/agency-http-contract.ts';
import { NatsTransport } from '../platform/bus/nats-transport.ts';
import { TerminalError, type Subscription } from '../platform/bus/transport.ts';
import type { Clock } from '../platform/clock.ts';
import { TokenService } from '../platform/auth/tokens.ts';
import type { Logger } from '../platform/log/logger.ts';
import { Metrics } from '../platform/metrics.ts';
import { envelopeProblem } from '../platform/signing/envelope-signing.ts';
import type { AgencyRegistry } from '../platform/signing/registry.ts';
import { buildHttpApp } from './http-app.ts';

export interface BridgeOptions {
  readonly agency: AgencyName;
  /** The agency system's endpoint (from the registry's `endpoint`, or given). */
  readonly endpoint: string;
  readonly natsUrl: string;
  readonly natsPrefix?: string;
  readonly registry: () => AgencyRegistry;
  readonly clock: Clock;
  readonly tokenSecret: string;
  readonly log: Logger;
  /** How long the agency may take to answer one delivery before it is retried. */
  readonly timeoutMs?: number;
}

export interface AgencyBridge {
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * Stands in for an agency on the bus when the agency is an external system speaking the HTTP contract
 * (platform/bus/agency-http-contract.ts): it takes the agency's messages from its NATS stream, POSTs each
 * to the agency's endpoint, and puts the agency's signed replies — given in the answer, or later at
 * `POST /api/v1/callbacks` — on the bus. It signs nothing itself: every envelope carries its sender's
 * signature end to end, checked here and again by the receiver.
 */
export async function buildAgencyBridge(o: BridgeOptions): Promise<AgencyBridge> {
  const log = o.log.child({ process: `bridge:${o.agency}` });
  const metrics = new Metrics(async () => ({}));
  const transport = await NatsTransport.connect({
    url: o.natsUrl,
    prefix: o.natsPrefix ?? 'lienthong',
    log,
    name: `lienthong-bridge-${o.agency}`,
    onDeadLetter: (r) => metrics.deadLetters.inc({ part: r }),
  });

  /** Replies must come from the agency itself, correctly signed, with rights to send them. */
  const checkReplies = (messages: readonly Envelope[]): string | null => {
    for (const m of messages) {
      if (m.sender !== o.agency) return `a reply from ${o.agency} claims to be from ${m.sender}`;
      const p = envelopeProblem(m, o.registry(), m.recipient, o.clock.now());
      if (p) return `reply ${m.id}: ${p}`;
    }
    return null;
  };
  const publishAll = async (messages: readonly Envelope[]) => {
    for (const m of messages) {
      await transport.publish(m);
      metrics.messagesOut.inc({ part: o.agency, type: m.type });
    }
  };

  const sub: Subscription = await transport.subscribe(
    o.agency,
    async ({ envelope, attempt }) => {
      if (attempt > 1) metrics.redeliveries.inc({ part: o.agency });
      let res: Response;
      try {
        res = await fetch(o.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': envelope.id },
          body: JSON.stringify(envelope),
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
      } catch (e) {
        log.warn({ messageId: envelope.id, err: e }, 'agency system did not answer; will retry');
        throw e;
      }
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      const messages = (body as { messages?: Envelope[] } | null)?.messages;
      const action = actionFor(res.status, Array.isArray(messages) && messages.length > 0);
      metrics.messagesIn.inc({ part: o.agency, type: envelope.type, outcome: `http-${res.status}` });
      if (action === 'retry') throw new Error(`agency system answered ${res.status}`);
      if (action === 'dead-letter') throw new TerminalError(`agency system refused the message: ${res.status} ${text.slice(0, 200)}`);
      if (action === 'publish-replies') {
        const problem = checkReplies(messages!);
        if (problem) throw new TerminalError(`agency system's answer rejected: ${problem}`);
        await publishAll(messages!);
      }
    },
    { maxInFlight: 16 },
  );

  const app = await buildHttpApp({
    log,
    tokens: new TokenService(o.tokenSecret),
    title: `lienthong bridge to ${o.agency}`,
    health: () => ({ process: `bridge:${o.agency}`, bus: 'nats', endpoint: o.endpoint }),
    ready: async () => transport.connected(),
    metrics,
    routes: [
      async (r) => {
        r.post(
          '/api/v1/callbacks',
          {
            schema: {
              tags: ['agency systems'],
              summary: 'An agency system delivers its signed replies to requests it accepted with 202',
              body: MessagesBody,
            },
          },
          async (req, reply) => {
            const { messages } = req.body as MessagesBody;
            const problem = checkReplies(messages);
            if (problem) {
              log.error({ agency: o.agency, problem }, 'callback rejected: not published');
              return reply.status(401).send({ code: 'SIGNATURE_REJECTED', message: problem, messageVi: 'Chữ ký hoặc người gửi không được chấp nhận.', fields: [] });
            }
            await publishAll(messages);
            return reply.status(200).send({ accepted: messages.length });
          },
        );
      },
    ],
  });

  return {
    app,
    async close() {
      await app.close();
      await sub.stop();
      await transport.close();
    },
  };
}
