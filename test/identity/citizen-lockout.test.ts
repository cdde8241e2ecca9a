import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCKOUT } from '../../src/identity/domain/lockout.ts';
import { freePort } from '../support/process.ts';
import { auditActions, codeNow, startIdentity, type IdentityRig } from './support.ts';

/** A citizen of Hà Nam (province 035), born 1995; the identity part needs no register to sign her in. */
const PIN = '035195000456';
const OTHER_PIN = '035195000789';
const PASSWORD = 'mật khẩu đủ dài của Mai';

/**
 * Citizens lock out as officers do (issue 4, item 2; audit-4 gap 8): at the built-in identity provider's sign-in
 * page, five consecutive failures lock the account for fifteen minutes (domain/lockout.ts: OWASP ASVS 4.0 §2.2.1),
 * the right credentials are refused meanwhile with the same single message as a wrong password or an unknown PIN
 * (nothing tells a guesser the account exists or is locked), the lock holds in any browser, each attempt is in the
 * audit trail with why it failed, and after the fifteen minutes the citizen signs in. End to end over HTTP, through
 * the OpenID Connect redirects, on PGlite.
 */
describe('citizen lock-out at the built-in identity provider', () => {
  let rig: IdentityRig;
  let base: string;
  let totpSecret: string;
  let otherSecret: string;
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    rig = await startIdentity('pglite', { oidc: { publicUrl: base } });
    await rig.app.listen({ port, host: '127.0.0.1' });
    totpSecret = (await rig.id.service.createCitizenAccount(PIN, PASSWORD)).totpSecret;
    otherSecret = (await rig.id.service.createCitizenAccount(OTHER_PIN, PASSWORD)).totpSecret;
  });
  after(async () => rig?.close());

  /** A browser's cookies for this origin. */
  class Jar {
    private readonly jar = new Map<string, string>();
    take(res: Response): void {
      for (const c of res.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const i = pair!.indexOf('=');
        if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.jar.delete(pair!.slice(0, i).trim());
        else this.jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
      }
    }
    has = (name: string) => this.jar.has(name);
    header = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** GET or POST with the jar, following same-origin redirects by hand; the last response and the paths passed. */
  async function browse(jar: Jar, url: string, body?: string): Promise<{ res: Response; hops: string[] }> {
    const hops: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: jar.header(), accept: 'text/html', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(body ? { body } : {}),
      });
      jar.take(res);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) return { res, hops };
      url = new URL(loc, url).href;
      assert.ok(url.startsWith(base), `stays on this machine: ${url}`);
      hops.push(new URL(url).pathname);
      body = undefined;
    }
    throw new Error('too many redirects');
  }

  /** A fresh browser at the provider's sign-in page: its jar and a function posting the form. */
  async function signInPage() {
    const jar = new Jar();
    const { res } = await browse(jar, `${base}/auth/citizen/sign-in`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'), base).href;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    return {
      jar,
      async post(pin: string, password: string, totp: string) {
        const r = await browse(jar, action, new URLSearchParams({ _csrf: csrf, pin, password, totp }).toString());
        return { status: r.res.status, html: await r.res.text(), hops: r.hops };
      },
    };
  }

  const alert = (html: string) => /<p class="error" role="alert">(.*?)<\/p>/.exec(html)?.[1];

  test('five failures lock the account for 15 minutes; one message for everything; audited; then the citizen signs in', async () => {
    const browser = await signInPage();
    const wrong = async () => {
      rig.clock.advance(30_000);
      return browser.post(PIN, 'not the password at all', codeNow(rig, totpSecret));
    };

    // Four failures do not lock: the right credentials still sign in, and clear the count.
    const first = await wrong();
    assert.equal(first.status, 401);
    const message = alert(first.html);
    assert.ok(message, 'the refusal is said');
    for (let i = 0; i < 3; i++) assert.equal((await wrong()).status, 401);
    rig.clock.advance(30_000);
    const ok = await browser.post(PIN, PASSWORD, codeNow(rig, totpSecret));
    assert.ok(ok.hops.includes('/auth/citizen/callback'), `four failures do not lock: ${ok.status} ${ok.hops.join(' → ')}`);
    assert.equal(ok.status, 200);

    // Five in a row lock it, in any browser: the right password and a fresh code are refused, with the same words.
    const again = await signInPage();
    const fail = async () => {
      rig.clock.advance(30_000);
      return again.post(PIN, 'still not the password', codeNow(rig, totpSecret));
    };
    for (let i = 0; i < LOCKOUT.maxFailures; i++) assert.equal((await fail()).status, 401);
    const lockedAt = rig.clock.now().getTime();
    const elsewhere = await signInPage();
    rig.clock.advance(30_000);
    const refused = await elsewhere.post(PIN, PASSWORD, codeNow(rig, totpSecret));
    assert.equal(refused.status, 401, 'locked: the right credentials are refused');
    assert.ok(!elsewhere.jar.has('__Host-lienthong-session'), 'no session');
    assert.equal(alert(refused.html), message, 'locked reads as any failure');
    // An unknown PIN and another account's wrong code read the same too.
    rig.clock.advance(30_000);
    assert.equal(alert((await elsewhere.post('035195000999', PASSWORD, codeNow(rig, totpSecret))).html), message, 'an unknown PIN reads the same');
    assert.equal(alert((await elsewhere.post(OTHER_PIN, PASSWORD, '000000')).html), message, 'a wrong code reads the same');
    // Her failures lock her account only: the other citizen signs in.
    const other = await signInPage();
    rig.clock.advance(30_000);
    assert.ok((await other.post(OTHER_PIN, PASSWORD, codeNow(rig, otherSecret))).hops.includes('/auth/citizen/callback'), 'another account is not locked');
    const trail = await auditActions(rig.db);
    const mine = trail.filter((e) => e.action === 'sign-in.failed' && ['wrong-password', 'locked'].includes(String(e.details.reason)));
    const locking = mine.filter((e) => e.details.reason === 'wrong-password').at(-1)!;
    assert.equal(locking.details.failures, LOCKOUT.maxFailures, 'the fifth failure is recorded with the count');
    assert.equal(new Date(String(locking.details.lockedUntil)).getTime(), lockedAt + LOCKOUT.lockMs, 'locked for 15 minutes from the fifth failure');
    const whileLocked = mine.filter((e) => e.details.reason === 'locked');
    assert.equal(whileLocked.length, 1, 'the attempt while locked is recorded as such');
    assert.equal(whileLocked[0]!.details.lockedUntil, locking.details.lockedUntil, 'and does not extend the lock');
    for (const e of trail) assert.ok(!JSON.stringify(e.details).includes(PASSWORD) && !JSON.stringify(e.details).includes('not the password'), 'no password in the audit trail');

    // Fourteen minutes after the fifth failure it is still locked; at fifteen it signs in.
    rig.clock.advance(lockedAt + 14 * 60_000 - rig.clock.now().getTime());
    const still = await signInPage();
    assert.equal((await still.post(PIN, PASSWORD, codeNow(rig, totpSecret))).status, 401, 'still locked after 14 minutes');
    rig.clock.advance(lockedAt + LOCKOUT.lockMs - rig.clock.now().getTime());
    const later = await signInPage();
    const back = await later.post(PIN, PASSWORD, codeNow(rig, totpSecret));
    assert.ok(back.hops.includes('/auth/citizen/callback'), `the lock has run out: ${back.status} ${back.hops.join(' → ')}`);
    assert.equal(back.status, 200);
    assert.ok(later.jar.has('__Host-lienthong-session'), 'signed in');
    assert.ok((await auditActions(rig.db)).filter((e) => e.action === 'sign-in.succeeded').length >= 2);
  });
});
