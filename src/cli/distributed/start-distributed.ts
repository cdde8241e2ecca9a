import { join, resolve } from 'node:path';
import { launchDistributed } from './launcher.ts';

/**
 * `npm run start:distributed`: the whole platform as separate processes on this machine's PostgreSQL
 * server and NATS JetStream — one database per part (`lienthong_hub`, `lienthong_population`, …), the
 * portal on PORT (3000). Each process's output is prefixed with its name. Ctrl-C stops them all.
 */
const serverUrl = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const dir = resolve(process.env.DATA_DIR ?? './data', 'distributed');
const basePort = Number(process.env.PORT ?? 3000);

const d = await launchDistributed({ serverUrl, natsUrl, natsPrefix: 'lienthong', dbPrefix: 'lienthong', basePort, dir });
console.log(`\nlienthong (distributed) is ready: the portal at ${d.portalUrl}`);
for (const [role, url] of Object.entries(d.urls)) console.log(`  ${role.padEnd(16)} ${url}  (/health, /ready)`);
console.log(`  databases: ${Object.values(d.databaseUrls).join(', ')}`);
console.log(`  agency registry and keys: ${join(dir, 'registry.json')} (new keys at every start)`);
console.log(`  bearer tokens: LIENTHONG_TOKEN_SECRET=${d.tokenSecret} npm run -s lienthong -- token --citizen PIN`);
console.log(`  citizen accounts (sign-in at ${d.portalUrl}/portal): DATABASE_URL=${d.databaseUrls.hub} LIENTHONG_IDENTITY_KEY=${d.identityKey} npm run -s lienthong -- citizens enrol --pin PIN\n`);
const stop = async () => {
  await d.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
