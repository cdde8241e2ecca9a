import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { buildPartProcess } from '../../src/app/build-part-process.ts';
import { runConformance } from '../../src/cli/conformance/conformance.ts';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { makeEnvelope, type Envelope } from '../../src/contracts/envelope.ts';
import { AGENCIES, PARTS } from '../../src/contracts/parts.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { signEnvelope } from '../../src/platform/signing/envelope-signing.ts';
import { generateSigningKey, privateKeyFrom } from '../../src/platform/signing/keys.ts';
import { AgencyRegistry } from '../../src/platform/signing/registry.ts';
import { freshDb, postgresReachable } from '../support/databases.ts';
import { birthDeclaration, citizens, households, PEOPLE } from '../support/fixtures.ts';
import { START, eventually } from '../support/harness.ts';
import { NATS_URL, natsAvailable } from '../support/nats.ts';
import { freePort } from '../support/process.ts';

/**
 * External agency systems: the HTTP contract (docs/external-agency.md), the conformance kit that checks
 * it, the built-in agencies passing that kit, and an agency written here from the contract alone
 * completing the birth group through the bridge — answering now (200) and later (202, then a callback).
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers) console.log('# SKIPPED: external-agency suites — they need the PostgreSQL server and NATS JetStream');

const keys = Object.fromEntries(PARTS.map((p) => [p, generateSigningKey(`${p}-k`)])) as Record<string, ReturnType<typeof generateSigningKey>>;
const registry = AgencyRegistry.from({ parts: Object.fromEntries(PARTS.map((p) => [p, { keys: [{ keyId: keys[p]!.keyId, publicKey: keys[p]!.publicKey }] }])) });
const signer = (p: string) => ({ keyId: keys[p]!.keyId, privateKey: privateKeyFrom(keys[p]!.privateKey) });
const silent = makeLogger({ level: 'silent' });

function httpServer(port: number, handle: (body: unknown) => Promise<{ status: number; body?: unknown }>): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', async () => {
        let out: { status: number; body?: unknown } = { status: 400 };
        try {
          out = await handle(JSON.parse(data));
        } catch {
          out = { status: 400 };
        }
        res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body ?? {}));
      });
    });
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

if (servers) {
  describe('external agency systems over HTTP', { timeout: 300_000 }, () => {
    for (const agency of AGENCIES) {
      test(`the built-in ${agency}, run behind the HTTP contract, passes the conformance kit`, async () => {
        const t = await freshDb('postgres');
        await t.db.close();
        const callbackPort = await freePort();
        const p = await buildPartProcess({
          role: agency,
          databaseUrl: t.url!,
          natsUrl: NATS_URL,
          signing: { key: signer(agency), registry: () => registry },
          clock: runningClockFrom(new Date(START)),
          tokenSecret: 'external-agency-test-secret-0123456789',
          dataKey: randomBytes(32).toString('base64'),
          log: silent,
          agencyHttp: { callbackUrl: `http://127.0.0.1:${callbackPort}/api/v1/callbacks` },
        });
        try {
          if (agency === 'population') await p.db.transaction((tx) => populationImport(new Date(START)).apply(tx, [...households, ...citizens]));
          const address = await p.app.listen({ port: 0, host: '127.0.0.1' });
          // Health's sample comes from the civil registry (a cited death notice), signed with its key.
          const results = await runConformance({ endpoint: `${address}/api/v1/messages`, agency, hubKey: signer('hub'), senderKey: signer('civil-registry'), registry, callbackPort });
          assert.deepEqual(results.filter((r) => !r.ok), [], 'every check passes');
          assert.ok(results.length >= 8, `${results.length} checks ran`);
        } finally {
          await p.close();
          await t.drop();
        }
      });
    }

    test('the conformance kit fails a broken implementation', async () => {
      // Accepts anything, answers with an unsigned reply that is not caused by the request.
      const port = await freePort();
      const broken = await httpServer(port, async (body) => {
        const e = body as Envelope;
        const reply = makeEnvelope({ type: 'procedure.completed', sender: 'social-security', recipient: 'hub', dossierId: e.dossierId ?? crypto.randomUUID(), causationId: null, time: new Date().toISOString(), payload: { procedure: 'hi-card', result: {} } });
        return { status: 200, body: { messages: [reply] } };
      });
      try {
        const results = await runConformance({ endpoint: `http://127.0.0.1:${port}/`, agency: 'social-security', hubKey: signer('hub'), registry, callbackPort: await freePort(), waitMs: 500 });
        const failed = results.filter((r) => !r.ok).map((r) => r.name);
        for (const expected of [
          'reply procedure.completed: signed by social-security with a registered key',
          'reply procedure.completed: caused by the request, in its dossier',
          'an unsigned message is refused (401/403)',
          'a message altered after signing is refused (401/403)',
          'a body that is not an envelope is refused (400)',
        ])
          assert.ok(failed.includes(expected), `fails: ${expected}`);
      } finally {
        await new Promise((r) => broken.close(r));
      }
    });

    test('an agency system written from the contract completes the birth group, answering now and later', async () => {
      const agencyPort = await freePort();
      let mode: 'sync' | 'async' = 'sync';
      let bridgeUrl = '';
      let seq = 0;
      let launched: Launched | undefined;
      let cluster: TestCluster | undefined;
      // A stand-in for a ministry's own system: checks nothing but the contract, issues a card.
      const ministry = await httpServer(agencyPort, async (body) => {
        const req = body as Envelope<{ child: { pin: string; dateOfBirth: string }; initialFacilityCode: string; procedure: string }>;
        const siCode = `35${String(++seq).padStart(8, '0')}`;
        const reply = signEnvelope(
          makeEnvelope({
            type: 'procedure.completed',
            sender: 'social-security',
            recipient: 'hub',
            dossierId: req.dossierId,
            causationId: req.id,
            time: new Date().toISOString(),
            payload: {
              procedure: req.payload.procedure,
              result: { siCode, cardNumber: `TE135${siCode}`, validFrom: req.payload.child.dateOfBirth, validTo: '2031-09-30', initialFacilityCode: req.payload.initialFacilityCode, issuedOn: '2025-01-24', familyHousehold: 'EXT', ruleVersion: 'ministry-1', verificationCode: 'EXT1-0000-0000' },
            },
          }),
          { keyId: launched!.keys['social-security'].keyId, privateKey: privateKeyFrom(launched!.keys['social-security'].privateKey) },
        );
        if (mode === 'sync') return { status: 200, body: { messages: [reply] } };
        setTimeout(() => void fetch(`${bridgeUrl}/api/v1/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [reply] }) }), 200);
        return { status: 202 };
      });
      try {
        cluster = await launchTestCluster({ external: { 'social-security': `http://127.0.0.1:${agencyPort}/` } });
        launched = cluster.d;
        const d = launched;
        bridgeUrl = d.urls['social-security'];
        const token = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: PEOPLE.mother });
        const run = async (name: string, key: string) => {
          const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify({ group: 'birth', declaration: birthDeclaration({ child: { fullName: name, sex: 'female', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }) }),
          });
          const { id } = (await res.json()) as { id: string };
          return eventually(async () => {
            const b = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; procedures: { code: string; result: Record<string, string> | null }[] };
            return b.status === 'completed' ? b : undefined;
          }, `dossier ${name}`, 60_000);
        };
        const now = await run('Lê Thị Đồng', 'ext-sync');
        assert.equal(now.procedures.find((p) => p.code === 'hi-card')!.result!.familyHousehold, 'EXT', 'the card the ministry system issued');
        mode = 'async';
        const later = await run('Lê Thị Muộn', 'ext-async');
        assert.equal(later.procedures.find((p) => p.code === 'hi-card')!.result!.ruleVersion, 'ministry-1');
        const h = (await (await fetch(`${bridgeUrl}/health`)).json()) as { process: string };
        assert.equal(h.process, 'bridge:social-security');
      } finally {
        await cluster?.close();
        await new Promise((r) => ministry.close(r));
      }
    });
  });
}

