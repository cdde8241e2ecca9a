import type { Db } from './db.ts';
import { openPglite } from './pglite-db.ts';
import { openPostgres } from './pg-db.ts';

/** DATABASE_URL switches from PGlite files under dataDir to a PostgreSQL server. */
export async function openDb(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  onIdleError?: (e: Error) => void;
}): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, 10, opts.onIdleError);
  return openPglite(opts.dataDir);
}
