import { fieldError, type FieldError } from '../../kernel/errors.ts';

/**
 * What a system client (an agency's system, a health facility) may be granted. One list: client registration
 * and the token endpoint check against it, and the authorisation policy reads the granted scopes from the
 * principal. A new integration adds its scope here.
 */
export const SYSTEM_SCOPES = [
  'dossiers:submit',
  'dossiers:read',
  'registers:read',
  'birth-notices:submit',
  'death-notices:submit',
] as const;
export type SystemScope = (typeof SYSTEM_SCOPES)[number];

export function isSystemScope(s: string): s is SystemScope {
  return (SYSTEM_SCOPES as readonly string[]).includes(s);
}

export type ScopeGrant = { readonly ok: true; readonly scopes: readonly string[] } | { readonly ok: false; readonly fields: readonly FieldError[] };

/**
 * The scopes a token is granted (RFC 6749 §3.3): those requested when every one of them is allowed to the
 * client; all the client's scopes when none is requested; a refusal naming each scope that is not allowed —
 * never a silent widening or narrowing the client did not ask for.
 */
export function grantScopes(requested: string | undefined, allowed: readonly string[]): ScopeGrant {
  const asked = requested === undefined ? [] : [...new Set(requested.split(' ').filter(Boolean))];
  if (asked.length === 0) return { ok: true, scopes: [...allowed] };
  const refused = asked.filter((s) => !allowed.includes(s));
  if (refused.length)
    return {
      ok: false,
      fields: refused.map((s) => fieldError('scope', 'not-allowed', `The scope "${s}" is not allowed for this client.`, `Phạm vi "${s}" không được cấp cho ứng dụng khách này.`)),
    };
  return { ok: true, scopes: asked };
}
