import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/identity/domain/totp.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { axe, haveChromium, launchChromium, shot, type Browser, type Page } from '../support/browser.ts';
import { START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * The IT operator's configuration pages in Debian's Chromium: the hub's operator of Hà Nam changes a time limit on
 * the page (a date in the past first: refused, what was typed kept), and the API then shows it in force with its
 * reason; the operator creates an officer account and reads its one-time credentials; social security's operator
 * switches the province's HI cards to the director's approval. 360×740 and 1280×800, axe-core on every page.
 */
if (haveChromium('back-office settings end-to-end suite')) {
  describe('back office in a real browser: an IT operator changes the configuration', () => {
    let t: TestPlatform;
    let base: string;
    let browser: Browser;
    const accounts = new Map<string, { password: string; secret: string }>();
    const clock = runningClockFrom(new Date(START));
    const checked: string[] = [];
    const hubOperator: Principal = { kind: 'officer', username: 'it-hanam', agency: 'hub', role: 'it-operator', provinceCode: '35' };
    const ssOperator: Principal = { kind: 'officer', username: 'it-vss-hanam', agency: 'social-security', role: 'it-operator', provinceCode: '35' };

    const api = async (who: Principal, url: string) => t.p.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await t.token(who)}` } });

    before(async () => {
      process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      t = await startTestPlatform('pglite', START, { clock });
      await t.p.app.listen({ port, host: '127.0.0.1' });
      for (const [username, agency] of [['it-hanam', 'hub'], ['it-vss-hanam', 'social-security']] as const) {
        const c = await t.p.identity.createOfficer({ username, agency, role: 'it-operator', area: { provinceCode: '35' } }, { kind: 'operator', id: 'e2e' });
        accounts.set(username, { password: c.initialPassword, secret: new URL(c.totpUri).searchParams.get('secret')! });
      }
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    async function signIn(page: Page, username: string, next: string, step = 0): Promise<void> {
      const a = accounts.get(username)!;
      await page.goto(`${base}${next}`);
      await page.waitForURL(/\/office\/sign-in\?next=/);
      await page.fill('#username', username);
      await page.fill('#password', a.password);
      await page.fill('#totp', totpCode(a.secret, new Date(clock.now().getTime() + step * 30_000)));
      await Promise.all([page.waitForURL(`${base}${next}`), page.click('button[type=submit]')]);
    }

    test('at 360×740: a time limit changed on the page (a past date refused first), the API shows it; a new officer account', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page, 'it-hanam', '/office/settings/time-limits');
      assert.match((await page.textContent('caption')) ?? '', /35/);
      assert.match((await page.textContent('tr[data-procedure="residence-registration"] [data-in-force]')) ?? '', /Mặc định/);
      await axe(page, 'office-time-limits', checked);
      await shot(page, 'office-20-time-limits-mobile');

      // A date already past: the API refuses it; the page says why and keeps every value typed.
      await page.fill('#tl-birth-residence-registration', '5');
      await page.fill('#effectiveFrom', '2025-01-02');
      await page.fill('#reason', 'Quyết định 12/QĐ-UBND của UBND tỉnh Hà Nam');
      await Promise.all([page.waitForNavigation(), page.click('main form[method=post] button[type=submit]')]);
      assert.match((await page.textContent('[data-error-summary]')) ?? '', /hôm nay trở đi/);
      assert.match((await page.getAttribute('[data-error-summary]', 'data-field-codes')) ?? '', /past-date/);
      assert.equal(await page.inputValue('#tl-birth-residence-registration'), '5');
      assert.equal(await page.inputValue('#reason'), 'Quyết định 12/QĐ-UBND của UBND tỉnh Hà Nam');
      await axe(page, 'office-time-limits-refused', checked);
      await shot(page, 'office-21-time-limits-refused-mobile');

      // Today: saved, shown in force, listed with its reason.
      await page.fill('#effectiveFrom', '2025-01-24');
      await Promise.all([page.waitForNavigation(), page.click('main form[method=post] button[type=submit]')]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã lưu/);
      assert.match((await page.textContent('tr[data-procedure="residence-registration"] [data-in-force]')) ?? '', /5 ngày làm việc từ 24\/01\/2025/);
      assert.match((await page.textContent('tr[data-change]')) ?? '', /Quyết định 12\/QĐ-UBND/);
      await axe(page, 'office-time-limits-saved', checked);
      await shot(page, 'office-22-time-limits-saved-mobile');

      // The API shows the same: in force from today, 5 working days, who and why.
      const view = (await api(hubOperator, '/api/v1/settings/time-limits/35')).json() as {
        procedures: { group: string; procedure: string; inForce: unknown }[];
        changes: { procedure: string; workingDays: number; setBy: string; reason: string }[];
      };
      assert.deepEqual(view.procedures.find((p) => p.group === 'birth' && p.procedure === 'residence-registration')?.inForce, { workingDays: 5, effectiveFrom: '2025-01-24' });
      assert.deepEqual(
        view.changes.map((c) => [c.procedure, c.workingDays, c.setBy, c.reason]),
        [['residence-registration', 5, 'officer:it-hanam', 'Quyết định 12/QĐ-UBND của UBND tỉnh Hà Nam']],
      );

      // A new officer account: its one-time password and TOTP key shown once.
      await page.goto(`${base}/office/officers`);
      assert.equal(await page.locator('tr[data-officer="it-hanam"]').count(), 1);
      await axe(page, 'office-officers', checked);
      await shot(page, 'office-23-officers-mobile');
      await page.fill('#n-username', 'thu-hanam');
      await page.selectOption('#n-agency', 'social-security');
      await page.selectOption('#n-role', 'vss-collector');
      await Promise.all([page.waitForNavigation(), page.click('form[action="/office/officers"] button[type=submit]')]);
      assert.equal(await page.textContent('[data-username]'), 'thu-hanam');
      assert.match((await page.textContent('[data-totp-secret]')) ?? '', /^[A-Z2-7]{16,}$/);
      await axe(page, 'office-credentials', checked);
      await shot(page, 'office-24-credentials-mobile');
      const listed = (await api({ ...hubOperator }, '/api/v1/officers?limit=200')).json() as { items: { username: string; role: string }[] };
      assert.ok(listed.items.some((o) => o.username === 'thu-hanam' && o.role === 'vss-collector'));
      await context.close();
    });

    test('at 1280×800: social security’s operator switches the HI cards of Hà Nam to the director’s approval', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await signIn(page, 'it-vss-hanam', '/office/settings/hi-card-approval');
      assert.equal(await page.getAttribute('[data-current]', 'data-current'), 'automatic');
      await axe(page, 'office-approval-desktop', checked);
      await shot(page, 'office-25-approval-desktop');
      await page.check('#a-director');
      await page.fill('#reason', 'Quyết định của Giám đốc BHXH tỉnh Hà Nam');
      await Promise.all([page.waitForNavigation(), page.click('main form[method=post] button[type=submit]')]);
      assert.match((await page.textContent('.notice')) ?? '', /Đã lưu/);
      assert.equal(await page.getAttribute('[data-current]', 'data-current'), 'director');
      await axe(page, 'office-approval-saved-desktop', checked);
      const s = (await api(ssOperator, '/api/v1/agencies/social-security/settings/provinces/35')).json() as { hiCardApproval: string; updatedBy: string };
      assert.equal(s.hiCardApproval, 'director');
      // The rule tables: every version, the one in force marked; adding one is for a national operator (said so).
      await page.goto(`${base}/office/settings/rules`);
      assert.ok((await page.locator('tr.in-force').count()) >= 3, 'a version in force in each table');
      assert.match((await page.textContent('main')) ?? '', /quản trị viên cấp trung ương/);
      await axe(page, 'office-rules-desktop', checked);
      await shot(page, 'office-28-rules-desktop');
      // The hub's time limits are not social security's operator's to change: the page says so plainly.
      await page.goto(`${base}/office/settings/time-limits`);
      assert.equal(await page.title().then((x) => x.startsWith('Không có quyền')), true);
      await axe(page, 'office-forbidden-desktop', checked);

      // The hub's operator at a desktop, in English.
      const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const p2 = await other.newPage();
      await signIn(p2, 'it-hanam', '/office/settings/time-limits', 1);
      await p2.goto(`${base}/office/settings/time-limits?lang=en`);
      assert.match((await p2.textContent('h1')) ?? '', /Time limits by province/);
      await axe(p2, 'office-time-limits-en-desktop', checked);
      await shot(p2, 'office-26-time-limits-en-desktop');
      await p2.goto(`${base}/office/settings/calendar?year=2025`);
      assert.match((await p2.textContent('h1')) ?? '', /2025/);
      assert.ok((await p2.locator('[data-days-off] li').count()) >= 5, 'the year’s days off');
      await axe(p2, 'office-calendar-en-desktop', checked);
      await shot(p2, 'office-29-calendar-en-desktop');
      await p2.goto(`${base}/office/officers`);
      await axe(p2, 'office-officers-desktop', checked);
      await shot(p2, 'office-27-officers-desktop');
      await p2.goto(`${base}/office/dashboard`);
      await axe(p2, 'office-dashboard-operator-desktop', checked);
      await other.close();
      await context.close();
      assert.ok(checked.length >= 13, `axe-core ran on ${checked.length} pages`);
    });
  });
}
