// Scratch (helper E): where the PGlite data directory's bytes go after a birth load.
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
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
const dir = mkdtempSync(join(tmpdir(), 'e-disk-'));
const pg = await PGlite.create(join(dir, 'pglite'), conf.length ? ({ postgresqlconf: conf } as never) : undefined);
const db = wrapPglite(pg);
const size = (p: string): number => { let t = 0; for (const e of readdirSync(p, { withFileTypes: true })) { const q = join(p, e.name); t += e.isDirectory() ? size(q) : statSync(q).size; } return t; };
const report = (what: string) => { const b = join(dir, 'pglite'); console.log(what, 'total', (size(b) / 1048576).toFixed(1), 'MiB; base', (size(join(b, 'base')) / 1048576).toFixed(1), 'pg_wal', (size(join(b, 'pg_wal')) / 1048576).toFixed(1), 'mem', JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])))); };
const platform = await buildPlatform({ db, clock: systemClock, tokenSecret: 'bench-secret-0123456789-0123456789-abcdef', log: makeLogger({ level: 'warn' }), messageRetention: null });
const today = vnDateOf(systemClock.now());
const pop = generateBenchPopulation({ background: 2000, births: n, deaths: 0, voluntary: 0, seed: 42, today });
await platform.db.transaction((tx) => populationImport(systemClock.now()).apply(tx, [...pop.households, ...pop.citizens]).then(() => undefined));
await platform.db.transaction((tx) => siRecordsImport().apply(tx, pop.siRecords).then(() => undefined));
report('after import');
const base = await platform.app.listen({ port: 0, host: '127.0.0.1' });
let next = 0;
await Promise.all(Array.from({ length: 32 }, async () => {
  while (next < n) {
    const i = next++;
    const c = pop.births[i]!;
    const token = await platform.tokens.issue({ kind: 'citizen', pin: c.motherPin });
    const r = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ group: 'birth', declaration: benchBirthDeclaration(c, i, today) }) });
    await r.text();
  }
}));
while ((await countSettled(platform.db)) < n) await new Promise((r) => setTimeout(r, 100));
report(`after ${n} dossiers`);
const rel = await pg.query<{ rel: string; bytes: number }>(`SELECT n.nspname || '.' || c.relname AS rel, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog','information_schema') ORDER BY 2 DESC LIMIT 15`);
for (const r of rel.rows) console.log((r.bytes / 1024).toFixed(0).padStart(8), 'KiB', r.rel);
await pg.exec('CHECKPOINT');
report('after CHECKPOINT');
await platform.close(); await db.close();
report('after close');
