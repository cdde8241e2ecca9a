import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { crc16CcittFalse } from '../../src/agencies/social-security/domain/vietqr.ts';
import { poorHouseholdsImport } from '../../src/agencies/social-security/poor-households-import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import { VSS_COLLECTION_ACCOUNT } from '../../src/agencies/social-security/voluntary-collection-account.ts';
import { buildPlatform, type Platform } from '../../src/app/build-platform.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import type { CitizenRecord } from '../../src/contracts/imports/population.ts';
import type { SiRecord } from '../../src/contracts/imports/si-records.ts';
import { citizens, HH_HANAM, households, poorHouseholds, siRecords, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

// Registered, the procedure waits for the payment (voluntary-si-payment-flow.test.ts follows it to the voucher).
const FINAL = new Set(['awaiting-payment', 'completed', 'partially-completed', 'rejected']);

type Registration = {
  siCode: string;
  siCodeIssued: boolean;
  supportGroup: string;
  contribution: { monthlyContribution: number; monthlyStateSupport: number; months: number; periodFrom: string; periodTo: string; amountDue: number; dueBy: string; ruleVersion: string; legalBasis: string };
  payment: { reference: string; qrPayload: string; bankBin: string; accountNumber: string };
};

// People of the lump-sum and cap cases below (PINs per Decree 137/2015: 035 Hà Nam, G, YY), in the Hà Nam household.
const LUMP = {
  advance: '035195000041', // woman born 1995, no SI record: pays one year in advance
  missing: '035093000042', // man born 1993, no SI record: pays six missing months of 2024
  capped: '035180000043', // woman born 1980, voluntary SI every month 2018-01 … 2024-12 (84 supported months)
} as const;
const lumpCitizen = (pin: string, fullName: string, sex: 'male' | 'female', dateOfBirth: string): CitizenRecord => ({ type: 'citizen', pin, fullName, sex, dateOfBirth, householdId: HH_HANAM, ethnicity: 'Kinh', status: 'alive' });
const lumpCitizens = [
  lumpCitizen(LUMP.advance, 'Phan Thị Thu', 'female', '1995-05-05'),
  lumpCitizen(LUMP.missing, 'Đoàn Văn Phúc', 'male', '1993-09-09'),
  lumpCitizen(LUMP.capped, 'Mai Thị Sen', 'female', '1980-02-02'),
];
const cappedRecord: SiRecord = { pin: LUMP.capped, siCode: '3500000243', periods: [{ from: '2018-01', to: '2024-12', scheme: 'voluntary', monthlySalary: 1_500_000 }], pension: null, reserved: true, awaitingPensionAge: false, lumpSumTaken: false };

for (const engine of await engines()) {
  describe(`voluntary SI registration (602e), end to end over HTTP (${engine})`, () => {
    let p: Platform;
    let db: TestDb;
    const tokens = new Map<string, string>();
    before(async () => {
      db = await freshDb(engine);
      const clock = runningClockFrom(new Date(START));
      p = await buildPlatform({ db: db.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
      await db.db.transaction(async (tx) => {
        await populationImport(clock.now()).apply(tx, [...households, ...citizens, ...lumpCitizens]);
        await siRecordsImport().apply(tx, [...siRecords, cappedRecord]);
        await poorHouseholdsImport().apply(tx, poorHouseholds);
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
    const submit = async (declaration: ReturnType<typeof voluntarySiDeclaration>, as: string = declaration.participant.pin) =>
      p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await token(as)}` }, payload: { group: 'voluntary-si', declaration } });
    const register = async (declaration: ReturnType<typeof voluntarySiDeclaration>) => {
      const res = await submit(declaration);
      assert.equal(res.statusCode, 202, res.body);
      const pin = declaration.participant.pin;
      return eventually(async () => {
        const d = (await p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${res.json().id}`, headers: { authorization: `Bearer ${await token(pin)}` } })).json();
        return FINAL.has(d.status) ? d : undefined;
      }, `dossier ${res.json().id}`);
    };
    const registrationOf = (d: { procedures: { code: string; result: unknown }[] }) => d.procedures.find((x) => x.code === 'voluntary-si-registration')!.result as Registration;
    const person = (pin: string) => ({ pin, phone: '0987654321', email: 'someone@example.vn' });

    test('a person with no SI record: a code is issued, 22% of 1,500,000 less 10% support (Decree 134/2015), and a VietQR to pay; the procedure awaits payment', async () => {
      const d = await register(voluntarySiDeclaration());
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d));
      assert.deepEqual(d.procedures.map((x: { code: string; agency: string; status: string }) => [x.code, x.agency, x.status]), [['voluntary-si-registration', 'social-security', 'awaiting-payment']]);
      const r = registrationOf(d);
      assert.match(r.siCode, /^35\d{8}$/, 'issued in the province of residence (Hà Nam)');
      assert.equal(r.siCodeIssued, true);
      // 22% × 1,500,000 = 330,000; support 10% × 22% × 1,500,000 (the poverty line) = 33,000; due within February.
      assert.deepEqual(
        [r.contribution.monthlyContribution, r.contribution.monthlyStateSupport, r.contribution.months, r.contribution.amountDue, r.contribution.dueBy, r.contribution.periodFrom, r.contribution.periodTo],
        [330_000, 33_000, 1, 297_000, '2025-02-28', '2025-02', '2025-02'],
      );
      assert.ok(r.contribution.ruleVersion && r.contribution.legalBasis.includes('Decree 134'));
      assert.equal(r.payment.reference, `BHXHTN${r.siCode}001`);
      const qr = r.payment.qrPayload;
      assert.ok(qr.startsWith('000201010212'), 'EMVCo MPM, dynamic');
      assert.ok(qr.includes(`0006${VSS_COLLECTION_ACCOUNT.bankBin}`) && qr.includes(VSS_COLLECTION_ACCOUNT.accountNumber));
      assert.ok(qr.includes('5406297000'), 'amount 297,000 in field 54');
      assert.ok(qr.includes(`0819${r.payment.reference}`), 'the reference as the purpose of transaction (62/08)');
      assert.equal(qr.slice(-4), crc16CcittFalse(qr.slice(0, -4)));
      const [row] = await p.db.query<{ si_code: string; source: string }>('SELECT si_code, source FROM social_security.insured WHERE pin = $1', [VOLUNTARY.newcomer]);
      assert.deepEqual(row, { si_code: r.siCode, source: 'voluntary-registration' });
      const [reg] = await p.db.query<{ status: string; amount_due: string }>('SELECT status, amount_due::text FROM social_security.voluntary_registrations WHERE pin = $1', [VOLUNTARY.newcomer]);
      assert.deepEqual(reg, { status: 'awaiting-payment', amount_due: '297000' });
    });

    test('a second registration while one awaits payment is refused on the start month', async () => {
      const d = await register(voluntarySiDeclaration({ startMonth: '2025-03' }));
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.procedures[0].reasons.map((x: { path: string; code: string }) => [x.path, x.code]), [['declaration.startMonth', 'already-registered']]);
    });

    test('a person with an SI code: the code is reused; every 3 months on 2,000,000 → due by the end of the 3rd month', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(VOLUNTARY.withCode), monthlyIncome: 2_000_000, paymentMethod: '3-months' }));
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d));
      const r = registrationOf(d);
      assert.deepEqual([r.siCode, r.siCodeIssued], ['3500000232', false]);
      // (440,000 − 33,000) × 3 = 1,221,000, within the 3 months (DOMAIN.md §5).
      assert.deepEqual([r.contribution.months, r.contribution.amountDue, r.contribution.dueBy, r.contribution.periodTo], [3, 1_221_000, '2025-04-30', '2025-04']);
    });

    test('a near-poor claim that checks out against the 2025 list: 25% support (Decree 134/2015 art. 14)', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(VOLUNTARY.nearPoor), supportGroup: 'near-poor' }));
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d));
      const r = registrationOf(d);
      assert.deepEqual([r.supportGroup, r.contribution.monthlyStateSupport, r.contribution.amountDue], ['near-poor', 82_500, 247_500]);
    });

    test('a near-poor claim that does not check out (listed only in 2023): a field-level rejection', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(VOLUNTARY.notNearPoor), supportGroup: 'near-poor' }));
      assert.equal(d.status, 'rejected');
      const [reason] = d.procedures[0].reasons;
      assert.deepEqual([reason.path, reason.code], ['declaration.supportGroup', 'not-on-near-poor-list']);
      assert.ok(reason.reasonVi.includes('cận nghèo'));
      const rows = await p.db.query('SELECT 1 FROM social_security.insured WHERE pin = $1', [VOLUNTARY.notNearPoor]);
      assert.equal(rows.length, 0, 'no SI code issued for a refused registration');
    });

    test('an ethnic-minority claim is checked against the population register', async () => {
      const ok = await register(voluntarySiDeclaration({ participant: person(VOLUNTARY.ethnic), supportGroup: 'ethnic-minority' }));
      assert.equal(ok.status, 'awaiting-payment', JSON.stringify(ok));
      // Before 2025-07-01 Decree 134 knows no ethnic-minority rate: the "others" 10% applies.
      assert.equal(registrationOf(ok).contribution.monthlyStateSupport, 33_000);
      const kinh = await register(voluntarySiDeclaration({ participant: person(VOLUNTARY.notNearPoor), supportGroup: 'ethnic-minority' }));
      assert.equal(kinh.status, 'rejected');
      assert.equal(kinh.procedures[0].reasons[0].code, 'not-ethnic-minority');
    });

    test('at the edge: income below the floor, years missing for an advance payment, someone else’s PIN — 400, nothing stored', async () => {
      const low = await submit(voluntarySiDeclaration({ monthlyIncome: 1_000_000 }));
      assert.equal(low.statusCode, 400);
      const field = low.json().fields.find((f: { path: string }) => f.path === 'declaration.monthlyIncome');
      assert.equal(field.code, 'income-below-floor');
      assert.ok(field.reason.includes('1,500,000') && field.reasonVi.includes('1.500.000'), `${field.reason} / ${field.reasonVi}`);
      const noYears = await submit(voluntarySiDeclaration({ paymentMethod: 'advance-years' }));
      assert.equal(noYears.statusCode, 400);
      assert.deepEqual(noYears.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['declaration.years', 'required']]);
      const notYou = await submit(voluntarySiDeclaration(), VOLUNTARY.ethnic);
      assert.equal(notYou.statusCode, 400);
      assert.equal(notYou.json().fields[0].path, 'declaration.participant.pin');
      const badGroup = await submit(voluntarySiDeclaration({ supportGroup: 'rich' }));
      assert.equal(badGroup.statusCode, 400);
    });

    test('at the edge: an income above the ceiling (20 × base salary 2,340,000 = 46,800,000 for 2025-02) — 400 on the field, nothing stored', async () => {
      const before = await p.db.query('SELECT 1 FROM social_security.voluntary_registrations');
      // Law on SI 2024 art. 31 / Decree 73/2024/ND-CP: 46,800,000 is the most; one dong more is refused.
      const high = await submit(voluntarySiDeclaration({ participant: person(LUMP.advance), monthlyIncome: 46_800_001 }));
      assert.equal(high.statusCode, 400, high.body);
      const fields = high.json().fields as { path: string; code: string; reason: string; reasonVi: string }[];
      assert.deepEqual(fields.map((f) => [f.path, f.code]), [['declaration.monthlyIncome', 'income-above-ceiling']]);
      assert.ok(fields[0]!.reason.includes('46,800,000') && fields[0]!.reasonVi.includes('46.800.000'), `${fields[0]!.reason} / ${fields[0]!.reasonVi}`);
      assert.equal((await p.db.query('SELECT 1 FROM social_security.voluntary_registrations')).length, before.length);
    });

    // Lump sums (DOMAIN.md §5, formula unconfirmed) at the SI fund rate of the previous year — 2024, the built-in
    // SAMPLE 4,000 ppm (0.4% a month; kernel/rules/si-fund-rates.ts). Expected amounts computed independently.
    const rows = async (pin: string) =>
      p.db.query<{ method: string; months: number; supported_months: number; amount_due: string; due_by: string }>(
        'SELECT method, months, supported_months, amount_due::text, due_by::text FROM social_security.voluntary_registrations WHERE pin = $1',
        [pin],
      );

    test('advance-years, 1 year from 2025-02 on 1,500,000: 5 × 297,000 then 7 × 264,000 (Decree 159 from 2025-07), discounted at 0.4% — due on the registration day', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(LUMP.advance), paymentMethod: 'advance-years', years: 1 }));
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d.procedures));
      const c = registrationOf(d).contribution;
      // Σ net_i / 1.004^i, i = 0..11, with net 297,000 (i < 5) and 264,000 = 3,263,185.84 → 3,263,186 (undiscounted 3,333,000).
      assert.deepEqual([c.months, c.periodFrom, c.periodTo, c.amountDue, c.dueBy], [12, '2025-02', '2026-01', 3_263_186, '2025-01-24']);
      assert.match(c.ruleVersion, /\+si-fund-rate-2024-sample\+/);
      assert.match(c.legalBasis, /SI fund monthly investment rate of 2024, 4,000 ppm \(si-fund-rate-2024-sample: SAMPLE value \(unconfirmed\)/);
      assert.doesNotMatch(c.legalBasis, /not yet recorded/);
      assert.ok(registrationOf(d).payment.qrPayload.includes('54073263186'), 'the QR carries the discounted amount');
      assert.deepEqual(await rows(LUMP.advance), [{ method: 'advance-years', months: 12, supported_months: 12, amount_due: '3263186', due_by: '2025-01-24' }]);
    });

    test('missing-period, 6 months from 2024-07 on 1,500,000: 6 × 297,000 (Decree 134) compounded to January 2025 at 0.4%', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(LUMP.missing), paymentMethod: 'missing-period', missingMonths: 6, startMonth: '2024-07' }));
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d.procedures));
      const c = registrationOf(d).contribution;
      // 297,000 × (1.004⁶ + 1.004⁵ + … + 1.004¹) = 1,807,114.99 → 1,807,115 (uncompounded 1,782,000).
      assert.deepEqual([c.months, c.periodFrom, c.periodTo, c.amountDue, c.dueBy], [6, '2024-07', '2024-12', 1_807_115, '2025-01-24']);
      assert.match(c.ruleVersion, /\+si-fund-rate-2024-sample\+/);
      assert.deepEqual(await rows(LUMP.missing), [{ method: 'missing-period', months: 6, supported_months: 6, amount_due: '1807115', due_by: '2025-01-24' }]);
    });

    test('the 120-month support cap counts the SI record: 84 voluntary months since 2018 leave 36 of a 5-year advance supported', async () => {
      const d = await register(voluntarySiDeclaration({ participant: person(LUMP.capped), paymentMethod: 'advance-years', years: 5 }));
      assert.equal(d.status, 'awaiting-payment', JSON.stringify(d.procedures));
      const r = registrationOf(d);
      assert.deepEqual([r.siCode, r.siCodeIssued], ['3500000243', false]);
      // 2025-02 … 2028-01 supported (5 × 297,000, 18 × 264,000, 13 × 233,200 at the 2027 poverty line 2,200,000),
      // 2028-02 … 2030-01 not (24 × 330,000); discounted at 0.4% → 15,231,854 (undiscounted 17,188,600; with all 60 supported, 13,309,200).
      assert.deepEqual([r.contribution.months, r.contribution.periodTo, r.contribution.amountDue], [60, '2030-01', 15_231_854]);
      assert.deepEqual(await rows(LUMP.capped), [{ method: 'advance-years', months: 60, supported_months: 36, amount_due: '15231854', due_by: '2025-01-24' }]);
    });
  });
}
