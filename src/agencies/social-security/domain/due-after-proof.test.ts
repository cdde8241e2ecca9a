import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../../../kernel/dates.ts';
import { dueAfterProof } from './due-after-proof.ts';

// The wait for an island-commune proof does not eat the participant's time to pay (due-after-proof.ts: our reading).
describe('payment deadline after the proof was awaited', () => {
  const cases: [string, string, string, string, string][] = [
    ['monthly, asked 28 Jan (3 days left), answered 5 Feb: 3 days from the answer', '2025-01-31', '2025-01-28', '2025-02-05', '2025-02-08'],
    ['monthly, answered on the last day itself: unchanged', '2025-01-31', '2025-01-28', '2025-01-31', '2025-01-31'],
    ['monthly, answered the day after: the 3 days from then', '2025-01-31', '2025-01-28', '2025-02-01', '2025-02-04'],
    ['12-months, deadline months ahead: unchanged', '2025-07-31', '2025-01-28', '2025-02-05', '2025-07-31'],
    ['lump sum due on the day of registration (the answer day): unchanged', '2025-02-05', '2025-01-28', '2025-02-05', '2025-02-05'],
    ['asked on the last day (0 days left), answered later: due on the answer day', '2025-01-31', '2025-01-31', '2025-02-04', '2025-02-04'],
  ];
  for (const [name, due, asked, answered, expected] of cases)
    it(name, () => assert.equal(dueAfterProof(isoDate(due), isoDate(asked), isoDate(answered)), expected));
});
