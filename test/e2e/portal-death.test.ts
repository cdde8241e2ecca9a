import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe as axeIn, haveChromium, launchChromium, PASSWORD, shot, signIn, submitAndWait, type Browser, type Page } from '../support/browser.ts';
import { DEATH } from '../support/fixtures.ts';
import { START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * A death declared through the portal in Debian's Chromium, at 360×740: the son of a pensioner who died on
 * 18 January 2025 declares it, asks for the funeral allowance and the monthly survivor allowance for himself,
 * declared with 85% incapacity. The form checks the date as he types (the hub's dry run), a relative is added and
 * removed, the review, submit. Social security asks for the medical assessment record (Law on SI 2014 art. 111):
 * he answers it on the dossier page, and the dossier completes with the extract and VSS's decisions.
 * axe-core on every page; screenshots in test-output/screenshots/.
 */
const SON = DEATH.disabledSon;

if (haveChromium('portal death end-to-end suite')) {
  describe('citizen portal in a real browser: a death with a supplement round trip', () => {
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
      totpSecret = (await t.p.identity.createCitizenAccount(SON, PASSWORD)).totpSecret;
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    const axe = (page: Page, name: string) => axeIn(page, name, checked);
    const status = (page: Page) => page.getAttribute('[data-dossier-status]', 'data-dossier-status');
    /** Reloads the dossier page until its status is `want` (it refreshes itself while processing; a reload is quicker). */
    async function until(page: Page, url: string, want: string): Promise<void> {
      const limit = Date.now() + 60_000;
      while ((await status(page)) !== want) {
        assert.ok(Date.now() < limit, `the dossier becomes ${want} (it is ${await status(page)})`);
        await page.waitForTimeout(300);
        await page.goto(url);
      }
    }

    test('declared in five steps, the supplement answered on the page, the dossier completed', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (e) => scriptErrors.push(e.message));
      await signIn(page, { base, pin: SON, totpSecret, clock });
      await page.click('a[href="/portal/death"] >> nth=-1');

      // Step 1: the deceased. A date of death in the future is refused as he types, then corrected.
      await page.waitForSelector('#f-deceased-pin');
      await axe(page, 'death-step-deceased');
      await page.selectOption('#f-declarant-relationship', 'child');
      await page.fill('#f-deceased-pin', DEATH.supplementPensioner);
      await page.fill('#f-deceased-dateOfDeath', '2025-02-01');
      await page.waitForFunction(() => document.querySelector('#f-deceased-dateOfDeath-error')?.textContent === 'Ngày chết ở tương lai.');
      assert.equal(await page.getAttribute('#f-deceased-dateOfDeath', 'aria-invalid'), 'true');
      await shot(page, 'death-01-deceased-refused-mobile');
      await page.fill('#f-deceased-dateOfDeath', '2025-01-18');
      await page.waitForFunction(() => document.querySelector('#f-deceased-dateOfDeath-error')?.textContent === '');
      await page.fill('#f-deceased-placeOfDeath', 'Tại nhà');
      await page.check('#f-deceased-cause-0');
      await submitAndWait(page, 'button[value=next]');

      // Step 2: the linked procedures.
      await page.waitForSelector('#f-requests-funeralAllowance-0');
      await axe(page, 'death-step-requests');
      await page.check('#f-requests-residenceDeregistration-1');
      await page.check('#f-requests-funeralAllowance-0');
      await page.check('#f-requests-survivorBenefit-0');
      await shot(page, 'death-02-requests-mobile');
      await submitAndWait(page, 'button[value=next]');

      // Step 3: the relatives — one row to start with; a second added (it takes the focus) and removed again.
      await page.waitForSelector('#f-relatives-0-pin');
      await page.fill('#f-relatives-0-pin', SON);
      await page.selectOption('#f-relatives-0-relationship', 'child');
      await page.check('#f-relatives-0-hasDirectCaretaker-1');
      await page.fill('#f-relatives-0-incapacityPercent', '85');
      await submitAndWait(page, 'button[data-add-row]');
      await page.waitForSelector('#f-relatives-1-pin');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-relatives-1-pin');
      assert.equal(await page.inputValue('#f-relatives-0-incapacityPercent'), '85', 'the first row is kept');
      await axe(page, 'death-step-relatives');
      await shot(page, 'death-03-relatives-mobile');
      await submitAndWait(page, 'button[value="remove-relatives-1"]');
      assert.equal(await page.locator('fieldset.row').count(), 1);
      await submitAndWait(page, 'button[value=next]:not(.visually-hidden)');

      // Step 4: the payee and the bank account.
      await page.waitForSelector('#f-payee-pin');
      await axe(page, 'death-step-payee');
      await page.fill('#f-payee-pin', SON);
      await page.fill('#f-payee-bankAccount-bankBin', '970436');
      await page.fill('#f-payee-bankAccount-accountNumber', '44556677');
      await submitAndWait(page, 'button[value=next]');

      // Review, then submit.
      await page.waitForSelector('button[value=submit]');
      const review = (await page.textContent('main')) ?? '';
      for (const s of ['Tại nhà', 'Trợ cấp tuất hằng tháng', '44556677', '85']) assert.ok(review.includes(s), s);
      await axe(page, 'death-review');
      await shot(page, 'death-04-review-mobile');
      await Promise.all([page.waitForURL(/\/portal\/dossiers\/[0-9a-f-]{36}\?submitted=1/), page.click('button[value=submit]')]);
      const id = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const url = `${base}/portal/dossiers/${id}`;

      // Social security asks for the medical assessment record; he answers it part by part.
      await until(page, url, 'awaiting-supplement');
      assert.equal(await page.getAttribute('[data-procedure-status="death-benefits"]', 'data-procedure-status'), 'death-benefits');
      await page.waitForSelector('fieldset[data-answer="declaration.relatives.0.incapacityPercent"]');
      await axe(page, 'death-dossier-supplement');
      await shot(page, 'death-05-supplement-mobile');
      const part = (p: string) => `#f-answer-declaration-relatives-0-incapacityPercent-${p}`;
      await page.fill(part('assessmentNumber'), 'GĐYK-35/2024-117');
      await page.fill(part('assessedOn'), '2024-06-10');
      await page.fill(part('incapacityPercent'), '90');
      await Promise.all([page.waitForURL(/\?sent=1$/), page.click('form.supplement button[type=submit]')]);
      assert.match((await page.textContent('[role=status]')) ?? '', /Đã gửi thông tin bổ sung/);

      // The benefit is decided on the record; the dossier completes.
      await until(page, url, 'completed');
      const done = (await page.textContent('main')) ?? '';
      assert.match(done, /1\.638\.000 đồng/, 'the monthly survivor allowance');
      assert.match(done, /23\.400\.000 đồng/, 'the funeral allowance');
      await axe(page, 'death-dossier-completed');
      await shot(page, 'death-06-dossier-mobile');
      const href = await page.getAttribute('a[data-document="death-certificate-extract"]', 'href');
      assert.ok(href, 'a link to the death-certificate extract');
      const pdf = await context.request.get(`${base}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 4).toString('latin1'), '%PDF');

      // English.
      await Promise.all([page.waitForNavigation(), page.click('[data-lang-switch]')]);
      assert.match((await page.textContent('main')) ?? '', /1,638,000 VND/);
      await axe(page, 'death-dossier-en');
      await shot(page, 'death-07-dossier-en-mobile');
      assert.deepEqual(scriptErrors, []);
      await context.close();
      assert.ok(checked.length >= 8, `axe-core ran on ${checked.length} pages`);
    });
  });
}
