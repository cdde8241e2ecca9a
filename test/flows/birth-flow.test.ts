import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parsePin } from '../../src/kernel/identifiers/pin.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, HH_HANAM, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const FINAL = new Set(['completed', 'partially-completed', 'rejected']);

for (const engine of await engines()) {
  describe(`birth → residence → HI card, end to end over HTTP (${engine})`, () => {
    let t: TestPlatform;
    let motherToken: string;
    before(async () => {
      t = await startTestPlatform(engine);
      motherToken = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
    });
    after(async () => t.close());

    const submit = (declaration: unknown, token = motherToken, headers: Record<string, string> = {}) =>
      t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${token}`, ...headers }, payload: { group: 'birth', declaration } });
    const get = (id: string, token = motherToken) => t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${token}` } });
    const finished = (id: string) =>
      eventually(async () => {
        const r = get(id);
        const body = (await r).json();
        return FINAL.has(body.status) ? body : undefined;
      }, `dossier ${id} to finish`);

    test('a clean declaration yields the birth certificate, the residence and an HI card with the right validity', async () => {
      const res = await submit(birthDeclaration());
      assert.equal(res.statusCode, 202);
      const { id, status } = res.json();
      assert.equal(status, 'processing');
      const d = await finished(id);
      assert.equal(d.status, 'completed');
      const [birth, residence, card] = d.procedures;
      assert.deepEqual(d.procedures.map((p: { code: string; agency: string; status: string }) => [p.code, p.agency, p.status]), [
        ['birth-registration', 'civil-registry', 'completed'],
        ['residence-registration', 'population', 'completed'],
        ['hi-card', 'social-security', 'completed'],
      ]);
      // The child's PIN: registered in Hà Nam (035), a boy born in the 2000s (G = 2), 2025 (YY = 25).
      const pin = parsePin(birth.result.pin);
      assert.ok(pin.ok);
      assert.deepEqual([pin.value.provinceCode, pin.value.sex, pin.value.birthYear], ['035', 'male', 2025]);
      assert.match(birth.result.certificateNumber, /^35347\d*-2025-\d{6}$/);
      assert.equal(birth.result.registeredOn, '2025-01-24');
      assert.equal(residence.result.householdId, HH_HANAM);
      // HI card: TE1 + province 35 + the SI code; born 20 Jan 2025 (before 30 Sep) → valid to 30 Sep 2031 (Decree 146/2018 art. 13.2).
      assert.match(card.result.siCode, /^35\d{8}$/);
      assert.equal(card.result.cardNumber, `TE135${card.result.siCode}`);
      assert.equal(card.result.validFrom, '2025-01-20');
      assert.equal(card.result.validTo, '2031-09-30');
      assert.equal(card.result.initialFacilityCode, '35001');
      assert.equal(card.result.familyHousehold, 'VSS-HGD-1', 'the mother is in a VSS family household: the child joins it');
      // Deadlines on the working-day calendar: received Fri 24 Jan 2025, Tết off 25 Jan – 2 Feb.
      assert.equal(birth.deadline, '2025-01-24', 'birth registration: the same working day');
      assert.equal(card.deadline, '2025-02-04', 'HI card: 2 working days, counted past Tết');
      assert.equal(residence.deadline, '2025-02-11', 'residence: 7 working days');
      assert.ok(d.history.length >= 7);
    });

    test('the same Idempotency-Key returns the same dossier; reused for another body it is refused', async () => {
      const key = { 'idempotency-key': `k-${engine}-1` };
      const decl = birthDeclaration({ child: { fullName: 'Lê Minh Khang', sex: 'male', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } });
      const a = await submit(decl, motherToken, key);
      const b = await submit(decl, motherToken, key);
      assert.equal(a.statusCode, 202);
      assert.equal(b.statusCode, 202);
      assert.equal(b.json().id, a.json().id);
      const c = await submit(birthDeclaration({ child: { fullName: 'Other', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }), motherToken, key);
      assert.equal(c.statusCode, 422);
      assert.equal(c.json().code, 'IDEMPOTENCY_KEY_REUSED');
      await finished(a.json().id);
    });

    test('a future date of birth is refused at once with the field, and nothing is stored', async () => {
      const before = (await t.p.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${motherToken}` } })).json().items.length;
      const res = await submit(birthDeclaration({ child: { fullName: 'Lê Minh Tương Lai', sex: 'male', dateOfBirth: '2025-02-10', placeOfBirth: 'Hà Nam' } }));
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.ok(body.messageVi.length > 0);
      assert.deepEqual(body.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['declaration.child.dateOfBirth', 'future-date']]);
      assert.ok(body.fields[0].reasonVi);
      const afterCount = (await t.p.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${motherToken}` } })).json().items.length;
      assert.equal(afterCount, before);
    });

    test('schema errors name every bad field', async () => {
      const res = await submit({ ...birthDeclaration({ mother: { pin: '12ab' } }), healthInsurance: {} });
      assert.equal(res.statusCode, 400);
      const paths = res.json().fields.map((f: { path: string }) => f.path).sort();
      assert.deepEqual(paths, ['declaration.healthInsurance.initialFacilityCode', 'declaration.mother.pin']);
    });

    test('an unknown mother: the dossier is rejected at verification with the field', async () => {
      const stranger = '035195999999';
      const token = await t.token({ kind: 'citizen', pin: stranger });
      const res = await submit(birthDeclaration({ declarant: { pin: stranger, relationship: 'mother' }, mother: { pin: stranger } }), token);
      assert.equal(res.statusCode, 202);
      const d = await eventually(async () => {
        const b = (await get(res.json().id, token)).json();
        return FINAL.has(b.status) ? b : undefined;
      }, 'rejection');
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.reasons.map((r: { path: string; code: string }) => [r.path, r.code]), [['declaration.mother.pin', 'not-found']]);
      assert.ok(d.procedures.every((p: { status: string }) => p.status === 'cancelled'));
    });

    test('a deceased mother: civil registry refuses, the other procedures are cancelled', async () => {
      const fatherToken = await t.token({ kind: 'citizen', pin: PEOPLE.father });
      const decl = birthDeclaration({ declarant: { pin: PEOPLE.father, relationship: 'father' }, mother: { pin: PEOPLE.deceasedMother }, residence: { householdOf: 'father' } });
      const res = await submit(decl, fatherToken);
      assert.equal(res.statusCode, 202);
      const d = await eventually(async () => {
        const b = (await get(res.json().id, fatherToken)).json();
        return FINAL.has(b.status) ? b : undefined;
      }, 'refusal');
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.procedures.map((p: { status: string }) => p.status), ['rejected', 'cancelled', 'cancelled']);
      assert.deepEqual(d.procedures[0].reasons.map((r: { path: string; code: string }) => [r.path, r.code]), [['declaration.mother.pin', 'deceased']]);
      assert.ok(d.procedures[0].reasons[0].reasonVi.length > 0);
    });

    test('a person declared as mother who is a man: refused with the field', async () => {
      const fatherToken = await t.token({ kind: 'citizen', pin: PEOPLE.father });
      const res = await submit(birthDeclaration({ declarant: { pin: PEOPLE.father, relationship: 'father' }, mother: { pin: PEOPLE.maleMother }, residence: { householdOf: 'father' } }), fatherToken);
      const d = await eventually(async () => {
        const b = (await get(res.json().id, fatherToken)).json();
        return FINAL.has(b.status) ? b : undefined;
      }, 'refusal');
      assert.equal(d.status, 'rejected');
      assert.deepEqual(d.procedures[0].reasons.map((r: { code: string }) => r.code), ['mother-not-female']);
    });

    test('an unusual file goes to a civil-registry officer, whose approval completes the dossier', async () => {
      const young = await t.token({ kind: 'citizen', pin: PEOPLE.youngMother });
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
        mother: { pin: PEOPLE.youngMother },
        father: undefined,
        child: { fullName: 'Ngô Gia Bảo', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' },
      });
      delete (decl as { father?: unknown }).father;
      const { id } = (await submit(decl, young)).json();
      await eventually(async () => ((await get(id, young)).json().procedures[0].inReview ? true : undefined), 'review');
      const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
      const elsewhere = await t.token({ kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' });
      const list = async (tok: string) => (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${tok}` } })).json().items;
      const mine = (await list(officer)).filter((x: { dossierId: string }) => x.dossierId === id);
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0].findings.map((f: { code: string }) => f.code), ['mother-age-unusual']);
      assert.equal((await list(elsewhere)).filter((x: { dossierId: string }) => x.dossierId === id).length, 0, 'officers see their own area only');
      const decide = (tok: string, body: object) =>
        t.p.app.inject({ method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${mine[0].id}/decision`, headers: { authorization: `Bearer ${tok}` }, payload: body });
      assert.equal((await decide(elsewhere, { decision: 'approve' })).statusCode, 404);
      assert.equal((await decide(young, { decision: 'approve' })).statusCode, 403, 'a citizen cannot decide');
      assert.equal((await decide(officer, { decision: 'refuse' })).statusCode, 400, 'a refusal needs a reason');
      const ok = await decide(officer, { decision: 'approve', note: 'mother’s age confirmed from her ID card' });
      assert.equal(ok.statusCode, 200);
      assert.equal((await decide(officer, { decision: 'approve' })).statusCode, 409, 'decided once');
      const d = await eventually(async () => {
        const b = (await get(id, young)).json();
        return FINAL.has(b.status) ? b : undefined;
      }, 'completion');
      assert.equal(d.status, 'completed');
      // The mother sees who read her file on the worklist and who decided on it, and why (issue 4: every read of a person's data).
      const seen = (await t.p.app.inject({ method: 'GET', url: '/api/v1/me/data-access', headers: { authorization: `Bearer ${young}` } })).json().items
        .filter((i: { resource: string }) => i.resource === `review/${mine[0].id}`)
        .map((i: { by: { id: string }; action: string }) => `${i.by.id} ${i.action}`);
      assert.ok(seen.includes('cr-hanoi review.read'), seen.join('; '));
      assert.ok(seen.includes('cr-hanoi review.approve'), seen.join('; '));
      assert.ok(!seen.some((x: string) => x.startsWith('cr-hanam')), 'the officer elsewhere never saw it');
    });

    test('a duplicate birth (same mother, date of birth and name) is refused', async () => {
      const decl = birthDeclaration({ child: { fullName: 'Lê Minh Đức', sex: 'male', dateOfBirth: '2025-01-22', placeOfBirth: 'Hà Nam' } });
      const first = await finished((await submit(decl)).json().id);
      assert.equal(first.status, 'completed');
      const second = await finished((await submit({ ...decl, child: { ...decl.child, fullName: 'lê  minh đức' } })).json().id);
      assert.equal(second.status, 'rejected');
      assert.deepEqual(second.procedures[0].reasons.map((r: { path: string; code: string }) => [r.path, r.code]), [['declaration.child', 'already-registered']]);
      assert.deepEqual(second.procedures.slice(1).map((p: { status: string }) => p.status), ['cancelled', 'cancelled']);
    });

    test('nobody else sees the dossier; without a token the API answers 401', async () => {
      const { id } = (await submit(birthDeclaration({ child: { fullName: 'Lê Minh Tâm', sex: 'female', dateOfBirth: '2025-01-23', placeOfBirth: 'Hà Nam' } }))).json();
      const other = await t.token({ kind: 'citizen', pin: PEOPLE.stranger });
      assert.equal((await get(id, other)).statusCode, 404);
      assert.equal((await get(id, await t.token({ kind: 'citizen', pin: PEOPLE.father }))).statusCode, 200, 'the father is named in it');
      assert.equal((await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}` })).statusCode, 401);
      const mine = (await t.p.app.inject({ method: 'GET', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${other}` } })).json();
      assert.equal(mine.items.length, 0);
      await finished(id);
    });
  });
}
