import type { IsoDate } from '../../../kernel/dates.ts';

/**
 * Which per-province time limit applies to a dossier. A province may shorten (or lengthen) a procedure's time limit
 * (seed 004 item 2: "per-province time limits are configuration"); the law's limit stays the group's default. The
 * limits are those in force when the dossier was received (Decree 63/2024/ND-CP art. 21: the time limit runs from
 * receipt), so a change never moves the deadline of a dossier already received: an override applies only when it
 * took effect on or before the day of receipt AND was set before the receipt. Of several, the latest effective
 * date wins, then the latest set. `workingDays: null` returns the procedure to the group's default.
 */
export interface Override {
  readonly workingDays: number | null;
  readonly effectiveFrom: IsoDate;
  readonly setAt: string;
}

export function overrideInForce(rows: readonly Override[], receivedOn: IsoDate, receivedAt: string): Override | undefined {
  const t = Date.parse(receivedAt);
  return rows
    .filter((r) => r.effectiveFrom <= receivedOn && Date.parse(r.setAt) <= t)
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? Date.parse(b.setAt) - Date.parse(a.setAt) : a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}
