import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { postgresReachable } from '../support/databases.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { DEATH, deathDeclaration } from '../support/fixtures.ts';
import { eventually } from '../support/harness.ts';
import { natsAvailable } from '../support/nats.ts';

/**
 * The death-notice path in distributed mode: the health process takes the facility's notice on its own HTTP API and
 * database, and answers the civil registry's question over NATS — both messages signed and checked against the
 * registry the launcher generates (health may send only its answer, the civil registry only its question).
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: distributed death-notice suite — it needs the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('death notices across the processes: health ↔ civil registry, signed, over NATS', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let d: Launched;
    before(async () => {
      cluster = await launchTestCluster();
      d = cluster.d;
    });
    after(async () => cluster?.close());

    const declare = async (declaration: ReturnType<typeof deathDeclaration>, key: string) => {
      const me = await new TokenService(d.tokenSecret).issue({ kind: 'citizen', pin: declaration.declarant.pin });
      const res = await fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ group: 'death', declaration }),
      });
      assert.equal(res.status, 202, await res.clone().text());
      const { id } = (await res.json()) as { id: string };
      return eventually(async () => {
        const b = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${me}` } })).json()) as {
          status: string;
          procedures: { code: string; status: string; result: Record<string, unknown> | null; reasons: { path: string; code: string }[] }[];
        };
        return ['completed', 'rejected', 'partially-completed'].includes(b.status) ? b : undefined;
      }, `death dossier ${id}`, 60_000);
    };

    test('the health process answers /health; a facility’s notice corroborates the registration; an unknown one is refused', async () => {
      const h = (await (await fetch(`${d.urls.health}/health`)).json()) as { process: string; bus: string };
      assert.deepEqual([h.process, h.bus], ['health', 'nats']);

      const facility = await new TokenService(d.tokenSecret).issue({ kind: 'system', client: 'bv-hanam', agency: 'health', scopes: ['death-notices:submit'] });
      const sent = await fetch(`${d.urls.health}/api/v1/agencies/health/death-notices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${facility}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          facilityCode: '35001', noticeNumber: 'BT-2025-000117', deceasedPin: DEATH.pensioner, dateOfDeath: '2025-01-15', timeOfDeath: '14:30',
          placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', causeCategory: 'illness',
        }),
      });
      assert.equal(sent.status, 201, await sent.clone().text());
      const { id: noticeId } = (await sent.json()) as { id: string };

      const ok = await declare(deathDeclaration({ deceased: { pin: DEATH.pensioner, dateOfDeath: '2025-01-15', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness', deathNoticeId: noticeId } }), 'dist-notice-1');
      assert.equal(ok.status, 'completed', JSON.stringify(ok.procedures));
      assert.deepEqual(ok.procedures[0]!.result!.medicalNotice, { facility: '35001', number: 'BT-2025-000117' });

      const refused = await declare(
        deathDeclaration({
          declarant: { pin: DEATH.workerWidow, relationship: 'spouse' },
          deceased: { pin: DEATH.worker, dateOfDeath: '2025-01-20', placeOfDeath: 'Tại nhà', cause: 'other', deathNoticeId: '7d0c4f52-3c59-4a8e-9f0e-1b2a3c4d5e6f' },
          requests: { residenceDeregistration: false, funeralAllowance: false, survivorBenefit: 'none' },
          relatives: [],
          payee: undefined,
        }),
        'dist-notice-2',
      );
      assert.equal(refused.status, 'rejected');
      assert.deepEqual(refused.procedures[0]!.reasons.map((r) => [r.path, r.code]), [['declaration.deceased.deathNoticeId', 'unknown-death-notice']]);
    });
  });
}
