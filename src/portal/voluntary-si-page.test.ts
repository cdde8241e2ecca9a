import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import type { PortalApi, PortalApiRequest } from './api.ts';
import { portalRoutes, type PortalDeps } from './routes.ts';

/**
 * The voluntary SI page's own behaviour around social security's answer, with the API faked: what it asks (its own
 * route, with the session citizen's token), what it shows when the answer does not come (a 503 page, not a server
 * error), and that whatever the answer holds is escaped. The page with the real platform: test/flows/portal-voluntary-si-page.test.ts.
 */
const PIN = '035197000031';
const SESSION = { pin: PIN, csrfToken: 'csrf-token' };

async function portal(api: PortalApi) {
  const unused = () => {
    throw new Error('not used by this page');
  };
  const deps: PortalDeps = {
    hub: { check: unused, submit: unused, get: unused, list: unused, answerSupplement: unused } as unknown as PortalDeps['hub'],
    documents: { list: unused, pdf: unused } as unknown as PortalDeps['documents'],
    sessions: { find: async (id) => (id === 'sid' ? SESSION : null), bearer: async (s) => ({ token: `token-for-${s.pin}` }) },
    api,
  };
  const app = Fastify();
  await app.register(portalRoutes(deps));
  return {
    get: (lang = 'vi') => app.inject({ method: 'GET', url: `/portal/me/voluntary-si?lang=${lang}`, headers: { cookie: '__Host-lienthong-session=sid', accept: 'text/html' } }),
    close: () => app.close(),
  };
}
const answer = (status: number, body: unknown): PortalApi => ({ send: async () => ({ status, body: Buffer.from(JSON.stringify(body)) }) });

test('asks social security’s own route with the session citizen’s token, nothing else', async () => {
  const asked: PortalApiRequest[] = [];
  const p = await portal({ send: async (r) => (asked.push(r), { status: 200, body: Buffer.from('{"participation":null,"notices":[]}') }) });
  const res = await p.get();
  assert.equal(res.statusCode, 200);
  assert.deepEqual(asked, [{ method: 'GET', path: '/api/v1/me/voluntary-si', token: `token-for-${PIN}` }]);
  await p.close();
});

test('social security down, refusing or answering nonsense: a 503 page saying so in the page’s language, never a 500', async () => {
  const cases: [string, PortalApi][] = [
    ['network error', { send: async () => Promise.reject(new Error('ECONNREFUSED')) }],
    ['503', answer(503, { code: 'NOT_READY' })],
    ['401', answer(401, { code: 'UNAUTHENTICATED' })],
    ['not JSON', { send: async () => ({ status: 200, body: Buffer.from('<html>') }) }],
    ['JSON null', answer(200, null)],
  ];
  for (const [name, api] of cases) {
    const p = await portal(api);
    const vi = await p.get('vi');
    assert.equal(vi.statusCode, 503, name);
    assert.match(vi.body, /<h1>Tạm thời chưa xem được<\/h1>[\s\S]*Chưa lấy được thông tin BHXH tự nguyện của bạn từ cơ quan BHXH/, name);
    const en = await p.get('en');
    assert.equal(en.statusCode, 503, name);
    assert.match(en.body, /<h1>Not available right now<\/h1>/, name);
    await p.close();
  }
});

test('what the answer holds is escaped, and fields of the wrong type are left out rather than shown as junk', async () => {
  const p = await portal(
    answer(200, {
      participation: {
        status: 'active',
        siCode: '<script>alert(1)</script>',
        monthlyIncome: 'lots',
        method: 'weekly"><b>',
        periods: [{ from: '2025-02', to: '2025-02', months: 1, monthlyIncome: 1_500_000, voucherNumber: '<i>PT</i>' }, { from: '2025-03', to: '2025-05', months: 3, monthlyIncome: 1_500_000, voucherNumber: '<i>PT</i>' }],
        nextDue: { kind: 'renewal', reference: 'BHXHTN3500000001002', amountDue: '297000', dueBy: '2025-03-31', qrPayload: '' },
        dossierId: '../../admin',
      },
      notices: [{ at: '2025-04-04T02:00:00.000Z', code: 'x"y', message: 'EN <img src=x>', messageVi: 'VI <img src=x>' }, { code: 'empty' }],
    }),
  );
  const body = (await p.get()).body;
  assert.doesNotMatch(body, /<script>alert|<img src=x>|<i>PT<\/i>|<b>/);
  assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(body, /data-notice="x&quot;y"><p class="notice-date">09:00 04\/04\/2025<\/p><p>VI &lt;img src=x&gt;<\/p>/);
  assert.doesNotMatch(body, /data-notice="empty"/, 'a notice without text in the page’s language is not shown empty');
  assert.doesNotMatch(body, /data-amount-due/, 'an amount that is not a number is not shown');
  assert.doesNotMatch(body, /data-payment-qr/, 'no payload, no QR');
  assert.doesNotMatch(body, /lots/);
  assert.doesNotMatch(body, /href="\/portal\/dossiers\//, 'no link from an id that is not one');
  assert.match(body, /<tr data-period="2025-03"><td>03\/2025 – 05\/2025<\/td>/);
  assert.match(body, /<tr data-period="2025-02"><td>02\/2025<\/td><td>1<\/td><td>1\.500\.000 đồng<\/td><td>&lt;i&gt;PT&lt;\/i&gt;<\/td>/);
  await p.close();
});
