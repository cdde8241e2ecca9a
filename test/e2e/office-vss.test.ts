import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/identity/domain/totp.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe, haveChromium, launchChromium, shot, type Browser, type Page } from '../support/browser.ts';
import { birthDeclaration, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * Social security's back office in Debian's Chromium, in Hà Nam where HI cards wait for the director: the collector
 * checks a child's card and submits it, resolves a partial payment (claim, then refund), draws a report as XLSX;
 * the director approves the card and the citizen's dossier completes. 360×740 and 1280×800, axe-core on every page.
 */
if (haveChromium('back-office social-security end-to-end suite')) {
  describe('back office in a real browser: HI-card approval, payments to resolve, reports', () => {
    let t: TestPlatform;
    let base: string;
    let browser: Browser;
    let dossierId: string;
    let itemId: string;
    let paymentId: string;
    const accounts = new Map<string, { password: string; secret: string }>();
    const clock = runningClockFrom(new Date(START));
    const checked: string[] = [];
    const mother: Principal = { kind: 'citizen', pin: PEOPLE.mother };
    const collector: Principal = { kind: 'officer', username: 'thu-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };

    const api = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

    before(async () => {
      process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestPlatform('pglite', START, { clock });
      await t.p.app.listen({ port, host: '127.0.0.1' });
      for (const [username, role] of [['thu-hanam', 'vss-collector'], ['gd-hanam', 'vss-director']] as const) {
        const c = await t.p.identity.createOfficer({ username, agency: 'social-security', role, area: { provinceCode: '35' } }, { kind: 'operator', id: 'e2e' });
        accounts.set(username, { password: c.initialPassword, secret: new URL(c.totpUri).searchParams.get('secret')! });
      }
      // Hà Nam's HI cards wait for the director (seed 003 step 5a).
      const set = await api({ kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null }, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval: 'director', reason: 'Quyết định của Giám đốc BHXH tỉnh' });
      assert.equal(set.statusCode, 200, set.body);
      const sub = await api(mother, 'POST', '/api/v1/dossiers', { group: 'birth', declaration: birthDeclaration() });
      assert.equal(sub.statusCode, 202, sub.body);
      dossierId = sub.json().id;
      itemId = await eventually(async () => ((await api(collector, 'GET', '/api/v1/agencies/social-security/worklist')).json().items as { id: string; dossierId: string }[]).find((i) => i.dossierId === dossierId)?.id, 'the HI card on the worklist');
      // A voluntary SI registration, and 1,000 VND of cash against its reference: a partial payment to resolve.
      const vsi = await api({ kind: 'citizen', pin: VOLUNTARY.newcomer }, 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: voluntarySiDeclaration() });
      assert.equal(vsi.statusCode, 202, vsi.body);
      const reference = await eventually(async () => /BHXHTN\d{13}/.exec((await api({ kind: 'citizen', pin: VOLUNTARY.newcomer }, 'GET', `/api/v1/dossiers/${vsi.json().id}`)).body)?.[0], 'the payment reference');
      const cash = await api(collector, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference, amount: 1000, receiptNumber: 'E2E-1' });
      assert.equal(cash.statusCode, 200, cash.body);
      paymentId = cash.json().payment.id;
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    async function signIn(page: Page, username: string, next: string): Promise<void> {
      const a = accounts.get(username)!;
      await page.goto(`${base}${next}`);
      await page.waitForURL(/\/office\/sign-in\?next=/);
      await page.fill('#username', username);
      await page.fill('#password', a.password);
      await page.fill('#totp', totpCode(a.secret, clock.now()));
      await Promise.all([page.waitForURL(`${base}${next}`), page.click('button[type=submit]')]);
    }
    const act = (page: Page, item: string, action: string) => page.locator(`[data-item="${item}"] form:has(input[name="_action"][value="${action}"]) button[type=submit]`);

    test('at 360×740: the collector submits the card, refunds a partial payment and draws a report', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', acceptDownloads: true });
      const page = await context.newPage();
      await signIn(page, 'thu-hanam', '/office');
      await axe(page, 'vss-home', checked);
      await shot(page, 'office-30-vss-home-mobile');

      // The card waiting for the collector's check: claim, then submit it to the director.
      await page.click('main a[href="/office/hi-cards"]');
      await page.waitForSelector(`[data-item="${itemId}"]`);
      assert.match((await page.textContent(`[data-item="${itemId}"] .status`)) ?? '', /Chờ kiểm tra/);
      await axe(page, 'vss-hi-cards', checked);
      await shot(page, 'office-31-hi-cards-mobile');
      assert.equal(await act(page, itemId, 'submit-for-approval').count(), 0, 'no decision before the claim');
      await Promise.all([page.waitForNavigation(), act(page, itemId, 'claim').click()]);
      await page.click(`[data-item="${itemId}"] details.decide summary`);
      await axe(page, 'vss-hi-cards-claimed', checked);
      await Promise.all([page.waitForNavigation(), act(page, itemId, 'submit-for-approval').click()]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã trình Giám đốc/);
      await page.selectOption('#f-status', 'to-approve');
      await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
      assert.match(page.url(), /status=to-approve/);
      assert.match((await page.textContent(`[data-item="${itemId}"] .status`)) ?? '', /Chờ phê duyệt/);

      // The partial payment: claimed, then refunded with a reason.
      await page.goto(`${base}/office/payments`);
      await page.waitForSelector(`[data-item="${paymentId}"]`);
      assert.match((await page.textContent(`[data-item="${paymentId}"] .status`)) ?? '', /Nộp thiếu/);
      await axe(page, 'vss-payments', checked);
      await shot(page, 'office-32-payments-mobile');
      await Promise.all([page.waitForNavigation(), act(page, paymentId, 'claim').click()]);
      await page.click(`[data-item="${paymentId}"] details.decide summary`);
      await page.fill(`#refund-${paymentId}-reason`, 'Người nộp đề nghị hoàn trả, sẽ nộp lại đủ');
      await Promise.all([page.waitForNavigation(), act(page, paymentId, 'refund').click()]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã ghi nhận hoàn trả/);
      assert.equal(await page.locator(`[data-item="${paymentId}"]`).count(), 0, 'resolved: off the open list');
      await page.goto(`${base}/office/payments?status=resolved`);
      assert.match((await page.textContent(`[data-item="${paymentId}"]`)) ?? '', /Đã xử lý: hoàn trả, bởi officer:thu-hanam/);

      // Reports: a period the report does not allow is refused on the page; a month downloads as XLSX.
      await page.goto(`${base}/office/reports`);
      await axe(page, 'vss-reports', checked);
      await shot(page, 'office-33-reports-mobile');
      await page.fill('#r-D104-TS-period', '2025-01-24');
      await Promise.all([page.waitForNavigation(), page.click('#report-D104-TS button[data-format=xlsx]')]);
      assert.match((await page.textContent('[data-error-summary]')) ?? '', /.+/);
      assert.equal(await page.inputValue('#r-D104-TS-period'), '2025-01-24', 'what was typed is kept');
      await axe(page, 'vss-reports-refused', checked);
      await page.fill('#r-D103-TS-period', '2025-01');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-D103-TS button[data-format=xlsx]')]);
      assert.match(download.suggestedFilename(), /D103-TS.*\.xlsx$/);
      assert.equal(readFileSync((await download.path())!).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
      await context.close();
    });

    test('at 1280×800: the director approves the card and the dossier completes; the overdue list', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, 'gd-hanam', '/office/hi-cards');
      await page.waitForSelector(`[data-item="${itemId}"]`);
      await axe(page, 'vss-hi-cards-director-desktop', checked);
      await shot(page, 'office-34-hi-cards-director-desktop');
      await Promise.all([page.waitForNavigation(), act(page, itemId, 'claim').click()]);
      await page.click(`[data-item="${itemId}"] details.decide summary`);
      await Promise.all([page.waitForNavigation(), act(page, itemId, 'approve').click()]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã duyệt/);
      await eventually(async () => ((await api(mother, 'GET', `/api/v1/dossiers/${dossierId}`)).json().status === 'completed' ? true : undefined), 'the dossier completes');
      await page.goto(`${base}/office/dossiers/${dossierId}`);
      assert.equal(await page.getAttribute('tr[data-procedure="hi-card"] [data-procedure-status]', 'data-procedure-status'), 'completed');
      await axe(page, 'vss-dossier-desktop', checked);
      await page.goto(`${base}/office/overdue`);
      assert.match((await page.textContent('main')) ?? '', /Không có thủ tục nào quá hạn/);
      await axe(page, 'vss-overdue-desktop', checked);
      await shot(page, 'office-35-overdue-desktop');
      await page.goto(`${base}/office/reports`);
      await axe(page, 'vss-reports-desktop', checked);
      await shot(page, 'office-36-reports-desktop');
      await context.close();
      assert.ok(checked.length >= 10, `axe-core ran on ${checked.length} pages`);
    });
  });
}
