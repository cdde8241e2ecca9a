import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isSentToHub, RuleVersionOutbox, TABLES_SENT_TO_HUB } from '../../src/agencies/social-security/rules/publish.ts';
import { SocialSecurityRules } from '../../src/agencies/social-security/rules/service.ts';
import { loadRuleBook } from '../../src/agencies/social-security/rules/store.ts';
import { socialSecurityMigrations } from '../../src/agencies/social-security/migrations.ts';
import { hubMigrations } from '../../src/hub/migrations.ts';
import { hubRuleVersionsStore, ruleVersionIntakeHandlers } from '../../src/hub/rule-versions.ts';
import { RULE_TABLE_NAMES } from '../../src/kernel/rules/rule-book.ts';
import type { IsoDate } from '../../src/kernel/dates.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { InProcessTransport } from '../../src/platform/bus/in-process-transport.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { PartRuntime } from '../../src/platform/messaging/part-runtime.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { eventually, START } from '../support/harness.ts';

/**
 * Distributed mode and the SI fund rate table (agencies/social-security/rules/publish.ts): only social security computes
 * a lump sum's amount, so its `si-fund-rate` versions stay with it — stored and used there, never sent to the hub (whose
 * message schema and `hub.rule_versions` admit only the tables its edge checks read), neither when added nor when every
 * version is sent again at social security's start. The other tables still reach the hub.
 */
const OPERATOR: Principal = { kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null };
const TYPE = 'social-security.rule-version.added';

test('every table but the SI fund rate is sent to the hub', () => {
  assert.deepEqual(RULE_TABLE_NAMES.filter(isSentToHub), [...TABLES_SENT_TO_HUB]);
  assert.deepEqual(RULE_TABLE_NAMES.filter((t) => !isSentToHub(t)), ['si-fund-rate']);
});

for (const engine of await engines()) {
  describe(`the SI fund rate stays with social security in distributed mode (${engine})`, () => {
    let t: TestDb;
    let transport: InProcessTransport;
    let hubRt: PartRuntime;
    let ssRt: PartRuntime;
    let rules: SocialSecurityRules;
    let outbox: RuleVersionOutbox;
    const clock = runningClockFrom(new Date(START));
    before(async () => {
      t = await freshDb(engine);
      await migrate(t.db, hubMigrations);
      await migrate(t.db, socialSecurityMigrations);
      transport = new InProcessTransport(0);
      const deps = { db: t.db, transport, clock, log: makeLogger({ level: 'silent' }), retention: null };
      hubRt = new PartRuntime('hub', deps, ruleVersionIntakeHandlers());
      ssRt = new PartRuntime('social-security', deps, {});
      outbox = new RuleVersionOutbox(() => ssRt);
      rules = new SocialSecurityRules(t.db, clock, undefined, undefined, outbox);
      await hubRt.start();
      await ssRt.start();
    });
    after(async () => {
      await ssRt?.stop();
      await hubRt?.stop();
      await transport?.close();
      await t?.drop();
    });

    const sent = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM social_security.outbox WHERE type = $1', [TYPE]))[0]!.n;

    test('added: stored and used by social security, nothing queued for the hub; a base salary added next still goes', async () => {
      await rules.addVersion(OPERATOR, 'si-fund-rate', { version: 'si-fund-rate-2024-vss', effectiveFrom: '2025-02-01', value: { year: 2024, monthlyRatePpm: 3_950 }, legalBasis: 'Thông báo BHXH Việt Nam (test)', reason: 'Lãi suất năm 2024 đã công bố' });
      assert.equal(await sent(), 0);
      const { book } = await t.db.transaction((tx) => loadRuleBook(tx));
      assert.deepEqual(book.siFundRate.at('2025-02-01' as IsoDate).value, { year: 2024, monthlyRatePpm: 3_950 });

      await rules.addVersion(OPERATOR, 'base-salary', { version: 'base-salary-2025-03-sync', effectiveFrom: '2025-03-01', value: 3_000_000, legalBasis: 'Nghị định 999/2025/NĐ-CP (test)', reason: 'Mức lương cơ sở mới' });
      assert.equal(await sent(), 1);
      const rows = await eventually(async () => ((r) => (r.length ? r : undefined))(await hubRuleVersionsStore.all(t.db)), 'the base salary in the hub');
      assert.deepEqual(rows.map((r) => [r.table, r.version]), [['base-salary', 'base-salary-2025-03-sync']]);
    });

    test('sent again at start: only the tables the hub reads', async () => {
      assert.equal(await outbox.resendAll(), 1);
      assert.equal(await sent(), 2);
      await eventually(async () => ((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.inbox WHERE type = $1', [TYPE]))[0]!.n === 2 ? true : undefined), 'the second message applied');
      assert.deepEqual((await hubRuleVersionsStore.all(t.db)).map((r) => r.version), ['base-salary-2025-03-sync']);
    });
  });
}
