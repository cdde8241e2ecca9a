import { spawn, type ChildProcess } from 'node:child_process';
import { newAuditAnchorKey } from '../../app/secrets.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { PARTS, SCHEMA_OF, type AgencyName, type PartName } from '../../contracts/parts.ts';
import { generateSigningKey } from '../../platform/signing/keys.ts';
import type { RegistryDocument } from '../../platform/signing/registry.ts';

/**
 * The processes of a distributed platform on one machine, in the order they start. `health` comes after the hub so
 * the ports the others have had (hub on basePort + 4) stay where they were.
 */
export const ROLES = ['population', 'civil-registry', 'social-security', 'hub', 'health', 'portal'] as const;
export type Role = (typeof ROLES)[number];

export interface LaunchOptions {
  /** A PostgreSQL server URL whose user may create databases; each part gets `${dbPrefix}_${schema}`. */
  readonly serverUrl: string;
  readonly natsUrl: string;
  readonly natsPrefix: string;
  readonly dbPrefix: string;
  /** Ports: the portal on basePort, then one per part. */
  readonly basePort: number;
  /** Keys, the registry and logs go here (a secret: keep it out of the repository). */
  readonly dir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Agencies that are external systems at these endpoints: a bridge runs in their place. */
  readonly external?: Partial<Record<AgencyName, string>>;
  /** Where each process's output goes; default: prefixed lines on this process's stdout. */
  readonly output?: (role: Role, line: string) => void;
}

export interface Launched {
  readonly portalUrl: string;
  readonly urls: Readonly<Record<Role, string>>;
  readonly databaseUrls: Readonly<Record<PartName, string>>;
  readonly tokenSecret: string;
  /** The portal's LIENTHONG_IDENTITY_KEY (enrol citizens with it: `lienthong citizens enrol` on the hub's database). */
  readonly identityKey: string;
  /** Each part's key pair (base64), as generated for this launch. */
  readonly keys: Readonly<Record<PartName, { keyId: string; privateKey: string; publicKey: string }>>;
  /** Kills one process (SIGKILL by default: a crash) and waits for it to be gone. */
  kill(role: Role, signal?: NodeJS.Signals): Promise<void>;
  start(role: Role): Promise<void>;
  /** Stops every process gracefully (SIGTERM). */
  stop(): Promise<void>;
  /** Drops the databases it created (tests). */
  dropDatabases(): Promise<void>;
}

function dbUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function ensureDatabases(serverUrl: string, names: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    for (const n of names) {
      const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [n])).rowCount;
      if (!exists) await c.query(`CREATE DATABASE ${n}`);
    }
  } finally {
    await c.end();
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A base port whose whole block (one port per process) is free now. It is drawn below the kernel's ephemeral range
 * (32768 and up on Linux), where outgoing connections take their local ports: a block drawn there could be taken by
 * a client socket between the draw and the listen, and the process would die with EADDRINUSE.
 */
export async function freeBasePort(from = 10_000, to = 32_000): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = from + Math.floor(Math.random() * (to - from - ROLES.length));
    const free = await Promise.all(ROLES.map((_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no free block of ${ROLES.length} ports between ${from} and ${to}`);
}

async function waitReady(url: string, proc: ChildProcess, tail: () => string[], ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // The last lines it wrote say why; without them a failed start in CI is a bare exit code.
    if (proc.exitCode !== null) throw new Error(`${url}: the process exited with code ${proc.exitCode}\n${tail().join('\n')}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready`);
}

/**
 * Starts the whole platform as separate processes on one machine — one database per part on the
 * PostgreSQL server, NATS JetStream between them, a fresh signing key per part and the registry of
 * their public keys — as `npm run start:distributed` does and the distributed tests do.
 */
export async function launchDistributed(o: LaunchOptions): Promise<Launched> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(o.dbPrefix)) throw new Error(`database prefix must be lower-case letters, digits, _: ${o.dbPrefix}`);
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const databaseUrls = Object.fromEntries(PARTS.map((p) => [p, dbUrl(o.serverUrl, `${o.dbPrefix}_${SCHEMA_OF[p]}`)])) as Record<PartName, string>;
  await ensureDatabases(o.serverUrl, PARTS.map((p) => `${o.dbPrefix}_${SCHEMA_OF[p]}`));

  const keys = Object.fromEntries(PARTS.map((p) => [p, generateSigningKey(`${p}-1`)])) as Record<PartName, ReturnType<typeof generateSigningKey>>;
  const registry: RegistryDocument = { parts: Object.fromEntries(PARTS.map((p) => [p, { keys: [{ keyId: keys[p].keyId, publicKey: keys[p].publicKey }] }])) };
  const registryFile = join(o.dir, 'registry.json');
  writeFileSync(registryFile, JSON.stringify(registry, null, 2));
  const tokenSecret = randomBytes(32).toString('base64url');
  // One data key per database: the portal writes into the hub's, so the two share the hub's key.
  const dataKeys = Object.fromEntries(PARTS.map((p) => [p, randomBytes(32).toString('base64')])) as Record<PartName, string>;
  // The audit trail lives in the hub's database: the hub and the portal write it with the same keys.
  const auditEnv = { LIENTHONG_AUDIT_SUBJECT_KEY: randomBytes(32).toString('base64url'), LIENTHONG_AUDIT_ANCHOR_KEY: newAuditAnchorKey(), LIENTHONG_AUDIT_ANCHOR_FILE: join(o.dir, 'audit-anchors.jsonl') };

  // The portal's identity key seals TOTP secrets: kept in the folder, so that accounts enrolled survive a restart.
  const identityKeyFile = join(o.dir, 'identity.key');
  const identityKey = existsSync(identityKeyFile) ? readFileSync(identityKeyFile, 'utf8').trim() : randomBytes(32).toString('base64');
  if (!existsSync(identityKeyFile)) writeFileSync(identityKeyFile, identityKey, { mode: 0o600 });

  const urls = Object.fromEntries(ROLES.map((r, i) => [r, `http://127.0.0.1:${o.basePort + (r === 'portal' ? 0 : i + 1)}`])) as Record<Role, string>;
  const procs = new Map<Role, ChildProcess>();
  const out = o.output ?? ((role: Role, line: string) => process.stdout.write(`${role.padEnd(16)}| ${line}\n`));

  const start = async (role: Role) => {
    const part: PartName = role === 'portal' ? 'hub' : role;
    const endpoint = role === 'portal' || role === 'hub' ? undefined : o.external?.[role];
    const args = role === 'portal' || role === 'hub' ? [role] : endpoint ? ['bridge', role] : ['agency', role];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: {
        ...process.env,
        ...o.env,
        PORT: new URL(urls[role]).port,
        DATABASE_URL: databaseUrls[part],
        NATS_URL: o.natsUrl,
        NATS_PREFIX: o.natsPrefix,
        LIENTHONG_SIGNING_KEY_ID: keys[part].keyId,
        LIENTHONG_SIGNING_KEY: keys[part].privateKey,
        LIENTHONG_REGISTRY: registryFile,
        LIENTHONG_TOKEN_SECRET: tokenSecret,
        LIENTHONG_DATA_KEY: dataKeys[part],
        ...(part === 'hub' ? auditEnv : {}),
        // The portal serves sign-in with its identity key; it and the hub (links in notifications) name the origin
        // browsers reach the portal at, unless one is set.
        ...(part === 'hub' ? { LIENTHONG_PUBLIC_URL: o.env?.LIENTHONG_PUBLIC_URL ?? process.env.LIENTHONG_PUBLIC_URL ?? urls.portal } : {}),
        ...(role === 'portal' ? { LIENTHONG_IDENTITY_KEY: identityKey } : {}),
        // The portal's back-office pages call the agencies' own APIs (reviews, HI cards, payments, reports) at their processes.
        ...(role === 'portal' ? { LIENTHONG_OFFICE_API: `civil-registry=${urls['civil-registry']},social-security=${urls['social-security']}` } : {}),
        LIENTHONG_PARENT_PID: String(process.pid),
        ...(endpoint ? { LIENTHONG_AGENCY_ENDPOINT: endpoint } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const last: string[] = [];
    for (const s of [child.stdout!, child.stderr!]) {
      let buf = '';
      s.on('data', (d: Buffer) => {
        buf += d.toString();
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          out(role, line);
          last.push(line);
          if (last.length > 20) last.shift();
          buf = buf.slice(i + 1);
        }
      });
    }
    procs.set(role, child);
    await waitReady(urls[role], child, () => last);
  };

  const kill = async (role: Role, signal: NodeJS.Signals = 'SIGKILL') => {
    const p = procs.get(role);
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await gone;
  };

  try {
    for (const r of ROLES) await start(r);
  } catch (e) {
    for (const r of ROLES) await kill(r);
    throw e;
  }

  return {
    portalUrl: urls.portal,
    urls,
    databaseUrls,
    tokenSecret,
    identityKey,
    keys,
    kill,
    start,
    async stop() {
      for (const r of [...ROLES].reverse()) await kill(r, 'SIGTERM');
    },
    async dropDatabases() {
      const c = new pg.Client({ connectionString: o.serverUrl });
      await c.connect();
      try {
        for (const p of PARTS) await c.query(`DROP DATABASE IF EXISTS ${o.dbPrefix}_${SCHEMA_OF[p]} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
