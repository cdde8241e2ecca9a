import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines } from '../support/databases.ts';
import { auditActions, codeNow, operatorToken, signIn, startIdentity, totpSecretOf, type IdentityRig } from './support.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

for (const engine of await engines()) {
  describe(`officer accounts and sign-in (${engine})`, () => {
    let rig: IdentityRig;
    let opToken: string;
    before(async () => {
      rig = await startIdentity(engine);
      opToken = await operatorToken(rig);
    });
    after(async () => rig.close());

    const create = (token: string, body: unknown) => rig.app.inject({ method: 'POST', url: '/api/v1/officers', headers: bearer(token), payload: body as object });
    const newOfficer = async (username: string, extra: Record<string, unknown> = {}) => {
      const res = await create(opToken, { username, agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '35', districtCode: '347' }, ...extra });
      assert.equal(res.statusCode, 201, res.body);
      const b = res.json() as { initialPassword: string; totpUri: string };
      return { password: b.initialPassword, secret: totpSecretOf(b.totpUri) };
    };

    test('an IT operator creates an officer, who signs in with password and TOTP; the token works on a protected route', async () => {
      const res = await create(opToken, { username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '35' } });
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json() as Record<string, unknown> & { initialPassword: string; totpUri: string };
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(
        { username: created.username, agency: created.agency, role: created.role, area: created.area },
        { username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '35', districtCode: null, communeCode: null } },
      );
      assert.match(created.initialPassword, /^[A-Za-z0-9_-]{24}$/);
      assert.match(created.totpUri, /^otpauth:\/\/totp\/lienthong:cr-hanam\?/);

      const signed = await signIn(rig, 'cr-hanam', created.initialPassword, totpSecretOf(created.totpUri));
      assert.equal(signed.statusCode, 200, signed.body);
      const { token, tokenType, expiresIn } = signed.json() as { token: string; tokenType: string; expiresIn: number };
      assert.deepEqual([tokenType, expiresIn], ['Bearer', 8 * 3600]);
      assert.deepEqual(await rig.tokens.verify(token), { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' });

      // The operator's own signed-in token lists the accounts; the officer's is refused there (403).
      const list = await rig.app.inject({ method: 'GET', url: '/api/v1/officers?limit=10', headers: bearer(opToken) });
      assert.equal(list.statusCode, 200, list.body);
      const { items, total } = list.json() as { items: { username: string; status: string; lastSignInAt: string | null }[]; total: number };
      assert.ok(total >= 2);
      const hanam = items.find((i) => i.username === 'cr-hanam');
      assert.equal(hanam?.status, 'active');
      assert.ok(hanam?.lastSignInAt);
      assert.equal((await rig.app.inject({ method: 'GET', url: '/api/v1/officers', headers: bearer(token) })).statusCode, 403);

      const trail = await auditActions(rig.db);
      assert.ok(trail.some((e) => e.action === 'officer.created' && e.resource === 'officer/cr-hanam' && e.actor_id === 'root'));
      assert.ok(trail.some((e) => e.action === 'sign-in.succeeded' && e.resource === 'officer/cr-hanam'));
      assert.ok(!JSON.stringify(trail).includes(created.initialPassword), 'the audit trail never holds a password');
    });

    test('the list is paginated', async () => {
      for (const u of ['page-a', 'page-b', 'page-c']) await newOfficer(u);
      const page = async (offset: number) =>
        (await rig.app.inject({ method: 'GET', url: `/api/v1/officers?limit=2&offset=${offset}`, headers: bearer(opToken) })).json() as { items: { username: string }[]; total: number };
      const [p1, p2] = [await page(0), await page(2)];
      assert.equal(p1.items.length, 2);
      assert.equal(p1.total, p2.total);
      assert.equal(new Set([...p1.items, ...p2.items].map((i) => i.username)).size, p1.items.length + p2.items.length);
      const bad = await rig.app.inject({ method: 'GET', url: '/api/v1/officers?limit=0', headers: bearer(opToken) });
      assert.equal(bad.statusCode, 400);
      assert.equal((bad.json() as { fields: { path: string }[] }).fields[0]?.path, 'query.limit');
    });

    test('wrong password, wrong TOTP, reused TOTP, unknown user, locked and disabled all answer the same 401', async () => {
      const { password, secret } = await newOfficer('same-401');
      rig.clock.advance(30_000);
      const attempt = (username: string, pw: string, totp: string) =>
        rig.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload: { username, password: pw, totp } });
      const wrongCode = String((Number(codeNow(rig, secret)) + 500_000) % 1_000_000).padStart(6, '0');
      const bodies: Record<string, string> = {};
      const refusals: [string, () => Promise<{ statusCode: number; body: string }>][] = [
        ['wrong password', () => attempt('same-401', `${password}x`, codeNow(rig, secret))],
        ['wrong TOTP', () => attempt('same-401', password, wrongCode)],
        ['unknown user', () => attempt('nobody-here', password, codeNow(rig, secret))],
      ];
      for (const [name, run] of refusals) {
        const r = await run();
        assert.equal(r.statusCode, 401, name);
        bodies[name] = r.body;
      }
      // A good sign-in, then the same code again: a replay.
      const ok = await attempt('same-401', password, codeNow(rig, secret));
      assert.equal(ok.statusCode, 200, ok.body);
      const replay = await attempt('same-401', password, codeNow(rig, secret));
      assert.equal(replay.statusCode, 401);
      bodies['reused TOTP'] = replay.body;

      // Disabled by the operator: the right password and a fresh code are refused.
      const dis = await rig.app.inject({ method: 'POST', url: '/api/v1/officers/same-401/disable', headers: bearer(opToken) });
      assert.equal(dis.statusCode, 200, dis.body);
      assert.equal((dis.json() as { status: string }).status, 'disabled');
      const disabled = await signIn(rig, 'same-401', password, secret);
      assert.equal(disabled.statusCode, 401);
      bodies.disabled = disabled.body;

      // Locked: five failures, then the right password and code are refused for 15 minutes.
      const l = await newOfficer('locked-one');
      for (let i = 0; i < 5; i++) assert.equal((await signIn(rig, 'locked-one', 'not-the-password', l.secret)).statusCode, 401);
      const locked = await signIn(rig, 'locked-one', l.password, l.secret);
      assert.equal(locked.statusCode, 401);
      bodies.locked = locked.body;

      const first = JSON.parse(bodies['wrong password']!) as { code: string; message: string; messageVi: string; fields: unknown[] };
      assert.equal(first.code, 'SIGN_IN_FAILED');
      assert.ok(first.messageVi.length > 0 && first.fields.length === 1);
      for (const [name, body] of Object.entries(bodies)) assert.equal(body, bodies['wrong password'], `${name} must answer exactly as a wrong password does`);

      const failed = (await auditActions(rig.db)).filter((e) => e.action === 'sign-in.failed').map((e) => e.details.reason);
      for (const reason of ['wrong-password', 'wrong-totp', 'unknown-account', 'replayed-totp', 'disabled', 'locked']) assert.ok(failed.includes(reason), `${reason} is audited`);
    });

    test('five consecutive failures lock for 15 minutes; then the account signs in again', async () => {
      const { password, secret } = await newOfficer('lock-15');
      for (let i = 0; i < 4; i++) assert.equal((await signIn(rig, 'lock-15', 'wrong', secret)).statusCode, 401);
      // Four failures do not lock: the right credentials still work, and clear the count.
      assert.equal((await signIn(rig, 'lock-15', password, secret)).statusCode, 200);
      for (let i = 0; i < 5; i++) assert.equal((await signIn(rig, 'lock-15', 'wrong', secret)).statusCode, 401);
      const listed = async () =>
        ((await rig.app.inject({ method: 'GET', url: '/api/v1/officers?limit=200', headers: bearer(opToken) })).json() as { items: { username: string; status: string }[] }).items.find(
          (i) => i.username === 'lock-15',
        )?.status;
      assert.equal(await listed(), 'locked');
      assert.equal((await signIn(rig, 'lock-15', password, secret)).statusCode, 401, 'locked: the right password is refused');
      rig.clock.advance(13 * 60_000); // each signIn moves the clock 30 s: the next attempt is 14 minutes after the fifth failure
      assert.equal((await signIn(rig, 'lock-15', password, secret)).statusCode, 401, 'still locked after 14 minutes');
      rig.clock.advance(60_000);
      assert.equal(await listed(), 'active');
      assert.equal((await signIn(rig, 'lock-15', password, secret)).statusCode, 200, 'the lock has run out');
      const locking = (await auditActions(rig.db)).filter((e) => e.resource === 'officer/lock-15' && e.details.reason === 'wrong-password').at(-1);
      assert.equal(locking?.details.failures, 5);
      assert.ok(locking?.details.lockedUntil);
    });

    test('only an IT operator creates, lists and disables officers (403); without a token, 401', async () => {
      const { password, secret } = await newOfficer('not-an-operator');
      const t = (await (await signIn(rig, 'not-an-operator', password, secret)).json()) as { token: string };
      const body = { username: 'sneaky', agency: 'hub', role: 'it-operator', area: { provinceCode: '01' } };
      const res = await create(t.token, body);
      assert.equal(res.statusCode, 403);
      assert.equal((res.json() as { code: string }).code, 'FORBIDDEN');
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers/page-a/disable', headers: bearer(t.token) })).statusCode, 403);
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers', payload: body })).statusCode, 401);
      const citizen = await rig.tokens.issue({ kind: 'citizen', pin: '035095000123' });
      assert.equal((await create(citizen, body)).statusCode, 403);
      const rows = await rig.db.query("SELECT 1 FROM identity.officers WHERE username = 'sneaky'");
      assert.equal(rows.length, 0);
    });

    test('an agency’s IT operator manages only its own agency’s accounts', async () => {
      const r = await create(opToken, { username: 'cr-it', agency: 'civil-registry', role: 'it-operator', area: { provinceCode: '35' } });
      const { initialPassword, totpUri } = r.json() as { initialPassword: string; totpUri: string };
      const t = ((await signIn(rig, 'cr-it', initialPassword, totpSecretOf(totpUri))).json() as { token: string }).token;
      assert.equal((await create(t, { username: 'cr-new', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '35' } })).statusCode, 201);
      assert.equal((await create(t, { username: 'pop-new', agency: 'population', role: 'population-officer', area: { provinceCode: '35' } })).statusCode, 403);
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers/root/disable', headers: bearer(t) })).statusCode, 404);
      const { items } = (await rig.app.inject({ method: 'GET', url: '/api/v1/officers?limit=200', headers: bearer(t) })).json() as { items: { agency: string }[] };
      assert.ok(items.length > 0 && items.every((i) => i.agency === 'civil-registry'));
    });

    test('an IT operator of a province manages only that province’s accounts and makes no national one; a national operator makes both', async () => {
      const nat = await create(opToken, { username: 'vss-it-national', agency: 'social-security', role: 'it-operator', area: { provinceCode: null } });
      assert.equal(nat.statusCode, 201, nat.body);
      assert.deepEqual((nat.json() as { area: unknown }).area, { provinceCode: null, districtCode: null, communeCode: null });
      const natSigned = await signIn(rig, 'vss-it-national', (nat.json() as { initialPassword: string }).initialPassword, totpSecretOf((nat.json() as { totpUri: string }).totpUri));
      assert.equal((await rig.tokens.verify((natSigned.json() as { token: string }).token) as { provinceCode: unknown }).provinceCode, null);

      const r = await create(opToken, { username: 'hub-it-hanam', agency: 'hub', role: 'it-operator', area: { provinceCode: '35' } });
      const { initialPassword, totpUri } = r.json() as { initialPassword: string; totpUri: string };
      const t = ((await signIn(rig, 'hub-it-hanam', initialPassword, totpSecretOf(totpUri))).json() as { token: string }).token;
      assert.equal((await create(t, { username: 'pop-hanam', agency: 'population', role: 'population-officer', area: { provinceCode: '35' } })).statusCode, 201);
      for (const area of [{ provinceCode: '01' }, { provinceCode: null }]) {
        const res = await create(t, { username: 'too-far', agency: 'population', role: 'population-officer', area });
        assert.equal(res.statusCode, 403, res.body);
        assert.deepEqual((res.json() as { fields: { path: string; code: string }[] }).fields.map((f) => [f.path, f.code]), [['area.provinceCode', 'other-province']]);
      }
      assert.equal((await rig.db.query("SELECT 1 FROM identity.officers WHERE username = 'too-far'")).length, 0);
      await create(opToken, { username: 'pop-hanoi', agency: 'population', role: 'population-officer', area: { provinceCode: '01' } });
      // Another province's account, and a national one, are as if they did not exist for this operator.
      for (const u of ['pop-hanoi', 'vss-it-national', 'root']) {
        assert.equal((await rig.app.inject({ method: 'POST', url: `/api/v1/officers/${u}/unlock`, headers: bearer(t) })).statusCode, 404, u);
        assert.equal((await rig.app.inject({ method: 'POST', url: `/api/v1/officers/${u}/disable`, headers: bearer(t) })).statusCode, 404, u);
      }
      const { items, total } = (await rig.app.inject({ method: 'GET', url: '/api/v1/officers?limit=200', headers: bearer(t) })).json() as { items: { area: { provinceCode: string | null } }[]; total: number };
      assert.ok(items.length > 0 && items.every((i) => i.area.provinceCode === '35'));
      assert.equal(total, items.length);
      // A district needs its province.
      const orphan = await create(opToken, { username: 'no-province', agency: 'population', role: 'population-officer', area: { provinceCode: null, districtCode: '347' } });
      assert.equal(orphan.statusCode, 400, orphan.body);
      assert.deepEqual((orphan.json() as { fields: { path: string; code: string }[] }).fields.map((f) => [f.path, f.code]), [['area.provinceCode', 'required']]);
    });

    test('bad input gets field-level reasons in both languages and stores nothing', async () => {
      const cases: [unknown, string[]][] = [
        [{ username: 'X', agency: 'hub', role: 'it-operator', area: { provinceCode: '01' } }, ['username']],
        [{ username: 'ok-name', agency: 'moon', role: 'it-operator', area: { provinceCode: '01' } }, ['agency']],
        [{ username: 'ok-name', agency: 'population', role: 'civil-registry-officer', area: { provinceCode: '01' } }, ['role']],
        [{ username: 'ok-name', agency: 'hub', role: 'it-operator', area: { provinceCode: '03' } }, ['area.provinceCode']],
        [{ username: 'ok-name', agency: 'hub', role: 'it-operator', area: { provinceCode: '01', communeCode: '00001' } }, ['area.districtCode']],
        [{ username: 'ok-name', agency: 'hub', role: 'it-operator', area: { provinceCode: '01' }, password: 'x' }, ['password']],
        [{ username: 'root', agency: 'hub', role: 'it-operator', area: { provinceCode: '01' } }, ['username']],
      ];
      for (const [body, paths] of cases) {
        const res = await create(opToken, body);
        assert.ok(res.statusCode === 400 || res.statusCode === 409, `${res.statusCode} ${res.body}`);
        const b = res.json() as { fields: { path: string; reason: string; reasonVi: string }[] };
        assert.deepEqual(b.fields.map((f) => f.path), paths, JSON.stringify(body));
        assert.ok(b.fields.every((f) => f.reason && f.reasonVi));
      }
      assert.equal((await rig.db.query("SELECT 1 FROM identity.officers WHERE username = 'ok-name'")).length, 0);
      for (const payload of [{}, { username: 'root', password: 'x' }, { username: 'root', password: 'x', totp: '12345' }, { username: "root'; --", password: 'x', totp: '123456' }]) {
        const res = await rig.app.inject({ method: 'POST', url: '/api/v1/auth/officer/sign-in', payload });
        assert.equal(res.statusCode, 400, res.body);
      }
      const nonJson = await rig.app.inject({ method: 'POST', url: '/api/v1/officers', headers: { ...bearer(opToken), 'content-type': 'application/json' }, payload: '{"username":' });
      assert.equal(nonJson.statusCode, 400);
    });

    test('an operator cannot disable themselves; an unknown account is 404; disabling twice changes nothing', async () => {
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers/root/disable', headers: bearer(opToken) })).statusCode, 409);
      assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers/no-such-one/disable', headers: bearer(opToken) })).statusCode, 404);
      await newOfficer('twice');
      const before = (await auditActions(rig.db)).filter((e) => e.action === 'officer.disabled').length;
      for (let i = 0; i < 2; i++) assert.equal((await rig.app.inject({ method: 'POST', url: '/api/v1/officers/twice/disable', headers: bearer(opToken) })).statusCode, 200);
      assert.equal((await auditActions(rig.db)).filter((e) => e.action === 'officer.disabled').length, before + 1);
    });

    test('the audit trail is intact after all of it', async () => {
      assert.equal((await rig.audit.verify()).ok, true);
    });
  });
}

for (const engine of (await engines()).slice(0, 1)) {
  describe(`hostile input to the identity routes never yields a 5xx (${engine})`, () => {
    let rig: IdentityRig;
    before(async () => {
      rig = await startIdentity(engine);
    });
    after(async () => rig.close());

    const HOSTILE: unknown[] = [
      null, 0, -1, 1e308, 'x'.repeat(5000), "' OR 1=1; --", '<script>alert(1)</script>', '\u0000', '\ud800', [], {}, { $ne: null }, true,
    ];
    test('every field of every body, each hostile value: a 4xx with the error shape, and no row written', async () => {
      const op = await operatorToken(rig);
      const bodies: [string, string, Record<string, unknown>][] = [
        ['/api/v1/auth/officer/sign-in', '', { username: 'root', password: 'x', totp: '123456' }],
        ['/api/v1/auth/token', '', { grant_type: 'client_credentials', client_id: 'a', client_secret: 'b', scope: 'dossiers:read' }],
        ['/api/v1/officers', op, { username: 'fuzz', agency: 'hub', role: 'it-operator', area: { provinceCode: '01' } }],
        ['/api/v1/clients', op, { clientId: 'fuzz', name: 'x', agency: 'population', scopes: ['registers:read'] }],
      ];
      for (const [url, token, valid] of bodies)
        for (const field of Object.keys(valid))
          for (const value of HOSTILE) {
            const res = await rig.app.inject({ method: 'POST', url, headers: token ? { authorization: `Bearer ${token}` } : {}, payload: { ...valid, [field]: value } });
            // A client's name is free text: a printable string that looks hostile is still a name, stored as given.
            const freeText = url === '/api/v1/clients' && field === 'name' && typeof value === 'string' && /^[^\x00-\x1f]{1,200}$/.test(value);
            if (freeText && res.statusCode === 201) {
              assert.equal((res.json() as { name: string }).name, value);
              await rig.db.query("DELETE FROM identity.clients WHERE client_id = 'fuzz'");
              continue;
            }
            assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} ${field}=${JSON.stringify(value)} → ${res.statusCode} ${res.body}`);
            assert.ok((res.json() as { code?: string }).code, res.body);
          }
      for (const url of ['/api/v1/auth/officer/sign-in', '/api/v1/auth/token', '/api/v1/officers/%00/disable', '/api/v1/officers/x/disable']) {
        for (const [type, payload] of [['application/json', '[1,2'], ['text/plain', 'hi'], ['application/x-www-form-urlencoded', '%%%'], ['application/json', '']] as const) {
          const res = await rig.app.inject({ method: 'POST', url, headers: { 'content-type': type, authorization: `Bearer ${op}` }, payload });
          assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} ${type} → ${res.statusCode} ${res.body}`);
        }
      }
      assert.equal((await rig.db.query("SELECT 1 FROM identity.officers WHERE username = 'fuzz'")).length, 0);
      assert.equal((await rig.db.query("SELECT 1 FROM identity.clients WHERE client_id = 'fuzz'")).length, 0);
    });
  });
}
