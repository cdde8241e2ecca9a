import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ephemeralAuditKeys } from '../../src/app/secrets.ts';
import { identity } from '../../src/identity/index.ts';
import { AuditTrail } from '../../src/platform/audit/audit-trail.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { runningClockFrom, type Clock } from '../../src/platform/clock.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { axe as axeIn, haveChromium, launchChromium, PASSWORD, shot, signIn, submitAndWait, type Browser, type Page } from '../support/browser.ts';
import { postgresReachable } from '../support/databases.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { PEOPLE } from '../support/fixtures.ts';
import { START } from '../support/harness.ts';
import { natsAvailable } from '../support/nats.ts';

/**
 * The portal in distributed mode: the `lienthong portal` process serves the same pages as embedded mode, sign-in
 * included (identity in the hub's database), in front of the hub and agency processes on PostgreSQL and NATS
 * JetStream. In Chromium at 360×740: the citizen signs in at the built-in provider the portal process serves,
 * declares a birth through the pages, and the dossier shows up — in her list through the API too — and completes.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: portal in distributed mode — it needs the PostgreSQL server and NATS JetStream');
const MOTHER = PEOPLE.mother;

if (servers && haveChromium('portal in distributed mode')) {
  describe('citizen portal in distributed mode, in a real browser', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let browser: Browser;
    let totpSecret: string;
    let base: string;
    const checked: string[] = [];
    /**
     * The portal process's clock runs from START since it started, a few seconds before this one: the codes are
     * computed 15 s ahead, the middle of what the provider accepts (the step before and after the current one).
     */
    let clock: Clock;

    before(async () => {
      cluster = await launchTestCluster();
      base = cluster.d.portalUrl;
      const running = runningClockFrom(new Date(START));
      clock = { now: () => new Date(running.now().getTime() + 15_000) };
      // Enrolled as an operator would (`lienthong citizens enrol` on the hub's database, with the portal's identity
      // key); the audit entry of the enrolment is written with keys of this test's own.
      const db = openPostgres(cluster.d.databaseUrls.hub, 2);
      try {
        const log = makeLogger({ level: 'silent' });
        const idn = identity.create({ db, clock, tokens: new TokenService(cluster.d.tokenSecret), audit: new AuditTrail(db, clock, ephemeralAuditKeys()), log, secretsKey: cluster.d.identityKey });
        totpSecret = (await idn.service.createCitizenAccount(MOTHER, PASSWORD)).totpSecret;
      } finally {
        await db.close();
      }
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await cluster?.close();
    });

    const axe = (page: Page, name: string) => axeIn(page, name, checked);

    test('signed in at the portal process, a birth declared through the pages shows up and completes', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
      const page = await context.newPage();
      await signIn(page, { base, pin: MOTHER, totpSecret, clock });
      await axe(page, 'distributed-home');
      await shot(page, 'distributed-01-home-mobile');

      await page.click('a[href="/portal/birth"] >> nth=-1');
      await page.waitForSelector('#f-child-fullName');
      await page.fill('#f-child-fullName', 'Lê Minh Phân');
      await page.check('#f-child-sex-1');
      await page.fill('#f-child-dateOfBirth', '2025-01-20');
      await page.fill('#f-child-placeOfBirth', 'Bệnh viện Đa khoa tỉnh Hà Nam');
      await submitAndWait(page, 'button[value=next]');
      await page.waitForSelector('#f-declarant-relationship');
      await page.selectOption('#f-declarant-relationship', 'mother');
      await page.fill('#f-mother-pin', MOTHER);
      await page.fill('#f-father-pin', PEOPLE.father);
      await submitAndWait(page, 'button[value=next]');
      await page.waitForSelector('#f-healthInsurance-initialFacilityCode');
      await page.check('#f-residence-householdOf-0');
      await page.fill('#f-healthInsurance-initialFacilityCode', '35001');
      await submitAndWait(page, 'button[value=next]');
      await page.waitForSelector('button[value=submit]');
      await axe(page, 'distributed-birth-review');
      await Promise.all([page.waitForURL(/\/portal\/dossiers\/[0-9a-f-]{36}\?submitted=1/), page.click('button[value=submit]')]);
      const id = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;

      // The dossier is in the hub's database: her list through the API has it.
      const token = await new TokenService(cluster.d.tokenSecret).issue({ kind: 'citizen', pin: MOTHER });
      const list = (await (await fetch(`${base}/api/v1/dossiers`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
      assert.ok(list.items.some((x) => x.id === id), 'the dossier submitted through the page');

      // The engine runs in the hub process, the procedures at the agencies' processes.
      const limit = Date.now() + 90_000;
      while ((await page.getAttribute('[data-dossier-status]', 'data-dossier-status')) !== 'completed') {
        assert.ok(Date.now() < limit, 'the dossier completes across the processes');
        await page.waitForTimeout(500);
        await page.goto(`${base}/portal/dossiers/${id}`);
      }
      assert.match((await page.textContent('main')) ?? '', /TE1/);
      await axe(page, 'distributed-dossier');
      await shot(page, 'distributed-02-dossier-mobile');
      const href = await page.getAttribute('a[data-document="hi-card"]', 'href');
      const pdf = await context.request.get(`${base}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 4).toString('latin1'), '%PDF');
      // The participant's voluntary SI is social security's route, in its own process: the portal's page asks it there
      // (a call kept in the portal's process would find no such route and show the 503 page).
      const mine = await page.goto(`${base}/portal/me/voluntary-si`);
      assert.equal(mine?.status(), 200);
      assert.equal(await page.getAttribute('[data-participation]', 'data-participation'), 'none');
      await context.close();
      assert.equal(checked.length, 3);
    });
  });
}
