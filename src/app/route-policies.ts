import { OFFICER_ROLES, type OfficerRole } from '../platform/auth/principal.ts';
import type { Grant, RoutePolicy } from '../platform/auth/policy.ts';

const anyone: Grant = { kind: 'anyone' };
const citizen: Grant = { kind: 'citizen' };
/** Officers who work on citizens' files — not the IT operator, who runs the system but reads no one's data. */
const CASEWORKERS = OFFICER_ROLES.filter((r) => r !== 'it-operator') as OfficerRole[];
const officer = (agency: 'any' | 'hub' | 'civil-registry' | 'population' | 'social-security', roles: readonly OfficerRole[]): Grant => ({ kind: 'officer', agency, roles });
const itOperator = officer('any', ['it-operator']);

const open = (why: string): RoutePolicy => ({ grants: [anyone], resource: 'none', why });

/**
 * The one declared authorisation policy: every route of every process, `METHOD path` as Fastify knows it.
 * A route missing here is refused at start-up (http-app.ts), and the route × principal test walks this
 * table against the OpenAPI document, so no route can be added without a decision about who may call it.
 */
export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  'GET /health': open('liveness for the operator’s probes; says nothing about anyone'),
  'GET /ready': open('readiness for the operator’s probes'),
  'GET /metrics': open('counts by part and type only; restrict at the network edge in production'),
  'GET /docs': open('the API’s documentation'),
  'GET /docs/': open('the API’s documentation'),
  'GET /docs/*': open('the API’s documentation'),
  'GET /docs/json': open('the OpenAPI document'),
  'GET /docs/yaml': open('the OpenAPI document'),
  'GET /docs/static/index.html': open('the API’s documentation'),
  'GET /docs/static/swagger-initializer.js': open('the API’s documentation'),
  'GET /docs/static/*': open('the API’s documentation'),

  'POST /api/v1/dossiers': {
    grants: [citizen, officer('hub', ['one-stop-shop-officer'])],
    resource: 'own',
    why: 'a citizen declares for themself (the declarant must be the caller); the one-stop shop enters paper declarations',
  },
  'GET /api/v1/dossiers': { grants: [citizen, officer('any', CASEWORKERS), { kind: 'system' }], resource: 'own-or-agency', why: 'the caller’s own dossiers; an agency’s officers and systems those their agency works on' },
  'GET /api/v1/dossiers/:id': { grants: [citizen, officer('any', CASEWORKERS), { kind: 'system' }], resource: 'own-or-agency', why: 'as the list; anything else is 404' },
  'GET /api/v1/dossiers/:id/documents': { grants: [citizen, officer('any', CASEWORKERS), { kind: 'system' }], resource: 'own-or-agency', why: 'the documents of a dossier: whoever may read the dossier (its results are the same data); anything else is 404' },
  'GET /api/v1/dossiers/:id/documents/:code.pdf': { grants: [citizen, officer('any', CASEWORKERS), { kind: 'system' }], resource: 'own-or-agency', why: 'as the list; an officer’s or system’s download is in the audit trail' },
  'GET /api/v1/dossiers/:id/history': { grants: [citizen, officer('any', CASEWORKERS), { kind: 'system' }], resource: 'own-or-agency', why: 'every state change and message of a dossier: whoever may read it; payloads only for hub officers, never a sensitive field; an officer’s or system’s read is audited; anything else is 404' },
  'GET /api/v1/dashboard/sla': {
    grants: [officer('any', OFFICER_ROLES)],
    resource: 'agency-area',
    why: 'SLA aggregates (counts, rates, working days; no personal data, so the IT operator too): an officer with a province sees only it',
  },
  'GET /verify/:code': open('public check of a printed document by its code (QR code): shows only kind, issuer, date, validity and the holder’s initials and year of birth; rate-limited per address'),
  'POST /verify': open('public check that a PDF file is unaltered: the file itself is the evidence; size- and rate-limited'),
  'POST /api/v1/dossiers/:id/supplements': {
    grants: [citizen, officer('hub', ['one-stop-shop-officer'])],
    resource: 'own',
    why: 'the citizen who submitted answers; the one-stop shop enters an answer brought on paper',
  },
  'GET /api/v1/agencies/civil-registry/reviews': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'the civil-registry officer’s worklist, in their province' },
  'POST /api/v1/agencies/civil-registry/reviews/:id/decision': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'the decision on a birth the checks could not settle, in their province' },
  'POST /api/v1/agencies/civil-registry/reviews/:id/claim': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'take a birth in review in their province, so no colleague decides it meanwhile' },
  'POST /api/v1/agencies/civil-registry/reviews/:id/release': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'give back a birth in review in their province' },
  'POST /api/v1/agencies/health/death-notices': {
    grants: [{ kind: 'system', agency: 'health', scopes: ['death-notices:submit'] }],
    resource: 'own',
    why: 'a health facility’s system sends the death notices it issues (registered for health by an IT operator, with the scope)',
  },
  'GET /api/v1/agencies/health/death-notices/:id': {
    grants: [{ kind: 'system', agency: 'health', scopes: ['death-notices:submit'] }],
    resource: 'own',
    why: 'a facility reads back its own notices only; another’s is 404',
  },
  'GET /api/v1/me/data-access': { grants: [citizen], resource: 'own', why: 'who accessed the caller’s own data' },
  'GET /api/v1/me/voluntary-si': { grants: [citizen], resource: 'own', why: 'the caller’s own voluntary SI: status, periods paid, what is due next' },
  'POST /api/v1/agencies/social-security/cash-receipts': { grants: [officer('social-security', ['vss-collector'])], resource: 'agency-area', why: 'a VSS collector records cash taken at a collection point, for dues in their province' },
  'GET /api/v1/agencies/social-security/payments/exceptions': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'payments not credited (partial, overpaid, duplicate, late, unmatched) for the collection and accounting officers, in their province',
  },
  'POST /api/v1/agencies/social-security/payments/:id/resolve': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'refund or assign a listed payment, in their province',
  },
  'GET /api/v1/agencies/social-security/reports': {
    grants: [officer('social-security', ['vss-collector', 'vss-director', 'planning-finance-officer'])],
    resource: 'none',
    why: 'the list of statutory reports (codes, titles, periods, roles): no one’s data',
  },
  'GET /api/v1/agencies/social-security/reports/:code.xlsx': {
    grants: [officer('social-security', ['vss-collector', 'vss-director', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'statutory reports (docs/reports.md) of the officer’s own province, each report to its roles; each download is in the audit trail',
  },
  'GET /api/v1/agencies/social-security/reports/:code.pdf': {
    grants: [officer('social-security', ['vss-collector', 'vss-director', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'as the XLSX',
  },

  'GET /api/v1/agencies/social-security/settings/provinces/:provinceCode': {
    grants: [officer('social-security', ['it-operator'])],
    resource: 'agency-area',
    why: 'social security’s own IT operator reads a province’s settings (one bound to a province: only it); settings carry no personal data',
  },
  'PUT /api/v1/agencies/social-security/settings/provinces/:provinceCode': {
    grants: [officer('social-security', ['it-operator'])],
    resource: 'agency-area',
    why: 'social security’s own IT operator changes a province’s settings, with a reason; audited (who, before → after, why)',
  },
  'GET /api/v1/agencies/social-security/worklist': { grants: [officer('social-security', ['vss-collector', 'vss-director'])], resource: 'agency-area', why: 'HI cards waiting for the collector’s check or the director’s approval, in their province' },
  'POST /api/v1/agencies/social-security/worklist/:id/claim': { grants: [officer('social-security', ['vss-collector', 'vss-director'])], resource: 'agency-area', why: 'take an item of their province’s worklist' },
  'POST /api/v1/agencies/social-security/worklist/:id/release': { grants: [officer('social-security', ['vss-collector', 'vss-director'])], resource: 'agency-area', why: 'give back an item of their province’s worklist' },
  'POST /api/v1/agencies/social-security/worklist/:id/decision': {
    grants: [officer('social-security', ['vss-collector', 'vss-director'])],
    resource: 'agency-area',
    why: 'decide an item they hold, in their province (the collector checks, the director approves)',
  },

  'GET /api/v1/settings/time-limits/:provinceCode': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'agency-area',
    why: 'the hub’s IT operator reads a province’s time limits (one bound to a province: only it); no personal data',
  },
  'PUT /api/v1/settings/time-limits/:provinceCode': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'agency-area',
    why: 'the hub’s IT operator sets a province’s time limits from a date, with a reason; audited (who, before → after, why)',
  },

  'POST /api/v1/officers': { grants: [itOperator], resource: 'agency', why: 'IT operators manage accounts (an agency’s operator only its own agency’s)' },
  'GET /api/v1/officers': { grants: [itOperator], resource: 'agency', why: 'as above' },
  'POST /api/v1/officers/:username/disable': { grants: [itOperator], resource: 'agency', why: 'as above' },
  'POST /api/v1/officers/:username/unlock': { grants: [itOperator], resource: 'agency', why: 'as above; audited' },
  'POST /api/v1/officers/:username/reset-credentials': { grants: [itOperator], resource: 'agency', why: 'as above; audited, and the officer’s tokens are void' },
  'POST /api/v1/clients': { grants: [itOperator], resource: 'agency', why: 'IT operators register agency systems' },
  'POST /api/v1/clients/:clientId/rotate-secret': { grants: [itOperator], resource: 'agency', why: 'as above (an agency’s operator only its own agency’s clients); audited' },
  'POST /api/v1/clients/:clientId/disable': { grants: [itOperator], resource: 'agency', why: 'as above; audited' },
  'POST /api/v1/auth/sign-out-everywhere': { grants: [citizen, officer('any', OFFICER_ROLES), { kind: 'system' }], resource: 'own', why: 'anyone signed in may void their own tokens, and only their own' },
  'POST /api/v1/auth/officer/sign-in': { grants: [anyone], resource: 'sign-in', why: 'signing in is how one gets a principal' },
  'POST /api/v1/auth/token': { grants: [anyone], resource: 'sign-in', why: 'OAuth2 client credentials: the client authenticates in the request' },
  'GET /auth/citizen/sign-in': open('starts OpenID Connect sign-in'),
  'GET /auth/citizen/callback': open('OpenID Connect callback: the code and state are checked'),
  'GET /auth/session': { grants: [anyone], resource: 'session-cookie', why: 'the session cookie is the credential' },
  'POST /auth/sign-out': { grants: [anyone], resource: 'session-cookie', why: 'the session cookie and its CSRF token are the credential' },
  'GET /idp/interaction/:uid': open('the built-in identity provider’s sign-in page'),
  'POST /idp/interaction/:uid/login': open('the built-in identity provider’s sign-in form (CSRF-protected)'),
  'GET /idp/*': open('the built-in identity provider (OpenID Connect endpoints)'),
  'POST /idp/*': open('the built-in identity provider (OpenID Connect endpoints)'),
  'DELETE /idp/*': open('the built-in identity provider (OpenID Connect endpoints)'),
  'OPTIONS /idp/*': open('the built-in identity provider (CORS preflight)'),

  // The citizen portal's pages: the session cookie is the credential (and every form repeats its CSRF token); a page
  // without a session invites to sign in, and the services behind them apply the citizen's own-dossier rule.
  'GET /portal': { grants: [anyone], resource: 'session-cookie', why: 'the portal home: the signed-in citizen’s own dossiers, else the sign-in invitation' },
  'GET /portal/birth': { grants: [anyone], resource: 'session-cookie', why: 'the birth declaration form, for the signed-in citizen' },
  'POST /portal/birth': { grants: [anyone], resource: 'session-cookie', why: 'a step of the birth form; submits as the session’s citizen (CSRF token required)' },
  'POST /portal/check/:group': { grants: [anyone], resource: 'session-cookie', why: 'dry-run checks of the session citizen’s form fields; stores nothing (CSRF header required)' },
  'GET /portal/dossiers/:id': { grants: [anyone], resource: 'session-cookie', why: 'the session citizen’s own dossier; anything else is 404' },
  'POST /portal/dossiers/:id/supplements': { grants: [anyone], resource: 'session-cookie', why: 'the session citizen answers a supplement request on their own dossier (CSRF token required)' },
  'GET /portal/dossiers/:id/documents/:code.pdf': { grants: [anyone], resource: 'session-cookie', why: 'a result PDF of the session citizen’s own dossier; anything else is 404' },
  'GET /portal/assets/portal.css': open('the portal’s stylesheet'),
  'GET /portal/assets/portal.js': open('the portal’s script'),

  'POST /api/v1/messages': { grants: [anyone], resource: 'signed-message', why: 'an agency behind the HTTP contract: the envelope’s signature is the credential' },
  'POST /api/v1/callbacks': { grants: [anyone], resource: 'signed-message', why: 'the bridge: each envelope’s signature is the credential' },
};

export function policyFor(method: string, url: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method} ${url}`];
}
