import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLAIM_MINUTES, mayAct } from '../../../../platform/worklist/claims.ts';
import { nextStatus, type HiCardItemStatus, type WorklistDecision, type WorklistRole } from './hi-card-approval.ts';

const at = (iso: string) => new Date(iso);

test('claims: held by another until they lapse after CLAIM_MINUTES', () => {
  assert.equal(CLAIM_MINUTES, 30);
  const claim = { by: 'a', at: at('2025-01-24T02:00:00Z') };
  const cases: [string, { by: string | null; at: Date | null }, string, string, boolean][] = [
    ['nobody holds it', { by: null, at: null }, 'b', '2025-01-24T02:10:00Z', true],
    ['the holder acts', claim, 'a', '2025-01-24T02:10:00Z', true],
    ['another, 10 minutes in', claim, 'b', '2025-01-24T02:10:00Z', false],
    ['another, 29 minutes 59 in', claim, 'b', '2025-01-24T02:29:59Z', false],
    ['another, at 30 minutes: lapsed', claim, 'b', '2025-01-24T02:30:00Z', true],
    ['another, an hour later', claim, 'b', '2025-01-24T03:00:00Z', true],
  ];
  for (const [why, c, who, now, ok] of cases) assert.equal(mayAct(c, who, at(now)).ok, ok, why);
  const held = mayAct(claim, 'b', at('2025-01-24T02:10:00Z'));
  assert.ok(!held.ok);
  assert.equal(held.heldBy, 'a');
  assert.equal(held.until.toISOString(), '2025-01-24T02:30:00.000Z');
});

test('HI card approval: which role may decide what in which state (seed 003 step 5a)', () => {
  const cases: [WorklistRole, HiCardItemStatus, WorklistDecision, HiCardItemStatus | null][] = [
    ['vss-collector', 'to-check', 'submit-for-approval', 'to-approve'],
    ['vss-collector', 'to-check', 'refuse', 'refused'],
    ['vss-collector', 'to-check', 'request-supplement', 'awaiting-supplement'],
    ['vss-collector', 'to-check', 'approve', null],
    ['vss-collector', 'to-approve', 'approve', null],
    ['vss-collector', 'to-approve', 'refuse', null],
    ['vss-director', 'to-approve', 'approve', 'approved'],
    ['vss-director', 'to-approve', 'refuse', 'refused'],
    ['vss-director', 'to-approve', 'submit-for-approval', null],
    ['vss-director', 'to-check', 'approve', 'approved'],
    ['vss-director', 'approved', 'refuse', null],
    ['vss-director', 'refused', 'approve', null],
    ['vss-collector', 'awaiting-supplement', 'submit-for-approval', null],
  ];
  for (const [role, status, decision, to] of cases) assert.equal(nextStatus(role, status, decision), to, `${role} ${status} ${decision}`);
});
