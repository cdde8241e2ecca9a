import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseCode } from '../../src/hub/documents/routes.ts';
import { validityOf, type HolderDeath } from '../../src/hub/documents/validity.ts';
import { isoDate } from '../../src/kernel/dates.ts';
import { birthYearOf, initialsOf, maskTail } from '../../src/platform/documents/masking.ts';
import type { DocumentKind } from '../../src/platform/documents/model.ts';

const doc = (kind: DocumentKind, period?: { from: string; to: string }) => ({ spec: { kind } as never, period });
const card = doc('hi-card', { from: '2025-01-20', to: '2031-01-31' });
const died = (over: Partial<HolderDeath> = {}): HolderDeath => ({ dateOfDeath: '2025-03-10', registeredOn: '2025-03-12', hiCardEndsOn: null, residenceDeregisteredOn: null, ...over });

// Law on HI art. 16 (a card's period); a card ends with its holder's death (DOMAIN.md §3: the HI card of a pensioner
// ends on the last day of the month of death); Law on Residence 2020 art. 24.1.a (deregistration on death).
for (const [name, d, today, death, expected] of [
  ['an HI card within its period', card, '2025-06-01', null, ['valid', true]],
  ['an HI card on its first day', card, '2025-01-20', null, ['valid', true]],
  ['an HI card on its last day', card, '2031-01-31', null, ['valid', true]],
  ['an HI card the day after its last day', card, '2031-02-01', null, ['expired', false]],
  ['an HI card before its first day', card, '2025-01-19', null, ['not-yet-valid', false]],
  ['an HI card whose holder died', card, '2025-06-01', died(), ['ended', false]],
  ['an HI card ended by VSS at the end of the month of death', card, '2025-03-20', died({ hiCardEndsOn: '2025-03-31' }), ['ended', false]],
  ['a residence confirmation, the person alive', doc('residence-confirmation'), '2025-06-01', null, ['valid', true]],
  ['a residence confirmation, the person dead but not deregistered', doc('residence-confirmation'), '2025-06-01', died(), ['valid', true]],
  ['a residence confirmation after deregistration on death', doc('residence-confirmation'), '2025-06-01', died({ residenceDeregisteredOn: '2025-03-12' }), ['ended', false]],
  ['a birth-certificate extract, the holder dead since', doc('birth-certificate-extract'), '2025-06-01', died(), ['valid', true]],
  ['a death-certificate extract', doc('death-certificate-extract'), '2025-06-01', died(), ['valid', true]],
  ['a VSS decision', doc('vss-decision'), '2030-01-01', died(), ['valid', true]],
] as const) {
  test(`validity: ${name}`, () => {
    const v = validityOf(d, isoDate(today), death);
    assert.deepEqual([v.status, v.valid], expected);
    assert.equal(v.reason === null, v.valid, 'a reason exactly when not valid');
  });
}

test('the reason names the day the card ended, in Vietnamese and English', () => {
  const v = validityOf(card, isoDate('2025-03-20'), died({ hiCardEndsOn: '2025-03-31' }));
  assert.match(v.reason!.vi, /31\/03\/2025/);
  assert.match(v.reason!.en, /ended on 2025-03-31: its holder has died/);
});

for (const [raw, expected] of [
  ['7QK2-M9XD-4T1B', '7QK2-M9XD-4T1B'],
  ['7qk2 m9xd 4t1b', '7QK2-M9XD-4T1B'],
  ['7QK2M9XD4T1B', '7QK2-M9XD-4T1B'],
  ['7QK2-M9XD-4TLB', '7QK2-M9XD-4T1B'], // L read as 1
  ['OQK2-M9XD-4T1B', '0QK2-M9XD-4T1B'], // O read as 0
  ['7QK2-M9XD-4T1', null],
  ['7QK2-M9XD-4T1BB', null],
  ['7QK2-M9XD-4T1U', null], // U is not in the alphabet
  ['../../etc/passwd', null],
] as const) {
  test(`a code typed as ${JSON.stringify(raw)} reads as ${expected}`, () => assert.equal(normaliseCode(raw), expected));
}

test('what a public page shows of a person', () => {
  assert.equal(initialsOf('Lê Minh Đức'), 'L. M. Đ.');
  assert.equal(initialsOf('  ứng   văn  an '), 'Ứ. V. A.');
  assert.equal(birthYearOf('2025-01-20'), '2025');
  assert.equal(birthYearOf(null), null);
  assert.equal(maskTail('3525000101'), '••••••0101');
});
