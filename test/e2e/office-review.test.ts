import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/identity/domain/totp.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe, haveChromium, launchChromium, shot, type Browser, type Page } from '../support/browser.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * The back office end to end in Debian's Chromium: a civil-registry officer signs in (password + TOTP), finds a
 * birth the checks sent to review on the worklist, tries to claim it while a colleague holds it (the refusal is
 * shown plainly: who, until when), claims it once released, approves it — and the citizen's dossier completes;
 * the dossier page shows every procedure, state change and message; the SLA dashboard draws its charts. At
 * 360×740 and 1280×800, in Vietnamese and English, axe-core on every page, screenshots in test-output/screenshots/.
 */
if (haveChromium('back-office review end-to-end suite')) {
  describe('back office in a real browser: an officer approves a birth in review', () => {
    let t: TestPlatform;
    let base: string;
    let browser: Browser;
    let totpSecret: string;
    let password: string;
    let dossierId: string;
    let reviewId: string;
    const clock = runningClockFrom(new Date(START));
    const checked: string[] = [];
    const colleague: Principal = { kind: 'officer', username: 'cr-hanoi-2', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' };
    const young: Principal = { kind: 'citizen', pin: PEOPLE.youngMother };

    const api = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

    before(async () => {
      process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestPlatform('pglite', START, { clock });
      await t.p.app.listen({ port, host: '127.0.0.1' });
      const created = await t.p.identity.createOfficer({ username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }, { kind: 'operator', id: 'e2e' });
      password = created.initialPassword;
      totpSecret = new URL(created.totpUri).searchParams.get('secret')!;
      // A 13-year-old mother: the civil registry's checks send the birth to an officer of Hà Nội (Law on Civil Status 2014 art. 16).
      const decl = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Bệnh viện Phụ sản Hà Nội' } });
      delete (decl as { father?: unknown }).father;
      const sub = await api(young, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: decl });
      assert.equal(sub.statusCode, 202, sub.body);
      dossierId = sub.json().id;
      reviewId = await eventually(async () => ((await api(colleague, 'GET', '/api/v1/agencies/civil-registry/reviews')).json().items as { id: string; dossierId: string }[]).find((i) => i.dossierId === dossierId)?.id, 'the review');
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    /** Signs in through the form; `step` moves the TOTP code on (a code is accepted once, one step either side). */
    async function signIn(page: Page, tag: string, step = 0): Promise<void> {
      await page.goto(`${base}/office`);
      await page.waitForURL(/\/office\/sign-in\?next=%2Foffice/);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      await axe(page, `office-sign-in-${tag}`, checked);
      await shot(page, `office-01-sign-in-${tag}`);
      await page.fill('#username', 'cr-hanoi');
      await page.fill('#password', password);
      await page.fill('#totp', totpCode(totpSecret, new Date(clock.now().getTime() + step * 30_000)));
      await Promise.all([page.waitForURL(`${base}/office`), page.click('button[type=submit]')]);
      await page.waitForSelector('a[href="/office/reviews"]');
    }

    const itemAction = (page: Page, act: string) => page.locator(`[data-item="${reviewId}"] form:has(input[name="_action"][value="${act}"]) button[type=submit]`);

    test('at 360×740: sign-in refused then accepted, the worklist, a colleague’s claim shown, claim, approve, the dossier completes', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (e) => scriptErrors.push(e.message));

      // A wrong code first: one message for every failure, the username kept, focus on the summary.
      await page.goto(`${base}/office/sign-in`);
      await page.fill('#username', 'cr-hanoi');
      await page.fill('#password', password);
      await page.fill('#totp', '000000');
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      assert.match((await page.textContent('[data-error-summary]')) ?? '', /Đăng nhập không thành công/);
      assert.equal(await page.inputValue('#username'), 'cr-hanoi');
      assert.equal(await page.inputValue('#password'), '', 'the password is never sent back');
      assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary')), true, 'the summary takes focus');
      await axe(page, 'office-sign-in-refused', checked);
      await shot(page, 'office-02-sign-in-refused-mobile');

      await signIn(page, 'mobile');
      // The session is an HTTP-only, Secure, SameSite cookie the page's script cannot read.
      const cookie = (await context.cookies()).find((c) => c.name === '__Host-lienthong-office');
      assert.ok(cookie && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Lax', JSON.stringify(cookie));
      assert.equal(await page.evaluate(() => document.cookie.includes('lienthong-office')), false);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor), 'rgb(18, 53, 91)', 'the stylesheet loads under the CSP');
      await axe(page, 'office-home', checked);
      await shot(page, 'office-03-home-mobile');

      // The worklist: the birth in review, nobody holding it.
      await Promise.all([page.waitForURL(`${base}/office/reviews`), page.click('main a[href="/office/reviews"]')]);
      await page.waitForSelector(`[data-item="${reviewId}"]`);
      assert.match((await page.textContent(`[data-item="${reviewId}"]`)) ?? '', /Ngô Gia Huy/);
      assert.match((await page.textContent(`#claim-${reviewId}`)) ?? '', /Chưa ai nhận/);
      await axe(page, 'office-reviews', checked);
      await shot(page, 'office-04-reviews-mobile');

      // Meanwhile a colleague claims it: this page is stale, and the claim it sends is refused — and says so.
      assert.equal((await api(colleague, 'POST', `/api/v1/agencies/civil-registry/reviews/${reviewId}/claim`)).statusCode, 200);
      await Promise.all([page.waitForNavigation(), itemAction(page, 'claim').click()]);
      const refusal = (await page.textContent('[data-error-summary]')) ?? '';
      assert.match(refusal, /Đồng nghiệp đang xử lý/);
      assert.match(refusal, /cr-hanoi-2/, 'who holds it');
      assert.match((await page.getAttribute('[data-error-summary]', 'data-field-codes')) ?? '', /claimed-by-another/);
      assert.match((await page.textContent(`#claim-${reviewId}`)) ?? '', /Đồng nghiệp đang xử lý/);
      await axe(page, 'office-reviews-claimed-by-another', checked);
      await shot(page, 'office-05-claimed-by-another-mobile');

      // Released: the officer claims it, then approves it with a note.
      assert.equal((await api(colleague, 'POST', `/api/v1/agencies/civil-registry/reviews/${reviewId}/release`)).statusCode, 200);
      await Promise.all([page.waitForNavigation(), itemAction(page, 'claim').click()]);
      assert.match((await page.textContent('.notice')) ?? '', /Bạn đã nhận xử lý/);
      assert.match((await page.textContent(`#claim-${reviewId}`)) ?? '', /Bạn đang xử lý/);
      await page.click(`[data-item="${reviewId}"] details.decide summary`);
      await page.fill(`#note-${reviewId}`, 'Đã xác minh giấy chứng sinh với bệnh viện');
      await axe(page, 'office-reviews-decide', checked);
      await shot(page, 'office-06-decide-mobile');
      await Promise.all([page.waitForNavigation(), itemAction(page, 'approve').click()]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã duyệt/);
      assert.equal(await page.locator(`[data-item="${reviewId}"]`).count(), 0, 'no longer waiting');

      // The citizen's dossier completes: birth registered, residence, HI card.
      await eventually(async () => ((await api(young, 'GET', `/api/v1/dossiers/${dossierId}`)).json().status === 'completed' ? true : undefined), 'the dossier completes');
      await page.goto(`${base}/office/dossiers/${dossierId}`);
      assert.equal(await page.getAttribute('[data-dossier-status]', 'data-dossier-status'), 'completed');
      for (const code of ['birth-registration', 'residence-registration', 'hi-card']) assert.equal(await page.getAttribute(`tr[data-procedure="${code}"] [data-procedure-status]`, 'data-procedure-status'), 'completed', code);
      assert.ok((await page.locator('tr[data-message-type="civil-registry.birth-registration.requested"]').count()) >= 1, 'the messages exchanged are listed');
      assert.match((await page.textContent('main')) ?? '', /Chờ cán bộ xem xét/, 'the review is in the history');
      await axe(page, 'office-dossier', checked);
      await shot(page, 'office-07-dossier-mobile');

      // English, remembered from then on.
      await Promise.all([page.waitForNavigation(), page.click('[data-lang-switch]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('h1')) ?? '', /Dossier: Birth/);
      await axe(page, 'office-dossier-en', checked);
      await shot(page, 'office-08-dossier-en-mobile');
      await page.goto(`${base}/office/dashboard`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.locator('svg.chart[role=img]').count(), 4, 'four charts');
      assert.equal(await page.locator('.chart-block table').count(), 4, 'each with its table');
      assert.match((await page.textContent('[data-kpi="ended"]')) ?? '', /^[1-9]/, 'the completed procedures counted');
      await axe(page, 'office-dashboard-en', checked);
      await shot(page, 'office-09-dashboard-en-mobile');
      await page.goto(`${base}/office/dashboard?lang=vi`);
      await axe(page, 'office-dashboard', checked);
      await shot(page, 'office-10-dashboard-mobile');
      assert.deepEqual(scriptErrors, []);
      await context.close();
    });

    test('at 1280×800: keyboard, the lists, the dossier and the dashboard; sign-out ends the session', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, 'desktop', 1);
      // The first Tab reaches the skip link, which moves focus to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      await shot(page, 'office-11-home-desktop');
      await page.goto(`${base}/office/reviews`);
      assert.match((await page.textContent('main')) ?? '', /Không có mục nào/);
      await axe(page, 'office-reviews-empty-desktop', checked);
      await shot(page, 'office-12-reviews-desktop');
      // An agency's officer opens a dossier by its number (the API lists dossiers to the hub's officers only).
      await page.goto(`${base}/office/dossiers`);
      await axe(page, 'office-dossiers-desktop', checked);
      await shot(page, 'office-13-dossiers-desktop');
      await page.fill('#f-id', dossierId);
      await Promise.all([page.waitForURL(`${base}/office/dossiers/${dossierId}`), page.click('main form button[type=submit]')]);
      await page.waitForSelector('[data-dossier-status]');
      await axe(page, 'office-dossier-desktop', checked);
      await shot(page, 'office-14-dossier-desktop');
      await page.goto(`${base}/office/dashboard`);
      await axe(page, 'office-dashboard-desktop', checked);
      await shot(page, 'office-15-dashboard-desktop');
      // Another agency's or a made-up dossier: not found, as on the API.
      const foreign = await context.request.get(`${base}/office/dossiers/00000000-0000-4000-8000-000000000000`);
      assert.equal(foreign.status(), 404);

      // Sign out: the token is revoked (a copy of the cookie is worthless), and the pages ask for sign-in again.
      const sealed = (await context.cookies()).find((c) => c.name === '__Host-lienthong-office')!.value;
      await Promise.all([page.waitForURL(/\/office\/sign-in\?out=1/), page.click('.site-header button[type=submit]')]);
      assert.match((await page.textContent('.notice')) ?? '', /đã đăng xuất/);
      await axe(page, 'office-signed-out', checked);
      const replay = await context.request.get(`${base}/office/reviews`, { headers: { cookie: `__Host-lienthong-office=${sealed}` }, maxRedirects: 0 });
      assert.equal(replay.status(), 303, 'the old cookie no longer opens the worklist');
      assert.match(replay.headers().location ?? '', /\/office\/sign-in/);
      await context.close();
      assert.ok(checked.length >= 15, `axe-core ran on ${checked.length} pages`);
    });
  });
}
