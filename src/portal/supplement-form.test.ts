import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerLegend, answerName, answerParts, readAnswers } from './supplement-form.ts';

const island = { path: 'declaration.supportGroup', code: 'island-commune-proof-required', reason: 'Send the confirmation.', reasonVi: 'Gửi giấy xác nhận.' };
const part = (name: string) => answerName(island.path, name);

test("an island-commune proof is answered part by part, under its own heading; a death's incapacity record keeps its own", () => {
  assert.deepEqual(answerParts(island.path).map((p) => p.name), ['confirmationNumber', 'issuedOn', 'commune']);
  assert.equal(answerLegend(island.path), 'supplementIslandProofFor');
  assert.equal(answerLegend('declaration.relatives.0.incapacityPercent'), 'supplementProofFor');
  assert.deepEqual(answerParts('declaration.mother.pin'), [], 'anything else: a line of text');
});

test('the parts become the record social security reads; a part left empty or wrong is shown beside its input', () => {
  const ok = readAnswers([island], { [part('confirmationNumber')]: ' 12/XN-UBND ', [part('issuedOn')]: '2025-01-20', [part('commune')]: 'Đặc khu Lý Sơn', other: 'x' });
  assert.equal(ok.errors.size, 0);
  assert.deepEqual(ok.answers, { 'declaration.supportGroup': { confirmationNumber: '12/XN-UBND', issuedOn: '2025-01-20', commune: 'Đặc khu Lý Sơn' } });
  const bad = readAnswers([island], { [part('confirmationNumber')]: '12/XN-UBND', [part('issuedOn')]: '20/01/2025', [part('commune')]: '' });
  assert.deepEqual([...bad.errors.keys()].sort(), [part('commune'), part('issuedOn')].sort());
  assert.equal(bad.values[part('issuedOn')], '20/01/2025', 'what was typed is kept');
});
