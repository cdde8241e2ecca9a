import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Platform } from '../../src/app/build-platform.ts';
import type { SocialSecurityRuntime } from '../../src/agencies/social-security/payments/runtime.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const DAY = 86_400_000;
const PROCEDURE = 'voluntary-si-registration';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Officer = Extract<Principal, { kind: 'officer' }>;
const collector: Officer = { kind: 'officer', username: 'vc-35', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };

/**
 * The supplement path for voluntary SI (issue 5 item 6): social security holds no list of island communes, so an
 * island-commune support claim (Decree 159/2025/ND-CP) is proven by the commune's confirmation of residence, asked of
 * the participant through the hub's supplement path; answered, the registration resumes with the support applied;
 * unanswered for 7 working days (Decree 63/2024/ND-CP), it is refused. Everything through the HTTP API.
 */
for (const engine of await engines()) {
  describe(`voluntary SI: an island-commune claim proven by a supplement, end to end over HTTP (${engine})`, () => {
    // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `t.shift` moves it on to cross a deadline.
    let t: TestPlatform;
    let p: Platform;
    const tokens = new Map<string, string>();
    before(async () => {
      t = await startTestPlatform(engine);
      p = t.p;
    });
    after(() => t.close());

    const token = async (who: Principal) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return tokens.get(key)!;
    };
    const citizen = (pin: string): Principal => ({ kind: 'citizen', pin });
    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      p.app.inject({ method, url, headers: { authorization: `Bearer ${await token(who)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    const get = async (id: string, pin: string): Promise<Json> => (await call(citizen(pin), 'GET', `/api/v1/dossiers/${id}`)).json();
    const settled = (id: string, pin: string, ok: (d: Json) => boolean) =>
      eventually(async () => {
        const d = await get(id, pin);
        return ok(d) ? d : undefined;
      }, `dossier ${id}`);
    const register = async (pin: string, over: Record<string, unknown>) => {
      const res = await call(citizen(pin), 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: voluntarySiDeclaration({ participant: { pin, phone: '0912345678', email: 'dao@example.vn' }, ...over }) });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().id as string;
    };
    const answer = (id: string, pin: string, answers: Json) => call(citizen(pin), 'POST', `/api/v1/dossiers/${id}/supplements`, { procedure: PROCEDURE, answers });
    const asked = (d: Json) => d.procedures[0].reasons.map((r: Json) => [r.path, r.code]);
    const count = async (sql: string, args: unknown[]) => Number((await p.db.query<{ n: string }>(sql, args))[0]!.n);

    test('an island-commune claim → awaiting supplement → a wrong answer asked again → the confirmation → registered with 50% support (Decree 159/2025) → paid → completed', async () => {
      const pin = VOLUNTARY.newcomer;
      // From July 2025 (Decree 159/2025/ND-CP) an island commune's support is 50%, not the 10% of others.
      const id = await register(pin, { supportGroup: 'island-commune', startMonth: '2025-07' });
      const waiting = await settled(id, pin, (d) => d.status === 'awaiting-supplement');
      const proc = waiting.procedures[0];
      assert.deepEqual([proc.code, proc.status, proc.deadline], [PROCEDURE, 'awaiting-supplement', '2025-02-11'], '7 working days, counted past Tết (Decree 63/2024)');
      assert.deepEqual(asked(waiting), [['declaration.supportGroup', 'island-commune-proof-required']]);
      assert.ok(proc.reasons[0].reasonVi.includes('xã đảo'), proc.reasons[0].reasonVi);
      assert.equal(proc.result, null, 'nothing decided while the claim is unproven');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.insured WHERE pin = $1', [pin]), 0, 'no SI code issued before the proof');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.voluntary_registrations WHERE pin = $1', [pin]), 0);

      assert.equal((await answer(id, pin, { other: 1 })).statusCode, 400, 'the field asked for, and nothing else');
      assert.equal((await answer(id, VOLUNTARY.withCode, { 'declaration.supportGroup': {} })).statusCode, 404, 'not theirs');
      // Dated after today (Fri 24 Jan 2025): asked again, saying why, with a new deadline.
      const future = await answer(id, pin, { 'declaration.supportGroup': { confirmationNumber: '12/XN-UBND', issuedOn: '2025-02-03', commune: 'Đặc khu Lý Sơn' } });
      assert.equal(future.statusCode, 202, future.body);
      const again = await settled(id, pin, (d) => d.status === 'awaiting-supplement' && d.procedures[0].reasons[0].code === 'invalid-proof');
      assert.deepEqual(asked(again), [['declaration.supportGroup', 'invalid-proof']]);
      assert.match(again.procedures[0].reasons[0].reason, /issuedOn: the confirmation is dated 2025-02-03, after today \(2025-01-24\)/);
      // Not a record of the shape asked for: asked again too.
      assert.equal((await answer(id, pin, { 'declaration.supportGroup': 'Tôi sống ở đảo' })).statusCode, 202);
      await settled(id, pin, (d) => d.status === 'awaiting-supplement' && /answer: /.test(d.procedures[0].reasons[0].reason));

      // The portal's dossier page asks for it as a record, one input per part; a part left empty is not sent.
      const session = await p.identity.sessions.start(pin, { issuer: 'test' });
      const cookie = `__Host-lienthong-session=${session.id}`;
      const page = await p.app.inject({ method: 'GET', url: `/portal/dossiers/${id}`, headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<fieldset class="field record" data-answer="declaration.supportGroup"><legend>Giấy xác nhận cư trú tại xã đảo, đặc khu<\/legend>/);
      const part = (name: string) => `answer.declaration.supportGroup.${name}`;
      for (const name of ['confirmationNumber', 'issuedOn', 'commune']) assert.ok(page.body.includes(`name="${part(name)}"`), name);
      const form = { _csrf: session.csrfToken, _procedure: PROCEDURE, [part('confirmationNumber')]: '12/XN-UBND', [part('issuedOn')]: '2025-01-20', [part('commune')]: '' };
      const wrong = await p.app.inject({ method: 'POST', url: `/portal/dossiers/${id}/supplements`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
      assert.equal(wrong.statusCode, 400, wrong.body);
      assert.match(wrong.body, /data-error-for="answer\.declaration\.supportGroup\.commune" aria-live="polite">Hãy điền mục này\.</);
      assert.equal((await get(id, pin)).status, 'awaiting-supplement', 'nothing sent');

      const proof = { confirmationNumber: '12/XN-UBND', issuedOn: '2025-01-20', commune: 'Đặc khu Lý Sơn' };
      const ok = await answer(id, pin, { 'declaration.supportGroup': proof });
      assert.equal(ok.statusCode, 202, ok.body);
      assert.equal((await answer(id, pin, { 'declaration.supportGroup': proof })).statusCode, 409, 'answered once');
      const registered = await settled(id, pin, (d) => d.status === 'awaiting-payment');
      const r = registered.procedures[0].result;
      // 22% × 1,500,000 = 330,000; support 50% × 22% × 1,500,000 (the rural poverty line) = 165,000 (Decree 159/2025).
      assert.deepEqual(
        [r.supportGroup, r.contribution.monthlyContribution, r.contribution.monthlyStateSupport, r.contribution.amountDue, r.contribution.periodFrom, r.contribution.dueBy],
        ['island-commune', 330_000, 165_000, 165_000, '2025-07', '2025-07-31'],
      );
      assert.match(r.contribution.legalBasis, /Decree 159/);
      const [reg] = await p.db.query<{ evidence: Json }>(`SELECT decision -> 'supportGroupEvidence' AS evidence FROM social_security.voluntary_registrations WHERE dossier_id = $1`, [id]);
      assert.deepEqual(reg!.evidence.islandCommuneProof, proof, 'the proof kept as the evidence of the claim');
      const [sup] = await p.db.query<{ status: string }>('SELECT status FROM social_security.voluntary_supplements WHERE dossier_id = $1', [id]);
      assert.equal(sup!.status, 'answered');

      const cash = await call(collector, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference: r.payment.reference, amount: 165_000, receiptNumber: 'BL-ISL-1' });
      assert.equal(cash.statusCode, 200, cash.body);
      const done = await settled(id, pin, (d) => d.status === 'completed');
      assert.equal(done.procedures[0].result.contribution.monthlyStateSupport, 165_000);
      assert.equal(done.procedures[0].result.voucher.amount, 165_000);
      const statuses = done.history.filter((h: Json) => h.procedure === PROCEDURE).map((h: Json) => h.status);
      assert.deepEqual(statuses.filter((s: string, i: number) => s !== statuses[i - 1]).slice(-4), ['awaiting-supplement', 'dispatched', 'awaiting-payment', 'completed']);
    });

    // Last: it moves the platform's clock past the supplement deadline.
    test('an island-commune claim left unanswered for 7 working days: refused, social security closes the request, and the participant may register again', async () => {
      const pin = VOLUNTARY.withCode;
      const id = await register(pin, { supportGroup: 'island-commune', startMonth: '2025-03' });
      await settled(id, pin, (d) => d.status === 'awaiting-supplement');
      assert.equal(await p.hub.expireOverdueSupplements(), 0, 'not before the last day has passed');
      t.shift(18 * DAY); // Tue 11 Feb 2025: the last day itself still counts
      assert.equal(await p.hub.expireOverdueSupplements(), 0, 'not on the last day');
      t.shift(19 * DAY); // Wed 12 Feb 2025: the last day, Tue 11 Feb, has passed
      assert.equal(await p.hub.expireOverdueSupplements(), 1);
      assert.equal(await p.hub.expireOverdueSupplements(), 0, 'idempotent');
      const d = await get(id, pin);
      assert.deepEqual([d.status, d.procedures[0].status], ['rejected', 'rejected']);
      assert.deepEqual(asked(d), [['declaration.supportGroup', 'supplement-not-provided']]);
      assert.ok(d.procedures[0].reasons[0].reasonVi.includes('07 ngày làm việc'));
      await eventually(async () => {
        const [s] = await p.db.query<{ status: string }>('SELECT status FROM social_security.voluntary_supplements WHERE dossier_id = $1', [id]);
        return s?.status === 'expired' ? true : undefined;
      }, 'social security to close the request');
      assert.equal(await count('SELECT count(*) AS n FROM social_security.voluntary_registrations WHERE pin = $1', [pin]), 0, 'nothing registered');
      // An answer after the refusal is refused by the hub.
      assert.equal((await answer(id, pin, { 'declaration.supportGroup': { confirmationNumber: '3/XN', issuedOn: '2025-02-10', commune: 'Xã đảo Thạnh An' } })).statusCode, 409);

      const next = await register(pin, { supportGroup: 'other', startMonth: '2025-03' });
      const fresh = await settled(next, pin, (x) => ['awaiting-payment', 'completed', 'rejected'].includes(x.status));
      assert.equal(fresh.status, 'awaiting-payment', JSON.stringify(fresh.procedures[0].reasons));
    });

    // After the expiry test: the clock only moves on.
    test('a monthly payment whose deadline passed while the proof was awaited keeps the days the participant had (our reading, due-after-proof.ts)', async () => {
      const pin = VOLUNTARY.ethnic;
      t.shift(32 * DAY); // Tue 25 Feb 2025: February's monthly payment is due by Fri 28 Feb, 3 days on
      const id = await register(pin, { supportGroup: 'island-commune', startMonth: '2025-02' });
      await settled(id, pin, (d) => d.status === 'awaiting-supplement');
      t.shift(38 * DAY); // Mon 3 Mar 2025: within the 7 working days, after 28 Feb
      const ok = await answer(id, pin, { 'declaration.supportGroup': { confirmationNumber: '7/XN-UBND', issuedOn: '2025-02-20', commune: 'Đặc khu Côn Đảo' } });
      assert.equal(ok.statusCode, 202, ok.body);
      const registered = await settled(id, pin, (d) => ['awaiting-payment', 'rejected'].includes(d.status));
      assert.equal(registered.status, 'awaiting-payment', JSON.stringify(registered.procedures[0].reasons));
      assert.equal(registered.procedures[0].result.contribution.dueBy, '2025-03-06', 'the 3 days to pay counted from the answer, not 28 Feb');
      await (p.parts.find((x) => x.name === 'social-security') as SocialSecurityRuntime).payments.sweep();
      assert.equal((await get(id, pin)).status, 'awaiting-payment', 'not refused as late');
    });
  });
}
