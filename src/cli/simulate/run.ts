/**
 * `lienthong simulate`: a national year replayed against the whole platform in one process (embedded mode), on a
 * clock that runs fast. Births and deaths arrive through the HTTP API at their simulated time (year.ts), as an open
 * loop from a worker thread (bench/load-generator.ts); a civil-registry officer works through the worklist each
 * working day; the SLA dashboard's own figures (GET /api/v1/dashboard/sla) give compliance per procedure and
 * province at the end, with the peak backlog and the throughput.
 *
 * Compressed time has one consequence to keep in mind when reading the SLA: a second of real processing is
 * `speed` seconds of simulated time (at the default rate, a dossier settled in 100 ms took about an hour of the
 * simulated day). Deadlines are counted in working days, so that shows only when the platform falls behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { populationImport } from '../../agencies/population/import.ts';
import { siRecordsImport } from '../../agencies/social-security/import.ts';
import { buildPlatform } from '../../app/build-platform.ts';
import { WorkingCalendar } from '../../kernel/calendar/index.ts';
import { addDays, makeDate, vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/db.ts';
import { openDb } from '../../platform/db/open-db.ts';
import { makeLogger } from '../../platform/log/logger.ts';
import { benchBirthDeclaration, benchDeathDeclaration } from '../bench/declarations.ts';
import { runLoad } from '../bench/load-generator.ts';
import { countSettled, outcomes, tally, type GroupOutcomes } from '../bench/outcome.ts';
import { latency, type Latency } from '../bench/stats.ts';
import { generateBenchPopulation } from '../seed/bench-population.ts';
import { FastClock } from './fast-clock.ts';
import { yearArrivals, type SimGroup } from './year.ts';

export interface SimulateOptions {
  readonly year: number;
  readonly scale: number;
  readonly seed: number;
  /** Share of births that wait on an officer (late registrations). */
  readonly reviewShare: number;
  /** Mean arrivals per real second: sets how fast the clock runs (speed = the year's seconds × rate / dossiers). */
  readonly rate: number;
  /** Hour of the day (Vietnam time) at which the officer works through the worklist, on working days. */
  readonly officerHour: number;
  /** Reviews the officer decides per working day (0: all waiting). */
  readonly officerCapacity: number;
  /** Give up when nothing settles for this many real seconds. */
  readonly stallSeconds: number;
  /** Told of progress now and then (real time). */
  readonly onProgress?: (p: { settled: number; accepted: number; total: number; simDate: IsoDate; backlog: number }) => void;
}

/** One row of the SLA dashboard's figures, as the simulation reports it. */
export interface SlaFigures {
  ended: number;
  onTime: number;
  late: number;
  notMeasured: number;
  onTimeRate: number | null;
  open: number;
  overdue: number;
}

export interface SimulationReport {
  year: number;
  scale: number;
  seed: number;
  dossiers: { birth: number; death: number; total: number };
  outcomes: Record<SimGroup, GroupOutcomes>;
  httpFailures: number;
  reviews: { share: number; sentToOfficer: number; decided: number; officerHour: number; officerCapacityPerDay: number | null };
  /** Simulated seconds per real second. */
  speed: number;
  realSeconds: number;
  simulatedDays: number;
  /** Dossiers settled per real second, over the whole run. */
  throughputPerSec: number;
  /** Arrivals per real second the schedule asked for. */
  arrivalsPerSec: number;
  /** The most dossiers accepted and not yet settled at once (sampled), and the simulated day it happened. */
  peakBacklog: { dossiers: number; simDate: string | null };
  /** Real time from arrival to settled (ms), for the dossiers the rules settled alone (no officer). */
  latencyAutomatic: Latency;
  sla: {
    totals: SlaFigures;
    byProcedure: ({ group: string; procedure: string; agency: string } & SlaFigures)[];
    byProvince: ({ provinceCode: string | null } & SlaFigures)[];
  };
  rssMb: number;
}

const HUB_OPERATOR: Principal = { kind: 'officer', username: 'simulation-it', agency: 'hub', role: 'it-operator', provinceCode: null };
const CR_OFFICER: Principal = { kind: 'officer', username: 'simulation-cr', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: null };

export async function runSimulation(o: SimulateOptions): Promise<SimulationReport> {
  const { arrivals, births, deaths } = yearArrivals({ year: o.year, scale: o.scale, seed: o.seed, reviewShare: o.reviewShare });
  const total = arrivals.length;
  if (total === 0) throw new RangeError('the scale leaves no dossier to simulate');
  const simStart = Date.parse(`${makeDate(o.year, 1, 1)}T00:00:00+07:00`);
  const yearMs = Date.parse(`${makeDate(o.year + 1, 1, 1)}T00:00:00+07:00`) - simStart;
  const speed = (yearMs / 1000) * (o.rate / total);
  const clock = new FastClock(simStart, speed);

  // The registers as they stand on 1 January: a couple for each birth, a person (and a relative) for each death.
  const registersOn = makeDate(o.year, 1, 1);
  const pop = generateBenchPopulation({ background: Math.max(2000, Math.ceil(total / 2)), births, deaths, voluntary: 0, seed: o.seed, today: registersOn });
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-simulate-'));
  const db: Db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: join(dir, 'pglite') });
  const calendar = new WorkingCalendar();
  const platform = await buildPlatform({ db, clock, calendar, tokenSecret: 'simulation-secret-0123456789-0123456789-abc', log: makeLogger({ level: 'warn' }) });
  let peakRss = process.memoryUsage().rss;
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    await db.transaction((tx) => populationImport(clock.now()).apply(tx, [...pop.households, ...pop.citizens]).then(() => undefined));
    await db.transaction((tx) => siRecordsImport().apply(tx, pop.siRecords).then(() => undefined));
    const baseUrl = await platform.app.listen({ port: 0, host: '127.0.0.1' });

    // Each declaration is made on its simulated day: a birth within the 60 days of Law on Civil Status 2014 art. 15
    // (or, for the share sent to an officer, 61–80 days after it: a late registration); a death in the last days.
    const tokens = new Map<string, string>();
    const requests: { token: string; body: string }[] = [];
    for (const a of arrivals) {
      const today = vnDateOf(new Date(a.at));
      let pin: string;
      let declaration: object;
      if (a.group === 'birth') {
        const c = pop.births[a.k]!;
        const d = benchBirthDeclaration(c, a.k, today);
        if (a.review) d.child.dateOfBirth = addDays(today, -(61 + (a.k % 20)));
        [pin, declaration] = [c.motherPin, d];
      } else {
        const c = pop.deaths[a.k]!;
        [pin, declaration] = [c.declarantPin, benchDeathDeclaration(c, a.k, today)];
      }
      if (!tokens.has(pin)) tokens.set(pin, await platform.tokens.issue({ kind: 'citizen', pin }));
      requests.push({ token: tokens.get(pin)!, body: JSON.stringify({ group: a.group, declaration }) });
    }
    const officerToken = await platform.tokens.issue(CR_OFFICER);
    const operatorToken = await platform.tokens.issue(HUB_OPERATOR);

    // The officer: at officerHour on each working day, decides what waits (oldest first), up to the capacity.
    let reviewsDecided = 0;
    let nextOfficerDay = vnDateOf(new Date(simStart));
    const officerAt = (d: IsoDate) => Date.parse(`${d}T${String(o.officerHour).padStart(2, '0')}:00:00+07:00`);
    const officerWork = async () => {
      let left = o.officerCapacity > 0 ? o.officerCapacity : Infinity;
      while (left > 0) {
        const page = await fetch(`${baseUrl}/api/v1/agencies/civil-registry/reviews?limit=${Math.min(200, left)}&answered=false`, { headers: { authorization: `Bearer ${officerToken}` } });
        if (page.status !== 200) throw new Error(`worklist: HTTP ${page.status}`);
        const items = ((await page.json()) as { items: { id: string }[] }).items;
        if (items.length === 0) break;
        for (const r of items.slice(0, left === Infinity ? undefined : left)) {
          const res = await fetch(`${baseUrl}/api/v1/agencies/civil-registry/reviews/${r.id}/decision`, {
            method: 'POST',
            headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ decision: 'approve', note: 'late registration: reasons accepted' }),
          });
          await res.text();
          if (res.ok) reviewsDecided++;
          left--;
        }
      }
    };
    let officerBusy: Promise<void> | null = null;
    const officer = setInterval(() => {
      if (officerBusy || clock.now().getTime() < officerAt(nextOfficerDay)) return;
      const day = nextOfficerDay;
      nextOfficerDay = addDays(day, 1);
      if (!calendar.isWorkingDay(day)) return;
      officerBusy = officerWork()
        .catch((e: unknown) => void process.stderr.write(`simulate: the officer's round of ${day} failed: ${e instanceof Error ? e.message : String(e)}\n`))
        .finally(() => (officerBusy = null));
    }, 20);

    // Backlog: dossiers accepted and not settled, sampled in real time.
    const arrivalsById = new Map<string, number>();
    const reviewIds = new Set<string>();
    let httpFailures = 0;
    let peak = { dossiers: 0, simDate: null as string | null };
    let settled = 0;
    const sample = async () => {
      settled = await countSettled(db).catch(() => settled);
      const backlog = arrivalsById.size - settled;
      const simDate = vnDateOf(clock.now());
      if (backlog > peak.dossiers) peak = { dossiers: backlog, simDate };
      o.onProgress?.({ settled, accepted: arrivalsById.size, total, simDate, backlog });
    };
    const sampler = setInterval(() => void sample(), 500);

    const realStartAt = Date.now() + 300;
    clock.start(realStartAt);
    try {
      await runLoad({
        url: baseUrl,
        requests,
        concurrency: 1,
        schedule: { startAt: realStartAt, offsetsMs: arrivals.map((a) => (a.at - simStart) / speed) },
        onResult(r) {
          if (r.status !== 202) {
            httpFailures++;
            return;
          }
          arrivalsById.set(r.idOrText, r.arrival);
          if (arrivals[r.i]!.review) reviewIds.add(r.idOrText);
        },
      });
      // The tail: what waits on the officer is decided on the next working days; the clock keeps running.
      let last = -1;
      let lastChange = Date.now();
      for (;;) {
        const now = await countSettled(db);
        if (now >= arrivalsById.size) break;
        if (now !== last) [last, lastChange] = [now, Date.now()];
        if (Date.now() - lastChange > o.stallSeconds * 1000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      clearInterval(officer);
      clearInterval(sampler);
      await officerBusy;
    }
    await sample();
    const realSeconds = (Date.now() - realStartAt) / 1000;
    const endSim = clock.now().getTime();

    const all = await outcomes(db);
    // Settle times are on the fast clock, arrivals on the real one: both brought to simulated time, then the span
    // divided by the speed gives real milliseconds.
    const automatic = all
      .filter((x) => x.settledAt !== null && arrivalsById.has(x.id) && !reviewIds.has(x.id))
      .map((x) => x.settledAt! - clock.simAt(arrivalsById.get(x.id)!));
    const sla = await slaOfTheYear(baseUrl, operatorToken, o.year, vnDateOf(new Date(endSim)));
    return {
      year: o.year,
      scale: o.scale,
      seed: o.seed,
      dossiers: { birth: births, death: deaths, total },
      outcomes: { birth: tally(all.filter((x) => x.group === 'birth')), death: tally(all.filter((x) => x.group === 'death')) },
      httpFailures,
      reviews: { share: o.reviewShare, sentToOfficer: arrivals.filter((a) => a.review).length, decided: reviewsDecided, officerHour: o.officerHour, officerCapacityPerDay: o.officerCapacity > 0 ? o.officerCapacity : null },
      speed: Math.round(speed),
      realSeconds: Number(realSeconds.toFixed(1)),
      simulatedDays: Number(((endSim - simStart) / 86_400_000).toFixed(1)),
      throughputPerSec: Number((settled / realSeconds).toFixed(1)),
      arrivalsPerSec: o.rate,
      peakBacklog: peak,
      latencyAutomatic: scaleLatency(latency(automatic), speed),
      sla,
      rssMb: Math.round(peakRss / 1048576),
    };
  } finally {
    clearInterval(rssSampler);
    await platform.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A latency measured on the fast clock, in real milliseconds. */
const scaleLatency = (l: Latency, speed: number): Latency => ({
  p50Ms: Number((l.p50Ms / speed).toFixed(1)),
  p95Ms: Number((l.p95Ms / speed).toFixed(1)),
  p99Ms: Number((l.p99Ms / speed).toFixed(1)),
});

type Row = SlaFigures & { workingDays?: unknown };
interface SlaAnswer {
  totals: Row;
  byProcedure: (Row & { group: string; procedure: string; agency: string })[];
  byProvince: (Row & { provinceCode: string | null })[];
}

/**
 * The dashboard's SLA for the year and the days after it the run went on (it answers for at most 366 days at a time):
 * procedures ended in either period are added up; what is open is as the last period sees it.
 */
async function slaOfTheYear(baseUrl: string, token: string, year: number, endDate: IsoDate): Promise<SimulationReport['sla']> {
  const periods: [string, string][] = [[makeDate(year, 1, 1), makeDate(year, 12, 31)]];
  if (endDate > makeDate(year, 12, 31)) periods.push([makeDate(year + 1, 1, 1), endDate]);
  const answers: SlaAnswer[] = [];
  for (const [from, to] of periods) {
    const res = await fetch(`${baseUrl}/api/v1/dashboard/sla?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`SLA dashboard: HTTP ${res.status} ${await res.text()}`);
    answers.push((await res.json()) as SlaAnswer);
  }
  const add = (rows: Row[]): SlaFigures => {
    const f = { ended: 0, onTime: 0, late: 0, notMeasured: 0, onTimeRate: null as number | null, open: 0, overdue: 0 };
    rows.forEach((r, i) => {
      f.ended += r.ended;
      f.onTime += r.onTime;
      f.late += r.late;
      f.notMeasured += r.notMeasured;
      if (i === rows.length - 1) [f.open, f.overdue] = [r.open, r.overdue];
    });
    f.onTimeRate = f.onTime + f.late === 0 ? null : Math.round((f.onTime / (f.onTime + f.late)) * 10_000) / 10_000;
    return f;
  };
  const keyed = <T extends Row>(pick: (a: SlaAnswer) => T[], key: (r: T) => string) => {
    const groups = new Map<string, { first: T; rows: T[] }>();
    for (const a of answers)
      for (const r of pick(a)) {
        const g = groups.get(key(r)) ?? { first: r, rows: [] };
        g.rows.push(r);
        groups.set(key(r), g);
      }
    return [...groups.values()];
  };
  return {
    totals: add(answers.map((a) => a.totals)),
    byProcedure: keyed((a) => a.byProcedure, (r) => `${r.group}/${r.procedure}`).map(({ first, rows }) => ({ group: first.group, procedure: first.procedure, agency: first.agency, ...add(rows) })),
    byProvince: keyed((a) => a.byProvince, (r) => r.provinceCode ?? '').map(({ first, rows }) => ({ provinceCode: first.provinceCode, ...add(rows) })),
  };
}
