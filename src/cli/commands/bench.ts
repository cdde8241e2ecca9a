import { parseArgs } from 'node:util';
import { vnDateOf } from '../../kernel/dates.ts';
import { systemClock } from '../../platform/clock.ts';
import { benchBirthDeclaration, benchDeathDeclaration, benchVoluntarySiDeclaration } from '../bench/declarations.ts';
import { countsOf, groupsOf, parseGroup, parseMix, schedule, type BenchGroup, type Mix } from '../bench/mix.ts';
import { countSettled, outcomes, refusalReasons, tally } from '../bench/outcome.ts';
import { printReport, type AcceptLatency, type Figures, type GroupFigures } from '../bench/report.ts';
import { formatProfileSummary, saveProfile, startProfile, summariseProfile } from '../bench/profile.ts';
import { formatSqlStats, sqlFigures } from '../bench/sql-stats.ts';
import { latency } from '../bench/stats.ts';
import { runLoad, type ReadFigures } from '../bench/load-generator.ts';
import { readFileSync } from 'node:fs';
import { distributedTarget, embeddedTarget, type BenchTarget } from '../bench/targets.ts';
import { progressBar } from '../progress.ts';
import { generateBenchPopulation, type BenchPopulation } from '../seed/bench-population.ts';

const USAGE =
  '--dossiers N | --rate R --duration S; --group birth|death|voluntary-si | --mix birth=0.66,death=0.33,voluntary-si=0.01; ' +
  '--mode embedded|distributed; --concurrency C (closed loop); --stall S (give up after S seconds without progress); --json; ' +
  '--profile FILE (CPU profile of the load); --sql-stats (statements and transactions per dossier, embedded); ' +
  '--retention S (seconds finished messages are kept before pruning, default 60; 0: never pruned); ' +
  '--reads R (GET /api/v1/dossiers/{id} per second while submitting)';

interface Planned {
  group: BenchGroup;
  declarant: string;
  declaration: object;
}

/** One declaration per dossier, each from its own prepared case of the bench population (never a person twice). */
function plan(order: readonly BenchGroup[], pop: BenchPopulation, today: ReturnType<typeof vnDateOf>): Planned[] {
  const next = { birth: 0, death: 0, 'voluntary-si': 0 };
  return order.map((group, i) => {
    const k = next[group]++;
    if (group === 'birth') return { group, declarant: pop.births[k]!.motherPin, declaration: benchBirthDeclaration(pop.births[k]!, i, today) };
    if (group === 'death') return { group, declarant: pop.deaths[k]!.declarantPin, declaration: benchDeathDeclaration(pop.deaths[k]!, i, today) };
    return { group, declarant: pop.voluntary[k]!.pin, declaration: benchVoluntarySiDeclaration(pop.voluntary[k]!, i, today) };
  });
}

/**
 * `npm run bench`: N dossiers of one group (`--group`, default birth) or of a mix (`--mix`) through the HTTP API,
 * and how long each took from its arrival until all its procedures were settled. Closed loop by default (C clients,
 * each submitting when the last answered: throughput); with `--rate R` open loop — arrivals at R per second whatever
 * the platform does — so that latency is measured honestly under a given load. Embedded mode (PGlite files, or
 * DATABASE_URL) or distributed mode (processes on POSTGRES_URL and NATS_URL). Every dossier is valid and distinct:
 * the run fails (exit 1) unless every one completed.
 */
export interface BenchOptions {
  readonly n: number;
  readonly rate: number | undefined;
  readonly concurrency: number;
  readonly stallMs: number;
  readonly mode: 'embedded' | 'distributed';
  readonly mix: Mix;
  readonly mixGiven: boolean;
  readonly json: boolean;
  readonly profile: string | undefined;
  readonly sqlStats: boolean;
  readonly retentionSeconds: number;
  /** GET /api/v1/dossiers/{id} per second while the dossiers are submitted (0: none). */
  readonly reads: number;
}

/** The command line, checked: every refusal names the option and what it wants. */
export function benchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      dossiers: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '64' },
      mode: { type: 'string', default: 'embedded' },
      group: { type: 'string' },
      mix: { type: 'string' },
      stall: { type: 'string', default: '120' },
      json: { type: 'boolean', default: false },
      profile: { type: 'string' },
      retention: { type: 'string', default: '60' },
      'sql-stats': { type: 'boolean', default: false },
      reads: { type: 'string', default: '0' },
    },
  });
  const reads = Number(values.reads);
  if (!(reads >= 0)) throw new Error(`--reads: GET requests per second, ≥ 0 (${USAGE})`);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  const n = rate !== undefined ? Math.round(rate * Number(values.duration)) : Number(values.dossiers ?? 1000);
  const concurrency = Number(values.concurrency);
  const stallMs = Number(values.stall) * 1000;
  const retentionSeconds = Number(values.retention);
  if (rate !== undefined && !(rate > 0)) throw new Error(`--rate: arrivals per second, > 0 (${USAGE})`);
  if (rate !== undefined && values.dossiers !== undefined) throw new Error(`--dossiers or --rate with --duration, not both (${USAGE})`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`a positive number of dossiers: ${USAGE}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency: a positive integer (${USAGE})`);
  if (!(stallMs > 0)) throw new Error(`--stall: seconds, > 0 (${USAGE})`);
  if (values.mode !== 'embedded' && values.mode !== 'distributed') throw new Error(`--mode: embedded or distributed (${USAGE})`);
  if (values.group !== undefined && values.mix !== undefined) throw new Error(`--group or --mix, not both (${USAGE})`);
  if (values['sql-stats'] && values.mode !== 'embedded') throw new Error(`--sql-stats: embedded mode only (${USAGE})`);
  if (!(retentionSeconds >= 0)) throw new Error(`--retention: seconds, ≥ 0 (${USAGE})`);
  const mix: Mix = values.mix !== undefined ? parseMix(values.mix) : { [parseGroup(values.group ?? 'birth')]: 1 };
  return {
    n,
    rate,
    concurrency,
    stallMs,
    mode: values.mode,
    mix,
    mixGiven: values.mix !== undefined,
    json: values.json,
    profile: values.profile,
    sqlStats: values['sql-stats'],
    retentionSeconds,
    reads,
  };
}

export async function runBench(args: string[]): Promise<number> {
  const { n, rate, concurrency, stallMs, mode, mix, mixGiven, retentionSeconds, reads, ...opt } = benchOptions(args);
  const values = { json: opt.json, profile: opt.profile, 'sql-stats': opt.sqlStats, mode };
  const groups = groupsOf(mix);
  const order = schedule(mix, n);
  const counts = countsOf(order);

  let peakRss = process.memoryUsage().rss;
  let loadPeakRss = 0; // from the first dossier on: without the start-up (PGlite's initdb) and the population import
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (loadPeakRss) loadPeakRss = Math.max(loadPeakRss, rss);
  }, 100);
  const today = vnDateOf(systemClock.now());
  const pop = generateBenchPopulation({ background: Math.max(2000, Math.ceil(n / 2)), births: counts.birth, deaths: counts.death, voluntary: counts['voluntary-si'], seed: 42, today });
  process.stderr.write(`bench: ${pop.citizens.length} citizens, ${pop.siRecords.length} SI records; starting the ${values.mode} platform…\n`);
  const target: BenchTarget =
    values.mode === 'distributed'
      ? await distributedTarget(pop, { retentionSeconds })
      : await embeddedTarget(pop, { sqlStats: values['sql-stats'], retentionSeconds });
  try {
    const planned = plan(order, pop, today);
    const tokens = new Map<string, string>();
    for (const p of planned) if (!tokens.has(p.declarant)) tokens.set(p.declarant, await target.issueCitizenToken(p.declarant));

    // Progress on stderr only: stdout carries the report (and with --json, only the JSON line).
    const dbBytesBefore = await target.databaseBytes();
    const bar = progressBar('bench', 'dossiers settled');
    const arrivals = new Map<string, number>();
    const answered: number[] = []; // ms from arrival to the 202: the part of the latency spent in the HTTP call
    const httpFailures = { birth: 0, death: 0, 'voluntary-si': 0 };
    const failureKinds = new Map<string, number>();
    let submitted = 0;
    const requests = planned.map((p) => ({ token: tokens.get(p.declarant)!, body: JSON.stringify({ group: p.group, declaration: p.declaration }) }));

    target.sqlStats?.reset();
    const stopProfile = values.profile ? await startProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    loadPeakRss = process.memoryUsage().rss;
    const mainBefore = mainThreadCpuMs();
    const started = Date.now();
    let settled = 0;
    const progress = setInterval(async () => {
      settled = await countSettled(target.hubDb).catch(() => settled);
      bar.update(settled, n, `${submitted}/${n} submitted`);
    }, 500);
    // The clients run in a worker thread (load-generator.ts); each answer comes back here as it arrives.
    let readFigures: ReadFigures | null = null;
    await runLoad({
      url: target.baseUrl,
      requests,
      rate,
      concurrency,
      reads: reads || undefined,
      onReads: (r) => (readFigures = r),
      onResult(r) {
        submitted++;
        const p = planned[r.i]!;
        if (r.status === 202) {
          answered.push(r.answeredMs);
          arrivals.set(r.idOrText, r.arrival);
          return;
        }
        httpFailures[p.group]++;
        const kind = r.status ? `${p.group} HTTP ${r.status} ${describe(r.idOrText)}` : `${p.group} ${r.idOrText}`;
        failureKinds.set(kind, (failureKinds.get(kind) ?? 0) + 1);
      },
    });
    // Wait until every accepted dossier is settled; give up when none settles for --stall seconds (reported below).
    let lastChange = Date.now();
    let last = -1;
    for (;;) {
      const now = await countSettled(target.hubDb);
      if (now >= arrivals.size) break;
      if (now !== last) [last, lastChange] = [now, Date.now()];
      if (Date.now() - lastChange > stallMs) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const mainCpu = mainBefore === null ? null : mainThreadCpuMs()! - mainBefore;
    const profile = await stopProfile?.();
    clearInterval(progress);
    bar.update(await countSettled(target.hubDb), n, `${submitted}/${n} submitted`);
    bar.stop();

    const all = await outcomes(target.hubDb);
    const kept = await target.messageRows?.();
    const dbBytes = await target.databaseBytes();
    // From arrival (the client's clock, the same machine's) to the last procedure's settling.
    const latencyOf = (g?: BenchGroup) =>
      latency(all.filter((o) => o.settledAt !== null && (!g || o.group === g)).map((o) => o.settledAt! - (arrivals.get(o.id) ?? o.settledAt!)));
    const perGroup = Object.fromEntries(
      groups.map((g): [BenchGroup, GroupFigures] => {
        const t = tally(all, g);
        const done = t.completed + t.partiallyCompleted + t.rejected;
        return [g, { dossiers: counts[g], ...t, httpFailures: httpFailures[g], throughputPerSec: Number((done / seconds).toFixed(2)), ...latencyOf(g) }];
      }),
    ) as Partial<Record<BenchGroup, GroupFigures>>;
    const t = tally(all);
    const failed = httpFailures.birth + httpFailures.death + httpFailures['voluntary-si'];
    const figures: Figures = {
      mode: target.mode,
      engine: target.engine,
      loop: rate === undefined ? 'closed' : 'open',
      ratePerSec: rate ?? null,
      concurrency: rate === undefined ? concurrency : null,
      ...(mixGiven ? { mix: Object.fromEntries(groups.map((g) => [g, Number(mix[g]!.toFixed(4))])) } : { group: groups[0]! }),
      dossiers: n,
      completed: t.completed,
      rejectedOrOther: all.length - t.completed,
      httpFailures: failed,
      seconds: Number(seconds.toFixed(2)),
      throughputPerSec: Number(((t.completed + t.partiallyCompleted + t.rejected) / seconds).toFixed(1)),
      ...latencyOf(),
      rssMb: Math.round(peakRss / 1048576),
      rssLoadMb: Math.round(loadPeakRss / 1048576),
      // Where the memory is at the end (MiB): V8's heap (both threads' JavaScript), and outside it the ArrayBuffers —
      // PGlite's WebAssembly memory among them — and other native memory.
      memoryAtEnd: memoryNow(),
      accepted: Object.fromEntries(Object.entries(latency(answered)).map(([k, v]) => [k.replace('Ms', ''), v])) as AcceptLatency,
      partiallyCompleted: t.partiallyCompleted,
      rejected: t.rejected,
      unfinished: t.unfinished,
      dbBytes,
      dbBytesBefore,
      // What one dossier adds (its rows in every part, messages, history), the population imported before excluded.
      dbBytesPerDossier: Math.round(Math.max(0, dbBytes - dbBytesBefore) / Math.max(1, all.length)),
      // This process's CPU (user + system) over the load, per dossier: in embedded mode the platform's and the clients'.
      cpuMsPerDossier: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, all.length)).toFixed(2)),
      // Of which the main thread's (Linux): in embedded mode the platform's event loop, PGlite's engine included.
      mainThreadCpuMsPerDossier: mainCpu === null ? null : Number((mainCpu / Math.max(1, all.length)).toFixed(2)),
      ...(target.sqlStats ? { sql: sqlFigures(target.sqlStats.read(), all.length) } : {}),
      // Finished messages are pruned after --retention seconds: what is left at the end (embedded: every part).
      retentionSeconds,
      messageRows: kept ?? null,
      // With --reads: GET /api/v1/dossiers/{id} of accepted dossiers while the submissions ran (latency from each due time).
      reads: reads ? { perSec: reads, ...readFigures! } : null,
      groups: perGroup,
    };
    if (!values.json) printReport(figures, target.databaseMeasure);
    if (target.sqlStats) process.stderr.write(`${formatSqlStats(target.sqlStats.read(), all.length)}\n`);
    if (profile && values.profile) {
      saveProfile(values.profile, profile);
      process.stderr.write(`${formatProfileSummary(summariseProfile(profile))}\n(profile written to ${values.profile})\n`);
    }
    console.log(JSON.stringify(figures));
    const ok = failed === 0 && t.completed === n;
    if (!ok) {
      // Every bench declaration is meant to complete: say what did not, so the bug can be found.
      process.stderr.write(`bench: NOT every dossier completed (${t.completed}/${n}; ${t.partiallyCompleted} partially, ${t.rejected} rejected, ${t.unfinished} unfinished, ${failed} HTTP failures)\n`);
      for (const [kind, count] of failureKinds) process.stderr.write(`  ${count} × ${kind}\n`);
      for (const r of (await refusalReasons(target.hubDb)).slice(0, 20)) process.stderr.write(`  ${r.n} × ${r.group} refused at ${r.step}: ${r.path} ${r.code}\n`);
      const stuck = new Map<string, number>();
      for (const o of all) if (o.outcome === 'unfinished') stuck.set(`${o.group} [${o.statuses.join(', ')}]`, (stuck.get(`${o.group} [${o.statuses.join(', ')}]`) ?? 0) + 1);
      for (const [k, count] of stuck) process.stderr.write(`  ${count} × unfinished ${k}\n`);
    }
    return ok ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await target.close();
  }
}

/** The field errors of a refused submission, briefly (no personal data: paths and codes only). */
function describe(body: string): string {
  try {
    const j = JSON.parse(body) as { code?: string; fields?: { path: string; code: string }[] };
    return [j.code, ...(j.fields ?? []).map((f) => `${f.path} ${f.code}`)].filter(Boolean).join('; ');
  } catch {
    return '';
  }
}

/** CPU time of this process's main thread so far (ms), from /proc on Linux; null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    // Fields after the command name: state is 3rd, utime the 14th and stime the 15th (clock ticks, 100 per second).
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function memoryNow() {
  const m = process.memoryUsage();
  const mb = (b: number) => Math.round(b / 1048576);
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}
