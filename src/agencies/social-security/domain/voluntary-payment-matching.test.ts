import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IsoDate } from '../../../kernel/dates.ts';
import { maskAccount, matchPayment, referencesIn, voucherNumber, type DueState } from './voluntary-payment-matching.ts';
import { coverSheetData, hasLapsed, isFirstParticipation, renewalMethodAfter } from './voluntary-participation.ts';

const REF = 'BHXHTN3500000232001';
const due = (over: Partial<DueState> = {}): DueState => ({ reference: REF, amountDue: 297_000, dueBy: '2025-02-28' as IsoDate, status: 'open', credited: 0, ...over });
const on = (d: string) => d as IsoDate;

test('references found in a transfer description, however the bank or payer spelled them', () => {
  const cases: [string, string[]][] = [
    [`${REF}`, [REF]],
    ['Chuyen tien bhxhtn 3500000232-001 dong BHXH', [REF]],
    [`NGUYEN VAN A CK ${REF} FT25059`, [REF]],
    [`${REF} ${REF}`, [REF]],
    ['BHXHTN3500000232001 BHXHTN3500000232002', ['BHXHTN3500000232001', 'BHXHTN3500000232002']],
    ['dong tien bao hiem', []],
    ['BHXHTN35000002', []], // too short
    ['', []],
  ];
  for (const [text, refs] of cases) assert.deepEqual(referencesIn(text), refs, text);
});

test('matching by reference and amount (table)', () => {
  const cases: [string, number, string, string[], DueState | undefined, { kind: string; applied: number; excess: number }][] = [
    ['exact, in time', 297_000, '2025-02-10', [REF], due(), { kind: 'matched', applied: 297_000, excess: 0 }],
    ['exact, on the last day', 297_000, '2025-02-28', [REF], due(), { kind: 'matched', applied: 297_000, excess: 0 }],
    ['less: partial', 200_000, '2025-02-10', [REF], due(), { kind: 'partial', applied: 200_000, excess: 0 }],
    ['completes an earlier partial', 97_000, '2025-02-11', [REF], due({ credited: 200_000 }), { kind: 'matched', applied: 97_000, excess: 0 }],
    ['more than an earlier partial lacks', 100_000, '2025-02-11', [REF], due({ credited: 200_000 }), { kind: 'overpaid', applied: 97_000, excess: 3_000 }],
    ['more: settles, excess listed', 300_000, '2025-02-10', [REF], due(), { kind: 'overpaid', applied: 297_000, excess: 3_000 }],
    ['already paid: duplicate', 297_000, '2025-02-12', [REF], due({ status: 'paid', credited: 297_000 }), { kind: 'duplicate', applied: 0, excess: 297_000 }],
    ['value date after the last day', 297_000, '2025-03-01', [REF], due(), { kind: 'late', applied: 0, excess: 297_000 }],
    ['due lapsed', 297_000, '2025-02-20', [REF], due({ status: 'lapsed' }), { kind: 'late', applied: 0, excess: 297_000 }],
    ['no reference', 297_000, '2025-02-10', [], undefined, { kind: 'unmatched', applied: 0, excess: 297_000 }],
    ['unknown reference', 297_000, '2025-02-10', ['BHXHTN9999999999001'], undefined, { kind: 'unmatched', applied: 0, excess: 297_000 }],
    ['two references', 297_000, '2025-02-10', [REF, 'BHXHTN3500000232002'], due(), { kind: 'unmatched', applied: 0, excess: 297_000 }],
  ];
  for (const [name, amount, valueDate, refs, d, want] of cases) {
    const out = matchPayment({ amount, valueDate: on(valueDate) }, refs, d);
    assert.deepEqual({ kind: out.kind, applied: out.applied, excess: out.excess }, want, name);
    assert.equal(out.applied + out.excess, amount, `${name}: every dong is either credited or listed`);
  }
  assert.throws(() => matchPayment({ amount: 0, valueDate: on('2025-02-10') }, [REF], due()), RangeError);
  assert.throws(() => matchPayment({ amount: 1.5, valueDate: on('2025-02-10') }, [REF], due()), RangeError);
});

test('voucher numbers, masked accounts', () => {
  assert.equal(voucherNumber(2025, 12), 'PT-2025-0000012');
  assert.throws(() => voucherNumber(2025, 0), RangeError);
  assert.equal(maskAccount('0071 0001 23456'), '****3456');
  assert.equal(maskAccount('123'), '****');
  assert.equal(maskAccount(''), null);
});

test('renewal method, lapse, first participation, cover sheet', () => {
  assert.deepEqual(
    (['monthly', '3-months', '6-months', '12-months', 'advance-years', 'missing-period'] as const).map(renewalMethodAfter),
    ['monthly', '3-months', '6-months', '12-months', 'monthly', null],
  );
  // Due 28 Feb: the statements for it have until 3 March; on 4 March it has lapsed.
  assert.equal(hasLapsed(on('2025-02-28'), on('2025-03-03')), false);
  assert.equal(hasLapsed(on('2025-02-28'), on('2025-03-04')), true);
  assert.equal(isFirstParticipation(0, false), true);
  assert.equal(isFirstParticipation(1, false), false);
  assert.equal(isFirstParticipation(0, true), false);
  const input = () => ({ siCode: '3500000999', pin: '035197000031', fullName: 'Đặng Thị Hồng', dateOfBirth: on('1997-04-12'), sex: 'female' as const, firstParticipationMonth: '2025-02' as never, provinceCode: '35', issuedOn: on('2025-02-10'), verificationCode: 'X' });
  const sheet = coverSheetData(input());
  assert.equal(coverSheetData({ ...input(), provinceCode: '79' }).issuingOffice, 'Bảo hiểm xã hội thành phố Hồ Chí Minh');
  assert.deepEqual([sheet.bookNumber, sheet.nationality, sheet.issuingOffice], ['3500000999', 'Việt Nam', 'Bảo hiểm xã hội tỉnh Hà Nam']);
});
