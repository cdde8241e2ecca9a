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
  'GET /verify/:code': open('public check of a printed document by its code (QR code): shows only kind, issuer, date, validity and the holder’s initials and year of birth; rate-limited per address'),
  'POST /verify': open('public check that a PDF file is unaltered: the file itself is the evidence; size- and rate-limited'),
  'POST /api/v1/dossiers/:id/supplements': {
    grants: [citizen, officer('hub', ['one-stop-shop-officer'])],
    resource: 'own',
    why: 'the citizen who submitted answers; the one-stop shop enters an answer brought on paper',
  },
  'GET /api/v1/agencies/civil-registry/reviews': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'the civil-registry officer’s worklist, in their province' },
  'POST /api/v1/agencies/civil-registry/reviews/:id/decision': { grants: [officer('civil-registry', ['civil-registry-officer'])], resource: 'agency-area', why: 'the decision on a birth the checks could not settle, in their province' },
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

  'POST /api/v1/messages': { grants: [anyone], resource: 'signed-message', why: 'an agency behind the HTTP contract: the envelope’s signature is the credential' },
  'POST /api/v1/callbacks': { grants: [anyone], resource: 'signed-message', why: 'the bridge: each envelope’s signature is the credential' },
};

export function policyFor(method: string, url: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method} ${url}`];
}
