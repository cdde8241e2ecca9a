import { makeEnvelope, type Envelope } from '../../contracts/envelope.ts';
import { checkMessage, type MessageType, type PayloadOf } from '../../contracts/catalogue.ts';
import { SCHEMA_OF, type PartName } from '../../contracts/parts.ts';
import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { Logger } from '../log/logger.ts';
import { TerminalError, type Subscription, type Transport } from '../bus/transport.ts';
import { envelopeProblem, signEnvelope } from '../signing/envelope-signing.ts';
import type { SigningKey } from '../signing/keys.ts';
import type { AgencyRegistry } from '../signing/registry.ts';
import type { Metrics } from '../metrics.ts';
import type { DataSealer } from '../crypto/data-sealer.ts';
import { enqueue } from './outbox.ts';
import { OutboxRelay } from './relay.ts';

/** What a message handler may do besides its own SQL: send messages in the same transaction. */
export interface HandlerContext {
  readonly now: Date;
  send<T extends MessageType>(type: T, recipient: PartName, payload: PayloadOf<T>): Promise<Envelope>;
}

export type MessageHandler = (tx: Queryable, envelope: Envelope, ctx: HandlerContext) => Promise<void>;
export type HandlerTable = Partial<Record<MessageType, MessageHandler>>;

/**
 * Message signing (distributed mode): this part's key signs what it sends; the registry says whose
 * signatures to accept. Absent in embedded mode, where every part runs in one process and a signature
 * would prove nothing the process does not already know.
 */
export interface Signing {
  readonly key: SigningKey;
  /** Read at each message, so a registry reloaded during a key rotation takes effect at once. */
  registry(): AgencyRegistry;
}

export interface PartDeps {
  readonly db: Db;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signing?: Signing | undefined;
  readonly metrics?: Metrics | undefined;
  /** Seals sensitive fields at rest (contracts/sensitive-fields.ts): in this part's outbox, and its own columns. */
  readonly sealer?: DataSealer | undefined;
}

/**
 * The messaging side of one part: its outbox relay, its inbox consumer, and `inTransaction` for
 * state changes that start from HTTP (a submission, an officer's decision) rather than a message.
 */
export class PartRuntime {
  readonly schema: string;
  readonly relay: OutboxRelay;
  private sub: Subscription | undefined;

  constructor(
    readonly name: PartName,
    private readonly deps: PartDeps,
    private readonly handlers: HandlerTable,
  ) {
    this.schema = SCHEMA_OF[name];
    const sealer = deps.sealer;
    this.relay = new OutboxRelay(deps.db, this.schema, deps.transport, deps.log.child({ part: name }), sealer ? { open: (e) => sealer.openEnvelope(e) } : {});
  }

  async start(opts: { maxInFlight?: number } = {}): Promise<void> {
    this.relay.start();
    this.sub = await this.deps.transport.subscribe(this.name, (d) => this.counted(d.envelope, d.attempt), {
      maxInFlight: opts.maxInFlight ?? 8,
    });
  }

  async stop(): Promise<void> {
    await this.sub?.stop();
    await this.relay.stop();
  }

  /** Runs a state change with the right to send messages; they leave only if it commits. */
  async inTransaction<T>(
    dossierId: string,
    causationId: string | null,
    fn: (tx: Queryable, ctx: HandlerContext) => Promise<T>,
  ): Promise<T> {
    let sent = false;
    const out = await this.deps.db.transaction(async (tx) => {
      const ctx = this.context(tx, dossierId, causationId, () => (sent = true));
      return fn(tx, ctx);
    });
    if (sent) this.relay.kick();
    return out;
  }

  private context(tx: Queryable, dossierId: string, causationId: string | null, onSend: () => void): HandlerContext {
    const now = this.deps.clock.now();
    return {
      now,
      send: async (type, recipient, payload) => {
        const problem = checkMessage(type, this.name, recipient, payload);
        if (problem) throw new Error(`refusing to send: ${problem}`);
        const made = makeEnvelope({ type, sender: this.name, recipient, dossierId, causationId, time: now.toISOString(), payload });
        const env = this.deps.signing ? signEnvelope(made, this.deps.signing.key) : made;
        await enqueue(tx, this.schema, this.deps.sealer ? this.deps.sealer.sealEnvelope(env) : env);
        this.deps.metrics?.messagesOut.inc({ part: this.name, type });
        onSend();
        return env;
      },
    };
  }

  private async counted(env: Envelope, attempt: number): Promise<void> {
    const m = this.deps.metrics;
    if (!m) return void (await this.receive(env));
    if (attempt > 1) m.redeliveries.inc({ part: this.name });
    try {
      const outcome = await this.receive(env);
      m.messagesIn.inc({ part: this.name, type: env.type, outcome });
    } catch (e) {
      m.messagesIn.inc({ part: this.name, type: env.type, outcome: e instanceof TerminalError ? 'rejected' : 'failed' });
      throw e;
    }
  }

  private async receive(env: Envelope): Promise<'applied' | 'duplicate'> {
    const forged = this.deps.signing ? envelopeProblem(env, this.deps.signing.registry(), this.name, this.deps.clock.now()) : null;
    if (forged) {
      this.deps.log.error({ part: this.name, messageId: env.id, type: env.type, sender: env.sender, problem: forged }, 'message rejected: not applied');
      throw new TerminalError(`rejected: ${forged}`);
    }
    const problem = env.recipient === this.name ? checkMessage(env.type, env.sender, env.recipient, env.payload) : 'misrouted';
    const handler = this.handlers[env.type as MessageType];
    if (problem || !handler) {
      this.deps.log.error({ part: this.name, messageId: env.id, type: env.type, problem: problem ?? 'no handler' }, 'message refused');
      throw new TerminalError(problem ?? `${this.name} has no handler for ${env.type}`);
    }
    let sent = false;
    let duplicate = false;
    await this.deps.db.transaction(async (tx) => {
      const fresh = await tx.query(
        `INSERT INTO ${this.schema}.inbox (message_id, type, sender, dossier_id, received_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
        [env.id, env.type, env.sender, env.dossierId, this.deps.clock.now().toISOString()],
      );
      if (fresh.length === 0) {
        // Applied before (a redelivery, a relay's re-publish, or a replay): ack again, change nothing.
        this.deps.log.info({ part: this.name, messageId: env.id, type: env.type }, 'message already applied; ignored');
        duplicate = true;
        return;
      }
      await handler(tx, env, this.context(tx, env.dossierId, env.id, () => (sent = true)));
    });
    if (sent) this.relay.kick();
    if (!duplicate) this.deps.log.debug({ part: this.name, messageId: env.id, type: env.type, sender: env.sender, dossierId: env.dossierId }, 'message applied');
    return duplicate ? 'duplicate' : 'applied';
  }
}
