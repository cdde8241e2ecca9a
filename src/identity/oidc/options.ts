/** Citizen sign-in through OpenID Connect. */
export interface OidcOptions {
  /**
   * The platform's public origin as browsers reach it (LIENTHONG_PUBLIC_URL), e.g. `https://dichvucong.example.vn`.
   * The redirect URI and the built-in provider's issuer derive from it.
   */
  readonly publicUrl: string;
  /**
   * The identity provider the platform trusts (LIENTHONG_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET). Omitted: the
   * built-in provider, mounted at `${publicUrl}/idp`, with client credentials derived from the identity key.
   */
  readonly provider?: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string };
  /** Default `${publicUrl}/auth/citizen/callback` (LIENTHONG_OIDC_REDIRECT_URI). */
  readonly redirectUri?: string;
  /** The ID-token claim that holds the citizen's PIN (LIENTHONG_OIDC_PIN_CLAIM, default `sub`). */
  readonly pinClaim?: string;
}

export interface ResolvedOidc {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly pinClaim: string;
  /** Whether the built-in provider is mounted at /idp. */
  readonly builtIn: boolean;
  /** Plain HTTP is allowed only to a provider on this machine (embedded mode, tests). */
  readonly insecureHttp: boolean;
}

export const BUILT_IN_CLIENT_ID = 'lienthong-portal';
export const IDP_PATH = '/idp';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function resolveOidc(o: OidcOptions, builtInSecret: string): ResolvedOidc {
  const base = o.publicUrl.replace(/\/+$/, '');
  const issuer = o.provider?.issuer ?? `${base}${IDP_PATH}`;
  const url = new URL(issuer);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw new Error(`the OpenID Connect issuer must be https (plain http only on 127.0.0.1 or localhost): ${issuer}`);
  return {
    issuer,
    clientId: o.provider?.clientId ?? BUILT_IN_CLIENT_ID,
    clientSecret: o.provider?.clientSecret ?? builtInSecret,
    redirectUri: o.redirectUri ?? `${base}/auth/citizen/callback`,
    pinClaim: o.pinClaim ?? 'sub',
    builtIn: o.provider === undefined,
    insecureHttp: url.protocol === 'http:',
  };
}
