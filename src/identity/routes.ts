import type { FastifyPluginAsync } from 'fastify';
import type { IdentityDeps } from './deps.ts';
import { buildIdentityProvider } from './oidc/idp-provider.ts';
import { idpInteractionRoutes, idpMountRoutes } from './oidc/idp-routes.ts';
import type { ResolvedOidc } from './oidc/options.ts';
import { RelyingParty } from './oidc/relying-party.ts';
import { citizenSignInRoutes } from './oidc/rp-routes.ts';
import { accountAdminRoutes } from './officer-routes.ts';
import type { IdentityService } from './service.ts';
import { signInRoutes } from './token-routes.ts';
import { revocationRoutes } from './revocation-routes.ts';

/**
 * Every HTTP route of the identity part, one plugin per resource: account administration, officer and client
 * sign-in, and — when OpenID Connect is configured — citizen sign-in and the built-in provider under /idp.
 */
export function identityRoutes(service: IdentityService, deps: IdentityDeps, oidc: ResolvedOidc | null): FastifyPluginAsync[] {
  const routes: FastifyPluginAsync[] = [accountAdminRoutes(service.officers, service.clients), signInRoutes(service.officers, service.clients), revocationRoutes(deps)];
  if (!oidc) return routes;
  routes.push(citizenSignInRoutes(new RelyingParty(oidc, deps.keys.box('rp-flow'), deps.log.child({ part: 'identity' })), service.sessions));
  if (oidc.builtIn) {
    // The provider is built when the server registers its routes: by then the identity schema is migrated.
    let provider: ReturnType<typeof buildIdentityProvider> | undefined;
    const built = () => (provider ??= buildIdentityProvider({ oidc, db: deps.db, keys: deps.keys, citizens: service.citizens }));
    routes.push(async (app) => idpMountRoutes(await built())(app));
    routes.push(async (app) => idpInteractionRoutes(await built(), service.citizens)(app));
  }
  return routes;
}
