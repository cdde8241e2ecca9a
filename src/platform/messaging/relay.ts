import type { Envelope } from '../../contracts/envelope.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../log/logger.ts';
import { DeadLetteredError, type Transport } from '../bus/transport.ts';

export interface RelayOptions {
  /** Rows read per pass. */
  readonly batch?: number;
  /** Publishes awaiting the bus at once (back-pressure on the sender). */
  readonly maxInFlight?: number;
  /** Safety-net poll: rows written by another process, or left by a crash, are found within this. */
  readonly pollMs?: number;
  /** Restores what the outbox holds sealed (platform/crypto/data-sealer.ts) before it goes on the bus. */
  readonly open?: (e: Envelope) => Envelope;
}

/**
 * Publishes a part's outbox rows to the bus and marks each published once the bus holds it.
 * A crash between publish and mark republishes the row after restart; receivers dedupe by id.
 */
export class OutboxRelay {
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();
  private toMark: string[] = [];
  private marking: Promise<void> | null = null;
  private pass: Promise<void> | null = null;
  private readonly batch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly db: Db,
    private readonly schema: string,
    private readonly transport: Transport,
    private readonly log: Logger,
    private readonly opts: RelayOptions = {},
  ) {
    this.batch = opts.batch ?? 500;
    this.maxInFlight = opts.maxInFlight ?? 1000;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.opts.pollMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pass;
    await this.marking;
  }

  /** Asks for a pass soon: called after a transaction that wrote outbox rows commits. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.pass = this.run();
  }

  /** Number of rows not yet marked published (for health and tests). */
  async backlog(): Promise<number> {
    const [r] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.schema}.outbox WHERE published_at IS NULL AND dead_at IS NULL`,
    );
    return Number(r?.n ?? 0);
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        const room = this.maxInFlight - this.inFlight.size;
        if (room <= 0 || this.stopped) break;
        const rows = await this.db.query<{ id: string; envelope: Envelope | string }>(
          `SELECT id, envelope FROM ${this.schema}.outbox WHERE published_at IS NULL AND dead_at IS NULL ORDER BY seq LIMIT $1`,
          [Math.min(this.batch, room + this.inFlight.size)],
        );
        for (const row of rows) {
          if (this.inFlight.has(row.id) || this.inFlight.size >= this.maxInFlight) continue;
          const stored = typeof row.envelope === 'string' ? (JSON.parse(row.envelope) as Envelope) : row.envelope;
          this.inFlight.add(row.id);
          let env: Envelope;
          try {
            env = this.opts.open ? this.opts.open(stored) : stored;
          } catch (e) {
            // A sealed field that will not open was altered or sealed under another key: retrying cannot help.
            this.failed(row.id, new DeadLetteredError(row.id, e instanceof Error ? e.message : String(e)));
            continue;
          }
          this.transport.publish(env).then(
            () => this.published(row.id),
            (e: unknown) => this.failed(row.id, e),
          );
        }
      } while (this.again && !this.stopped);
    } catch (e) {
      if (!this.stopped) this.log.error({ err: e, schema: this.schema }, 'outbox relay pass failed');
    } finally {
      this.running = false;
    }
  }

  private published(id: string): void {
    this.toMark.push(id);
    this.flushMarks();
  }

  private flushMarks(): void {
    if (this.marking || this.toMark.length === 0) return;
    const ids = this.toMark;
    this.toMark = [];
    this.marking = this.db
      .query(`UPDATE ${this.schema}.outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids])
      .then(
        () => undefined,
        (e: unknown) => {
          if (!this.stopped) this.log.error({ err: e, schema: this.schema }, 'marking outbox rows failed');
        },
      )
      .finally(() => {
        for (const id of ids) this.inFlight.delete(id);
        this.marking = null;
        this.flushMarks();
        this.kick();
      });
  }

  private failed(id: string, e: unknown): void {
    if (this.stopped) return;
    if (e instanceof DeadLetteredError) {
      this.log.error({ messageId: id, schema: this.schema, error: e.lastError }, 'message dead-lettered');
      void this.db
        .query(`UPDATE ${this.schema}.outbox SET dead_at = now(), last_error = $2 WHERE id = $1`, [id, e.lastError])
        .finally(() => this.inFlight.delete(id));
      return;
    }
    this.log.warn({ messageId: id, schema: this.schema, err: e }, 'publish failed; will retry');
    const t = setTimeout(() => {
      this.inFlight.delete(id);
      this.kick();
    }, 1000);
    t.unref();
  }
}
