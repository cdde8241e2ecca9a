import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { rateLimitOf, SUBMISSION_ROUTES } from '../../src/app/http-app.ts';
import { ROUTE_POLICIES } from '../../src/app/route-policies.ts';
import { DEATH, PEOPLE, birthDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { operationsOf } from './fuzz/operations.ts';
import { validValue } from './fuzz/schema-arbitrary.ts';
import { principalsFor } from './fuzz/setup.ts';

/** A supplement answer the body schema accepts (test/security/fuzz/setup.ts has the same). */
const SUPPLEMENT = { procedure: 'death-benefits', answers: { 'declaration.relatives.0.incapacityPercent': { assessmentNumber: 'GĐYK-35/2024-117', assessedOn: '2024-06-10', incapacityPercent: 90 } } };

describe('hardening: headers, request limits, rate limits', () => {
  let t: TestPlatform;
  before(async () => {
    t = await startTestPlatform('pglite');
  });
  after(async () => t.close());

  test('every answer carries the security headers', async () => {
    for (const url of ['/health', '/api/v1/dossiers', '/docs/json']) {
      const h = (await t.p.app.inject({ method: 'GET', url })).headers;
      assert.match(String(h['content-security-policy']), /default-src 'self'/, url);
      assert.match(String(h['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(h['x-content-type-options'], 'nosniff', url);
      assert.ok(h['strict-transport-security'], url);
      assert.equal(h['x-powered-by'], undefined, url);
    }
  });

  test('a body over 1 MiB is refused with 413 and the usual error shape', async () => {
    const token = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ group: 'birth', declaration: { x: 'a'.repeat(1_100_000) } }) });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'PAYLOAD_TOO_LARGE');
  });

  test('sign-in is rate-limited per address: the 21st attempt in a minute gets 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: 'wrong-password', totp: '000000' } })).statusCode);
    assert.deepEqual(new Set(statuses), new Set([401]));
    const last = await t.p.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username: 'nobody', password: 'x', totp: '000000' } });
    assert.equal(last.statusCode, 429);
    assert.deepEqual([last.json().code, typeof last.json().messageVi], ['RATE_LIMITED', 'string']);
  });

  test('submissions are rate-limited per caller, not per address', async () => {
    const a = await t.token({ kind: 'citizen', pin: PEOPLE.stranger });
    const b = await t.token({ kind: 'citizen', pin: PEOPLE.noHousehold });
    const submit = (token: string) => t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: { group: 'birth', declaration: birthDeclaration({ declarant: { pin: 'bad' } }) } });
    let first = 0;
    for (let i = 0; i < 300; i++) first = (await submit(a)).statusCode;
    assert.equal(first, 400, 'within the limit the request is judged on its merits');
    assert.equal((await submit(a)).statusCode, 429, 'the 301st in a minute');
    assert.equal((await submit(b)).statusCode, 400, 'another caller is not held back');
  });

  // Issue 4 item 7, strict schemas: a query string is closed like a body. An unknown parameter is a 400 naming it
  // (vi/en), never silently ignored. The gate answers first: a caller the route's policy refuses gets 401/403 and
  // learns nothing of the route, not even its schema (http-app.ts, onRequest before validation).
  test('every GET route of the OpenAPI document refuses an unknown query parameter: 400 naming it, after the gate', async () => {
    const ops = operationsOf((await t.p.app.inject({ method: 'GET', url: '/docs/json' })).json()).filter((o) => o.method === 'GET');
    assert.ok(ops.length >= 40, `${ops.length} GET operations`);
    const known = { uuid: ['6f1c2b1e-0d7a-4c55-9a8e-2b7f0c3d4e5f'] };
    const wrong: string[] = [];
    for (const op of ops) {
      const policy = ROUTE_POLICIES[op.key];
      assert.ok(policy, `no policy for ${op.key}`);
      // Path and required query parameters well-formed (a fixed seed), so that only the unknown one is wrong.
      const value = (schema: Parameters<typeof validValue>[0]) => fc.sample(validValue(schema, known), { seed: 1, numRuns: 1 })[0];
      const path = op.path.replace(/\{(\w+)\}/g, (_x, n: string) => encodeURIComponent(String(value(op.pathParams.find((p) => p.name === n)!.schema))));
      const required = op.query.filter((q) => q.required).map((q) => `${q.name}=${encodeURIComponent(String(value(q.schema)))}`);
      const url = `${path}?${[...required, 'unknownParam=1'].join('&')}`;
      const caller = principalsFor(policy.grants, [PEOPLE.mother])[0]!;
      const headers = caller.principal ? { authorization: `Bearer ${await t.token(caller.principal)}`, accept: 'application/json' } : { accept: 'application/json' };
      const res = await t.p.app.inject({ method: 'GET', url, headers });
      const body = res.statusCode === 400 ? (res.json() as { code: string; fields: { path: string; code: string; reason: string; reasonVi: string }[] }) : null;
      const named = body?.fields.length === 1 && body.fields[0]!.path === 'query.unknownParam' && body.fields[0]!.code === 'additionalProperties' && body.fields[0]!.reason !== '' && body.fields[0]!.reasonVi !== '';
      if (!named) wrong.push(`${op.key} as ${caller.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      // The gate first: without a principal, a route that is not open to anyone says 401, whatever the query.
      if (caller.principal) {
        const anon = await t.p.app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
        if (anon.statusCode !== 401) wrong.push(`${op.key} anonymous: ${anon.statusCode} (the gate should answer 401 before validation)`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('the lists the audit found open answer without the unknown parameter (the 400 is the parameter, not the route)', async () => {
    const token = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
    const operator = await t.token({ kind: 'officer', username: 'it-hub', agency: 'hub', role: 'it-operator', provinceCode: null });
    for (const [url, who] of [['/api/v1/dossiers', token], ['/api/v1/me/data-access', token], ['/api/v1/officers', operator]] as const) {
      const ok = await t.p.app.inject({ method: 'GET', url: `${url}?limit=5&offset=0`, headers: { authorization: `Bearer ${who}` } });
      assert.equal(ok.statusCode, 200, `${url}: ${ok.body.slice(0, 200)}`);
      const bad = await t.p.app.inject({ method: 'GET', url: `${url}?foo=1`, headers: { authorization: `Bearer ${who}` } });
      assert.equal(bad.statusCode, 400, url);
      assert.deepEqual((bad.json() as { fields: { path: string }[] }).fields.map((f) => f.path), ['query.foo'], url);
    }
  });

  test('a POST route refuses an unknown query parameter too', async () => {
    const token = await t.token({ kind: 'citizen', pin: PEOPLE.father }); // not the caller held back above
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers?foo=1', headers: { authorization: `Bearer ${token}` }, payload: { group: 'birth', declaration: birthDeclaration() } });
    assert.equal(res.statusCode, 400);
    assert.deepEqual((res.json() as { fields: { path: string }[] }).fields.map((f) => f.path), ['query.foo']);
    // A route that declares no query string takes none (http-app.ts gives it a closed, empty one; the hub's submit
    // route, which validates its body by group, validates its query string with it).
    const none = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers/6f1c2b1e-0d7a-4c55-9a8e-2b7f0c3d4e5f/supplements?foo=1', headers: { authorization: `Bearer ${token}` }, payload: SUPPLEMENT });
    assert.equal(none.statusCode, 400);
    assert.deepEqual((none.json() as { fields: { path: string }[] }).fields.map((f) => f.path), ['query.foo']);
  });

  test('an Idempotency-Key over its documented 200 characters is refused, naming the header; nothing is written', async () => {
    const token = await t.token({ kind: 'citizen', pin: PEOPLE.father });
    const count = async () => Number((await t.p.db.query<{ n: string }>('SELECT count(*)::text AS n FROM hub.dossiers'))[0]!.n);
    const before = await count();
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'k'.repeat(201) }, payload: { group: 'birth', declaration: birthDeclaration() } });
    assert.equal(res.statusCode, 400);
    assert.ok((res.json() as { fields: { path: string }[] }).fields.some((f) => f.path.includes('idempotency-key')), res.body);
    assert.equal(await count(), before);
  });
});

/**
 * Issue 4 item 7, rate limits: wherever a citizen (or an agency's system) submits — a dossier through the API or the
 * portal's forms, a supplement answer through either, a health facility's death notice — the same per-caller limit
 * (LIENTHONG_SUBMISSIONS_PER_MINUTE) and the same 429 RATE_LIMITED. Here the limit is 3 a minute, so it is reached
 * in a few requests.
 */
describe('rate limits on every submission, per caller', () => {
  const LIMIT = 3;
  let t: TestPlatform;
  before(async () => {
    const was = process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE;
    process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE = String(LIMIT);
    try {
      t = await startTestPlatform('pglite');
    } finally {
      if (was === undefined) delete process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE;
      else process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE = was;
    }
  });
  after(async () => t.close());

  const rows = async () => Number((await t.p.db.query<{ n: string | number }>('SELECT count(*) AS n FROM hub.dossiers'))[0]!.n);

  test('every POST route a citizen can use is limited, or says here why not; the limit is off at 0', () => {
    // What a citizen may POST that submits nothing: a dry run, and ending one's own sessions.
    const EXEMPT: Record<string, string> = {
      'POST /portal/check/:group': 'a dry run of one step: stores nothing',
      'POST /auth/sign-out': 'ends the caller’s own session',
      'POST /api/v1/auth/sign-out-everywhere': 'voids the caller’s own tokens',
    };
    const citizenPosts = Object.entries(ROUTE_POLICIES)
      .filter(([k, p]) => k.startsWith('POST ') && (p.grants.some((g) => g.kind === 'citizen') || (p.resource === 'session-cookie' && k.startsWith('POST /portal/'))))
      .map(([k]) => k);
    assert.ok(citizenPosts.length >= 7, citizenPosts.join(', '));
    assert.deepEqual(citizenPosts.filter((k) => !SUBMISSION_ROUTES[k] && !EXEMPT[k]), []);
    const health = 'POST /api/v1/agencies/health/death-notices';
    assert.ok(ROUTE_POLICIES[health] && SUBMISSION_ROUTES[health]);
    for (const k of Object.keys(SUBMISSION_ROUTES)) {
      assert.ok(ROUTE_POLICIES[k], `${k} is no route`);
      assert.ok(rateLimitOf(k.slice(5), ['POST'], { submissions: 5, signIns: 5 }), k);
      assert.equal(rateLimitOf(k.slice(5), ['POST'], { submissions: 0, signIns: 5 }), undefined, k);
    }
  });

  test('API submissions: per caller however many tokens it holds, and another caller is not held back', async () => {
    const submit = async (pin: string) =>
      (await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin })}` }, payload: { group: 'birth', declaration: birthDeclaration({ declarant: { pin: 'bad' } }) } })).statusCode;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push(await submit(PEOPLE.stranger)); // a new token each time
    assert.deepEqual(statuses, [400, 400, 400]);
    const refused = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin: PEOPLE.stranger })}` }, payload: { group: 'birth', declaration: birthDeclaration() } });
    assert.equal(refused.statusCode, 429);
    assert.deepEqual([refused.json().code, typeof refused.json().messageVi, typeof refused.headers['retry-after']], ['RATE_LIMITED', 'string', 'string']);
    assert.equal(await submit(PEOPLE.noHousehold), 400, 'another caller is judged on the merits');
  });

  test('supplement answers through the API', async () => {
    const token = await t.token({ kind: 'citizen', pin: DEATH.disabledSon });
    const answer = () =>
      t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers/6f1c2b1e-0d7a-4c55-9a8e-2b7f0c3d4e5f/supplements', headers: { authorization: `Bearer ${token}` }, payload: { procedure: 'death-benefits', answers: {} } });
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await answer()).statusCode);
    assert.notEqual(statuses[0], 429);
    assert.equal(statuses.slice(0, LIMIT).filter((s) => s === 429).length, 0, statuses.join());
    assert.equal(statuses[LIMIT], 429);
  });

  test('a health facility’s death notices, per client', async () => {
    const scopes = ['death-notices:submit'];
    const a = await t.token({ kind: 'system', client: 'bv-a', agency: 'health', scopes });
    const b = await t.token({ kind: 'system', client: 'bv-b', agency: 'health', scopes });
    const notice = (token: string) => t.p.app.inject({ method: 'POST', url: '/api/v1/agencies/health/death-notices', headers: { authorization: `Bearer ${token}` }, payload: {} });
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await notice(a)).statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 429]);
    assert.equal((await notice(b)).statusCode, 400);
  });

  test('the portal: only a submit counts (not the form’s other steps), per session; the refusal is a page, nothing written', async () => {
    const start = async (pin: string) => {
      const s = await t.p.identity.sessions.start(pin, { issuer: 'test' });
      return { cookie: `__Host-lienthong-session=${s.id}`, csrf: s.csrfToken };
    };
    const post = (s: { cookie: string; csrf: string }, url: string, fields: Record<string, string>) =>
      t.p.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString() });
    const mother = await start(PEOPLE.mother);
    // Steps that store nothing: as many as one likes.
    for (let i = 0; i < LIMIT + 2; i++) assert.equal((await post(mother, '/portal/birth', { _action: 'back', _step: '1' })).statusCode, 200);
    // Submits of an empty form: judged (400, back to the form) until the limit, then 429 — as a page, for a browser.
    const before = await rows();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await post(mother, '/portal/birth', { _action: 'submit', _step: '4' })).statusCode);
    assert.deepEqual(statuses, [400, 400, 400]);
    const refused = await post(mother, '/portal/birth', { _action: 'submit', _step: '4' });
    assert.equal(refused.statusCode, 429);
    assert.match(String(refused.headers['content-type']), /text\/html/);
    assert.match(refused.body, /Quá nhiều yêu cầu/);
    assert.equal(await rows(), before, 'nothing submitted');
    // Another citizen's session is not held back.
    const father = await start(PEOPLE.father);
    assert.equal((await post(father, '/portal/birth', { _action: 'submit', _step: '4' })).statusCode, 400);
    // A supplement answer from the dossier page: every post counts.
    const son = await start(DEATH.disabledSon);
    const answers: number[] = [];
    for (let i = 0; i <= LIMIT; i++) answers.push((await post(son, '/portal/dossiers/6f1c2b1e-0d7a-4c55-9a8e-2b7f0c3d4e5f/supplements', { _procedure: 'death-benefits' })).statusCode);
    assert.equal(answers.slice(0, LIMIT).includes(429), false, answers.join());
    assert.equal(answers[LIMIT], 429);
    await eventually(async () => ((await t.p.backlog()) === 0 ? true : undefined), 'the platform idle');
  });
});

