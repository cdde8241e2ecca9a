import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vnDateOf } from '../../kernel/dates.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import { generatePopulation } from '../seed/synthetic-population.ts';
import { runImport } from './import.ts';

/**
 * `lienthong seed`: generates a deterministic population and imports it through the same path as
 * `lienthong import`, so seeding exercises the import formats too. Prints people to try flows with.
 */
export async function runSeed(db: Db, citizens: number, seed: number, clock: Clock, dataDir: string): Promise<number> {
  const pop = generatePopulation({ citizens, seed, today: vnDateOf(clock.now()) });
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-seed-'));
  try {
    const popFile = join(dir, 'population.jsonl');
    const siFile = join(dir, 'si-records.jsonl');
    writeFileSync(popFile, [...pop.households, ...pop.citizens].map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(siFile, pop.siRecords.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const a = await runImport(db, 'population', popFile, clock);
    const b = await runImport(db, 'si-records', siFile, clock);
    if (a.bad.length || b.bad.length) return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'examples.json'), JSON.stringify(pop.examples, null, 2));
  console.log(`\nPeople to try (also in ${join(dataDir, 'examples.json')}; the same --citizens, --seed and day give the same people):`);
  for (const [key, e] of Object.entries(pop.examples)) console.log(`  ${key.padEnd(22)} ${e.pin}  ${e.householdId ?? '(no household)'}  ${e.note}`);
  return 0;
}
