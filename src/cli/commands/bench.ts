import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { populationImport } from '../../agencies/population/import.ts';
import { siRecordsImport } from '../../agencies/social-security/import.ts';
import { buildPlatform } from '../../app/build-platform.ts';
import { ageOn, vnDateOf, addDays, type IsoDate } from '../../kernel/dates.ts';
import { systemClock } from '../../platform/clock.ts';
import { makeLogger } from '../../platform/log/logger.ts';
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

/**
 * `npm run bench -- --dossiers N [--json]`: the whole platform in embedded mode (PGlite on disk in a
 * temporary folder), a synthetic population, and N birth dossiers submitted through the HTTP API
 * with a bounded number in flight. Latency is from submission until all three procedures are done.
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { dossiers: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '64' }, json: { type: 'boolean', default: false } } });
  const n = Number(values.dossiers);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(n) || n < 1) throw new Error('--dossiers: a positive whole number');
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const platform = await buildPlatform({ dataDir: dir, clock: systemClock, tokenSecret: 'bench-secret-0123456789-0123456789-abcdef', log: makeLogger({ level: 'warn' }) });
  try {
    const today = vnDateOf(systemClock.now());
    const pop = generatePopulation({ citizens: Math.max(2000, Math.ceil(n / 2)), seed: 42, today });
    await platform.db.transaction(async (tx) => {
      await populationImport(systemClock.now()).apply(tx, [...pop.households, ...pop.citizens]);
    });
    await platform.db.transaction((tx) => siRecordsImport().apply(tx, pop.siRecords));
    const mothers = pop.citizens.filter((c) => c.sex === 'female' && c.status === 'alive' && c.householdId && ageOn(c.dateOfBirth as IsoDate, today) >= 18 && ageOn(c.dateOfBirth as IsoDate, today) <= 45);
    if (!mothers.length) throw new Error('the synthetic population has no mothers');
    const tokens = await Promise.all(mothers.map((m) => platform.tokens.issue({ kind: 'citizen', pin: m.pin })));
    const address = await platform.app.listen({ port: 0, host: '127.0.0.1' });

    const bar = values.json ? null : progressBar('bench', 'dossiers');
    const started = Date.now();
    let next = 0;
    let failed = 0;
    const submitOne = async (i: number) => {
      const m = i % mothers.length;
      const declaration = {
        declarant: { pin: mothers[m]!.pin, relationship: 'mother' },
        child: { fullName: `Nguyễn Bench ${letters(i)}`, sex: i % 2 ? 'male' : 'female', dateOfBirth: addDays(today, -(i % 30)), placeOfBirth: 'Bệnh viện' },
        mother: { pin: mothers[m]!.pin },
        residence: { householdOf: 'mother' },
        healthInsurance: { initialFacilityCode: '01001' },
      };
      const res = await fetch(`${address}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[m]}` },
        body: JSON.stringify({ group: 'birth', declaration }),
      });
      if (res.status !== 202) failed++;
      await res.arrayBuffer();
    };
    const workers = Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) await submitOne(next++);
    });
    const progress = setInterval(async () => {
      const [r] = await platform.db.query<{ done: number }>(`SELECT count(*)::int AS done FROM hub.dossiers WHERE finished_at IS NOT NULL`);
      bar?.update(Number(r?.done ?? 0), n, `${next} submitted`);
    }, 500);
    await Promise.all(workers);
    for (;;) {
      const [r] = await platform.db.query<{ open: number }>(`SELECT count(*)::int AS open FROM hub.dossiers WHERE finished_at IS NULL`);
      if (Number(r?.open) === 0) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    clearInterval(progress);
    bar?.update(n, n, 'done');
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    const rows = await platform.db.query<{ ms: number; status: string }>(
      `SELECT (extract(epoch FROM finished_at - submitted_at) * 1000)::float8 AS ms, status FROM hub.dossiers`,
    );
    const latencies = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const completed = rows.filter((r) => r.status === 'completed').length;
    const figures = {
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
      engine: platform.db.engine,
      concurrency,
    };
    if (!values.json) {
      console.log(`dossiers        ${figures.dossiers} (${completed} completed, ${figures.rejectedOrOther} not, ${failed} HTTP failures)`);
      console.log(`time            ${figures.seconds} s`);
      console.log(`throughput      ${figures.throughputPerSec} dossiers/s completed end to end`);
      console.log(`latency         p50 ${figures.p50Ms} ms · p95 ${figures.p95Ms} ms · p99 ${figures.p99Ms} ms (submission → all procedures complete)`);
      console.log(`peak RSS        ${figures.rssMb} MiB (platform and load generator in one process)`);
    }
    console.log(JSON.stringify(figures));
    return failed || completed < n ? 1 : 0;
  } finally {
    clearInterval(sampler);
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
