import type { AgencyName } from '../contracts/parts.ts';
import type { AuditEvent, AuditTrail } from '../platform/audit/audit-trail.ts';
import type { Db, Queryable } from '../platform/db/db.ts';

/** The action of a disclosure: an agency received a person's data in a message the hub sent it. */
export const DISCLOSED = 'data.disclosed';

const PIN = /^\d{12}$/;

/**
 * The PINs a message names, each once, in the order met: every 12-digit value under a key `pin` or ending in `Pin`
 * (`pin`, `motherPin`, `householdOfPin`, `deceasedPin`, a person's facts' `pin`, …), at any depth, in arrays too. The
 * message schemas (contracts/messages/*) name people only so; a newborn without a PIN yet is named by nobody.
 */
export function pinsIn(payload: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'pin' || k.endsWith('Pin')) && typeof x === 'string' && PIN.test(x)) found.add(x);
      else walk(x);
    }
  };
  walk(payload);
  return [...found];
}

/**
 * Who received whose data (issue 4: the agencies' automatic receipt of a person's data is an access the person sees
 * at /me/data-access — Decree 13/2023/ND-CP art. 9.1, the data subject's right to know how their data is processed).
 * The hub notes each message it sends an agency with people's data, one entry
 * per person it names, actor the receiving agency, in the transaction that writes the message to the outbox — so the
 * message and its record commit together, or neither does.
 *
 * Cost (the hub's hot path, issue 9): what a transaction notes is appended to the trail at its end in one batch
 * (AuditTrail.recordMany: one advisory lock, one read of the chain's head, one INSERT), so a batch of messages applied
 * together costs three statements more, not three per person; and the lock that orders the chain is taken last, held
 * only while the transaction commits. Transactions of the hub's runtime go through `wrap(db)`; a note made in another
 * transaction is appended at once.
 */
export class Disclosures {
  private readonly pending = new WeakMap<Queryable, AuditEvent[]>();

  constructor(private readonly trail: Pick<AuditTrail, 'recordMany'>) {}

  /** `db`, whose transactions append what was noted in them just before they commit. */
  wrap(db: Db): Db {
    return {
      engine: db.engine,
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const noted: AuditEvent[] = [];
          this.pending.set(tx, noted);
          try {
            const out = await fn(tx);
            if (noted.length) await this.trail.recordMany(tx, noted);
            return out;
          } finally {
            this.pending.delete(tx);
          }
        }),
    };
  }

  /** `agency` received the people `payload` names, for `purpose`, about `resource` (the dossier). */
  async note(tx: Queryable, agency: AgencyName, payload: unknown, purpose: string, resource: string, details: Readonly<Record<string, unknown>>): Promise<void> {
    const events = pinsIn(payload).map((pin): AuditEvent => ({ actor: { kind: 'part', id: agency }, action: DISCLOSED, purpose, subjectPin: pin, resource, details }));
    if (events.length === 0) return;
    const noted = this.pending.get(tx);
    if (noted) noted.push(...events);
    else await this.trail.recordMany(tx, events);
  }
}
