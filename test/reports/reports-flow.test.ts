import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { reportByCode } from '../../src/agencies/social-security/reports/catalogue.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, deathDeclaration, DEATH, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Officer = Extract<Principal, { kind: 'officer' }>;
const officer = (role: Officer['role'], provinceCode: string | null = '35'): Officer => ({ kind: 'officer', username: `${role}-${provinceCode}`, agency: 'social-security', role, provinceCode });
const COLLECTOR = officer('vss-collector');
const FINANCE = officer('planning-finance-officer');
const DIRECTOR = officer('vss-director');
const FINAL = new Set(['completed', 'partially-completed', 'rejected', 'awaiting-payment']);
const TODAY = '2025-01-24'; // the harness's clock: Fri 24 Jan 2025 in Hà Nội

/** A downloaded XLSX read back: the rows between the header (STT) and the totals row, keyed by column. */
async function readXlsx(code: string, body: Buffer) {
  const def = reportByCode(code)!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const ws = wb.worksheets[0]!;
  const values: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
  const head = values.findIndex((v) => v[0] === 'STT');
  assert.ok(head >= 0, 'a header row');
  assert.deepEqual(values[head]!.slice(1), def.columns.map((c) => c.header.vi), 'Vietnamese headers in the definition’s order');
  const totalAt = values.findIndex((v) => typeof v[0] === 'string' && v[0].startsWith('Tổng cộng'));
  assert.ok(totalAt > head, 'a totals row');
  const rows = values.slice(head + 2, totalAt).map((v, i) => {
    assert.equal(v[0], i + 1, 'rows numbered');
    return Object.fromEntries(def.columns.map((c, j) => [c.key, v[j + 1] ?? null]));
  });
  const totals = Object.fromEntries(def.columns.map((c, j) => [c.key, values[totalAt]![j + 1] ?? null]));
  return { rows, totals, title: values.slice(0, head).flat().join('\n') };
}

/** Each totals cell equals the sum (or count) of its column over the rows. */
function assertTotalsAreTheRows(code: string, rows: Json[], totals: Json) {
  for (const c of reportByCode(code)!.columns) {
    if (!c.total) {
      assert.equal(totals[c.key], null, `${code}.${c.key} has no total`);
      continue;
    }
    const expected = c.total === 'count' ? rows.filter((r) => r[c.key] !== null && r[c.key] !== '').length : rows.reduce((s, r) => s + Number(r[c.key]), 0);
    assert.equal(totals[c.key], expected, `${code}.${c.key}: totals row vs the rows`);
  }
}

/**
 * The statutory reports end to end (issue 7 item 4; docs/reports.md): births give HI cards, voluntary-SI registrations
 * are paid in cash and reconciled into vouchers, a pensioner dies; each report, downloaded through HTTP as XLSX and read
 * back, has a totals row equal to its rows AND to an independent count or sum over social security's tables.
 */
for (const engine of await engines()) {
  describe(`statutory reports as XLSX and PDF (${engine})`, () => {
    let t: TestPlatform;
    const tokens = new Map<string, string>();
    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return t.p.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(key)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    };
    const settled = (id: string, pin: string) =>
      eventually(async () => {
        const d = (await call({ kind: 'citizen', pin }, 'GET', `/api/v1/dossiers/${id}`)).json();
        return FINAL.has(d.status) ? d : undefined;
      }, `dossier ${id}`);
    const declare = async (pin: string, group: string, declaration: unknown) => {
      const res = await call({ kind: 'citizen', pin }, 'POST', '/api/v1/dossiers', { group, declaration });
      assert.equal(res.statusCode, 202, res.body);
      return settled(res.json().id, pin);
    };
    const download = async (who: Officer, code: string, format: 'xlsx' | 'pdf', query: string) => {
      const res = await call(who, 'GET', `/api/v1/agencies/social-security/reports/${code}.${format}?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), new RegExp(`attachment; filename="${code}_35`));
      return res.rawPayload;
    };
    const scalar = async (sql: string, params: unknown[] = []) => Number((await t.p.db.query<{ n: string }>(sql, params))[0]!.n ?? 0);

    before(async () => {
      t = await startTestPlatform(engine);
      // Two births in Hà Nam: two HI cards (TE1…), listed in D103-TS.
      const a = await declare(PEOPLE.mother, 'birth', birthDeclaration());
      const b = await declare(PEOPLE.mother, 'birth', birthDeclaration({ child: { fullName: 'Lê Minh Châu', sex: 'female', dateOfBirth: '2025-01-22', placeOfBirth: 'Trạm y tế xã Thanh Phong' } }));
      for (const d of [a, b]) assert.equal(d.procedures.find((p: Json) => p.code === 'hi-card')?.status, 'completed', JSON.stringify(d));
      // Two voluntary-SI registrations paid in cash at a Hà Nam collection point: one exactly, one with 1,000 VND too much.
      for (const [pin, extra, receipt] of [[VOLUNTARY.newcomer, 0, 'RPT-1'], [VOLUNTARY.withCode, 1_000, 'RPT-2']] as const) {
        const d = await declare(pin, 'voluntary-si', voluntarySiDeclaration({ participant: { pin, phone: '0912345678', email: 'x@example.vn' } }));
        const { reference } = d.procedures[0].result.payment;
        const amount = d.procedures[0].result.contribution.amountDue + extra;
        const paid = await call(COLLECTOR, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference, amount, receiptNumber: receipt });
        assert.equal(paid.statusCode, 200, paid.body);
        assert.ok(paid.json().voucher, `a voucher for ${receipt}: ${paid.body}`);
      }
      // A pensioner's death: his payments stop; he holds no card issued here, so no card report lists him.
      await declare(DEATH.pensionerWidow, 'death', deathDeclaration());
    });
    after(async () => t?.close());

    test('the list: each officer sees the reports of their role, with the periods allowed', async () => {
      const codes = async (who: Officer) => ((await call(who, 'GET', '/api/v1/agencies/social-security/reports')).json().items as Json[]).map((r) => r.code);
      assert.deepEqual(await codes(COLLECTOR), ['D103-TS', 'D10a-TS', 'D104-TS', 'C69-HD', 'NSNN-TE-Q']);
      assert.deepEqual(await codes(FINANCE), ['C83-HD', 'NSNN-TE-Q']);
      assert.deepEqual(await codes(DIRECTOR), ['D103-TS', 'D10a-TS', 'D104-TS', 'C69-HD', 'C83-HD', 'NSNN-TE-Q']);
      const d104 = ((await call(COLLECTOR, 'GET', '/api/v1/agencies/social-security/reports')).json().items as Json[]).find((r) => r.code === 'D104-TS');
      assert.deepEqual(d104?.periods, ['month']);
    });

    test('D103-TS and D10a-TS: one row per card issued; totals = rows = the cards in the tables', async () => {
      const cards = await scalar(`SELECT count(*) AS n FROM social_security.hi_cards c JOIN social_security.d103_ts l USING (card_number) WHERE l.province_code = '35' AND c.issued_on = $1`, [TODAY]);
      assert.equal(cards, 2);
      for (const [code, period] of [['D103-TS', TODAY], ['D103-TS', '2025-01'], ['D10a-TS', TODAY], ['D10a-TS', '2025-Q1']] as const) {
        const { rows, totals, title } = await readXlsx(code, await download(COLLECTOR, code, 'xlsx', `period=${period}`));
        assertTotalsAreTheRows(code, rows, totals);
        assert.equal(rows.length, cards, `${code} ${period}`);
        assert.equal(totals.cardNumber, cards);
        assert.ok(rows.every((r) => String(r.cardNumber).startsWith('TE135')), 'children’s cards of Hà Nam');
        assert.match(title, /Kỳ báo cáo/);
        assert.match(title, /35/);
        if (code === 'D10a-TS') assert.equal(totals.onTime, await scalar(`SELECT count(*) AS n FROM social_security.hi_cards WHERE issued_on <= deadline AND issued_on BETWEEN '2025-01-01' AND '2025-03-31'`));
      }
      // Another day, another commune: nothing.
      assert.equal((await readXlsx('D103-TS', await download(COLLECTOR, 'D103-TS', 'xlsx', 'period=2025-01-23'))).rows.length, 0);
      assert.equal((await readXlsx('D103-TS', await download(COLLECTOR, 'D103-TS', 'xlsx', 'period=2025-01&communeCode=99999'))).rows.length, 0);
      assert.equal((await readXlsx('D103-TS', await download(COLLECTOR, 'D103-TS', 'xlsx', 'period=2025-01&districtCode=347&communeCode=13366'))).rows.length, cards);
    });

    test('D104-TS: the month’s new cards and the cards that ended in it, totals against the tables', async () => {
      let r = await readXlsx('D104-TS', await download(DIRECTOR, 'D104-TS', 'xlsx', 'period=2025-01'));
      assertTotalsAreTheRows('D104-TS', r.rows, r.totals);
      assert.deepEqual([r.totals.issued, r.totals.ended], [2, 0]);
      // No flow ends a child's card today (a death decision ends the deceased's own card: the pensioner holds none issued
      // here), so one card is ended as that decision would, to see it listed the month it ends.
      const [card] = await t.p.db.query<{ card_number: string }>(`SELECT card_number FROM social_security.hi_cards ORDER BY card_number LIMIT 1`);
      await t.p.db.query(`UPDATE social_security.hi_cards SET ended_on = '2025-02-28' WHERE card_number = $1`, [card!.card_number]);
      r = await readXlsx('D104-TS', await download(DIRECTOR, 'D104-TS', 'xlsx', 'period=2025-02'));
      assertTotalsAreTheRows('D104-TS', r.rows, r.totals);
      assert.deepEqual(r.rows.map((x) => [x.cardNumber, x.issued, x.ended, x.endedOn]), [[card!.card_number, 0, 1, '2025-02-28']]);
      assert.equal(r.totals.ended, await scalar(`SELECT count(*) AS n FROM social_security.hi_cards WHERE ended_on BETWEEN '2025-02-01' AND '2025-02-28'`));
      await t.p.db.query(`UPDATE social_security.hi_cards SET ended_on = NULL WHERE card_number = $1`, [card!.card_number]);
    });

    test('C69-HD and C83-HD: the vouchers of the day; totals = rows = the vouchers’ sums; received = allocated + held', async () => {
      const sums = (await t.p.db.query<{ n: string; amount: string; received: string; months: string }>(
        `SELECT count(*) AS n, sum(v.amount) AS amount, sum(v.received) AS received, sum(d.months) AS months FROM social_security.payment_vouchers v
         JOIN social_security.voluntary_dues d USING (reference) WHERE d.province_code = '35' AND v.issued_on = $1`,
        [TODAY],
      ))[0]!;
      assert.equal(Number(sums.n), 2);
      const c69 = await readXlsx('C69-HD', await download(COLLECTOR, 'C69-HD', 'xlsx', `period=${TODAY}`));
      assertTotalsAreTheRows('C69-HD', c69.rows, c69.totals);
      assert.deepEqual([c69.totals.voucherNumber, c69.totals.amount, c69.totals.received, c69.totals.months], [2, Number(sums.amount), Number(sums.received), Number(sums.months)]);
      assert.ok(c69.rows.every((r) => r.channels === 'cash'));
      const c83 = await readXlsx('C83-HD', await download(FINANCE, 'C83-HD', 'xlsx', `period=${TODAY}`));
      assertTotalsAreTheRows('C83-HD', c83.rows, c83.totals);
      assert.deepEqual([c83.totals.toFund, c83.totals.received, c83.totals.held], [Number(sums.amount), Number(sums.received), 1_000]);
      for (const r of c83.rows) assert.equal(r.received, Number(r.toFund) + Number(r.held));
      // The day before: none.
      assert.equal((await readXlsx('C69-HD', await download(COLLECTOR, 'C69-HD', 'xlsx', 'period=2025-01-23'))).rows.length, 0);
    });

    test('state budget for children under 6: 4.5% × base salary × months covered (Decree 146/2018/ND-CP art. 7.1.đ, 10.1.b; DOMAIN.md §2)', async () => {
      const children = await scalar(`SELECT count(*) AS n FROM social_security.hi_cards WHERE card_number LIKE 'TE1%' AND valid_from <= '2025-03-31'`);
      assert.equal(children, 2);
      for (const [quarter, perChild] of [
        ['2025-Q1', 3 * 105_300], // born in January: January counts whole; 4.5% × 2,340,000 (Decree 73/2024/ND-CP)
        ['2026-Q2', 3 * 105_300],
        ['2026-Q3', 3 * 113_850], // from 1 July 2026 the base salary is 2,530,000 (Decree 161/2026/ND-CP)
      ] as const) {
        const r = await readXlsx('NSNN-TE-Q', await download(FINANCE, 'NSNN-TE-Q', 'xlsx', `period=${quarter}`));
        assertTotalsAreTheRows('NSNN-TE-Q', r.rows, r.totals);
        assert.deepEqual([r.totals.cardNumber, r.totals.months, r.totals.amount], [children, 3 * children, perChild * children], quarter);
        assert.ok(r.rows.every((x) => x.amount === perChild && x.months === 3));
      }
    });

    test('every report as PDF: a PDF with at least one page', async () => {
      for (const [code, period, who] of [['D103-TS', '2025-01', COLLECTOR], ['D10a-TS', TODAY, COLLECTOR], ['D104-TS', '2025-01', COLLECTOR], ['C69-HD', TODAY, COLLECTOR], ['C83-HD', TODAY, FINANCE], ['NSNN-TE-Q', '2025-Q1', DIRECTOR]] as const) {
        const pdf = await download(who, code, 'pdf', `period=${period}`);
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', code);
        assert.ok((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length >= 1, `${code} has a page`);
      }
    });

    test('each download is one audit entry (purpose, area, period, row count), with no one’s PIN', async () => {
      const before = await scalar(`SELECT count(*) AS n FROM audit.entries WHERE action = 'report.drawn'`);
      await download(COLLECTOR, 'D103-TS', 'pdf', 'period=2025-Q1');
      const [e] = await t.p.db.query<{ actor_id: string; purpose: string; subject: string | null; resource: string; details: Json }>(
        `SELECT actor_id, purpose, subject, resource, details FROM audit.entries WHERE action = 'report.drawn' ORDER BY seq DESC LIMIT 1`,
      );
      assert.equal(await scalar(`SELECT count(*) AS n FROM audit.entries WHERE action = 'report.drawn'`), before + 1);
      assert.equal(e!.subject, null);
      assert.equal(e!.resource, 'report/D103-TS/35/2025-Q1');
      assert.match(e!.purpose, /D103-TS/);
      assert.deepEqual([e!.details.period, e!.details.rows, e!.details.area.provinceCode, e!.details.format], ['2025-Q1', 2, '35', 'pdf']);
    });

    test('refusals: another province 403, a report of another role 403, bad period or code 400 — in both languages, nothing audited', async () => {
      const before = await scalar(`SELECT count(*) AS n FROM audit.entries WHERE action = 'report.drawn'`);
      const cases: [Officer, string, number, string, string][] = [
        [officer('vss-collector', '01'), 'D103-TS.xlsx?period=2025-01&provinceCode=35', 403, 'provinceCode', 'outside-area'],
        [FINANCE, 'D103-TS.xlsx?period=2025-01', 403, 'code', 'role-not-allowed'],
        [COLLECTOR, 'C83-HD.pdf?period=2025-01-24', 403, 'code', 'role-not-allowed'],
        [COLLECTOR, 'D103-TS.xlsx?period=2025-13', 400, 'period', 'invalid-period'],
        [COLLECTOR, 'D103-TS.pdf?period=2025-02-30', 400, 'period', 'invalid-period'],
        [COLLECTOR, 'D104-TS.xlsx?period=2025-Q1', 400, 'period', 'period-not-allowed'],
        [FINANCE, 'NSNN-TE-Q.xlsx?period=2025-01', 400, 'period', 'period-not-allowed'],
        [COLLECTOR, 'D999-TS.xlsx?period=2025-01', 400, 'code', 'unknown-report'],
        [COLLECTOR, 'C69-HD.xlsx?period=2025-01&communeCode=13366', 400, 'communeCode', 'not-applicable'],
        [officer('vss-director', null), 'D103-TS.xlsx?period=2025-01', 400, 'provinceCode', 'required'],
      ];
      for (const [who, url, status, path, code] of cases) {
        const res = await call(who, 'GET', `/api/v1/agencies/social-security/reports/${url}`);
        assert.equal(res.statusCode, status, `${url}: ${res.body}`);
        const f = (res.json().fields as Json[]).find((x) => x.path === path);
        assert.equal(f?.code, code, `${url}: ${res.body}`);
        assert.ok(f.reason && f.reasonVi, url);
      }
      for (const url of ['D103-TS.xlsx', 'D103-TS.xlsx?period=2025-01&provinceCode=3', 'D103-TS.xlsx?period=2025-01&extra=1']) {
        const res = await call(COLLECTOR, 'GET', `/api/v1/agencies/social-security/reports/${url}`);
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      }
      assert.equal(await scalar(`SELECT count(*) AS n FROM audit.entries WHERE action = 'report.drawn'`), before);
      // A national officer (no province) names the province.
      assert.equal((await readXlsx('D103-TS', await download(officer('vss-director', null), 'D103-TS', 'xlsx', 'period=2025-01&provinceCode=35'))).rows.length, 2);
    });
  });
}
