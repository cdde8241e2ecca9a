import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { populationImport } from '../../src/agencies/population/import.ts';
import { siRecordsImport } from '../../src/agencies/social-security/import.ts';
import { buildPlatform, type Platform } from '../../src/app/build-platform.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { engines, freshDb, type TestDb } from '../support/databases.ts';
import { birthDeclaration, citizens, DEATH, deathDeclaration, households, PEOPLE, siRecords, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START } from '../support/harness.ts';

const DAY = 86_400_000;
const FINAL = new Set(['completed', 'partially-completed', 'rejected']);
const CR_HANOI: Principal = { kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' };
const CR_HANAM: Principal = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' };
const VSS_HANAM: Principal = { kind: 'officer', username: 'vss-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };
const IT: Principal = { kind: 'officer', username: 'it', agency: 'hub', role: 'it-operator', provinceCode: null };
const ONE_STOP: Principal = { kind: 'officer', username: 'os-hanam', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: null };

/**
 * The SLA dashboard over HTTP, on an embedded platform whose clock starts Fri 24 Jan 2025 09:00 (+07:00), the day
 * before Tết 2025 (off 25 Jan – 2 Feb, DOMAIN.md §6), and is moved on with `shift`:
 * - A, Hà Nam (35): a clean birth — its three procedures complete the same day, on time, 0 working days;
 * - B, Hà Nội (01): a 13-year-old mother — birth registration (same-day limit) waits for an officer until Mon 3 Feb:
 *   late by 1 working day; residence and HI card then complete that day, on time;
 * - C, Hà Nam: registered 84 days after the birth — waits until Tue 4 Feb: late, 2 working days;
 * - V, Hà Nam: a voluntary SI registration awaiting payment — open, on the citizen's clock, never overdue.
 */
for (const engine of await engines()) {
  describe(`SLA dashboard and dossier history over HTTP (${engine})`, () => {
    let p: Platform;
    let db: TestDb;
    let shift = 0;
    const ids: Record<string, string> = {};
    before(async () => {
      db = await freshDb(engine);
      const running = runningClockFrom(new Date(START));
      const clock = { now: () => new Date(running.now().getTime() + shift) };
      p = await buildPlatform({ db: db.db, clock, tokenSecret: 'test-secret-that-is-long-enough-0123456789', log: makeLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
      await db.db.transaction(async (tx) => {
        await populationImport(clock.now()).apply(tx, [...households, ...citizens]);
        await siRecordsImport().apply(tx, siRecords);
      });
    });
    after(async () => {
      await p.close();
      await db.drop();
    });

    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: object) =>
      p.app.inject({ method, url, headers: { authorization: `Bearer ${await p.tokens.issue(who)}` }, ...(payload ? { payload } : {}) });
    const citizen = (pin: string): Principal => ({ kind: 'citizen', pin });
    const submit = async (pin: string, group: string, declaration: object) => {
      const res = await call(citizen(pin), 'POST', '/api/v1/dossiers', { group, declaration });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().id as string;
    };
    const dossier = async (id: string) => (await call(ONE_STOP, 'GET', `/api/v1/dossiers/${id}`)).json();
    const until = (id: string, ok: (d: any) => boolean, what: string) => eventually(async () => ((d) => (ok(d) ? d : undefined))(await dossier(id)), what);
    const sla = async (who: Principal, query: string) => call(who, 'GET', `/api/v1/dashboard/sla?${query}`);
    /** The officer approves the dossier's review (claiming it first where the worklist asks for a claim). */
    const approve = async (who: Principal, dossierId: string) => {
      const items = (await call(who, 'GET', '/api/v1/agencies/civil-registry/reviews?limit=200')).json().items as { id: string; dossierId: string }[];
      const item = items.find((x) => x.dossierId === dossierId);
      assert.ok(item, `a review for ${dossierId}`);
      const claim = await call(who, 'POST', `/api/v1/agencies/civil-registry/reviews/${item.id}/claim`, {});
      assert.ok(claim.statusCode < 300 || claim.statusCode === 404, claim.body);
      const res = await call(who, 'POST', `/api/v1/agencies/civil-registry/reviews/${item.id}/decision`, { decision: 'approve', note: 'checked' });
      assert.equal(res.statusCode, 200, res.body);
    };

    test('A on time in Hà Nam; B and C wait for officers; V awaits payment', async () => {
      ids.A = await submit(PEOPLE.mother, 'birth', birthDeclaration());
      const young = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Bảo', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' } });
      delete (young as { father?: unknown }).father;
      ids.B = await submit(PEOPLE.youngMother, 'birth', young);
      ids.C = await submit(PEOPLE.mother, 'birth', birthDeclaration({ child: { fullName: 'Lê Minh Châu', sex: 'female', dateOfBirth: '2024-11-01', placeOfBirth: 'Hà Nam' } }));
      ids.V = await submit(VOLUNTARY.newcomer, 'voluntary-si', voluntarySiDeclaration());
      assert.equal((await until(ids.A, (d) => FINAL.has(d.status), 'A')).status, 'completed');
      for (const k of ['B', 'C']) await until(ids[k]!, (d) => d.procedures[0].inReview, `${k} in review`);
      await until(ids.V!, (d) => d.status === 'awaiting-payment', 'V awaiting payment');
    });

    test('Mon 3 Feb, after Tết: the two reviews are overdue, the payment awaited is not', async () => {
      shift = 10 * DAY;
      const res = await sla(IT, 'from=2025-01-24&to=2025-02-03');
      assert.equal(res.statusCode, 200, res.body);
      const b = res.json();
      assert.equal(b.today, '2025-02-03');
      assert.deepEqual([b.totals.ended, b.totals.onTime, b.totals.late, b.totals.open, b.totals.overdue], [3, 3, 0, 3, 2]);
      assert.deepEqual(b.byProvince.map((x: any) => [x.provinceCode, x.ended, x.open, x.overdue]), [['01', 0, 1, 1], ['35', 3, 2, 1]]);
      const reg = b.byProcedure.find((x: any) => x.procedure === 'birth-registration');
      assert.deepEqual([reg.open, reg.overdue, reg.timeLimit.workingDays], [2, 2, 0]);
      const vsi = b.byProcedure.find((x: any) => x.procedure === 'voluntary-si-registration');
      assert.deepEqual([vsi.open, vsi.overdue, vsi.ended], [1, 0, 0]);
    });

    test('B approved on Mon 3 Feb and C on Tue 4 Feb: late by 1 and 2 working days; the exact figures', async () => {
      await approve(CR_HANOI, ids.B!);
      assert.equal((await until(ids.B!, (d) => FINAL.has(d.status), 'B')).status, 'completed');
      shift = 11 * DAY;
      await approve(CR_HANAM, ids.C!);
      assert.equal((await until(ids.C!, (d) => FINAL.has(d.status), 'C')).status, 'completed');

      const b = (await sla(IT, 'from=2025-01-24&to=2025-02-04')).json();
      const figures = (x: any) => [x.ended, x.onTime, x.late, x.notMeasured, x.onTimeRate, x.open, x.overdue, x.workingDays.p50, x.workingDays.p90, x.workingDays.max];
      assert.equal(b.provinceCode, null);
      // 9 ended: A's 3, B's 3 and C's 3; late: B's and C's birth registrations. Working days [0×7, 1, 2].
      assert.deepEqual(figures(b.totals), [9, 7, 2, 0, 0.7778, 1, 0, 0, 2, 2]);
      assert.deepEqual(b.byProvince.map((x: any) => [x.provinceCode, ...figures(x)]), [
        ['01', 3, 2, 1, 0, 0.6667, 0, 0, 0, 1, 1],
        ['35', 6, 5, 1, 0, 0.8333, 1, 0, 0, 2, 2],
      ]);
      const proc = (code: string) => figures(b.byProcedure.find((x: any) => x.procedure === code));
      assert.deepEqual(proc('birth-registration'), [3, 1, 2, 0, 0.3333, 0, 0, 1, 2, 2]);
      assert.deepEqual(proc('residence-registration'), [3, 3, 0, 0, 1, 0, 0, 0, 0, 0]);
      assert.deepEqual(proc('hi-card'), [3, 3, 0, 0, 1, 0, 0, 0, 0, 0]);
      assert.deepEqual(proc('voluntary-si-registration'), [0, 0, 0, 0, null, 1, 0, null, null, null]);
      assert.deepEqual(
        b.byProcedureAndProvince.filter((x: any) => x.procedure === 'birth-registration').map((x: any) => [x.provinceCode, x.ended, x.onTime, x.late, x.workingDays.max]),
        [['01', 1, 0, 1, 1], ['35', 2, 1, 1, 2]],
      );
      assert.equal(b.series.length, 12);
      assert.deepEqual(
        b.series.filter((d: any) => d.ended > 0).map((d: any) => [d.date, d.ended, d.onTime, d.late]),
        [['2025-01-24', 3, 3, 0], ['2025-02-03', 3, 2, 1], ['2025-02-04', 3, 2, 1]],
      );
      assert.ok(b.clock.excludes.length >= 2);

      // Filters: a group, a procedure, a province; a period that leaves out Mon 3 Feb onwards.
      assert.deepEqual(figures((await sla(IT, 'from=2025-01-24&to=2025-02-04&provinceCode=01')).json().totals), [3, 2, 1, 0, 0.6667, 0, 0, 0, 1, 1]);
      assert.deepEqual(figures((await sla(IT, 'from=2025-01-24&to=2025-02-04&group=voluntary-si')).json().totals), [0, 0, 0, 0, null, 1, 0, null, null, null]);
      const onlyReg = (await sla(IT, 'from=2025-01-24&to=2025-02-04&group=birth&procedure=birth-registration')).json();
      assert.deepEqual(onlyReg.byProcedure.map((x: any) => x.procedure), ['birth-registration']);
      assert.deepEqual(figures((await sla(IT, 'from=2025-01-24&to=2025-01-31')).json().totals), [3, 3, 0, 0, 1, 1, 0, 0, 0, 0]);
    });

    test('an officer with a province sees only it; another province is refused', async () => {
      const own = await sla(VSS_HANAM, 'from=2025-01-24&to=2025-02-04');
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().provinceCode, '35');
      assert.deepEqual(own.json().byProvince.map((x: any) => x.provinceCode), ['35']);
      assert.equal(own.json().totals.ended, 6);
      const other = await sla(VSS_HANAM, 'from=2025-01-24&to=2025-02-04&provinceCode=01');
      assert.equal(other.statusCode, 403);
      assert.deepEqual(other.json().fields.map((f: any) => [f.path, f.code]), [['query.provinceCode', 'outside-area']]);
      assert.equal((await sla(citizen(PEOPLE.mother), '')).statusCode, 403, 'citizens have no dashboard');
    });

    test('bad parameters: 400 with each field, in Vietnamese and English', async () => {
      for (const [query, path, code] of [
        ['from=2025-02-30', 'query.from', 'invalid-date'],
        ['from=2025-02-04&to=2025-01-24', 'query.to', 'before-from'],
        ['from=2024-01-01&to=2025-01-01', 'query.to', 'period-too-long'],
        ['group=marriage', 'query.group', 'unknown-group'],
        ['group=death&procedure=hi-card', 'query.procedure', 'unknown-procedure'],
        ['provinceCode=1', 'query.provinceCode', undefined],
        ['extra=1', undefined, undefined],
      ] as const) {
        const res = await sla(IT, query);
        assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
        const fields = res.json().fields as { path: string; code: string; reason: string; reasonVi: string }[];
        assert.ok(fields.length > 0 && fields.every((f) => f.reason && f.reasonVi), query);
        if (path) assert.equal(fields[0]!.path, path, query);
        if (code) assert.equal(fields[0]!.code, code, query);
      }
      // 366 days, a leap year's worth, is allowed.
      assert.equal((await sla(IT, 'from=2024-01-01&to=2024-12-31')).statusCode, 200);
    });

    test('the history of a birth: every state change, and the messages in order', async () => {
      const res = await call(ONE_STOP, 'GET', `/api/v1/dossiers/${ids.A}/history`);
      assert.equal(res.statusCode, 200, res.body);
      const h = res.json();
      assert.equal(h.events[0].status, 'submitted');
      assert.ok(h.events.some((e: any) => e.procedure === 'hi-card' && e.status === 'completed'));
      const seq = h.messages.map((m: any) => `${m.direction} ${m.type} ${m.direction === 'sent' ? m.recipient : m.sender}`);
      assert.deepEqual(seq.slice(0, 4), [
        'sent population.verify-people.requested population',
        'received population.verify-people.completed population',
        'sent civil-registry.birth-registration.requested civil-registry',
        'received procedure.completed civil-registry',
      ]);
      assert.deepEqual(seq.slice(4, 6).sort(), ['sent population.residence-registration.requested population', 'sent social-security.hi-card.requested social-security']);
      assert.deepEqual(seq.slice(6).sort(), ['received procedure.completed population', 'received procedure.completed social-security']);
      const times = h.messages.map((m: any) => m.at);
      assert.deepEqual(times, [...times].sort(), 'in time order');
      // What the hub sent in answer to a message names it as its cause.
      assert.equal(h.messages[2].causationId, h.messages[1].id);
      assert.equal(h.messages[0].causationId, null);
      assert.equal(h.messages[2].payload.procedure, 'birth-registration', 'a hub officer sees payloads');
      // The mother sees the same messages, without payloads; an agency officer too.
      const mine = (await call(citizen(PEOPLE.mother), 'GET', `/api/v1/dossiers/${ids.A}/history`)).json();
      assert.deepEqual(mine.messages.map((m: any) => m.id), h.messages.map((m: any) => m.id));
      assert.ok(mine.messages.every((m: any) => m.payload === undefined));
      assert.ok((await call(CR_HANAM, 'GET', `/api/v1/dossiers/${ids.A}/history`)).json().messages.every((m: any) => m.payload === undefined));
      // The officers' reads are in the mother's data-access view.
      const seen = (await call(citizen(PEOPLE.mother), 'GET', '/api/v1/me/data-access?limit=200')).json().items.filter((i: any) => i.action === 'dossier.history.read' && i.resource === `dossier/${ids.A}`);
      assert.deepEqual(seen.map((i: any) => i.by.id).sort(), ['cr-hanam', 'os-hanam']);
    });

    test('the history of a death: no bank account, no cause of death, even for a hub officer', async () => {
      const id = await submit(DEATH.pensionerWidow, 'death', deathDeclaration());
      await until(id, (d) => FINAL.has(d.status), 'the death dossier');
      const res = await call(ONE_STOP, 'GET', `/api/v1/dossiers/${id}/history`);
      assert.equal(res.statusCode, 200, res.body);
      const text = res.body;
      for (const secret of ['0011004321987', '970436', 'illness', '$sealed']) assert.ok(!text.includes(secret), `the history shows ${secret}`);
      const benefits = res.json().messages.find((m: any) => m.type === 'social-security.death-benefits.requested');
      assert.ok(benefits.omitted.includes('payee.bankAccount') && benefits.omitted.includes('deceased.cause'), JSON.stringify(benefits.omitted));
      assert.equal((await call(citizen(PEOPLE.stranger), 'GET', `/api/v1/dossiers/${id}/history`)).statusCode, 404);
    });
  });
}
