import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RULES_DOSSIER, RuleVersionOutbox } from '../../src/agencies/social-security/rules/publish.ts';
import { SocialSecurityRules } from '../../src/agencies/social-security/rules/service.ts';
import { socialSecurityMigrations } from '../../src/agencies/social-security/migrations.ts';
import { makeEnvelope, type Envelope } from '../../src/contracts/envelope.ts';
import type { PartName } from '../../src/contracts/parts.ts';
import { checkVoluntarySi } from '../../src/hub/groups/voluntary-si-rules.ts';
import { hubMigrations } from '../../src/hub/migrations.ts';
import { HubRuleBook, hubBookOf, hubRuleVersionsStore, ruleVersionIntakeHandlers } from '../../src/hub/rule-versions.ts';
import type { IsoDate, IsoMonth } from '../../src/kernel/dates.ts';
import { BUILT_IN_RULES } from '../../src/kernel/rules/rule-book.ts';
import { voluntaryIncomeBounds } from '../../src/kernel/rules/voluntary-income.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { InProcessTransport } from '../../src/platform/bus/in-process-transport.ts';
import { DeadLetteredError } from '../../src/platform/bus/transport.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { PartRuntime } from '../../src/platform/messaging/part-runtime.ts';
import { AgencyRegistry } from '../../src/platform/signing/registry.ts';
import { generateSigningKey } from '../../src/platform/signing/keys.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

/**
 * Distributed mode's copy of social security's rule tables in the hub (hub/rule-versions.ts,
 * agencies/social-security/rules/publish.ts; docs/back-office.md "Rule tables"): a version social security's operator
 * adds leaves in the transaction that stores it and only then; the hub keeps each version once by its id, in the order
 * social security added them whatever order they arrive in, refuses what contradicts what it has or cannot be merged,
 * and its edge check of a voluntary-SI income uses what it received.
 */
const OPERATOR: Principal = { kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null };
const log = makeLogger({ level: 'silent' });
const TYPE = 'social-security.rule-version.added';

test('the agency registry’s default rights: social security may send a rule version, the hub receive it, no one else', () => {
  const keys = (id: string) => ({ keys: [{ keyId: id, publicKey: generateSigningKey(id).publicKey }] });
  const registry = AgencyRegistry.from({ parts: { hub: keys('hub-1'), 'social-security': keys('ss-1'), 'civil-registry': keys('cr-1') } });
  assert.equal(registry.maySend('social-security', TYPE), true);
  assert.equal(registry.mayReceive('hub', TYPE), true);
  assert.equal(registry.maySend('civil-registry', TYPE), false);
  assert.equal(registry.maySend('hub', TYPE), false);
  assert.equal(registry.mayReceive('social-security', TYPE), false);
});

for (const engine of await engines()) {
  describe(`social security's rule versions reach the hub (${engine})`, () => {
    let t: TestDb;
    // Dedupe window 0: a message published again reaches the hub's inbox, which must dedupe it by itself.
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
      const deps = { db: t.db, transport, clock, log, retention: null };
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

    const received = () => hubRuleVersionsStore.all(t.db);
    const sentBySs = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM social_security.outbox WHERE type = $1`, [TYPE]))[0]!.n;
    const envelope = (payload: Record<string, unknown>, sender: PartName = 'social-security'): Envelope =>
      makeEnvelope({ type: TYPE, sender, recipient: 'hub', dossierId: RULES_DOSSIER, causationId: null, time: clock.now().toISOString(), payload });
    const version = (over: Record<string, unknown>) => ({ sequence: 100, table: 'rural-poverty-line', version: 'rpl-2025-04-a', effectiveFrom: '2025-04-01', value: 2_500_000, legalBasis: 'Nghị định 1/2025/NĐ-CP (test)', addedAt: '2025-01-24T02:00:00.000Z', ...over });
    const publish = (e: Envelope) => transport.publish(e);

    test('a version the operator adds leaves with it and reaches the hub, whose edge check then allows an income up to the new ceiling', async () => {
      // 50,000,000 from March 2025: above 20 × 2,340,000 = 46,800,000, under 20 × 3,000,000 = 60,000,000.
      const declaration = voluntarySiDeclaration({ monthlyIncome: 50_000_000, startMonth: '2025-03' }) as Parameters<typeof checkVoluntarySi>[0];
      const today = '2025-01-24' as IsoDate;
      assert.deepEqual(checkVoluntarySi(declaration, today, hubBookOf(await received())).map((i) => i.code), ['income-above-ceiling']);

      await rules.addVersion(OPERATOR, 'base-salary', { version: 'base-salary-2025-03-sync', effectiveFrom: '2025-03-01', value: 3_000_000, legalBasis: 'Nghị định 999/2025/NĐ-CP (test)', reason: 'Mức lương cơ sở mới' });
      assert.equal(await sentBySs(), 1, 'queued in social security’s outbox with the version');
      const [row] = await eventually(async () => ((r) => (r.length ? r : undefined))(await received()), 'the version in the hub');
      assert.deepEqual({ ...row, sequence: typeof row!.sequence }, { version: 'base-salary-2025-03-sync', sequence: 'number', table: 'base-salary', effectiveFrom: '2025-03-01', value: 3_000_000, legalBasis: 'Nghị định 999/2025/NĐ-CP (test)' });

      const book = hubBookOf(await received());
      assert.equal(voluntaryIncomeBounds('2025-03' as IsoMonth, book).ceiling, 60_000_000);
      assert.equal(voluntaryIncomeBounds('2025-02' as IsoMonth, book).ceiling, 46_800_000, 'months before the date keep the old ceiling');
      assert.deepEqual(checkVoluntarySi(declaration, today, book), []);
      assert.deepEqual(checkVoluntarySi(declaration, today, BUILT_IN_RULES).map((i) => i.code), ['income-above-ceiling'], 'the built-in tables alone would refuse it');
    });

    test('an addition refused by social security sends nothing', async () => {
      const before = await sentBySs();
      await assert.rejects(
        rules.addVersion(OPERATOR, 'base-salary', { version: 'base-salary-2025-03-sync', effectiveFrom: '2025-05-01', value: 3_100_000, legalBasis: 'Nghị định (test)', reason: 'Thử lại cùng mã' }),
        (e: { code?: string }) => e.code === 'CONFLICT',
      );
      await assert.rejects(rules.addVersion(OPERATOR, 'base-salary', { version: 'base-salary-2025-01-past', effectiveFrom: '2025-01-24', value: 3_100_000, legalBasis: 'Nghị định (test)', reason: 'Hôm nay' }));
      assert.equal(await sentBySs(), before);
    });

    test('social security sending every version again (its start) changes nothing in the hub', async () => {
      const before = await received();
      assert.equal(await outbox.resendAll(), 1);
      await eventually(async () => ((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hub.inbox WHERE type = $1`, [TYPE]))[0]!.n === 2 ? true : undefined), 'the second message applied');
      assert.deepEqual(await received(), before);
    });

    test('versions arriving out of order are merged in the order social security added them: at one date the later one wins', async () => {
      await publish(envelope(version({ sequence: 101, version: 'rpl-2025-04-b', value: 2_600_000 })));
      await publish(envelope(version({ sequence: 100, version: 'rpl-2025-04-a', value: 2_500_000 })));
      const book = hubBookOf(await received());
      assert.equal(book.ruralPovertyLine.at('2025-04-01' as IsoDate).value, 2_600_000);
      assert.equal(book.ruralPovertyLine.at('2025-04-01' as IsoDate).version, 'rpl-2025-04-b');
      assert.equal(voluntaryIncomeBounds('2025-04' as IsoMonth, book).floor, 2_600_000);
    });

    test('a redelivered message, and the same version in a new message, change nothing', async () => {
      const e = envelope(version({ sequence: 102, version: 'sr-2025-06', table: 'support-rates', effectiveFrom: '2025-06-01', value: { poor: 5000, 'near-poor': 4000, 'ethnic-minority': 3000, 'island-commune': 5000, other: 2000 } }));
      await publish(e);
      const once = await received();
      await publish(e); // the same message id: the hub's inbox
      await publish({ ...e, id: crypto.randomUUID() }); // the same version, sent again: by its id
      // The same content, its keys in another order (jsonb keeps its own): still the same version.
      await publish(envelope(version({ sequence: 102, version: 'sr-2025-06', table: 'support-rates', effectiveFrom: '2025-06-01', value: { other: 2000, poor: 5000, 'island-commune': 5000, 'near-poor': 4000, 'ethnic-minority': 3000 } })));
      assert.deepEqual(await received(), once);
      assert.equal(hubBookOf(once).supportRates.at('2025-06-01' as IsoDate).value.poor, 5000);
    });

    const refused: [string, Envelope, RegExp][] = [
      ['the same version id with another value', envelope(version({ sequence: 100, version: 'rpl-2025-04-a', value: 2_700_000 })), /received before with other content/],
      ['the id of a built-in version', envelope(version({ sequence: 200, table: 'base-salary', version: 'base-salary-2024-07', effectiveFrom: '2025-07-01', value: 2_500_000 })), /cannot be merged: duplicate rule version id/],
      ['a sequence already taken by another version', envelope(version({ sequence: 101, version: 'rpl-2025-09' })), /sequence 101 of rpl-2025-04-b/],
      ['a value of another table’s shape', envelope(version({ sequence: 201, table: 'base-salary', version: 'bs-shape', value: { poor: 1 } })), /payload of social-security.rule-version.added invalid/],
      ['an amount out of bounds (a misplaced digit)', envelope(version({ sequence: 202, table: 'base-salary', version: 'bs-digit', value: 3_000 })), /invalid/],
      ['a support rate missing a group', envelope(version({ sequence: 203, table: 'support-rates', version: 'sr-short', value: { poor: 5000 } })), /invalid/],
      ['a field the hub does not need (who added it)', envelope({ ...version({ sequence: 204, version: 'rpl-extra' }), addedBy: 'officer:it-vss' }), /invalid/],
      ['not a date', envelope(version({ sequence: 205, version: 'rpl-date', effectiveFrom: '2025-13-01' })), /invalid/],
      ['sent by another part', envelope(version({ sequence: 206, version: 'rpl-cr' }), 'civil-registry'), /civil-registry may not send social-security.rule-version.added/],
    ];
    for (const [what, e, why] of refused) {
      test(`refused (dead-lettered), nothing stored: ${what}`, async () => {
        const before = await received();
        await assert.rejects(publish(e), (err: Error) => err instanceof DeadLetteredError && why.test(err.message));
        assert.deepEqual(await received(), before);
      });
    }

    test('the hub’s copy is append-only', async () => {
      await assert.rejects(t.db.query(`UPDATE hub.rule_versions SET value = '1'`), /append-only/);
      await assert.rejects(t.db.query(`DELETE FROM hub.rule_versions`), /append-only/);
    });

    test('the book in memory follows the hub’s database on its own timer, without being asked', async () => {
      const copy = new HubRuleBook(t.db, log, 50);
      await copy.start();
      try {
        assert.equal(copy.book().baseSalary.at('2025-03-01' as IsoDate).value, 3_000_000, 'loaded at start');
        await publish(envelope(version({ sequence: 300, table: 'base-salary', version: 'bs-2025-08', effectiveFrom: '2025-08-01', value: 3_200_000 })));
        await eventually(async () => (copy.book().baseSalary.at('2025-08-01' as IsoDate).value === 3_200_000 ? true : undefined), 'the new version in the copy');
      } finally {
        await copy.stop();
      }
    });
  });
}
