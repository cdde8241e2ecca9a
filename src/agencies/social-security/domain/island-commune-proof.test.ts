import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invalidIslandCommuneProof, islandCommuneProofProblem, islandCommuneProofRequest } from './island-commune-proof.ts';

const proof = (issuedOn: string) => ({ confirmationNumber: '12/XN-UBND', issuedOn, commune: 'Đặc khu Lý Sơn' });

test('the island-commune proof is asked on the support group, citing Decree 159/2025, in English and Vietnamese', () => {
  const f = islandCommuneProofRequest();
  assert.deepEqual([f.path, f.code], ['declaration.supportGroup', 'island-commune-proof-required']);
  assert.match(f.reason, /Decree 159\/2025\/ND-CP/);
  assert.match(f.reasonVi, /Nghị định 159\/2025\/NĐ-CP/);
});

test('a confirmation dated after the day it is checked is not accepted; the day itself and earlier are', () => {
  const cases = [
    ['2025-01-24', '2025-01-24', false],
    ['2025-01-23', '2025-01-24', false],
    ['2024-12-31', '2025-01-24', false],
    ['2025-01-25', '2025-01-24', true],
  ] as const;
  for (const [issuedOn, today, refused] of cases) assert.equal(islandCommuneProofProblem(proof(issuedOn), today) !== null, refused, `${issuedOn} on ${today}`);
});

test('asked again: every problem is said, and the request repeated', () => {
  const f = invalidIslandCommuneProof([islandCommuneProofProblem(proof('2025-02-03'), '2025-01-24')!, { reason: 'commune: required', reasonVi: 'commune: bắt buộc' }]);
  assert.deepEqual([f.path, f.code], ['declaration.supportGroup', 'invalid-proof']);
  assert.match(f.reason, /dated 2025-02-03, after today \(2025-01-24\); commune: required\): send the confirmation/);
  assert.match(f.reasonVi, /2025-02-03.*commune: bắt buộc/);
});
