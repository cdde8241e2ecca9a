/**
 * The end of a child's HI card (TE1, issued with the birth group) when the child dies.
 *
 * A card is used by the person named on it and stands while that person participates (Law on Health Insurance
 * 2008, amended 2014, art. 16–18: a card is valid for the period VSS sets, and cannot be used by anyone else). A
 * child under 6 participates through the state budget from the birth (Decree 146/2018/ND-CP art. 3.7; DOMAIN.md §2),
 * which stops with the death: the card covers the day of death and ends from the day after. Unlike a pensioner's card
 * (to the end of the month of death, with the stop of the monthly pension: funeral-allowance.ts
 * `stopMonthlyPayments`), no monthly payment runs to the month's end, so nothing carries it further.
 * (Unconfirmed in a legal text article by article: the day after the death is this platform's reading, DOMAIN.md §3
 * gives the month's end for pensioners only.) A card already past its period, or ended before, is left alone.
 */
import { compareDates, type IsoDate } from '../../../kernel/dates.ts';
import type { Bilingual } from './death-benefit-law.ts';

export const HI_CARD_END_LEGAL_BASIS = 'Law on Health Insurance 2008 (amended 2014) art. 16–18; Decree 146/2018/ND-CP art. 3.7 (unconfirmed: ends from the day after the death)';

export interface CardOnRecord {
  readonly cardNumber: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  /** Already ended (a previous decision), or null. */
  readonly endedOn: IsoDate | null;
}

export interface HiCardEnd {
  readonly cardNumber: string;
  /** The last day the card covers: the day of death. */
  readonly lastValidDay: IsoDate;
  readonly legalBasis: string;
  readonly explanation: Bilingual;
}

/** The card's end on its holder's death, or null when there is nothing to end. */
export function hiCardEndOnDeath(card: CardOnRecord, dateOfDeath: IsoDate): HiCardEnd | null {
  if (card.endedOn !== null) return null;
  if (compareDates(dateOfDeath, card.validTo) > 0) return null; // expired before the death
  // A death before the card's first day (a data error upstream) still ends it: it never covers anyone else.
  const lastValidDay = compareDates(dateOfDeath, card.validFrom) < 0 ? card.validFrom : dateOfDeath;
  return {
    cardNumber: card.cardNumber,
    lastValidDay,
    legalBasis: HI_CARD_END_LEGAL_BASIS,
    explanation: {
      en: `The HI card ${card.cardNumber} covers its holder until ${lastValidDay}, the day of death, and has no use from the day after.`,
      vi: `Thẻ BHYT ${card.cardNumber} có giá trị sử dụng đến hết ngày ${vi(lastValidDay)} (ngày chết) và hết giá trị từ ngày hôm sau.`,
    },
  };
}

const vi = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
