import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { engines } from '../support/databases.ts';
import { DEATH, deathDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const FINAL = new Set(['completed', 'partially-completed', 'rejected']);
const NOTICES = '/api/v1/agencies/health/death-notices';

type Proc = { code: string; agency: string; status: string; result: Record<string, any> | null; reasons: { path: string; code: string; reason: string; reasonVi: string }[] };

/** The notice the provincial hospital sends when the pensioner dies there (test/support/fixtures.ts). */
const notice = (over: Record<string, unknown> = {}) => ({
  facilityCode: '35001',
  noticeNumber: 'BT-2025-000117',
  deceasedPin: DEATH.pensioner,
  dateOfDeath: '2025-01-15',
  timeOfDeath: '14:30',
  placeOfDeath: 'Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh Hà Nam',
  causeCategory: 'illness',
  ...over,
});

/** A death declared without asking for money: only the registration matters here. */
const declaration = (declarant: string, deceased: string, dateOfDeath: string, deathNoticeId: string) =>
  deathDeclaration({
    declarant: { pin: declarant, relationship: 'child' },
    deceased: { pin: deceased, dateOfDeath, placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness', deathNoticeId },
    requests: { residenceDeregistration: false, funeralAllowance: false, survivorBenefit: 'none' },
    relatives: [],
    payee: undefined,
  });

for (const engine of await engines()) {
  describe(`health facility death notices corroborate a death declaration, over HTTP (${engine})`, () => {
    let t: TestPlatform;
    let operator: string;
    const facility: Record<string, string> = {};
    before(async () => {
      t = await startTestPlatform(engine);
      operator = await t.token({ kind: 'officer', username: 'it', agency: 'hub', role: 'it-operator', provinceCode: null });
    });
    after(async () => t.close());

    /** An IT operator registers the facility's system; the system gets a token by client credentials (form body). */
    const registerClient = async (clientId: string, agency: string, scopes: string[]) => {
      const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/clients', headers: { authorization: `Bearer ${operator}` }, payload: { clientId, name: `Bệnh viện ${clientId}`, agency, scopes } });
      assert.equal(res.statusCode, 201, res.body);
      const secret = (res.json() as { clientSecret: string }).clientSecret;
      const tok = await t.p.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
      });
      assert.equal(tok.statusCode, 200, tok.body);
      return (tok.json() as { access_token: string }).access_token;
    };
    const send = (token: string, body: unknown) => t.p.app.inject({ method: 'POST', url: NOTICES, headers: { authorization: `Bearer ${token}` }, payload: body as object });
    const read = (token: string, id: string) => t.p.app.inject({ method: 'GET', url: `${NOTICES}/${id}`, headers: { authorization: `Bearer ${token}` } });
    const declare = async (d: ReturnType<typeof declaration>) => {
      const citizen = await t.token({ kind: 'citizen', pin: d.declarant.pin } satisfies Principal);
      const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${citizen}` }, payload: { group: 'death', declaration: d } });
      assert.equal(res.statusCode, 202, res.body);
      const id = (res.json() as { id: string }).id;
      return eventually(async () => {
        const v = (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${citizen}` } })).json();
        return FINAL.has(v.status) ? v : undefined;
      }, `dossier ${id}`);
    };
    const registered = async (pin: string) =>
      (await t.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM civil_registry.death_registrations WHERE deceased_pin = $1 AND status = 'registered'`, [pin]))[0]!.n;

    test('a facility sends a notice; the relative cites it; the death is registered with the notice on the extract', async () => {
      facility.hanam = await registerClient('bv-hanam', 'health', ['death-notices:submit']);
      const res = await send(facility.hanam, notice());
      assert.equal(res.statusCode, 201, res.body);
      const receipt = res.json() as { id: string; facilityCode: string; noticeNumber: string };
      assert.match(receipt.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual([receipt.facilityCode, receipt.noticeNumber], ['35001', 'BT-2025-000117']);
      facility.noticeId = receipt.id;

      const back = await read(facility.hanam, receipt.id);
      assert.equal(back.statusCode, 200, back.body);
      assert.deepEqual(back.json(), { ...notice(), id: receipt.id, receivedAt: back.json().receivedAt });

      const d = await declare({ ...declaration(DEATH.pensionerWidow, DEATH.pensioner, '2025-01-15', receipt.id), declarant: { pin: DEATH.pensionerWidow, relationship: 'spouse' } });
      assert.equal(d.status, 'completed', JSON.stringify(d));
      const extract = d.procedures.find((p: Proc) => p.code === 'death-registration')!.result!;
      assert.deepEqual(extract.medicalNotice, { facility: '35001', number: 'BT-2025-000117' });
      assert.deepEqual([extract.deceasedPin, extract.dateOfDeath], [DEATH.pensioner, '2025-01-15']);
      const [row] = await t.p.db.query<{ death_notice_id: string; status: string }>('SELECT death_notice_id, status FROM civil_registry.death_registrations WHERE deceased_pin = $1', [DEATH.pensioner]);
      assert.deepEqual(row, { death_notice_id: receipt.id, status: 'registered' });
      // The cause is health data: sealed in health's own table.
      const [stored] = await t.p.db.query<{ cause_category: string }>('SELECT cause_category FROM health.death_notices WHERE id = $1', [receipt.id]);
      assert.notEqual(stored!.cause_category, 'illness');
    });

    test('the same notice twice is one notice; the same number with other content, or from another facility, is a 409', async () => {
      const again = await send(facility.hanam!, notice());
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().id, facility.noticeId);
      const [one] = await t.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM health.death_notices WHERE facility_code = '35001' AND notice_number = 'BT-2025-000117'`);
      assert.equal(one!.n, 1);

      const changed = await send(facility.hanam!, notice({ dateOfDeath: '2025-01-14' }));
      assert.equal(changed.statusCode, 409, changed.body);
      const body = changed.json() as { code: string; messageVi: string; fields: { path: string; code: string; reason: string; reasonVi: string }[] };
      assert.equal(body.code, 'CONFLICT');
      assert.deepEqual(body.fields.map((f) => [f.path, f.code]), [['noticeNumber', 'notice-number-reused']]);
      assert.match(body.fields[0]!.reason, /dateOfDeath/);
      assert.match(body.fields[0]!.reasonVi, /Giấy báo tử số BT-2025-000117/);

      facility.phuly = await registerClient('bv-phuly', 'health', ['death-notices:submit']);
      const other = await send(facility.phuly, notice());
      assert.equal(other.statusCode, 409, other.body);
      assert.deepEqual((other.json() as typeof body).fields.map((f) => f.code), ['sent-by-another-client']);
    });

    test('another facility cannot read the notice (404, as for one that does not exist)', async () => {
      const res = await read(facility.phuly!, facility.noticeId!);
      assert.equal(res.statusCode, 404);
      assert.equal((await read(facility.hanam!, '00000000-0000-4000-8000-000000000000')).statusCode, 404);
    });

    test('without the scope, or registered for another agency: 403', async () => {
      const noScope = await registerClient('bv-noscope', 'health', ['dossiers:read']);
      assert.equal((await send(noScope, notice({ noticeNumber: 'BT-X-1' }))).statusCode, 403);
      assert.equal((await read(noScope, facility.noticeId!)).statusCode, 403);
      const otherAgency = await registerClient('cr-system', 'civil-registry', ['death-notices:submit']);
      assert.equal((await send(otherAgency, notice({ noticeNumber: 'BT-X-2' }))).statusCode, 403);
      const [none] = await t.p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM health.death_notices WHERE notice_number LIKE 'BT-X-%'`);
      assert.equal(none!.n, 0);
    });

    test('a notice is checked at the edge: strict schema, a death not in the future', async () => {
      const extra = await send(facility.hanam!, { ...notice({ noticeNumber: 'BT-2025-000200' }), diagnosis: 'I21' });
      assert.equal(extra.statusCode, 400, extra.body);
      const future = await send(facility.hanam!, notice({ noticeNumber: 'BT-2025-000201', dateOfDeath: '2025-02-01' }));
      assert.equal(future.statusCode, 400, future.body);
      assert.deepEqual((future.json() as { fields: { path: string; code: string }[] }).fields.map((f) => [f.path, f.code]), [['dateOfDeath', 'future-date']]);
    });

    test('a declared date of death other than the notice’s: the civil registry refuses on that field, the rest is cancelled', async () => {
      const sent = await send(facility.hanam!, notice({ noticeNumber: 'BT-2025-000118', deceasedPin: DEATH.worker, dateOfDeath: '2025-01-20' }));
      assert.equal(sent.statusCode, 201, sent.body);
      const d = await declare(declaration(DEATH.workerChild, DEATH.worker, '2025-01-21', sent.json().id));
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.procedures.map((p: Proc) => [p.code, p.status]), [['death-registration', 'rejected'], ['death-benefits', 'cancelled']]);
      const reasons = d.procedures[0].reasons as Proc['reasons'];
      assert.deepEqual(reasons.map((r) => [r.path, r.code]), [['declaration.deceased.dateOfDeath', 'death-notice-date-mismatch']]);
      assert.match(reasons[0]!.reasonVi, /2025-01-20/);
      assert.match(reasons[0]!.reason, /Law on Civil Status 2014 art\. 34/);
      assert.equal(await registered(DEATH.worker), 0);
    });

    test('an unknown notice id, or another person’s notice: refused on `deathNoticeId`', async () => {
      const unknown = await declare(declaration(DEATH.lumpSumDaughter, DEATH.lumpSumTaker, '2025-01-20', '7d0c4f52-3c59-4a8e-9f0e-1b2a3c4d5e6f'));
      assert.equal(unknown.status, 'rejected');
      assert.deepEqual(unknown.procedures[0].reasons.map((r: Proc['reasons'][number]) => [r.path, r.code]), [['declaration.deceased.deathNoticeId', 'unknown-death-notice']]);
      assert.equal(await registered(DEATH.lumpSumTaker), 0);

      const someoneElse = await declare(declaration(DEATH.disabledSon, DEATH.supplementPensioner, '2025-01-15', facility.noticeId!));
      assert.equal(someoneElse.status, 'rejected');
      const reasons = someoneElse.procedures[0].reasons as Proc['reasons'];
      assert.deepEqual(reasons.map((r) => [r.path, r.code]), [['declaration.deceased.deathNoticeId', 'death-notice-other-person']]);
      assert.ok(!JSON.stringify(reasons).includes(DEATH.pensioner), 'the notice’s PIN is not revealed');
    });

    test('a declaration citing no notice is registered as before, with no notice on the extract', async () => {
      const d = await declare(declaration(DEATH.quietSon, DEATH.quietPensioner, '2025-01-20', undefined as unknown as string));
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures));
      assert.equal('medicalNotice' in d.procedures[0].result, false);
    });
  });
}
