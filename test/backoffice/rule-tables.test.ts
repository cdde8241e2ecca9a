import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { DEATH, deathDeclaration, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * Social security's effective-dated rule tables, extended by its national IT operator through the API (issue 7 item 2):
 * validation (nothing written when refused), who may, and the flow — a new base salary from a future date is used by
 * every decision on a death after that date and recorded by its version id, while decisions taken before, and deaths
 * before the date, keep the version they used.
 */
const OPERATOR: Principal = { kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null };
const OPERATOR_HANAM: Principal = { kind: 'officer', username: 'it-vss-hanam', agency: 'social-security', role: 'it-operator', provinceCode: '35' };
const HUB_OPERATOR: Principal = { kind: 'officer', username: 'it-hub', agency: 'hub', role: 'it-operator', provinceCode: null };
const COLLECTOR: Principal = { kind: 'officer', username: 'vss-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };
const citizen = (pin: string): Principal => ({ kind: 'citizen', pin });
const DAY = 86_400_000;
const RULES = '/api/v1/agencies/social-security/rules';

type Decision = { benefit: string; kind: string; amount: number | null; ruleVersion: string; legalBasis: string; explanation: { en: string; vi: string } };
type Version = { version: string; effectiveFrom: string; value: unknown; legalBasis: string; source: string; inForce: boolean; supersededBy: string | null; addedBy: string | null; reason: string | null };
type Table = { table: string; inForce: string | null; versions: Version[] };

for (const engine of await engines()) {
  describe(`rule tables changed by social security's IT operator, through the API (${engine})`, () => {
    let t: TestPlatform;
    // The clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on past a new version's effective date.
    let shift = 0;
    before(async () => {
      const running = runningClockFrom(new Date(START));
      t = await startTestPlatform(engine, START, { clock: { now: () => new Date(running.now().getTime() + shift) } });
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const tables = async (): Promise<Record<string, Table>> => Object.fromEntries(((await call(OPERATOR, 'GET', RULES)).json().tables as Table[]).map((x) => [x.table, x]));
    const written = async () => ({
      versions: (await t.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM social_security.rule_versions'))[0]!.n,
      audited: (await t.p.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit.entries WHERE action = 'config.changed'"))[0]!.n,
    });
    const dossier = async (id: string, pin: string) => (await call(citizen(pin), 'GET', `/api/v1/dossiers/${id}`)).json();
    const funeral = async (declaration: ReturnType<typeof deathDeclaration>): Promise<{ id: string; decision: Decision }> => {
      const res = await call(citizen(declaration.declarant.pin), 'POST', '/api/v1/dossiers', { group: 'death', declaration });
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().id as string;
      const d = await eventually(async () => {
        const v = await dossier(id, declaration.declarant.pin);
        return ['completed', 'partially-completed', 'rejected'].includes(v.status) ? v : undefined;
      }, `death dossier ${id}`);
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures));
      const decisions = d.procedures.find((p: { code: string }) => p.code === 'death-benefits').result.decisions as Decision[];
      return { id, decision: decisions.find((x) => x.benefit === 'funeral-allowance')! };
    };
    const death = (deceased: string, declarant: string, relationship: string, dateOfDeath: string) =>
      deathDeclaration({
        declarant: { pin: declarant, relationship },
        deceased: { pin: deceased, dateOfDeath, placeOfDeath: 'Tại nhà', cause: 'illness' },
        requests: { residenceDeregistration: false, funeralAllowance: true, survivorBenefit: 'none' },
        relatives: [],
        payee: { pin: declarant, bankAccount: { bankBin: '970436', accountNumber: '5566778899' } },
      });
    const NEW = { version: 'base-salary-2025-02-test', effectiveFrom: '2025-02-01', value: 2_600_000, legalBasis: 'Nghị định 999/2025/NĐ-CP (test)', reason: 'Nghị định mới về mức lương cơ sở' };

    test('the tables as shipped: every built-in version, the one in force today marked', async () => {
      const all = await tables();
      assert.deepEqual(Object.keys(all), ['base-salary', 'rural-poverty-line', 'support-rates', 'si-fund-rate']);
      // The SI fund rate: sample values, said so in every built-in version; in force the one of 2024 (from 2025-01-01).
      assert.equal(all['si-fund-rate']!.inForce, 'si-fund-rate-2024-sample');
      assert.deepEqual(all['si-fund-rate']!.versions.find((v) => v.inForce)!.value, { year: 2024, monthlyRatePpm: 4_000 });
      assert.ok(all['si-fund-rate']!.versions.every((v) => v.source === 'built-in' && /SAMPLE value \(unconfirmed\)/.test(v.legalBasis)));
      assert.equal(all['base-salary']!.inForce, 'base-salary-2024-07');
      assert.deepEqual(all['base-salary']!.versions.filter((v) => v.inForce).map((v) => v.version), ['base-salary-2024-07']);
      assert.ok(all['base-salary']!.versions.every((v) => v.source === 'built-in' && v.supersededBy === null));
      assert.deepEqual(all['support-rates']!.versions.find((v) => v.inForce)!.value, { poor: 3_000, 'near-poor': 2_500, 'ethnic-minority': 1_000, 'island-commune': 1_000, other: 1_000 });
    });

    test('refused, with the field and the reason in Vietnamese and English, and nothing written', async () => {
      const cases: [string, string, Record<string, unknown>, number, [string, string][] | null][] = [
        ['today (Fri 24 Jan): decisions may already have used it', 'base-salary', { ...NEW, effectiveFrom: '2025-01-24' }, 400, [['effectiveFrom', 'past-date']]],
        ['a past date', 'base-salary', { ...NEW, effectiveFrom: '2024-12-01' }, 400, [['effectiveFrom', 'past-date']]],
        ['a misplaced digit (260,000 → under 100,000 is refused: 26,000)', 'base-salary', { ...NEW, value: 26_000 }, 400, [['value', 'bad-value']]],
        ['support rates given to the base salary', 'base-salary', { ...NEW, value: { poor: 5_000, 'near-poor': 4_000, 'ethnic-minority': 3_000, 'island-commune': 5_000, other: 2_000 } }, 400, [['value', 'bad-value']]],
        ['an amount given to the support rates', 'support-rates', { ...NEW, version: 'support-2025-02', value: 2_000 }, 400, [['value', 'bad-value']]],
        ['a version id already used by a built-in version', 'base-salary', { ...NEW, version: 'base-salary-2024-07' }, 409, [['version', 'duplicate-version']]],
        ['a rate over 100% (schema)', 'support-rates', { ...NEW, version: 'support-2025-02', value: { poor: 12_000, 'near-poor': 4_000, 'ethnic-minority': 3_000, 'island-commune': 5_000, other: 2_000 } }, 400, null],
        ['no reason (schema)', 'base-salary', { ...NEW, reason: undefined }, 400, null],
        ['no such table (schema)', 'pension-rates', NEW, 400, null],
        ['an SI fund rate for a year after the one it takes effect in', 'si-fund-rate', { ...NEW, version: 'si-fund-rate-2026-x', value: { year: 2026, monthlyRatePpm: 3_800 } }, 400, [['value.year', 'bad-year']]],
        ['an SI fund rate as a percentage, not whole ppm (schema)', 'si-fund-rate', { ...NEW, version: 'si-fund-rate-2024-x', value: { year: 2024, monthlyRatePpm: 0.4 } }, 400, null],
        ['an SI fund rate given to the base salary', 'base-salary', { ...NEW, value: { year: 2024, monthlyRatePpm: 4_000 } }, 400, [['value', 'bad-value']]],
      ];
      for (const [why, table, body, status, fields] of cases) {
        const res = await call(OPERATOR, 'POST', `${RULES}/${table}/versions`, body);
        assert.equal(res.statusCode, status, `${why}: ${res.body}`);
        const b = res.json() as { code: string; fields: { path: string; code: string; reason: string; reasonVi: string }[] };
        if (fields) assert.deepEqual(b.fields.map((f) => [f.path, f.code]), fields, why);
        assert.ok(b.fields.length > 0 && b.fields.every((f) => f.reason && f.reasonVi), why);
      }
      assert.deepEqual(await written(), { versions: 0, audited: 0 });
    });

    test('who may: social security’s national IT operator changes; one bound to a province reads only; others are refused', async () => {
      const hanam = await call(OPERATOR_HANAM, 'POST', `${RULES}/base-salary/versions`, NEW);
      assert.equal(hanam.statusCode, 403, hanam.body);
      assert.deepEqual(hanam.json().fields.map((f: { code: string }) => f.code), ['national-only']);
      assert.equal((await call(OPERATOR_HANAM, 'GET', RULES)).statusCode, 200, 'the tables are public law: a provincial operator reads them');
      for (const who of [HUB_OPERATOR, COLLECTOR, citizen(VOLUNTARY.newcomer)]) {
        assert.equal((await call(who, 'GET', RULES)).statusCode, 403, `${JSON.stringify(who)} reads`);
        assert.equal((await call(who, 'POST', `${RULES}/base-salary/versions`, NEW)).statusCode, 403, `${JSON.stringify(who)} adds`);
      }
      assert.equal((await t.p.app.inject({ method: 'GET', url: RULES })).statusCode, 401);
      assert.deepEqual(await written(), { versions: 0, audited: 0 });
    });

    test('a new base salary from 1 Feb: deaths from that day get it and its version id; earlier decisions and deaths keep theirs', async () => {
      // Decided before the change: 10 × 2,340,000 (Decree 73/2024/ND-CP; Law on SI 2014 art. 66).
      const first = await funeral(death(DEATH.pensioner, DEATH.pensionerWidow, 'spouse', '2025-01-15'));
      assert.deepEqual([first.decision.amount, first.decision.ruleVersion], [23_400_000, 'law-si-2014+base-salary-2024-07']);
      // The edge check uses the same tables: 50,000,000 is above 20 × 2,340,000 for February.
      const high = voluntarySiDeclaration({ monthlyIncome: 50_000_000, startMonth: '2025-02' });
      const refused = await call(citizen(VOLUNTARY.newcomer), 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: high });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['declaration.monthlyIncome', 'income-above-ceiling']]);

      const added = await call(OPERATOR, 'POST', `${RULES}/base-salary/versions`, NEW);
      assert.equal(added.statusCode, 201, added.body);
      const view = added.json() as Table;
      assert.equal(view.inForce, 'base-salary-2024-07', 'not yet in force on 24 Jan');
      const mine = view.versions.find((v) => v.version === NEW.version)!;
      assert.deepEqual([mine.source, mine.effectiveFrom, mine.value, mine.addedBy, mine.reason], ['operator', '2025-02-01', 2_600_000, 'officer:it-vss', NEW.reason]);
      assert.deepEqual(view.versions.map((v) => v.version).slice(-3), ['base-salary-2024-07', NEW.version, 'base-salary-2026-07'], 'placed by its date, before the 2026 version');
      const [audit] = await t.p.db.query<{ actor_id: string; resource: string; details: { before: { version: string }; after: { version: string; value: number }; reason: string } }>(
        "SELECT actor_id, resource, details FROM audit.entries WHERE action = 'config.changed'",
      );
      assert.deepEqual([audit!.actor_id, audit!.resource, audit!.details.before.version, audit!.details.after.version, audit!.details.after.value, audit!.details.reason], ['it-vss', 'social-security/rules/base-salary', 'base-salary-2024-07', NEW.version, 2_600_000, NEW.reason]);
      // The same id again is a conflict; the append-only table refuses any change even from SQL.
      assert.equal((await call(OPERATOR, 'POST', `${RULES}/base-salary/versions`, { ...NEW, effectiveFrom: '2025-03-01' })).statusCode, 409);
      await assert.rejects(t.p.db.query("UPDATE social_security.rule_versions SET value = '1'"), /append-only/);

      // A death before 1 Feb, decided after the change: the base salary of the date of death.
      const second = await funeral(death(DEATH.quietPensioner, DEATH.quietSon, 'child', '2025-01-22'));
      assert.deepEqual([second.decision.amount, second.decision.ruleVersion], [23_400_000, 'law-si-2014+base-salary-2024-07']);
      // The voluntary SI edge check and social security's decision now see the new ceiling for February: 20 × 2,600,000.
      const accepted = await call(citizen(VOLUNTARY.newcomer), 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: high });
      assert.equal(accepted.statusCode, 202, accepted.body);
      const reg = await eventually(async () => {
        const d = await dossier(accepted.json().id, VOLUNTARY.newcomer);
        return d.status === 'awaiting-payment' || d.status === 'rejected' ? d : undefined;
      }, 'the registration');
      assert.equal(reg.status, 'awaiting-payment', JSON.stringify(reg.procedures));
      assert.match(reg.procedures[0].result.contribution.ruleVersion, /base-salary-2025-02-test/);

      // Wed 5 Feb: the version is in force; a death on 3 Feb gets 10 × 2,600,000 and records the version.
      shift = 12 * DAY;
      assert.equal((await tables())['base-salary']!.inForce, NEW.version);
      const third = await funeral(death(DEATH.twicePensioner, DEATH.quietSon, 'relative', '2025-02-03'));
      assert.deepEqual([third.decision.amount, third.decision.ruleVersion], [26_000_000, `law-si-2014+${NEW.version}`]);
      assert.match(third.decision.legalBasis, /Nghị định 999\/2025\/NĐ-CP \(test\)/);
      assert.match(third.decision.explanation.vi, /26\.000\.000/);
      // What was decided before keeps its amount and version.
      const again = (await dossier(first.id, DEATH.pensionerWidow)).procedures.find((p: { code: string }) => p.code === 'death-benefits').result.decisions[0] as Decision;
      assert.deepEqual([again.amount, again.ruleVersion], [23_400_000, 'law-si-2014+base-salary-2024-07']);
      const stored = await t.p.db.query<{ deceased_pin: string; amount: string; rule_version: string }>(
        "SELECT deceased_pin, amount::text AS amount, rule_version FROM social_security.benefit_decisions WHERE benefit = 'funeral-allowance' ORDER BY decision_number",
      );
      assert.deepEqual(stored.map((r) => [r.deceased_pin, Number(r.amount), r.rule_version]), [
        [DEATH.pensioner, 23_400_000, 'law-si-2014+base-salary-2024-07'],
        [DEATH.quietPensioner, 23_400_000, 'law-si-2014+base-salary-2024-07'],
        [DEATH.twicePensioner, 26_000_000, `law-si-2014+${NEW.version}`],
      ]);
    });

    test('a version for the date of one not yet in force supersedes it (a decree that corrects an announced value)', async () => {
      const corrected = { version: 'base-salary-2026-07-corrected', effectiveFrom: '2026-07-01', value: 2_550_000, legalBasis: 'Nghị định 161/2026/NĐ-CP (bản chính thức, test)', reason: 'Giá trị chính thức khác giá trị dự kiến' };
      const res = await call(OPERATOR, 'POST', `${RULES}/base-salary/versions`, corrected);
      assert.equal(res.statusCode, 201, res.body);
      const versions = (res.json() as Table).versions;
      assert.deepEqual(versions.slice(-2).map((v) => [v.version, v.supersededBy]), [['base-salary-2026-07', corrected.version], [corrected.version, null]]);
      const [row] = await t.p.db.query<{ details: { supersedes: string; before: { version: string } } }>(
        "SELECT details FROM audit.entries WHERE action = 'config.changed' AND details->'after'->>'version' = $1", [corrected.version],
      );
      assert.deepEqual([row!.details.supersedes, row!.details.before.version], ['base-salary-2026-07', 'base-salary-2026-07']);
    });
  });
}

/**
 * The SI fund's monthly rate as a rule table (docs/voluntary-si.md "The SI fund's rate table"): in January 2028 a lump
 * sum needs the rate of 2027 (DOMAIN.md §5: the previous year's), which the built-in table (ending with 2026's sample)
 * lacks. The registration is not refused: the latest recorded rate is used and its legal basis says so. The operator
 * then adds the 2027 rate from tomorrow; the next registration uses it, the first keeps what it was computed with.
 */
for (const engine of await engines()) {
  describe(`the SI fund rate table, extended by the operator, used by an advance payment (${engine})`, () => {
    let t: TestPlatform;
    let shift = 0;
    // Monday 10 January 2028, 09:00 (+07:00).
    before(async () => {
      const running = runningClockFrom(new Date('2028-01-10T09:00:00+07:00'));
      t = await startTestPlatform(engine, '2028-01-10T09:00:00+07:00', { clock: { now: () => new Date(running.now().getTime() + shift) } });
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    type Contribution = { months: number; amountDue: number; dueBy: string; ruleVersion: string; legalBasis: string };
    const advance = async (pin: string): Promise<Contribution> => {
      const declaration = voluntarySiDeclaration({ participant: { pin, phone: '0912345678', email: 'someone@example.vn' }, monthlyIncome: 2_200_000, paymentMethod: 'advance-years', years: 1, startMonth: '2028-02' });
      const res = await call(citizen(pin), 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration });
      assert.equal(res.statusCode, 202, res.body);
      const d = await eventually(async () => {
        const v = (await call(citizen(pin), 'GET', `/api/v1/dossiers/${res.json().id}`)).json();
        return v.status === 'awaiting-payment' || v.status === 'rejected' ? v : undefined;
      }, 'the registration');
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d.procedures));
      return d.procedures[0].result.contribution as Contribution;
    };
    const RATE_2027 = { version: 'si-fund-rate-2027-vss', effectiveFrom: '2028-01-11', value: { year: 2027, monthlyRatePpm: 3_500 }, legalBasis: 'Thông báo của BHXH Việt Nam về lãi suất đầu tư quỹ BHXH năm 2027 (test)', reason: 'Lãi suất năm 2027 đã được công bố' };

    test('2027’s rate not yet recorded: the 2026 sample rate is used and the legal basis says so; the operator adds 2027’s; the next registration uses it', async () => {
      const before = ((await call(OPERATOR, 'GET', RULES)).json().tables as Table[]).find((x) => x.table === 'si-fund-rate')!;
      assert.equal(before.inForce, 'si-fund-rate-2026-sample');

      // 22% × 2,200,000 − 20% × 22% × 2,200,000 (Decree 159/2025) = 387,200 a month; Σ 387,200 / 1.0038^i, i = 0..11
      // = 4,550,868.29 → 4,550,868 (sample rate of 2026: 3,800 ppm).
      const first = await advance(VOLUNTARY.newcomer);
      assert.deepEqual([first.months, first.amountDue, first.dueBy], [12, 4_550_868, '2028-01-10']);
      assert.match(first.ruleVersion, /\+si-fund-rate-2026-sample\+/);
      assert.match(first.legalBasis, /SI fund monthly investment rate of 2026, 3,800 ppm/);
      assert.match(first.legalBasis, /the rate of 2027, which DOMAIN\.md §5 asks for \(the previous year's\), is not yet recorded, so the latest recorded rate is used/);

      // Refused, nothing written: a rate for a year not yet begun (2029), and one from today.
      const early = await call(OPERATOR, 'POST', `${RULES}/si-fund-rate/versions`, { ...RATE_2027, version: 'si-fund-rate-2029-x', value: { year: 2029, monthlyRatePpm: 3_500 } });
      assert.equal(early.statusCode, 400, early.body);
      assert.deepEqual(early.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['value.year', 'bad-year']]);
      const today = await call(OPERATOR, 'POST', `${RULES}/si-fund-rate/versions`, { ...RATE_2027, effectiveFrom: '2028-01-10' });
      assert.deepEqual([today.statusCode, today.json().fields[0].code], [400, 'past-date']);
      assert.equal((await t.p.db.query('SELECT 1 FROM social_security.rule_versions')).length, 0);

      const added = await call(OPERATOR, 'POST', `${RULES}/si-fund-rate/versions`, RATE_2027);
      assert.equal(added.statusCode, 201, added.body);
      const view = added.json() as Table;
      assert.equal(view.inForce, 'si-fund-rate-2026-sample', 'from tomorrow');
      const mine = view.versions.at(-1)!;
      assert.deepEqual([mine.version, mine.source, mine.effectiveFrom, mine.value, mine.addedBy], [RATE_2027.version, 'operator', '2028-01-11', RATE_2027.value, 'officer:it-vss']);
      const [audit] = await t.p.db.query<{ resource: string; details: { before: { version: string }; after: { version: string; value: unknown } } }>("SELECT resource, details FROM audit.entries WHERE action = 'config.changed'");
      assert.deepEqual([audit!.resource, audit!.details.before.version, audit!.details.after.version, audit!.details.after.value], ['social-security/rules/si-fund-rate', 'si-fund-rate-2026-sample', RATE_2027.version, RATE_2027.value]);
      await assert.rejects(t.p.db.query("UPDATE social_security.rule_versions SET value = '{}'"), /append-only/);

      // From Tuesday 11 January 2028 the version is in force.
      shift = DAY;
      assert.equal(((await call(OPERATOR, 'GET', RULES)).json().tables as Table[]).find((x) => x.table === 'si-fund-rate')!.inForce, RATE_2027.version);
      // Σ 387,200 / 1.0035^i, i = 0..11 = 4,558,296.91 → 4,558,297 (3,500 ppm); the person with an SI code has 12
      // supported months (2019), far from the 120-month cap.
      const second = await advance(VOLUNTARY.withCode);
      assert.deepEqual([second.amountDue, second.dueBy], [4_558_297, '2028-01-11']);
      assert.match(second.ruleVersion, /\+si-fund-rate-2027-vss\+/);
      assert.match(second.legalBasis, /SI fund monthly investment rate of 2027, 3,500 ppm \(si-fund-rate-2027-vss: Thông báo của BHXH Việt Nam/);
      assert.doesNotMatch(second.legalBasis, /not yet recorded/);

      // The first registration keeps the amount and the rate it was computed with.
      const kept = await t.p.db.query<{ pin: string; amount_due: string }>('SELECT pin, amount_due::text FROM social_security.voluntary_registrations ORDER BY registered_on, pin');
      assert.deepEqual(kept.map((r) => [r.pin, Number(r.amount_due)]), [[VOLUNTARY.newcomer, 4_550_868], [VOLUNTARY.withCode, 4_558_297]]);
    });
  });
}
