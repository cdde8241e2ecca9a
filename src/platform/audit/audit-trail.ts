import { createHmac, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { isAgency } from '../../contracts/parts.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Db, Queryable } from '../db/db.ts';
import { entryHash, GENESIS, verifyChain, type AuditFields, type ChainedEntry } from './chain.ts';

/** What is recorded: who did what, why, and about whom. */
export interface AuditEvent {
  readonly actor: Principal | { readonly kind: 'operator' | 'part'; readonly id: string };
  /** e.g. `dossier.read`, `review.decided`, `config.changed`, `sign-in.succeeded`. */
  readonly action: string;
  /** Why: the procedure, the duty or the request that made it necessary. */
  readonly purpose: string;
  /** The person whose data it is (their PIN; stored only as a keyed hash). */
  readonly subjectPin?: string | null;
  readonly resource?: string | null;
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * When it happened, if not now: an act recorded by an agency process in distributed mode reaches the trail a
   * moment later, as a message (audit-intake in the hub), and keeps its own time. The chain orders by `seq`.
   */
  readonly at?: string;
}

/**
 * Where a part records an act: the trail itself (embedded mode, or the hub), or — an agency process in distributed
 * mode, whose database does not hold the trail — its outbox to the hub (outbox-audit.ts).
 */
export interface AuditRecorder {
  record(tx: Queryable, e: AuditEvent): Promise<unknown>;
  /** Several acts at once, in order (a list read, a report): where the recorder can, in one statement. */
  recordMany?(tx: Queryable, events: readonly AuditEvent[]): Promise<unknown>;
}

/**
 * Records `events` in order in the caller's transaction: with the recorder's batch append when it has one (the trail:
 * one lock, one read of the head, one INSERT per RECORD_CHUNK entries), else one by one (an agency process's outbox).
 */
export async function recordAll(recorder: AuditRecorder, tx: Queryable, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (recorder.recordMany) return void (await recorder.recordMany(tx, events));
  for (const e of events) await recorder.record(tx, e);
}

/** Entries per INSERT in a batch append: a report of thousands of people costs a handful of statements, each of bounded size. */
export const RECORD_CHUNK = 500;

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly anchors: number;
  /** The first problem found, with the entry where the chain breaks. */
  readonly problem?: string;
  readonly seq?: number;
}

export interface AuditKeys {
  /** Keys the subject hash: the same PIN always gives the same subject, which reveals nothing without the key. */
  readonly subjectKey: string;
  /** Signs anchors (Ed25519), and its public half checks them. */
  readonly anchorPrivateKey: KeyObject;
  readonly anchorPublicKey: KeyObject;
  /** The separate store anchors are also written to (a file here; in production a WORM store or another system). */
  readonly anchorFile?: string;
}

interface Row {
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  agency: string | null;
  action: string;
  purpose: string;
  subject: string | null;
  resource: string | null;
  details: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: Row): ChainedEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  agency: r.agency,
  action: r.action,
  purpose: r.purpose,
  subject: r.subject,
  resource: r.resource,
  details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

const SELECT = `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_kind, actor_id, agency, action, purpose, subject, resource, details, prev_hash, hash FROM audit.entries`;

/**
 * The append-only, hash-chained audit trail (issue: security). `record` runs inside the caller's transaction,
 * so an audited change and its entry commit together; appends are serialised by an advisory lock so the
 * chain has one order. `anchor` signs the chain's head and writes it to a second store, so that cutting off
 * the newest entries (which the chain alone cannot show) is detected too.
 */
export class AuditTrail {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: AuditKeys,
  ) {}

  subjectOf(pin: string): string {
    return createHmac('sha256', this.keys.subjectKey).update(pin).digest('hex');
  }

  private fieldsOf(e: AuditEvent, seq: number): AuditFields {
    const a = e.actor;
    return {
      seq,
      // As the column reads back (UTC, milliseconds), so the chain verifies whatever form the time was given in.
      at: (e.at ? new Date(e.at) : this.clock.now()).toISOString(),
      actorKind: a.kind,
      actorId: a.kind === 'citizen' ? this.subjectOf(a.pin) : a.kind === 'officer' ? a.username : a.kind === 'system' ? a.client : a.id,
      // A part that is an agency (its automatic receipt of a person's data in a message) acts as that agency.
      agency: a.kind === 'officer' || a.kind === 'system' ? a.agency : a.kind === 'part' && isAgency(a.id) ? a.id : null,
      action: e.action,
      purpose: e.purpose,
      subject: e.subjectPin ? this.subjectOf(e.subjectPin) : null,
      resource: e.resource ?? null,
      details: e.details ?? {},
    };
  }

  /**
   * Appends `events` in order, chained exactly as one record() each would be (verify() cannot tell the difference):
   * one advisory lock and one read of the head for all of them, then one multi-row INSERT per RECORD_CHUNK entries
   * (a single JSON parameter, so no statement nears the 65,535-parameter limit, whatever the count).
   */
  async recordMany(tx: Queryable, events: readonly AuditEvent[]): Promise<ChainedEntry[]> {
    if (events.length === 0) return [];
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lienthong-audit'))`);
    const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit.entries ORDER BY seq DESC LIMIT 1');
    let prevHash = last?.hash ?? GENESIS;
    let seq = Number(last?.seq ?? 0);
    const out: ChainedEntry[] = [];
    for (const e of events) {
      const fields = this.fieldsOf(e, ++seq);
      const hash = entryHash(prevHash, fields);
      out.push({ ...fields, prevHash, hash });
      prevHash = hash;
    }
    for (let i = 0; i < out.length; i += RECORD_CHUNK) {
      const rows = out.slice(i, i + RECORD_CHUNK).map((x) => ({
        seq: x.seq, at: x.at, actor_kind: x.actorKind, actor_id: x.actorId, agency: x.agency, action: x.action, purpose: x.purpose,
        subject: x.subject, resource: x.resource, details: x.details, prev_hash: x.prevHash, hash: x.hash,
      }));
      await tx.query(
        `INSERT INTO audit.entries (seq, at, actor_kind, actor_id, agency, action, purpose, subject, resource, details, prev_hash, hash)
         SELECT seq, at, actor_kind, actor_id, agency, action, purpose, subject, resource, details, prev_hash, hash
         FROM json_populate_recordset(NULL::audit.entries, $1::json) ORDER BY seq`,
        [JSON.stringify(rows)],
      );
    }
    return out;
  }

  async record(tx: Queryable, e: AuditEvent): Promise<ChainedEntry> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lienthong-audit'))`);
    const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit.entries ORDER BY seq DESC LIMIT 1');
    const fields = this.fieldsOf(e, Number(last?.seq ?? 0) + 1);
    const prevHash = last?.hash ?? GENESIS;
    const hash = entryHash(prevHash, fields);
    await tx.query(
      `INSERT INTO audit.entries (seq, at, actor_kind, actor_id, agency, action, purpose, subject, resource, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [fields.seq, fields.at, fields.actorKind, fields.actorId, fields.agency, fields.action, fields.purpose, fields.subject, fields.resource, JSON.stringify(fields.details), prevHash, hash],
    );
    return { ...fields, prevHash, hash };
  }

  /** Signs the current head and writes it to the anchors table and the separate store. */
  async anchor(): Promise<{ headSeq: number; headHash: string } | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lienthong-audit'))`);
      const [head] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit.entries ORDER BY seq DESC LIMIT 1');
      if (!head) return null;
      const at = this.clock.now().toISOString();
      const signature = sign(null, Buffer.from(`${Number(head.seq)}:${head.hash}`), this.keys.anchorPrivateKey).toString('base64url');
      await tx.query('INSERT INTO audit.anchors (at, head_seq, head_hash, signature) VALUES ($1, $2, $3, $4)', [at, head.seq, head.hash, signature]);
      if (this.keys.anchorFile) appendFileSync(this.keys.anchorFile, `${JSON.stringify({ at, headSeq: Number(head.seq), headHash: head.hash, signature })}\n`, { mode: 0o600 });
      return { headSeq: Number(head.seq), headHash: head.hash };
    });
  }

  /** Checks every link, then every anchor (in the table and in the separate store) against the chain. */
  async verify(): Promise<AuditVerification> {
    const rows = (await this.db.query<Row>(`${SELECT} ORDER BY seq`)).map(toEntry);
    const chain = verifyChain(rows);
    const anchors = [
      ...(await this.db.query<{ head_seq: number; head_hash: string; signature: string }>('SELECT head_seq, head_hash, signature FROM audit.anchors ORDER BY seq')).map((a) => ({
        headSeq: Number(a.head_seq),
        headHash: a.head_hash,
        signature: a.signature,
      })),
      ...this.fileAnchors(),
    ];
    if (!chain.ok) return { ok: false, entries: rows.length, anchors: anchors.length, problem: chain.problem, seq: chain.seq };
    const bySeq = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const a of anchors) {
      if (!verify(null, Buffer.from(`${a.headSeq}:${a.headHash}`), this.keys.anchorPublicKey, Buffer.from(a.signature, 'base64url')))
        return { ok: false, entries: rows.length, anchors: anchors.length, problem: `an anchor of entry ${a.headSeq} is not correctly signed`, seq: a.headSeq };
      const h = bySeq.get(a.headSeq);
      if (h === undefined)
        return { ok: false, entries: rows.length, anchors: anchors.length, problem: `the trail was truncated: entry ${a.headSeq} was anchored but is gone (the trail ends at ${rows.length})`, seq: a.headSeq };
      if (h !== a.headHash) return { ok: false, entries: rows.length, anchors: anchors.length, problem: `entry ${a.headSeq} differs from its anchor`, seq: a.headSeq };
    }
    return { ok: true, entries: rows.length, anchors: anchors.length };
  }

  /** The entries about one person, newest first: who looked at or acted on their data, when and why. */
  async about(pin: string, limit = 200, offset = 0): Promise<ChainedEntry[]> {
    return (await this.db.query<Row>(`${SELECT} WHERE subject = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`, [this.subjectOf(pin), limit, offset])).map(toEntry);
  }

  private fileAnchors(): { headSeq: number; headHash: string; signature: string }[] {
    const f = this.keys.anchorFile;
    if (!f || !existsSync(f)) return [];
    return readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { headSeq: number; headHash: string; signature: string });
  }
}
