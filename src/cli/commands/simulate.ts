import { parseArgs } from 'node:util';
import { progressBar } from '../progress.ts';
import { runSimulation, type SimulationReport } from '../simulate/run.ts';

const USAGE =
  'lienthong simulate [--year 2025] [--scale 0.01] [--rate 20] [--review-share 0.02] [--officer-hour 14] [--officer-capacity 0] [--seed 1] [--max-in-flight 200] [--max-speed 40000] [--stall 120] [--json]';

/**
 * `lienthong simulate`: a national year of births and deaths (× scale) replayed on a fast clock against the embedded
 * platform (simulate/run.ts); prints SLA compliance per procedure and province, the peak backlog and the throughput.
 * Exit 1 when a dossier did not settle or a submission failed.
 */
export async function runSimulate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string', default: '2025' },
      scale: { type: 'string', default: '0.01' },
      rate: { type: 'string', default: '20' },
      'review-share': { type: 'string', default: '0.02' },
      'officer-hour': { type: 'string', default: '14' },
      'officer-capacity': { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      stall: { type: 'string', default: '120' },
      'max-in-flight': { type: 'string', default: '200' },
      'max-speed': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const n = (k: keyof typeof values) => Number(values[k]);
  const [year, scale, rate, share, hour, capacity, seed, stall, maxInFlight] = [n('year'), n('scale'), n('rate'), n('review-share'), n('officer-hour'), n('officer-capacity'), n('seed'), n('stall'), n('max-in-flight')];
  if (!Number.isInteger(year)) throw new Error(`--year: a year (${USAGE})`);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale: more than 0, at most 1 (${USAGE})`);
  if (!(rate > 0)) throw new Error(`--rate: arrivals per real second, > 0 (${USAGE})`);
  if (!(share >= 0 && share <= 1)) throw new Error(`--review-share: 0–1 (${USAGE})`);
  if (!(Number.isInteger(hour) && hour >= 0 && hour <= 23)) throw new Error(`--officer-hour: 0–23 (${USAGE})`);
  if (!(Number.isInteger(capacity) && capacity >= 0)) throw new Error(`--officer-capacity: reviews per working day, 0 for all (${USAGE})`);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed: an integer (${USAGE})`);
  if (!(stall > 0)) throw new Error(`--stall: seconds, > 0 (${USAGE})`);
  if (!(Number.isInteger(maxInFlight) && maxInFlight > 0)) throw new Error(`--max-in-flight: dossiers, > 0 (${USAGE})`);
  const maxSpeed = values['max-speed'] === undefined ? undefined : Number(values['max-speed']);
  if (maxSpeed !== undefined && !(maxSpeed > 0)) throw new Error(`--max-speed: simulated seconds per real second, > 0 (${USAGE})`);

  const bar = progressBar('simulate', 'dossiers settled');
  const report = await runSimulation({
    year,
    scale,
    seed,
    reviewShare: share,
    rate,
    officerHour: hour,
    officerCapacity: capacity,
    stallSeconds: stall,
    maxInFlight,
    ...(maxSpeed !== undefined ? { maxSpeed } : {}),
    onProgress: (p) => bar.update(p.settled, p.total, `${p.simDate} · ${p.accepted} accepted · backlog ${p.backlog}`),
  });
  bar.stop();
  if (!values.json) printSimulation(report);
  console.log(JSON.stringify(report));
  const unfinished = report.outcomes.birth.unfinished + report.outcomes.death.unfinished;
  return unfinished === 0 && report.httpFailures === 0 ? 0 : 1;
}

const pct = (r: number | null) => (r === null ? '   —  ' : `${(100 * r).toFixed(1).padStart(5)}%`);

export function printSimulation(r: SimulationReport): void {
  const o = r.outcomes;
  console.log(`year            ${r.year} × ${r.scale}: ${r.dossiers.birth} births, ${r.dossiers.death} deaths (seed ${r.seed})`);
  console.log(`outcomes        birth ${o.birth.completed} completed, ${o.birth.partiallyCompleted} partially, ${o.birth.rejected} rejected, ${o.birth.unfinished} unfinished; death ${o.death.completed} completed, ${o.death.partiallyCompleted} partially, ${o.death.rejected} rejected, ${o.death.unfinished} unfinished; ${r.httpFailures} HTTP failures`);
  console.log(`officer         ${r.reviews.sentToOfficer} births sent to review (share ${r.reviews.share}), ${r.reviews.decided} decided at ${r.reviews.officerHour}:00 on working days${r.reviews.officerCapacityPerDay ? `, at most ${r.reviews.officerCapacityPerDay} a day` : ''}`);
  console.log(`time            ${r.realSeconds} s real for ${r.simulatedDays} simulated days (clock × ${r.speed} while running; held ${r.heldSeconds} s while more than ${r.maxInFlight} dossiers were in processing)`);
  console.log(`throughput      ${r.throughputPerSec} dossiers/s settled (arrivals asked at ${r.arrivalsPerSec}/s)`);
  console.log(`peak backlog    ${r.peakBacklog.dossiers} dossiers accepted and not settled${r.peakBacklog.simDate ? ` (${r.peakBacklog.simDate})` : ''}`);
  console.log(`citizen's wait  p50 ${r.waitMinutesAutomatic.p50} · p95 ${r.waitMinutesAutomatic.p95} · p99 ${r.waitMinutesAutomatic.p99} simulated minutes, arrival → settled, dossiers without review`);
  console.log(`peak RSS        ${r.rssMb} MiB`);
  console.log('SLA by procedure (ended in the run: on time / measured; open and overdue at the end)');
  for (const p of r.sla.byProcedure)
    console.log(`  ${`${p.group}/${p.procedure}`.padEnd(44)} ${String(p.ended).padStart(7)} ended ${pct(p.onTimeRate)} on time (${p.late} late, ${p.notMeasured} not measured) · ${p.open} open, ${p.overdue} overdue`);
  const provinces = [...r.sla.byProvince].filter((p) => p.onTime + p.late > 0).sort((a, b) => (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1));
  console.log(`SLA by province (${provinces.length} with measured procedures; the 10 lowest first; every province in the JSON line)`);
  for (const p of provinces.slice(0, 10)) console.log(`  ${(p.provinceCode ?? '—').padEnd(4)} ${String(p.ended).padStart(7)} ended ${pct(p.onTimeRate)} on time (${p.late} late)`);
  console.log(`SLA overall     ${r.sla.totals.ended} procedures ended, ${pct(r.sla.totals.onTimeRate)} on time, ${r.sla.totals.late} late, ${r.sla.totals.overdue} overdue at the end`);
}
