import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROUTE_POLICIES } from '../../src/app/route-policies.ts';
import { CREDENTIAL_IN_REQUEST, decide } from '../../src/platform/auth/policy.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort } from '../support/process.ts';

/**
 * The authorisation matrix: every route of the OpenAPI document, called by every kind of principal, answers
 * as the one declared policy says — 401 for nobody when someone could, 403 for the wrong caller, and never
 * 401/403 for a caller the policy lets through. A route missing from the policy fails here (and at start-up).
 */
const PRINCIPALS: Record<string, Principal | null> = {
  anonymous: null,
  citizen: { kind: 'citizen', pin: '035195000001' },
  'civil-registry-officer': { kind: 'officer', username: 'cr', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' },
  'population-officer': { kind: 'officer', username: 'po', agency: 'population', role: 'population-officer', provinceCode: '35' },
  'vss-collector': { kind: 'officer', username: 'vc', agency: 'social-security', role: 'vss-collector', provinceCode: '35' },
  'vss-director': { kind: 'officer', username: 'vd', agency: 'social-security', role: 'vss-director', provinceCode: '35' },
  'planning-finance-officer': { kind: 'officer', username: 'pf', agency: 'social-security', role: 'planning-finance-officer', provinceCode: '35' },
  'one-stop-shop-officer': { kind: 'officer', username: 'os', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '35' },
  'it-operator': { kind: 'officer', username: 'it', agency: 'hub', role: 'it-operator', provinceCode: null },
  'civil-registry officer in the wrong agency': { kind: 'officer', username: 'x', agency: 'population', role: 'civil-registry-officer', provinceCode: '35' },
  'system client': { kind: 'system', client: 'bv-hanam', agency: 'civil-registry', scopes: [] },
  'health facility': { kind: 'system', client: 'bv-hanam-health', agency: 'health', scopes: ['death-notices:submit'] },
  'death-notice scope for another agency': { kind: 'system', client: 'cr-system', agency: 'civil-registry', scopes: ['death-notices:submit'] },
};

describe('authorisation: every route × every principal', () => {
  let t: TestPlatform;
  let routes: { method: string; path: string; key: string }[] = [];
  before(async () => {
    // Citizen sign-in on, against the built-in provider on a real port (the relying party discovers it over HTTP).
    const port = await freePort();
    t = await startTestPlatform('pglite', undefined, { oidc: { publicUrl: `http://127.0.0.1:${port}` } });
    await t.p.app.listen({ port, host: '127.0.0.1' });
    const doc = t.p.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}` })),
    );
  });
  after(async () => t.close());

  test('every route in the OpenAPI document has a declared policy', () => {
    assert.ok(routes.length >= 15, `${routes.length} routes`);
    const missing = routes.filter((r) => !ROUTE_POLICIES[r.key]).map((r) => r.key);
    assert.deepEqual(missing, []);
  });

  test('each principal gets what the policy says on each route', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const policy = ROUTE_POLICIES[r.key]!;
      for (const [name, p] of Object.entries(PRINCIPALS)) {
        const url = r.path.replace(/\{(\w+)\}/g, (_m, k: string) => (k === 'id' ? '00000000-0000-4000-8000-000000000000' : 'nobody'));
        const headers: Record<string, string> = p ? { authorization: `Bearer ${await t.token(p)}` } : {};
        const res = await t.p.app.inject({ method: r.method as 'GET', url, headers, ...(r.method === 'GET' ? {} : { payload: {} }) });
        const expected = decide(policy, p);
        // Through the gate, the route may still refuse a caller who brought no credential of its own kind (401).
        const ownCheck = (CREDENTIAL_IN_REQUEST as readonly string[]).includes(policy.resource);
        const ok = expected === 'allow' ? res.statusCode !== 403 && (ownCheck || res.statusCode !== 401) : res.statusCode === expected;
        if (!ok) wrong.push(`${r.key} as ${name}: ${res.statusCode}, expected ${expected === 'allow' ? 'through the gate' : expected}`);
        assert.ok(res.statusCode < 500, `${r.key} as ${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('the gate answers before validation: a caller who may not use a route learns nothing of its schema', async () => {
    const citizen = await t.token(PRINCIPALS.citizen!);
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/officers', headers: { authorization: `Bearer ${citizen}` }, payload: { nonsense: true } });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(res.json().fields, []);
  });
});
