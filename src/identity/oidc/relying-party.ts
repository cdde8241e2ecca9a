import * as oidc from 'openid-client';
import { AppError, fieldError } from '../../kernel/errors.ts';
import { parsePin } from '../../kernel/identifiers/pin.ts';
import type { Logger } from '../../platform/log/logger.ts';
import type { SecretBox } from '../secret-box.ts';
import type { ResolvedOidc } from './options.ts';

/** What the browser carries between the redirect to the provider and the callback, sealed (AES-256-GCM). */
interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** Epoch milliseconds after which the flow is refused. */
  readonly exp: number;
}

const FLOW_MS = 10 * 60_000;
const incomplete = (path: string, reason: string, reasonVi: string) => new AppError('SIGN_IN_INCOMPLETE', [fieldError(path, 'sign-in-incomplete', reason, reasonVi)]);

/**
 * The platform as an OpenID Connect relying party (`openid-client`): the authorization code flow with PKCE (S256),
 * state and nonce; the ID token's signature, issuer, audience, expiry and nonce are checked by the library.
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried on the next sign-in.
 */
export class RelyingParty {
  private config: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly oidc: ResolvedOidc,
    private readonly flowBox: SecretBox,
    private readonly log: Logger,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= oidc
      .discovery(new URL(this.oidc.issuer), this.oidc.clientId, undefined, oidc.ClientSecretBasic(this.oidc.clientSecret), this.oidc.insecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        this.config = undefined;
        this.log.warn({ err }, 'OpenID Connect discovery failed');
        throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE');
      });
    return this.config;
  }

  /** The provider's authorization URL, and the sealed flow for the browser to bring back. */
  async begin(): Promise<{ url: string; flow: string; maxAgeSeconds: number }> {
    const config = await this.configuration();
    const f: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), exp: Date.now() + FLOW_MS };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.oidc.redirectUri,
      scope: 'openid',
      // Always ask for the credentials: after signing out here, the next person at the same browser must not be
      // signed in by the provider's own session (a shared computer at a commune office, a library).
      prompt: 'login',
      code_challenge: await oidc.calculatePKCECodeChallenge(f.verifier),
      code_challenge_method: 'S256',
      state: f.state,
      nonce: f.nonce,
    });
    return { url: url.href, flow: this.flowBox.seal(JSON.stringify(f), 'rp-flow'), maxAgeSeconds: FLOW_MS / 1000 };
  }

  /** Exchanges the code the provider sent back for tokens, checks them, and returns the citizen's PIN. */
  async finish(sealedFlow: string | undefined, query: string): Promise<string> {
    const opened = sealedFlow ? this.flowBox.open(sealedFlow, 'rp-flow') : null;
    const flow = opened ? (JSON.parse(opened) as Flow) : null;
    if (!flow || flow.exp < Date.now())
      throw incomplete('state', 'The sign-in was not started here, or it took too long.', 'Việc đăng nhập không bắt đầu từ trang này, hoặc đã quá lâu.');
    const params = new URLSearchParams(query);
    if (params.has('error'))
      throw incomplete('error', 'The identity provider did not sign you in.', 'Nhà cung cấp định danh đã không đăng nhập cho bạn.');
    const config = await this.configuration();
    const current = new URL(this.oidc.redirectUri);
    current.search = query;
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (err) {
      this.log.warn({ err }, 'OpenID Connect code exchange refused');
      throw incomplete('code', 'The identity provider’s answer could not be verified.', 'Không xác minh được phản hồi của nhà cung cấp định danh.');
    }
    const pin = claims?.[this.oidc.pinClaim];
    if (typeof pin !== 'string' || !parsePin(pin).ok)
      throw incomplete('pin', 'The identity provider did not give a personal identification number.', 'Nhà cung cấp định danh không cung cấp số định danh cá nhân.');
    return pin;
  }
}
