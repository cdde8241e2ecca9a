import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { agencyUrlsFrom, apiBasesFrom, ApiFailure, callJson, httpApi, partOf, routedApi, urlOf, type OfficeApi } from './api.ts';
import { rangesOf } from './routes/rules.ts';
import { officerOfToken } from './session.ts';

test('each API path goes to the part that serves it', () => {
  assert.equal(partOf('/api/v1/agencies/civil-registry/reviews'), 'civil-registry');
  assert.equal(partOf('/api/v1/agencies/social-security/worklist/x/claim'), 'social-security');
  assert.equal(partOf('/api/v1/me/voluntary-si'), 'social-security', 'the participant’s voluntary SI is social security’s, outside its prefix');
  assert.equal(partOf('/api/v1/me/data-access'), 'hub');
  assert.equal(partOf('/api/v1/officers'), 'identity');
  assert.equal(partOf('/api/v1/auth/officer/sign-in'), 'identity');
  assert.equal(partOf('/api/v1/dossiers/x/history'), 'hub');
  assert.equal(partOf('/api/v1/dashboard/sla'), 'hub');
  assert.equal(urlOf({ method: 'GET', path: '/a', query: { limit: 20, status: undefined, kind: '', q: 'á b' } }), '/a?limit=20&q=%C3%A1+b');
});

test('distributed mode’s base URLs are read from LIENTHONG_OFFICE_API, the hub required, nothing else accepted', () => {
  assert.deepEqual(apiBasesFrom('hub=http://portal:3000, civil-registry=http://cr:3001'), { hub: 'http://portal:3000', 'civil-registry': 'http://cr:3001' });
  assert.throws(() => apiBasesFrom('civil-registry=http://cr:3001'), /must name the hub/);
  assert.throws(() => apiBasesFrom('hub=http://h,payroll=http://p'), /not part=url/);
  assert.throws(() => apiBasesFrom('hub=not a url'));
});

test('the portal process of distributed mode: its own parts in-process, the agencies named at their URLs', async () => {
  assert.deepEqual(agencyUrlsFrom(undefined), {});
  assert.deepEqual(agencyUrlsFrom('civil-registry=http://cr:3001'), { 'civil-registry': 'http://cr:3001' });
  const local: OfficeApi = { send: async (r) => ({ status: 200, contentType: 'application/json', contentDisposition: undefined, body: Buffer.from(JSON.stringify({ local: r.path })) }) };
  const api = routedApi(local, {});
  assert.deepEqual(await callJson(api, { method: 'GET', path: '/api/v1/agencies/civil-registry/reviews' }), { local: '/api/v1/agencies/civil-registry/reviews' }, 'nothing named: all in-process');
  const split = routedApi(local, { 'social-security': 'http://127.0.0.1:9' });
  assert.deepEqual(await callJson(split, { method: 'GET', path: '/api/v1/officers' }), { local: '/api/v1/officers' });
  await assert.rejects(split.send({ method: 'GET', path: '/api/v1/agencies/social-security/reports' }), 'social security is called at its URL (nothing listens on port 9)');
});

test('over HTTP: the token and the browser’s address go along, a refusal becomes an ApiFailure with its fields', async () => {
  const seen: { url: string; auth: string | undefined; xff: string | undefined; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ url: req.url!, auth: req.headers.authorization, xff: req.headers['x-forwarded-for'] as string | undefined, body });
      res.setHeader('content-type', 'application/json');
      if (req.url!.startsWith('/api/v1/agencies/civil-registry/')) {
        res.statusCode = 409;
        res.end(JSON.stringify({ code: 'CONFLICT', message: 'm', messageVi: 'mv', fields: [{ path: 'id', code: 'claimed-by-another', reason: 'r', reasonVi: 'rv' }] }));
      } else res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const api = httpApi({ hub: `http://127.0.0.1:${port}`, 'civil-registry': `http://127.0.0.1:${port}/` });
    assert.deepEqual(await callJson(api, { method: 'GET', path: '/api/v1/dashboard/sla', query: { from: '2025-01-01' }, token: 'T', ip: '203.0.113.7' }), { ok: true });
    await assert.rejects(callJson(api, { method: 'POST', path: '/api/v1/agencies/civil-registry/reviews/x/claim', token: 'T', body: {} }), (e: unknown) => {
      assert.ok(e instanceof ApiFailure);
      assert.deepEqual([e.status, e.code, e.fields[0]?.code], [409, 'CONFLICT', 'claimed-by-another']);
      return true;
    });
    assert.deepEqual(seen[0], { url: '/api/v1/dashboard/sla?from=2025-01-01', auth: 'Bearer T', xff: '203.0.113.7', body: '' });
    assert.equal(seen[1]?.body, '{}');
  } finally {
    server.close();
  }
});

test('the officer a token names is read from its payload; anything else is no officer', () => {
  const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
  assert.deepEqual(officerOfToken(token({ kind: 'officer', username: 'a', agency: 'hub', role: 'it-operator', provinceCode: '35', exp: 10 })), {
    officer: { username: 'a', agency: 'hub', role: 'it-operator', provinceCode: '35' },
    expiresAt: 10_000,
  });
  assert.equal(officerOfToken(token({ kind: 'citizen', pin: '035195000001', exp: 10 })), null);
  assert.equal(officerOfToken('not-a-token'), null);
  assert.equal(officerOfToken('a.%%%.b'), null);
});

test('days off typed one range or one day per line', () => {
  assert.deepEqual(rangesOf('2026-02-14 2026-02-22\n\n2026-09-02\r\n2026-04-30 – 2026-05-03'), {
    ranges: [
      ['2026-02-14', '2026-02-22'],
      ['2026-09-02', '2026-09-02'],
      ['2026-04-30', '2026-05-03'],
    ],
    bad: [],
  });
  assert.deepEqual(rangesOf('Tết\n2026-01-01 2026-01-02 2026-01-03').bad, [1, 2]);
});
