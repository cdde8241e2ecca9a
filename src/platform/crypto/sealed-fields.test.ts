import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { openPaths, sealPaths } from './sealed-fields.ts';
import { SecretBox } from './secret-box.ts';

const box = new SecretBox(randomBytes(32));
const doc = {
  payee: { pin: '035145000012', bankAccount: { bankBin: '970436', accountNumber: '0011004321987' } },
  relatives: [{ pin: 'a', incapacityPercent: 85 }, { pin: 'b', incapacityPercent: 0 }, { pin: 'c' }],
  answers: { 'declaration.relatives.0.incapacityPercent': { assessmentNumber: 'GD-1', incapacityPercent: 85 } },
  none: null,
};

const CASES: [string, string[], (sealed: any) => void][] = [
  ['an object', ['payee.bankAccount'], (s) => assert.equal(typeof s.payee.bankAccount.$sealed, 'string')],
  ['every element of an array, zero included, a missing one left missing', ['relatives.*.incapacityPercent'], (s) => {
    assert.equal(typeof s.relatives[0].incapacityPercent.$sealed, 'string');
    assert.equal(typeof s.relatives[1].incapacityPercent.$sealed, 'string');
    assert.equal('incapacityPercent' in s.relatives[2], false);
  }],
  ['every key of a record', ['answers.*'], (s) => assert.equal(typeof s.answers['declaration.relatives.0.incapacityPercent'].$sealed, 'string')],
  ['a path that is absent or null', ['nowhere.at.all', 'none'], (s) => assert.deepEqual(s, doc)],
];

for (const [what, paths, check] of CASES)
  test(`sealPaths seals ${what}, and openPaths restores the document exactly`, () => {
    const sealed = sealPaths(doc, paths, box, 'dossier:1');
    check(sealed);
    assert.deepEqual(openPaths(sealed, paths, box, 'dossier:1'), doc);
    assert.equal(doc.payee.bankAccount.accountNumber, '0011004321987', 'the original is not changed');
  });

test('sealing twice seals once; the sealed text shows nothing of the value', () => {
  const once = sealPaths(doc, ['payee.bankAccount'], box, 'd');
  assert.deepEqual(sealPaths(once, ['payee.bankAccount'], box, 'd'), once);
  assert.doesNotMatch(JSON.stringify(once), /0011004321987/);
});

test('a value moved to another document or another field does not open', () => {
  const sealed = sealPaths(doc, ['payee.bankAccount', 'relatives.*.incapacityPercent'], box, 'dossier:1');
  assert.throws(() => openPaths(sealed, ['payee.bankAccount'], box, 'dossier:2'), /payee\.bankAccount.*does not open/);
  const swapped = structuredClone(sealed);
  swapped.relatives[0]!.incapacityPercent = sealed.relatives[1]!.incapacityPercent;
  assert.throws(() => openPaths(swapped, ['relatives.*.incapacityPercent'], box, 'dossier:1'), /relatives\.0\.incapacityPercent/);
});
