import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { makeEnvelope, type Envelope } from '../../src/contracts/envelope.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { natsNames } from '../../src/platform/bus/nats-names.ts';
import { NatsTransport } from '../../src/platform/bus/nats-transport.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { signEnvelope } from '../../src/platform/signing/envelope-signing.ts';
import { generateSigningKey, privateKeyFrom } from '../../src/platform/signing/keys.ts';
import { postgresReachable } from '../support/databases.ts';
import { birthDeclaration, DEATH, deathDeclaration, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { eventually } from '../support/harness.ts';
import { NATS_URL, natsAvailable } from '../support/nats.ts';

/**
 * The platform as separate processes — population, civil-registry, social-security, hub, portal —
 * each on its own PostgreSQL database, joined by NATS JetStream, every message signed.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: distributed-mode suites — they need the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('distributed mode: separate processes on PostgreSQL and NATS JetStream', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let prefix: string;
    let d: Launched;
    let token: string;
    const logs: string[] = [];

    before(async () => {
      cluster = await launchTestCluster({ env: { LOG_LEVEL: 'info' }, output: (role, line) => logs.push(`${role} ${line}`) });
      d = cluster.d;
      prefix = cluster.prefix;
      token = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: PEOPLE.mother });
    });

    after(async () => cluster?.close());

    const submit = (declaration: unknown, key: string) =>
      fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ group: 'birth', declaration }),
      });
    const finished = (id: string) =>
      eventually(async () => {
        const body = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          status: string;
          procedures: { code: string; status: string; result: Record<string, string> }[];
        };
        return ['completed', 'rejected', 'partially-completed'].includes(body.status) ? body : undefined;
      }, `dossier ${id}`, 60_000);

    test('a birth declaration completes across the processes with the same results as embedded mode', async () => {
      const res = await submit(birthDeclaration(), 'dist-1');
      assert.equal(res.status, 202);
      const { id } = (await res.json()) as { id: string };
      const dossier = await finished(id);
      assert.equal(dossier.status, 'completed');
      const [birth, residence, card] = dossier.procedures;
      assert.match(birth!.result.pin!, /^035225\d{6}$/);
      assert.equal(residence!.result.householdId, 'HH-35-0001');
      assert.equal(card!.result.cardNumber, `TE135${card!.result.siCode}`);
      assert.equal(card!.result.validTo, '2031-09-30');
      const hubMetrics = await (await fetch(`${d.urls.hub}/metrics`)).text();
      assert.match(hubMetrics, /lienthong_procedure_duration_seconds\{procedure="hi-card",status="completed",quantile="0.95"\} \d/);
      assert.match(hubMetrics, /lienthong_procedures_ended_last_hour\{procedure="birth-registration",status="completed"\} 1/);
      for (const r of ['portal', 'hub', 'population', 'civil-registry', 'social-security'] as const) {
        const h = (await (await fetch(`${d.urls[r]}/health`)).json()) as { process: string; bus: string };
        assert.deepEqual([h.process, h.bus], [r, 'nats']);
      }
    });

    test('an officer reading a dossier through the portal is in the audit trail, and the father sees it', async () => {
      const res = await submit(birthDeclaration({ child: { fullName: 'Lê Minh Trí', sex: 'male', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }), 'dist-audit');
      const { id } = (await res.json()) as { id: string };
      await finished(id);
      const tokens = new TokenService(d.tokenSecret);
      const oneStop = await tokens.issue({ kind: 'officer', username: 'os-dist', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '35' });
      assert.equal((await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${oneStop}` } })).status, 200);
      const father = await tokens.issue({ kind: 'citizen', pin: PEOPLE.father });
      const view = (await (await fetch(`${d.portalUrl}/api/v1/me/data-access`, { headers: { authorization: `Bearer ${father}` } })).json()) as { items: { by: { id: string }; action: string; resource: string }[] };
      assert.ok(view.items.some((i) => i.by.id === 'os-dist' && i.action === 'dossier.read' && i.resource === `dossier/${id}`), JSON.stringify(view.items));
    });

    test('a death declaration completes across the processes: extract, deregistration, VSS decisions', async () => {
      const widow = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: DEATH.pensionerWidow });
      const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${widow}`, 'content-type': 'application/json', 'idempotency-key': 'dist-death-1' },
        body: JSON.stringify({ group: 'death', declaration: deathDeclaration() }),
      });
      assert.equal(res.status, 202);
      const { id } = (await res.json()) as { id: string };
      const dossier = await eventually(async () => {
        const b = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${widow}` } })).json()) as {
          status: string;
          procedures: { code: string; agency: string; status: string; result: { decisions?: { kind: string }[] } | null }[];
        };
        return ['completed', 'rejected', 'partially-completed'].includes(b.status) ? b : undefined;
      }, `death dossier ${id}`, 60_000);
      assert.equal(dossier.status, 'completed');
      assert.deepEqual(dossier.procedures.map((p) => [p.agency, p.status]), [
        ['civil-registry', 'completed'],
        ['population', 'completed'],
        ['social-security', 'completed'],
      ]);
      const kinds = dossier.procedures[2]!.result!.decisions!.map((x) => x.kind).sort();
      assert.deepEqual(kinds, ['funeral-allowance', 'stop-monthly-payments', 'survivor-monthly']);
    });

    test('a voluntary-SI registration across the processes: the amount due and a payment QR, then cash at a collection point completes it', async () => {
      const me = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: VOLUNTARY.newcomer });
      const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me}`, 'content-type': 'application/json', 'idempotency-key': 'dist-vsi-1' },
        body: JSON.stringify({ group: 'voluntary-si', declaration: voluntarySiDeclaration() }),
      });
      assert.equal(res.status, 202);
      const { id } = (await res.json()) as { id: string };
      type Vsi = {
        status: string;
        procedures: { result: { siCode: string; contribution: { amountDue: number; dueBy: string }; payment: { qrPayload: string; reference: string }; voucher?: { amount: number }; coverSheet?: { siCode: string } | null } | null }[];
      };
      const follow = (until: (b: Vsi) => boolean) =>
        eventually(async () => {
          const b = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${me}` } })).json()) as Vsi;
          return until(b) ? b : undefined;
        }, `voluntary-SI dossier ${id}`, 60_000);
      const dossier = await follow((b) => ['awaiting-payment', 'completed', 'rejected', 'partially-completed'].includes(b.status));
      assert.equal(dossier.status, 'awaiting-payment');
      const r = dossier.procedures[0]!.result!;
      assert.match(r.siCode, /^35\d{8}$/);
      assert.deepEqual([r.contribution.amountDue, r.contribution.dueBy], [297_000, '2025-02-28'], 'the same amount as in embedded mode');
      assert.ok(r.payment.qrPayload.startsWith('000201010212'));

      // Social security's own process takes the cash; its reply reaches the hub over the bus.
      const collector = await new TokenService(d.tokenSecret).issue({ kind: 'officer', username: 'vc', agency: 'social-security', role: 'vss-collector', provinceCode: '35' });
      const cash = await fetch(`${d.urls['social-security']}/api/v1/agencies/social-security/cash-receipts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${collector}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reference: r.payment.reference, amount: 297_000, receiptNumber: 'DIST-1' }),
      });
      assert.equal(cash.status, 200, await cash.clone().text());
      const paid = await follow((b) => b.status !== 'awaiting-payment');
      assert.equal(paid.status, 'completed');
      assert.equal(paid.procedures[0]!.result!.voucher!.amount, 297_000);
      assert.equal(paid.procedures[0]!.result!.coverSheet!.siCode, r.siCode);
    });

    test('forged, unsigned, wrong-type and replayed messages are rejected and never applied', async () => {
      const nc = await connect({ servers: NATS_URL });
      const js = jetstream(nc);
      const names = natsNames(prefix);
      const intruder = generateSigningKey('hub-1'); // the hub's key id, someone else's key
      const base = (over: Partial<Envelope> = {}): Envelope =>
        ({
          ...makeEnvelope({
            type: 'population.residence-registration.requested',
            sender: 'hub',
            recipient: 'population',
            dossierId: crypto.randomUUID(),
            causationId: null,
            time: new Date().toISOString(),
            payload: { procedure: 'residence-registration' },
          }),
          ...over,
        }) as Envelope;
      const forged = signEnvelope(base(), { keyId: intruder.keyId, privateKey: privateKeyFrom(intruder.privateKey) });
      const unsigned = base();
      // Correctly signed by population, but population may not send itself a residence request.
      const wrongType = signEnvelope(base({ sender: 'population' }), { keyId: d.keys.population.keyId, privateKey: privateKeyFrom(d.keys.population.privateKey) });
      for (const e of [forged, unsigned, wrongType]) await js.publish(names.subject('population'), JSON.stringify(e), { msgID: e.id });

      const t = await NatsTransport.connect({ url: NATS_URL, prefix, log: makeLogger({ level: 'silent' }) });
      try {
        const dead = await eventually(async () => {
          const list = await t.deadLetters();
          return [forged, unsigned, wrongType].every((e) => list.some((x) => x.envelope.id === e.id)) ? list : undefined;
        }, 'three rejections');
        const why = (e: Envelope) => dead.find((x) => x.envelope.id === e.id)!.error;
        assert.equal(why(forged), 'rejected: bad signature');
        assert.equal(why(unsigned), 'rejected: unsigned');
        assert.equal(why(wrongType), 'rejected: population may not send population.residence-registration.requested');
        assert.ok(logs.some((l) => l.includes('message rejected: not applied')), 'the rejection is logged');
        assert.ok(!logs.some((l) => l.includes(PEOPLE.mother)), 'no PIN in the logs');

        // Replay: a real, correctly signed message the population registry already applied, sent again.
        const pop = openPostgres(d.databaseUrls.population);
        const [applied] = await pop.query<{ message_id: string }>(`SELECT message_id FROM population.inbox WHERE type = 'population.residence-registration.requested' LIMIT 1`);
        const hubDb = openPostgres(d.databaseUrls.hub);
        const [row] = await hubDb.query<{ envelope: Envelope }>(`SELECT envelope FROM hub.outbox WHERE id = $1`, [applied!.message_id]);
        await hubDb.close();
        const before = await pop.query<{ n: number }>('SELECT count(*)::int AS n FROM population.inbox');
        await js.publish(names.subject('population'), JSON.stringify(row!.envelope), { msgID: `${row!.envelope.id}:again` });
        await eventually(async () => (logs.some((l) => l.includes('message already applied; ignored')) ? true : undefined), 'the replay to be ignored');
        const afterCount = await pop.query<{ n: number }>('SELECT count(*)::int AS n FROM population.inbox');
        assert.deepEqual(afterCount, before, 'nothing applied twice');
        await pop.close();

        // The operator sees it all in the population process's metrics.
        const metrics = await (await fetch(`${d.urls.population}/metrics`)).text();
        const value = (line: string) => Number(metrics.split('\n').find((l) => l.startsWith(line))?.slice(line.length + 1) ?? NaN);
        assert.equal(value('lienthong_messages_in_total{part="population",type="population.residence-registration.requested",outcome="rejected"}'), 3);
        assert.equal(value('lienthong_messages_in_total{part="population",type="population.residence-registration.requested",outcome="duplicate"}'), 1);
        assert.ok(value('lienthong_messages_in_total{part="population",type="population.residence-registration.requested",outcome="applied"}') >= 1);
        assert.equal(value('lienthong_dead_letters_total{part="population"}'), 3);
        assert.equal(value('lienthong_outbox_lag{part="population"}'), 0);
      } finally {
        await t.close();
        await nc.close();
      }
    });
  });
}
