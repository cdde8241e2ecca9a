import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * One secret (32 random bytes, base64 or hex) and the keys derived from it with HKDF-SHA-256, one per use, so
 * that no key serves two purposes. `domain` separates key rings that might be given the same secret by mistake
 * (the identity part's ring and the data-sealing ring derive different keys from one secret).
 */
export class KeyRing {
  private readonly root: Buffer;
  constructor(
    secret: string | Uint8Array,
    private readonly domain: string,
    what = 'the key',
  ) {
    this.root = typeof secret === 'string' ? decodeKey(secret) : Buffer.from(secret);
    if (this.root.length !== 32) throw new Error(`${what} must be 32 bytes (base64 or hex of 32 random bytes: openssl rand -base64 32)`);
  }

  /** A 32-byte key for one purpose ('totp-secrets', 'rp-flow', 'declarations', …). */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.root, Buffer.alloc(0), `${this.domain} ${purpose}`, 32));
  }

  /** An AES-256-GCM box with the key for `purpose`. */
  box(purpose: string): SecretBox {
    return new SecretBox(this.derive(purpose));
  }
}

function decodeKey(s: string): Buffer {
  const t = s.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  return Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * AES-256-GCM: a random 96-bit nonce per value, the 128-bit tag checked on opening. The associated data binds a
 * sealed value to what it belongs to (e.g. `officer:alice`), so a ciphertext copied onto another row will not open.
 * Format: `v1.<nonce>.<ciphertext>.<tag>`, base64url.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {}

  seal(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), ct.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
  }

  /** The plaintext, or null when the value was altered, belongs elsewhere, or was sealed with another key. */
  open(sealed: string, aad: string): string | null {
    const [v, iv, ct, tag] = sealed.split('.');
    if (v !== 'v1' || iv === undefined || ct === undefined || tag === undefined) return null;
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
