import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { ROUTE_POLICIES } from '../../src/app/route-policies.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually } from '../support/harness.ts';
import { buildWorld, type World } from './fuzz/setup.ts';
import { snapshotter, tablesOf, WriteWatch } from './fuzz/snapshot.ts';

/**
 * IDOR: for every resource that belongs to someone (route-policies.ts, resource 'own', 'own-or-agency', 'agency',
 * 'agency-area'), someone else — another citizen, an officer of another province or agency, another agency's IT
 * operator, another facility's system — tries to read it and to change it. A read of a dossier or any other owned
 * thing answers 404 exactly as for one that does not exist (never 403: that would say it exists); a change is
 * refused and writes nothing, in any table. A new owned route without a case here fails the first test.
 */
const OWNED = new Set(['own', 'own-or-agency', 'agency', 'agency-area']);
/** Written on a timer whatever the requests (the audit trail's anchor), so never a sign of an IDOR write. */
const TIMER_TABLES = new Set(['audit.anchors']);

const citizen = (pin: string): Principal => ({ kind: 'citizen', pin });
const CR_HANOI: Principal = { kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' };
const CR_HANAM: Principal = { kind: 'officer', username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '35' };
const POP_OPERATOR: Principal = { kind: 'officer', username: 'it-population', agency: 'population', role: 'it-operator', provinceCode: null };
const CR_OPERATOR: Principal = { kind: 'officer', username: 'it-civil-registry', agency: 'civil-registry', role: 'it-operator', provinceCode: null };
const facility = (client: string): Principal => ({ kind: 'system', client, agency: 'health', scopes: ['death-notices:submit'] });

interface Ctx {
  readonly w: World;
  /** A request as `who`; what it answered and which tables it changed. */
  call(who: Principal, req: InjectOptions): Promise<{ status: number; body: Record<string, unknown>; wrote: string[] }>;
  /** The same, asserting `status` and that nothing was written. */
  refused(who: Principal, req: InjectOptions, status: number, why: string): Promise<Record<string, unknown>>;
}

const json = (payload: unknown): Partial<InjectOptions> => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

/** Each owned route's attempts. The key is the route as route-policies.ts names it. */
const CASES: Record<string, (c: Ctx) => Promise<void>> = {
  'POST /api/v1/dossiers': async ({ w, refused }) => {
    // Declaring in someone else's name: the declarant must be the caller.
    const body = await refused(
      citizen(PEOPLE.stranger),
      { method: 'POST', url: '/api/v1/dossiers', ...json({ group: 'birth', declaration: { declarant: { pin: PEOPLE.mother, relationship: 'mother' }, child: { fullName: 'Lê Mạo Danh', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' }, mother: { pin: PEOPLE.mother }, residence: { householdOf: 'mother' }, healthInsurance: { initialFacilityCode: '35001' } } }) },
      400,
      'a declaration in the mother’s name by a stranger',
    );
    assert.ok((body.fields as { code: string }[]).some((f) => f.code === 'not-you'));
    void w;
  },
  'GET /api/v1/dossiers': async ({ w, call }) => {
    const listed = async (who: Principal) => {
      const r = await call(who, { method: 'GET', url: '/api/v1/dossiers?limit=200' });
      assert.equal(r.status, 200);
      assert.deepEqual(r.wrote, []);
      return (r.body.items as { id: string }[]).map((d) => d.id);
    };
    for (const who of [citizen(PEOPLE.stranger), { kind: 'system', client: 'x', agency: 'population' } as Principal]) {
      const ids = await listed(who);
      for (const id of Object.values(w.dossiers)) assert.ok(!ids.includes(id), `${JSON.stringify(who)} lists ${id}`);
    }
    // Officers list their agency's work in their province: the Hà Nội review is not Hà Nam's, nor Hà Nam's birth Hà Nội's.
    const hanam = await listed(CR_HANAM);
    assert.ok(hanam.includes(w.dossiers.birth) && !hanam.includes(w.dossiers.inReview), 'the Hà Nam officer: Hà Nam only');
    const hanoi = await listed(CR_HANOI);
    assert.ok(hanoi.includes(w.dossiers.inReview) && !hanoi.includes(w.dossiers.birth), 'the Hà Nội officer: Hà Nội only');
    const oneStopHanoi = await listed({ kind: 'officer', username: 'os-hanoi', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '01' } as Principal);
    assert.ok(!oneStopHanoi.includes(w.dossiers.birth), 'the Hà Nội one-stop shop does not list Hà Nam’s dossiers');
  },
  'GET /api/v1/dossiers/:id': async ({ w, refused, call }) => {
    await refused(citizen(PEOPLE.stranger), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` }, 404, 'another citizen’s dossier');
    const other = await agencyNotOn(call, w.dossiers.awaitingSupplement);
    await refused({ kind: 'officer', username: 'x', agency: other, role: roleOf(other), provinceCode: '35' } as Principal, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}` }, 404, `an officer of ${other}, which has no procedure in it`);
    await refused({ kind: 'system', client: 'x', agency: other } as Principal, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}` }, 404, `a system of ${other}`);
    await refused(CR_HANOI, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` }, 404, 'a civil-registry officer of another province');
    await refused({ kind: 'officer', username: 'os-hanoi', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '01' } as Principal, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` }, 404, 'the one-stop shop of another province');
    assert.equal((await call(CR_HANAM, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` })).status, 200, 'control: the Hà Nam officer');
    // The control: the same read by the owner succeeds, so the 404s above are about who asks.
    assert.equal((await call(citizen(PEOPLE.mother), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` })).status, 200);
  },
  'GET /api/v1/dossiers/:id/history': async ({ w, refused, call }) => {
    await refused(citizen(PEOPLE.stranger), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}/history` }, 404, 'another citizen’s dossier history');
    const other = await agencyNotOn(call, w.dossiers.awaitingSupplement);
    await refused({ kind: 'officer', username: 'x', agency: other, role: roleOf(other), provinceCode: '35' } as Principal, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/history` }, 404, `an officer of ${other}, unrelated to the dossier`);
    assert.equal((await call(citizen(PEOPLE.mother), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}/history` })).status, 200, 'control: the mother reads it');
  },
  'GET /api/v1/dashboard/sla': async ({ refused, call }) => {
    // Aggregates only, but still by area: a Hà Nội officer asking for Hà Nam is refused; their own view is Hà Nội's alone.
    const body = await refused(VSS_HANOI, { method: 'GET', url: '/api/v1/dashboard/sla?provinceCode=35' }, 403, 'another province’s figures');
    assert.deepEqual((body.fields as { path: string; code: string }[]).map((f) => [f.path, f.code]), [['query.provinceCode', 'outside-area']]);
    const own = await call(VSS_HANOI, { method: 'GET', url: '/api/v1/dashboard/sla' });
    assert.equal(own.status, 200);
    assert.deepEqual((own.body.byProvince as { provinceCode: string }[]).map((x) => x.provinceCode), ['01']);
    assert.deepEqual(own.wrote, []);
  },
  'GET /api/v1/dossiers/:id/documents': async ({ w, refused, call }) => {
    await refused(citizen(PEOPLE.stranger), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}/documents` }, 404, 'another citizen’s documents');
    const other = await agencyNotOn(call, w.dossiers.awaitingSupplement);
    await refused({ kind: 'system', client: 'x', agency: other } as Principal, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/documents` }, 404, `a system of ${other}`);
  },
  'GET /api/v1/dossiers/:id/documents/:code.pdf': async ({ w, refused, call }) => {
    const mine = await call(citizen(PEOPLE.mother), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}/documents` });
    const code = (mine.body.items as { code: string }[] | undefined)?.[0]?.code ?? 'ABCD-EFGH-JKLM';
    await refused(citizen(PEOPLE.stranger), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}/documents/${code}.pdf` }, 404, 'another citizen’s PDF');
    // The right code under a dossier the caller may see is no way in either: the code belongs to its own dossier.
    await refused(citizen(w.citizens[1]!), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/documents/${code}.pdf` }, 404, 'a PDF of another dossier, asked through one’s own');
  },
  'POST /api/v1/dossiers/:id/supplements': async ({ w, refused }) => {
    const answer = { procedure: 'death-benefits', answers: { 'declaration.relatives.0.incapacityPercent': { assessmentNumber: 'X-1', assessedOn: '2024-06-10', incapacityPercent: 90 } } };
    await refused(citizen(PEOPLE.stranger), { method: 'POST', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/supplements`, ...json(answer) }, 404, 'answering another citizen’s supplement request');
    await refused(citizen(PEOPLE.mother), { method: 'POST', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/supplements`, ...json(answer) }, 404, 'the mother, not named in that death dossier');
  },
  'GET /api/v1/agencies/civil-registry/reviews': async ({ w, call }) => {
    const r = await call(CR_HANAM, { method: 'GET', url: '/api/v1/agencies/civil-registry/reviews?limit=200' });
    assert.equal(r.status, 200);
    assert.ok(!(r.body.items as { id: string }[]).some((x) => x.id === w.reviewId), 'a Hà Nam officer sees a Hà Nội review');
    assert.ok(((await call(CR_HANOI, { method: 'GET', url: '/api/v1/agencies/civil-registry/reviews?limit=200' })).body.items as { id: string }[]).some((x) => x.id === w.reviewId), 'control: the Hà Nội officer sees it');
  },
  'POST /api/v1/agencies/civil-registry/reviews/:id/decision': async ({ w, refused, call }) => {
    await refused(CR_HANAM, { method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${w.reviewId}/decision`, ...json({ decision: 'refuse', reason: 'not in my province' }) }, 404, 'a decision in another province');
    const still = (await call(CR_HANOI, { method: 'GET', url: '/api/v1/agencies/civil-registry/reviews?limit=200' })).body.items as { id: string }[];
    assert.ok(still.some((x) => x.id === w.reviewId), 'the review is still waiting');
  },
  'POST /api/v1/agencies/civil-registry/reviews/:id/claim': async ({ w, refused }) => {
    await refused(CR_HANAM, { method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${w.reviewId}/claim` }, 404, 'claiming a review in another province');
  },
  'POST /api/v1/agencies/civil-registry/reviews/:id/release': async ({ w, refused, call }) => {
    // Even a claim held by the Hà Nội officer cannot be given back by a Hà Nam one.
    assert.equal((await call(CR_HANOI, { method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${w.reviewId}/claim` })).status, 200, 'control: the Hà Nội officer claims it');
    await refused(CR_HANAM, { method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${w.reviewId}/release` }, 404, 'releasing a review in another province');
    assert.equal((await call(CR_HANOI, { method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${w.reviewId}/release` })).status, 200);
  },
  'POST /api/v1/agencies/health/death-notices': async ({ refused, call }) => {
    const notice = { facilityCode: '35001', noticeNumber: 'IDOR-1', deceasedPin: PEOPLE.deceasedMother, dateOfDeath: '2025-01-20', timeOfDeath: '08:30', placeOfDeath: 'Khoa Nội', causeCategory: 'illness' };
    const a = await call(facility('bv-a'), { method: 'POST', url: '/api/v1/agencies/health/death-notices', ...json(notice) });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    // Another facility's system re-files the same notice with other content: refused, the first one unchanged.
    await refused(facility('bv-b'), { method: 'POST', url: '/api/v1/agencies/health/death-notices', ...json({ ...notice, placeOfDeath: 'Somewhere else' }) }, 409, 'overwriting another facility’s notice');
    const back = await call(facility('bv-a'), { method: 'GET', url: `/api/v1/agencies/health/death-notices/${a.body.id as string}` });
    assert.equal(back.body.placeOfDeath, 'Khoa Nội');
  },
  'GET /api/v1/agencies/health/death-notices/:id': async ({ refused, call }) => {
    const notice = { facilityCode: '35002', noticeNumber: 'IDOR-2', deceasedPin: PEOPLE.deceasedMother, dateOfDeath: '2025-01-20', timeOfDeath: '09:30', placeOfDeath: 'Khoa Ngoại', causeCategory: 'illness' };
    const a = await call(facility('bv-a'), { method: 'POST', url: '/api/v1/agencies/health/death-notices', ...json(notice) });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    await refused(facility('bv-b'), { method: 'GET', url: `/api/v1/agencies/health/death-notices/${a.body.id as string}` }, 404, 'another facility’s notice');
  },
  'GET /api/v1/me/data-access': async ({ w, call }) => {
    // The view has no parameter to point elsewhere: what matters is that it shows only the caller's own data.
    const officer = { kind: 'officer', username: 'os-idor', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '35' } as Principal;
    assert.equal((await call(officer, { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` })).status, 200);
    const mother = await call(citizen(PEOPLE.mother), { method: 'GET', url: '/api/v1/me/data-access?limit=200' });
    assert.ok((mother.body.items as { resource: string }[]).some((i) => i.resource === `dossier/${w.dossiers.birth}`), 'control: the mother sees the read');
    const stranger = await call(citizen(PEOPLE.stranger), { method: 'GET', url: '/api/v1/me/data-access?limit=200' });
    assert.equal(stranger.status, 200);
    assert.ok(!(stranger.body.items as { resource: string }[]).some((i) => i.resource === `dossier/${w.dossiers.birth}`), 'a stranger sees reads of the mother’s data');
  },
  'GET /api/v1/me/voluntary-si': async ({ w, call }) => {
    // No parameter to point elsewhere: the son's view (he has a supplement pending, no voluntary SI) and the
    // stranger's must not carry anyone else's PIN or dossier.
    for (const pin of [PEOPLE.stranger, w.citizens[1]!]) {
      const r = await call(citizen(pin), { method: 'GET', url: '/api/v1/me/voluntary-si' });
      assert.equal(r.status, 200);
      const text = JSON.stringify(r.body);
      for (const other of [PEOPLE.mother, PEOPLE.youngMother, ...Object.values(w.dossiers)].filter((x) => x !== pin)) assert.ok(!text.includes(other), `${pin.slice(0, 3)}…’s view names ${other}`);
      assert.deepEqual(r.wrote, []);
    }
  },
  'POST /api/v1/agencies/social-security/cash-receipts': async ({ call, refused }) => {
    // Cash for a Hà Nam registration, taken by a Hà Nội collector: refused (the reference says whose it is), nothing booked.
    const body = await refused(VSS_HANOI, { method: 'POST', url: '/api/v1/agencies/social-security/cash-receipts', ...json({ reference: await voluntaryReference(call), amount: 1000, receiptNumber: 'IDOR-HN-1' }) }, 403, 'cash for another province’s registration');
    assert.deepEqual((body.fields as { path: string; code: string }[]).map((f) => [f.path, f.code]), [['reference', 'outside-area']]);
  },
  'GET /api/v1/agencies/social-security/payments/exceptions': async ({ call }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-1');
    const hanoi = await call(VSS_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/payments/exceptions?status=all' });
    assert.equal(hanoi.status, 200);
    assert.ok(!(hanoi.body.items as { id: string }[]).some((x) => x.id === id), 'a Hà Nội officer sees a Hà Nam payment');
    assert.deepEqual(hanoi.wrote, []);
  },
  'POST /api/v1/agencies/social-security/payments/:id/resolve': async ({ call, refused }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-2');
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/payments/${id}/resolve`, ...json({ action: 'refund', reason: 'not ours to refund' }) }, 404, 'resolving a payment in another province');
    const still = await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/payments/exceptions' });
    assert.ok((still.body.items as { id: string }[]).some((x) => x.id === id), 'the payment is still open in Hà Nam');
  },
  'GET /api/v1/agencies/social-security/payments/worklist': async ({ call }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-3');
    const hanoi = await call(VSS_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/payments/worklist?status=all&limit=200' });
    assert.equal(hanoi.status, 200);
    assert.ok(!(hanoi.body.items as { id: string }[]).some((x) => x.id === id), 'a Hà Nội officer sees a Hà Nam payment on the worklist');
    assert.deepEqual(hanoi.wrote, [], 'nothing read, nothing audited');
    assert.ok(((await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/payments/worklist?limit=200' })).body.items as { id: string }[]).some((x) => x.id === id), 'control: Hà Nam lists it');
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/claim': async ({ call, refused }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-4');
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/payments/worklist/${id}/claim` }, 404, 'claiming another province’s payment');
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/release': async ({ call, refused }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-5');
    // Even a claim held in Hà Nam cannot be given back from Hà Nội.
    assert.equal((await call(VSS_HANAM, { method: 'POST', url: `/api/v1/agencies/social-security/payments/worklist/${id}/claim` })).status, 200, 'control: Hà Nam claims it');
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/payments/worklist/${id}/release` }, 404, 'releasing another province’s payment');
    assert.equal((await call(VSS_HANAM, { method: 'POST', url: `/api/v1/agencies/social-security/payments/worklist/${id}/release` })).status, 200);
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/resolve': async ({ call, refused }) => {
    const id = await unmatchedInHanam(call, 'IDOR-HNM-6');
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/payments/worklist/${id}/resolve`, ...json({ action: 'refund', reason: 'not ours to refund' }) }, 404, 'resolving another province’s payment');
  },
  'GET /api/v1/dashboard/overdue': async ({ refused, call }) => {
    // No personal data, but by agency and area: another province or another agency is refused; the own view is 200.
    const province = await refused(CR_HANOI, { method: 'GET', url: '/api/v1/dashboard/overdue?provinceCode=35' }, 403, 'another province’s overdue items');
    assert.deepEqual((province.fields as { path: string; code: string }[]).map((f) => [f.path, f.code]), [['query.provinceCode', 'outside-area']]);
    const agency = await refused(CR_HANOI, { method: 'GET', url: '/api/v1/dashboard/overdue?agency=social-security' }, 403, 'another agency’s overdue items');
    assert.deepEqual((agency.fields as { path: string; code: string }[]).map((f) => [f.path, f.code]), [['query.agency', 'other-agency']]);
    const own = await call(CR_HANOI, { method: 'GET', url: '/api/v1/dashboard/overdue' });
    assert.deepEqual([own.status, own.body.agency, own.body.provinceCode, own.wrote], [200, 'civil-registry', '01', []]);
  },
  'GET /api/v1/settings/agency-mailboxes': async ({ call }) => {
    assert.equal((await call(HUB_OPERATOR, { method: 'PUT', url: '/api/v1/settings/agency-mailboxes/civil-registry/35', ...json({ email: 'hotich.hanam@example.vn', reason: 'IDOR test' }) })).status, 200, 'control: set by the national operator');
    const hanoi = await call(HUB_OPERATOR_HANOI, { method: 'GET', url: '/api/v1/settings/agency-mailboxes' });
    assert.equal(hanoi.status, 200);
    assert.ok(!JSON.stringify(hanoi.body).includes('hotich.hanam'), 'a Hà Nội operator sees Hà Nam’s mailbox');
    assert.deepEqual(hanoi.wrote, []);
  },
  'PUT /api/v1/settings/agency-mailboxes/:agency/:provinceCode': async ({ refused, call }) => {
    await refused(HUB_OPERATOR_HANOI, { method: 'PUT', url: '/api/v1/settings/agency-mailboxes/social-security/35', ...json({ email: 'x@example.vn', reason: 'not my province' }) }, 404, 'setting another province’s mailbox');
    await refused(VSS_OPERATOR, { method: 'PUT', url: '/api/v1/settings/agency-mailboxes/social-security/35', ...json({ email: 'x@example.vn', reason: 'not my agency’s setting' }) }, 403, 'an agency’s operator setting the hub’s mailboxes');
    const all = (await call(HUB_OPERATOR, { method: 'GET', url: '/api/v1/settings/agency-mailboxes' })).body.items as { agency: string; provinceCode: string }[];
    assert.ok(!all.some((m) => m.agency === 'social-security' && m.provinceCode === '35'), 'unchanged');
  },
  'GET /api/v1/agencies/social-security/reports/:code.xlsx': async ({ call, refused }) => {
    // A Hà Nội collector asks for Hà Nam's list of cards: refused, and nothing audited (nothing was read).
    const body = await refused(VSS_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/reports/D103-TS.xlsx?period=2025-01&provinceCode=35' }, 403, 'another province’s report');
    assert.deepEqual((body.fields as { path: string; code: string }[]).map((f) => [f.path, f.code]), [['provinceCode', 'outside-area']]);
    assert.equal((await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/reports/D103-TS.xlsx?period=2025-01' })).status, 200, 'control');
  },
  'GET /api/v1/agencies/social-security/reports/:code.pdf': async ({ refused }) => {
    await refused(VSS_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/reports/C69-HD.pdf?period=2025-01-24&provinceCode=35' }, 403, 'another province’s money report');
  },
  'POST /api/v1/officers': async ({ refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: '/api/v1/officers', ...json({ username: 'idor-cr', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }) }, 403, 'an account in another agency');
  },
  'GET /api/v1/officers': async ({ w, call }) => {
    const r = await call(POP_OPERATOR, { method: 'GET', url: '/api/v1/officers?limit=200' });
    assert.equal(r.status, 200);
    assert.ok(!(r.body.items as { username: string; agency: string }[]).some((o) => o.agency !== 'population' || o.username === w.officerUsername), 'another agency’s accounts listed');
    assert.ok(((await call(CR_OPERATOR, { method: 'GET', url: '/api/v1/officers?limit=200' })).body.items as { username: string }[]).some((o) => o.username === w.officerUsername), 'control');
  },
  'POST /api/v1/officers/:username/disable': async ({ w, refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: `/api/v1/officers/${w.officerUsername}/disable` }, 404, 'disabling another agency’s officer');
  },
  'POST /api/v1/officers/:username/unlock': async ({ w, refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: `/api/v1/officers/${w.officerUsername}/unlock` }, 404, 'unlocking another agency’s officer');
  },
  'POST /api/v1/officers/:username/reset-credentials': async ({ w, refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: `/api/v1/officers/${w.officerUsername}/reset-credentials` }, 404, 'resetting another agency’s officer');
  },
  'POST /api/v1/clients': async ({ refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: '/api/v1/clients', ...json({ clientId: 'idor-client', name: 'Not ours', agency: 'civil-registry', scopes: ['birth-notices:submit'] }) }, 403, 'a client for another agency');
  },
  'POST /api/v1/clients/:clientId/rotate-secret': async ({ w, refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: `/api/v1/clients/${w.clientId}/rotate-secret` }, 404, 'rotating another agency’s client secret');
  },
  'POST /api/v1/clients/:clientId/disable': async ({ w, refused }) => {
    await refused(POP_OPERATOR, { method: 'POST', url: `/api/v1/clients/${w.clientId}/disable` }, 404, 'disabling another agency’s client');
  },
  'POST /api/v1/auth/sign-out-everywhere': async ({ w, call }) => {
    // Only the caller's own tokens are voided: the stranger signing out everywhere leaves the mother signed in.
    const out = await call(citizen(PEOPLE.stranger), { method: 'POST', url: '/api/v1/auth/sign-out-everywhere' });
    assert.equal(out.status, 200);
    assert.equal((await call(citizen(PEOPLE.mother), { method: 'GET', url: `/api/v1/dossiers/${w.dossiers.birth}` })).status, 200, 'the mother’s token, issued before, still works');
  },
  'GET /api/v1/agencies/social-security/settings/provinces/:provinceCode': async ({ refused, call }) => {
    await refused(VSS_OPERATOR_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/settings/provinces/35' }, 404, 'a province-bound operator reading another province’s settings');
    assert.equal((await call(VSS_OPERATOR, { method: 'GET', url: '/api/v1/agencies/social-security/settings/provinces/35' })).status, 200, 'control: the national operator');
  },
  'PUT /api/v1/agencies/social-security/settings/provinces/:provinceCode': async ({ refused, call }) => {
    await refused(VSS_OPERATOR_HANOI, { method: 'PUT', url: '/api/v1/agencies/social-security/settings/provinces/35', ...json({ hiCardApproval: 'director', reason: 'not my province' }) }, 404, 'changing another province’s settings');
    await refused(POP_OPERATOR, { method: 'PUT', url: '/api/v1/agencies/social-security/settings/provinces/35', ...json({ hiCardApproval: 'director', reason: 'not my agency' }) }, 403, 'another agency’s operator');
    assert.equal((await call(VSS_OPERATOR, { method: 'GET', url: '/api/v1/agencies/social-security/settings/provinces/35' })).body.hiCardApproval, 'automatic', 'unchanged');
  },
  'GET /api/v1/settings/time-limits/:provinceCode': async ({ refused, call }) => {
    await refused(HUB_OPERATOR_HANOI, { method: 'GET', url: '/api/v1/settings/time-limits/35' }, 404, 'a province-bound operator reading another province’s time limits');
    assert.equal((await call(HUB_OPERATOR, { method: 'GET', url: '/api/v1/settings/time-limits/35' })).status, 200, 'control: the national operator');
  },
  'PUT /api/v1/settings/time-limits/:provinceCode': async ({ refused, call }) => {
    const change = { effectiveFrom: '2030-01-01', limits: [{ group: 'birth', procedure: 'hi-card', workingDays: 1 }], reason: 'not my province' };
    await refused(HUB_OPERATOR_HANOI, { method: 'PUT', url: '/api/v1/settings/time-limits/35', ...json(change) }, 404, 'setting another province’s time limits');
    await refused(VSS_OPERATOR, { method: 'PUT', url: '/api/v1/settings/time-limits/35', ...json(change) }, 403, 'an agency’s operator setting the hub’s limits');
    assert.deepEqual((await call(HUB_OPERATOR, { method: 'GET', url: '/api/v1/settings/time-limits/35' })).body.changes, [], 'unchanged');
  },
  'PUT /api/v1/settings/calendars/:year': async ({ refused, call }) => {
    // The calendar is national: a province-bound operator may read it, not set it; another agency's operator neither.
    const change = { off: [['2030-01-01', '2030-01-01']], workingSaturdays: [], legalBasis: 'not mine', reason: 'not mine' };
    await refused(HUB_OPERATOR_HANOI, { method: 'PUT', url: '/api/v1/settings/calendars/2030', ...json(change) }, 403, 'a province-bound operator setting the national calendar');
    await refused(VSS_OPERATOR, { method: 'PUT', url: '/api/v1/settings/calendars/2030', ...json(change) }, 403, 'an agency’s operator setting the hub’s calendar');
    assert.deepEqual((await call(HUB_OPERATOR, { method: 'GET', url: '/api/v1/settings/calendars/2030' })).body.changes, [], 'unchanged');
  },
  'POST /api/v1/agencies/social-security/rules/:table/versions': async ({ refused, call }) => {
    // The rule tables are national: only social security's national operator adds a version.
    const version = { version: 'idor-base-salary', effectiveFrom: '2030-01-01', value: 3_000_000, legalBasis: 'not mine', reason: 'not mine' };
    await refused(VSS_OPERATOR_HANOI, { method: 'POST', url: '/api/v1/agencies/social-security/rules/base-salary/versions', ...json(version) }, 403, 'a province-bound operator changing a national table');
    await refused(HUB_OPERATOR, { method: 'POST', url: '/api/v1/agencies/social-security/rules/base-salary/versions', ...json(version) }, 403, 'the hub’s operator changing social security’s table');
    const tables = (await call(VSS_OPERATOR, { method: 'GET', url: '/api/v1/agencies/social-security/rules' })).body.tables as { versions: { version: string }[] }[];
    assert.ok(!tables.some((x) => x.versions.some((v) => v.version === version.version)), 'unchanged');
  },
  'GET /api/v1/agencies/social-security/worklist': async ({ call }) => {
    const id = await hiCardItemInHanam(call);
    const hanoi = await call(VSS_HANOI, { method: 'GET', url: '/api/v1/agencies/social-security/worklist?status=open&limit=200' });
    assert.equal(hanoi.status, 200);
    assert.ok(!(hanoi.body.items as { id: string }[]).some((x) => x.id === id), 'a Hà Nội collector sees a Hà Nam HI card');
    assert.deepEqual(hanoi.wrote, []);
  },
  'POST /api/v1/agencies/social-security/worklist/:id/claim': async ({ call, refused }) => {
    const id = await hiCardItemInHanam(call);
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/worklist/${id}/claim` }, 404, 'claiming another province’s item');
  },
  'POST /api/v1/agencies/social-security/worklist/:id/release': async ({ call, refused }) => {
    const id = await hiCardItemInHanam(call);
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/worklist/${id}/release` }, 404, 'releasing another province’s item');
  },
  'POST /api/v1/agencies/social-security/worklist/:id/decision': async ({ call, refused }) => {
    const id = await hiCardItemInHanam(call);
    await refused(VSS_HANOI, { method: 'POST', url: `/api/v1/agencies/social-security/worklist/${id}/decision`, ...json({ decision: 'refuse', reason: 'not in my province' }) }, 404, 'deciding another province’s item');
    const still = await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/worklist?status=open&limit=200' });
    assert.ok((still.body.items as { id: string; status: string }[]).some((x) => x.id === id && x.status === 'to-check'), 'the item still waits in Hà Nam');
  },
};

const VSS_HANOI: Principal = { kind: 'officer', username: 'vss-hanoi', agency: 'social-security', role: 'vss-collector', provinceCode: '01' };
const VSS_HANAM: Principal = { kind: 'officer', username: 'vss-hanam', agency: 'social-security', role: 'vss-collector', provinceCode: '35' };

let reference: Promise<string> | undefined;
/** The payment reference of a voluntary-SI registration (the newcomer's, in Hà Nam), made once. */
function voluntaryReference(call: Ctx['call']): Promise<string> {
  reference ??= (async () => {
    const sub = await call(citizen(VOLUNTARY.newcomer), { method: 'POST', url: '/api/v1/dossiers', ...json({ group: 'voluntary-si', declaration: voluntarySiDeclaration() }) });
    assert.equal(sub.status, 202, JSON.stringify(sub.body));
    const found = await eventually(async () => {
      const d = await call(citizen(VOLUNTARY.newcomer), { method: 'GET', url: `/api/v1/dossiers/${sub.body.id as string}` });
      return /BHXHTN\d{13}/.exec(JSON.stringify(d.body))?.[0];
    }, 'the payment reference');
    return found;
  })();
  return reference;
}

const VSS_OPERATOR: Principal = { kind: 'officer', username: 'it-vss', agency: 'social-security', role: 'it-operator', provinceCode: null };
const VSS_OPERATOR_HANOI: Principal = { kind: 'officer', username: 'it-vss-hanoi', agency: 'social-security', role: 'it-operator', provinceCode: '01' };

const HUB_OPERATOR: Principal = { kind: 'officer', username: 'it-hub', agency: 'hub', role: 'it-operator', provinceCode: null };
const HUB_OPERATOR_HANOI: Principal = { kind: 'officer', username: 'it-hub-hanoi', agency: 'hub', role: 'it-operator', provinceCode: '01' };

let hiCardItem: Promise<string> | undefined;
/** An HI card waiting on Hà Nam's worklist (the province switched to the director's approval for one birth, then back); its id. */
function hiCardItemInHanam(call: Ctx['call']): Promise<string> {
  hiCardItem ??= (async () => {
    const settings = (hiCardApproval: string) => call(VSS_OPERATOR, { method: 'PUT', url: '/api/v1/agencies/social-security/settings/provinces/35', ...json({ hiCardApproval, reason: 'IDOR test' }) });
    assert.equal((await settings('director')).status, 200);
    const sub = await call(citizen(PEOPLE.mother), { method: 'POST', url: '/api/v1/dossiers', ...json({ group: 'birth', declaration: { declarant: { pin: PEOPLE.mother, relationship: 'mother' }, child: { fullName: 'Lê Thẻ Chờ', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' }, mother: { pin: PEOPLE.mother }, residence: { householdOf: 'mother' }, healthInsurance: { initialFacilityCode: '35001' } } }) });
    assert.equal(sub.status, 202, JSON.stringify(sub.body));
    const id = await eventually(async () => {
      const list = await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/worklist?status=open&limit=200' });
      return (list.body.items as { id: string; dossierId: string }[]).find((x) => x.dossierId === sub.body.id)?.id;
    }, 'the HI card on Hà Nam’s worklist');
    assert.equal((await settings('automatic')).status, 200);
    return id;
  })();
  return hiCardItem;
}

/** A cash receipt for part of what is due: a partial payment, open in Hà Nam's list; its id. */
async function unmatchedInHanam(call: Ctx['call'], receiptNumber: string): Promise<string> {
  const r = await call(VSS_HANAM, { method: 'POST', url: '/api/v1/agencies/social-security/cash-receipts', ...json({ reference: await voluntaryReference(call), amount: 1000, receiptNumber }) });
  assert.ok(r.status < 300, JSON.stringify(r.body));
  const id = (r.body.payment as { id: string }).id;
  const list = await call(VSS_HANAM, { method: 'GET', url: '/api/v1/agencies/social-security/payments/exceptions' });
  assert.ok((list.body.items as { id: string }[]).some((x) => x.id === id), 'control: Hà Nam lists its unmatched payment');
  return id;
}

const ROLE: Record<string, string> = { 'civil-registry': 'civil-registry-officer', population: 'population-officer', 'social-security': 'vss-collector' };
const roleOf = (agency: string) => ROLE[agency] as never;

/** An agency with no procedure in the dossier (so its officers and systems have no business reading it). */
async function agencyNotOn(call: Ctx['call'], id: string): Promise<string> {
  const view = await call({ kind: 'officer', username: 'os', agency: 'hub', role: 'one-stop-shop-officer', provinceCode: '35' }, { method: 'GET', url: `/api/v1/dossiers/${id}` });
  const on = new Set((view.body.procedures as { agency: string }[]).map((p) => p.agency));
  const other = Object.keys(ROLE).find((a) => !on.has(a));
  assert.ok(other, `every agency works on ${id}`);
  return other;
}

describe('IDOR: every owned resource, tried by someone it does not belong to', () => {
  let w: World;
  let ctx: Ctx;
  before(async () => {
    w = await buildWorld('pglite');
    const watch = new WriteWatch(w.t.p.db, snapshotter(w.t.p.db, await tablesOf(w.t.p.db)));
    const tokens = new Map<string, string>();
    // One token per principal, issued once: sign-out-everywhere must leave everyone else's earlier tokens working.
    const call: Ctx['call'] = async (who, req) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await w.t.token(who));
      // What earlier calls set going (messages, and the relay marking them published) finishes first: only this
      // call's writes are compared.
      await eventually(async () => ((await w.t.p.backlog()) === 0 ? true : undefined), 'the platform idle');
      const before = await watch.now();
      const res = await w.t.p.app.inject({ ...req, headers: { ...(req.headers as object), authorization: `Bearer ${tokens.get(key)}` } });
      const wrote = (await watch.changedSince(before)).filter((t) => !TIMER_TABLES.has(t));
      return { status: res.statusCode, body: (res.headers['content-type'] ?? '').toString().includes('json') ? (res.json() as Record<string, unknown>) : {}, wrote };
    };
    ctx = {
      w,
      call,
      async refused(who, req, status, why) {
        const r = await call(who, req);
        assert.equal(r.status, status, `${why}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        assert.deepEqual(r.wrote, [], `${why}: wrote to ${r.wrote.join(', ')}`);
        return r.body;
      },
    };
  });
  after(async () => w?.t.close());

  test('every owned resource in the policy has an IDOR case, and every case an owned route', () => {
    const owned = Object.entries(ROUTE_POLICIES).filter(([, p]) => OWNED.has(p.resource)).map(([k]) => k);
    assert.deepEqual(owned.filter((k) => !CASES[k]), [], 'owned routes without an IDOR case');
    assert.deepEqual(Object.keys(CASES).filter((k) => !owned.includes(k)), [], 'IDOR cases for routes that are gone or no longer owned');
  });

  for (const [key, run] of Object.entries(CASES)) test(key, () => run(ctx));
});
