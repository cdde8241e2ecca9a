import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingCalendar } from '../../src/kernel/calendar/index.ts';
import { isoDate } from '../../src/kernel/dates.ts';
import { provinceOf } from '../../src/hub/dashboard/area.ts';
import { isOverdue, percentile, spanOutcome, Tally, type ProcedureSpan } from '../../src/hub/dashboard/domain/sla.ts';
import { redactPayload } from '../../src/hub/dashboard/redact.ts';

const calendar = new WorkingCalendar();
const at = (local: string) => new Date(`${local}+07:00`).toISOString();

/**
 * DOMAIN.md §6 (Labor Code 2019 art. 112; the 2025 published calendar): Tết 2025 is off 25 Jan – 2 Feb, so from
 * Fri 24 Jan the next working day is Mon 3 Feb, and 2 working days from 24 Jan end on Tue 4 Feb.
 */
describe('SLA: on time or late, and working days to complete (Tết 2025 inside the span)', () => {
  test('the calendar agrees with DOMAIN.md §6', () => {
    assert.equal(calendar.addWorkingDays(isoDate('2025-01-24'), 2), '2025-02-04');
    assert.equal(calendar.workingDaysBetween(isoDate('2025-01-24'), isoDate('2025-02-03')), 1);
  });

  const span = (o: Partial<ProcedureSpan>): ProcedureSpan => ({ dispatchedAt: at('2025-01-24T09:00:00'), answeredAt: null, agencyDeadline: isoDate('2025-02-04'), supplementWaits: [], ...o });
  const cases: { name: string; span: ProcedureSpan; measured: boolean; onTime: boolean | null; workingDays: number | null }[] = [
    { name: '2 working days, answered Mon 3 Feb after Tết: on time, 1 working day', span: span({ answeredAt: at('2025-02-03T10:00:00') }), measured: true, onTime: true, workingDays: 1 },
    { name: 'answered late on the last day (Tue 4 Feb, 23:30 in Hà Nội): on time, 2', span: span({ answeredAt: at('2025-02-04T23:30:00') }), measured: true, onTime: true, workingDays: 2 },
    {
      name: 'answered Wed 5 Feb 06:00 in Hà Nội (still 4 Feb in UTC): late, judged in Vietnam’s date, 3',
      span: span({ answeredAt: at('2025-02-05T06:00:00') }),
      measured: true,
      onTime: false,
      workingDays: 3,
    },
    {
      name: 'same-day limit (0 working days), answered the same afternoon: on time, 0',
      span: span({ agencyDeadline: isoDate('2025-01-24'), answeredAt: at('2025-01-24T15:00:00') }),
      measured: true,
      onTime: true,
      workingDays: 0,
    },
    {
      name: 'same-day limit, answered only after Tết (Mon 3 Feb): late, 1',
      span: span({ agencyDeadline: isoDate('2025-01-24'), answeredAt: at('2025-02-03T08:00:00') }),
      measured: true,
      onTime: false,
      workingDays: 1,
    },
    {
      // Decree 63/2024/ND-CP: the time limit runs again from the complete file; the clock leaves out the wait.
      name: 'a supplement asked Tue 4 Feb, answered Mon 10 Feb, limit restarted (Wed 12 Feb), answered 12 Feb: on time, 7 − 4 = 3',
      span: span({
        dispatchedAt: at('2025-02-03T09:00:00'),
        agencyDeadline: isoDate('2025-02-12'),
        answeredAt: at('2025-02-12T11:00:00'),
        supplementWaits: [{ from: at('2025-02-04T10:00:00'), to: at('2025-02-10T09:00:00') }],
      }),
      measured: true,
      onTime: true,
      workingDays: 3,
    },
    { name: 'never answered by the agency (supplement left to expire): not measured', span: span({ supplementWaits: [{ from: at('2025-01-24T10:00:00'), to: null }] }), measured: false, onTime: null, workingDays: null },
  ];
  for (const c of cases)
    test(c.name, () => {
      assert.deepEqual(spanOutcome(c.span, calendar), { measured: c.measured, onTime: c.onTime, workingDays: c.workingDays });
    });
});

describe('SLA: overdue, percentiles, figures', () => {
  const today = isoDate('2025-02-05');
  for (const [status, deadline, expected] of [
    ['dispatched', '2025-02-04', true],
    ['dispatched', '2025-02-05', false], // the last day is not over until its end
    ['awaiting-supplement', '2025-02-04', false], // the citizen's clock, swept by the hub
    ['awaiting-payment', '2025-01-01', false],
    ['dispatched', null, false],
  ] as const)
    test(`${status} with last day ${deadline} on ${today}: overdue ${expected}`, () => assert.equal(isOverdue(status, deadline === null ? null : isoDate(deadline), today), expected));

  for (const [values, p, expected] of [
    [[], 50, null],
    [[4], 90, 4],
    [[1, 2, 3, 4], 50, 2],
    [[5, 1, 4, 2, 3], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[0, 0, 7], 90, 7],
  ] as const)
    test(`p${p} of [${values.join(', ')}] by nearest rank = ${expected}`, () => assert.equal(percentile(values, p), expected));

  test('a tally: ended, on time, late, not measured, open, overdue, the rate and the working days', () => {
    const t = new Tally();
    t.addEnded({ measured: true, onTime: true, workingDays: 0 });
    t.addEnded({ measured: true, onTime: true, workingDays: 1 });
    t.addEnded({ measured: true, onTime: false, workingDays: 5 });
    t.addEnded({ measured: false, onTime: null, workingDays: null });
    t.addOpen(true);
    t.addOpen(false);
    assert.deepEqual(t.figures(), { ended: 4, onTime: 2, late: 1, notMeasured: 1, onTimeRate: 0.6667, open: 2, overdue: 1, workingDays: { p50: 1, p90: 5, max: 5 } });
    assert.equal(new Tally().figures().onTimeRate, null);
  });
});

describe('the dossier’s province', () => {
  const person = (provinceCode: string | null) => ({ pin: '035195000001', fullName: 'X', sex: 'female' as const, dateOfBirth: '1995-01-01', alive: true, householdId: null, address: provinceCode ? { provinceCode } : null });
  for (const [group, declaration, people, expected] of [
    ['birth', { residence: { householdOf: 'mother' } }, { 'declaration.mother': person('35'), 'declaration.father': person('01') }, '35'],
    ['birth', { residence: { householdOf: 'father' } }, { 'declaration.mother': person('35'), 'declaration.father': person('01') }, '01'],
    ['death', {}, { 'declaration.deceased': person('35'), 'declaration.declarant': person('01') }, '35'],
    ['death', {}, { 'declaration.deceased': person(null), 'declaration.declarant': person('01') }, '01'],
    ['voluntary-si', {}, { 'declaration.participant': person('79') }, '79'],
    ['voluntary-si', {}, { 'declaration.participant': person(null) }, null],
  ] as const)
    test(`${group} ${JSON.stringify(declaration)} → ${expected}`, () => assert.equal(provinceOf(group, declaration, people), expected));
});

describe('payloads in the history: never a bank account or a cause of death', () => {
  test('declared sensitive paths, sealed values and never-shown keys are dropped and listed', () => {
    const out = redactPayload('social-security.death-benefits.requested', {
      procedure: 'death-benefits',
      deceased: { pin: '035040000011', cause: 'illness' },
      relatives: [{ pin: '035145000012', incapacityPercent: 85 }],
      payee: { pin: '035145000012', bankAccount: { $sealed: 'abc' } },
    });
    assert.deepEqual(out.payload, { procedure: 'death-benefits', deceased: { pin: '035040000011' }, relatives: [{ pin: '035145000012' }], payee: { pin: '035145000012' } });
    assert.deepEqual(out.omitted.sort(), ['deceased.cause', 'payee.bankAccount', 'relatives.0.incapacityPercent']);
    const death = redactPayload('civil-registry.death-registration.requested', { death: { dateOfDeath: '2025-01-15', cause: { $sealed: 'x' } } });
    assert.ok(!JSON.stringify(death.payload).includes('cause') && !JSON.stringify(death.payload).includes('$sealed'));
    assert.deepEqual(redactPayload('procedure.supplement-provided', { procedure: 'death-benefits', answers: { a: 1 } }), { payload: { procedure: 'death-benefits' }, omitted: ['answers'] });
  });
});
