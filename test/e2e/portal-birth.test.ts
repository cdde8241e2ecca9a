import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe as axeIn, haveChromium, launchChromium, PASSWORD, shot, signIn as signInAt, type Browser, type Page } from '../support/browser.ts';
import { PEOPLE } from '../support/fixtures.ts';
import { START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * The citizen portal end to end in Debian's Chromium (playwright-core, no bundled browser): sign in at the
 * built-in identity provider, declare a birth through the multi-step form (a wrong date first: the message
 * beside the field, the typed values kept), review, submit (twice: one dossier), follow the dossier to its
 * completion, download the HI card PDF, switch to English — at 360×740 and 1280×800, axe-core on every page
 * (no serious or critical violation), screenshots in test-output/screenshots/ (CI keeps that folder).
 * The browser, axe-core, screenshots and the sign-in are shared with the other suites (test/support/browser.ts).
 */
const MOTHER = PEOPLE.mother;

if (haveChromium('portal end-to-end suite')) {
  describe('citizen portal in a real browser: birth declaration end to end', () => {
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
      totpSecret = (await t.p.identity.createCitizenAccount(MOTHER, PASSWORD)).totpSecret;
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    const axe = (page: Page, name: string) => axeIn(page, name, checked);
    const signIn = (page: Page, tag: string) => signInAt(page, { base, pin: MOTHER, totpSecret, clock, tag, checked });

    test('at 360×740: sign in, a refused field then a corrected one, review, submit twice, one dossier, completion, the HI card PDF, English', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (e) => scriptErrors.push(e.message));
      await signIn(page, 'mobile');
      // The stylesheet and the script load under the platform's CSP (no inline code anywhere).
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor), 'rgb(143, 27, 27)');
      await axe(page, 'home-empty');
      await shot(page, '02-home-mobile');

      // Step 1, with a date of birth in the future: the hub's message beside the field, what was typed kept.
      await page.click('a[href="/portal/birth"] >> nth=-1');
      await page.waitForSelector('#f-child-fullName');
      await axe(page, 'birth-step-child');
      await page.fill('#f-child-fullName', 'Lê Minh An');
      await page.check('#f-child-sex-0');
      await page.fill('#f-child-dateOfBirth', '2025-02-20');
      await page.fill('#f-child-placeOfBirth', 'Bệnh viện Đa khoa tỉnh Hà Nam');
      await Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);
      assert.equal((await page.textContent('#f-child-dateOfBirth-error'))?.trim(), 'Ngày sinh ở tương lai.');
      assert.equal(await page.getAttribute('#f-child-dateOfBirth', 'aria-invalid'), 'true');
      assert.match((await page.getAttribute('#f-child-dateOfBirth', 'aria-describedby')) ?? '', /f-child-dateOfBirth-error/);
      assert.equal(await page.inputValue('#f-child-fullName'), 'Lê Minh An');
      assert.equal(await page.inputValue('#f-child-placeOfBirth'), 'Bệnh viện Đa khoa tỉnh Hà Nam');
      assert.ok(await page.isChecked('#f-child-sex-0'));
      assert.match((await page.textContent('[data-error-summary]')) ?? '', /Ngày sinh ở tương lai/);
      await axe(page, 'birth-step-child-refused');
      await shot(page, '03-birth-refused-mobile');

      // As the citizen types, the script asks the hub's dry run: the message goes when the date is right.
      await page.fill('#f-child-dateOfBirth', '2025-01-20');
      await page.waitForFunction(() => document.querySelector('#f-child-dateOfBirth-error')?.textContent === '');
      await Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);

      // Step 2: parents (the declarant is the signed-in mother).
      await page.waitForSelector('#f-declarant-relationship');
      await axe(page, 'birth-step-parents');
      await page.selectOption('#f-declarant-relationship', 'mother');
      await page.fill('#f-mother-pin', MOTHER);
      await page.fill('#f-father-pin', PEOPLE.father);
      await Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);

      // Step 3: residence and HI card.
      await page.waitForSelector('#f-healthInsurance-initialFacilityCode');
      await axe(page, 'birth-step-residence');
      await page.check('#f-residence-householdOf-0');
      await page.fill('#f-healthInsurance-initialFacilityCode', '35001');
      await Promise.all([page.waitForNavigation(), page.click('button[value=next]')]);

      // Review: everything typed, then submit; the same form sent again (a retry on a slow network) is the same dossier.
      await page.waitForSelector('button[value=submit]');
      const review = (await page.textContent('main')) ?? '';
      for (const s of ['Lê Minh An', 'Bệnh viện Đa khoa tỉnh Hà Nam', PEOPLE.father, '35001']) assert.ok(review.includes(s), s);
      await axe(page, 'birth-review');
      await shot(page, '04-birth-review-mobile');
      const form = await page.evaluate(() => {
        const f = document.querySelector('form.declaration-form') as HTMLFormElement;
        const out: Record<string, string> = {};
        new FormData(f).forEach((v, k) => (out[k] = String(v)));
        return out;
      });
      await Promise.all([page.waitForURL(/\/portal\/dossiers\/[0-9a-f-]{36}\?submitted=1/), page.click('button[value=submit]')]);
      const id = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const again = await context.request.post(`${base}/portal/birth`, { form: { ...form, _action: 'submit' }, maxRedirects: 0 });
      assert.equal(again.status(), 303);
      assert.match(again.headers().location ?? '', new RegExp(`/portal/dossiers/${id}`));
      const mine = await t.p.hub.list({ kind: 'citizen', pin: MOTHER }, 10, 0);
      assert.equal(mine.length, 1, 'one dossier for two submissions');

      // The dossier page follows the procedures to completion (it refreshes itself while processing).
      const until = Date.now() + 60_000;
      while ((await page.getAttribute('[data-dossier-status]', 'data-dossier-status')) !== 'completed') {
        assert.ok(Date.now() < until, 'the dossier completes');
        await page.waitForTimeout(500);
        await page.goto(`${base}/portal/dossiers/${id}`);
      }
      for (const code of ['birth-registration', 'residence-registration', 'hi-card'])
        assert.equal(await page.getAttribute(`[data-procedure-status="${code}"]`, 'data-procedure-status'), code);
      assert.match((await page.textContent('main')) ?? '', /TE1/); // the HI card number
      await axe(page, 'dossier-completed');
      await shot(page, '05-dossier-mobile');

      // The HI card as a PDF, with the session cookie.
      const href = await page.getAttribute('a[data-document="hi-card"]', 'href');
      assert.ok(href, 'a link to the HI card');
      const pdf = await context.request.get(`${base}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 4).toString('latin1'), '%PDF');
      // Another citizen's dossier is not found, as on the API.
      const foreign = await context.request.get(`${base}/portal/dossiers/00000000-0000-4000-8000-000000000000`);
      assert.equal(foreign.status(), 404);

      // English, kept in a cookie from then on.
      await Promise.all([page.waitForNavigation(), page.click('[data-lang-switch]')]);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('h1')) ?? '', /Dossier/);
      await axe(page, 'dossier-en');
      await shot(page, '06-dossier-en-mobile');
      await page.goto(`${base}/portal`);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('h1')) ?? '', /My dossiers/);
      await axe(page, 'home-en');
      await shot(page, '07-home-en-mobile');
      assert.deepEqual(scriptErrors, []);
      await context.close();
    });

    test('at 1280×800: the home list and the birth form, in Vietnamese', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, 'desktop');
      assert.equal(await page.locator('tbody tr').count(), 1);
      await axe(page, 'home-desktop');
      await shot(page, '08-home-desktop');
      await page.goto(`${base}/portal/birth`);
      await axe(page, 'birth-desktop');
      await shot(page, '09-birth-desktop');
      await page.goto(`${base}${await page.getAttribute('a[href="/portal"]', 'href')}`);
      await page.click('tbody a');
      await page.waitForSelector('[data-dossier-status]');
      await axe(page, 'dossier-desktop');
      await shot(page, '10-dossier-desktop');
      await context.close();
      assert.ok(checked.length >= 12, `axe-core ran on ${checked.length} pages`);
    });
  });
}
