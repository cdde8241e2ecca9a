import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Launched } from '../../src/cli/distributed/launcher.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { postgresReachable } from '../support/databases.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually } from '../support/harness.ts';
import { natsAvailable } from '../support/nats.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Distributed mode: a rule version social security's operator adds reaches the hub (agencies/social-security/rules/
 * publish.ts → hub/rule-versions.ts), so the hub's edge check of a voluntary-SI income — at the portal, where the
 * citizen submits — uses it: after a raise of the base salary an income between the old and the new ceiling is
 * accepted. A version the hub never got (added before the message existed) arrives when social security restarts.
 * The clock runs from Fri 24 Jan 2025 (LIENTHONG_CLOCK): a version from 1 March is in the future.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: distributed-mode suites — they need the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('distributed mode: social security’s rule versions in the hub’s edge checks', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let d: Launched;
    let hubDb: Db;
    let ssDb: Db;
    let tokens: TokenService;
    before(async () => {
      cluster = await launchTestCluster();
      d = cluster.d;
      hubDb = openPostgres(d.databaseUrls.hub);
      ssDb = openPostgres(d.databaseUrls['social-security']);
      tokens = new TokenService(d.tokenSecret);
    });
    after(async () => {
      await hubDb?.close();
      await ssDb?.close();
      await cluster?.close();
    });

    const as = async (who: Json) => ({ authorization: `Bearer ${await tokens.issue(who as never)}`, 'content-type': 'application/json' });
    const submit = async (pin: string, declaration: Json, key: string) =>
      fetch(`${d.portalUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { ...(await as({ kind: 'citizen', pin })), 'idempotency-key': key },
        body: JSON.stringify({ group: 'voluntary-si', declaration }),
      });
    /** Between two tries of a probe that goes through the portal (CPU is shared): a quarter of a second. */
    const pause = async (): Promise<undefined> => void (await new Promise((r) => setTimeout(r, 250)));
    const received = () => hubDb.query<{ version: string; value: unknown }>('SELECT version, value FROM hub.rule_versions ORDER BY sequence');

    test('after a raise of the base salary, an income between the old and the new ceiling is accepted at the portal', async () => {
      // 50,000,000 a month from March 2025: above 20 × 2,340,000 = 46,800,000 (built in), under 20 × 3,000,000.
      const declaration = voluntarySiDeclaration({ monthlyIncome: 50_000_000, startMonth: '2025-03' });
      const refused = await submit(VOLUNTARY.newcomer, declaration, 'raise-1');
      assert.equal(refused.status, 400, await refused.clone().text());
      assert.deepEqual(((await refused.json()) as { fields: Json[] }).fields.map((f) => [f.path, f.code]), [['declaration.monthlyIncome', 'income-above-ceiling']]);

      const operator = await as({ kind: 'officer', username: 'it-vss-dist', agency: 'social-security', role: 'it-operator', provinceCode: null });
      const added = await fetch(`${d.urls['social-security']}/api/v1/agencies/social-security/rules/base-salary/versions`, {
        method: 'POST',
        headers: operator,
        body: JSON.stringify({ version: 'base-salary-2025-03-dist', effectiveFrom: '2025-03-01', value: 3_000_000, legalBasis: 'Nghị định 999/2025/NĐ-CP (test)', reason: 'Mức lương cơ sở mới từ 01/3/2025' }),
      });
      assert.equal(added.status, 201, await added.clone().text());

      // The portal's copy follows the hub's database within seconds of the hub storing the version.
      const accepted = await eventually(async () => {
        const r = await submit(VOLUNTARY.newcomer, declaration, 'raise-1');
        return r.status === 202 ? ((await r.json()) as { id: string }) : pause();
      }, 'the income accepted at the portal', 60_000);
      assert.deepEqual(await received(), [{ version: 'base-salary-2025-03-dist', value: 3_000_000 }]);

      // Social security checks again with its own tables, and agrees.
      const me = await as({ kind: 'citizen', pin: VOLUNTARY.newcomer });
      const dossier = await eventually(async () => {
        const b = (await (await fetch(`${d.portalUrl}/api/v1/dossiers/${accepted.id}`, { headers: me })).json()) as { status: string; procedures: Json[] };
        return ['awaiting-payment', 'completed', 'rejected', 'partially-completed'].includes(b.status) ? b : pause();
      }, 'the dossier at social security', 60_000);
      assert.equal(dossier.status, 'awaiting-payment', JSON.stringify(dossier.procedures));
    });

    test('a version the hub never got arrives when social security’s process starts again; nothing is doubled', async () => {
      // As if added before versions were sent to the hub: in social security's table, with no message.
      await ssDb.query(
        `INSERT INTO social_security.rule_versions (table_name, version, effective_from, value, legal_basis, added_by, reason, added_at)
         VALUES ('rural-poverty-line', 'rpl-2025-06-dist', '2025-06-01', '2000000', 'Nghị định 998/2025/NĐ-CP (test)', 'officer:it-vss-dist', 'Trước khi có đồng bộ', now())`,
      );
      await d.kill('social-security', 'SIGTERM');
      await d.start('social-security');
      await eventually(async () => ((await received()).length === 2 ? true : undefined), 'the missed version in the hub', 60_000);
      assert.deepEqual(await received(), [
        { version: 'base-salary-2025-03-dist', value: 3_000_000 },
        { version: 'rpl-2025-06-dist', value: 2_000_000 },
      ]);
      // And the edge check uses it: 1,900,000 from June is now under the floor (the built-in line is 1,500,000). The
      // declaration also names `years` for a monthly payment, so it is refused whatever the floor and never stored:
      // a dry run of the portal's check.
      const participant = { pin: VOLUNTARY.withCode, phone: '0912345679', email: 'an@example.vn' };
      const declaration = voluntarySiDeclaration({ participant, monthlyIncome: 1_900_000, startMonth: '2025-06', years: 1 });
      const codes = async () => {
        const r = await submit(VOLUNTARY.withCode, declaration, 'floor-1');
        assert.equal(r.status, 400, await r.clone().text());
        return ((await r.json()) as { fields: Json[] }).fields.map((f) => [f.path, f.code]);
      };
      const seen = await eventually(async () => ((c) => (c.length === 2 ? c : pause()))(await codes()), 'the new floor at the portal', 60_000);
      assert.deepEqual(seen, [['declaration.years', 'not-allowed'], ['declaration.monthlyIncome', 'income-below-floor']]);
    });
  });
}
