import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines } from '../support/databases.ts';
import { birthDeclaration, DEATH, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Item = { by: { kind: string; id: string; agency: string | null }; action: string; purpose: string; resource: string };

for (const engine of await engines()) {
  describe(`who looked at my data: GET /api/v1/me/data-access (${engine})`, () => {
    let t: TestPlatform;
    let birthId: string;
    let childPin: string;
    before(async () => {
      t = await startTestPlatform(engine);
      const officer = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' } as const;
      await t.p.db.transaction(async (tx) => {
        await t.p.audit.record(tx, { actor: officer, action: 'review.read', purpose: 'birth registration: late declaration review', subjectPin: PEOPLE.mother, resource: 'review/1' });
        await t.p.audit.record(tx, { actor: { kind: 'citizen', pin: PEOPLE.mother }, action: 'dossier.read', purpose: 'own dossier', subjectPin: PEOPLE.mother });
        await t.p.audit.record(tx, { actor: officer, action: 'review.read', purpose: 'another review', subjectPin: PEOPLE.stranger });
      });
    });
    after(async () => t.close());

    const view = async (principal: Parameters<TestPlatform['token']>[0]) =>
      t.p.app.inject({ method: 'GET', url: '/api/v1/me/data-access', headers: { authorization: `Bearer ${await t.token(principal)}` } });

    test('a citizen sees who accessed their data, when and why — not their own reads, not others’ data', async () => {
      const res = await view({ kind: 'citizen', pin: PEOPLE.mother });
      assert.equal(res.statusCode, 200);
      const { items } = res.json() as { items: { by: { kind: string; id: string; agency: string }; action: string; purpose: string; resource: string }[] };
      assert.deepEqual(
        items.map((i) => [i.by.kind, i.by.id, i.by.agency, i.action, i.purpose, i.resource]),
        [['officer', 'cr-hanam', 'civil-registry', 'review.read', 'birth registration: late declaration review', 'review/1']],
      );
    });

    test('an officer has no such view; without a token, 401', async () => {
      assert.equal((await view({ kind: 'officer', username: 'x', agency: 'population', role: 'population-officer', provinceCode: null })).statusCode, 403);
      assert.equal((await t.p.app.inject({ method: 'GET', url: '/api/v1/me/data-access' })).statusCode, 401);
    });

    test('an officer reading a dossier is recorded, and the citizens named in it see that read', async () => {
      const mother = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
      const sub = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${mother}` }, payload: { group: 'birth', declaration: birthDeclaration({ child: { fullName: 'Lê Minh Đọc', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }) } });
      const { id } = sub.json() as { id: string };
      const oneStop = await t.token({ kind: 'officer', username: 'os-hanam', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '35' });
      // A province-bound officer sees the dossier once the population register has placed it in the province
      // (asynchronously, after the 202); a refused read is not recorded, so the retries leave one read in the trail.
      await eventually(async () => ((await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${oneStop}` } })).statusCode === 200 ? true : undefined), 'the officer reads the dossier');
      await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${mother}` } });
      const { items } = (await view({ kind: 'citizen', pin: PEOPLE.father })).json() as { items: { by: { id: string }; action: string; purpose: string; resource: string }[] };
      assert.deepEqual(
        items.filter((i) => i.action === 'dossier.read').map((i) => [i.by.id, i.action, i.purpose, i.resource]),
        [['os-hanam', 'dossier.read', 'birth dossier, read as one-stop-shop-officer of hub', `dossier/${id}`]],
        'the father is named in the dossier; the mother reading her own is not listed',
      );
      birthId = id;
    });

    test('each agency the hub sends a person’s data to is in that person’s view: who received it, for which procedure, under which law', async () => {
      const mother = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
      const d = await eventually(async () => {
        const r = (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}`, headers: { authorization: `Bearer ${mother}` } })).json() as Json;
        return r.status === 'completed' ? r : undefined;
      }, 'the birth completed');
      childPin = (d.procedures as Json[]).find((p) => p.code === 'birth-registration')!.result.pin;
      const disclosed = async (pin: string) =>
        ((await view({ kind: 'citizen', pin })).json().items as Item[])
          .filter((i) => i.action === 'data.disclosed' && i.resource === `dossier/${birthId}`)
          .map((i) => [i.by.kind, i.by.id, i.by.agency, i.purpose])
          .sort();
      const expected = [
        ['part', 'civil-registry', 'civil-registry', 'Birth registration (birth dossier; Law on Civil Status 2014 art. 16)'],
        ['part', 'population', 'population', 'verification of the people named in a birth declaration against the national population database (Decree 104/2022/ND-CP)'],
      ];
      for (const pin of [PEOPLE.mother, PEOPLE.father]) {
        const seen = await disclosed(pin);
        for (const e of expected) assert.ok(seen.some((x) => JSON.stringify(x) === JSON.stringify(e)), `${pin}: ${JSON.stringify(e)} in ${JSON.stringify(seen)}`);
        // Every procedure of the group reached its agency with the parents named: one entry per message, not per field.
        assert.deepEqual(new Set(seen.map((x) => x[1])), new Set(['population', 'civil-registry', 'social-security']), pin);
      }
      // The child had no PIN when the civil registry received the birth; it is named in what went out after.
      const child = await disclosed(childPin);
      assert.ok(child.length > 0 && !child.some((x) => x[1] === 'civil-registry'), JSON.stringify(child));
      assert.deepEqual(await disclosed(PEOPLE.stranger), [], 'no one else');
    });

    test('a report that lists people: each person listed sees it, by whom and why; the download itself names no one', async () => {
      const collector = { kind: 'officer', username: 'thu-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' } as const;
      const res = await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/social-security/reports/D103-TS.xlsx?period=2025-01', headers: { authorization: `Bearer ${await t.token(collector)}` } });
      assert.equal(res.statusCode, 200, res.body);
      const listed = ((await view({ kind: 'citizen', pin: childPin })).json().items as Item[]).filter((i) => i.action === 'report.listed');
      assert.deepEqual(
        listed.map((i) => [i.by.id, i.by.agency, i.resource, i.purpose]),
        [['thu-hanam', 'social-security', 'report/D103-TS/35/2025-01', 'D103-TS: Kept by the VSS office; updated as cards are issued (Decision 505/QD-BHXH (form D103-TS); Decision 3509/QD-BHXH step 4)']],
      );
      const rows = await t.p.db.query<{ action: string; subject: string | null }>(`SELECT action, subject FROM audit.entries WHERE resource = 'report/D103-TS/35/2025-01' ORDER BY seq`);
      assert.deepEqual(rows.map((r) => [r.action, r.subject === null]), [['report.drawn', true], ['report.listed', false]], 'one summary, one entry per person listed');
      assert.equal(((await view({ kind: 'citizen', pin: PEOPLE.father })).json().items as Item[]).filter((i) => i.action === 'report.listed').length, 0, 'the father is on no row');
    });

    test('the payments exceptions list: each participant whose payment is listed sees the read, with its purpose', async () => {
      const participant = { kind: 'citizen', pin: VOLUNTARY.newcomer } as const;
      const token = await t.token(participant);
      const sub = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}` }, payload: { group: 'voluntary-si', declaration: voluntarySiDeclaration() } });
      assert.equal(sub.statusCode, 202, sub.body);
      const reference = await eventually(
        async () => ((await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${sub.json().id}`, headers: { authorization: `Bearer ${token}` } })).json() as Json).procedures[0].result?.payment?.reference as string | undefined,
        'the payment reference',
      );
      const collector = await t.token({ kind: 'officer', username: 'thu-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' });
      const cash = await t.p.app.inject({ method: 'POST', url: '/api/v1/agencies/social-security/cash-receipts', headers: { authorization: `Bearer ${collector}` }, payload: { reference, amount: 100_000, receiptNumber: 'DA-1' } });
      assert.equal(cash.statusCode, 200, cash.body);
      const finance = await t.token({ kind: 'officer', username: 'khtc-hanam', agency: 'social-security', role: 'planning-finance-officer', provinceCode: '35' });
      const list = await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/social-security/payments/exceptions', headers: { authorization: `Bearer ${finance}` } });
      assert.equal(list.statusCode, 200, list.body);
      const payment = (list.json().items as Json[]).find((x) => x.reference === reference)!;
      assert.equal(payment.kind, 'partial');
      assert.ok(!('subject_pin' in payment) && !('subjectPin' in payment), 'the PIN used for the audit is not shown');
      const seen = ((await view(participant)).json().items as Item[]).filter((i) => i.action === 'payments.exceptions.read');
      assert.deepEqual(
        seen.map((i) => [i.by.id, i.by.agency, i.resource, i.purpose]),
        [['khtc-hanam', 'social-security', `payment/${payment.id}`, 'voluntary SI collection: payments not credited (Decision 49/QD-BHXH 2023) (exceptions list)']],
      );
    });

    test('a health facility reading its death notice back is in the deceased’s view; another facility’s attempt is refused and not recorded', async () => {
      const facility = { kind: 'system', client: 'bv-hanam', agency: 'health', scopes: ['death-notices:submit'] } as const;
      const token = await t.token(facility);
      const sent = await t.p.app.inject({
        method: 'POST',
        url: '/api/v1/agencies/health/death-notices',
        headers: { authorization: `Bearer ${token}` },
        payload: { facilityCode: '35001', noticeNumber: 'BT-DA-1', deceasedPin: DEATH.pensioner, dateOfDeath: '2025-01-15', timeOfDeath: '14:30', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', causeCategory: 'illness' },
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const { id } = sent.json() as { id: string };
      const other = await t.token({ kind: 'system', client: 'bv-other', agency: 'health', scopes: ['death-notices:submit'] });
      assert.equal((await t.p.app.inject({ method: 'GET', url: `/api/v1/agencies/health/death-notices/${id}`, headers: { authorization: `Bearer ${other}` } })).statusCode, 404);
      assert.equal((await t.p.app.inject({ method: 'GET', url: `/api/v1/agencies/health/death-notices/${id}`, headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
      const seen = ((await view({ kind: 'citizen', pin: DEATH.pensioner })).json().items as Item[]).filter((i) => i.resource === `death-notice/${id}`);
      assert.deepEqual(
        seen.map((i) => [i.by.kind, i.by.id, i.by.agency, i.action, i.purpose]),
        [['system', 'bv-hanam', 'health', 'death-notice.read', 'death notice read back by the health facility that issued it (Decree 123/2015/ND-CP art. 4.2)']],
      );
    });

    test('the trail behind the view is intact, batch appends included', async () => {
      const v = await t.p.audit.verify();
      assert.equal(v.ok, true, v.problem);
      const [n] = await t.p.db.query<{ n: string | number }>(`SELECT count(*) AS n FROM audit.entries WHERE action IN ('data.disclosed', 'report.listed')`);
      assert.ok(Number(n!.n) > 5, 'the chain checked covers them');
    });
  });
}
