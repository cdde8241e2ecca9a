import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { makeEnvelope, type Envelope } from '../../src/contracts/envelope.ts';
import { verifyChain, type ChainedEntry } from '../../src/platform/audit/chain.ts';
import { AUDIT_DOSSIER } from '../../src/platform/audit/outbox-audit.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { natsNames } from '../../src/platform/bus/nats-names.ts';
import { NatsTransport } from '../../src/platform/bus/nats-transport.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { signEnvelope } from '../../src/platform/signing/envelope-signing.ts';
import { privateKeyFrom } from '../../src/platform/signing/keys.ts';
import { postgresReachable } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { eventually } from '../support/harness.ts';
import { NATS_URL, natsAvailable } from '../support/nats.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Distributed mode: the agency processes' officer acts — worklist reads and decisions, settings changes — reach the
 * platform's audit trail in the hub's database as signed `audit.recorded` messages from the agency's outbox
 * (platform/audit/outbox-audit.ts, hub/audit-intake.ts): the citizen sees them at /me/data-access, a replayed message
 * appends nothing, and an agency cannot record an act in another agency's name.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: distributed-mode suites — they need the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('distributed mode: agency processes’ officer acts in the platform audit trail', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let d: Launched;
    let hubDb: Db;
    let tokens: TokenService;
    const logs: string[] = [];
    before(async () => {
      cluster = await launchTestCluster({ env: { LOG_LEVEL: 'info' }, output: (role, line) => logs.push(`${role} ${line}`) });
      d = cluster.d;
      hubDb = openPostgres(d.databaseUrls.hub);
      tokens = new TokenService(d.tokenSecret);
    });
    after(async () => {
      await hubDb?.close();
      await cluster?.close();
    });

    const as = async (who: Json) => ({ authorization: `Bearer ${await tokens.issue(who as never)}`, 'content-type': 'application/json' });
    const entries = (where: string, params: unknown[]) =>
      hubDb.query<{ seq: string; action: string; actor_id: string; agency: string | null; resource: string | null; details: Json }>(
        `SELECT seq, action, actor_id, agency, resource, details FROM audit.entries WHERE ${where} ORDER BY seq`,
        params,
      );

    test('a civil-registry officer’s read and decision on the registry’s own process reach the trail; the mother sees them', async () => {
      const mother = { kind: 'citizen', pin: PEOPLE.youngMother };
      const decl = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' } });
      delete (decl as { father?: unknown }).father;
      const sub = await fetch(`${d.portalUrl}/api/v1/dossiers`, { method: 'POST', headers: { ...(await as(mother)), 'idempotency-key': 'audit-1' }, body: JSON.stringify({ group: 'birth', declaration: decl }) });
      assert.equal(sub.status, 202, await sub.clone().text());
      const { id } = (await sub.json()) as { id: string };
      const officer = await as({ kind: 'officer', username: 'cr-dist', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
      const reviews = `${d.urls['civil-registry']}/api/v1/agencies/civil-registry/reviews`;
      const review = await eventually(async () => ((await (await fetch(reviews, { headers: officer })).json()) as { items: Json[] }).items.find((x) => x.dossierId === id), 'the review on the registry’s process', 60_000);
      const { 'content-type': _json, ...bare } = officer;
      assert.equal((await fetch(`${reviews}/${review.id}/claim`, { method: 'POST', headers: bare })).status, 200);
      const decided = await fetch(`${reviews}/${review.id}/decision`, { method: 'POST', headers: officer, body: JSON.stringify({ decision: 'approve', note: 'age confirmed' }) });
      assert.equal(decided.status, 200, await decided.clone().text());

      const seen = await eventually(async () => {
        const r = (await (await fetch(`${d.portalUrl}/api/v1/me/data-access?limit=200`, { headers: await as(mother) })).json()) as { items: { action: string; by: Json; resource: string; at: string }[] };
        const mine = r.items.filter((i) => i.resource === `review/${review.id}`);
        return mine.some((i) => i.action === 'review.approve') && mine.some((i) => i.action === 'review.read') ? mine : undefined;
      }, 'the officer’s acts in the mother’s view', 60_000);
      for (const i of seen) assert.deepEqual(i.by, { kind: 'officer', id: 'cr-dist', agency: 'civil-registry' });
      // Recorded under the time they happened, in the trail's order.
      const approve = seen.find((i) => i.action === 'review.approve')!;
      const read = seen.find((i) => i.action === 'review.read')!;
      assert.ok(read.at <= approve.at);
    });

    test('a settings change on social security’s process is in the trail once, even when its message is replayed', async () => {
      const operator = await as({ kind: 'officer', username: 'it-vss-dist', agency: 'social-security', role: 'it-operator', provinceCode: null });
      const put = await fetch(`${d.urls['social-security']}/api/v1/agencies/social-security/settings/provinces/35`, { method: 'PUT', headers: operator, body: JSON.stringify({ hiCardApproval: 'director', reason: 'Quyết định của Giám đốc BHXH tỉnh' }) });
      assert.equal(put.status, 200, await put.clone().text());
      const where = `action = 'config.changed' AND resource = 'social-security/settings/provinces/35'`;
      const [entry] = await eventually(async () => ((e) => (e.length ? e : undefined))(await entries(where, [])), 'the change in the trail', 60_000);
      assert.deepEqual([entry!.actor_id, entry!.agency], ['it-vss-dist', 'social-security']);
      assert.deepEqual(entry!.details.after, { hiCardApproval: 'director' });
      assert.equal(entry!.details.reason, 'Quyết định của Giám đốc BHXH tỉnh');

      // Replay: the very message, published again past the bus's deduplication window key.
      const ss = openPostgres(d.databaseUrls['social-security']);
      try {
        const [row] = await ss.query<{ envelope: Envelope }>(`SELECT envelope FROM social_security.outbox WHERE type = 'audit.recorded' AND envelope->'payload'->>'action' = 'config.changed'`);
        assert.ok(row, 'the act went out through social security’s outbox');
        assert.equal(row.envelope.dossierId, AUDIT_DOSSIER);
        const nc = await connect({ servers: NATS_URL });
        try {
          const before = logs.filter((l) => l.startsWith('hub ') && l.includes('message already applied; ignored')).length;
          await jetstream(nc).publish(natsNames(cluster.prefix).subject('hub'), JSON.stringify(row.envelope), { msgID: `${row.envelope.id}:again` });
          await eventually(async () => (logs.filter((l) => l.startsWith('hub ') && l.includes('message already applied; ignored')).length > before ? true : undefined), 'the replay ignored', 60_000);
        } finally {
          await nc.close();
        }
      } finally {
        await ss.close();
      }
      assert.equal((await entries(where, [])).length, 1, 'appended once');
    });

    test('an agency cannot record an act in another agency’s name: the message is refused and dead-lettered', async () => {
      const forged = signEnvelope(
        makeEnvelope({
          type: 'audit.recorded',
          sender: 'civil-registry',
          recipient: 'hub',
          dossierId: AUDIT_DOSSIER,
          causationId: null,
          time: new Date().toISOString(),
          payload: { at: new Date().toISOString(), actor: { kind: 'officer', username: 'gd-hanam', agency: 'social-security', role: 'vss-director', provinceCode: '35' }, action: 'worklist.approve', purpose: 'forged', subjectPin: null, resource: 'worklist/x', details: {} },
        }),
        { keyId: d.keys['civil-registry'].keyId, privateKey: privateKeyFrom(d.keys['civil-registry'].privateKey) },
      );
      const nc = await connect({ servers: NATS_URL });
      try {
        await jetstream(nc).publish(natsNames(cluster.prefix).subject('hub'), JSON.stringify(forged), { msgID: forged.id });
      } finally {
        await nc.close();
      }
      const t = await NatsTransport.connect({ url: NATS_URL, prefix: cluster.prefix, log: makeLogger({ level: 'silent' }) });
      try {
        const dead = await eventually(async () => (await t.deadLetters()).find((x) => x.envelope.id === forged.id), 'the forged act dead-lettered', 60_000);
        assert.match(dead.error, /civil-registry may not record an act of social-security/);
      } finally {
        await t.close();
      }
      assert.deepEqual(await entries(`purpose = 'forged'`, []), []);
    });

    test('the trail, with the acts the agencies sent, is one unbroken chain', async () => {
      const rows = await hubDb.query<{ seq: string; at: string; actor_kind: string; actor_id: string; agency: string | null; action: string; purpose: string; subject: string | null; resource: string | null; details: Json; prev_hash: string; hash: string }>(
        `SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor_kind, actor_id, agency, action, purpose, subject, resource, details, prev_hash, hash FROM audit.entries ORDER BY seq`,
      );
      const chain: ChainedEntry[] = rows.map((r) => ({ seq: Number(r.seq), at: r.at, actorKind: r.actor_kind, actorId: r.actor_id, agency: r.agency, action: r.action, purpose: r.purpose, subject: r.subject, resource: r.resource, details: r.details, prevHash: r.prev_hash, hash: r.hash }));
      assert.ok(chain.some((e) => e.agency === 'social-security') && chain.some((e) => e.agency === 'civil-registry'));
      assert.deepEqual(verifyChain(chain), { ok: true, entries: chain.length, headHash: chain.at(-1)!.hash });
    });
  });
}
