import { AppError, fieldError } from '../../kernel/errors.ts';

/**
 * Claims on worklist items: an officer takes an item before deciding it, so two officers never decide the same
 * one. A claim lapses on its own after CLAIM_MINUTES, so an officer who walks away does not block the item; the
 * next officer may then claim it. (No legal text fixes this; it is the platform's working rule, docs/back-office.md.)
 */
export const CLAIM_MINUTES = 30;

export interface Claim {
  readonly by: string | null;
  readonly at: Date | null;
}

/** The claim still in force at `now`, or null when there is none or it has lapsed. */
export function liveClaim(c: Claim, now: Date): { by: string; at: Date; until: Date } | null {
  if (!c.by || !c.at) return null;
  const until = new Date(c.at.getTime() + CLAIM_MINUTES * 60_000);
  return until.getTime() > now.getTime() ? { by: c.by, at: c.at, until } : null;
}

export type ClaimOutcome = { ok: true } | { ok: false; heldBy: string; since: Date; until: Date };

/** May `who` claim (or decide) the item at `now`? Yes when nobody else holds a live claim. */
export function mayAct(c: Claim, who: string, now: Date): ClaimOutcome {
  const live = liveClaim(c, now);
  if (!live || live.by === who) return { ok: true };
  return { ok: false, heldBy: live.by, since: live.at, until: live.until };
}

/**
 * 409 when another officer holds the item: names the holder's username (a colleague of the same office, who appears
 * in the item's record anyway; no citizen's data), since when, and when the claim lapses.
 */
export function claimedByAnother(heldBy: string, since: Date, until: Date): AppError {
  return new AppError('CONFLICT', [
    fieldError('id', 'claimed-by-another', `Officer ${heldBy} has claimed this item since ${since.toISOString()}; the claim lapses at ${until.toISOString()}.`, `Cán bộ ${heldBy} đã nhận xử lý hồ sơ này từ ${since.toISOString()}; quyền xử lý hết hạn lúc ${until.toISOString()}.`),
  ]);
}

/** 409 when a decision needs a claim in force and the caller holds none. */
export function notClaimed(): AppError {
  return new AppError('CONFLICT', [fieldError('id', 'not-claimed', 'Claim this item before deciding it.', 'Hãy nhận xử lý hồ sơ này trước khi quyết định.')]);
}

/** The claim as a list shows it: whose (the caller's or not), since when, until when; null when none is in force. */
export function claimView(c: Claim, who: string, now: Date): { mine: boolean; since: string; until: string } | null {
  const live = liveClaim(c, now);
  return live ? { mine: live.by === who, since: live.at.toISOString(), until: live.until.toISOString() } : null;
}
