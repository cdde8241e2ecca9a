import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkingCalendar } from '../kernel/calendar/index.ts';
import { isoDate } from '../kernel/dates.ts';
import { HubEngine } from './engine.ts';
import { answerIssues, SUPPLEMENT_TIME_LIMIT } from './supplements.ts';

const asked = [
  { path: 'declaration.relatives.0.incapacityPercent', code: 'incapacity-proof-required', reason: 'Send the record.', reasonVi: 'Gửi biên bản.' },
  { path: 'declaration.relatives.2.incapacityPercent', code: 'incapacity-proof-required', reason: 'Send the record.', reasonVi: 'Gửi biên bản.' },
];

test('a supplement answers every field asked for, and nothing else', () => {
  assert.deepEqual(answerIssues(asked, { 'declaration.relatives.0.incapacityPercent': {}, 'declaration.relatives.2.incapacityPercent': {} }), []);
  assert.deepEqual(
    answerIssues(asked, { 'declaration.relatives.0.incapacityPercent': {}, 'declaration.relatives.2.incapacityPercent': null, extra: 1 }).map((i) => `${i.path}:${i.code}`),
    ['answers.declaration.relatives.2.incapacityPercent:required', 'answers.extra:not-requested'],
  );
});

// Decree 63/2024/ND-CP: 7 working days. Civil Code 2015 art. 147–148: calendar days end on a working day.
const engine = new HubEngine(new WorkingCalendar());
for (const [from, limit, want, why] of [
  ['2025-01-24', SUPPLEMENT_TIME_LIMIT, '2025-02-11', 'Fri before Tết: Tết 25 Jan–2 Feb is off'],
  ['2025-03-03', SUPPLEMENT_TIME_LIMIT, '2025-03-12', 'a plain week'],
  ['2025-01-24', { calendarDays: 15, legalBasis: 'Law on SI 2014 art. 112' }, '2025-02-10', 'day 15 is Sat 8 Feb → Mon 10 Feb'],
  ['2025-03-03', { calendarDays: 15, legalBasis: 'Law on SI 2014 art. 112' }, '2025-03-18', 'day 15 is a Tuesday'],
  ['2025-04-15', { calendarDays: 15, legalBasis: 'Law on SI 2014 art. 112' }, '2025-05-05', 'day 15 is 30 Apr (holiday to 4 May) → Mon 5 May'],
] as const) {
  test(`deadline from ${from}, ${'workingDays' in limit ? `${limit.workingDays} working` : `${limit.calendarDays} calendar`} days → ${want} (${why})`, () => {
    assert.equal(engine.deadlineFrom(isoDate(from), limit), want);
  });
}
