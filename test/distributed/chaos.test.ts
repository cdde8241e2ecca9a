import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Role } from '../../src/cli/distributed/launcher.ts';
import { launchTestCluster } from '../support/distributed.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { postgresReachable } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { freePort } from '../support/process.ts';

const N = Number(process.env.CHAOS_DOSSIERS ?? 2000);
const NATS_SERVER = '/usr/sbin/nats-server';

/**
 * Chaos: 2,000 birth dossiers through the distributed platform while agency processes are killed
 * with SIGKILL several times and the NATS server itself is restarted once. Afterwards every dossier
 * is completed exactly once: one registration, one PIN, one SI code, one card per child, none lost.
 * The test runs its own NATS server (on a free loopback port, its own store) so that restarting it
 * disturbs no other suite.
 */
const canRun = (await postgresReachable()) && existsSync(NATS_SERVER);
if (!canRun && process.env.REQUIRE_NATS === '1') throw new Error(`REQUIRE_NATS=1 but the chaos test needs ${NATS_SERVER} and PostgreSQL`);
if (!canRun) console.log(`# SKIPPED: chaos test — needs PostgreSQL and ${NATS_SERVER}`);

async function startNats(port: number, store: string): Promise<ChildProcess> {
  const p = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
  const until = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((r) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), r(true)));
      s.once('error', () => r(false));
    });
    if (up) return p;
    if (Date.now() > until) throw new Error('nats-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (canRun) {
  test(`chaos: ${N} dossiers, agencies killed with SIGKILL, NATS restarted — every dossier exactly once`, { timeout: 900_000 }, async () => {
    const store = mkdtempSync(join(tmpdir(), 'lienthong-chaos-nats-'));
    const natsPort = await freePort();
    let nats = await startNats(natsPort, store);
    // One client submits all 2,000: lift the per-caller submission limit for this run.
    const cluster = await launchTestCluster({ natsUrl: `nats://127.0.0.1:${natsPort}`, env: { LIENTHONG_SUBMISSIONS_PER_MINUTE: '0' } });
    const d = cluster.d;
    try {
      const token = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: PEOPLE.mother });

      const ids = new Map<number, string>();
      const submit = async (i: number): Promise<void> => {
        const name = `Lê Minh ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}${String.fromCharCode(97 + Math.floor(i / 676))}`;
        const declaration = birthDeclaration({ child: { fullName: name, sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } });
        // A client retries until it has an answer; the Idempotency-Key makes that safe.
        for (;;) {
          try {
            const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `chaos-${i}` },
              body: JSON.stringify({ group: 'birth', declaration }),
            });
            if (res.status === 202) {
              ids.set(i, ((await res.json()) as { id: string }).id);
              return;
            }
          } catch {
            /* the portal is busy or restarting: try again */
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      };

      // Submit with 32 clients while chaos runs beside them.
      let next = 0;
      const clients = Array.from({ length: 32 }, async () => {
        while (next < N) await submit(next++);
      });
      const victims: Role[] = ['population', 'civil-registry', 'social-security', 'civil-registry', 'social-security', 'population'];
      const chaos = (async () => {
        for (const [k, v] of victims.entries()) {
          while (ids.size < ((k + 1) * N) / (victims.length + 2)) await new Promise((r) => setTimeout(r, 50));
          await d.kill(v, 'SIGKILL');
          await new Promise((r) => setTimeout(r, 300));
          await d.start(v);
          if (k === 2) {
            nats.kill('SIGKILL');
            await new Promise((r) => nats.once('exit', r));
            await new Promise((r) => setTimeout(r, 500));
            nats = await startNats(natsPort, store);
          }
        }
      })();
      await Promise.all([...clients, chaos]);
      assert.equal(ids.size, N, 'every submission answered');

      // Wait for the platform to finish: every dossier completed.
      const hub = openPostgres(d.databaseUrls.hub);
      const until = Date.now() + 600_000;
      let status: { status: string; n: number }[] = [];
      while (Date.now() < until) {
        status = await hub.query<{ status: string; n: number }>(
          `SELECT p.status, count(*)::int AS n FROM hub.procedures p GROUP BY p.status ORDER BY 1`,
        );
        if (status.length === 1 && status[0]!.status === 'completed' && status[0]!.n === 3 * N) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      assert.deepEqual(status, [{ status: 'completed', n: 3 * N }], 'every procedure of every dossier completed');
      const [dossiers] = await hub.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.dossiers');
      await hub.close();
      assert.equal(dossiers!.n, N, 'one dossier per submission');

      const count = async (url: string, sql: string) => {
        const db = openPostgres(url);
        try {
          return (await db.query<{ n: number; distinct: number }>(sql))[0]!;
        } finally {
          await db.close();
        }
      };
      assert.deepEqual(
        await count(d.databaseUrls['civil-registry'], `SELECT count(*)::int AS n, count(DISTINCT child_pin)::int AS distinct FROM civil_registry.birth_registrations WHERE status = 'registered'`),
        { n: N, distinct: N },
        'one birth registration and one PIN per child',
      );
      assert.deepEqual(
        await count(d.databaseUrls.population, `SELECT count(*)::int AS n, count(DISTINCT pin)::int AS distinct FROM population.citizens WHERE source = 'birth-registration'`),
        { n: N, distinct: N },
        'one newborn in the register per child',
      );
      assert.deepEqual(
        await count(d.databaseUrls['social-security'], `SELECT count(*)::int AS n, count(DISTINCT card_number)::int AS distinct FROM social_security.hi_cards`),
        { n: N, distinct: N },
        'one HI card per child',
      );
    } finally {
      await cluster.close();
      nats.kill('SIGTERM');
      rmSync(store, { recursive: true, force: true });
    }
  });
}
