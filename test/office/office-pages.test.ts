import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyReply } from 'fastify';
import { totpCode } from '../../src/identity/domain/totp.ts';
import { OfficeSessions } from '../../src/office/session.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { KeyRing } from '../../src/platform/crypto/secret-box.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * The back office's pages without a browser (so this runs where there is no Chromium): the sign-in form and its
 * cookie, CSRF on every post, the API's own authorisation seen through the pages (another role: 403; another
 * province: 404), refusals shown with what was typed, and JSON errors for clients that are not browsers.
 */
describe('back-office pages (server-rendered, through the API)', () => {
  let t: TestPlatform;
  // Each TOTP code works once: every sign-in of the suite moves the platform's clock on by a 30-second step.
  const running = runningClockFrom(new Date(START));
  let shift = 0;
  const clock = { now: () => new Date(running.now().getTime() + shift) };
  const nextCode = (secret: string) => {
    shift += 30_000;
    return totpCode(secret, clock.now());
  };
  const identityKey = randomBytes(32).toString('base64');
  const accounts = new Map<string, { password: string; secret: string }>();
  const html = { accept: 'text/html' };
  const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded', ...html, payload: new URLSearchParams(fields).toString() });
  const cookieOf = (res: { headers: Record<string, unknown> }, name: string) =>
    [res.headers['set-cookie']].flat().map(String).find((c) => c.startsWith(`${name}=`));

  before(async () => {
    process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
    t = await startTestPlatform('pglite', START, { clock, identityKey });
    for (const [username, agency, role, provinceCode] of [
      ['cr-hanoi', 'civil-registry', 'civil-registry-officer', '01'],
      ['cr-hanam', 'civil-registry', 'civil-registry-officer', '35'],
    ] as const) {
      const c = await t.p.identity.createOfficer({ username, agency, role, area: { provinceCode } }, { kind: 'operator', id: 'test' });
      accounts.set(username, { password: c.initialPassword, secret: new URL(c.totpUri).searchParams.get('secret')! });
    }
  });
  after(async () => t.close());

  const get = (url: string, cookie = '') => t.p.app.inject({ method: 'GET', url, headers: { ...html, cookie } });
  const post = (url: string, fields: Record<string, string>, cookie = '') => {
    const { payload, ...headers } = form(fields);
    return t.p.app.inject({ method: 'POST', url, headers: { ...headers, cookie }, payload });
  };

  /** Signs in through the form; returns the session cookie and the session's CSRF token (read from a page). */
  async function signIn(username: string, next = '/office'): Promise<{ cookie: string; csrf: string }> {
    const a = accounts.get(username)!;
    const page = await get(`/office/sign-in?next=${encodeURIComponent(next)}`);
    const csrfCookie = cookieOf(page, '__Host-lienthong-office-csrf')!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await post('/office/sign-in', { _csrf: token, next, username, password: a.password, totp: nextCode(a.secret) }, csrfCookie);
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const cookie = cookieOf(res, '__Host-lienthong-office')!.split(';')[0]!;
    const home = await get('/office', cookie);
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home.body)![1]! };
  }

  test('signed out: pages send to sign-in (coming back after); the form is Vietnamese by default, English on request; no inline code', async () => {
    const home = await get('/office/reviews?answered=true');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/office/sign-in?next=%2Foffice%2Freviews%3Fanswered%3Dtrue');
    const page = await get('/office/sign-in');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="vi">/);
    assert.match(page.body, /<label for="totp">Mã xác thực/);
    assert.match(page.body, /autocomplete="one-time-code"/);
    assert.doesNotMatch(page.body, /<script>|style="/, 'no inline script or style (the CSP allows only files)');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.match(cookieOf(page, '__Host-lienthong-office-csrf') ?? '', /HttpOnly; Secure; SameSite=Strict/);
    assert.match((await get('/office/sign-in?lang=en')).body, /<html lang="en">[\s\S]*Officer sign-in/);
    assert.equal((await get('/office/assets/office.css')).statusCode, 200);
    assert.match(String((await get('/office/assets/office.js')).headers['content-type']), /javascript/);
  });

  test('sign-in: fields checked first, then the form’s CSRF token, then the credentials; the cookie is sealed, HTTP-only, Secure, SameSite', async () => {
    const page = await get('/office/sign-in');
    const csrfCookie = cookieOf(page, '__Host-lienthong-office-csrf')!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const a = accounts.get('cr-hanoi')!;
    const audits = async () => Number((await t.p.db.query<{ n: string | number }>('SELECT count(*) AS n FROM audit.entries'))[0]!.n);

    const shape = await post('/office/sign-in', { _csrf: csrf, username: 'CR HANOI!', password: '', totp: '12' }, csrfCookie);
    assert.equal(shape.statusCode, 400);
    assert.match(shape.body, /id="username"[^>]*aria-invalid="true"/);
    assert.match(shape.body, /id="totp-error">Hãy nhập đủ 6 chữ số/);

    const before = await audits();
    const forged = await post('/office/sign-in', { _csrf: 'x'.repeat(43), username: 'cr-hanoi', password: a.password, totp: '123456' }, csrfCookie);
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /Biểu mẫu đã hết hạn/);
    assert.equal(await audits(), before, 'a forged form reaches no account');

    const wrong = await post('/office/sign-in', { _csrf: csrf, username: 'cr-hanoi', password: 'not the password', totp: '123456' }, csrfCookie);
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /Đăng nhập không thành công/);
    assert.match(wrong.body, /value="cr-hanoi"/, 'the username is kept');
    assert.equal(cookieOf(wrong, '__Host-lienthong-office'), undefined);

    // Somewhere else after sign-in: only a page of the back office, never another site.
    const ok = await post('/office/sign-in', { _csrf: csrf, next: '//evil.example/office', username: 'cr-hanoi', password: a.password, totp: nextCode(a.secret) }, csrfCookie);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/office');
    const session = cookieOf(ok, '__Host-lienthong-office')!;
    assert.match(session, /^__Host-lienthong-office=v1\.[^;]+; Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax$/);
    assert.doesNotMatch(session, /eyJ/, 'the bearer token is sealed, not readable in the cookie');
    // A cookie altered by one character opens nothing.
    const value = session.split(';')[0]!;
    const altered = value.slice(0, -3) + (value.endsWith('A') ? 'B' : 'A') + value.slice(-2);
    assert.equal((await get('/office', altered)).statusCode, 303);
    assert.equal((await get('/office', value)).statusCode, 200);
  });

  test('every post needs the session’s CSRF token; a browser gets a page, another client the uniform JSON error', async () => {
    const { cookie, csrf } = await signIn('cr-hanoi');
    const id = '00000000-0000-4000-8000-000000000000';
    const noToken = await post(`/office/reviews/${id}`, { _action: 'claim' }, cookie);
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.body, /<html lang="vi">[\s\S]*Biểu mẫu đã hết hạn/);
    const json = await t.p.app.inject({ method: 'POST', url: `/office/reviews/${id}`, headers: { cookie, 'content-type': 'application/json' }, payload: { _action: 'claim', _csrf: 'nope' } });
    assert.equal(json.statusCode, 403);
    assert.equal(json.json().code, 'CSRF_FAILED');
    const signedOut = await t.p.app.inject({ method: 'POST', url: `/office/reviews/${id}`, headers: { 'content-type': 'application/json' }, payload: { _action: 'claim', _csrf: csrf } });
    assert.equal(signedOut.statusCode, 401);
    assert.equal(signedOut.json().code, 'UNAUTHENTICATED');
    const shape = await t.p.app.inject({ method: 'POST', url: '/office/sign-in', headers: { 'content-type': 'application/json' }, payload: {} });
    assert.equal(shape.statusCode, 400);
    assert.deepEqual(shape.json().fields.map((f: { path: string }) => f.path), ['username', 'password', 'totp']);
    // With the token, the action reaches the API, whose answer the page shows: no such review here.
    const unknown = await post(`/office/reviews/${id}`, { _csrf: csrf, _action: 'claim', _return: '/office/reviews' }, cookie);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /data-error-code="NOT_FOUND"/);
  });

  test('the API’s rules, seen through the pages: another role’s page is 403, another province’s review is 404; a refusal keeps what was typed', async () => {
    const citizen: Principal = { kind: 'citizen', pin: PEOPLE.youngMother };
    const young = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Bảo', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' } });
    delete (young as { father?: unknown }).father;
    const sub = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await t.token(citizen)}` }, payload: { group: 'birth', declaration: young } });
    assert.equal(sub.statusCode, 202, sub.body);
    const dossierId = sub.json().id as string;
    const hanoi = await signIn('cr-hanoi');
    const reviewId = await eventually(async () => /data-item="([0-9a-f-]{36})"/.exec((await get('/office/reviews', hanoi.cookie)).body)?.[1], 'the review on the page');

    // Hà Nam's officer: the review is not in their list, and acting on it is "not found".
    const hanam = await signIn('cr-hanam');
    assert.doesNotMatch((await get('/office/reviews', hanam.cookie)).body, new RegExp(reviewId));
    const foreign = await post(`/office/reviews/${reviewId}`, { _csrf: hanam.csrf, _action: 'claim', _return: '/office/reviews' }, hanam.cookie);
    assert.equal(foreign.statusCode, 404);
    assert.equal((await get('/office/hi-cards', hanam.cookie)).statusCode, 403, 'a civil-registry officer has no HI-card worklist');
    assert.equal((await get('/office/settings/time-limits', hanam.cookie)).statusCode, 403);

    // A refusal with a reason too short: the API's reason on top, the decision form open with what was typed.
    const refused = await post(`/office/reviews/${reviewId}`, { _csrf: hanoi.csrf, _action: 'refuse', _return: '/office/reviews?answered=false', reason: 'x', reasonOther: 'y' }, hanoi.cookie);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /data-error-code="VALIDATION_FAILED"/);
    assert.match(refused.body, new RegExp(`<details class="decide" open>`));
    assert.match(refused.body, /<textarea id="refuse-[0-9a-f-]+-reason" name="reason"[^>]*>x<\/textarea>/);
    assert.match(refused.body, /<option value="false" selected>/, 'the list shown again is the one the officer came from');

    // A request for a supplement with two fields, then the notice and the item flagged.
    const asked = await post(
      `/office/reviews/${reviewId}`,
      { _csrf: hanoi.csrf, _action: 'request-supplement', _return: '/office/reviews', path0: 'declaration.mother.pin', why0: 'Cần bản sao CCCD của mẹ', path1: 'declaration.child.placeOfBirth', why1: 'Ghi rõ tên bệnh viện', path2: '', why2: '' },
      hanoi.cookie,
    );
    assert.equal(asked.statusCode, 303, asked.body.slice(0, 300));
    assert.equal(asked.headers.location, `/office/reviews?done=supplement-requested#item-${reviewId}`);
    const view = (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: { authorization: `Bearer ${await t.token(citizen)}` } })).json() as { procedures: { code: string; reasons: { path: string; reasonVi: string }[] }[] };
    assert.deepEqual(
      view.procedures.find((p) => p.code === 'birth-registration')?.reasons.map((r) => [r.path, r.reasonVi]),
      [
        ['declaration.mother.pin', 'Cần bản sao CCCD của mẹ'],
        ['declaration.child.placeOfBirth', 'Ghi rõ tên bệnh viện'],
      ],
    );
    // The officer follows the dossier from the worklist; a made-up one is not found, as on the API.
    assert.match((await get(`/office/dossiers/${dossierId}`, hanoi.cookie)).body, /data-dossier-status="awaiting-supplement"/);
    assert.equal((await get('/office/dossiers/00000000-0000-4000-8000-000000000000', hanoi.cookie)).statusCode, 404);
  });

  test('a national IT operator of social security adds a rule-table version on the page (a past date refused first)', async () => {
    // Accounts signed in through the form always have a province; a national operator's session is made here
    // with the platform's own key, as the sign-in would make it, around a token for such an operator.
    const sessions = new OfficeSessions(new KeyRing(identityKey, 'lienthong-office', 'test').box('session'));
    const headers: Record<string, unknown> = {};
    const reply = { getHeader: (n: string) => headers[n], header: (n: string, v: unknown) => ((headers[n] = v), reply) } as unknown as FastifyReply;
    const token = await t.token({ kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null });
    const s = sessions.start(reply, token)!;
    const cookie = String([headers['set-cookie']].flat()[0]).split(';')[0]!;
    const page = await get('/office/settings/rules', cookie);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    assert.match(page.body, /name="version"/);
    const fields = { _csrf: s.csrf, table: 'base-salary', version: 'base-salary-2025-07', value: '2500000', legalBasis: 'Nghị định thử nghiệm', reason: 'Kiểm thử trang' };
    const past = await post('/office/settings/rules', { ...fields, effectiveFrom: '2025-01-01' }, cookie);
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /data-field-codes="[^"]*past-date/);
    assert.match(past.body, /value="base-salary-2025-07"/);
    const ok = await post('/office/settings/rules', { ...fields, effectiveFrom: '2025-07-01' }, cookie);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    const tables = (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/social-security/rules', headers: { authorization: `Bearer ${token}` } })).json() as { tables: { table: string; versions: { version: string; value: unknown; addedBy: string | null }[] }[] };
    const added = tables.tables.find((x) => x.table === 'base-salary')?.versions.find((v) => v.version === 'base-salary-2025-07');
    assert.deepEqual([added?.value, added?.addedBy], [2_500_000, 'officer:it-vss']);
    // The calendar is the hub's: social security's operator gets the API's refusal, said plainly.
    assert.equal((await get('/office/settings/calendar?year=2025', cookie)).statusCode, 403);
  });
});
