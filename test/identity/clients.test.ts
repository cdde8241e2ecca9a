import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { grantScopes } from '../../src/identity/domain/scopes.ts';
import { engines } from '../support/databases.ts';
import { auditActions, operatorToken, startIdentity, type IdentityRig } from './support.ts';

describe('scope grants (RFC 6749 §3.3)', () => {
  const allowed = ['dossiers:submit', 'dossiers:read'];
  const cases: [string, string | undefined, ReturnType<typeof grantScopes> | string[]][] = [
    ['none asked: every allowed scope', undefined, ['dossiers:submit', 'dossiers:read']],
    ['empty: every allowed scope', '', ['dossiers:submit', 'dossiers:read']],
    ['a subset', 'dossiers:read', ['dossiers:read']],
    ['repeated and spaced', 'dossiers:read  dossiers:read', ['dossiers:read']],
    ['one not allowed: refused, named', 'dossiers:read registers:read', ['refused:registers:read']],
    ['unknown scope: refused', 'admin', ['refused:admin']],
  ];
  for (const [name, asked, want] of cases)
    test(name, () => {
      const g = grantScopes(asked, allowed);
      assert.deepEqual(g.ok ? g.scopes : g.fields.map((f) => `refused:${/"(.+)"/.exec(f.reason)![1]}`), want);
    });
});

for (const engine of await engines()) {
  describe(`system clients: OAuth2 client credentials (${engine})`, () => {
    let rig: IdentityRig;
    let secret: string;
    before(async () => {
      rig = await startIdentity(engine);
      const res = await rig.app.inject({
        method: 'POST',
        url: '/api/v1/clients',
        headers: { authorization: `Bearer ${await operatorToken(rig)}` },
        payload: { clientId: 'bv-hanam', name: 'Bệnh viện Đa khoa tỉnh Hà Nam', agency: 'civil-registry', scopes: ['birth-notices:submit', 'dossiers:read'] },
      });
      assert.equal(res.statusCode, 201, res.body);
      secret = (res.json() as { clientSecret: string }).clientSecret;
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    });
    after(async () => rig.close());

    const token = (payload: Record<string, string>, o: { form?: boolean; basic?: [string, string] } = {}) =>
      rig.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: {
          ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(o.basic ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(o.basic[0])}:${encodeURIComponent(o.basic[1])}`).toString('base64')}` } : {}),
        },
        payload: o.form ? new URLSearchParams(payload).toString() : payload,
      });

    test('a token for the scopes asked, each allowed; its principal is the system client of its agency', async () => {
      const res = await token({ grant_type: 'client_credentials', client_id: 'bv-hanam', client_secret: secret, scope: 'birth-notices:submit' }, { form: true });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const b = res.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
      assert.deepEqual({ token_type: b.token_type, expires_in: b.expires_in, scope: b.scope }, { token_type: 'Bearer', expires_in: 3600, scope: 'birth-notices:submit' });
      // Only the scope asked for, and the API sees it on the principal.
      assert.deepEqual(await rig.tokens.verify(b.access_token), { kind: 'system', client: 'bv-hanam', agency: 'civil-registry', scopes: ['birth-notices:submit'] });
      assert.deepEqual(decodeJwt(b.access_token).scopes, ['birth-notices:submit']);
    });

    test('without a scope, every allowed one; HTTP Basic and JSON work too', async () => {
      const res = await token({ grant_type: 'client_credentials' }, { basic: ['bv-hanam', secret] });
      assert.equal(res.statusCode, 200, res.body);
      const b = res.json() as { access_token: string; scope: string };
      assert.equal(b.scope, 'birth-notices:submit dossiers:read');
      assert.deepEqual(decodeJwt(b.access_token).scopes, ['birth-notices:submit', 'dossiers:read']);
      const json = await token({ grant_type: 'client_credentials', client_id: 'bv-hanam', client_secret: secret, scope: 'dossiers:read' });
      assert.equal(json.statusCode, 200, json.body);
    });

    test('a scope the client is not allowed is refused (invalid_scope), not silently dropped', async () => {
      const res = await token({ grant_type: 'client_credentials', client_id: 'bv-hanam', client_secret: secret, scope: 'dossiers:read registers:read' });
      assert.equal(res.statusCode, 400);
      const b = res.json() as { code: string; error: string; fields: { path: string; reasonVi: string }[] };
      assert.deepEqual([b.code, b.error, b.fields[0]?.path], ['INVALID_SCOPE', 'invalid_scope', 'scope']);
    });

    test('a wrong secret or an unknown client: 401 invalid_client, the same body', async () => {
      const wrong = await token({ grant_type: 'client_credentials', client_id: 'bv-hanam', client_secret: `${secret}x` });
      const unknown = await token({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: secret });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.body, wrong.body);
      assert.deepEqual([(wrong.json() as { code: string }).code, (wrong.json() as { error: string }).error], ['INVALID_CLIENT', 'invalid_client']);
      const basic = await token({ grant_type: 'client_credentials' }, { basic: ['bv-hanam', 'nope'] });
      assert.equal(basic.statusCode, 401);
      assert.equal(basic.headers['www-authenticate'], 'Basic realm="lienthong"');
      const none = await token({ grant_type: 'client_credentials' });
      assert.equal(none.statusCode, 401);
    });

    test('other grants, missing or unknown fields, and two ways of authenticating: 400 with OAuth’s error', async () => {
      const cases: [Record<string, string>, { form?: boolean; basic?: [string, string] }, string][] = [
        [{ grant_type: 'password', client_id: 'bv-hanam', client_secret: secret }, {}, 'unsupported_grant_type'],
        [{ client_id: 'bv-hanam', client_secret: secret }, {}, 'invalid_request'],
        [{ grant_type: 'client_credentials', client_id: 'bv-hanam', client_secret: secret, extra: 'x' }, { form: true }, 'invalid_request'],
        [{ grant_type: 'client_credentials', client_secret: secret }, { basic: ['bv-hanam', secret] }, 'invalid_request'],
      ];
      for (const [payload, o, error] of cases) {
        const res = await token(payload, o);
        assert.equal(res.statusCode, 400, res.body);
        const b = res.json() as { error: string; messageVi: string; fields: unknown[] };
        assert.equal(b.error, error, res.body);
        assert.ok(b.messageVi && b.fields.length > 0, res.body);
      }
      const dup = await rig.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=client_credentials&grant_type=client_credentials&client_id=bv-hanam&client_secret=${secret}`,
      });
      assert.equal(dup.statusCode, 400);
      assert.equal((dup.json() as { error: string }).error, 'invalid_request');
    });

    test('every token request is audited, never with the secret', async () => {
      const trail = (await auditActions(rig.db)).filter((e) => e.resource === 'client/bv-hanam' || e.resource === 'client/nobody');
      assert.ok(trail.some((e) => e.action === 'client.created'));
      assert.ok(trail.some((e) => e.action === 'sign-in.succeeded' && e.actor_id === 'bv-hanam'));
      assert.deepEqual(
        [...new Set(trail.filter((e) => e.action === 'sign-in.failed').map((e) => e.details.reason))].sort(),
        ['scope-not-allowed', 'unknown-client', 'wrong-secret'],
      );
      assert.ok(!JSON.stringify(trail).includes(secret));
    });

    test('only an IT operator registers clients; scopes come from the list', async () => {
      const officer = await rig.tokens.issue({ kind: 'officer', username: 'x', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '01' });
      const body = { clientId: 'other', name: 'x', agency: 'population', scopes: ['registers:read'] };
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/clients', headers: { authorization: `Bearer ${officer}` }, payload: body })).statusCode, 403);
      const system = await rig.tokens.issue({ kind: 'system', client: 'bv-hanam', agency: 'civil-registry' });
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/clients', headers: { authorization: `Bearer ${system}` }, payload: body })).statusCode, 403);
      const op = await operatorToken(rig);
      const bad = await rig.app.inject({ method: 'POST', url: '/api/v1/clients', headers: { authorization: `Bearer ${op}` }, payload: { ...body, scopes: ['everything'] } });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { fields: { path: string }[] }).fields[0]?.path, 'scopes.0');
      const dupe = await rig.app.inject({ method: 'POST', url: '/api/v1/clients', headers: { authorization: `Bearer ${op}` }, payload: { ...body, clientId: 'bv-hanam' } });
      assert.equal(dupe.statusCode, 409);
    });
  });
}
