import type { Envelope } from '../../contracts/envelope.ts';
import type { PartName } from '../../contracts/parts.ts';
import {
  DEFAULT_BACKOFF_MS,
  DEFAULT_MAX_DELIVER,
  DeadLetteredError,
  TerminalError,
  type DeliveryHandler,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from './transport.ts';

interface Pending {
  readonly envelope: Envelope;
  attempt: number;
  readonly settled: Promise<void>;
  resolve(): void;
  reject(e: Error): void;
}

interface Consumer {
  handler: DeliveryHandler;
  maxInFlight: number;
  maxDeliver: number;
  backoff: readonly number[];
  active: number;
  stopped: boolean;
}

/**
 * Delivery inside one process. Memory is not durable, so `publish` resolves only when the receiver
 * has acked (its transaction committed): until then the sender's outbox row is the copy that
 * survives a crash, and the relay publishes it again after a restart. A message id published again
 * while in flight joins the delivery under way; one acked within the dedupe window is not delivered
 * again (the receiver's inbox dedupes beyond that window too).
 */
export class InProcessTransport implements Transport {
  readonly kind = 'in-process' as const;
  private readonly queues = new Map<PartName, Pending[]>();
  private readonly consumers = new Map<PartName, Consumer>();
  private readonly inFlight = new Map<string, Pending>();
  private readonly acked = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly dedupeWindowMs = 120_000) {}

  publish(envelope: Envelope): Promise<void> {
    if (this.closed) return Promise.reject(new Error('transport closed'));
    const joined = this.inFlight.get(envelope.id);
    if (joined) return joined.settled;
    const ackedAt = this.acked.get(envelope.id);
    if (ackedAt !== undefined && Date.now() - ackedAt < this.dedupeWindowMs) return Promise.resolve();
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const settled = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    const p: Pending = { envelope, attempt: 0, settled, resolve, reject };
    this.inFlight.set(envelope.id, p);
    this.queue(envelope.recipient).push(p);
    this.pump(envelope.recipient);
    return settled;
  }

  async subscribe(recipient: PartName, handler: DeliveryHandler, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (this.consumers.has(recipient)) throw new Error(`${recipient} already has a consumer`);
    const c: Consumer = {
      handler,
      maxInFlight: opts.maxInFlight ?? 16,
      maxDeliver: opts.maxDeliver ?? DEFAULT_MAX_DELIVER,
      backoff: opts.backoffMs ?? DEFAULT_BACKOFF_MS,
      active: 0,
      stopped: false,
    };
    this.consumers.set(recipient, c);
    this.pump(recipient);
    return {
      stop: async () => {
        c.stopped = true;
        this.consumers.delete(recipient);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.consumers.values()) c.stopped = true;
    for (const p of this.inFlight.values()) p.reject(new Error('transport closed'));
    this.inFlight.clear();
  }

  private queue(r: PartName): Pending[] {
    let q = this.queues.get(r);
    if (!q) this.queues.set(r, (q = []));
    return q;
  }

  private pump(recipient: PartName): void {
    const c = this.consumers.get(recipient);
    const q = this.queue(recipient);
    while (c && !c.stopped && !this.closed && c.active < c.maxInFlight && q.length > 0) {
      const p = q.shift()!;
      c.active++;
      p.attempt++;
      void this.deliver(recipient, c, p);
    }
  }

  private async deliver(recipient: PartName, c: Consumer, p: Pending): Promise<void> {
    try {
      await c.handler({ envelope: p.envelope, attempt: p.attempt });
      this.inFlight.delete(p.envelope.id);
      this.remember(p.envelope.id);
      p.resolve();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      if (err instanceof TerminalError || p.attempt >= c.maxDeliver || this.closed) {
        this.inFlight.delete(p.envelope.id);
        p.reject(this.closed ? err : new DeadLetteredError(p.envelope.id, err.message));
      } else {
        const delay = c.backoff[Math.min(p.attempt - 1, c.backoff.length - 1)] ?? 1000;
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.queue(recipient).push(p);
          this.pump(recipient);
        }, delay);
        this.timers.add(t);
      }
    } finally {
      c.active--;
      this.pump(recipient);
    }
  }

  private remember(id: string): void {
    const now = Date.now();
    this.acked.set(id, now);
    if (this.acked.size > 50_000) {
      for (const [k, at] of this.acked) {
        if (now - at < this.dedupeWindowMs && this.acked.size <= 25_000) break;
        this.acked.delete(k);
      }
    }
  }
}
