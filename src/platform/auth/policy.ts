import type { AgencyName } from '../../contracts/parts.ts';
import type { OfficerRole, Principal } from './principal.ts';

/**
 * Who may call a route, as data. Deny by default: a route is open to the grants it lists and to nobody else.
 * What a grant lets through is the coarse gate — kind, agency, role, scope; the finer rule each route states in
 * `resource` (the caller's own dossier, the officer's area) is enforced where the data is read, and a citizen
 * asking for what is not theirs gets 404, never 403, so that nothing is revealed about it.
 */
export type Grant =
  | { readonly kind: 'anyone' }
  | { readonly kind: 'citizen' }
  | { readonly kind: 'officer'; readonly agency: AgencyName | 'hub' | 'any'; readonly roles: readonly OfficerRole[] }
  /** A system client with every scope listed; with `agency`, only a client registered for that agency (e.g. a health facility). */
  | { readonly kind: 'system'; readonly scopes?: readonly string[]; readonly agency?: AgencyName };

/** Routes open at the gate whose caller proves who they are inside the request (and is refused there with 401 if not). */
export const CREDENTIAL_IN_REQUEST = ['signed-message', 'session-cookie', 'sign-in'] as const;
export type CredentialInRequest = (typeof CREDENTIAL_IN_REQUEST)[number];

export interface RoutePolicy {
  readonly grants: readonly Grant[];
  /** The resource-level rule enforced by the service behind the route. */
  readonly resource: 'none' | 'own' | 'own-or-agency' | 'agency-area' | 'agency' | CredentialInRequest;
  /** Why the route is open to these callers (shown in docs/authorisation.md). */
  readonly why: string;
}

export function grantAllows(g: Grant, p: Principal | null): boolean {
  switch (g.kind) {
    case 'anyone':
      return true;
    case 'citizen':
      return p?.kind === 'citizen';
    case 'officer':
      return p?.kind === 'officer' && (g.agency === 'any' || g.agency === p.agency) && g.roles.includes(p.role);
    case 'system':
      return p?.kind === 'system' && (g.agency === undefined || g.agency === p.agency) && (g.scopes ?? []).every((s) => p.scopes?.includes(s) ?? false);
  }
}

/** 'allow', or what to answer: 401 when nobody is signed in and someone could be, 403 when the caller may not. */
export function decide(policy: RoutePolicy, p: Principal | null): 'allow' | 401 | 403 {
  if (policy.grants.some((g) => grantAllows(g, p))) return 'allow';
  return p ? 403 : 401;
}
