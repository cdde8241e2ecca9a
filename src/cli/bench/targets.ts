import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { populationImport } from '../../agencies/population/import.ts';
import { siRecordsImport } from '../../agencies/social-security/import.ts';
import { buildPlatform } from '../../app/build-platform.ts';
import type { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import { TokenService } from '../../platform/auth/tokens.ts';
import { NatsTransport } from '../../platform/bus/nats-transport.ts';
import { systemClock } from '../../platform/clock.ts';
import { countingDb, type DbStats } from '../../platform/db/counting-db.ts';
import type { Db } from '../../platform/db/db.ts';
import { openDb } from '../../platform/db/open-db.ts';
import { openPostgres } from '../../platform/db/pg-db.ts';
import { makeLogger } from '../../platform/log/logger.ts';
import { freeBasePort, launchDistributed } from '../distributed/launcher.ts';
import { loadRegisters } from '../distributed/registers.ts';

export interface Population {
  readonly households: HouseholdRecord[];
  readonly citizens: CitizenRecord[];
  readonly siRecords: SiRecord[];
}

/** A platform to load: its HTTP base URL, tokens, the hub's database to read timings from, and how to tear it down. */
export interface BenchTarget {
  readonly mode: 'embedded' | 'distributed';
  readonly baseUrl: string;
  readonly hubDb: Db;
  readonly engine: string;
  /** What `databaseBytes` measures, for the report. */
  readonly databaseMeasure: string;
  /** The size of the platform's data now, in bytes. */
  databaseBytes(): Promise<number>;
  issueCitizenToken(pin: string): Promise<string>;
  /** Outbox and inbox rows kept now, every part together (embedded: one database holds them all). */
  messageRows?(): Promise<{ outbox: number; inbox: number }>;
  /** With `sqlStats`: what the platform's statements and transactions were since the last reset (embedded only). */
  readonly sqlStats?: { read(): DbStats; reset(): void };
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Count the platform's statements and transactions (the bench's own reads are not counted). */
  readonly sqlStats?: boolean;
  /** Seconds finished messages are kept before pruning (platform/messaging/prune.ts); 0: for ever. */
  readonly retentionSeconds?: number;
}

/** The retention the bench runs with: short, so that a run of minutes prunes as the platform would over weeks. */
const retentionOf = (seconds: number | undefined) =>
  seconds === undefined ? undefined : seconds === 0 ? null : { keepMs: seconds * 1000, everyMs: Math.max(1000, seconds * 100) };

/** Rows in every part's outbox and inbox now (how far pruning keeps them down). */
async function messageRows(db: Db, schemas: readonly string[]): Promise<{ outbox: number; inbox: number }> {
  const [r] = await db.query<{ outbox: number; inbox: number }>(
    `SELECT ${schemas.map((s) => `(SELECT count(*) FROM ${s}.outbox)`).join(' + ')} AS outbox,
            ${schemas.map((s) => `(SELECT count(*) FROM ${s}.inbox)`).join(' + ')} AS inbox`,
  );
  return { outbox: Number(r?.outbox ?? 0), inbox: Number(r?.inbox ?? 0) };
}

/** The whole platform in this process, on PGlite files in a temporary folder (or DATABASE_URL). */
export async function embeddedTarget(pop: Population, opts: EmbeddedOptions = {}): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-'));
  const raw = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: join(dir, 'pglite') });
  const counted = opts.sqlStats ? countingDb(raw) : undefined;
  const retention = retentionOf(opts.retentionSeconds);
  const platform = await buildPlatform({
    db: counted ?? raw,
    clock: systemClock,
    tokenSecret: 'bench-secret-0123456789-0123456789-abcdef',
    log: makeLogger({ level: 'warn' }),
    ...(retention !== undefined ? { messageRetention: retention } : {}),
  });
  await platform.db.transaction((tx) => populationImport(systemClock.now()).apply(tx, [...pop.households, ...pop.citizens]).then(() => undefined));
  await platform.db.transaction((tx) => siRecordsImport().apply(tx, pop.siRecords).then(() => undefined));
  const baseUrl = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const onServer = !!process.env.DATABASE_URL;
  return {
    mode: 'embedded',
    baseUrl,
    hubDb: raw,
    engine: platform.db.engine,
    databaseMeasure: onServer ? 'pg_database_size of DATABASE_URL' : 'PGlite data directory on disk',
    databaseBytes: async () => (onServer ? databaseSize(raw) : dirSize(dir)),
    issueCitizenToken: (pin) => platform.tokens.issue({ kind: 'citizen', pin }),
    ...(counted ? { sqlStats: { read: () => counted.stats, reset: () => counted.reset() } } : {}),
    messageRows: () => messageRows(raw, platform.parts.map((p) => p.schema)),
    async close() {
      await platform.close();
      await raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The platform as separate processes on this machine's PostgreSQL server (POSTGRES_URL) and NATS (NATS_URL),
 * in databases and streams of their own that are removed afterwards.
 */
export async function distributedTarget(pop: Population, opts: { retentionSeconds?: number } = {}): Promise<BenchTarget> {
  const serverUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const prefix = `lt_bench_${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-dist-'));
  const d = await launchDistributed({ serverUrl, natsUrl, natsPrefix: prefix, dbPrefix: prefix, basePort: await freeBasePort(), dir, env: { LOG_LEVEL: 'warn', ...(opts.retentionSeconds !== undefined ? { LIENTHONG_MESSAGE_RETENTION_SECONDS: String(opts.retentionSeconds) } : {}) }, output: () => undefined });
  await loadRegisters(d.databaseUrls, pop, systemClock.now());
  const hubDb = openPostgres(d.databaseUrls.hub);
  const tokens = new TokenService(d.tokenSecret);
  return {
    mode: 'distributed',
    baseUrl: d.portalUrl,
    hubDb,
    engine: 'postgres+nats',
    databaseMeasure: "pg_database_size of every part's database",
    async databaseBytes() {
      const [r] = await hubDb.query<{ bytes: string }>(
        `SELECT sum(pg_database_size(datname))::text AS bytes FROM pg_database WHERE datname = ANY($1::text[])`,
        [Object.values(d.databaseUrls).map((u) => decodeURIComponent(new URL(u).pathname.slice(1)))],
      );
      return Number(r?.bytes ?? 0);
    },
    issueCitizenToken: (pin) => tokens.issue({ kind: 'citizen', pin }),
    async close() {
      await hubDb.close();
      await d.stop();
      await d.dropDatabases();
      const t = await NatsTransport.connect({ url: natsUrl, prefix, log: makeLogger({ level: 'silent' }) });
      await t.destroy();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bytes in a directory tree (the PGlite files: tables, indexes, WAL). */
export function dirSize(path: string): number {
  let total = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    if (e.isDirectory()) total += dirSize(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

async function databaseSize(db: Db): Promise<number> {
  const [r] = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
  return Number(r?.bytes ?? 0);
}
