// Scratch (helper E): pg_stat_statements on PGlite under the bench's birth load, to see engine time per statement.
import { PGlite } from '@electric-sql/pglite';
import { pg_stat_statements } from '@electric-sql/pglite/contrib/pg_stat_statements';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { populationImport } from '../src/agencies/population/import.ts';
import { siRecordsImport } from '../src/agencies/social-security/import.ts';
import { buildPlatform } from '../src/app/build-platform.ts';
import { systemClock } from '../src/platform/clock.ts';
import { wrapPglite } from '../src/platform/db/pglite-db.ts';
import { makeLogger } from '../src/platform/log/logger.ts';
import { vnDateOf } from '../src/kernel/dates.ts';
import { generateBenchPopulation } from '../src/cli/seed/bench-population.ts';
import { benchBirthDeclaration } from '../src/cli/bench/declarations.ts';
import { countSettled } from '../src/cli/bench/outcome.ts';

const n = Number(process.argv[2] ?? 300);
const conf = process.argv[3] ? process.argv[3].split(',') : [];
const dir = mkdtempSync(join(tmpdir(), 'e-stat-'));
const pg = await PGlite.create(join(dir, 'pglite'), { extensions: { pg_stat_statements }, postgresqlconf: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track_utility=on', ...conf] } as never);
await pg.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
const db = wrapPglite(pg);
const platform = await buildPlatform({ db, clock: systemClock, tokenSecret: 'bench-secret-0123456789-0123456789-abcdef', log: makeLogger({ level: 'warn' }) });
const today = vnDateOf(systemClock.now());
const pop = generateBenchPopulation({ background: 2000, births: n, deaths: 0, voluntary: 0, seed: 42, today });
await platform.db.transaction((tx) => populationImport(systemClock.now()).apply(tx, [...pop.households, ...pop.citizens]).then(() => undefined));
await platform.db.transaction((tx) => siRecordsImport().apply(tx, pop.siRecords).then(() => undefined));
const base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
await pg.query('SELECT pg_stat_statements_reset()');
const cpu0 = process.cpuUsage(); const t0 = Date.now();
let next = 0;
await Promise.all(Array.from({ length: 64 }, async () => {
  while (next < n) {
    const i = next++;
    const c = pop.births[i]!;
    const token = await platform.tokens.issue({ kind: 'citizen', pin: c.motherPin });
    const r = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ group: 'birth', declaration: benchBirthDeclaration(c, i, today) }) });
    await r.text();
  }
}));
while ((await countSettled(platform.db)) < n) await new Promise((r) => setTimeout(r, 100));
const cpu = process.cpuUsage(cpu0);
console.log(`${n} dossiers in ${(Date.now() - t0) / 1000}s, cpu ${((cpu.user + cpu.system) / 1000 / n).toFixed(1)} ms/dossier`);
const rows = await pg.query<{ query: string; calls: number; total: number; plan: number; rows: number; wal: number; fpi: number }>(`SELECT query, calls::int, total_exec_time AS total, total_plan_time AS plan, rows::int, wal_bytes::float8 AS wal, wal_fpi::int AS fpi FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40`);
let sum = 0; for (const r of (await pg.query<{ t: number; c: number }>('SELECT sum(total_exec_time + total_plan_time)::float8 AS t, sum(calls)::float8 AS c FROM pg_stat_statements')).rows) console.log('engine ms/dossier', (r.t / n).toFixed(2), 'statements/dossier', (r.c / n).toFixed(1));
for (const r of rows.rows) console.log(`${(r.total / n).toFixed(3).padStart(7)} ms/d ${(r.calls / n).toFixed(2).padStart(6)}/d ${(1000 * r.total / r.calls).toFixed(0).padStart(6)}µs wal ${(r.wal / n / 1024).toFixed(1)}KiB/d fpi ${(r.fpi / n).toFixed(2)} ${r.query.replace(/\s+/g, ' ').slice(0, 110)}`);
await platform.close(); await db.close();
