import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeBasePort, launchDistributed, type Launched, type LaunchOptions } from '../../src/cli/distributed/launcher.ts';
import { loadRegisters } from '../../src/cli/distributed/registers.ts';
import { NatsTransport } from '../../src/platform/bus/nats-transport.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { SERVER_URL } from './databases.ts';
import { citizens, households, siRecords } from './fixtures.ts';
import { START } from './harness.ts';
import { NATS_URL, uniquePrefix } from './nats.ts';

export interface TestCluster {
  readonly d: Launched;
  readonly prefix: string;
  /** Stops the processes and removes their databases, streams and files. */
  close(): Promise<void>;
}

/**
 * The platform as separate processes on the PostgreSQL server and NATS, in databases and streams of this
 * run's own, the clock at START, and each built-in register given the fixture records in its own database.
 */
export async function launchTestCluster(o: Partial<Pick<LaunchOptions, 'natsUrl' | 'env' | 'external' | 'output'>> = {}): Promise<TestCluster> {
  const prefix = uniquePrefix();
  const dir = mkdtempSync(join(tmpdir(), 'lienthong-cluster-'));
  const natsUrl = o.natsUrl ?? NATS_URL;
  const d = await launchDistributed({
    serverUrl: SERVER_URL,
    natsUrl,
    natsPrefix: prefix,
    dbPrefix: prefix.toLowerCase(),
    basePort: await freeBasePort(),
    dir,
    env: { LIENTHONG_CLOCK: START, LOG_LEVEL: 'warn', ...o.env },
    ...(o.external ? { external: o.external } : {}),
    output: o.output ?? (() => undefined),
  });
  await loadRegisters(d.databaseUrls, { households, citizens, ...(o.external?.['social-security'] ? {} : { siRecords }) }, new Date(START));
  return {
    d,
    prefix,
    async close() {
      await d.stop();
      await d.dropDatabases();
      const t = await NatsTransport.connect({ url: natsUrl, prefix, log: makeLogger({ level: 'silent' }) });
      await t.destroy();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
