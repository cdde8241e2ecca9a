import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import type { SocialSecurityRuntime } from '../../src/agencies/social-security/payments/runtime.ts';
import { buildPlatform, type Platform } from '../../src/app/build-platform.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom, type Clock } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import { citizens, households, PEOPLE, siRecords, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

const DAY = 86_400_000;
const NEWCOMER = VOLUNTARY.newcomer;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The participant's voluntary SI page of the portal (`GET /portal/me/voluntary-si`), through the platform's HTTP
 * front with a citizen's session cookie, as a browser without scripts sees it. The page reads social security's
 * `GET /api/v1/me/voluntary-si` through the API (portal/api.ts). The newcomer registers to pay monthly on 1,500,000 VND
 * from February 2025 (297,000 VND a month after support), pays February in cash; the page shows the period paid and
 * March's renewal with its own reference and QR code. The clock then moves past March's last day: the sweep suspends
 * her, and the page puts social security's notice first (docs/voluntary-si.md; audit-6 gap 2).
 */
describe('the participant’s voluntary SI page in the portal: the next payment and its QR, periods paid, the suspension notice', () => {
  let p: Platform;
  let db: TestDb;
  let ss: SocialSecurityRuntime;
  // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on past a deadline.
  let shift = 0;
  const running = runningClockFrom(new Date(START));
  const clock: Clock = { now: () => new Date(running.now().getTime() + shift) };
  let dossierId = '';
  let firstReference = '';
  let renewalReference = '';

  before(async () => {
    db = await freshDb('pglite');
    p = await buildPlatform({ db: db.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
    ss = p.parts.find((x) => x.name === 'social-security') as SocialSecurityRuntime;
    await db.db.transaction(async (tx) => {
      await populationImport(clock.now()).apply(tx, [...households, ...citizens]);
      await siRecordsImport().apply(tx, siRecords);
    });
  });
  after(async () => {
    await p?.close();
    await db?.drop();
  });

  const api = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    p.app.inject({ method, url, headers: { authorization: `Bearer ${await p.tokens.issue(who)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
  /** The page as the citizen's browser asks for it: a session of theirs (started now, on the platform's clock). */
  const page = async (pin: string, url = '/portal/me/voluntary-si') => {
    const s = await p.identity.sessions.start(pin, { issuer: 'test' });
    return p.app.inject({ method: 'GET', url, headers: { cookie: `__Host-lienthong-session=${s.id}`, accept: 'text/html' } });
  };
  const dossierStatus = (status: string) =>
    eventually(async () => {
      const d = (await api({ kind: 'citizen', pin: NEWCOMER }, 'GET', `/api/v1/dossiers/${dossierId}`)).json();
      return d.status === status ? d : undefined;
    }, `dossier ${status}`);
  /** The text inside the element carrying `attr` (tags stripped, spaces collapsed). */
  const textAt = (body: string, attr: string) => {
    const m = new RegExp(`<(\\w+)[^>]*\\s${attr}(?:="[^"]*")?[^>]*>([\\s\\S]*?)</\\1>`).exec(body);
    return m ? m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
  };
  const qrImages = (body: string) => [...body.matchAll(/<img src="(data:image\/svg\+xml[^"]+)" alt="([^"]*)"[^>]*data-payment-qr>/g)].map((m) => ({ src: m[1]!, alt: m[2]! }));

  test('signed out: sent to sign in', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/portal/me/voluntary-si', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/auth/citizen/sign-in');
  });

  test('never registered: a clear empty state with the way to register; the home page links the page', async () => {
    const res = await page(PEOPLE.stranger);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /<h1>Bảo hiểm xã hội tự nguyện của tôi<\/h1>/);
    assert.match(res.body, /data-participation="none"/);
    assert.match(res.body, /Bạn chưa đăng ký tham gia BHXH tự nguyện\./);
    assert.match(res.body, /<a class="button" href="\/portal\/voluntary-si">Đăng ký tham gia BHXH tự nguyện<\/a>/);
    assert.equal(qrImages(res.body).length, 0);
    const en = await page(PEOPLE.stranger, '/portal/me/voluntary-si?lang=en');
    assert.match(en.body, /<h1>My voluntary social insurance<\/h1>[\s\S]*You have not registered for voluntary social insurance\./);
    const home = await page(PEOPLE.stranger, '/portal');
    assert.match(home.body, /<a class="button secondary" href="\/portal\/me\/voluntary-si" data-my-voluntary>/);
  });

  test('registered: the first payment — amount, last day, reference, the VietQR code as an image and its payload', async () => {
    const res = await api({ kind: 'citizen', pin: NEWCOMER }, 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: voluntarySiDeclaration() });
    assert.equal(res.statusCode, 202, res.body);
    dossierId = res.json().id;
    const d = await dossierStatus('awaiting-payment');
    firstReference = d.procedures[0].result.payment.reference;

    const body = (await page(NEWCOMER)).body;
    assert.match(body, /data-participation-status="awaiting-payment">Chờ nộp tiền</);
    assert.match(textAt(body, 'data-si-code') ?? '', /^\d{10}$/);
    assert.match(body, /data-next-due="registration"/);
    assert.match(body, /<h2 id="vsi-due">Kỳ đóng đầu tiên<\/h2>/);
    assert.equal(textAt(body, 'data-amount-due'), '297.000 đồng');
    assert.equal(textAt(body, 'data-due-by'), '28/02/2025');
    assert.equal(textAt(body, 'data-payment-reference'), firstReference);
    const [qr, more] = qrImages(body);
    assert.ok(qr && !more, 'one QR code');
    assert.match(qr.alt, new RegExp(`^Mã QR VietQR để chuyển 297\\.000 đồng vào tài khoản \\d+, nội dung ${firstReference}$`), 'the alt text names the amount, the account and the reference');
    assert.match(Buffer.from(qr.src.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8'), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[\s\S]*<path fill="#000" d="M/, 'an SVG drawn here');
    assert.match(textAt(body, 'data-qr-payload') ?? '', new RegExp(`^000201010212.*5406297000.*${firstReference}`), 'the payload, to copy');
    assert.match(body, /data-periods="0"/, 'nothing paid yet');
    assert.match(body, new RegExp(`href="/portal/dossiers/${dossierId}"`));
  });

  test('paid in cash: active, February in the periods table, March’s renewal with its own reference and QR', async () => {
    const collector: Principal = { kind: 'officer', username: 'vc-35', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };
    const cash = await api(collector, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference: firstReference, amount: 297_000, receiptNumber: 'BL-PORTAL-0001' });
    assert.equal(cash.statusCode, 200, cash.body);
    await dossierStatus('completed');

    const body = (await page(NEWCOMER)).body;
    assert.match(body, /data-participation-status="active">Đang tham gia</);
    assert.equal(textAt(body, 'data-paid-through'), '02/2025');
    assert.match(body, /<table data-periods="1">/);
    const row = /<tr data-period="2025-02">([\s\S]*?)<\/tr>/.exec(body)?.[1]?.replace(/<[^>]+>/g, '|');
    assert.match(row ?? '', /^\|02\/2025\|+1\|+1\.500\.000 đồng\|+PT-2025-\d{7}\|+24\/01\/2025\|$/);
    assert.match(body, /data-next-due="renewal"/);
    assert.match(body, /<h2 id="vsi-due">Kỳ đóng tiếp theo<\/h2>/);
    assert.equal(textAt(body, 'data-amount-due'), '297.000 đồng');
    assert.equal(textAt(body, 'data-due-by'), '31/03/2025');
    assert.match(body, /<dt>Đóng cho<\/dt><dd>03\/2025 \(1 tháng\)<\/dd>/);
    renewalReference = textAt(body, 'data-payment-reference') ?? '';
    assert.match(renewalReference, /^BHXHTN\d{13}$/);
    assert.notEqual(renewalReference, firstReference, 'the renewal has its own reference');
    const [qr] = qrImages(body);
    assert.ok(qr?.alt.endsWith(`nội dung ${renewalReference}`), qr?.alt);
    assert.match(textAt(body, 'data-qr-payload') ?? '', new RegExp(`5406297000.*${renewalReference}`));
    assert.match(body, /data-cover-sheet>Sổ BHXH: tờ bìa số [^<]+, cấp ngày \d\d\/\d\d\/2025\./);
    assert.doesNotMatch(body, /data-notices/, 'no notice yet');

    // The same in English; and the dossier page, once paid, links here.
    const en = (await page(NEWCOMER, '/portal/me/voluntary-si?lang=en')).body;
    assert.match(en, /<h2 id="vsi-due">Next payment<\/h2>/);
    assert.equal(textAt(en, 'data-amount-due'), '297,000 VND');
    assert.match(en, /data-participation-status="active">Active</);
    const dossierPage = (await page(NEWCOMER, `/portal/dossiers/${dossierId}`)).body;
    assert.match(dossierPage, /data-paid[\s\S]*href="\/portal\/me\/voluntary-si" data-my-voluntary/);
  });

  test('March not paid by its last day: suspended, social security’s notice first, no QR, the way to register again', async () => {
    shift = 70 * DAY; // Fri 4 April 2025: past 31 March and the statement lag
    const swept = await ss.payments.sweep();
    assert.equal(swept.lapsed, 1);

    const body = (await page(NEWCOMER)).body;
    assert.match(body, /data-participation-status="suspended">Tạm dừng</);
    const notices = body.indexOf('data-notices');
    assert.ok(notices > 0 && notices < body.indexOf('data-participation='), 'the notices come before everything else');
    assert.match(body, /<section class="alert" aria-labelledby="vsi-notices" data-notices>\s*<h2 id="vsi-notices">Thông báo của cơ quan BHXH<\/h2>/);
    const notice = textAt(body, 'data-notice="participation-suspended"') ?? '';
    assert.match(notice, /tạm dừng từ tháng 2025-03/);
    assert.ok(notice.includes(renewalReference), notice);
    assert.equal(qrImages(body).length, 0, 'nothing to pay under a lapsed reference');
    assert.doesNotMatch(body, /data-next-due/);
    assert.match(body, /<a class="button" href="\/portal\/voluntary-si" data-register-again>Đăng ký lại để tiếp tục tham gia<\/a>/);
    assert.match(body, /<tr data-period="2025-02">/, 'the period paid stays');

    const en = (await page(NEWCOMER, '/portal/me/voluntary-si?lang=en')).body;
    assert.match(textAt(en, 'data-notice="participation-suspended"') ?? '', /Your voluntary SI participation is suspended from 2025-03/);
    assert.match(en, /data-participation-status="suspended">Suspended</);

    // Only her own: another citizen's page still says they never registered.
    assert.match((await page(PEOPLE.stranger)).body, /data-participation="none"/);
  });
});
