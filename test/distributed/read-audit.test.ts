import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { postgresReachable } from '../support/databases.ts';
import { birthDeclaration, DEATH, PEOPLE } from '../support/fixtures.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { eventually } from '../support/harness.ts';
import { natsAvailable } from '../support/nats.ts';

type Item = { by: { kind: string; id: string; agency: string | null }; action: string; purpose: string; resource: string };

/**
 * Distributed mode, issue 4 "every read of a person's data": the hub process records what it sends each agency process
 * (one entry per person named), and the health process's facility reads reach the trail through its outbox; each
 * person sees them at the portal's /me/data-access.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: distributed read-audit suite — it needs the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('distributed mode: disclosures to agencies and facilities’ reads in the person’s view', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let d: Launched;
    let tokens: TokenService;
    before(async () => {
      cluster = await launchTestCluster();
      d = cluster.d;
      tokens = new TokenService(d.tokenSecret);
    });
    after(async () => cluster?.close());

    const seen = async (pin: string) =>
      ((await (await fetch(`${d.portalUrl}/api/v1/me/data-access?limit=200`, { headers: { authorization: `Bearer ${await tokens.issue({ kind: 'citizen', pin })}` } })).json()) as { items: Item[] }).items;

    test('the agencies a birth dossier went to are in the father’s view, each as itself', async () => {
      const mother = await tokens.issue({ kind: 'citizen', pin: PEOPLE.mother });
      const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mother}`, 'content-type': 'application/json', 'idempotency-key': 'read-audit-1' },
        body: JSON.stringify({ group: 'birth', declaration: birthDeclaration({ child: { fullName: 'Lê Minh Khang', sex: 'male', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }) }),
      });
      assert.equal(res.status, 202, await res.clone().text());
      const { id } = (await res.json()) as { id: string };
      const agencies = await eventually(async () => {
        const mine = (await seen(PEOPLE.father)).filter((i) => i.action === 'data.disclosed' && i.resource === `dossier/${id}`);
        const who = new Set(mine.map((i) => `${i.by.kind}:${i.by.id}:${i.by.agency}`));
        return who.size === 3 ? who : undefined;
      }, 'the three agencies in the father’s view', 60_000);
      assert.deepEqual(agencies, new Set(['part:population:population', 'part:civil-registry:civil-registry', 'part:social-security:social-security']));
    });

    test('a facility reading its notice on the health process is in the deceased’s view', async () => {
      const facility = await tokens.issue({ kind: 'system', client: 'bv-hanam', agency: 'health', scopes: ['death-notices:submit'] });
      const sent = await fetch(`${d.urls.health}/api/v1/agencies/health/death-notices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${facility}`, 'content-type': 'application/json' },
        body: JSON.stringify({ facilityCode: '35001', noticeNumber: 'BT-RA-1', deceasedPin: DEATH.worker, dateOfDeath: '2025-01-15', timeOfDeath: '14:30', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', causeCategory: 'illness' }),
      });
      assert.equal(sent.status, 201, await sent.clone().text());
      const { id } = (await sent.json()) as { id: string };
      assert.equal((await fetch(`${d.urls.health}/api/v1/agencies/health/death-notices/${id}`, { headers: { authorization: `Bearer ${facility}` } })).status, 200);
      const reads = await eventually(async () => ((r) => (r.length ? r : undefined))((await seen(DEATH.worker)).filter((i) => i.resource === `death-notice/${id}`)), 'the read in the view', 60_000);
      assert.deepEqual(reads.map((i) => [i.by.kind, i.by.id, i.by.agency, i.action]), [['system', 'bv-hanam', 'health', 'death-notice.read']]);
    });
  });
}
