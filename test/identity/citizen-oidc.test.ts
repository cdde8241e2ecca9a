import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { dataAccessRoutes } from '../../src/platform/audit/routes.ts';
import { engines } from '../support/databases.ts';
/** A citizen of Hà Nam (province 035), born 1995; the identity part needs no register to sign her in. */
const PIN = '035195000123';
import { auditActions, codeNow, startIdentity, type IdentityRig } from './support.ts';

/** A free port on 127.0.0.1 (the provider's issuer must be known before the server starts). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Cookies by name, as a browser would keep them for one origin (paths are not needed here). */
class CookieJar {
  private readonly jar = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!) < new Date()));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, pair!.slice(i + 1).trim());
    }
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const PASSWORD = 'mật khẩu đủ dài 2025';

for (const engine of await engines()) {
  describe(`citizen sign-in through OpenID Connect against the built-in provider (${engine})`, () => {
    let rig: IdentityRig;
    let base: string;
    let totpSecret: string;
    before(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      rig = await startIdentity(engine, { oidc: { publicUrl: base }, extraRoutes: (audit) => [dataAccessRoutes(audit)] });
      await rig.app.listen({ port, host: '127.0.0.1' });
      totpSecret = (await rig.id.service.createCitizenAccount(PIN, PASSWORD)).totpSecret;
    });
    after(async () => rig.close());

    /** A browser: GETs and POSTs with the jar, following same-origin redirects by hand; the last response. */
    async function browse(jar: CookieJar, url: string, init: { method?: string; body?: string; accept?: string } = {}): Promise<{ res: Response; url: string; hops: string[] }> {
      const hops: string[] = [];
      let method = init.method ?? 'GET';
      let body = init.body;
      for (let i = 0; i < 20; i++) {
        const res = await fetch(url, {
          method,
          redirect: 'manual',
          headers: {
            cookie: jar.header(),
            accept: init.accept ?? 'text/html',
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          ...(body ? { body } : {}),
        });
        jar.take(res);
        const loc = res.headers.get('location');
        if (res.status < 300 || res.status >= 400 || !loc) return { res, url, hops };
        url = new URL(loc, url).href;
        assert.ok(url.startsWith(base), `stays on this machine: ${url}`);
        hops.push(new URL(url).pathname);
        method = 'GET';
        body = undefined;
      }
      throw new Error('too many redirects');
    }

    const formOf = (html: string) => ({
      action: /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&'),
      csrf: /name="_csrf" value="([^"]+)"/.exec(html)![1]!,
    });

    async function toLoginPage(jar: CookieJar) {
      const { res, hops } = await browse(jar, `${base}/auth/citizen/sign-in`);
      assert.equal(res.status, 200);
      assert.ok(hops[0]!.startsWith('/idp/auth'), hops.join(' → '));
      const html = await res.text();
      assert.match(html, /<label for="pin">Số định danh cá nhân <span class="en" lang="en">Personal identification number<\/span><\/label>/);
      assert.match(html, /autocomplete="one-time-code"/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      return formOf(html);
    }

    test('PIN, password and TOTP at the provider → back with a code → a session cookie and a bearer token for that PIN', async () => {
      const jar = new CookieJar();
      const form = await toLoginPage(jar);
      rig.clock.advance(30_000);
      const submitted = await browse(jar, new URL(form.action, base).href, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: form.csrf, pin: PIN, password: PASSWORD, totp: codeNow(rig, totpSecret) }).toString(),
        accept: 'application/json',
      });
      assert.ok(submitted.hops.includes('/auth/citizen/callback'), submitted.hops.join(' → '));
      assert.equal(submitted.res.status, 200, await submitted.res.clone().text());
      const { token, tokenType, csrfToken } = (await submitted.res.json()) as { token: string; tokenType: string; csrfToken: string };
      assert.equal(tokenType, 'Bearer');
      assert.deepEqual(await rig.tokens.verify(token), { kind: 'citizen', pin: PIN });
      assert.ok(jar.has('__Host-lienthong-session'));
      const cookie = submitted.res.headers.getSetCookie().find((c) => c.startsWith('__Host-lienthong-session='))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /SameSite=Lax/);

      // The bearer token is the citizen's on the API.
      const mine = await fetch(`${base}/api/v1/me/data-access`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(mine.status, 200);

      // The session gives fresh tokens; sign-out needs its CSRF token, and then the session is gone.
      const session = await fetch(`${base}/auth/session`, { headers: { cookie: jar.header() } });
      assert.equal(session.status, 200);
      assert.deepEqual(await rig.tokens.verify(((await session.json()) as { token: string }).token), { kind: 'citizen', pin: PIN });
      const forged = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { cookie: jar.header(), accept: 'application/json' } });
      assert.equal(forged.status, 403);
      assert.equal(((await forged.json()) as { code: string }).code, 'CSRF_FAILED');
      const out = await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { cookie: jar.header(), accept: 'application/json', 'x-csrf-token': csrfToken } });
      assert.equal(out.status, 200);
      assert.equal((await fetch(`${base}/auth/session`, { headers: { cookie: jar.header() } })).status, 401);
      // Signing in again in the same browser asks for the credentials again: the provider's session signs nobody in.
      await toLoginPage(jar);

      const trail = (await auditActions(rig.db)).map((e) => e.action);
      for (const a of ['citizen-account.created', 'sign-in.succeeded', 'session.started', 'session.ended']) assert.ok(trail.includes(a), a);
    });

    test('a browser gets pages: the signed-in page carries the sign-out form with the session’s CSRF token', async () => {
      const jar = new CookieJar();
      const form = await toLoginPage(jar);
      rig.clock.advance(30_000);
      const done = await browse(jar, new URL(form.action, base).href, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: form.csrf, pin: PIN, password: PASSWORD, totp: codeNow(rig, totpSecret) }).toString(),
      });
      assert.equal(done.res.status, 200);
      const page = await done.res.text();
      assert.match(page, /Đã đăng nhập/);
      const signOut = formOf(page);
      const out = await browse(jar, `${base}${signOut.action}`, { method: 'POST', body: new URLSearchParams({ _csrf: signOut.csrf }).toString() });
      assert.equal(out.res.status, 200);
      assert.match(await out.res.text(), /Đã đăng xuất/);
    });

    test('a wrong password or code re-renders the form with one message (401); a missing CSRF token is refused (403)', async () => {
      const jar = new CookieJar();
      const form = await toLoginPage(jar);
      const post = (fields: Record<string, string>) => browse(jar, new URL(form.action, base).href, { method: 'POST', body: new URLSearchParams(fields).toString() });
      rig.clock.advance(30_000);
      const wrongPw = await post({ _csrf: form.csrf, pin: PIN, password: 'not the password', totp: codeNow(rig, totpSecret) });
      assert.equal(wrongPw.res.status, 401);
      const wrongPwHtml = await wrongPw.res.text();
      assert.match(wrongPwHtml, /role="alert"/);
      const wrongCode = await post({ _csrf: form.csrf, pin: PIN, password: PASSWORD, totp: String((Number(codeNow(rig, totpSecret)) + 1) % 1e6).padStart(6, '0') });
      assert.equal(wrongCode.res.status, 401);
      const alert = (html: string) => /<p class="error" role="alert">(.*?)<\/p>/.exec(html)![1];
      assert.equal(alert(await wrongCode.res.text()), alert(wrongPwHtml));
      const noCsrf = await post({ pin: PIN, password: PASSWORD, totp: codeNow(rig, totpSecret) });
      assert.equal(noCsrf.res.status, 403);
      const badFields = await post({ _csrf: form.csrf, pin: '12', password: '', totp: 'abc' });
      assert.equal(badFields.res.status, 400);
      const html = await badFields.res.text();
      for (const f of ['pin', 'password', 'totp']) assert.match(html, new RegExp(`id="${f}" [^>]*aria-invalid="true" aria-describedby="${f}-error"`));
      const failed = (await auditActions(rig.db)).filter((e) => e.action === 'sign-in.failed').map((e) => e.details.reason);
      assert.ok(failed.includes('wrong-password') && failed.includes('wrong-totp'));
    });

    test('a callback that was not started here, or whose state was tampered with, signs nobody in', async () => {
      const stray = await fetch(`${base}/auth/citizen/callback?code=abc&state=xyz`, { headers: { accept: 'application/json' } });
      assert.equal(stray.status, 400);
      assert.equal(((await stray.json()) as { code: string }).code, 'SIGN_IN_INCOMPLETE');

      const jar = new CookieJar();
      const form = await toLoginPage(jar);
      rig.clock.advance(30_000);
      // Submit the login but stop before the callback, then call it with another state.
      let url = new URL(form.action, base).href;
      let res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: form.csrf, pin: PIN, password: PASSWORD, totp: codeNow(rig, totpSecret) }).toString(),
      });
      for (let i = 0; i < 10 && !new URL(url).pathname.startsWith('/auth/citizen/callback'); i++) {
        jar.take(res);
        url = new URL(res.headers.get('location')!, url).href;
        if (new URL(url).pathname.startsWith('/auth/citizen/callback')) break;
        res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
      }
      const tampered = new URL(url);
      tampered.searchParams.set('state', 'not-the-state');
      const r = await fetch(tampered, { headers: { cookie: jar.header(), accept: 'application/json' } });
      assert.equal(r.status, 400);
      assert.equal(((await r.json()) as { code: string }).code, 'SIGN_IN_INCOMPLETE');
      assert.ok(!jar.has('__Host-lienthong-session'));
    });

    test('hostile requests to the provider and the sign-in routes get a 4xx, never a 5xx', async () => {
      const probes: [string, string, string?][] = [
        ['GET', '/idp/auth?client_id=%00&response_type=code&redirect_uri=javascript:alert(1)'],
        ['GET', '/idp/auth?client_id=lienthong-portal&response_type=code&scope=openid&redirect_uri=https://evil.example/cb'],
        ['POST', '/idp/token', 'grant_type=authorization_code&code=%00&redirect_uri=x'],
        ['POST', '/idp/token', '{"grant_type":'],
        ['GET', '/idp/me'],
        ['GET', '/idp/interaction/%3Cscript%3E'],
        ['GET', '/idp/interaction/abc'],
        ['POST', '/idp/interaction/abc/login', 'pin=%00&password=x&totp=1'],
        ['GET', '/auth/citizen/callback?code=%00&state=%00&error=%3Cscript%3E'],
        ['GET', '/auth/citizen/callback?state=a&state=b'],
        ['POST', '/auth/sign-out', '_csrf=%00'],
        ['GET', '/auth/session'],
      ];
      const cb = encodeURIComponent(`${base}/auth/citizen/callback`);
      probes.push(['GET', `/idp/auth?client_id=lienthong-portal&response_type=code&scope=openid&redirect_uri=${cb}&state=%00%3Cscript%3E&nonce=%00&code_challenge_method=S256&code_challenge=${'a'.repeat(43)}`]);
      for (const [method, path, body] of probes) {
        const res = await fetch(`${base}${path}`, {
          method,
          redirect: 'manual',
          headers: { cookie: '__Host-lienthong-session=%00; __Host-lienthong-oidc=v1.x.y.z; _interaction=abc', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          ...(body ? { body } : {}),
        });
        assert.ok(res.status >= 300 && res.status < 500, `${method} ${path} → ${res.status}`);
        const text = await res.text();
        assert.ok(!text.includes('<script>'), `${method} ${path} reflects markup`);
      }
    });

    test('a citizen account needs a real PIN and a long password, once per PIN', async () => {
      await assert.rejects(rig.id.service.createCitizenAccount('123', 'short'), (e: { code: string; fields: { path: string }[] }) => {
        assert.deepEqual([e.code, e.fields.map((f) => f.path)], ['VALIDATION_FAILED', ['pin', 'password']]);
        return true;
      });
      await assert.rejects(rig.id.service.createCitizenAccount(PIN, PASSWORD), (e: { code: string }) => e.code === 'CONFLICT');
    });

    test('the provider publishes its metadata under /idp', async () => {
      const meta = (await (await fetch(`${base}/idp/.well-known/openid-configuration`)).json()) as { issuer: string; authorization_endpoint: string; code_challenge_methods_supported: string[] };
      assert.equal(meta.issuer, `${base}/idp`);
      assert.ok(meta.authorization_endpoint.startsWith(`${base}/idp/`));
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    });
  });
}
