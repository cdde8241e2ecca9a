import { populationImport } from '../../agencies/population/import.ts';
import { population } from '../../agencies/population/index.ts';
import { siRecordsImport } from '../../agencies/social-security/import.ts';
import { socialSecurity } from '../../agencies/social-security/index.ts';
import type { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import type { PartName } from '../../contracts/parts.ts';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPostgres } from '../../platform/db/pg-db.ts';

export interface Registers {
  readonly households: readonly HouseholdRecord[];
  readonly citizens: readonly CitizenRecord[];
  /** Omitted when social security is an external system that holds its own. */
  readonly siRecords?: readonly SiRecord[];
}

async function withDb(url: string, fn: (db: Db) => Promise<void>): Promise<void> {
  const db = openPostgres(url);
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Gives the built-in registers of a distributed platform their records, each in its own database as each
 * ministry holds its own: the population register's households and citizens, social security's SI records.
 */
export async function loadRegisters(databaseUrls: Readonly<Record<PartName, string>>, r: Registers, now: Date): Promise<void> {
  await withDb(databaseUrls.population, async (db) => {
    await migrate(db, population.migrations);
    await db.transaction((tx) => populationImport(now).apply(tx, [...r.households, ...r.citizens]));
  });
  const si = r.siRecords;
  if (si)
    await withDb(databaseUrls['social-security'], async (db) => {
      await migrate(db, socialSecurity.migrations);
      await db.transaction((tx) => siRecordsImport().apply(tx, [...si]));
    });
}
