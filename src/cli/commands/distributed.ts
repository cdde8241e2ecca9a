import { buildAgencyBridge } from '../../app/agency-bridge.ts';
import { distributedConfigFromEnv, registryFromFile } from '../../app/distributed-config.ts';
import { clockFromEnv } from '../../platform/clock.ts';
import type { AgencyName } from '../../contracts/parts.ts';
import { buildPartProcess, type ProcessRole } from '../../app/build-part-process.ts';
import { AGENCIES, PARTS } from '../../contracts/parts.ts';
import { NatsTransport } from '../../platform/bus/nats-transport.ts';
import { makeLogger } from '../../platform/log/logger.ts';
import { generateSigningKey } from '../../platform/signing/keys.ts';

/** `lienthong hub | agency NAME | portal`: one process of distributed mode, until SIGTERM/SIGINT. */
export async function runPartProcess(role: ProcessRole): Promise<number> {
  const cfg = distributedConfigFromEnv();
  const log = makeLogger({ level: cfg.logLevel, name: `lienthong-${role}` });
  const callbackUrl = process.env.LIENTHONG_AGENCY_CALLBACK_URL;
  const p = await buildPartProcess({
    role,
    databaseUrl: cfg.databaseUrl,
    natsUrl: cfg.natsUrl,
    natsPrefix: cfg.natsPrefix,
    signing: cfg.signing,
    clock: cfg.clock,
    tokenSecret: cfg.tokenSecret,
    dataKey: cfg.dataKey,
    audit: cfg.audit,
    identity: role === 'portal' && cfg.identityKey ? { secretsKey: cfg.identityKey, oidc: cfg.oidc } : undefined,
    log,
    agencyHttp: callbackUrl ? { callbackUrl } : undefined,
  });
  await p.app.listen({ port: cfg.port, host: cfg.host });
  log.info({ role, port: cfg.port, bus: p.transport.kind }, 'ready');
  return untilStopped(log, () => p.close());
}

/** `lienthong bridge AGENCY`: the platform's side of an external agency system (docs/external-agency.md). */
export async function runBridge(agency: string | undefined): Promise<number | string> {
  if (!agency || !(AGENCIES as readonly string[]).includes(agency)) return `usage: lienthong bridge ${AGENCIES.join('|')}`;
  const env = process.env;
  const registry = registryFromFile(requiredEnv('LIENTHONG_REGISTRY'));
  const endpoint = env.LIENTHONG_AGENCY_ENDPOINT ?? registry().endpointOf(agency as AgencyName);
  if (!endpoint) return `no endpoint for ${agency}: set LIENTHONG_AGENCY_ENDPOINT or parts["${agency}"].endpoint in the registry`;
  const log = makeLogger({ level: env.LOG_LEVEL ?? 'info', name: `lienthong-bridge-${agency}` });
  const b = await buildAgencyBridge({
    agency: agency as AgencyName,
    endpoint,
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    natsPrefix: env.NATS_PREFIX ?? 'lienthong',
    registry,
    clock: clockFromEnv(env.LIENTHONG_CLOCK),
    tokenSecret: requiredEnv('LIENTHONG_TOKEN_SECRET'),
    log,
  });
  const port = Number(env.PORT ?? 3000);
  await b.app.listen({ port, host: env.HOST ?? '127.0.0.1' });
  log.info({ agency, port }, 'ready');
  return untilStopped(log, () => b.close());
}

function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

/** Serves until SIGTERM/SIGINT, or until the launcher that started the process is gone; then stops gracefully. */
function untilStopped(log: ReturnType<typeof makeLogger>, close: () => Promise<void>): Promise<number> {
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping: finishing the work under way');
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // Started by a launcher (npm run start:distributed, the tests): stop with it, even when it was killed.
  const parent = Number(process.env.LIENTHONG_PARENT_PID);
  if (parent > 0) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        void stop('launcher gone');
      }
    }, 1000).unref();
  }
  return new Promise<number>(() => undefined);
}

export function parseRole(command: string, arg: string | undefined): ProcessRole | string {
  if (command === 'hub') return 'hub';
  if (command === 'portal') return 'portal';
  if (arg && (AGENCIES as readonly string[]).includes(arg)) return arg as ProcessRole;
  return `usage: lienthong agency ${AGENCIES.join('|')}`;
}

/** `lienthong keys generate --part P [--key-id ID]`: a new Ed25519 key pair for a part. */
export function keysGenerate(part: string | undefined, keyId: string | undefined): number | string {
  if (!part || !(PARTS as readonly string[]).includes(part)) return `--part: one of ${PARTS.join(', ')}`;
  const k = generateSigningKey(keyId ?? `${part}-${new Date().toISOString().slice(0, 10)}`);
  console.log(`# Put these two in ${part}'s environment (a secret: never in the repository):`);
  console.log(`LIENTHONG_SIGNING_KEY_ID=${k.keyId}`);
  console.log(`LIENTHONG_SIGNING_KEY=${k.privateKey}`);
  console.log(`# Add this to parts["${part}"].keys in the agency registry (public):`);
  console.log(JSON.stringify({ keyId: k.keyId, publicKey: k.publicKey }));
  return 0;
}

/** `lienthong messages dead-letters | replay ID`: the operator's view of the bus's dead letters. */
export async function messagesCommand(sub: string | undefined, id: string | undefined): Promise<number | string> {
  if (sub !== 'dead-letters' && sub !== 'replay') return 'usage: lienthong messages dead-letters | replay MESSAGE_ID';
  if (sub === 'replay' && !id) return 'usage: lienthong messages replay MESSAGE_ID';
  const t = await NatsTransport.connect({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    prefix: process.env.NATS_PREFIX ?? 'lienthong',
    log: makeLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
    name: 'lienthong-operator',
  });
  try {
    if (sub === 'replay') {
      const ok = await t.replay(id!);
      if (!ok) return `no dead letter with message id ${id}`;
      console.log(`replayed ${id}`);
      return 0;
    }
    const dead = await t.deadLetters();
    if (dead.length === 0) console.log('no dead letters');
    // Ids, types, parts and the error only: the payload holds personal data.
    for (const d of dead) console.log(`${d.at}  ${d.envelope.id}  ${d.envelope.type}  ${d.envelope.sender} → ${d.envelope.recipient}  after ${d.attempts} attempt(s): ${d.error}`);
    return 0;
  } finally {
    await t.close();
  }
}
