/** The benchmark's figures (the JSON line's shape) and their human-readable form. */
import type { BenchGroup } from './mix.ts';
import type { Latency } from './stats.ts';

export interface AcceptLatency {
  p50: number;
  p95: number;
  p99: number;
}

export interface GroupFigures extends Latency {
  dossiers: number;
  completed: number;
  partiallyCompleted: number;
  rejected: number;
  unfinished: number;
  httpFailures: number;
  throughputPerSec: number;
}

/**
 * The keys up to `rssMb` are the original JSON line's and keep their names and meaning (`completed` counts a
 * voluntary SI registration awaiting payment as completed: see outcome.ts); the others were added with groups.
 */
export interface Figures extends Latency {
  mode: string;
  engine: string;
  loop: 'closed' | 'open';
  ratePerSec: number | null;
  concurrency: number | null;
  group?: BenchGroup;
  mix?: Partial<Record<BenchGroup, number>>;
  dossiers: number;
  completed: number;
  rejectedOrOther: number;
  httpFailures: number;
  seconds: number;
  throughputPerSec: number;
  rssMb: number;
  /** Peak RSS while the dossiers ran (the start-up and the population import excluded). */
  rssLoadMb: number;
  memoryAtEnd: { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number };
  /** Of the latency, the time until the HTTP 202 (ms; p50/p95/p99): how long submitting itself took. */
  accepted: AcceptLatency;
  partiallyCompleted: number;
  rejected: number;
  unfinished: number;
  /** The platform's data at the end, after the population was imported (before the first dossier), and the growth per dossier. */
  dbBytes: number;
  dbBytesBefore: number;
  dbBytesPerDossier: number;
  /** This process's CPU time over the load per dossier (ms; embedded: the platform and the load generator). */
  cpuMsPerDossier: number;
  /** Of which the main thread's (Linux /proc; null elsewhere): in embedded mode the platform's own event loop. */
  mainThreadCpuMsPerDossier: number | null;
  /** Seconds finished outbox/inbox rows are kept (pruned after); 0: never. */
  retentionSeconds: number;
  /** Outbox and inbox rows left at the end, every part together (embedded; null in distributed mode). */
  messageRows: { outbox: number; inbox: number } | null;
  /** With --reads: the dossier reads made while the submissions ran. */
  reads: { perSec: number; count: number; failures: number; p50Ms: number; p95Ms: number; p99Ms: number } | null;
  /** With --sql-stats (embedded): the platform's statements and transactions per dossier. */
  sql?: { transactionsPerDossier: number; standalonePerDossier: number; statementsPerDossier: number };
  groups: Partial<Record<BenchGroup, GroupFigures>>;
}

const mib = (b: number) => (b / 1048576).toFixed(1);
const lat = (x: Latency) => `p50 ${x.p50Ms} ms · p95 ${x.p95Ms} ms · p99 ${x.p99Ms} ms`;

export function printReport(f: Figures, databaseMeasure: string): void {
  const what = f.mix ? `mix ${Object.entries(f.mix).map(([g, w]) => `${g}=${w}`).join(',')}` : `group ${f.group}`;
  console.log(`mode            ${f.mode} (${f.engine}), ${f.loop} loop${f.ratePerSec ? ` at ${f.ratePerSec}/s` : ` with ${f.concurrency} clients`}, ${what}`);
  console.log(`dossiers        ${f.dossiers} (${f.completed} completed, ${f.partiallyCompleted} partially, ${f.rejected} rejected, ${f.unfinished} unfinished, ${f.httpFailures} HTTP failures)`);
  console.log(`time            ${f.seconds} s`);
  console.log(`throughput      ${f.throughputPerSec} dossiers/s settled end to end`);
  console.log(`latency         ${lat(f)} (arrival → all procedures settled)`);
  console.log(`submit          p50 ${f.accepted.p50} ms · p95 ${f.accepted.p95} ms · p99 ${f.accepted.p99} ms (arrival → 202 Accepted${f.mode === 'embedded' ? '; embedded, the 202 may come after the dossier settled: one event loop' : ''})`);
  if (f.reads) console.log(`reads           ${f.reads.count} × GET /api/v1/dossiers/{id} at ${f.reads.perSec}/s: p50 ${f.reads.p50Ms} ms · p95 ${f.reads.p95Ms} ms · p99 ${f.reads.p99Ms} ms, ${f.reads.failures} failures`);
  for (const [g, x] of Object.entries(f.groups)) {
    console.log(
      `  ${g.padEnd(14)}${String(x.dossiers).padStart(6)} dossiers: ${x.completed} completed, ${x.partiallyCompleted} partially, ${x.rejected} rejected, ${x.unfinished} unfinished, ${x.httpFailures} HTTP failures · ${x.throughputPerSec}/s · ${lat(x)}`,
    );
  }
  console.log(`peak RSS        ${f.rssMb} MiB (this process${f.mode === 'embedded' ? ': the platform and the load generator' : ': the load generator only'}); ${f.rssLoadMb} MiB during the load alone`);
  console.log(`CPU             ${f.cpuMsPerDossier} ms per dossier (this process${f.mainThreadCpuMsPerDossier === null ? '' : `; main thread ${f.mainThreadCpuMsPerDossier} ms`})`);
  const m = f.memoryAtEnd;
  console.log(`memory at end   RSS ${m.rssMb} MiB: V8 heap ${m.heapUsedMb}/${m.heapTotalMb} MiB, external ${m.externalMb} MiB (ArrayBuffers ${m.arrayBuffersMb} MiB, PGlite's WebAssembly memory among them)`);
  if (f.messageRows) console.log(`messages kept   ${f.messageRows.outbox} outbox and ${f.messageRows.inbox} inbox rows at the end (pruned after ${f.retentionSeconds || '∞'} s)`);
  console.log(`database        ${mib(f.dbBytes)} MiB at the end (${mib(f.dbBytesBefore)} MiB with the population alone), ${(f.dbBytesPerDossier / 1024).toFixed(1)} KiB per dossier (${databaseMeasure})`);
}
