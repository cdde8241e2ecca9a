import type { Grant, RoutePolicy } from '../platform/auth/policy.ts';
import { ROUTE_POLICIES } from './route-policies.ts';

function grant(g: Grant): string {
  switch (g.kind) {
    case 'anyone':
      return 'anyone';
    case 'citizen':
      return 'citizen';
    case 'officer':
      return `officer of ${g.agency === 'any' ? 'any agency' : g.agency} (${g.roles.join(', ')})`;
    case 'system':
      return `system client${g.agency ? ` of ${g.agency}` : ''}${g.scopes?.length ? ` with ${g.scopes.join(', ')}` : ''}`;
  }
}

const RESOURCE: Record<RoutePolicy['resource'], string> = {
  none: '—',
  own: 'the caller’s own',
  'own-or-agency': 'own, or the agency’s work',
  'agency-area': 'the agency’s, in the officer’s area',
  agency: 'the operator’s agency',
  'signed-message': 'the message signature',
  'session-cookie': 'the session cookie',
  'sign-in': 'credentials in the request',
};

/**
 * docs/authorisation.md, generated from the one declared policy (route-policies.ts) by `lienthong policies`;
 * a test keeps the committed file equal to this, so the document cannot drift from what the gate enforces.
 */
export function authorisationMarkdown(): string {
  const rows = Object.entries(ROUTE_POLICIES).map(([route, p]) => `| \`${route}\` | ${p.grants.map(grant).join('; ')} | ${RESOURCE[p.resource]} | ${p.why.replace(/\|/g, '\\|')} |`);
  return [
    '# Authorisation',
    '',
    'Generated from `src/app/route-policies.ts` by `npm run -s lienthong -- policies > docs/authorisation.md`; do not edit by hand.',
    '',
    'Deny by default: a route answers only the callers its grants list (401 without a principal, 403 with another one), checked',
    'before the request is validated. The resource rule is enforced where the data is read; what is not the caller’s is 404.',
    '',
    '| route | who may call | resource rule | why |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
