import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FastClock } from './fast-clock.ts';
import { runSimulation } from './run.ts';
import { MONTHLY, NATIONAL_BIRTHS_PER_YEAR, NATIONAL_DEATHS_PER_YEAR, perMonth, yearArrivals } from './year.ts';

test('a year of arrivals: the national totals × scale, spread by month by the weights, in time order, deterministic', () => {
  const y = yearArrivals({ year: 2025, scale: 0.001, seed: 7, reviewShare: 0.1 });
  assert.equal(y.births, Math.round(NATIONAL_BIRTHS_PER_YEAR * 0.001));
  assert.equal(y.deaths, Math.round(NATIONAL_DEATHS_PER_YEAR * 0.001));
  assert.equal(y.arrivals.length, y.births + y.deaths);
  assert.ok(y.arrivals.every((a, i) => i === 0 || y.arrivals[i - 1]!.at <= a.at), 'in time order');
  const inYear = (t: number) => t >= Date.parse('2025-01-01T07:00:00+07:00') && t < Date.parse('2025-12-31T21:00:00+07:00');
  assert.ok(y.arrivals.every((a) => inYear(a.at)), 'between 07:00 on 1 January and 21:00 on 31 December, Vietnam time');
  assert.ok(y.arrivals.every((a) => { const h = new Date(a.at + 7 * 3600_000).getUTCHours(); return h >= 7 && h < 21; }), 'in the day');
  const byMonth = (g: 'birth' | 'death') => {
    const n = new Array<number>(12).fill(0);
    for (const a of y.arrivals) if (a.group === g) n[new Date(a.at + 7 * 3600_000).getUTCMonth()]!++;
    return n;
  };
  assert.deepEqual(byMonth('birth'), perMonth(y.births, MONTHLY.birth));
  assert.deepEqual(byMonth('death'), perMonth(y.deaths, MONTHLY.death));
  // Each group's cases are used once each, in order.
  for (const g of ['birth', 'death'] as const) assert.deepEqual(y.arrivals.filter((a) => a.group === g).map((a) => a.k), [...Array(g === 'birth' ? y.births : y.deaths).keys()]);
  const reviews = y.arrivals.filter((a) => a.review);
  assert.ok(reviews.every((a) => a.group === 'birth'), 'only births are sent to an officer');
  assert.ok(Math.abs(reviews.length / y.births - 0.1) < 0.04, `${reviews.length} of ${y.births} births in review`);
  assert.deepEqual(yearArrivals({ year: 2025, scale: 0.001, seed: 7, reviewShare: 0.1 }), y, 'same seed, same year');
  assert.throws(() => yearArrivals({ year: 2025, scale: 0, seed: 1 }), /scale/);
  assert.throws(() => yearArrivals({ year: 2025, scale: 0.1, seed: 1, reviewShare: 2 }), /review share/);
});

test('perMonth splits a total exactly, the remainders to the largest fractions', () => {
  const cases: [number, number[], number[]][] = [
    [12, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    [10, [1, 1, 2], [3, 2, 5]],
    [0, [1, 2], [0, 0]],
    [7, [3, 1], [5, 2]],
  ];
  for (const [total, w, want] of cases) assert.deepEqual(perMonth(total, w), want, `${total} over ${w}`);
});

test('the fast clock stands still until started, runs at its speed, and holds while paused', () => {
  let real = 1_000;
  const c = new FastClock(Date.parse('2025-01-01T00:00:00+07:00'), 3600, () => real);
  const t0 = c.sim();
  real += 5_000;
  assert.equal(c.sim(), t0, 'not started');
  c.start();
  real += 1_000;
  assert.equal(c.sim() - t0, 3600_000, 'a real second is a simulated hour');
  c.pause();
  real += 10_000;
  assert.equal(c.sim() - t0, 3600_000, 'held');
  assert.equal(c.held(), 10_000);
  c.start();
  real += 500;
  assert.equal(c.sim() - t0, 5400_000);
  assert.throws(() => new FastClock(0, 0), /speed/);
});

test('a tiny national year runs end to end: every dossier settles, the officer decides the reviews, the SLA counts them all', async () => {
  const r = await runSimulation({
    year: 2025,
    scale: 0.00003,
    seed: 3,
    reviewShare: 0.2,
    rate: 50,
    // Far faster than the default (the year in seconds): the figures below do not depend on how fast the machine is.
    maxSpeed: 3_000_000,
    officerHour: 14,
    officerCapacity: 0,
    stallSeconds: 300,
    maxInFlight: 50,
  });
  assert.deepEqual(r.dossiers, { birth: 42, death: 20, total: 62 });
  assert.equal(r.httpFailures, 0);
  assert.deepEqual(r.outcomes.birth, { completed: 42, partiallyCompleted: 0, rejected: 0, unfinished: 0 });
  assert.deepEqual(r.outcomes.death, { completed: 20, partiallyCompleted: 0, rejected: 0, unfinished: 0 });
  assert.ok(r.reviews.sentToOfficer > 0, 'some births went to the officer');
  // A declaration sent a moment late on a clock this fast may cross the 60 days too: the officer decides it as well.
  assert.ok(r.reviews.decided >= r.reviews.sentToOfficer, `${r.reviews.decided} decided, ${r.reviews.sentToOfficer} sent`);
  const ended = (g: string, p: string) => r.sla.byProcedure.find((x) => x.group === g && x.procedure === p)?.ended;
  assert.equal(ended('birth', 'birth-registration'), 42);
  assert.equal(ended('birth', 'hi-card'), 42);
  assert.equal(ended('death', 'death-registration'), 20);
  assert.equal(r.sla.totals.ended, r.sla.byProcedure.reduce((n, p) => n + p.ended, 0));
  assert.equal(r.sla.totals.ended, r.sla.byProvince.reduce((n, p) => n + p.ended, 0), 'every ended procedure has its province');
  assert.ok(r.sla.byProvince.every((p) => p.provinceCode !== null), 'the province of every dossier is known');
  assert.ok(r.sla.totals.onTimeRate !== null && r.sla.totals.onTimeRate > 0);
  assert.equal(r.sla.totals.open, 0);
  // Sampled in real time: how many were caught waiting depends on the machine; never more than arrived.
  assert.ok(r.peakBacklog.dossiers >= 0 && r.peakBacklog.dossiers <= 62, JSON.stringify(r.peakBacklog));
  assert.ok(r.simulatedDays >= 364, `${r.simulatedDays} days`);
  assert.ok(r.throughputPerSec > 0);
});
