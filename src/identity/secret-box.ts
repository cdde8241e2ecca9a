import { KeyRing } from '../platform/crypto/secret-box.ts';

export { SecretBox } from '../platform/crypto/secret-box.ts';

/**
 * The identity part's one secret (LIENTHONG_IDENTITY_KEY) and the keys derived from it, one per use
 * ('totp-secrets', 'rp-flow', 'idp-cookies', …). The derivation label is the one used since the first release,
 * so existing sealed values still open.
 */
export class IdentityKeys extends KeyRing {
  constructor(secret: string | Uint8Array) {
    super(secret, 'lienthong identity', 'the identity key');
  }
}
