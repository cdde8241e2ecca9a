import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RevocationList } from '../../src/platform/auth/revocations.ts';
import { engines } from '../support/databases.ts';
import { auditActions, operatorToken, signIn, startIdentity, totpSecretOf, type IdentityRig } from './support.ts';

describe('the revocation list', () => {
  const T = 1_700_000_000_000;
  const cases: [string, [string, number][], string, number, boolean][] = [
    ['no revocation: valid', [], 'officer:a', T, false],
    ['issued before the revocation: void', [['officer:a', T]], 'officer:a', T - 1, true],
    ['issued at or after it: valid (signing in again works at once)', [['officer:a', T]], 'officer:a', T, false],
    ['another subject: valid', [['officer:a', T]], 'officer:b', T - 1, false],
    ['a later revocation moves the instant on', [['officer:a', T], ['officer:a', T + 500]], 'officer:a', T + 100, true],
    ['an earlier one never moves it back', [['officer:a', T + 500], ['officer:a', T]], 'officer:a', T + 100, true],
  ];
  for (const [name, revs, subject, issued, want] of cases)
    test(name, () => {
      const l = new RevocationList();
      for (const [s, t] of revs) l.revoke(s, t);
      assert.equal(l.isRevoked(subject, issued), want);
    });
});

for (const engine of await engines()) {
  describe(`revoking access: disable, reset, unlock, rotate, sign out everywhere (${engine})`, () => {
    let rig: IdentityRig;
    let op: string;
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const post = (url: string, token: string) => rig.app.inject({ method: 'POST', url, headers: auth(token) });

    before(async () => {
      rig = await startIdentity(engine);
      op = await operatorToken(rig);
    });
    after(async () => rig.close());

    async function newOfficer(username: string, agency: 'civil-registry' | 'population' = 'civil-registry') {
      const role = agency === 'civil-registry' ? 'civil-registry-officer' : 'population-officer';
      const res = await rig.app.inject({ method: 'POST', url: '/api/v1/officers', headers: auth(op), payload: { username, agency, role, area: { provinceCode: '35' } } });
      assert.equal(res.statusCode, 201, res.body);
      const b = res.json() as { initialPassword: string; totpUri: string };
      return { password: b.initialPassword, totp: totpSecretOf(b.totpUri) };
    }
    const tokenOf = async (u: string, c: { password: string; totp: string }) => {
      const res = await signIn(rig, u, c.password, c.totp);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { token: string }).token;
    };

    test('disabling an officer voids the tokens they hold at once', async () => {
      const c = await newOfficer('lan.nguyen');
      const t = await tokenOf('lan.nguyen', c);
      assert.ok(await rig.tokens.verify(t));
      assert.equal((await post('/api/v1/officers/lan.nguyen/disable', op)).statusCode, 200);
      assert.equal(await rig.tokens.verify(t), null);
    });

    test('a locked-out officer is unlocked by an IT operator, audited with the failures cleared', async () => {
      const c = await newOfficer('binh.tran');
      for (let i = 0; i < 5; i++) assert.equal((await signIn(rig, 'binh.tran', 'wrong-password', c.totp)).statusCode, 401);
      assert.equal((await signIn(rig, 'binh.tran', c.password, c.totp)).statusCode, 401, 'locked: even the right password is refused');
      const res = await post('/api/v1/officers/binh.tran/unlock', op);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'active');
      assert.equal((await signIn(rig, 'binh.tran', c.password, c.totp)).statusCode, 200);
      const a = (await auditActions(rig.db)).filter((x) => x.action === 'officer.unlocked');
      assert.deepEqual(a.map((x) => [x.actor_id, x.resource, x.details.failuresCleared]), [['root', 'officer/binh.tran', 5]]);
    });

    test('resetting credentials: new password and TOTP, the old ones and the old tokens stop working', async () => {
      const c = await newOfficer('chi.le');
      const old = await tokenOf('chi.le', c);
      const res = await post('/api/v1/officers/chi.le/reset-credentials', op);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const fresh = { password: res.json().initialPassword as string, totp: totpSecretOf(res.json().totpUri) };
      assert.notEqual(fresh.password, c.password);
      assert.equal(await rig.tokens.verify(old), null, 'the token from before the reset is void');
      assert.equal((await signIn(rig, 'chi.le', c.password, c.totp)).statusCode, 401, 'the old password is gone');
      assert.equal((await signIn(rig, 'chi.le', fresh.password, c.totp)).statusCode, 401, 'the old authenticator too');
      const t = await tokenOf('chi.le', fresh);
      assert.ok(await rig.tokens.verify(t), 'a token issued after the reset works');
      assert.ok((await auditActions(rig.db)).some((x) => x.action === 'officer.credentials-reset' && x.resource === 'officer/chi.le'));
    });

    test('an IT operator cannot reset their own credentials, nor touch another agency’s accounts', async () => {
      assert.equal((await post('/api/v1/officers/root/reset-credentials', op)).statusCode, 409);
      await newOfficer('dung.pham', 'population');
      const res = await rig.app.inject({ method: 'POST', url: '/api/v1/officers', headers: auth(op), payload: { username: 'cr.it', agency: 'civil-registry', role: 'it-operator', area: { provinceCode: '35' } } });
      const crOp = await tokenOf('cr.it', { password: res.json().initialPassword, totp: totpSecretOf(res.json().totpUri) });
      for (const action of ['unlock', 'reset-credentials', 'disable'])
        assert.equal((await post(`/api/v1/officers/dung.pham/${action}`, crOp)).statusCode, 404, `${action} of another agency's officer: as if it did not exist`);
    });

    test('rotating a client secret: the old secret and its tokens stop working, the new one works', async () => {
      const made = await rig.app.inject({ method: 'POST', url: '/api/v1/clients', headers: auth(op), payload: { clientId: 'vss-core', name: 'VSS core system', agency: 'social-security', scopes: ['dossiers:read'] } });
      assert.equal(made.statusCode, 201, made.body);
      const grant = (secret: string) => rig.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { grant_type: 'client_credentials', client_id: 'vss-core', client_secret: secret } });
      const first = await grant(made.json().clientSecret);
      assert.equal(first.statusCode, 200);
      const oldToken = first.json().access_token as string;
      const rotated = await post('/api/v1/clients/vss-core/rotate-secret', op);
      assert.equal(rotated.statusCode, 200, rotated.body);
      assert.equal(await rig.tokens.verify(oldToken), null);
      assert.equal((await grant(made.json().clientSecret)).statusCode, 401, 'the old secret is refused');
      const next = await grant(rotated.json().clientSecret);
      assert.equal(next.statusCode, 200);
      assert.ok(await rig.tokens.verify(next.json().access_token));
      assert.equal((await post('/api/v1/clients/vss-core/disable', op)).statusCode, 200);
      assert.equal(await rig.tokens.verify(next.json().access_token), null, 'disabling voids its tokens');
      assert.equal((await grant(rotated.json().clientSecret)).statusCode, 401, 'and it gets no more');
      assert.equal((await post('/api/v1/clients/vss-core/rotate-secret', op)).statusCode, 409, 'a disabled client is not revived by a rotation');
      assert.equal((await post('/api/v1/clients/nobody/rotate-secret', op)).statusCode, 404);
      const actions = (await auditActions(rig.db)).map((x) => x.action);
      assert.ok(actions.includes('client.secret-rotated') && actions.includes('client.disabled'));
    });

    test('signing out everywhere voids every token of the caller, and only theirs', async () => {
      const c = await newOfficer('em.vo');
      const a = await tokenOf('em.vo', c);
      const b = await tokenOf('em.vo', c);
      const other = await tokenOf('root', { password: rig.operator.password, totp: rig.operator.totpSecret });
      const res = await post('/api/v1/auth/sign-out-everywhere', a);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(await rig.tokens.verify(a), null);
      assert.equal(await rig.tokens.verify(b), null);
      assert.ok(await rig.tokens.verify(other), 'another person’s token is untouched');
      assert.equal((await post('/api/v1/auth/sign-out-everywhere', a)).statusCode, 401, 'the voided token is refused at the door');
      rig.clock.advance(30_000);
      assert.ok(await rig.tokens.verify(await tokenOf('em.vo', c)), 'signing in again works');
    });
  });
}
