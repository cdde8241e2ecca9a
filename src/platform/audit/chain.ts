import { createHash } from 'node:crypto';
import { canonicalJson } from '../signing/canonical.ts';

/** One entry of the audit trail as it is hashed: who, when, what, why, about whom. */
export interface AuditFields {
  readonly seq: number;
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string;
  readonly agency: string | null;
  readonly action: string;
  readonly purpose: string;
  /** The person the entry is about, as a keyed hash of their PIN (never the PIN itself). */
  readonly subject: string | null;
  readonly resource: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ChainedEntry extends AuditFields {
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** Each entry's hash covers its fields and the previous entry's hash: changing, removing or reordering one breaks every later link. */
export function entryHash(prevHash: string, f: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(f)).digest('hex');
}

export type ChainFinding =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | { readonly ok: false; readonly seq: number; readonly problem: string };

/**
 * Walks entries in order and reports the first broken link: a gap in the sequence (a deleted entry), a
 * previous-hash that does not match (an entry removed or reordered), or a hash that does not match the
 * entry's content (an entry altered).
 */
export function verifyChain(entries: Iterable<ChainedEntry>, from: { seq: number; hash: string } = { seq: 0, hash: GENESIS }): ChainFinding {
  let prev = from.hash;
  let expected = from.seq + 1;
  let n = 0;
  for (const e of entries) {
    if (e.seq !== expected) return { ok: false, seq: expected, problem: `entry ${expected} is missing (next is ${e.seq})` };
    if (e.prevHash !== prev) return { ok: false, seq: e.seq, problem: `entry ${e.seq} does not follow entry ${e.seq - 1}` };
    const { prevHash: _p, hash, ...fields } = e;
    if (entryHash(prev, fields) !== hash) return { ok: false, seq: e.seq, problem: `entry ${e.seq} was altered` };
    prev = hash;
    expected++;
    n++;
  }
  return { ok: true, entries: n, headHash: prev };
}
