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
import { startQueueLoad } from '../bench/load-generator.ts';
import { countSettled, outcomes, tally, type GroupOutcomes } from '../bench/outcome.ts';
import { latency, type Latency } from '../bench/stats.ts';
import { generateBenchPopulation } from '../seed/bench-population.ts';
import { FastClock } from './fast-clock.ts';
import { yearArrivals, type SimGroup } from './year.ts';

/** The fastest the simulated clock runs: 40,000 × real time, a simulated day every 2.2 real seconds. */
export const MAX_SPEED = 40_000;

export interface SimulateOptions {
  readonly year: number;
  readonly scale: number;
  readonly seed: number;
  /** Share of births that wait on an officer (late registrations). */
  readonly reviewShare: number;
  /** Mean arrivals per real second: sets how fast the clock runs (the year's seconds × rate / dossiers, at most MAX_SPEED). */
  readonly rate: number;
  /** Hour of the day (Vietnam time) at which the officer works through the worklist, on working days. */
  readonly officerHour: number;
  /** Reviews the officer decides per working day (0: all waiting). */
  readonly officerCapacity: number;
  /** Give up when nothing settles for this many real seconds. */
  readonly stallSeconds: number;
  /** Overrides MAX_SPEED (a test's tiny year in seconds; the SLA then shows the compression). */
  readonly maxSpeed?: number;
  /** The clock is held while more dossiers than this are in automatic processing (the platform behind). */
  readonly maxInFlight: number;
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
  /** Simulated seconds per real second while the clock runs. */
  speed: number;
  /** Real seconds the clock was held for the platform to catch up (more than maxInFlight dossiers in processing). */
  heldSeconds: number;
  maxInFlight: number;
  realSeconds: number;
  simulatedDays: number;
  /** Dossiers settled per real second, over the whole run. */
  throughputPerSec: number;
  /** Arrivals per real second the clock's speed gives on average (fewer when it is held). */
  arrivalsPerSec: number;
  /** The most dossiers accepted and not yet settled at once (sampled), and the simulated day it happened. */
  peakBacklog: { dossiers: number; simDate: string | null };
  /** Simulated minutes from arrival to settled, for the dossiers the rules settled alone (no officer). */
  waitMinutesAutomatic: { p50: number; p95: number; p99: number };
  sla: {
    totals: SlaFigures;
    byProcedure: ({ group: string; procedure: string; agency: string } & SlaFigures)[];
    byProvince: ({ provinceCode: string | null } & SlaFigures)[];
  };
  rssMb: number;
}

const HUB_OPERATOR: Principal = { kind: 'officer', username: 'simulation-it', agency: 'hub', role: 'it-operator', provinceCode: null };
/** Dossiers with a procedure waiting on an officer (the hub marks it in review when the agency says so). */
async function inReview(db: Db): Promise<number> {
  const [r] = await db.query<{ n: number }>(`SELECT count(DISTINCT dossier_id)::int AS n FROM hub.procedures WHERE in_review AND status = 'dispatched'`);
  return Number(r?.n ?? 0);
}

const CR_OFFICER: Principal = { kind: 'officer', username: 'simulation-cr', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: null };

export async function runSimulation(o: SimulateOptions): Promise<SimulationReport> {
  const { arrivals, births, deaths } = yearArrivals({ year: o.year, scale: o.scale, seed: o.seed, reviewShare: o.reviewShare });
  const total = arrivals.length;
  if (total === 0) throw new RangeError('the scale leaves no dossier to simulate');
  const simStart = Date.parse(`${makeDate(o.year, 1, 1)}T00:00:00+07:00`);
  const yearMs = Date.parse(`${makeDate(o.year + 1, 1, 1)}T00:00:00+07:00`) - simStart;
  // The clock's speed gives `rate` arrivals per real second on average, but never more than MAX_SPEED: a dossier the
  // platform settles in a fifth of a second then spans at most a couple of simulated hours, which no time limit in
  // working days can see.
  const speed = Math.min(o.maxSpeed ?? MAX_SPEED, (yearMs / 1000) * (o.rate / total));
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

    // Backlog: dossiers accepted and not settled, sampled in real time; of them, those waiting on the officer.
    const arrivalsById = new Map<string, number>();
    const arrivalIndex = new Map<string, number>();
    const reviewIds = new Set<string>();
    let httpFailures = 0;
    let sent = 0;
    let peak = { dossiers: 0, simDate: null as string | null };
    let settled = 0;
    let withOfficer = 0;
    const sample = async () => {
      settled = await countSettled(db).catch(() => settled);
      withOfficer = await inReview(db).catch(() => withOfficer);
      const backlog = arrivalsById.size - settled;
      const simDate = vnDateOf(clock.now());
      if (backlog > peak.dossiers) peak = { dossiers: backlog, simDate };
      o.onProgress?.({ settled, accepted: arrivalsById.size, total, simDate, backlog });
    };
    let sampling: Promise<void> | null = null;
    const sampler = setInterval(() => void (sampling ??= sample().finally(() => (sampling = null))), 250);

    // Arrivals are released when the clock reaches them; the clock is held while more than maxInFlight dossiers the
    // rules settle alone are still in processing (the platform behind), so that processing is never stretched over
    // simulated days and the SLA measures the procedures, not the machine.
    const load = startQueueLoad({
      url: baseUrl,
      requests,
      onResult(r) {
        if (r.status !== 202) {
          httpFailures++;
          return;
        }
        arrivalsById.set(r.idOrText, r.arrival);
        arrivalIndex.set(r.idOrText, r.i);
        if (arrivals[r.i]!.review) reviewIds.add(r.idOrText);
      },
    });
    const realStartAt = Date.now();
    let released = 0;
    clock.start();
    try {
      await new Promise<void>((resolve) => {
        const pump = setInterval(() => {
          const processing = sent - httpFailures - settled - withOfficer;
          if (processing > o.maxInFlight) clock.pause();
          else clock.start();
          const now = clock.sim();
          const batch: number[] = [];
          while (released < total && arrivals[released]!.at <= now) batch.push(released++);
          load.submit(batch);
          sent += batch.length;
          if (released === total) {
            clearInterval(pump);
            clock.start();
            resolve();
          }
        }, 5);
      });
      await load.finish();
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
      await sampling;
    }
    await sample();
    const realSeconds = (Date.now() - realStartAt) / 1000;
    const endSim = clock.now().getTime();

    const all = await outcomes(db);
    // Simulated time from the declaration's arrival to the last procedure's end, for the dossiers the rules settled
    // alone: what a citizen would wait (the bench measures the platform's real latency).
    const automatic = all
      .filter((x) => x.settledAt !== null && arrivalIndex.has(x.id) && !reviewIds.has(x.id))
      .map((x) => (x.settledAt! - arrivals[arrivalIndex.get(x.id)!]!.at) / 60_000);
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
      heldSeconds: Number((clock.held() / 1000).toFixed(1)),
      maxInFlight: o.maxInFlight,
      realSeconds: Number(realSeconds.toFixed(1)),
      simulatedDays: Number(((endSim - simStart) / 86_400_000).toFixed(1)),
      throughputPerSec: Number((settled / realSeconds).toFixed(1)),
      arrivalsPerSec: Number(((total / (yearMs / 1000)) * speed).toFixed(1)),
      peakBacklog: peak,
      waitMinutesAutomatic: minutes(latency(automatic)),
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

const minutes = (l: Latency) => ({ p50: l.p50Ms, p95: l.p95Ms, p99: l.p99Ms });

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
