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
  'GET /api/v1/dashboard/overdue': {
    grants: [officer('any', CASEWORKERS)],
    resource: 'agency-area',
    why: 'procedures past their last day: an agency’s officers see their own agency’s, the hub’s every agency’s; an officer with a province only it (dossier ids and dates, no personal data)',
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
  'GET /api/v1/agencies/social-security/payments/worklist': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'the payments to resolve, with their claims, for the collection and accounting officers, in their province; each read is audited per participant',
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/claim': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'take a payment of their province to resolve, so no colleague resolves it meanwhile; audited',
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/release': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'give back a payment of their province they hold; audited',
  },
  'POST /api/v1/agencies/social-security/payments/worklist/:id/resolve': {
    grants: [officer('social-security', ['vss-collector', 'planning-finance-officer'])],
    resource: 'agency-area',
    why: 'refund or assign a payment of their province they hold (a claim is required); audited',
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
  'GET /api/v1/settings/calendars/:year': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'none',
    why: 'the hub’s IT operators read a year’s holiday calendar (national, public: days off, working Saturdays, who changed them)',
  },
  'PUT /api/v1/settings/calendars/:year': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'agency',
    why: 'the hub’s national IT operator sets a year’s holiday calendar (days after today only), with a reason; one bound to a province gets 403 (the calendar is national); audited',
  },
  'GET /api/v1/agencies/social-security/rules': {
    grants: [officer('social-security', ['it-operator'])],
    resource: 'none',
    why: 'social security’s IT operators read the rule tables (national, public law: every version, built-in and added, and the one in force)',
  },
  'POST /api/v1/agencies/social-security/rules/:table/versions': {
    grants: [officer('social-security', ['it-operator'])],
    resource: 'agency',
    why: 'social security’s national IT operator adds a version from a future date, with its legal basis and a reason; one bound to a province gets 403 (the tables are national); audited',
  },

  'GET /api/v1/settings/agency-mailboxes': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'agency-area',
    why: 'the hub’s IT operator reads where agencies’ offices are told of overdue procedures (one bound to a province: only its own)',
  },
  'PUT /api/v1/settings/agency-mailboxes/:agency/:provinceCode': {
    grants: [officer('hub', ['it-operator'])],
    resource: 'agency-area',
    why: 'the hub’s IT operator sets an agency office’s mailbox for overdue procedures, with a reason; audited (who, before → after, why)',
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
  'GET /portal/death': { grants: [anyone], resource: 'session-cookie', why: 'the death declaration form, for the signed-in citizen' },
  'POST /portal/death': { grants: [anyone], resource: 'session-cookie', why: 'a step of the death form; submits as the session’s citizen (CSRF token required)' },
  'GET /portal/voluntary-si': { grants: [anyone], resource: 'session-cookie', why: 'the voluntary SI registration form, for the signed-in citizen' },
  'POST /portal/voluntary-si': { grants: [anyone], resource: 'session-cookie', why: 'a step of the voluntary SI form; registers the session’s citizen (CSRF token required)' },
  'GET /portal/me/voluntary-si': { grants: [anyone], resource: 'session-cookie', why: 'the session citizen’s own voluntary SI (status, periods paid, next payment, notices), read from social security’s /api/v1/me/voluntary-si with a token for that citizen; no parameter names anyone else' },
  'POST /portal/check/:group': { grants: [anyone], resource: 'session-cookie', why: 'dry-run checks of the session citizen’s form fields; stores nothing (CSRF header required)' },
  'GET /portal/dossiers/:id': { grants: [anyone], resource: 'session-cookie', why: 'the session citizen’s own dossier; anything else is 404' },
  'POST /portal/dossiers/:id/supplements': { grants: [anyone], resource: 'session-cookie', why: 'the session citizen answers a supplement request on their own dossier (CSRF token required)' },
  'GET /portal/dossiers/:id/documents/:code.pdf': { grants: [anyone], resource: 'session-cookie', why: 'a result PDF of the session citizen’s own dossier; anything else is 404' },
  'GET /portal/assets/portal.css': open('the portal’s stylesheet'),
  'GET /portal/assets/portal.js': open('the portal’s script'),

  // The back office's pages (src/office, docs/back-office-web.md): the sealed session cookie holds the officer's own
  // bearer token, and every page reads and acts through the API with it, so each API route's own policy, area rule
  // and audit apply unchanged; a page without a session sends to sign-in; every form repeats the session's CSRF token.
  'GET /office': { grants: [anyone], resource: 'session-cookie', why: 'the back-office start page: what the signed-in officer’s role may open' },
  'GET /office/sign-in': open('the officer sign-in form'),
  'POST /office/sign-in': { grants: [anyone], resource: 'sign-in', why: 'officer sign-in through POST /api/v1/auth/officer/sign-in (rate-limited and locked out there); the form’s double-submit CSRF token first' },
  'POST /office/sign-out': { grants: [anyone], resource: 'session-cookie', why: 'ends the session: revokes the officer’s tokens through the API and removes the cookie (CSRF token required)' },
  'GET /office/reviews': { grants: [anyone], resource: 'session-cookie', why: 'the civil-registry worklist, read with the officer’s token (the API’s role and province rule)' },
  'POST /office/reviews/:id': { grants: [anyone], resource: 'session-cookie', why: 'claim, release or decide a birth in review through the API (CSRF token required)' },
  'GET /office/hi-cards': { grants: [anyone], resource: 'session-cookie', why: 'the HI-card approval worklist, read with the officer’s token' },
  'POST /office/hi-cards/:id': { grants: [anyone], resource: 'session-cookie', why: 'claim, release or decide an HI card through the API (CSRF token required)' },
  'GET /office/payments': { grants: [anyone], resource: 'session-cookie', why: 'payments to resolve, read with the officer’s token' },
  'POST /office/payments/:id': { grants: [anyone], resource: 'session-cookie', why: 'refund or assign a payment through the API (CSRF token required)' },
  'GET /office/overdue': { grants: [anyone], resource: 'session-cookie', why: 'the overdue worklist, read with the officer’s token (the API’s agency and province rule)' },
  'GET /office/dossiers': { grants: [anyone], resource: 'session-cookie', why: 'the dossiers the officer’s agency works on, read with the officer’s token' },
  'GET /office/dossiers/:id': { grants: [anyone], resource: 'session-cookie', why: 'a dossier with its whole history, read with the officer’s token (the API’s access rule: anything else is 404; the read is audited)' },
  'GET /office/dossiers/:id/documents/:code.pdf': { grants: [anyone], resource: 'session-cookie', why: 'a result PDF through the API with the officer’s token (audited there)' },
  'GET /office/reports': { grants: [anyone], resource: 'session-cookie', why: 'the statutory reports the officer’s role may draw' },
  'GET /office/reports/:code.xlsx': { grants: [anyone], resource: 'session-cookie', why: 'a report drawn through the API with the officer’s token (role, area and audit there)' },
  'GET /office/reports/:code.pdf': { grants: [anyone], resource: 'session-cookie', why: 'as the XLSX' },
  'GET /office/dashboard': { grants: [anyone], resource: 'session-cookie', why: 'the SLA dashboard, read with the officer’s token (aggregates, the officer’s area)' },
  'GET /office/settings/time-limits': { grants: [anyone], resource: 'session-cookie', why: 'the hub’s per-province time limits, read with the operator’s token' },
  'POST /office/settings/time-limits': { grants: [anyone], resource: 'session-cookie', why: 'sets time limits through the API (audited there; CSRF token required)' },
  'GET /office/settings/hi-card-approval': { grants: [anyone], resource: 'session-cookie', why: 'social security’s per-province HI-card approval setting, read with the operator’s token' },
  'POST /office/settings/hi-card-approval': { grants: [anyone], resource: 'session-cookie', why: 'changes it through the API (audited there; CSRF token required)' },
  'GET /office/settings/rules': { grants: [anyone], resource: 'session-cookie', why: 'social security’s rule tables, read with the operator’s token' },
  'POST /office/settings/rules': { grants: [anyone], resource: 'session-cookie', why: 'adds a rule-table version through the API (national operator; audited there; CSRF token required)' },
  'GET /office/settings/calendar': { grants: [anyone], resource: 'session-cookie', why: 'the hub’s holiday calendar of a year, read with the operator’s token' },
  'POST /office/settings/calendar': { grants: [anyone], resource: 'session-cookie', why: 'sets a year’s calendar through the API (national operator; audited there; CSRF token required)' },
  'GET /office/officers': { grants: [anyone], resource: 'session-cookie', why: 'officer accounts, read with the IT operator’s token (the API’s agency rule)' },
  'POST /office/officers': { grants: [anyone], resource: 'session-cookie', why: 'creates an account through the API (audited there; CSRF token required)' },
  'POST /office/officers/:username': { grants: [anyone], resource: 'session-cookie', why: 'disables, unlocks or resets an account through the API (audited there; CSRF token required)' },
  'GET /office/assets/office.css': open('the back office’s stylesheet'),
  'GET /office/assets/office.js': open('the back office’s script'),

  'POST /api/v1/messages': { grants: [anyone], resource: 'signed-message', why: 'an agency behind the HTTP contract: the envelope’s signature is the credential' },
  'POST /api/v1/callbacks': { grants: [anyone], resource: 'signed-message', why: 'the bridge: each envelope’s signature is the credential' },
};

export function policyFor(method: string, url: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method} ${url}`];
}
