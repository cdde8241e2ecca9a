import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HubRuntime } from '../../src/hub/runtime.ts';
import { SmtpNotifier } from '../../src/hub/notifications/notifier.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort, startSmtp } from '../notifications/smtp.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const DAY = 86_400_000;
const o = (username: string, agency: string, role: string, provinceCode: string | null) => ({ kind: 'officer', username, agency, role, provinceCode }) as Principal;
const HUB_OPERATOR = o('it-hub', 'hub', 'it-operator', null);
const HUB_OPERATOR_HANAM = o('it-hub-hanam', 'hub', 'it-operator', '35');
const VSS_OPERATOR = o('it-vss', 'social-security', 'it-operator', null);
const CR_HANOI = o('cr-hanoi', 'civil-registry', 'civil-registry-officer', '01');
const CR_HANAM = o('cr-hanam', 'civil-registry', 'civil-registry-officer', '35');
const VSS_HANOI = o('thu-hanoi', 'social-security', 'vss-collector', '01');
const VSS_HANAM = o('thu-hanam', 'social-security', 'vss-collector', '35');
const ONE_STOP = o('mc-hanoi', 'hub', 'one-stop-shop-officer', '01');
const MAILBOXES = '/api/v1/settings/agency-mailboxes';
const OVERDUE = '/api/v1/dashboard/overdue';

/**
 * Overdue items for officers (docs/back-office.md): each agency's procedures past their last day, on the hub's list
 * filtered to the officer's agency and province, and one e-mail to the agency office's mailbox per item however many
 * sweeps run — or none, recorded `no-address`, where the office has no mailbox.
 */
for (const engine of await engines()) {
  describe(`overdue items: the agency's list and one e-mail per item to its mailbox (${engine})`, () => {
    let t: TestPlatform;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let shift = 0;
    const tokens = new Map<string, string>();
    const dossiers: Record<string, string> = {};
    before(async () => {
      const port = await freePort();
      smtp = await startSmtp(port);
      const running = runningClockFrom(new Date(START));
      t = await startTestPlatform(engine, START, {
        clock: { now: () => new Date(running.now().getTime() + shift) },
        notifications: { email: new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'no-reply@dvc.example.vn'), sms: { send: async () => undefined }, publicUrl: 'https://dvc.example.vn', intervalMs: 20, retryBaseMs: 50 },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const call = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return t.p.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(key)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    };
    const submit = async (pin: string, declaration: Json) => {
      const r = await call({ kind: 'citizen', pin }, 'POST', '/api/v1/dossiers', { group: 'birth', declaration });
      assert.equal(r.statusCode, 202, r.body);
      return r.json().id as string;
    };
    const procedureOf = (pin: string, id: string, code: string) =>
      call({ kind: 'citizen', pin }, 'GET', `/api/v1/dossiers/${id}`).then((r) => (r.json() as Json).procedures.find((p: Json) => p.code === code) as Json);
    const sweep = () => (t.p.parts.find((p) => p.name === 'hub') as HubRuntime).sweepNow();
    const notices = () => t.p.db.query<{ dossier_id: string; procedure: string; agency: string; province_code: string | null; status: string }>('SELECT dossier_id, procedure, agency, province_code, status FROM hub.officer_notifications ORDER BY id');
    const overdue = async (who: Principal, query = '') => {
      const r = await call(who, 'GET', `${OVERDUE}${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return (r.json().items as Json[]).map((i) => `${i.dossierId}/${i.procedure}`);
    };

    test('the hub’s IT operator sets the offices’ mailboxes, audited; a province-bound operator only its own', async () => {
      const set = (who: Principal, path: string, email: string | null, reason = 'Công văn của Sở Tư pháp') => call(who, 'PUT', `${MAILBOXES}/${path}`, { email, reason });
      const ok = await set(HUB_OPERATOR, 'civil-registry/01', 'hotich.hanoi@example.vn');
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().email, ok.json().updatedBy], ['hotich.hanoi@example.vn', 'officer:it-hub']);
      assert.equal((await set(HUB_OPERATOR, 'social-security/00', 'bhxh@example.vn', 'the national mailbox of VSS')).statusCode, 200);
      assert.equal((await set(HUB_OPERATOR_HANAM, 'civil-registry/01', 'x@example.vn')).statusCode, 404, 'another province');
      assert.equal((await set(HUB_OPERATOR_HANAM, 'civil-registry/00', 'x@example.vn')).statusCode, 404, 'the national mailbox is the national operator’s');
      assert.equal((await set(VSS_OPERATOR, 'social-security/35', 'x@example.vn')).statusCode, 403, 'an agency’s operator');
      const bad = await set(HUB_OPERATOR, 'civil-registry/35', 'not an address');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.json().fields.some((f: Json) => f.path.includes('email') && f.reasonVi), bad.body);
      assert.equal((await set(HUB_OPERATOR, 'the-bank/35', 'x@example.vn')).statusCode, 400, 'no such agency');
      assert.equal((await set(HUB_OPERATOR, 'civil-registry/35', 'x@example.vn', 'no')).statusCode, 400, 'a reason is required');
      const all = (await call(HUB_OPERATOR, 'GET', MAILBOXES)).json();
      assert.deepEqual(all.items.map((m: Json) => [m.agency, m.provinceCode, m.email]), [['civil-registry', '01', 'hotich.hanoi@example.vn'], ['social-security', '00', 'bhxh@example.vn']]);
      assert.deepEqual(all.changes.map((c: Json) => [c.agency, c.before, c.after]), [['civil-registry', null, 'hotich.hanoi@example.vn'], ['social-security', null, 'bhxh@example.vn']]);
      assert.deepEqual((await call(HUB_OPERATOR_HANAM, 'GET', MAILBOXES)).json().items, [], 'Hà Nam’s operator sees Hà Nam’s only');
      const audited = await t.p.db.query<{ resource: string; actor_id: string }>(`SELECT resource, actor_id FROM audit.entries WHERE action = 'config.changed' ORDER BY seq`);
      assert.deepEqual(audited.map((a) => [a.resource, a.actor_id]), [['hub/settings/agency-mailboxes/civil-registry/01', 'it-hub'], ['hub/settings/agency-mailboxes/social-security/00', 'it-hub']]);
    });

    test('births wait on officers past their last day: each agency’s list in its province; one e-mail per item, however many sweeps', async () => {
      assert.equal((await call(VSS_OPERATOR, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval: 'director', reason: 'test: the director approves' })).statusCode, 200);
      // A 13-year-old mother in Hà Nội and a registration 84 days late in Hà Nam: both wait on the civil registry
      // (Law on Civil Status 2014 art. 15–16), whose time limit is the day of receipt, Fri 24 Jan 2025.
      const young = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' } });
      delete (young as { father?: unknown }).father;
      dossiers.hanoi = await submit(PEOPLE.youngMother, young);
      dossiers.late = await submit(PEOPLE.mother, birthDeclaration({ child: { fullName: 'Lê Minh Muộn', sex: 'female', dateOfBirth: '2024-11-01', placeOfBirth: 'Hà Nam' } }));
      // A birth in Hà Nam registered at once; its HI card waits on the director (2 working days: Tết 2025 in between).
      dossiers.card = await submit(PEOPLE.mother, birthDeclaration({ child: { fullName: 'Lê Minh Thẻ', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }));
      await eventually(async () => ((await procedureOf(PEOPLE.youngMother, dossiers.hanoi!, 'birth-registration')).inReview ? true : undefined), 'the Hà Nội review');
      await eventually(async () => ((await procedureOf(PEOPLE.mother, dossiers.late!, 'birth-registration')).inReview ? true : undefined), 'the Hà Nam review');
      const card = await eventually(async () => ((p) => (p.inReview ? p : undefined))(await procedureOf(PEOPLE.mother, dossiers.card!, 'hi-card')), 'the HI card in review');
      assert.equal(card.deadline, '2025-02-04');

      await sweep();
      assert.deepEqual(await overdue(CR_HANOI), [], 'nothing is overdue on its last day');
      shift = 4 * DAY; // Tue 28 Jan 2025 (in the Tết break)
      await sweep();
      await sweep();
      assert.deepEqual(await overdue(CR_HANOI), [`${dossiers.hanoi}/birth-registration`], 'the Hà Nội officer: the Hà Nội birth');
      assert.deepEqual(await overdue(CR_HANAM), [`${dossiers.late}/birth-registration`], 'the Hà Nam officer: the Hà Nam birth');
      assert.deepEqual(await overdue(VSS_HANOI), [], 'social security has nothing overdue yet');
      assert.deepEqual(await overdue(ONE_STOP), [`${dossiers.hanoi}/birth-registration`], 'the hub’s officer: every agency’s, in the province');
      assert.deepEqual(await overdue(ONE_STOP, '?agency=social-security'), []);
      const item = ((await call(CR_HANOI, 'GET', OVERDUE)).json().items as Json[])[0]!;
      assert.deepEqual([item.lastDay, item.workingDaysLate, item.heldBy, item.provinceCode], ['2025-01-24', 0, { agency: 'civil-registry', inReview: true }, '01'], 'Tết: no working day has passed since');
      assert.ok(item.overdueSince);
      assert.ok(!JSON.stringify(item).includes(PEOPLE.youngMother), 'no PIN');
      // Scoping: another agency, another province, the IT operator.
      const other = await call(CR_HANOI, 'GET', `${OVERDUE}?agency=social-security`);
      assert.deepEqual([other.statusCode, other.json().fields[0].code], [403, 'other-agency']);
      const elsewhere = await call(CR_HANOI, 'GET', `${OVERDUE}?provinceCode=35`);
      assert.deepEqual([elsewhere.statusCode, elsewhere.json().fields[0].code], [403, 'outside-area']);
      assert.equal((await call(HUB_OPERATOR, 'GET', OVERDUE)).statusCode, 403, 'the IT operator reads no one’s files');
      assert.equal((await call(CR_HANOI, 'GET', `${OVERDUE}?procedure=nonsense`)).json().fields[0].code, 'unknown-procedure');

      // One notice per item: Hà Nội's office is told; Hà Nam's civil registry has no mailbox (no-address).
      const told = await eventually(async () => {
        const n = await notices();
        return n.length === 2 && n.every((x) => x.status !== 'pending') ? n : undefined;
      }, 'both notices handled');
      assert.deepEqual(told.map((n) => [n.dossier_id, n.agency, n.province_code, n.status]), [
        [dossiers.hanoi, 'civil-registry', '01', 'sent'],
        [dossiers.late, 'civil-registry', '35', 'no-address'],
      ]);
      const mails = smtp.mails.filter((m) => m.text.includes(dossiers.hanoi!));
      assert.equal(mails.length, 1);
      assert.deepEqual(mails[0]!.to, ['hotich.hanoi@example.vn']);
      assert.match(mails[0]!.subject, /^Quá hạn \/ Overdue: Đăng ký khai sinh/);
      assert.ok(mails[0]!.text.includes('hết ngày 24/01/2025') && mails[0]!.text.includes('the last day for the civil registry was 2025-01-24'), mails[0]!.text);
      for (const secret of [PEOPLE.youngMother, 'Ngô Gia Huy']) assert.ok(!mails[0]!.text.includes(secret), 'no personal data in the e-mail');
    });

    test('later the HI card is overdue too: social security’s list and its national mailbox; the worklist item says overdue', async () => {
      shift = 12 * DAY; // Wed 5 Feb 2025: the HI card's last day (Tue 4 Feb) has passed
      await sweep();
      await sweep();
      assert.deepEqual(await overdue(VSS_HANAM), [`${dossiers.card}/hi-card`]);
      assert.deepEqual(await overdue(VSS_HANOI), []);
      const mail = await eventually(async () => smtp.mails.find((m) => m.text.includes(dossiers.card!)), 'the notice to social security');
      assert.deepEqual(mail.to, ['bhxh@example.vn'], 'Hà Nam has no mailbox of its own: the national one');
      const items = (await call(VSS_HANAM, 'GET', '/api/v1/agencies/social-security/worklist?status=open')).json().items as Json[];
      assert.equal(items.find((i) => i.dossierId === dossiers.card)!.overdue, true);
      // Still one notice per item, and one e-mail each.
      await sweep();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await notices()).length, 3);
      for (const id of [dossiers.hanoi!, dossiers.card!]) assert.equal(smtp.mails.filter((m) => m.text.includes(id)).length, 1, id);
      const history = await t.p.db.query('SELECT 1 FROM hub.history WHERE status = $1', ['overdue']);
      assert.equal(history.length, 3);
    });
  });
}
