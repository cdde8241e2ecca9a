import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Configuration } from 'oidc-provider';
import type { Db } from '../../platform/db/db.ts';
import type { CitizenAccounts } from '../citizens.ts';
import type { IdentityKeys } from '../secret-box.ts';
import { messagePage } from '../web/pages.ts';
import { dbAdapter } from './idp-adapter.ts';
import { IDP_PATH, type ResolvedOidc } from './options.ts';

/**
 * The provider's ID-token signing key (RS256, what every relying party accepts by default): made once, kept
 * encrypted in the identity schema, so every process and every restart signs with the same key.
 */
async function signingKey(db: Db, keys: IdentityKeys): Promise<JsonWebKey> {
  const box = keys.box('idp-signing-key');
  const read = async () => {
    const [r] = await db.query<{ id: string; sealed_jwk: string }>("SELECT id, sealed_jwk FROM identity.idp_keys WHERE id = 'signing'");
    if (!r) return undefined;
    const jwk = box.open(r.sealed_jwk, 'idp-key:signing');
    if (jwk === null) throw new Error('the identity provider’s signing key does not open: is LIENTHONG_IDENTITY_KEY the one it was sealed with?');
    return JSON.parse(jwk) as JsonWebKey;
  };
  const existing = await read();
  if (existing) return existing;
  const jwk = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  await db.query("INSERT INTO identity.idp_keys (id, sealed_jwk, created_at) VALUES ('signing', $1, now()) ON CONFLICT (id) DO NOTHING", [
    box.seal(JSON.stringify(jwk), 'idp-key:signing'),
  ]);
  return (await read())!;
}

/**
 * The built-in OpenID Connect provider (embedded mode, tests) on `oidc-provider`: one client, the platform
 * itself; the authorization code flow with PKCE; the citizen's PIN as the subject and no other claim; the
 * sign-in pages are ours (idp-routes.ts), consent is implied for this first-party client.
 */
export async function buildIdentityProvider(o: { oidc: ResolvedOidc; db: Db; keys: IdentityKeys; citizens: CitizenAccounts }): Promise<Provider> {
  const { default: ProviderClass } = await import('oidc-provider');
  const configuration: Configuration = {
    adapter: dbAdapter(o.db),
    clients: [
      {
        client_id: o.oidc.clientId,
        client_secret: o.oidc.clientSecret,
        redirect_uris: [o.oidc.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [(await signingKey(o.db, o.keys)) as never] },
    cookies: { keys: [o.keys.derive('idp-cookies').toString('base64url')] },
    scopes: ['openid'],
    claims: { openid: ['sub'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // Short-lived artefacts: a sign-in is finished within minutes; the provider's own session lasts a working day.
    ttl: { AuthorizationCode: 60, Interaction: 600, IdToken: 600, AccessToken: 600, Session: 8 * 3600, Grant: 8 * 3600 },
    interactions: { url: (_ctx, interaction) => `${IDP_PATH}/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => ((await o.citizens.active(sub)) ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    renderError: async (ctx) => {
      ctx.type = 'html';
      ctx.body = messagePage('Không đăng nhập được', 'Sign-in failed', 'Yêu cầu đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng bắt đầu lại.', 'The sign-in request is not valid or has expired. Please start again.');
    },
  };
  const provider = new ProviderClass(o.oidc.issuer, configuration);
  // An https issuer served by this plain-http process sits behind a TLS-terminating proxy: trust its
  // X-Forwarded-Proto so the provider's cookies are marked Secure.
  provider.proxy = o.oidc.issuer.startsWith('https:');
  return provider;
}
