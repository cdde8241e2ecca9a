import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEATH_FORM } from './death-form.ts';
import { addRow, errorsByField, postableNames, removeRow, rowCount, toDeclaration, valuesFrom } from './forms.ts';
import { VOLUNTARY_FORM } from './voluntary-form.ts';

const ME = '035145000012';
const relatives = DEATH_FORM.steps.find((s) => s.id === 'relatives')!.rows!;
const issue = (path: string, code = 'x') => ({ path, code, reason: 'r', reasonVi: 'r' });

test('rows are read in their order and renumbered without gaps; unknown fields and indices are dropped', () => {
  const v = valuesFrom(DEATH_FORM, {
    'relatives.3.pin': '035000000003',
    'relatives.0.pin': '035000000000',
    'relatives.0.relationship': 'child',
    'relatives.1.secret': 'x',
    'relatives.123.pin': '1',
    'deceased.pin': ' 035040000011 ',
    other: 'x',
  });
  assert.deepEqual(v, { 'deceased.pin': '035040000011', 'relatives.0.pin': '035000000000', 'relatives.0.relationship': 'child', 'relatives.1.pin': '035000000003' });
  assert.equal(rowCount(v, relatives), 2);
});

test('a row added starts with its defaults; a row removed moves the next ones up; the rows stop at their maximum', () => {
  let v = addRow({}, relatives);
  assert.deepEqual(v, { 'relatives.0.pin': '', 'relatives.0.relationship': '', 'relatives.0.hasDirectCaretaker': '', 'relatives.0.incapacityPercent': '0', 'relatives.0.monthlyIncome': '' });
  v = { ...addRow(v, relatives), 'relatives.0.pin': 'A', 'relatives.1.pin': 'B' };
  v = { ...addRow(v, relatives), 'relatives.2.pin': 'C' };
  const removed = removeRow(v, relatives, 1);
  assert.deepEqual([removed['relatives.0.pin'], removed['relatives.1.pin'], removed['relatives.2.pin']], ['A', 'C', undefined]);
  let full = {};
  for (let i = 0; i < relatives.max + 3; i++) full = addRow(full, relatives);
  assert.equal(rowCount(full, relatives), relatives.max);
  assert.equal(postableNames(DEATH_FORM).filter((n) => n.startsWith('relatives.')).length, relatives.max * relatives.fields.length);
});

test('the declaration: the declarant is the citizen, yes/no become booleans, amounts become numbers, empty fields are left out', () => {
  const d = toDeclaration(DEATH_FORM, {
    'declarant.relationship': 'spouse',
    'deceased.pin': '035040000011',
    'deceased.fullName': '',
    'requests.residenceDeregistration': 'yes',
    'requests.funeralAllowance': 'no',
    'requests.survivorBenefit': 'monthly',
    'relatives.0.pin': ME,
    'relatives.0.hasDirectCaretaker': 'no',
    'relatives.0.incapacityPercent': '0',
    'relatives.0.monthlyIncome': '1.500.000',
    'relatives.1.pin': '',
    'payee.pin': ME,
    'payee.bankAccount.bankBin': '970436',
  }, ME);
  assert.deepEqual(d, {
    declarant: { pin: ME, relationship: 'spouse' },
    deceased: { pin: '035040000011' },
    requests: { residenceDeregistration: true, funeralAllowance: false, survivorBenefit: 'monthly' },
    relatives: [{ pin: ME, hasDirectCaretaker: false, incapacityPercent: 0, monthlyIncome: 1_500_000 }, {}],
    payee: { pin: ME, bankAccount: { bankBin: '970436' } },
  });
  // What is not a whole number stays as typed: the schema then refuses it beside the field.
  assert.deepEqual((toDeclaration(DEATH_FORM, { 'relatives.0.incapacityPercent': '12,5' }, ME).relatives as unknown[])[0], { incapacityPercent: '12,5' });
});

test('a field that does not apply to the choice made is left out; the other steps take stand-ins for a dry run', () => {
  const contribution = VOLUNTARY_FORM.steps[1]!;
  const monthly = toDeclaration(VOLUNTARY_FORM, { paymentMethod: 'monthly', years: '3', monthlyIncome: '2,000,000' }, ME, contribution);
  assert.equal(monthly.years, undefined);
  assert.equal(monthly.monthlyIncome, 2_000_000);
  assert.deepEqual(monthly.participant, { pin: ME, phone: '0900000000', email: 'a@example.vn' }, 'the other step’s stand-ins');
  assert.equal(toDeclaration(VOLUNTARY_FORM, { paymentMethod: 'advance-years', years: '3' }, ME).years, 3);
});

test('the hub’s messages go to their field, a row’s to that row, the rows’ own to the rows, and a step shows only its own', () => {
  const values = { 'relatives.0.pin': '', 'relatives.1.pin': '' };
  const errors = [issue('declaration.relatives.1.pin', 'duplicate'), issue('declaration.relatives', 'required'), issue('declaration.payee', 'required'), issue('declaration.deceased.dateOfDeath')];
  const step = DEATH_FORM.steps.find((s) => s.id === 'relatives')!;
  assert.deepEqual([...errorsByField(DEATH_FORM, values, errors, step).keys()], ['relatives.1.pin', 'relatives']);
  assert.deepEqual([...errorsByField(DEATH_FORM, values, errors).keys()], ['relatives.1.pin', 'relatives', 'payee.pin', 'deceased.dateOfDeath']);
});
