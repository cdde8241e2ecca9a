import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe as axeIn, haveChromium, launchChromium, PASSWORD, shot, signIn, submitAndWait, type Browser, type Page } from '../support/browser.ts';
import { VOLUNTARY } from '../support/fixtures.ts';
import { START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * A voluntary SI registration through the portal in Debian's Chromium (online service 602e), at 360×740: the
 * newcomer (no SI record) registers to pay monthly on 1,500,000 VND from February 2025. The field for advance years
 * shows only for that method; an income below the floor is refused as she types; the review shows the contribution
 * before support. The dossier page then shows the amount due (297,000 VND after the state support), the last day,
 * and the VietQR code as an image; she pays in cash at a collection point (the collector's API), and the page shows
 * the voucher and offers its PDF and the SI book cover sheet. Her voluntary SI page, linked from the home page, then
 * shows February paid and March's renewal with its own reference and QR code (the suspension after a missed renewal:
 * test/flows/portal-voluntary-si-page.test.ts, which moves the clock). axe-core on every page; screenshots in test-output/.
 */
const NEWCOMER = VOLUNTARY.newcomer;

if (haveChromium('portal voluntary SI end-to-end suite')) {
  describe('citizen portal in a real browser: voluntary SI from registration to the voucher', () => {
    let t: TestPlatform;
    let base: string;
    let browser: Browser;
    let totpSecret: string;
    const clock = runningClockFrom(new Date(START));
    const checked: string[] = [];

    before(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestPlatform('pglite', START, { clock, oidc: { publicUrl: base } });
      await t.p.app.listen({ port, host: '127.0.0.1' });
      totpSecret = (await t.p.identity.createCitizenAccount(NEWCOMER, PASSWORD)).totpSecret;
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    const axe = (page: Page, name: string) => axeIn(page, name, checked);
    const status = (page: Page) => page.getAttribute('[data-dossier-status]', 'data-dossier-status');

    test('registered through the pages, the QR shown, paid in cash, the voucher offered', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (e) => scriptErrors.push(e.message));
      await signIn(page, { base, pin: NEWCOMER, totpSecret, clock });
      await page.click('a[href="/portal/voluntary-si"] >> nth=-1');

      // Step 1: how social security reaches her.
      await page.waitForSelector('#f-participant-phone');
      await axe(page, 'voluntary-step-participant');
      await page.fill('#f-participant-phone', '0912345678');
      await page.fill('#f-participant-email', 'hong@example.vn');
      await submitAndWait(page, 'button[value=next]');

      // Step 2: the years of an advance payment show for that method only; the income is checked as she types.
      await page.waitForSelector('#f-monthlyIncome');
      assert.match((await page.textContent('#f-monthlyIncome-hint')) ?? '', /từ 1\.500\.000 đồng đến 46\.800\.000 đồng/);
      assert.equal(await page.isVisible('#f-years'), false, 'no method chosen: no years');
      await page.check('#f-paymentMethod-4'); // advance-years
      assert.equal(await page.isVisible('#f-years'), true);
      await page.check('#f-paymentMethod-0'); // monthly
      assert.equal(await page.isVisible('#f-years'), false);
      await page.fill('#f-startMonth', '2025-02');
      await page.check('#f-supportGroup-4'); // none of the groups
      await page.fill('#f-monthlyIncome', '1000000');
      await page.waitForFunction(() => /^Thu nhập tháng phải từ 1\.500\.000 đồng/.test(document.querySelector('#f-monthlyIncome-error')?.textContent ?? ''));
      // The bounds in the hint follow the start month typed (the dry run sends them back).
      await page.waitForFunction(() => /^Với tháng bắt đầu 2025-02:/.test(document.querySelector('[data-hint-for="monthlyIncome"]')?.textContent ?? ''));
      await axe(page, 'voluntary-step-contribution-refused');
      await shot(page, 'voluntary-01-income-refused-mobile');
      await page.fill('#f-monthlyIncome', '1.500.000');
      await page.waitForFunction(() => document.querySelector('#f-monthlyIncome-error')?.textContent === '');
      await submitAndWait(page, 'button[value=next]');

      // Review: the contribution before support.
      await page.waitForSelector('[data-estimate]');
      assert.match((await page.textContent('[data-estimate]')) ?? '', /22% × 1\.500\.000 đồng = 330\.000 đồng/);
      await axe(page, 'voluntary-review');
      await shot(page, 'voluntary-02-review-mobile');
      await Promise.all([page.waitForURL(/\/portal\/dossiers\/[0-9a-f-]{36}\?submitted=1/), page.click('button[value=submit]')]);
      const id = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const url = `${base}/portal/dossiers/${id}`;

      // Awaiting payment: the amount due, the last day, the reference and the QR as an image.
      const limit = Date.now() + 60_000;
      while ((await status(page)) !== 'awaiting-payment') {
        assert.ok(Date.now() < limit, 'the registration awaits payment');
        await page.waitForTimeout(300);
        await page.goto(url);
      }
      assert.equal((await page.textContent('[data-amount-due]'))?.trim(), '297.000 đồng');
      const reference = ((await page.textContent('[data-payment-reference]')) ?? '').trim();
      assert.match(reference, /^BHXHTN\d{10}\d{3}$/);
      const qr = page.locator('img[data-payment-qr]');
      assert.match((await qr.getAttribute('alt')) ?? '', new RegExp(`297\\.000 đồng .* ${reference}$`));
      assert.ok((await qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the QR image is drawn');
      assert.match(await page.inputValue('[data-qr-payload]'), new RegExp(`5406297000.*${reference}`), 'the payload, to copy');
      await axe(page, 'voluntary-dossier-awaiting-payment');
      await shot(page, 'voluntary-03-payment-qr-mobile');

      // She pays in cash at a collection point of her province (the collector's API); the page shows it paid.
      const collector = await t.token({ kind: 'officer', username: 'vc-35', agency: 'social-security', role: 'vss-collector', provinceCode: '35' });
      const cash = await context.request.post(`${base}/api/v1/agencies/social-security/cash-receipts`, {
        headers: { authorization: `Bearer ${collector}` },
        data: { reference, amount: 297_000, receiptNumber: 'BL-E2E-0001' },
      });
      assert.equal(cash.status(), 200, await cash.text());
      const paidBy = Date.now() + 60_000;
      while ((await status(page)) !== 'completed') {
        assert.ok(Date.now() < paidBy, 'the voucher completes the dossier');
        await page.waitForTimeout(300);
        await page.goto(url);
      }
      assert.ok(await page.isVisible('[data-paid]'));
      assert.equal(await page.locator('img[data-payment-qr]').count(), 0, 'no QR once paid');
      assert.match((await page.textContent('[data-paid]')) ?? '', /PT-2025-\d{7}/);
      const href = await page.getAttribute('a[data-document="payment-voucher"]', 'href');
      assert.ok(href, 'the voucher PDF is offered');
      assert.ok(await page.getAttribute('a[data-document="si-book-cover-sheet"]', 'href'), 'and the SI book cover sheet');
      const pdf = await context.request.get(`${base}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 4).toString('latin1'), '%PDF');
      await axe(page, 'voluntary-dossier-paid');
      await shot(page, 'voluntary-04-paid-mobile');

      // From the home page, her voluntary SI: active, February paid, March's renewal with its own reference and QR.
      await page.goto(`${base}/portal`);
      await Promise.all([page.waitForURL(/\/portal\/me\/voluntary-si$/), page.click('a[data-my-voluntary]')]);
      assert.equal(await page.getAttribute('[data-participation-status]', 'data-participation-status'), 'active');
      assert.equal(await page.locator('tr[data-period="2025-02"]').count(), 1, 'February in the periods paid');
      assert.equal(await page.getAttribute('[data-next-due]', 'data-next-due'), 'renewal');
      assert.equal((await page.textContent('[data-amount-due]'))?.trim(), '297.000 đồng');
      assert.equal((await page.textContent('[data-due-by]'))?.trim(), '31/03/2025');
      const renewal = ((await page.textContent('[data-payment-reference]')) ?? '').trim();
      assert.match(renewal, /^BHXHTN\d{13}$/);
      assert.notEqual(renewal, reference, 'the renewal has its own reference');
      const next = page.locator('img[data-payment-qr]');
      assert.match((await next.getAttribute('alt')) ?? '', new RegExp(`297\\.000 đồng .* ${renewal}$`));
      assert.ok((await next.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))) > 0, 'the renewal’s QR image is drawn');
      assert.match(await page.inputValue('[data-qr-payload]'), new RegExp(`5406297000.*${renewal}`));
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than the 360 px screen');
      await axe(page, 'voluntary-my-si-renewal');
      await shot(page, 'voluntary-04b-my-si-renewal-mobile');
      assert.deepEqual(scriptErrors, []);
      await context.close();
    });

    test('at 1280×800 in English: the form, the paid dossier and her voluntary SI page', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, { base, pin: NEWCOMER, totpSecret, clock });
      await page.goto(`${base}/portal/voluntary-si?lang=en`);
      await page.waitForSelector('#f-participant-phone');
      await axe(page, 'voluntary-form-desktop-en');
      await shot(page, 'voluntary-05-form-desktop-en');
      await page.goto(`${base}/portal`);
      await page.click('tbody a');
      await page.waitForSelector('[data-paid]');
      await axe(page, 'voluntary-dossier-desktop-en');
      await shot(page, 'voluntary-06-dossier-desktop-en');
      await page.goto(`${base}/portal/me/voluntary-si`);
      await page.waitForSelector('[data-next-due="renewal"]');
      assert.equal(await page.textContent('#vsi-due'), 'Next payment');
      assert.equal((await page.textContent('[data-amount-due]'))?.trim(), '297,000 VND');
      await axe(page, 'voluntary-my-si-desktop-en');
      await shot(page, 'voluntary-07-my-si-desktop-en');
      await context.close();
      assert.ok(checked.length >= 9, `axe-core ran on ${checked.length} pages`);
    });
  });
}
