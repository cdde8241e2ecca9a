import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WorkingCalendar } from '../../src/kernel/calendar/index.ts';
import { isoDate } from '../../src/kernel/dates.ts';
import { HubCalendars } from '../../src/hub/settings/calendars.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * The yearly holiday calendar, set by the hub's national IT operator through the API (issue 7 item 2): a day off
 * published after a dossier was received does not move its deadline; a dossier received after it counts around it.
 * Validation (nothing written when refused), who may, and another process on the same database picking it up.
 */
const OPERATOR: Principal = { kind: 'officer', username: 'it-hub', agency: 'hub', role: 'it-operator', provinceCode: null };
const OPERATOR_HANOI: Principal = { kind: 'officer', username: 'it-hub-hanoi', agency: 'hub', role: 'it-operator', provinceCode: '01' };
const VSS_OPERATOR: Principal = { kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null };
const mother: Principal = { kind: 'citizen', pin: PEOPLE.mother };
// Monday 3 March 2025, 09:00 in Hà Nội: no holiday in the next weeks, so working days are plain to count.
const MONDAY = '2025-03-03T09:00:00+07:00';
const URL_2025 = '/api/v1/settings/calendars/2025';
// The 2025 calendar as published (kernel/calendar/published.ts).
const PUBLISHED_2025 = [['2025-01-01', '2025-01-01'], ['2025-01-25', '2025-02-02'], ['2025-04-07', '2025-04-07'], ['2025-04-30', '2025-05-04'], ['2025-08-30', '2025-09-02']];

for (const engine of await engines()) {
  describe(`the holiday calendar set by the hub's IT operator (${engine})`, () => {
    let t: TestPlatform;
    before(async () => {
      t = await startTestPlatform(engine, MONDAY);
    });
    after(async () => t.close());

    const call = async (who: Principal, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
      t.p.app.inject({ method, url, headers: { authorization: `Bearer ${await t.token(who)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    const written = async () => ({
      versions: (await t.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub.calendar_versions'))[0]!.n,
      audited: (await t.p.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit.entries WHERE action = 'config.changed'"))[0]!.n,
    });
    const residenceDeadline = async (name: string) => {
      const sub = await t.p.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${await t.token(mother)}` },
        payload: { group: 'birth', declaration: birthDeclaration({ child: { fullName: name, sex: 'female', dateOfBirth: '2025-03-01', placeOfBirth: 'Hà Nam' } }) },
      });
      assert.equal(sub.statusCode, 202, sub.body);
      const id = sub.json().id as string;
      const deadline = await eventually(async () => {
        const d = (await call(mother, 'GET', `/api/v1/dossiers/${id}`)).json();
        return d.procedures.find((p: { code: string; deadline: string | null }) => p.code === 'residence-registration')?.deadline ?? undefined;
      }, `residence registration of ${name} dispatched`);
      return { id, deadline: deadline as string };
    };
    const change = (over: Record<string, unknown> = {}) => ({ off: PUBLISHED_2025, workingSaturdays: ['2025-04-26'], legalBasis: 'Quyết định của Thủ tướng Chính phủ (test)', reason: 'Nghỉ bù theo quyết định mới', ...over });

    test('the year as published, with the Labour Code’s holidays', async () => {
      const res = await call(OPERATOR, 'GET', URL_2025);
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.deepEqual([v.year, v.source, v.off, v.workingSaturdays, v.changes], [2025, 'published', PUBLISHED_2025, ['2025-04-26'], []]);
      assert.ok(v.statutoryHolidays.some((h: { date: string }) => h.date === '2025-04-07'), 'Giỗ Tổ Hùng Vương, 10/3 lunar');
      assert.equal((await call(OPERATOR, 'GET', '/api/v1/settings/calendars/2031')).json().source, 'computed');
    });

    test('refused, with the field and the reason in Vietnamese and English, and nothing written', async () => {
      const cases: [string, string, Record<string, unknown>, [string, string][] | null][] = [
        ['today (Mon 3 Mar) made a day off', URL_2025, change({ off: [...PUBLISHED_2025, ['2025-03-03', '2025-03-03']] }), [['off', 'past-date']]],
        ['Tết taken out: the law’s holidays, and days already past', URL_2025, change({ off: PUBLISHED_2025.filter(([a]) => a !== '2025-01-25') }), [['off', 'holiday-not-off'], ['off', 'holiday-not-off'], ['off', 'holiday-not-off'], ['off', 'past-date']]],
        ['a working Saturday that is a Sunday', URL_2025, change({ workingSaturdays: ['2025-04-27'] }), [['workingSaturdays.0', 'not-a-saturday']]],
        ['a range backwards', URL_2025, change({ off: [...PUBLISHED_2025, ['2025-06-10', '2025-06-09']] }), [['off.5', 'bad-range']]],
        ['Labour Day made a working day', URL_2025, change({ off: PUBLISHED_2025.map(([a, b]) => (a === '2025-04-30' ? ['2025-04-30', '2025-04-30'] : [a, b])), workingSaturdays: [] }), [['off', 'holiday-not-off']]],
        ['a year already over', '/api/v1/settings/calendars/2024', change({ off: [['2024-01-01', '2024-01-01']] }), null],
        ['no legal basis (schema)', URL_2025, change({ legalBasis: undefined }), null],
        ['a year out of range (schema)', '/api/v1/settings/calendars/1850', change(), null],
      ];
      for (const [why, url, body, fields] of cases) {
        const res = await call(OPERATOR, 'PUT', url, body);
        assert.equal(res.statusCode, 400, `${why}: ${res.body}`);
        const b = res.json() as { fields: { path: string; code: string; reason: string; reasonVi: string }[] };
        if (fields) assert.deepEqual(b.fields.map((f) => [f.path, f.code]), fields, why);
        assert.ok(b.fields.length > 0 && b.fields.every((f) => f.reason && f.reasonVi), why);
      }
      assert.deepEqual(await written(), { versions: 0, audited: 0 });
    });

    test('who may: the hub’s national IT operator sets it; one bound to a province reads only; others are refused', async () => {
      const hanoi = await call(OPERATOR_HANOI, 'PUT', URL_2025, change({ off: [...PUBLISHED_2025, ['2025-06-02', '2025-06-02']] }));
      assert.equal(hanoi.statusCode, 403, hanoi.body);
      assert.deepEqual(hanoi.json().fields.map((f: { code: string }) => f.code), ['national-only']);
      assert.equal((await call(OPERATOR_HANOI, 'GET', URL_2025)).statusCode, 200);
      for (const who of [VSS_OPERATOR, mother]) {
        assert.equal((await call(who, 'GET', URL_2025)).statusCode, 403);
        assert.equal((await call(who, 'PUT', URL_2025, change())).statusCode, 403);
      }
      assert.deepEqual(await written(), { versions: 0, audited: 0 });
    });

    test('a day off published after a dossier was received: its deadline stays; a dossier received after counts around it; audited', async () => {
      // Law on Residence 2020 art. 22: 7 working days from Mon 3 Mar → Wed 12 Mar.
      const old = await residenceDeadline('Lê Thu Trước');
      assert.equal(old.deadline, '2025-03-12');

      const put = await call(OPERATOR, 'PUT', URL_2025, change({ off: [...PUBLISHED_2025, ['2025-03-10', '2025-03-10']] }));
      assert.equal(put.statusCode, 200, put.body);
      const v = put.json();
      assert.deepEqual([v.source, v.off[1], v.off[2], v.changes.length, v.changes[0].setBy], ['operator', ['2025-01-25', '2025-02-02'], ['2025-03-10', '2025-03-10'], 1, 'officer:it-hub']);

      const fresh = await residenceDeadline('Lê Thu Sau');
      assert.equal(fresh.deadline, '2025-03-13', 'Mon 10 Mar is now a day off: one working day later');
      const oldNow = (await call(mother, 'GET', `/api/v1/dossiers/${old.id}`)).json();
      assert.equal(oldNow.procedures.find((p: { code: string }) => p.code === 'residence-registration').deadline, '2025-03-12', 'computed before: it does not move');

      const [audit] = await t.p.db.query<{ actor_id: string; resource: string; details: { before: { source: string }; changedDays: string[]; reason: string } }>(
        "SELECT actor_id, resource, details FROM audit.entries WHERE action = 'config.changed'",
      );
      assert.deepEqual([audit!.actor_id, audit!.resource, audit!.details.before.source, audit!.details.changedDays, audit!.details.reason], ['it-hub', 'hub/settings/calendars/2025', 'published', ['2025-03-10'], 'Nghỉ bù theo quyết định mới']);
      await assert.rejects(t.p.db.query('DELETE FROM hub.calendar_versions'), /append-only/);

      // Another process on the same database (the portal, a second hub) puts it in force on its next reload.
      const elsewhere = new WorkingCalendar();
      assert.equal(elsewhere.isWorkingDay(isoDate('2025-03-10')), true);
      await new HubCalendars(t.p.db, { now: () => new Date(MONDAY) }, elsewhere, makeLogger({ level: 'silent' })).refresh();
      assert.equal(elsewhere.isWorkingDay(isoDate('2025-03-10')), false);
      assert.equal(elsewhere.yearCalendar(2025).source, 'operator');
    });
  });
}
