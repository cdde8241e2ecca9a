import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { OfficeSessions } from '../../../src/office/session.ts';
import type { Principal } from '../../../src/platform/auth/principal.ts';
import { KeyRing } from '../../../src/platform/crypto/secret-box.ts';
import type { Grant } from '../../../src/platform/auth/policy.ts';
import type { Engine } from '../../support/databases.ts';
import { birthDeclaration, DEATH, deathDeclaration, PEOPLE, voluntarySiDeclaration } from '../../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../../support/harness.ts';
import { freePort } from '../../support/process.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

/** The agency an officer of each role works for, when a grant says "any agency". */
const HOME: Record<Officer['role'], Officer['agency']> = {
  'civil-registry-officer': 'civil-registry',
  'population-officer': 'population',
  'vss-collector': 'social-security',
  'vss-director': 'social-security',
  'planning-finance-officer': 'social-security',
  'one-stop-shop-officer': 'hub',
  'it-operator': 'hub',
};

/** The seeded world the fuzzer works in: a platform, a dossier of each kind, a review, an account, a client. */
export interface World {
  readonly t: TestPlatform;
  /** Citizens: the mother (a completed birth) and the son waiting to answer a supplement request. */
  readonly citizens: readonly string[];
  readonly dossiers: { readonly birth: string; readonly inReview: string; readonly awaitingSupplement: string };
  readonly reviewId: string;
  readonly officerUsername: string;
  readonly clientId: string;
  /** The platform's sign-in routes talk to its built-in provider over HTTP. */
  readonly port: number;
  /** A signed-in browser: the portal's session of a citizen, or the back office's of an officer (cookie and CSRF token). */
  session(who: Principal): Promise<{ cookie: string; csrf: string }>;
}

const FINAL_OR_WAITING = new Set(['completed', 'partially-completed', 'rejected', 'awaiting-supplement']);

export async function buildWorld(engine: Engine): Promise<World> {
  // Every request should reach the handler: the per-minute limits are their own test (test/security/hardening).
  process.env.LIENTHONG_SIGN_IN_PER_MINUTE = '0';
  process.env.LIENTHONG_SUBMISSIONS_PER_MINUTE = '0';
  const port = await freePort();
  // The platform's own key, so that the fuzzer can seal a back-office session cookie as the sign-in would.
  const identityKey = randomBytes(32).toString('base64');
  const t = await startTestPlatform(engine, undefined, { oidc: { publicUrl: `http://127.0.0.1:${port}` }, identityKey });
  await t.p.app.listen({ port, host: '127.0.0.1' });
  const as = async (pin: string, payload: Record<string, unknown>) => {
    const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin })}` }, payload });
    if (res.statusCode !== 202) throw new Error(`seeding failed: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  const view = async (pin: string, id: string) =>
    (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin })}` } })).json() as {
      status: string;
      procedures: { inReview: boolean }[];
    };

  const birth = await as(PEOPLE.mother, { group: 'birth', declaration: birthDeclaration() });
  const young = birthDeclaration({
    declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
    mother: { pin: PEOPLE.youngMother },
    child: { fullName: 'Ngô Gia Bảo', sex: 'male', dateOfBirth: '2025-01-19', placeOfBirth: 'Hà Nội' },
  });
  delete (young as { father?: unknown }).father;
  const inReview = await as(PEOPLE.youngMother, { group: 'birth', declaration: young });
  const awaitingSupplement = await as(DEATH.disabledSon, {
    group: 'death',
    declaration: deathDeclaration({
      declarant: { pin: DEATH.disabledSon, relationship: 'child' },
      deceased: { pin: DEATH.supplementPensioner, dateOfDeath: '2025-01-18', placeOfDeath: 'Tại nhà', cause: 'illness' },
      requests: { residenceDeregistration: false, funeralAllowance: true, survivorBenefit: 'monthly' },
      relatives: [{ pin: DEATH.disabledSon, relationship: 'child', hasDirectCaretaker: false, incapacityPercent: 85 }],
      payee: { pin: DEATH.disabledSon, bankAccount: { bankBin: '970436', accountNumber: '44556677' } },
    }),
  });
  await eventually(async () => (FINAL_OR_WAITING.has((await view(PEOPLE.mother, birth)).status) ? true : undefined), 'the birth dossier');
  await eventually(async () => ((await view(PEOPLE.youngMother, inReview)).procedures[0]?.inReview ? true : undefined), 'the review');
  await eventually(async () => ((await view(DEATH.disabledSon, awaitingSupplement)).status === 'awaiting-supplement' ? true : undefined), 'the supplement request');
  const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
  const reviews = (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${officer}` } })).json() as { items: { id: string; dossierId: string }[] };
  const reviewId = reviews.items.find((r) => r.dossierId === inReview)!.id;

  const operator = { kind: 'operator', id: 'fuzz' } as const;
  await t.p.identity.createOfficer({ username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', area: { provinceCode: '01' } }, operator);
  await t.p.identity.createClient({ clientId: 'bv-hanam', name: 'Bệnh viện Hà Nam', agency: 'civil-registry', scopes: ['birth-notices:submit'] }, operator);
  // Sessions without a browser: the portal's is a row the citizen's sign-in would write; the back office's a cookie
  // sealed with the platform's key around a token, as its sign-in seals it.
  const officeSessions = new OfficeSessions(new KeyRing(identityKey, 'lienthong-office', 'fuzz').box('session'));
  // A new one each time it is asked for (per operation): a fuzzed sign-out ends the one it was given, not the next.
  const session = async (who: Principal) => {
    if (who.kind === 'citizen') {
      const s = await t.p.identity.sessions.start(who.pin, { issuer: 'fuzz' });
      return { cookie: `__Host-lienthong-session=${s.id}`, csrf: s.csrfToken };
    }
    const headers: Record<string, unknown> = {};
    const reply = { getHeader: (n: string) => headers[n], header: (n: string, v: unknown) => ((headers[n] = v), reply) } as unknown as FastifyReply;
    const s = officeSessions.start(reply, await t.token(who));
    if (!s) throw new Error('no office session');
    return { cookie: String([headers['set-cookie']].flat()[0]).split(';')[0]!, csrf: s.csrf };
  };
  return { t, citizens: [PEOPLE.mother, DEATH.disabledSon], dossiers: { birth, inReview, awaitingSupplement }, reviewId, officerUsername: 'cr-hanoi', clientId: 'bv-hanam', port, session };
}

const officer = (username: string, agency: Officer['agency'], role: Officer['role'], provinceCode: string | null): Officer => ({ kind: 'officer', username, agency, role, provinceCode });

/**
 * Who uses a back-office page, by its path: the officers whose work it is (so that the form handler behind the
 * role check is reached), each with a session. The seeded review is in Hà Nội (01).
 */
const OFFICE_USERS: readonly [RegExp, readonly Officer[]][] = [
  // Signing out voids the officer's tokens through the API: an officer of its own, whose tokens no other page needs.
  [/^\/office\/sign-out/, [officer('fuzz-leaving', 'civil-registry', 'civil-registry-officer', '01')]],
  [/^\/office\/reviews/, [officer('fuzz-cr-hanoi', 'civil-registry', 'civil-registry-officer', '01')]],
  [/^\/office\/hi-cards/, [officer('fuzz-collector', 'social-security', 'vss-collector', '35'), officer('fuzz-director', 'social-security', 'vss-director', '35')]],
  [/^\/office\/payments/, [officer('fuzz-collector', 'social-security', 'vss-collector', '35'), officer('fuzz-finance', 'social-security', 'planning-finance-officer', '35')]],
  [/^\/office\/settings\/(hi-card-approval|rules)/, [officer('fuzz-it-vss', 'social-security', 'it-operator', null)]],
  [/^\/office\/(settings|officers)/, [officer('fuzz-it-operator', 'hub', 'it-operator', null)]],
  [/^\/office\/reports/, [officer('fuzz-collector', 'social-security', 'vss-collector', '35')]],
  [/^\/office/, [officer('fuzz-cr-hanoi', 'civil-registry', 'civil-registry-officer', '01'), officer('fuzz-one-stop', 'hub', 'one-stop-shop-officer', '35')]],
];

/**
 * The signed-in browsers a page route (`resource: 'session-cookie'`) is fuzzed as: each seeded citizen for the
 * portal, the officers whose work it is for the back office. Without them every form handler stops at "no session".
 */
export function sessionPrincipalsFor(path: string, citizens: readonly string[]): { name: string; principal: Principal }[] {
  // The supplement answer: the son, whose dossier waits for one (the other citizen would only see 404).
  if (path === '/portal/dossiers/{id}/supplements') return [{ name: `citizen ${citizens[1]!.slice(0, 3)}… (portal session)`, principal: { kind: 'citizen', pin: citizens[1]! } }];
  if (path.startsWith('/portal/') || path === '/portal' || path.startsWith('/auth/')) return citizens.map((pin) => ({ name: `citizen ${pin.slice(0, 3)}… (portal session)`, principal: { kind: 'citizen', pin } }));
  const users = OFFICE_USERS.find(([re]) => re.test(path))?.[1] ?? [];
  return users.map((o) => ({ name: `${o.role} ${o.username} (office session)`, principal: o }));
}

/** The principals a grant lets through: a caller of each kind it names (a citizen of each seeded citizen). */
export function principalsFor(grants: readonly Grant[], citizens: readonly string[]): { name: string; principal: Principal | null }[] {
  const out: { name: string; principal: Principal | null }[] = [];
  for (const g of grants) {
    if (g.kind === 'anyone') out.push({ name: 'anonymous', principal: null });
    if (g.kind === 'citizen') for (const pin of citizens) out.push({ name: `citizen ${pin.slice(0, 3)}…`, principal: { kind: 'citizen', pin } });
    if (g.kind === 'system') {
      const agency = ((g as { agency?: string }).agency ?? 'civil-registry') as Extract<Principal, { kind: 'system' }>['agency'];
      out.push({ name: `system client of ${agency}`, principal: { kind: 'system', client: `fuzz-${agency}`, agency, scopes: [...(g.scopes ?? [])] } });
    }
    if (g.kind === 'officer')
      for (const role of g.roles) {
        const agency = g.agency === 'any' ? HOME[role] : g.agency;
        out.push({ name: `${role} of ${agency}`, principal: { kind: 'officer', username: `fuzz-${role}`, agency, role, provinceCode: role === 'it-operator' ? null : '01' } });
      }
  }
  return out;
}

const PORTAL_CHILD = { 'child.fullName': 'Lê Minh An', 'child.sex': 'male', 'child.dateOfBirth': '2025-01-20', 'child.placeOfBirth': 'Bệnh viện Đa khoa tỉnh Hà Nam' };

/** Known-good bodies, per operation: one field of these made hostile reaches the rules behind the schema. */
export function examplesFor(w: World): Record<string, unknown[]> {
  return {
    'POST /api/v1/dossiers': [
      { group: 'birth', declaration: birthDeclaration({ child: { fullName: 'Lê Minh Thử', sex: 'female', dateOfBirth: '2025-01-21', placeOfBirth: 'Hà Nam' } }) },
      { group: 'death', declaration: deathDeclaration() },
      { group: 'voluntary-si', declaration: voluntarySiDeclaration() },
    ],
    'POST /api/v1/dossiers/:id/supplements': [
      { procedure: 'death-benefits', answers: { 'declaration.relatives.0.incapacityPercent': { assessmentNumber: 'GĐYK-35/2024-117', assessedOn: '2024-06-10', incapacityPercent: 90 } } },
    ],
    'POST /api/v1/agencies/civil-registry/reviews/:id/decision': [
      { decision: 'approve', note: 'checked' },
      { decision: 'refuse', reason: 'not a real birth', reasonVi: 'không có thật' },
      { decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: 'send the ID card', reasonVi: 'gửi CCCD' }] },
    ],
    'POST /api/v1/officers': [{ username: 'pop-hanoi', agency: 'population', role: 'population-officer', area: { provinceCode: '01', districtCode: '001', communeCode: '00001' } }],
    'POST /api/v1/clients': [{ clientId: 'bv-hanoi', name: 'Bệnh viện Hà Nội', agency: 'civil-registry', scopes: ['birth-notices:submit'] }],
    'POST /api/v1/auth/officer/sign-in': [{ username: w.officerUsername, password: 'not-the-password', totp: '123456' }],
    // The pages' forms, as a browser fills them in (the session's CSRF token is added by the fuzzer).
    'POST /portal/birth': [
      { _key: 'fuzz-birth-0001', _step: '0', _action: 'next', ...PORTAL_CHILD },
      { _key: 'fuzz-birth-0001', _step: '4', _action: 'submit', ...PORTAL_CHILD, 'declarant.relationship': 'mother', 'mother.pin': PEOPLE.mother, 'father.pin': PEOPLE.father, 'residence.householdOf': 'mother', 'healthInsurance.initialFacilityCode': '35001' },
    ],
    'POST /portal/death': [
      { _key: 'fuzz-death-0001', _step: '0', _action: 'next', 'declarant.relationship': 'child', 'deceased.pin': DEATH.supplementPensioner, 'deceased.dateOfDeath': '2025-01-18', 'deceased.placeOfDeath': 'Tại nhà', 'deceased.cause': 'illness' },
    ],
    'POST /portal/voluntary-si': [
      { _key: 'fuzz-vsi-0001', _step: '0', _action: 'next', 'participant.phone': '0912345678', 'participant.email': 'hong@example.vn' },
      { _key: 'fuzz-vsi-0001', _step: '1', _action: 'next', startMonth: '2025-03', monthlyIncome: '1500000' },
    ],
    'POST /portal/check/:group': [{ step: 'child', values: PORTAL_CHILD }],
    'POST /portal/dossiers/:id/supplements': [{ _procedure: 'death-benefits' }],
    'POST /office/reviews/:id': [{ _action: 'claim', _return: '/office/reviews' }, { _action: 'approve', note: 'checked', _return: '/office/reviews' }, { _action: 'refuse', reason: 'other', reasonOther: 'not a real birth' }],
    'POST /office/officers': [{ username: 'pop-fuzz', agency: 'population', role: 'population-officer', provinceCode: '01', districtCode: '001', communeCode: '00001' }],
    'POST /office/officers/:username': [{ _action: 'disable' }, { _action: 'unlock' }],
    'POST /api/v1/auth/token': [{ grant_type: 'client_credentials', client_id: w.clientId, client_secret: 'not-the-secret', scope: 'birth-notices:submit' }],
  };
}
