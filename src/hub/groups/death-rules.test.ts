import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersonFacts } from '../../contracts/common.ts';
import type { DeathDeclaration } from '../../contracts/declarations/death.ts';
import { isoDate } from '../../kernel/dates.ts';
import { checkDeath, checkDeathVerified, deathPeopleToVerify } from './death-rules.ts';

const WIDOW = '035145000012';
const SON = '035068000024';
const base: DeathDeclaration = {
  declarant: { pin: WIDOW, relationship: 'spouse' },
  deceased: { pin: '035040000011', dateOfDeath: '2025-01-15', placeOfDeath: 'Hà Nam', cause: 'illness' },
  requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'monthly' },
  relatives: [{ pin: WIDOW, relationship: 'spouse', hasDirectCaretaker: false, incapacityPercent: 0 }],
  payee: { pin: WIDOW, bankAccount: { bankBin: '970436', accountNumber: '1' } },
};
const TODAY = isoDate('2025-01-24');
const codes = (d: Partial<DeathDeclaration>, today = TODAY) => checkDeath({ ...base, ...d }, today).map((i) => `${i.path}:${i.code}`);

// [source, title, change, expected]
const CASES: [string, string, Partial<DeathDeclaration>, string[]][] = [
  ['—', 'a clean declaration', {}, []],
  ['—', 'a death in the future', { deceased: { ...base.deceased, dateOfDeath: '2025-01-25' } }, ['declaration.deceased.dateOfDeath:future-date']],
  ['—', 'the declarant is the deceased', { declarant: { pin: base.deceased.pin, relationship: 'child' } }, ['declaration.declarant.pin:is-the-deceased']],
  ['—', 'a relative twice', { relatives: [base.relatives[0]!, base.relatives[0]!] }, ['declaration.relatives.1.pin:duplicate']],
  ['Law on SI 2014 art. 112', 'day 90 is in time', { deceased: { ...base.deceased, dateOfDeath: '2024-10-26' } }, []],
  ['Law on SI 2014 art. 112', 'day 91 is late for both benefits', { deceased: { ...base.deceased, dateOfDeath: '2024-10-25' } }, ['declaration.requests.funeralAllowance:filing-limit-passed', 'declaration.requests.survivorBenefit:filing-limit-passed']],
  ['Law on SI 2014 art. 112', 'late, but no benefit asked: registration only', { deceased: { ...base.deceased, dateOfDeath: '2024-01-01' }, requests: { residenceDeregistration: true, funeralAllowance: false, survivorBenefit: 'none' }, relatives: [] }, []],
  ['—', 'a survivor benefit without relatives', { relatives: [], payee: { pin: WIDOW, bankAccount: base.payee!.bankAccount } }, ['declaration.relatives:required']],
  ['—', 'money asked, no payee', { payee: undefined }, ['declaration.payee:required']],
  ['form 09-HSB', 'a payee who is not a party', { payee: { pin: SON, bankAccount: base.payee!.bankAccount } }, ['declaration.payee.pin:not-a-party']],
];
for (const [source, title, change, want] of CASES) test(`death declaration [${source}]: ${title}`, () => assert.deepEqual(codes(change), want));

const facts = (pin: string, over: Partial<PersonFacts> = {}): PersonFacts => ({
  pin, fullName: 'X', sex: 'male', dateOfBirth: '1940-03-15', alive: true, householdId: 'H', address: { provinceCode: '35' }, ...over,
});

test('with the register: a death before the birth, a deceased declarant or relative, no commune to register at', () => {
  const people = {
    'declaration.deceased': facts(base.deceased.pin, { dateOfBirth: '2025-01-16', address: null }),
    'declaration.declarant': facts(WIDOW, { alive: false, address: null }),
    'declaration.relatives.0': facts(WIDOW, { alive: false }),
  };
  assert.deepEqual(checkDeathVerified(base, people).map((i) => `${i.path}:${i.code}`), [
    'declaration.deceased.dateOfDeath:before-birth',
    'declaration.declarant.pin:deceased',
    'declaration.relatives.0.pin:deceased',
    'declaration.deceased.pin:no-registering-commune',
  ]);
  // The deceased's own status is the civil registry's to judge: a register already showing the death is no issue here.
  assert.deepEqual(checkDeathVerified(base, { 'declaration.deceased': facts(base.deceased.pin, { alive: false }), 'declaration.declarant': facts(WIDOW) }), []);
});

test('people to verify: the deceased with the name given, the declarant, each relative, and a payee named nowhere else', () => {
  const d = { ...base, deceased: { ...base.deceased, fullName: 'Nguyễn Văn Thọ' }, relatives: [{ ...base.relatives[0]!, pin: SON }] };
  assert.deepEqual(deathPeopleToVerify(d), [
    { path: 'declaration.deceased', pin: base.deceased.pin, fullName: 'Nguyễn Văn Thọ' },
    { path: 'declaration.declarant', pin: WIDOW },
    { path: 'declaration.relatives.0', pin: SON },
  ]);
  assert.deepEqual(deathPeopleToVerify({ ...d, payee: { pin: '035190000017', bankAccount: base.payee!.bankAccount } }).at(-1), { path: 'declaration.payee', pin: '035190000017' });
});
