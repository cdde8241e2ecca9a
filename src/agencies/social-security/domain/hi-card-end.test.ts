import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoDate } from '../../../kernel/dates.ts';
import { hiCardEndOnDeath, type CardOnRecord } from './hi-card-end.ts';

// A child born 2025-01-20 holds TE1 35 … valid 2025-01-20 .. 2031-09-30 (Law on HI art. 16.3.d; hi-card-validity.ts).
const card = (over: Partial<CardOnRecord> = {}): CardOnRecord => ({ cardNumber: 'TE1353500000001', validFrom: isoDate('2025-01-20'), validTo: isoDate('2031-09-30'), endedOn: null, ...over });

for (const [name, c, died, lastValidDay] of [
  ['a death within the period: the card covers the day of death', card(), '2025-03-10', '2025-03-10'],
  ['a death on the first day', card(), '2025-01-20', '2025-01-20'],
  ['a death on the last day of the period', card(), '2031-09-30', '2031-09-30'],
  ['a death at the end of a month: not carried to the month’s end (no monthly payment)', card(), '2025-02-28', '2025-02-28'],
  ['a death after the period: nothing to end', card(), '2031-10-01', null],
  ['a card already ended: nothing more', card({ endedOn: isoDate('2025-02-01') }), '2025-03-10', null],
  ['a death recorded before the first day: ended at once', card(), '2025-01-19', '2025-01-20'],
] as const) {
  test(`child HI card on death: ${name}`, () => {
    const end = hiCardEndOnDeath(c, isoDate(died));
    assert.equal(end?.lastValidDay ?? null, lastValidDay);
    if (end) {
      assert.equal(end.cardNumber, c.cardNumber);
      assert.match(end.explanation.vi, new RegExp(`${lastValidDay!.slice(8, 10)}/${lastValidDay!.slice(5, 7)}/${lastValidDay!.slice(0, 4)}`));
      assert.match(end.legalBasis, /Health Insurance/);
    }
  });
}
