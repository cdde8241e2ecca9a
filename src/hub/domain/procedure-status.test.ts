import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dossierStatusOf } from './dossier-status.ts';
import { canMove, isFinal, type ProcedureStatus } from './procedure-status.ts';

test('awaiting-payment: entered from dispatched only, left for completed, rejected or cancelled', () => {
  const cases: [ProcedureStatus, ProcedureStatus, boolean][] = [
    ['dispatched', 'awaiting-payment', true],
    ['pending', 'awaiting-payment', false],
    ['awaiting-supplement', 'awaiting-payment', false],
    ['awaiting-payment', 'completed', true],
    ['awaiting-payment', 'rejected', true],
    ['awaiting-payment', 'cancelled', true],
    ['awaiting-payment', 'dispatched', false],
    ['awaiting-payment', 'awaiting-payment', false],
    ['completed', 'awaiting-payment', false],
  ];
  for (const [from, to, ok] of cases) assert.equal(canMove(from, to), ok, `${from} → ${to}`);
  assert.equal(isFinal('awaiting-payment'), false);
});

test('dossier status with a payment awaited', () => {
  const cases: [ProcedureStatus[], string][] = [
    [['awaiting-payment'], 'awaiting-payment'],
    [['awaiting-payment', 'dispatched'], 'processing'],
    [['awaiting-payment', 'awaiting-supplement'], 'awaiting-supplement'],
    [['awaiting-payment', 'completed'], 'awaiting-payment'],
    [['completed'], 'completed'],
    [['rejected'], 'rejected'],
    [['completed', 'rejected'], 'partially-completed'],
  ];
  for (const [procs, status] of cases) assert.equal(dossierStatusOf(procs), status, procs.join(','));
});
