import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import { buildPlatform, type Platform } from '../../src/app/build-platform.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { citizens, DEATH, deathDeclaration, households, PEOPLE, siRecords } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

const FINAL = new Set(['completed', 'partially-completed', 'rejected']);
const DAY = 86_400_000;

type Proc = { code: string; agency: string; status: string; deadline: string | null; result: Record<string, any> | null; reasons: { path: string; code: string; reason: string; reasonVi: string }[] };
type Decision = { kind: string; benefit: string; amount: number | null; monthlyAmount: number | null; fromMonth: string | null; eligibilityCase: string | null; hiCardEndsOn: string | null; legalBasis: string; explanation: { en: string; vi: string } };

for (const engine of await engines()) {
  describe(`death → residence deregistration → VSS decisions, end to end over HTTP (${engine})`, () => {
    let p: Platform;
    let db: TestDb;
    // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on to cross a deadline.
    let shift = 0;
    const tokens = new Map<string, string>();
    before(async () => {
      db = await freshDb(engine);
      const running = runningClockFrom(new Date(START));
      const clock = { now: () => new Date(running.now().getTime() + shift) };
      p = await buildPlatform({ db: db.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
      await db.db.transaction(async (tx) => {
        await populationImport(clock.now()).apply(tx, [...households, ...citizens]);
        await siRecordsImport().apply(tx, siRecords);
      });
    });
    after(async () => {
      await p.close();
      await db.drop();
    });

    const token = async (pin: string) => {
      if (!tokens.has(pin)) tokens.set(pin, await p.tokens.issue({ kind: 'citizen', pin } satisfies Principal));
      return tokens.get(pin)!;
    };
    const submit = async (declaration: ReturnType<typeof deathDeclaration>, headers: Record<string, string> = {}) =>
      p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await token(declaration.declarant.pin)}`, ...headers }, payload: { group: 'death', declaration } });
    const get = async (id: string, pin: string) => (await p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await token(pin)}` } })).json();
    const settled = (id: string, pin: string, until: (d: any) => boolean = (d) => FINAL.has(d.status)) =>
      eventually(async () => {
        const d = await get(id, pin);
        return until(d) ? d : undefined;
      }, `dossier ${id}`);
    const declare = async (declaration: ReturnType<typeof deathDeclaration>) => {
      const res = await submit(declaration);
      assert.equal(res.statusCode, 202, res.body);
      return settled(res.json().id, declaration.declarant.pin);
    };
    const proc = (d: { procedures: Proc[] }, code: string) => d.procedures.find((x) => x.code === code)!;
    const decisionsOf = (d: { procedures: Proc[] }): Decision[] => proc(d, 'death-benefits').result!.decisions;
    const brief = (ds: Decision[]) => ds.map((x) => [x.benefit, x.kind, x.eligibilityCase, x.amount, x.monthlyAmount, x.fromMonth, x.hiCardEndsOn]);

    test('a pensioner aged 84: the extract, residence deregistered, funeral allowance, stop of the pension, monthly survivor allowance', async () => {
      const d = await declare(deathDeclaration());
      assert.equal(d.status, 'completed');
      assert.deepEqual(d.procedures.map((x: Proc) => [x.code, x.agency, x.status]), [
        ['death-registration', 'civil-registry', 'completed'],
        ['residence-deregistration', 'population', 'completed'],
        ['death-benefits', 'social-security', 'completed'],
      ]);
      assert.deepEqual(d.notRequested, []);
      const extract = proc(d, 'death-registration').result!;
      assert.match(extract.certificateNumber, /^3534713366-2025-KT\d{6}$/);
      assert.deepEqual([extract.deceasedPin, extract.dateOfDeath, extract.registeredOn, extract.lateRegistration], [DEATH.pensioner, '2025-01-15', '2025-01-24', false]);
      assert.deepEqual(proc(d, 'residence-deregistration').result, { ...proc(d, 'residence-deregistration').result, householdId: 'HH-35-0002', deregisteredOn: '2025-01-24', householdNeedsNewHead: true });
      // Law on SI 2014 art. 66 (case 6: pensioner aged 80+), 10 × 2,340,000 (Decree 73/2024); art. 67–68: the widow, no caretaker, 70%.
      assert.deepEqual(brief(decisionsOf(d)), [
        ['funeral-allowance', 'funeral-allowance', 'case-6-pensioner-80-plus', 23_400_000, null, null, null],
        ['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2025-02', '2025-01-31'],
        ['survivor-benefit', 'survivor-monthly', 'pensioner-15-years', null, 1_638_000, '2025-02', null],
      ]);
      for (const x of decisionsOf(d)) assert.ok(x.legalBasis && x.explanation.en && x.explanation.vi);
      const benefits = proc(d, 'death-benefits');
      assert.equal(benefits.deadline, '2025-02-10', '15 days → Sat 8 Feb, moved to the next working day (Civil Code 2015 art. 148.5)');
      assert.deepEqual([benefits.result!.settlementDeadline, benefits.result!.payee.pin], ['2025-02-10', DEATH.pensionerWidow]);
      assert.equal(proc(d, 'death-registration').deadline, '2025-01-24', 'registered the same day (Law on Civil Status 2014 art. 34)');
      // The population register now knows the death, and VSS has recorded the stop and the end of the HI card.
      const [row] = await p.db.query<{ status: string; date_of_death: string; household_id: string | null }>(
        'SELECT status, date_of_death::text AS date_of_death, household_id FROM population.citizens WHERE pin = $1', [DEATH.pensioner]);
      assert.deepEqual(row, { status: 'deceased', date_of_death: '2025-01-15', household_id: null });
      const [stop] = await p.db.query('SELECT from_month, hi_card_ends_on::text AS ends FROM social_security.payment_stops WHERE pin = $1', [DEATH.pensioner]);
      assert.deepEqual(stop, { from_month: '2025-02', ends: '2025-01-31' });
    });

    test('a worker with 17 years of SI: late registration accepted, funeral allowance and a lump sum', async () => {
      const d = await declare(deathDeclaration({
        declarant: { pin: DEATH.workerWidow, relationship: 'spouse' },
        deceased: { pin: DEATH.worker, dateOfDeath: '2025-01-05', placeOfDeath: 'Xã Thanh Phong', cause: 'other' },
        requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'lump-sum' },
        relatives: [
          { pin: DEATH.workerWidow, relationship: 'spouse', hasDirectCaretaker: true, incapacityPercent: 0 },
          { pin: DEATH.workerChild, relationship: 'child', hasDirectCaretaker: true, incapacityPercent: 0 },
        ],
        payee: { pin: DEATH.workerWidow, bankAccount: { bankBin: '970418', accountNumber: '1234567890' } },
      }));
      assert.equal(d.status, 'completed');
      assert.equal(proc(d, 'death-registration').result!.lateRegistration, true, '19 days after the death (Law on Civil Status 2014 art. 33)');
      // 6 years before 2014 × 1.5 + 11 y 1 m from 2014 (→ 11.5 years) × 2 = 32 months × 5,000,000 (Law on SI 2014 art. 70).
      assert.deepEqual(brief(decisionsOf(d)), [
        ['funeral-allowance', 'funeral-allowance', 'contributing-compulsory', 23_400_000, null, null, null],
        ['survivor-benefit', 'survivor-lump-sum', 'contribution-years', 160_000_000, null, null, null],
      ]);
      assert.match(decisionsOf(d)[1]!.explanation.vi, /Trợ cấp tuất một lần 160\.000\.000 đồng/);
    });

    test('not eligible, and told why: a worker who took the lump-sum SI payment', async () => {
      const d = await declare(deathDeclaration({
        declarant: { pin: DEATH.lumpSumDaughter, relationship: 'child' },
        deceased: { pin: DEATH.lumpSumTaker, dateOfDeath: '2025-01-20', placeOfDeath: 'Xã Thanh Phong', cause: 'illness' },
        relatives: [{ pin: DEATH.lumpSumDaughter, relationship: 'child', hasDirectCaretaker: true, incapacityPercent: 0 }],
        payee: { pin: DEATH.lumpSumDaughter, bankAccount: { bankBin: '970436', accountNumber: '99887766' } },
      }));
      assert.equal(d.status, 'completed');
      assert.deepEqual(brief(decisionsOf(d)), [
        ['funeral-allowance', 'not-eligible', 'lump-sum-taken', null, null, null, null],
        ['survivor-benefit', 'not-eligible', 'lump-sum-taken', null, null, null, null],
      ]);
      assert.match(decisionsOf(d)[0]!.explanation.en, /lump-sum SI/);
      assert.match(decisionsOf(d)[0]!.explanation.vi, /Không đủ điều kiện/);
      assert.equal(proc(d, 'death-benefits').result!.payee, null, 'nothing is paid');
      assert.equal(proc(d, 'residence-deregistration').result!.householdNeedsNewHead, false, 'he did not head the household');
    });

    test('only the procedures asked for are started; VSS still stops a pension unasked', async () => {
      const d = await declare(deathDeclaration({
        declarant: { pin: DEATH.quietSon, relationship: 'child' },
        deceased: { pin: DEATH.quietPensioner, dateOfDeath: '2025-01-22', placeOfDeath: 'Tại nhà', cause: 'illness' },
        requests: { residenceDeregistration: false, funeralAllowance: false, survivorBenefit: 'none' },
        relatives: [],
        payee: undefined,
      }));
      assert.equal(d.status, 'completed');
      assert.deepEqual(d.procedures.map((x: Proc) => x.code), ['death-registration', 'death-benefits']);
      assert.deepEqual(d.notRequested.map((x: { code: string }) => x.code), ['residence-deregistration']);
      assert.deepEqual(brief(decisionsOf(d)), [['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2025-02', '2025-01-31']]);
      const [row] = await p.db.query<{ household_id: string | null }>('SELECT household_id FROM population.citizens WHERE pin = $1', [DEATH.quietPensioner]);
      assert.equal(row?.household_id, 'HH-35-0007', 'residence not deregistered: not asked for');
    });

    test('the same death declared twice (two Idempotency-Keys): one registration, one settlement; the second is refused', async () => {
      const decl = deathDeclaration({
        declarant: { pin: DEATH.quietSon, relationship: 'relative' },
        deceased: { pin: DEATH.twicePensioner, dateOfDeath: '2025-01-21', placeOfDeath: 'Tại nhà', cause: 'illness' },
        requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'none' },
        relatives: [],
        payee: { pin: DEATH.quietSon, bankAccount: { bankBin: '970436', accountNumber: '5566778899' } },
      });
      const [a, b] = await Promise.all([submit(decl, { 'idempotency-key': `death-a-${engine}` }), submit(decl, { 'idempotency-key': `death-b-${engine}` })]);
      assert.notEqual(a.json().id, b.json().id);
      const both = await Promise.all([a, b].map((r) => settled(r.json().id, DEATH.quietSon)));
      const statuses = both.map((d) => d.status).sort();
      assert.deepEqual(statuses, ['completed', 'rejected']);
      const refused = both.find((d) => d.status === 'rejected')!;
      assert.deepEqual(refused.procedures.map((x: Proc) => x.status), ['rejected', 'cancelled', 'cancelled']);
      assert.deepEqual(refused.procedures[0].reasons.map((r: Proc['reasons'][number]) => [r.path, r.code]), [['declaration.deceased.pin', 'already-registered']]);
      const count = async (sql: string) => (await p.db.query<{ n: number }>(sql, [DEATH.twicePensioner]))[0]!.n;
      assert.equal(await count(`SELECT count(*)::int AS n FROM civil_registry.death_registrations WHERE deceased_pin = $1 AND status = 'registered'`), 1);
      assert.equal(await count(`SELECT count(*)::int AS n FROM social_security.benefit_decisions WHERE deceased_pin = $1 AND benefit = 'funeral-allowance'`), 1);
      // A pensioner: his pension is stopped once, not once per dossier (Law on SI 2014 art. 68; DOMAIN.md §3).
      const done = both.find((d) => d.status === 'completed')!;
      assert.equal(decisionsOf(done).filter((x) => x.kind === 'stop-monthly-payments').length, 1);
      assert.equal(await count(`SELECT count(*)::int AS n FROM social_security.benefit_decisions WHERE deceased_pin = $1 AND kind = 'stop-monthly-payments'`), 1);
      assert.equal(await count('SELECT count(*)::int AS n FROM social_security.payment_stops WHERE pin = $1'), 1);
    });

    test('a person already recorded deceased: the civil registry refuses and the rest is cancelled, with the reason', async () => {
      const d = await declare(deathDeclaration({
        declarant: { pin: PEOPLE.father, relationship: 'spouse' },
        deceased: { pin: PEOPLE.deceasedMother, dateOfDeath: '2025-01-10', placeOfDeath: 'Tại nhà', cause: 'illness' },
        relatives: [{ pin: PEOPLE.father, relationship: 'spouse', hasDirectCaretaker: true, incapacityPercent: 0 }],
        payee: { pin: PEOPLE.father, bankAccount: { bankBin: '970436', accountNumber: '123123123' } },
      }));
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.procedures.map((x: Proc) => x.status), ['rejected', 'cancelled', 'cancelled']);
      assert.deepEqual(d.procedures[0].reasons.map((r: Proc['reasons'][number]) => [r.path, r.code]), [['declaration.deceased.pin', 'already-deceased']]);
      assert.match(d.procedures[0].reasons[0].reasonVi, /2024-12-01/);
      // Each cancelled procedure tells the citizen why, in both languages, naming the procedure that was refused.
      for (const x of d.procedures.slice(1) as Proc[]) {
        assert.deepEqual(x.reasons.map((r) => [r.path, r.code]), [['procedures.death-registration', 'prerequisite-refused']], x.code);
        assert.match(x.reasons[0]!.reason, /"Death registration", which was refused/);
        assert.match(x.reasons[0]!.reasonVi, /"Đăng ký khai tử" đã bị từ chối/);
      }
    });

    test('an unknown person: rejected at verification with the field, nothing started', async () => {
      const d = await declare(deathDeclaration({ deceased: { pin: DEATH.unknown, dateOfDeath: '2025-01-15', placeOfDeath: 'Tại nhà', cause: 'other' } }));
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.reasons.map((r: { path: string; code: string }) => [r.path, r.code]), [['declaration.deceased.pin', 'not-found']]);
      assert.ok(d.procedures.every((x: Proc) => x.status === 'cancelled'));
    });

    test('bad declarations are refused at once, field by field, in both languages', async () => {
      const res = await submit(deathDeclaration({
        deceased: { pin: DEATH.pensionerWidow, dateOfDeath: '2024-10-01', placeOfDeath: 'Tại nhà', cause: 'illness' },
        payee: undefined,
      }));
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [
        ['declaration.declarant.pin', 'is-the-deceased'],
        ['declaration.relatives.0.pin', 'is-the-deceased'],
        ['declaration.requests.funeralAllowance', 'filing-limit-passed'],
        ['declaration.requests.survivorBenefit', 'filing-limit-passed'],
        ['declaration.payee', 'required'],
      ]);
      const future = await submit(deathDeclaration({ deceased: { pin: DEATH.unknown, dateOfDeath: '2025-01-25', placeOfDeath: 'X', cause: 'illness' } }));
      assert.deepEqual(future.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['declaration.deceased.dateOfDeath', 'future-date']]);
      const schema = await submit(deathDeclaration({ deceased: { pin: DEATH.unknown, dateOfDeath: '2025-01-20', placeOfDeath: 'X', cause: 'old age' } }));
      assert.deepEqual(schema.json().fields.map((f: { path: string }) => f.path), ['declaration.deceased.cause']);
    });

    test('a supplement round trip: VSS asks for the incapacity proof, the citizen answers, the benefit is decided on it', async () => {
      const decl = deathDeclaration({
        declarant: { pin: DEATH.disabledSon, relationship: 'child' },
        deceased: { pin: DEATH.supplementPensioner, dateOfDeath: '2025-01-18', placeOfDeath: 'Tại nhà', cause: 'illness' },
        requests: { residenceDeregistration: false, funeralAllowance: true, survivorBenefit: 'monthly' },
        relatives: [{ pin: DEATH.disabledSon, relationship: 'child', hasDirectCaretaker: false, incapacityPercent: 85 }],
        payee: { pin: DEATH.disabledSon, bankAccount: { bankBin: '970436', accountNumber: '44556677' } },
      });
      const { id } = (await submit(decl)).json();
      const waiting = await settled(id, DEATH.disabledSon, (d) => d.status === 'awaiting-supplement');
      const asked = proc(waiting, 'death-benefits');
      assert.equal(asked.status, 'awaiting-supplement');
      assert.equal(asked.deadline, '2025-02-11', '7 working days, counted past Tết (Decree 63/2024)');
      assert.deepEqual(asked.reasons.map((r) => [r.path, r.code]), [['declaration.relatives.0.incapacityPercent', 'incapacity-proof-required']]);
      const answer = (body: object, pin: string = DEATH.disabledSon) =>
        token(pin).then((tok) => p.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/supplements`, headers: { authorization: `Bearer ${tok}` }, payload: body }));
      assert.equal((await answer({ procedure: 'death-benefits', answers: { other: 1 } })).statusCode, 400, 'every field asked for, and nothing else');
      assert.equal((await answer({ procedure: 'death-benefits', answers: { x: 1 } }, PEOPLE.stranger)).statusCode, 404, 'not theirs');
      const proof = { assessmentNumber: 'GĐYK-35/2024-117', assessedOn: '2024-06-10', incapacityPercent: 90 };
      const ok = await answer({ procedure: 'death-benefits', answers: { 'declaration.relatives.0.incapacityPercent': proof } });
      assert.equal(ok.statusCode, 202, ok.body);
      assert.equal((await answer({ procedure: 'death-benefits', answers: { 'declaration.relatives.0.incapacityPercent': proof } })).statusCode, 409, 'answered once');
      const d = await settled(id, DEATH.disabledSon);
      assert.equal(d.status, 'completed');
      // A son of 40 with 90% incapacity proven, no caretaker: 70% × 2,340,000 (Law on SI 2014 art. 67.2, 68.2).
      assert.deepEqual(brief(decisionsOf(d)), [
        ['funeral-allowance', 'funeral-allowance', 'case-1-pensioner', 23_400_000, null, null, null],
        ['stop-monthly-payments', 'stop-monthly-payments', 'pension', null, null, '2025-02', '2025-01-31'],
        ['survivor-benefit', 'survivor-monthly', 'pensioner-15-years', null, 1_638_000, '2025-02', null],
      ]);
      assert.ok(d.history.some((h: { status: string }) => h.status === 'awaiting-supplement'));
    });

    // Last: it moves the platform's clock past the supplement deadline.
    test('a supplement left unanswered for 7 working days: the procedure is refused, and VSS closes its file', async () => {
      const { id } = (await submit(deathDeclaration({
        declarant: { pin: DEATH.disabledDaughter, relationship: 'child' },
        deceased: { pin: DEATH.expiryPensioner, dateOfDeath: '2025-01-19', placeOfDeath: 'Tại nhà', cause: 'illness' },
        requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'monthly' },
        relatives: [{ pin: DEATH.disabledDaughter, relationship: 'child', hasDirectCaretaker: true, incapacityPercent: 81 }],
        payee: { pin: DEATH.disabledDaughter, bankAccount: { bankBin: '970436', accountNumber: '10203040' } },
      }))).json();
      await settled(id, DEATH.disabledDaughter, (d) => d.status === 'awaiting-supplement' && proc(d, 'residence-deregistration').status === 'completed');
      assert.equal(await p.hub.expireOverdueSupplements(), 0, 'not before the last day has passed');
      shift = 19 * DAY; // Wed 12 Feb 2025: the last day, Tue 11 Feb, has passed
      assert.equal(await p.hub.expireOverdueSupplements(), 1);
      assert.equal(await p.hub.expireOverdueSupplements(), 0, 'idempotent');
      const d = await get(id, DEATH.disabledDaughter);
      assert.equal(d.status, 'partially-completed');
      const benefits = proc(d, 'death-benefits');
      assert.equal(benefits.status, 'rejected');
      assert.deepEqual(benefits.reasons.map((r) => [r.path, r.code]), [['declaration.relatives.0.incapacityPercent', 'supplement-not-provided']]);
      await eventually(async () => {
        const [c] = await p.db.query<{ status: string }>('SELECT status FROM social_security.death_cases WHERE dossier_id = $1', [id]);
        return c?.status === 'closed' ? true : undefined;
      }, 'VSS to close its file');
    });
  });
}
