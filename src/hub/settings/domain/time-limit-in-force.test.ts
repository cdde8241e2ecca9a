import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IsoDate } from '../../../kernel/dates.ts';
import { overrideInForce, type Override } from './time-limit-in-force.ts';

const o = (workingDays: number | null, effectiveFrom: string, setAt: string): Override => ({ workingDays, effectiveFrom: effectiveFrom as IsoDate, setAt });

test('the time limit in force for a dossier: set before it was received, effective by the day it was received', () => {
  const rows = [o(1, '2025-01-20', '2025-01-10T00:00:00Z'), o(5, '2025-02-01', '2025-01-15T00:00:00Z'), o(null, '2025-03-01', '2025-02-20T00:00:00Z')];
  const cases: [string, string, string, number | null | undefined][] = [
    ['before any override', '2025-01-19', '2025-01-19T03:00:00Z', undefined],
    ['the first override in force', '2025-01-24', '2025-01-24T02:00:00Z', 1],
    ['the later effective date wins', '2025-02-03', '2025-02-03T02:00:00Z', 5],
    ['back to the default (null)', '2025-03-03', '2025-03-03T02:00:00Z', null],
  ];
  for (const [why, on, at, days] of cases) assert.equal(overrideInForce(rows, on as IsoDate, at)?.workingDays, days, why);
  // Set after the dossier was received, even with a past effective date: the dossier keeps its limit.
  assert.equal(overrideInForce([o(9, '2025-01-01', '2025-01-25T00:00:00Z')], '2025-01-24' as IsoDate, '2025-01-24T02:00:00Z'), undefined);
  // Same effective date: the one set last.
  assert.equal(overrideInForce([o(2, '2025-01-20', '2025-01-10T00:00:00Z'), o(4, '2025-01-20', '2025-01-12T00:00:00Z')], '2025-01-24' as IsoDate, '2025-01-24T02:00:00Z')?.workingDays, 4);
});
