import type { Envelope } from '../../contracts/envelope.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../log/logger.ts';
import { DeadLetteredError, type Transport } from '../bus/transport.ts';

export interface RelayOptions {
  /** Rows read per pass of the poll. */
  readonly batch?: number;
  /** Publishes awaiting the bus at once (back-pressure on the sender). */
  readonly maxInFlight?: number;
  /** Safety-net poll: rows written by another process, or left by a crash, are found within this. */
  readonly pollMs?: number;
  /** Restores what the outbox holds sealed (platform/crypto/data-sealer.ts) before it goes on the bus. */
  readonly open?: (e: Envelope) => Envelope;
  /**
   * How long acknowledgements gather before one UPDATE marks them all published. Marking is off the messages' path
   * (the receiver has the message already); gathering turns one statement per message into one per interval.
   */
  readonly markEveryMs?: number;
}

/**
 * Publishes a part's outbox rows to the bus and marks each published once the bus holds it.
 * A crash between publish and mark republishes the row after restart; receivers dedupe by id.
 *
 * Two ways in. The usual one: the part hands over the envelopes a transaction wrote, right after it committed
 * (`handOff`), so a message costs no read of the outbox. The safety net: a poll every `pollMs` (and whenever a
 * hand-over found the relay full) reads the rows still unpublished — written by another process, left by a crash,
 * refused by the bus for a while — and publishes those not already in flight. Marks are batched: one UPDATE for every
 * row the bus acknowledged while the previous UPDATE ran.
 */
export class OutboxRelay {
  private running = false;
  private again = false;
  /** A hand-over was refused for want of room: poll once room frees up. */
  private missed = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();
  private toMark: string[] = [];
  private marking: Promise<void> | null = null;
  private markTimer: NodeJS.Timeout | undefined;
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
    // What the bus acknowledged is marked now rather than republished after the restart.
    for (let i = 0; i < 3 && (this.toMark.length > 0 || this.marking); i++) {
      clearTimeout(this.markTimer);
      this.markTimer = undefined;
      this.flushMarks();
      await this.marking;
    }
    clearTimeout(this.markTimer);
  }

  /**
   * Publishes envelopes whose outbox rows were just committed (as the part built them: signed, not sealed). One the
   * relay cannot take now (full, or already in flight from a poll) is left to the poll: its row is the durable copy.
   */
  handOff(envelopes: readonly Envelope[]): void {
    for (const e of envelopes) {
      if (this.stopped) return;
      if (this.inFlight.has(e.id)) continue;
      if (this.inFlight.size >= this.maxInFlight) {
        this.missed = true;
        continue;
      }
      this.inFlight.add(e.id);
      this.publish(e);
    }
  }

  /** Asks for a poll soon: rows may be waiting that were not handed over. */
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
        this.missed = false;
        const room = this.maxInFlight - this.inFlight.size;
        if (room <= 0 || this.stopped) break;
        // Ids first: most unpublished rows are usually in flight already, and their envelopes need not be read again.
        const ids = await this.db.query<{ id: string }>(
          `SELECT id FROM ${this.schema}.outbox WHERE published_at IS NULL AND dead_at IS NULL ORDER BY seq LIMIT $1`,
          [Math.min(this.batch, room + this.inFlight.size)],
        );
        const wanted = ids.map((r) => r.id).filter((id) => !this.inFlight.has(id)).slice(0, room);
        if (wanted.length === 0) continue;
        const rows = await this.db.query<{ id: string; envelope: Envelope | string }>(
          `SELECT id, envelope FROM ${this.schema}.outbox WHERE id = ANY($1::uuid[]) AND published_at IS NULL AND dead_at IS NULL ORDER BY seq`,
          [wanted],
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
          this.publish(env);
        }
      } while (this.again && !this.stopped);
    } catch (e) {
      if (!this.stopped) this.log.error({ err: e, schema: this.schema }, 'outbox relay pass failed');
    } finally {
      this.running = false;
    }
  }

  private publish(env: Envelope): void {
    this.transport.publish(env).then(
      () => this.published(env.id),
      (e: unknown) => this.failed(env.id, e),
    );
  }

  private published(id: string): void {
    this.toMark.push(id);
    this.scheduleMarks();
  }

  private scheduleMarks(): void {
    this.markTimer ??= setTimeout(() => {
      this.markTimer = undefined;
      this.flushMarks();
    }, this.opts.markEveryMs ?? 20);
  }

  private flushMarks(): void {
    if (this.marking || this.toMark.length === 0) return;
    let ids: string[] = [];
    // The ids are taken once the transaction holds the database, so that every acknowledgement that arrived while it
    // waited its turn (PGlite is one session) is marked by the same UPDATE.
    this.marking = this.db
      .transaction(async (tx) => {
        ids = this.toMark;
        this.toMark = [];
        await tx.query(`UPDATE ${this.schema}.outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
      })
      .then(
        () => undefined,
        (e: unknown) => {
          if (!this.stopped) this.log.error({ err: e, schema: this.schema }, 'marking outbox rows failed');
        },
      )
      .finally(() => {
        for (const id of ids) this.inFlight.delete(id);
        this.marking = null;
        if (this.toMark.length > 0) this.scheduleMarks();
        if (this.missed) this.kick();
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
