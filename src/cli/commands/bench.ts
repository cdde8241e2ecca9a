import { parseArgs } from 'node:util';
import { ageOn, vnDateOf, addDays, type IsoDate } from '../../kernel/dates.ts';
import { systemClock } from '../../platform/clock.ts';
import { distributedTarget, embeddedTarget, type BenchTarget } from '../bench/targets.ts';
import { progressBar } from '../progress.ts';
import { generatePopulation } from '../seed/synthetic-population.ts';

/** A name made of letters only (names may not hold digits): 0 → "A", 27 → "BB"… */
function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.charAt(0) + s.slice(1).toLowerCase();
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const USAGE = '--dossiers N | --rate R --duration S; --mode embedded|distributed; --concurrency C (closed loop); --json';

/**
 * `npm run bench`: N birth dossiers through the HTTP API, and how long each took from its arrival until
 * all its procedures were complete. Closed loop by default (C clients, each submitting when the last
 * answered: throughput); with `--rate R` open loop — arrivals at R per second whatever the platform does —
 * so that latency is measured honestly under a given load. Embedded mode (PGlite files, or DATABASE_URL)
 * or distributed mode (processes on POSTGRES_URL and NATS_URL).
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dossiers: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '64' },
      mode: { type: 'string', default: 'embedded' },
      json: { type: 'boolean', default: false },
    },
  });
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  const n = rate !== undefined ? Math.round(rate * Number(values.duration)) : Number(values.dossiers ?? 1000);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(n) || n < 1) throw new Error(`a positive number of dossiers: ${USAGE}`);
  if (rate !== undefined && !(rate > 0)) throw new Error(`--rate: arrivals per second, > 0 (${USAGE})`);
  if (values.mode !== 'embedded' && values.mode !== 'distributed') throw new Error(`--mode: embedded or distributed (${USAGE})`);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const today = vnDateOf(systemClock.now());
  const pop = generatePopulation({ citizens: Math.max(2000, Math.ceil(n / 2)), seed: 42, today });
  const target: BenchTarget = values.mode === 'distributed' ? await distributedTarget(pop) : await embeddedTarget(pop);
  try {
    const mothers = pop.citizens.filter((c) => c.sex === 'female' && c.status === 'alive' && c.householdId && ageOn(c.dateOfBirth as IsoDate, today) >= 18 && ageOn(c.dateOfBirth as IsoDate, today) <= 45);
    if (!mothers.length) throw new Error('the synthetic population has no mothers');
    const tokens = await Promise.all(mothers.map((m) => target.issueCitizenToken(m.pin)));

    const bar = values.json ? null : progressBar('bench', 'dossiers');
    const arrivals = new Map<string, number>();
    let failed = 0;
    let submitted = 0;
    const submitOne = async (i: number, arrival: number) => {
      const m = i % mothers.length;
      const declaration = {
        declarant: { pin: mothers[m]!.pin, relationship: 'mother' },
        child: { fullName: `Nguyễn Bench ${letters(i)}`, sex: i % 2 ? 'male' : 'female', dateOfBirth: addDays(today, -(i % 30)), placeOfBirth: 'Bệnh viện' },
        mother: { pin: mothers[m]!.pin },
        residence: { householdOf: 'mother' },
        healthInsurance: { initialFacilityCode: '01001' },
      };
      const res = await fetch(`${target.baseUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[m]}` },
        body: JSON.stringify({ group: 'birth', declaration }),
      }).catch(() => null);
      submitted++;
      if (res?.status !== 202) {
        failed++;
        return;
      }
      arrivals.set(((await res.json()) as { id: string }).id, arrival);
    };

    const started = Date.now();
    const progress = setInterval(async () => {
      const [r] = await target.hubDb.query<{ done: number }>(`SELECT count(*)::int AS done FROM hub.dossiers WHERE finished_at IS NOT NULL`).catch(() => [{ done: 0 }]);
      bar?.update(Number(r?.done ?? 0), n, `${submitted} submitted`);
    }, 500);
    if (rate === undefined) {
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, n) }, async () => {
          while (next < n) await submitOne(next++, Date.now());
        }),
      );
    } else {
      // Open loop: the i-th dossier arrives at started + i / rate, whether or not earlier ones are done.
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(submitOne(i, due));
      }
      await Promise.all(inFlight);
    }
    for (;;) {
      const [r] = await target.hubDb.query<{ open: number }>(`SELECT count(*)::int AS open FROM hub.dossiers WHERE finished_at IS NULL`);
      if (Number(r?.open) === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    clearInterval(progress);
    bar?.update(n, n, 'done');
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    const rows = await target.hubDb.query<{ id: string; finished: number; status: string }>(
      `SELECT id, (extract(epoch FROM finished_at) * 1000)::float8 AS finished, status FROM hub.dossiers`,
    );
    // From arrival (the client's clock, the same machine's) to the last procedure's completion.
    const latencies = rows.map((r) => Number(r.finished) - (arrivals.get(r.id) ?? Number(r.finished))).sort((a, b) => a - b);
    const completed = rows.filter((r) => r.status === 'completed').length;
    const figures = {
      mode: target.mode,
      engine: target.engine,
      loop: rate === undefined ? 'closed' : 'open',
      ratePerSec: rate ?? null,
      concurrency: rate === undefined ? concurrency : null,
      dossiers: n,
      completed,
      rejectedOrOther: rows.length - completed,
      httpFailures: failed,
      seconds: Number(seconds.toFixed(2)),
      throughputPerSec: Number((rows.length / seconds).toFixed(1)),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p95Ms: Number(percentile(latencies, 95).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      rssMb: Math.round(peakRss / 1048576),
    };
    if (!values.json) {
      console.log(`mode            ${figures.mode} (${figures.engine}), ${figures.loop} loop${rate ? ` at ${rate}/s` : ` with ${concurrency} clients`}`);
      console.log(`dossiers        ${figures.dossiers} (${completed} completed, ${figures.rejectedOrOther} not, ${failed} HTTP failures)`);
      console.log(`time            ${figures.seconds} s`);
      console.log(`throughput      ${figures.throughputPerSec} dossiers/s completed end to end`);
      console.log(`latency         p50 ${figures.p50Ms} ms · p95 ${figures.p95Ms} ms · p99 ${figures.p99Ms} ms (arrival → all procedures complete)`);
      console.log(`peak RSS        ${figures.rssMb} MiB (this process${target.mode === 'embedded' ? ': the platform and the load generator' : ': the load generator only'})`);
    }
    console.log(JSON.stringify(figures));
    return failed || completed < n ? 1 : 0;
  } finally {
    clearInterval(sampler);
    await target.close();
  }
}
