import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import type { SocialSecurityRuntime } from '../../src/agencies/social-security/payments/runtime.ts';
import { poorHouseholdsImport } from '../../src/agencies/social-security/poor-households-import.ts';
import { buildPlatform, type Platform } from '../../src/app/build-platform.ts';
import { runImport } from '../../src/cli/commands/import.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom, type Clock } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { citizens, households, poorHouseholds, siRecords, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

const DAY = 86_400_000;
const SETTLED = new Set(['awaiting-payment', 'completed', 'partially-completed', 'rejected']);
const HEADER = 'transaction_id,value_date,amount_vnd,payer_account,payer_name,description';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Officer = Extract<Principal, { kind: 'officer' }>;
const collector = (provinceCode: string | null, username = `vc-${provinceCode}`): Officer => ({ kind: 'officer', username, agency: 'social-security', role: 'vss-collector', provinceCode });

/**
 * Voluntary SI after registration (online service 602e; seed 004): the money arrives by transfer (an imported bank
 * statement) or in cash, the centralised accounting reconciles it, the voucher completes the dossier with the
 * participation period and the SI book cover sheet, the next period falls due, and a missed deadline refuses or
 * suspends. Everything through the HTTP API and the `lienthong import bank-statement` function.
 */
for (const engine of await engines()) {
  describe(`voluntary SI payment, reconciliation, voucher, renewal and suspension (${engine})`, () => {
    let p: Platform;
    let db: TestDb;
    let ss: SocialSecurityRuntime;
    let dir: string;
    // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on to cross deadlines.
    let shift = 0;
    const running = runningClockFrom(new Date(START));
    const clock: Clock = { now: () => new Date(running.now().getTime() + shift) };
    const tokens = new Map<string, string>();
    const ids: Record<string, string> = {};
    const refs: Record<string, string> = {};

    before(async () => {
      db = await freshDb(engine);
      dir = mkdtempSync(join(tmpdir(), 'lienthong-statements-'));
      p = await buildPlatform({ db: db.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
      ss = p.parts.find((x) => x.name === 'social-security') as SocialSecurityRuntime;
      await db.db.transaction(async (tx) => {
        await populationImport(clock.now()).apply(tx, [...households, ...citizens]);
        await siRecordsImport().apply(tx, siRecords);
        await poorHouseholdsImport().apply(tx, poorHouseholds);
      });
    });
    after(async () => {
      await p.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const token = async (who: Principal) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await p.tokens.issue(who));
      return tokens.get(key)!;
    };
    const citizen = (pin: string): Principal => ({ kind: 'citizen', pin });
    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      p.app.inject({ method, url, headers: { authorization: `Bearer ${await token(who)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    const dossier = async (id: string, pin: string): Promise<Json> => (await call(citizen(pin), 'GET', `/api/v1/dossiers/${id}`)).json();
    const settled = (id: string, pin: string, ok: (d: Json) => boolean = (d) => SETTLED.has(d.status)) =>
      eventually(async () => {
        const d = await dossier(id, pin);
        return ok(d) ? d : undefined;
      }, `dossier ${id}`);
    const register = async (key: string, declaration: ReturnType<typeof voluntarySiDeclaration>) => {
      const pin = declaration.participant.pin;
      const res = await call(citizen(pin), 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration });
      assert.equal(res.statusCode, 202, res.body);
      ids[key] = res.json().id;
      const d = await settled(ids[key]!, pin);
      refs[key] = d.procedures[0].result?.payment?.reference;
      return d;
    };
    const mine = async (pin: string): Promise<Json> => {
      const res = await call(citizen(pin), 'GET', '/api/v1/me/voluntary-si');
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const exceptions = async (query = '', who = collector('35')): Promise<Json[]> => {
      const res = await call(who, 'GET', `/api/v1/agencies/social-security/payments/exceptions${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items;
    };
    /** `lienthong import bank-statement FILE.csv`, then the part's sweep (its timer, run now) tells the hub. */
    const importStatement = async (name: string, lines: string[]) => {
      const file = join(dir, name);
      writeFileSync(file, [HEADER, ...lines].join('\r\n') + '\r\n');
      const out: string[] = [];
      const report = await runImport(p.db, 'bank-statement', file, clock, (s) => out.push(s));
      await ss.payments.sweep();
      return { report, out: out.join('\n') };
    };
    const count = async (sql: string, params: unknown[] = []) => Number((await p.db.query<{ n: string }>(sql, params))[0]!.n);

    test('registered: the dossier awaits payment, showing the amount, the deadline and the QR; the deadline is now the citizen’s', async () => {
      const d = await register('newcomer', voluntarySiDeclaration());
      assert.equal(d.status, 'awaiting-payment');
      const proc = d.procedures[0];
      assert.equal(proc.status, 'awaiting-payment');
      assert.equal(proc.deadline, '2025-02-28', 'the payment’s last day replaces the agency’s deadline');
      assert.equal(proc.finishedAt, null);
      assert.deepEqual([proc.result.contribution.amountDue, proc.result.payment.reference], [297_000, refs.newcomer]);
      assert.ok(proc.result.payment.qrPayload.includes('5406297000'));
      assert.ok(d.history.some((h: Json) => h.status === 'awaiting-payment' && h.note === 'payment due by 2025-02-28'));
      const me = await mine(VOLUNTARY.newcomer);
      assert.equal(me.participation.status, 'awaiting-payment');
      assert.deepEqual([me.participation.nextDue.reference, me.participation.nextDue.amountDue, me.participation.nextDue.dueBy], [refs.newcomer, 297_000, '2025-02-28']);
      assert.ok(me.participation.nextDue.qrPayload.startsWith('000201010212'));
      assert.equal(me.participation.coverSheet, null);
    });

    test('an underpaying transfer: credited as partial and listed for an officer; the dossier still awaits payment', async () => {
      const { report, out } = await importStatement('s1.csv', [`FT001,2025-01-24,200000,0071000123456,DANG THI HONG,"CK ${refs.newcomer} dong BHXH, thang 2"`]);
      assert.deepEqual([report.inserted, report.unchanged, report.bad.length], [1, 0, 0]);
      assert.match(out, /1 partial/);
      const listed = await exceptions('?kind=partial');
      assert.deepEqual(listed.map((x) => [x.transactionId, x.kind, x.credited, x.reference, x.payerAccount]), [['FT001', 'partial', 200_000, refs.newcomer, '****3456']]);
      const d = await dossier(ids.newcomer!, VOLUNTARY.newcomer);
      assert.equal(d.status, 'awaiting-payment');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.payment_vouchers'), 0);
    });

    test('the rest arrives: matched with the partial → voucher, participation, SI book cover sheet; the dossier completes; re-importing changes nothing', async () => {
      const lines = [
        `FT001,2025-01-24,200000,0071000123456,DANG THI HONG,"CK ${refs.newcomer} dong BHXH, thang 2"`, // the same line again
        `FT002,2025-01-24,97000,0071000123456,DANG THI HONG,bhxhtn ${refs.newcomer!.slice(6, 16)}-${refs.newcomer!.slice(16)} con lai`,
      ];
      const first = await importStatement('s2.csv', lines);
      assert.deepEqual([first.report.inserted, first.report.unchanged, first.report.bad.length], [1, 1, 0]);
      const d = await settled(ids.newcomer!, VOLUNTARY.newcomer, (x) => x.status !== 'awaiting-payment');
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures));
      const r = d.procedures[0].result;
      assert.deepEqual(
        [r.voucher.reference, r.voucher.amount, r.voucher.received, r.voucher.channels, r.voucher.periodFrom, r.voucher.periodTo, r.voucher.payer],
        [refs.newcomer, 297_000, 297_000, ['bank-transfer'], '2025-02', '2025-02', { pin: VOLUNTARY.newcomer, fullName: 'Đặng Thị Hồng' }],
      );
      assert.match(r.voucher.number, /^PT-2025-\d{7}$/);
      assert.deepEqual(r.participation, { from: '2025-02', to: '2025-02', months: 1, monthlyIncome: 1_500_000, scheme: 'voluntary', voucherNumber: r.voucher.number });
      assert.deepEqual(
        [r.coverSheet.siCode, r.coverSheet.bookNumber, r.coverSheet.fullName, r.coverSheet.dateOfBirth, r.coverSheet.sex, r.coverSheet.pin, r.coverSheet.nationality, r.coverSheet.firstParticipationMonth, r.coverSheet.issuingOffice],
        [r.siCode, r.siCode, 'Đặng Thị Hồng', '1997-04-12', 'female', VOLUNTARY.newcomer, 'Việt Nam', '2025-02', 'Bảo hiểm xã hội tỉnh Hà Nam'],
      );
      assert.equal(r.payment.reference, refs.newcomer, 'the registration is still there');
      assert.deepEqual(await exceptions('?kind=partial'), [], 'the partial payment is part of the voucher now');

      const again = await importStatement('s2.csv', lines);
      assert.deepEqual([again.report.inserted, again.report.unchanged], [0, 2], 're-importing the same file changes nothing');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.voluntary_payments'), 2);
      assert.equal(await count('SELECT count(*) AS n FROM social_security.payment_vouchers'), 1);
    });

    test('renewal: the next month is due without a new registration, and paying it by transfer extends the periods', async () => {
      const me = await mine(VOLUNTARY.newcomer);
      assert.equal(me.participation.status, 'active');
      assert.equal(me.participation.paidThrough, '2025-02');
      assert.equal(me.participation.coverSheet.bookNumber, me.participation.siCode);
      const next = me.participation.nextDue;
      assert.deepEqual([next.kind, next.periodFrom, next.periodTo, next.amountDue, next.dueBy], ['renewal', '2025-03', '2025-03', 297_000, '2025-03-31']);
      assert.equal(next.reference, `BHXHTN${me.participation.siCode}002`);
      assert.ok(next.qrPayload.includes(`0819${next.reference}`));
      await importStatement('s3.csv', [`FT003,2025-01-24,297000,0071000123456,DANG THI HONG,${next.reference}`]);
      const after = await mine(VOLUNTARY.newcomer);
      assert.deepEqual(after.participation.periods.map((x: Json) => [x.from, x.to]), [['2025-02', '2025-02'], ['2025-03', '2025-03']]);
      assert.equal(after.participation.nextDue.periodFrom, '2025-04');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.si_book_cover_sheets'), 1, 'one cover sheet: first participation only');
    });

    test('a second transfer for a paid reference is a listed duplicate, never counted twice; a transfer without a reference is listed unmatched', async () => {
      const { out } = await importStatement('s4.csv', [
        `FT004,2025-01-24,297000,0071000123456,DANG THI HONG,${refs.newcomer}`,
        'FT005,2025-01-24,150000,1903000111,TRAN VAN B,dong bao hiem',
      ]);
      assert.match(out, /1 duplicate, 0 late, 1 unmatched/);
      const listed = await exceptions();
      assert.deepEqual(listed.map((x) => [x.transactionId, x.kind, x.toResolve]).sort(), [['FT004', 'duplicate', 297_000], ['FT005', 'unmatched', 150_000]]);
      const me = await mine(VOLUNTARY.newcomer);
      assert.equal(me.participation.periods.length, 2, 'no period paid twice');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.payment_vouchers'), 2);
      // Filters: by kind and status.
      assert.deepEqual((await exceptions('?kind=unmatched')).map((x) => x.transactionId), ['FT005']);
      assert.deepEqual(await exceptions('?status=resolved'), []);
      assert.equal((await call(collector('35'), 'GET', '/api/v1/agencies/social-security/payments/exceptions?kind=nonsense')).statusCode, 400);
    });

    test('an officer resolves listed payments: the duplicate goes on the next period, the unmatched one is refunded', async () => {
      const [dup] = await exceptions('?kind=duplicate');
      const next = (await mine(VOLUNTARY.newcomer)).participation.nextDue;
      const assigned = await call(collector('35'), 'POST', `/api/v1/agencies/social-security/payments/${dup!.id}/resolve`, { action: 'assign', reference: next.reference, reason: 'paid twice; the participant asks to pay April with it' });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json().assigned.payment.kind, 'matched');
      assert.equal(assigned.json().assigned.voucher.periodFrom, '2025-04');
      const [unmatched] = await exceptions('?kind=unmatched');
      const refunded = await call(collector('35'), 'POST', `/api/v1/agencies/social-security/payments/${unmatched!.id}/resolve`, { action: 'refund', reason: 'no participant found; returned to the payer' });
      assert.equal(refunded.statusCode, 200, refunded.body);
      assert.deepEqual(await exceptions(), []);
      assert.deepEqual((await exceptions('?status=resolved')).map((x) => [x.kind, x.resolution.action]).sort(), [['duplicate', 'assign'], ['unmatched', 'refund']]);
      const twice = await call(collector('35'), 'POST', `/api/v1/agencies/social-security/payments/${unmatched!.id}/resolve`, { action: 'refund', reason: 'again' });
      assert.equal(twice.statusCode, 409);
      assert.deepEqual((await mine(VOLUNTARY.newcomer)).participation.periods.map((x: Json) => x.from), ['2025-02', '2025-03', '2025-04']);
      assert.equal(await count(`SELECT count(*) AS n FROM audit.entries WHERE action = 'payment.resolved'`), 2, 'each resolution is in the audit trail');
    });

    test('cash at a collection point: refused to an officer of another province; in the province, matched → completed (an existing book: no cover sheet); a resent receipt changes nothing, a paid reference takes no more', async () => {
      const d0 = await register('withCode', voluntarySiDeclaration({ participant: { pin: VOLUNTARY.withCode, phone: '0987654321', email: 'a@example.vn' }, monthlyIncome: 2_000_000, paymentMethod: '3-months' }));
      assert.equal(d0.status, 'awaiting-payment');
      const receipt = { reference: refs.withCode, amount: 1_221_000, receiptNumber: 'BL-0001', payerName: 'Lý Văn Toàn' };
      const elsewhere = await call(collector('01'), 'POST', '/api/v1/agencies/social-security/cash-receipts', receipt);
      assert.equal(elsewhere.statusCode, 403, elsewhere.body);
      assert.deepEqual(elsewhere.json().fields.map((f: Json) => [f.path, f.code]), [['reference', 'outside-area']]);
      assert.equal(await count('SELECT count(*) AS n FROM social_security.voluntary_payments WHERE channel = $1', ['cash']), 0, 'nothing recorded');
      const bad = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', { ...receipt, reference: 'BHXHTN9999999999001' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().fields[0].code, 'unknown-reference');

      const ok = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', receipt);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().payment.kind, ok.json().voucher.amount, ok.json().voucher.channels, ok.json().replayed], ['matched', 1_221_000, ['cash'], false]);
      const d = await settled(ids.withCode!, VOLUNTARY.withCode, (x) => x.status !== 'awaiting-payment');
      assert.equal(d.status, 'completed');
      assert.equal(d.procedures[0].result.coverSheet, null, 'he has a book already (SI record since 2019)');
      assert.deepEqual([d.procedures[0].result.participation.from, d.procedures[0].result.participation.to], ['2025-02', '2025-04']);
      const resent = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', receipt);
      assert.equal(resent.statusCode, 200);
      assert.equal(resent.json().replayed, true);
      const changed = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', { ...receipt, amount: 1_000_000 });
      assert.equal(changed.statusCode, 409);
      const paidAlready = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', { ...receipt, receiptNumber: 'BL-0002' });
      assert.equal(paidAlready.statusCode, 409, 'cash for a paid reference is not taken');
      assert.equal(paidAlready.json().fields[0].code, 'already-paid');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.voluntary_payments WHERE channel = $1', ['cash']), 1);
      const next = (await mine(VOLUNTARY.withCode)).participation.nextDue;
      assert.deepEqual([next.periodFrom, next.periodTo, next.dueBy], ['2025-05', '2025-07', '2025-07-31'], 'every 3 months, due within the 3 months');
    });

    test('overpaid: the due is settled and the excess listed for refund', async () => {
      await register('nearPoor', voluntarySiDeclaration({ participant: { pin: VOLUNTARY.nearPoor, phone: '0987654321', email: 'b@example.vn' }, supportGroup: 'near-poor' }));
      await importStatement('s5.csv', [`FT006,2025-01-24,250000,,TRINH THI HANH,${refs.nearPoor}`]);
      const d = await settled(ids.nearPoor!, VOLUNTARY.nearPoor, (x) => x.status !== 'awaiting-payment');
      assert.equal(d.status, 'completed');
      assert.deepEqual([d.procedures[0].result.voucher.amount, d.procedures[0].result.voucher.received], [247_500, 250_000]);
      assert.deepEqual((await exceptions('?kind=overpaid')).map((x) => [x.transactionId, x.credited, x.toResolve]), [['FT006', 247_500, 2_500]]);
    });

    // Last: they move the platform's clock on.
    test('a first payment missed: after the deadline (and the statements’ lag) the procedure is refused and the participant told; late money is listed', async () => {
      const d0 = await register('unpaid', voluntarySiDeclaration({ participant: { pin: VOLUNTARY.notNearPoor, phone: '0987654321', email: 'c@example.vn' } }));
      assert.equal(d0.status, 'awaiting-payment');
      shift = 38 * DAY; // Mon 3 March 2025: the last day (28 Feb) has passed, but a transfer made on it may still be reported
      assert.equal((await ss.payments.sweep()).lapsed, 0);
      shift = 39 * DAY; // Tue 4 March 2025
      const swept = await ss.payments.sweep();
      assert.equal(swept.lapsed, 1, 'only the unpaid registration: the renewals paid or not yet due');
      assert.deepEqual(await ss.payments.sweep(), { lapsed: 0, notified: 0 }, 'idempotent');
      const d = await settled(ids.unpaid!, VOLUNTARY.notNearPoor, (x) => x.status !== 'awaiting-payment');
      assert.equal(d.status, 'rejected');
      const [reason] = d.procedures[0].reasons;
      assert.deepEqual([reason.path, reason.code], ['payment.reference', 'not-paid-by-deadline']);
      assert.ok(reason.reason.includes('297,000 VND') && reason.reason.includes('2025-02-28'), reason.reason);
      assert.ok(reason.reasonVi.includes('297.000 đồng') && reason.reasonVi.includes('28/02/2025'), reason.reasonVi);
      assert.equal((await mine(VOLUNTARY.notNearPoor)).participation.status, 'lapsed');
      await importStatement('s6.csv', [`FT007,2025-03-04,297000,,CAO VAN KIEN,${refs.unpaid}`]);
      assert.deepEqual((await exceptions('?kind=late')).map((x) => x.transactionId), ['FT007']);
      const cash = await call(collector('35'), 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference: refs.unpaid, amount: 297_000, receiptNumber: 'BL-0099' });
      assert.deepEqual([cash.statusCode, cash.json().fields[0].code], [409, 'deadline-passed'], 'late cash is not taken');
      // Lapsed, a new registration is possible again.
      const again = await register('unpaid2', voluntarySiDeclaration({ participant: { pin: VOLUNTARY.notNearPoor, phone: '0987654321', email: 'c@example.vn' }, startMonth: '2025-04' }));
      assert.equal(again.status, 'awaiting-payment');
    });

    test('a renewal missed: participation is suspended and the participant told', async () => {
      // The near-poor participant paid February; March was due by 31 March and never paid.
      shift = 70 * DAY; // Fri 4 April 2025
      await ss.payments.sweep();
      const me = await mine(VOLUNTARY.nearPoor);
      assert.equal(me.participation.status, 'suspended');
      assert.equal(me.participation.nextDue, null);
      assert.equal(me.participation.paidThrough, '2025-02');
      const [notice] = me.notices;
      assert.equal(notice.code, 'participation-suspended');
      assert.ok(notice.message.includes('2025-03') && notice.messageVi.includes('tạm dừng'), notice.message);
      const d = await dossier(ids.nearPoor!, VOLUNTARY.nearPoor);
      assert.equal(d.status, 'completed', 'the registration itself stays completed');
      assert.equal((await mine(VOLUNTARY.newcomer)).participation.status, 'active', 'paid through April, May not yet due');
    });
  });
}
