import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyReply, InjectOptions } from 'fastify';
import { ROUTE_POLICIES } from '../../src/app/route-policies.ts';
import { OfficeSessions } from '../../src/office/session.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { KeyRing } from '../../src/platform/crypto/secret-box.ts';
import { birthDeclaration, citizens, DEATH, deathDeclaration, PEOPLE, VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { snapshotter, tablesOf, WriteWatch } from './fuzz/snapshot.ts';

/**
 * IDOR on the pages (issue 4, test gap 5): the portal's and the back office's routes that take an id in the path
 * carry the caller in a cookie (`resource: 'session-cookie'` in route-policies.ts), so idor.test.ts, which walks the
 * API's owned routes, never reaches them. Here a stranger with a real session — another citizen, an officer of
 * another province or agency, an IT operator bound to another province — points each of them at someone else's
 * dossier, review, HI card, payment, account or report: the answer is 404 (403 where the API itself says 403: a
 * report of another province, a role that may not act), and nothing is written in any table. A new page route with
 * a path parameter and no case here fails the first test.
 */

type Officer = Extract<Principal, { kind: 'officer' }>;
type Caller = { kind: 'citizen'; pin: string } | Officer;

/** Path parameters that name no one's thing, and why (a route listed here needs no IDOR case). */
const NOT_AN_ID: Record<string, string> = {
  'POST /portal/check/:group': 'the kind of form (birth, death, voluntary-si): a dry run of the session citizen’s own fields, nothing stored or read of anyone else',
};
/** Written on a timer whatever the requests (the audit trail's anchor), so never a sign of an IDOR write. */
const TIMER_TABLES = new Set(['audit.anchors']);

const citizen = (pin: string): Caller => ({ kind: 'citizen', pin });
const officer = (username: string, agency: Officer['agency'], role: Officer['role'], provinceCode: string | null): Officer => ({ kind: 'officer', username, agency, role, provinceCode });
const CR_HANOI = officer('cr-hanoi', 'civil-registry', 'civil-registry-officer', '01');
const CR_HANAM = officer('cr-hanam', 'civil-registry', 'civil-registry-officer', '35');
const POP_HANAM = officer('pop-hanam', 'population', 'population-officer', '35');
const VSS_HANOI = officer('vss-hanoi', 'social-security', 'vss-collector', '01');
const VSS_HANAM = officer('vss-hanam', 'social-security', 'vss-collector', '35');
const DIRECTOR_HANOI = officer('director-hanoi', 'social-security', 'vss-director', '01');
const FINANCE_HANOI = officer('finance-hanoi', 'social-security', 'planning-finance-officer', '01');
const POP_OPERATOR = officer('it-population', 'population', 'it-operator', null);
const CR_OPERATOR = officer('it-civil-registry', 'civil-registry', 'it-operator', null);
const CR_OPERATOR_HANOI = officer('it-civil-registry-hanoi', 'civil-registry', 'it-operator', '01');
const VSS_OPERATOR = officer('it-vss', 'social-security', 'it-operator', null);

interface World {
  readonly t: TestPlatform;
  /** The mother's birth (Hà Nam, completed, with documents) and one result document's code. */
  readonly birth: string;
  readonly birthDocument: string;
  /** The son's death dossier, waiting for his answer to a supplement request. */
  readonly awaitingSupplement: string;
  /** A Hà Nội birth in the civil-registry officer's review. */
  readonly reviewId: string;
  /** An HI card waiting on Hà Nam's worklist. */
  readonly hiCardItem: string;
  /** A partial payment on Hà Nam's list of payments to resolve. */
  readonly paymentItem: string;
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly location: string | undefined;
  /** The tables the request changed. */
  readonly wrote: string[];
}

interface Ctx {
  readonly w: World;
  /** A page as `who` (with their session cookie; a form post with the session's CSRF token), and what it wrote. */
  page(who: Caller, method: 'GET' | 'POST', url: string, fields?: Record<string, string>): Promise<Answer>;
  /** The same, asserting `status` and that nothing was written. */
  refused(who: Caller, method: 'GET' | 'POST', url: string, fields: Record<string, string> | undefined, status: number, why: string): Promise<Answer>;
  /** The API as `who` (for controls: the thing is still as it was). */
  api(who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

const SUPPLEMENT = (procedure = 'death-benefits') => ({
  _procedure: procedure,
  'answer.declaration.relatives.0.incapacityPercent.assessmentNumber': 'GĐYK-35/2024-999',
  'answer.declaration.relatives.0.incapacityPercent.assessedOn': '2024-06-10',
  'answer.declaration.relatives.0.incapacityPercent.incapacityPercent': '95',
});

/** Each page route's attempts, keyed as route-policies.ts names the route. */
const CASES: Record<string, (c: Ctx) => Promise<void>> = {
  'GET /portal/dossiers/:id': async ({ w, refused, page }) => {
    await refused(citizen(PEOPLE.stranger), 'GET', `/portal/dossiers/${w.birth}`, undefined, 404, 'another citizen’s dossier page');
    await refused(citizen(DEATH.disabledSon), 'GET', `/portal/dossiers/${w.birth}`, undefined, 404, 'a citizen with dossiers of his own, not this one');
    assert.equal((await page(citizen(PEOPLE.mother), 'GET', `/portal/dossiers/${w.birth}`)).status, 200, 'control: the mother');
  },
  'GET /portal/dossiers/:id/documents/:code.pdf': async ({ w, refused, page }) => {
    await refused(citizen(PEOPLE.stranger), 'GET', `/portal/dossiers/${w.birth}/documents/${w.birthDocument}.pdf`, undefined, 404, 'another citizen’s PDF');
    // The right code through a dossier of one's own: the code belongs to its dossier, not to whoever names it.
    await refused(citizen(DEATH.disabledSon), 'GET', `/portal/dossiers/${w.awaitingSupplement}/documents/${w.birthDocument}.pdf`, undefined, 404, 'another dossier’s PDF asked through one’s own');
    assert.equal((await page(citizen(PEOPLE.mother), 'GET', `/portal/dossiers/${w.birth}/documents/${w.birthDocument}.pdf`)).status, 200, 'control: the mother');
  },
  'POST /portal/dossiers/:id/supplements': async ({ w, refused, api }) => {
    await refused(citizen(PEOPLE.stranger), 'POST', `/portal/dossiers/${w.awaitingSupplement}/supplements`, SUPPLEMENT(), 404, 'answering another citizen’s supplement request');
    await refused(citizen(PEOPLE.mother), 'POST', `/portal/dossiers/${w.awaitingSupplement}/supplements`, SUPPLEMENT(), 404, 'the mother, named nowhere in that death dossier');
    // The procedure named in the form is no way in either: the mother's own completed birth has nothing to answer,
    // and the son's request cannot be reached through her dossier.
    await refused(citizen(PEOPLE.stranger), 'POST', `/portal/dossiers/${w.birth}/supplements`, SUPPLEMENT('birth-registration'), 404, 'a supplement on another citizen’s completed dossier');
    const still = await api(citizen(DEATH.disabledSon), 'GET', `/api/v1/dossiers/${w.awaitingSupplement}`);
    assert.equal(still.body.status, 'awaiting-supplement', 'the request still waits for the son');
  },
  'POST /office/reviews/:id': async ({ w, refused, page, api }) => {
    const form = (action: string, extra: Record<string, string> = {}) => ({ _action: action, _return: '/office/reviews', ...extra });
    await refused(CR_HANAM, 'POST', `/office/reviews/${w.reviewId}`, form('claim'), 404, 'claiming a review of another province');
    await refused(CR_HANAM, 'POST', `/office/reviews/${w.reviewId}`, form('refuse', { reason: 'other', reasonOther: 'not in my province' }), 404, 'refusing a birth of another province');
    await refused(POP_HANAM, 'POST', `/office/reviews/${w.reviewId}`, form('claim'), 403, 'an officer of another agency (the API says 403: not a civil-registry officer)');
    // Control: the Hà Nội officer may take it (and gives it back).
    assert.equal((await page(CR_HANOI, 'POST', `/office/reviews/${w.reviewId}`, form('claim'))).status, 303, 'control: the Hà Nội officer claims it');
    assert.equal((await page(CR_HANOI, 'POST', `/office/reviews/${w.reviewId}`, form('release'))).status, 303);
    const list = await api(CR_HANOI, 'GET', '/api/v1/agencies/civil-registry/reviews?limit=200');
    assert.ok((list.body.items as { id: string }[]).some((x) => x.id === w.reviewId), 'the review still waits in Hà Nội');
  },
  'POST /office/hi-cards/:id': async ({ w, refused, api }) => {
    const form = (action: string, extra: Record<string, string> = {}) => ({ _action: action, _return: '/office/hi-cards', ...extra });
    await refused(VSS_HANOI, 'POST', `/office/hi-cards/${w.hiCardItem}`, form('claim'), 404, 'claiming an HI card of another province');
    await refused(VSS_HANOI, 'POST', `/office/hi-cards/${w.hiCardItem}`, form('submit-for-approval'), 404, 'passing on an HI card of another province');
    await refused(DIRECTOR_HANOI, 'POST', `/office/hi-cards/${w.hiCardItem}`, form('approve'), 404, 'a director approving another province’s HI card');
    await refused(DIRECTOR_HANOI, 'POST', `/office/hi-cards/${w.hiCardItem}`, form('refuse', { reason: 'other', reasonOther: 'not mine' }), 404, 'a director refusing another province’s HI card');
    await refused(CR_HANAM, 'POST', `/office/hi-cards/${w.hiCardItem}`, form('claim'), 403, 'an officer of another agency in the same province (the API says 403)');
    const still = await api(VSS_HANAM, 'GET', '/api/v1/agencies/social-security/worklist?status=open&limit=200');
    assert.ok((still.body.items as { id: string; status: string; claimedBy?: unknown }[]).some((x) => x.id === w.hiCardItem && x.status === 'to-check'), 'the card still waits in Hà Nam, unchanged');
  },
  'POST /office/payments/:id': async ({ w, refused, api }) => {
    const form = (action: string, extra: Record<string, string> = {}) => ({ _action: action, _return: '/office/payments', ...extra });
    await refused(VSS_HANOI, 'POST', `/office/payments/${w.paymentItem}`, form('claim'), 404, 'claiming a payment of another province');
    await refused(FINANCE_HANOI, 'POST', `/office/payments/${w.paymentItem}`, form('refund', { reason: 'other', reasonOther: 'not ours to refund' }), 404, 'refunding a payment of another province');
    await refused(FINANCE_HANOI, 'POST', `/office/payments/${w.paymentItem}`, form('assign', { reference: 'BHXHTN0000000000000', reason: 'other', reasonOther: 'not ours' }), 404, 'assigning a payment of another province');
    await refused(CR_HANAM, 'POST', `/office/payments/${w.paymentItem}`, form('claim'), 403, 'an officer of another agency in the same province (the API says 403)');
    const still = await api(VSS_HANAM, 'GET', '/api/v1/agencies/social-security/payments/exceptions');
    assert.ok((still.body.items as { id: string }[]).some((x) => x.id === w.paymentItem), 'the payment is still open in Hà Nam');
  },
  'GET /office/dossiers/:id': async ({ w, refused, page, api }) => {
    await refused(CR_HANOI, 'GET', `/office/dossiers/${w.birth}`, undefined, 404, 'a civil-registry officer of another province');
    await refused(VSS_HANOI, 'GET', `/office/dossiers/${w.birth}`, undefined, 404, 'a social-security officer of another province');
    // An agency with no procedure in the death dossier (its officer in the dossier's own province) has no business there.
    const view = await api(officer('os-hanam', 'hub', 'one-stop-shop-officer', '35'), 'GET', `/api/v1/dossiers/${w.awaitingSupplement}`);
    const on = new Set((view.body.procedures as { agency: string }[]).map((p) => p.agency));
    const other = [POP_HANAM, CR_HANAM, VSS_HANAM].find((o) => !on.has(o.agency));
    assert.ok(other, 'an agency not on the death dossier');
    await refused(other, 'GET', `/office/dossiers/${w.awaitingSupplement}`, undefined, 404, `an officer of ${other.agency}, which has no procedure in it`);
    assert.equal((await page(CR_HANAM, 'GET', `/office/dossiers/${w.birth}`)).status, 200, 'control: the Hà Nam officer');
  },
  'GET /office/dossiers/:id/documents/:code.pdf': async ({ w, refused, page }) => {
    await refused(CR_HANOI, 'GET', `/office/dossiers/${w.birth}/documents/${w.birthDocument}.pdf`, undefined, 404, 'a PDF of another province’s dossier');
    await refused(CR_HANOI, 'GET', `/office/dossiers/${w.awaitingSupplement}/documents/${w.birthDocument}.pdf`, undefined, 404, 'a PDF asked through another dossier');
    assert.equal((await page(CR_HANAM, 'GET', `/office/dossiers/${w.birth}/documents/${w.birthDocument}.pdf`)).status, 200, 'control: the Hà Nam officer');
  },
  'GET /office/reports/:code.xlsx': async ({ refused, page }) => {
    // The API says 403 for another province and for a role the report is not for; nothing is drawn, nothing audited.
    await refused(VSS_HANOI, 'GET', '/office/reports/D103-TS.xlsx?period=2025-01&provinceCode=35', undefined, 403, 'another province’s list of cards');
    await refused(DIRECTOR_HANOI, 'GET', '/office/reports/D10a-TS.xlsx?period=2025-01&provinceCode=35', undefined, 403, 'a director of another province');
    await refused(FINANCE_HANOI, 'GET', '/office/reports/D103-TS.xlsx?period=2025-01', undefined, 403, 'a role the report is not for');
    await refused(CR_HANAM, 'GET', '/office/reports/D103-TS.xlsx?period=2025-01', undefined, 403, 'an officer of another agency');
    const own = await page(VSS_HANAM, 'GET', '/office/reports/D103-TS.xlsx?period=2025-01');
    assert.equal(own.status, 200, 'control: Hà Nam’s collector draws Hà Nam’s');
    assert.notDeepEqual(own.wrote, [], 'control: a drawn report is in the audit trail');
  },
  'GET /office/reports/:code.pdf': async ({ refused }) => {
    await refused(VSS_HANOI, 'GET', '/office/reports/C69-HD.pdf?period=2025-01-24&provinceCode=35', undefined, 403, 'another province’s money report');
    await refused(FINANCE_HANOI, 'GET', '/office/reports/C83-HD.pdf?period=2025-01&provinceCode=35', undefined, 403, 'the accounts of another province');
  },
  'POST /office/officers/:username': async ({ refused, page, api }) => {
    const form = (action: string) => ({ _action: action, _return: '/office/officers' });
    for (const action of ['disable', 'unlock', 'reset-credentials']) {
      await refused(POP_OPERATOR, 'POST', `/office/officers/cr-hanoi`, form(action), 404, `${action}: another agency’s account`);
      await refused(CR_OPERATOR_HANOI, 'POST', `/office/officers/cr-hanam`, form(action), 404, `${action}: an account of another province, by an operator bound to Hà Nội`);
    }
    await refused(CR_HANAM, 'POST', `/office/officers/cr-hanoi`, form('disable'), 403, 'an officer who is no IT operator (the API says 403)');
    // Control: the Hà Nội operator may act on the Hà Nội account.
    assert.equal((await page(CR_OPERATOR_HANOI, 'POST', '/office/officers/cr-hanoi', form('unlock'))).status, 303, 'control');
    const accounts = (await api(CR_OPERATOR, 'GET', '/api/v1/officers?limit=200')).body.items as { username: string; status: string }[];
    assert.deepEqual(
      accounts.filter((a) => a.username === 'cr-hanoi' || a.username === 'cr-hanam').map((a) => [a.username, a.status]).sort(),
      [['cr-hanam', 'active'], ['cr-hanoi', 'active']],
      'both accounts still active',
    );
  },
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The seeded world: a dossier of each kind the pages open, a review, an HI card and a payment waiting, two accounts. */
async function buildWorld(identityKey: string): Promise<World> {
  process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE = '0';
  const t = await startTestPlatform('pglite', START, { identityKey });
  const api = async (who: Principal, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.p.app.inject({ method, url, headers: bearer(await t.token(who)), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };
  const submit = async (pin: string, group: string, declaration: unknown) => {
    const r = await api(citizen(pin), 'POST', '/api/v1/dossiers', { group, declaration });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const dossier = (pin: string, id: string) => api(citizen(pin), 'GET', `/api/v1/dossiers/${id}`).then((r) => r.body as { status: string; procedures: { inReview?: boolean; result?: { payment?: { reference: string } } }[] });

  const birth = await submit(PEOPLE.mother, 'birth', birthDeclaration());
  const young = birthDeclaration({
    declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
    mother: { pin: PEOPLE.youngMother },
    child: { fullName: 'Ngô Gia Bảo', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' },
  });
  delete (young as { father?: unknown }).father;
  const inReview = await submit(PEOPLE.youngMother, 'birth', young);
  const awaitingSupplement = await submit(DEATH.disabledSon, 'death', deathDeclaration({
    declarant: { pin: DEATH.disabledSon, relationship: 'child' },
    deceased: { pin: DEATH.supplementPensioner, dateOfDeath: '2025-01-18', placeOfDeath: 'Tại nhà', cause: 'illness' },
    requests: { residenceDeregistration: false, funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [{ pin: DEATH.disabledSon, relationship: 'child', hasDirectCaretaker: false, incapacityPercent: 85 }],
    payee: { pin: DEATH.disabledSon, bankAccount: { bankBin: '970436', accountNumber: '44556677' } },
  }));
  await eventually(async () => ((await dossier(PEOPLE.mother, birth)).status === 'completed' ? true : undefined), 'the birth completed');
  await eventually(async () => ((await dossier(PEOPLE.youngMother, inReview)).procedures[0]?.inReview ? true : undefined), 'the review');
  await eventually(async () => ((await dossier(DEATH.disabledSon, awaitingSupplement)).status === 'awaiting-supplement' ? true : undefined), 'the supplement request');
  const docs = await api(citizen(PEOPLE.mother), 'GET', `/api/v1/dossiers/${birth}/documents`);
  const birthDocument = (docs.body.items as { code: string }[])[0]!.code;
  const reviewId = ((await api(CR_HANOI, 'GET', '/api/v1/agencies/civil-registry/reviews?limit=200')).body.items as { id: string; dossierId: string }[]).find((r) => r.dossierId === inReview)!.id;

  // An HI card on Hà Nam's worklist: the province asks for the director's approval for one birth, then no more.
  const approval = (hiCardApproval: string) => api(VSS_OPERATOR, 'PUT', '/api/v1/agencies/social-security/settings/provinces/35', { hiCardApproval, reason: 'IDOR pages test' });
  assert.equal((await approval('director')).status, 200);
  const second = await submit(PEOPLE.mother, 'birth', birthDeclaration({ child: { fullName: 'Lê Thẻ Chờ', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }));
  const hiCardItem = await eventually(async () => {
    const list = await api(VSS_HANAM, 'GET', '/api/v1/agencies/social-security/worklist?status=open&limit=200');
    return (list.body.items as { id: string; dossierId: string }[]).find((x) => x.dossierId === second)?.id;
  }, 'the HI card on Hà Nam’s worklist');
  assert.equal((await approval('automatic')).status, 200);

  // A partial cash payment of the newcomer's voluntary SI: on Hà Nam's list of payments to resolve.
  const vsi = await submit(VOLUNTARY.newcomer, 'voluntary-si', voluntarySiDeclaration());
  const reference = await eventually(async () => (await dossier(VOLUNTARY.newcomer, vsi)).procedures[0]?.result?.payment?.reference, 'the payment reference');
  const cash = await api(VSS_HANAM, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference, amount: 1000, receiptNumber: 'IDOR-PAGES-1' });
  assert.ok(cash.status < 300, JSON.stringify(cash.body));
  const paymentItem = (cash.body.payment as { id: string }).id;

  const operator = { kind: 'operator', id: 'idor-pages' } as const;
  await t.p.identity.createOfficer({ username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }, operator);
  await t.p.identity.createOfficer({ username: 'cr-hanam', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '35' } }, operator);
  return { t, birth, birthDocument, awaitingSupplement, reviewId, hiCardItem, paymentItem };
}

describe('IDOR on the pages: every page route with an id in its path, tried by someone it does not belong to', () => {
  let w: World;
  let ctx: Ctx;
  before(async () => {
    const identityKey = randomBytes(32).toString('base64');
    w = await buildWorld(identityKey);
    const { t } = w;
    const watch = new WriteWatch(t.p.db, snapshotter(t.p.db, await tablesOf(t.p.db)));
    // The back office's session cookie, sealed with the platform's own key as its sign-in would seal it.
    const officeSessions = new OfficeSessions(new KeyRing(identityKey, 'lienthong-office', 'test').box('session'));
    const cookies = new Map<string, { cookie: string; csrf: string }>();
    const sessionOf = async (who: Caller) => {
      const key = JSON.stringify(who);
      if (!cookies.has(key)) {
        if (who.kind === 'citizen') {
          const s = await t.p.identity.sessions.start(who.pin, { issuer: 'test' });
          cookies.set(key, { cookie: `__Host-lienthong-session=${s.id}`, csrf: s.csrfToken });
        } else {
          const headers: Record<string, unknown> = {};
          const reply = { getHeader: (n: string) => headers[n], header: (n: string, v: unknown) => ((headers[n] = v), reply) } as unknown as FastifyReply;
          const s = officeSessions.start(reply, await t.token(who))!;
          cookies.set(key, { cookie: String([headers['set-cookie']].flat()[0]).split(';')[0]!, csrf: s.csrf });
        }
      }
      return cookies.get(key)!;
    };
    const api: Ctx['api'] = async (who, method, url, payload) => {
      const res = await t.p.app.inject({ method, url, headers: bearer(await t.token(who)), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    const page: Ctx['page'] = async (who, method, url, fields) => {
      const { cookie, csrf } = await sessionOf(who);
      // What earlier requests set going (messages, the relay marking them published) finishes first: only this
      // request's writes are compared.
      await eventually(async () => ((await t.p.backlog()) === 0 ? true : undefined), 'the platform idle');
      const before = await watch.now();
      const req: InjectOptions = {
        method,
        url,
        headers: { cookie, accept: 'text/html', ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(fields ? { payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() } : {}),
      };
      const res = await t.p.app.inject(req);
      await eventually(async () => ((await t.p.backlog()) === 0 ? true : undefined), 'the platform idle');
      const wrote = (await watch.changedSince(before)).filter((x) => !TIMER_TABLES.has(x));
      return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined, wrote };
    };
    ctx = {
      w,
      page,
      api,
      async refused(who, method, url, fields, status, why) {
        const r = await page(who, method, url, fields);
        assert.equal(r.status, status, `${why}: ${r.status} ${r.location ?? ''} ${r.body.slice(0, 300)}`);
        assert.deepEqual(r.wrote, [], `${why}: wrote to ${r.wrote.join(', ')}`);
        // The refusal says nothing of what was asked for: no name, no PIN of the owner.
        // (A citizen's own page names the citizen: only the owners other than the caller are looked for.)
        for (const pin of [PEOPLE.mother, DEATH.disabledSon, PEOPLE.youngMother].filter((p) => who.kind !== 'citizen' || p !== who.pin))
          for (const secret of [pin, citizens.find((c) => c.pin === pin)!.fullName]) assert.ok(!r.body.includes(secret), `${why}: the answer names the owner`);
        return r;
      },
    };
  });
  after(async () => w?.t.close());

  test('every page route with an id in its path has a case here, and every case such a route', () => {
    const withId = Object.entries(ROUTE_POLICIES)
      .filter(([k, p]) => p.resource === 'session-cookie' && /\/:/.test(k))
      .map(([k]) => k);
    assert.ok(withId.length >= 10, `found ${withId.length} page routes with a path id`);
    assert.deepEqual(withId.filter((k) => !CASES[k] && !NOT_AN_ID[k]), [], 'page routes with a path id and no IDOR case');
    assert.deepEqual([...Object.keys(CASES), ...Object.keys(NOT_AN_ID)].filter((k) => !withId.includes(k)), [], 'cases for routes that are gone or take no id');
    // A route of the portal or the back office must say how it finds its caller: nothing with a path id is left open.
    const openWithId = Object.entries(ROUTE_POLICIES).filter(([k, p]) => /^\w+ \/(portal|office)\//.test(k) && /\/:/.test(k) && p.resource !== 'session-cookie');
    assert.deepEqual(openWithId.map(([k]) => k), [], 'page routes with a path id that do not take the caller from the session');
  });

  for (const [key, run] of Object.entries(CASES)) test(key, () => run(ctx));
});
