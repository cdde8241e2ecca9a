import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { configFromEnv } from '../app/config.ts';
import { buildPlatform } from '../app/build-platform.ts';
import { ALL_MIGRATIONS } from '../app/parts.ts';
import { population } from '../agencies/population/index.ts';
import { socialSecurity } from '../agencies/social-security/index.ts';
import type { SchemaMigrations } from '../platform/db/migrate.ts';
import { migrateSchemas } from '../app/migrate-schemas.ts';
import { AuditTrail } from '../platform/audit/audit-trail.ts';
import { auditMigrations } from '../platform/audit/migrations.ts';
import { auditProtection } from '../platform/audit/schema.ts';
import { TokenService } from '../platform/auth/tokens.ts';
import { openDb } from '../platform/db/open-db.ts';
import { makeLogger } from '../platform/log/logger.ts';
import { lockDataDir } from './data-lock.ts';
import { IMPORT_KINDS, runImport, type ImportKind } from './commands/import.ts';
import { runSeed } from './commands/seed.ts';
import { principalFromArgs } from './commands/token.ts';
import { conformanceCommand } from './commands/conformance.ts';
import { citizensEnrol, officersCreate } from './commands/accounts.ts';
import { identity } from '../identity/index.ts';
import { keysGenerate, messagesCommand, parseRole, runBridge, runPartProcess } from './commands/distributed.ts';
import type { ProcessRole } from '../app/build-part-process.ts';

const USAGE = `lienthong — interlinked, once-only public services

  lienthong start                         run the whole platform in one process (PORT, DATA_DIR, DATABASE_URL, LIENTHONG_CLOCK)
  lienthong migrate                       create or update every part's schema
  lienthong seed --citizens N --seed S    a deterministic synthetic population with SI records
  lienthong import population FILE.jsonl  households and citizens (docs/import-formats.md)
  lienthong import si-records FILE.jsonl  social-insurance records
  lienthong import poor-households FILE.jsonl  certified poor / near-poor household lists
  lienthong import bank-statement FILE.csv  credits to VSS's collection account, reconciled against voluntary-SI dues
  lienthong token --citizen PIN           print a bearer token for a citizen
  lienthong officers create --username U [--agency A --role R --province PP|national]   an officer account (one-time password, TOTP)
  lienthong citizens enrol --pin PIN [--password P]   a citizen's account at the built-in identity provider
  lienthong token --officer USER [--agency A --role R --province PP]
  lienthong bench --dossiers N [--group G | --mix G=W,…] [--json]   submit N dossiers through the HTTP API and measure
  lienthong simulate [--year 2025] [--scale 0.01] [--rate R] [--review-share S]   replay a national year on a fast clock

distributed mode (one process per part; DATABASE_URL, NATS_URL, LIENTHONG_SIGNING_KEY[_ID], LIENTHONG_REGISTRY, LIENTHONG_TOKEN_SECRET):
  lienthong hub                           the hub's engine
  lienthong agency population|civil-registry|social-security
  lienthong portal                        the citizen and back-office HTTP API, on the hub's database
  lienthong bridge AGENCY                 stand in on the bus for an external agency system (LIENTHONG_AGENCY_ENDPOINT)
  lienthong agency NAME with LIENTHONG_AGENCY_CALLBACK_URL   run a built-in agency behind the HTTP contract
  lienthong conformance --agency URL --part P   check an agency system against the HTTP contract
  lienthong audit verify | anchor         check the audit trail's chain and anchors | sign its head now
  lienthong contract                      print the agency system contract (OpenAPI 3.1)
  lienthong policies                      print who may call each route (docs/authorisation.md)
  lienthong keys generate --part P        a new Ed25519 signing key pair for a part
  lienthong messages dead-letters         list the bus's dead letters (NATS_URL, NATS_PREFIX)
  lienthong messages replay MESSAGE_ID    send a dead letter to its recipient again
`;

async function withDb<T>(
  what: string,
  fn: (db: Awaited<ReturnType<typeof openDb>>, cfg: ReturnType<typeof configFromEnv>) => Promise<T>,
  schemas: readonly SchemaMigrations[] = ALL_MIGRATIONS,
): Promise<T> {
  const cfg = configFromEnv();
  const unlock = cfg.databaseUrl ? () => undefined : lockDataDir(cfg.dataDir, what);
  const db = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: join(cfg.dataDir, 'pglite') });
  try {
    // The audit schema through its owner's login when there is one (LIENTHONG_MIGRATION_DATABASE_URL: app/migrate-schemas.ts).
    await migrateSchemas(db, schemas, { migrationDatabaseUrl: cfg.migrationDatabaseUrl });
    return await fn(db, cfg);
  } finally {
    await db.close();
    unlock();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const cfg = configFromEnv();
      const unlock = cfg.databaseUrl ? () => undefined : lockDataDir(cfg.dataDir, 'lienthong start');
      const log = makeLogger({ level: cfg.logLevel });
      const platform = await buildPlatform({
        dataDir: cfg.dataDir,
        databaseUrl: cfg.databaseUrl,
        migrationDatabaseUrl: cfg.migrationDatabaseUrl,
        clock: cfg.clock,
        tokenSecret: cfg.tokenSecret,
        audit: cfg.audit,
        identityKey: cfg.identityKey,
        dataKey: cfg.dataKey,
        oidc: cfg.oidc,
        log,
      });
      await platform.app.listen({ port: cfg.port, host: cfg.host });
      log.info({ url: `http://localhost:${cfg.port}`, database: platform.db.engine, now: cfg.clock.now().toISOString() }, 'lienthong is ready');
      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        await platform.close();
        unlock();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      return new Promise<number>(() => undefined);
    }
    case 'migrate':
      await withDb('lienthong migrate', async (db) => {
        console.log(`migrated (${db.engine})`);
        const p = await auditProtection(db);
        if (p.engine === 'postgres')
          console.log(p.enforcedByGrants ? `audit trail: ${p.role} may only insert and select (the server's grants)` : `WARNING: the audit trail is guarded by triggers only (${p.reason}); see LIENTHONG_MIGRATION_DATABASE_URL`);
      });
      return 0;
    case 'token': {
      const { values } = parseArgs({ args: rest, options: { citizen: { type: 'string' }, officer: { type: 'string' }, agency: { type: 'string' }, role: { type: 'string' }, province: { type: 'string' }, ttl: { type: 'string' } } });
      const p = principalFromArgs(values);
      if (typeof p === 'string') return fail(p);
      const ttl = values.ttl ? Number(values.ttl) : undefined;
      console.log(await new TokenService(configFromEnv().tokenSecret).issue(p, ttl));
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { citizens: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } } });
      const citizens = Number(values.citizens);
      const seed = Number(values.seed);
      if (!Number.isInteger(citizens) || citizens < 50) return fail('--citizens: a whole number, at least 50');
      if (!Number.isInteger(seed)) return fail('--seed: a whole number');
      return withDb('lienthong seed', (db, cfg) => runSeed(db, citizens, seed, cfg.clock, cfg.dataDir));
    }
    case 'import': {
      const [kind, file] = rest;
      if (!IMPORT_KINDS.includes(kind as ImportKind) || !file) return fail(`usage: lienthong import ${IMPORT_KINDS.join('|')} FILE (.jsonl; .csv for bank-statement)`);
      // Only the owning part's schema: in distributed mode DATABASE_URL is that part's own database.
      const owner = kind === 'population' ? population.migrations : socialSecurity.migrations;
      const report = await withDb(`lienthong import ${kind}`, (db, cfg) => runImport(db, kind as ImportKind, file, cfg.clock), [owner]);
      return report.bad.length ? 2 : 0;
    }
    case 'bench': {
      const { runBench } = await import('./commands/bench.ts');
      return runBench(rest);
    }
    case 'simulate': {
      const { runSimulate } = await import('./commands/simulate.ts');
      return runSimulate(rest);
    }
    case 'hub':
    case 'portal':
    case 'agency': {
      const role = parseRole(command, rest[0]);
      if (role.includes(' ')) return fail(role);
      return runPartProcess(role as ProcessRole);
    }
    case 'audit': {
      const sub = rest[0];
      if (sub !== 'verify' && sub !== 'anchor') return fail('usage: lienthong audit verify | anchor');
      return withDb(`lienthong audit ${sub}`, async (db, cfg) => {
        const trail = new AuditTrail(db, cfg.clock, cfg.audit);
        if (sub === 'anchor') {
          const a = await trail.anchor();
          console.log(a ? `anchored entry ${a.headSeq} (${a.headHash})` : 'the trail is empty');
          return 0;
        }
        const v = await trail.verify();
        console.log(v.ok ? `the audit trail is intact: ${v.entries} entries, ${v.anchors} anchors checked` : `BROKEN at entry ${v.seq}: ${v.problem}`);
        return v.ok ? 0 : 1;
      }, [auditMigrations]);
    }
    case 'officers':
    case 'citizens': {
      const ok = (command === 'officers' && rest[0] === 'create') || (command === 'citizens' && rest[0] === 'enrol');
      if (!ok) return fail('usage: lienthong officers create --username U [--agency A --role R --province PP|national] | lienthong citizens enrol --pin PIN [--password P]');
      const run = command === 'officers' ? officersCreate : citizensEnrol;
      return withDb(`lienthong ${command} ${rest[0]}`, (db, cfg) => run(db, cfg, rest.slice(1)), [auditMigrations, identity.migrations]);
    }
    case 'policies': {
      const { authorisationMarkdown } = await import('../app/authorisation-doc.ts');
      process.stdout.write(authorisationMarkdown());
      return 0;
    }
    case 'contract': {
      const { agencyContractOpenApi } = await import('../platform/bus/agency-openapi.ts');
      console.log(JSON.stringify(agencyContractOpenApi(), null, 2));
      return 0;
    }
    case 'conformance': {
      const r = await conformanceCommand(rest);
      return typeof r === 'string' ? fail(r) : r;
    }
    case 'bridge': {
      const r = await runBridge(rest[0]);
      return typeof r === 'string' ? fail(r) : r;
    }
    case 'keys': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { part: { type: 'string' }, 'key-id': { type: 'string' } } });
      if (positionals[0] !== 'generate') return fail('usage: lienthong keys generate --part P [--key-id ID]');
      const r = keysGenerate(values.part, values['key-id']);
      return typeof r === 'string' ? fail(r) : r;
    }
    case 'messages': {
      const r = await messagesCommand(rest[0], rest[1]);
      return typeof r === 'string' ? fail(r) : r;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      return fail(`unknown command ${command}\n\n${USAGE}`);
  }
}

function fail(message: string): number {
  console.error(`lienthong: ${message}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`lienthong: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
