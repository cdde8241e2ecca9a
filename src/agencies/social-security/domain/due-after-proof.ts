import { addDays, compareDates, daysBetween, type IsoDate } from '../../../kernel/dates.ts';

/**
 * The payment deadline of a registration that waited for the participant's proof (an island-commune claim,
 * voluntary-handlers.ts). The deadline of a periodic method follows from the start month (DOMAIN.md §5), so a proof
 * answered after it would leave a registration already late, and the payment sweep would refuse it for a wait that
 * was the agency's check, not the participant's delay.
 *
 * Our reading, **unconfirmed** (no rule on it is held): a deadline still ahead stays as it is; one that passed while
 * the proof was awaited becomes the day of the answer plus the days to pay the participant had when the proof was
 * asked — the wait does not count against them, as a procedure's time limit stops while a supplement is awaited.
 * Lump sums are due on the day of registration, so they are unchanged.
 */
export function dueAfterProof(dueBy: IsoDate, askedOn: IsoDate, answeredOn: IsoDate): IsoDate {
  if (compareDates(dueBy, answeredOn) >= 0) return dueBy;
  return addDays(answeredOn, Math.max(0, daysBetween(askedOn, dueBy)));
}
