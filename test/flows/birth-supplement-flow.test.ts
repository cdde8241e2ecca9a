import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runningClockFrom, type Clock } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const DAY = 86_400_000;

// The supplement path is the hub's, the same for every group: here a civil-registry officer asks the mother of a
// birth in review for more, she answers through the dossier API, and the officer decides on the answer.
for (const engine of await engines()) {
  describe(`birth: an officer asks for a supplement, the citizen answers (${engine})`, () => {
    let t: TestPlatform;
    // The platform's clock runs from Fri 24 Jan 2025 09:00 (+07:00); `shift` moves it on to cross a deadline.
    let shift = 0;
    const running = runningClockFrom(new Date(START));
    const clock: Clock = { now: () => new Date(running.now().getTime() + shift) };
    before(async () => {
      t = await startTestPlatform(engine, START, { clock });
    });
    after(async () => t.close());

    test('in review → awaiting supplement → answered → back with the officer → approved → completed', async () => {
      const mother = await t.token({ kind: 'citizen', pin: PEOPLE.youngMother });
      const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
        mother: { pin: PEOPLE.youngMother },
        child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' },
      });
      delete (decl as { father?: unknown }).father;
      const submitted = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${mother}` }, payload: { group: 'birth', declaration: decl } });
      const { id } = submitted.json();
      const get = async () => (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${mother}` } })).json();
      const until = (what: string, ok: (d: any) => boolean) => eventually(async () => ((d) => (ok(d) ? d : undefined))(await get()), what);
      const worklist = async () =>
        (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${officer}` } })).json().items.filter((x: { dossierId: string }) => x.dossierId === id);
      const decide = async (body: object) =>
        t.p.app.inject({ method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${review.id}/decision`, headers: { authorization: `Bearer ${officer}` }, payload: body });

      await until('review', (d) => d.procedures[0].inReview);
      const [review] = await worklist();
      const ask = await decide({ decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: "Send the number of the mother's ID card.", reasonVi: 'Bổ sung số CCCD của người mẹ.' }] });
      assert.equal(ask.statusCode, 200, ask.body);
      const waiting = await until('the supplement request', (d) => d.status === 'awaiting-supplement');
      assert.deepEqual([waiting.procedures[0].status, waiting.procedures[0].deadline], ['awaiting-supplement', '2025-02-11']);
      assert.equal((await worklist()).length, 0, 'off the worklist while the citizen answers');
      assert.equal((await decide({ decision: 'approve' })).statusCode, 409, 'nothing to approve before the answer');

      const answer = await t.p.app.inject({
        method: 'POST', url: `/api/v1/dossiers/${id}/supplements`, headers: { authorization: `Bearer ${mother}` },
        payload: { procedure: 'birth-registration', answers: { 'declaration.mother.pin': { idCardNumber: PEOPLE.youngMother } } },
      });
      assert.equal(answer.statusCode, 202, answer.body);
      await until('back in review', (d) => d.status === 'processing' && d.procedures[0].inReview);
      const [back] = await worklist();
      assert.deepEqual(back.supplement.answers, { 'declaration.mother.pin': { idCardNumber: PEOPLE.youngMother } });
      assert.equal((await decide({ decision: 'approve', note: 'age confirmed' })).statusCode, 200);
      const done = await until('completion', (d) => d.status === 'completed');
      assert.deepEqual(done.procedures.map((p: { status: string }) => p.status), ['completed', 'completed', 'completed']);
    });

    // Last: it moves the platform's clock past the supplement deadline.
    test('a supplement left unanswered for 7 working days: the birth is refused, the rest cancelled, and the civil registry closes its file', async () => {
      const mother = await t.token({ kind: 'citizen', pin: PEOPLE.youngMother });
      const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
        mother: { pin: PEOPLE.youngMother },
        child: { fullName: 'Ngô Gia Bảo', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nội' },
      });
      delete (decl as { father?: unknown }).father;
      const submitted = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${mother}` }, payload: { group: 'birth', declaration: decl } });
      assert.equal(submitted.statusCode, 202, submitted.body);
      const { id } = submitted.json();
      const get = async () => (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${mother}` } })).json();
      const until = (what: string, ok: (d: any) => boolean) => eventually(async () => ((d) => (ok(d) ? d : undefined))(await get()), what);
      await until('review', (d) => d.procedures[0].inReview);
      const reviews = (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${officer}` } })).json();
      const review = reviews.items.find((x: { dossierId: string }) => x.dossierId === id);
      const ask = await t.p.app.inject({
        method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${review.id}/decision`, headers: { authorization: `Bearer ${officer}` },
        payload: { decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: "Send the number of the mother's ID card.", reasonVi: 'Bổ sung số CCCD của người mẹ.' }] },
      });
      assert.equal(ask.statusCode, 200, ask.body);
      const waiting = await until('the supplement request', (d) => d.status === 'awaiting-supplement');
      assert.equal(waiting.procedures[0].deadline, '2025-02-11', '7 working days, counted past Tết (Decree 63/2024)');

      assert.equal(await t.p.hub.expireOverdueSupplements(), 0, 'not before the last day has passed');
      shift = 18 * DAY; // Tue 11 Feb 2025: the last day itself still counts
      assert.equal(await t.p.hub.expireOverdueSupplements(), 0, 'not on the last day');
      shift = 19 * DAY; // Wed 12 Feb 2025: the last day has passed
      assert.equal(await t.p.hub.expireOverdueSupplements(), 1);
      assert.equal(await t.p.hub.expireOverdueSupplements(), 0, 'idempotent');
      const d = await get();
      assert.equal(d.status, 'rejected');
      const birth = d.procedures.find((p: { code: string }) => p.code === 'birth-registration');
      assert.equal(birth.status, 'rejected');
      assert.deepEqual(birth.reasons.map((r: { path: string; code: string }) => [r.path, r.code]), [['declaration.mother.pin', 'supplement-not-provided']]);
      assert.ok(d.procedures.filter((p: { code: string }) => p.code !== 'birth-registration').every((p: { status: string }) => p.status === 'cancelled'), JSON.stringify(d.procedures.map((p: { status: string }) => p.status)));
      await eventually(async () => {
        const [r] = await t.p.db.query<{ status: string }>('SELECT status FROM civil_registry.birth_registrations WHERE dossier_id = $1', [id]);
        return r?.status === 'refused' ? true : undefined;
      }, 'the civil registry to close its file');
      const late = await t.p.app.inject({
        method: 'POST', url: `/api/v1/dossiers/${id}/supplements`, headers: { authorization: `Bearer ${mother}` },
        payload: { procedure: 'birth-registration', answers: { 'declaration.mother.pin': { idCardNumber: PEOPLE.youngMother } } },
      });
      assert.equal(late.statusCode, 409, 'too late to answer');
    });
  });
}
