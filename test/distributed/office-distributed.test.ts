import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ephemeralAuditKeys } from '../../src/app/secrets.ts';
import { identity } from '../../src/identity/index.ts';
import { totpCode } from '../../src/identity/domain/totp.ts';
import { AuditTrail } from '../../src/platform/audit/audit-trail.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { TokenService } from '../../src/platform/auth/tokens.ts';
import { runningClockFrom, type Clock } from '../../src/platform/clock.ts';
import { openPostgres } from '../../src/platform/db/pg-db.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { postgresReachable } from '../support/databases.ts';
import { launchTestCluster, type TestCluster } from '../support/distributed.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';
import { natsAvailable } from '../support/nats.ts';

/**
 * The back office in distributed mode: the `lienthong portal` process serves the pages and signs the officer in
 * (identity in the hub's database), and the pages reach the civil registry's worklist on the civil-registry process
 * through its own API (LIENTHONG_OFFICE_API, set by the launcher). An officer signs in, claims and approves a birth
 * in review, and the dossier completes — over HTTP only, no browser needed.
 */
const servers = (await postgresReachable()) && (await natsAvailable());
if (!servers && process.env.REQUIRE_POSTGRES === '1') throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers');
if (!servers) console.log('# SKIPPED: back office in distributed mode — it needs the PostgreSQL server and NATS JetStream');

if (servers) {
  describe('back office in distributed mode', { timeout: 300_000 }, () => {
    let cluster: TestCluster;
    let base: string;
    let tokens: TokenService;
    let password: string;
    let secret: string;
    /** The processes' clocks run from START since they started, a little before this one: codes are taken 15 s ahead. */
    let clock: Clock;

    before(async () => {
      cluster = await launchTestCluster();
      base = cluster.d.portalUrl;
      tokens = new TokenService(cluster.d.tokenSecret);
      const running = runningClockFrom(new Date(START));
      clock = { now: () => new Date(running.now().getTime() + 15_000) };
      const db = openPostgres(cluster.d.databaseUrls.hub, 2);
      try {
        const idn = identity.create({ db, clock, tokens, audit: new AuditTrail(db, clock, ephemeralAuditKeys()), log: makeLogger({ level: 'silent' }), secretsKey: cluster.d.identityKey });
        const made = await idn.service.createOfficer({ username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }, { kind: 'operator', id: 'test' });
        password = made.initialPassword;
        secret = new URL(made.totpUri).searchParams.get('secret')!;
      } finally {
        await db.close();
      }
    });
    after(async () => cluster?.close());

    const page = (path: string, cookie: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, { redirect: 'manual', ...init, headers: { accept: 'text/html', cookie, ...(init.headers as Record<string, string> | undefined) } });
    const postForm = (path: string, cookie: string, fields: Record<string, string>) =>
      page(path, cookie, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0];

    test('an officer signs in at the portal process, approves a birth on the civil registry’s worklist, and the dossier completes', async () => {
      const citizen: Principal = { kind: 'citizen', pin: PEOPLE.youngMother };
      const decl = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Khang', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' } });
      delete (decl as { father?: unknown }).father;
      const citizenToken = await tokens.issue(citizen);
      const sub = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { authorization: `Bearer ${citizenToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ group: 'birth', declaration: decl }) });
      const submitted = await sub.text();
      assert.equal(sub.status, 202, submitted);
      const { id: dossierId } = JSON.parse(submitted) as { id: string };

      // Sign-in through the portal process's form (its identity part, in the hub's database).
      const form = await page('/office/sign-in', '');
      const csrfCookie = cookieOf(form, '__Host-lienthong-office-csrf')!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const signedIn = await postForm('/office/sign-in', csrfCookie, { _csrf: csrf, next: '/office/reviews', username: 'cr-hanoi', password, totp: totpCode(secret, clock.now()) });
      assert.equal(signedIn.status, 303, await signedIn.text());
      assert.equal(signedIn.headers.get('location'), '/office/reviews');
      const session = cookieOf(signedIn, '__Host-lienthong-office')!;

      // The worklist comes from the civil-registry process, through its API with the officer's token.
      const reviewId = await eventually(async () => {
        const res = await page('/office/reviews', session);
        assert.equal(res.status, 200);
        return /data-item="([0-9a-f-]{36})"/.exec(await res.text())?.[1];
      }, 'the birth on the worklist page', 60_000);
      const list = await (await page('/office/reviews', session)).text();
      assert.match(list, /Ngô Gia Khang/);
      const token = /name="_csrf" value="([^"]+)"/.exec(list)![1]!;

      const claimed = await postForm(`/office/reviews/${reviewId}`, session, { _csrf: token, _action: 'claim', _return: '/office/reviews' });
      assert.equal(claimed.status, 303, await claimed.text());
      const approved = await postForm(`/office/reviews/${reviewId}`, session, { _csrf: token, _action: 'approve', _return: '/office/reviews', note: 'checked' });
      assert.equal(approved.status, 303, await approved.text());
      assert.match(approved.headers.get('location') ?? '', /done=approved/);

      await eventually(
        async () => {
          const d = await fetch(`${base}/api/v1/dossiers/${dossierId}`, { headers: { authorization: `Bearer ${citizenToken}` } });
          return ((await d.json()) as { status: string }).status === 'completed' ? true : undefined;
        },
        'the dossier completes',
        60_000,
      );
      // The dossier page, from the portal process's own hub routes: every procedure completed.
      const dossier = await (await page(`/office/dossiers/${dossierId}`, session)).text();
      assert.match(dossier, /data-dossier-status="completed"/);
    });
  });
}
