import { connect } from '@nats-io/transport-node';
import { NatsTransport } from '../../src/platform/bus/nats-transport.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';

/** The NATS server the integration suites use: TEST_NATS_URL, or the machine's local one. */
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

let reachable: Promise<boolean> | undefined;
export function natsReachable(): Promise<boolean> {
  // A busy machine can be slow to answer: 10 s before calling the server absent.
  reachable ??= connect({ servers: NATS_URL, timeout: 10_000, maxReconnectAttempts: 0 }).then(
    async (nc) => {
      await nc.close();
      return true;
    },
    () => false,
  );
  return reachable;
}

/** True when the NATS suites should run; with REQUIRE_NATS=1 (CI) a missing server fails the run instead. */
export async function natsAvailable(): Promise<boolean> {
  if (await natsReachable()) return true;
  if (process.env.REQUIRE_NATS === '1') throw new Error(`REQUIRE_NATS=1 but no NATS server answers at ${NATS_URL}`);
  console.log(`# SKIPPED: NATS JetStream suites — no server at ${NATS_URL} (set TEST_NATS_URL, or REQUIRE_NATS=1 to make this an error)`);
  return false;
}

/** A unique prefix per test run, so streams never collide and are removed afterwards. */
export function uniquePrefix(): string {
  return `lt_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

export async function freshNats(opts: { ackWaitMs?: number } = {}): Promise<NatsTransport> {
  return NatsTransport.connect({ url: NATS_URL, prefix: uniquePrefix(), log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...opts });
}
