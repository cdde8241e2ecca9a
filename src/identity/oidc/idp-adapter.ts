import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../platform/db/db.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The built-in provider's storage (sessions, interactions, grants, codes, tokens) in the identity schema, so that
 * a restart keeps sign-ins under way and every portal process shares them. Expiry is the provider's own (real
 * time, epoch seconds); expired rows are swept as new ones are written.
 */
export function dbAdapter(db: Db): AdapterConstructor {
  return class DbAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const now = nowSeconds();
      await db.query(
        `INSERT INTO identity.idp_payloads (model, id, payload, grant_id, user_code, uid, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
           uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresIn ? now + expiresIn : null],
      );
      await db.query('DELETE FROM identity.idp_payloads WHERE model = $1 AND expires_at < $2', [this.model, now]);
    }

    private async one(where: string, value: string): Promise<AdapterPayload | undefined> {
      if (value.includes('\u0000')) return undefined; // no such key can be stored; PostgreSQL refuses NUL in text
      const [r] = await db.query<{ payload: AdapterPayload | string; consumed_at: number | null; expires_at: number | null }>(
        `SELECT payload, consumed_at, expires_at FROM identity.idp_payloads WHERE model = $1 AND ${where} = $2`,
        [this.model, value],
      );
      if (!r || (r.expires_at !== null && Number(r.expires_at) < nowSeconds())) return undefined;
      const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as AdapterPayload) : r.payload;
      return r.consumed_at === null ? payload : { ...payload, consumed: Number(r.consumed_at) };
    }

    find(id: string) {
      return this.one('id', id);
    }
    findByUid(uid: string) {
      return this.one('uid', uid);
    }
    findByUserCode(userCode: string) {
      return this.one('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db.query('UPDATE identity.idp_payloads SET consumed_at = $3 WHERE model = $1 AND id = $2', [this.model, id, nowSeconds()]);
    }
    async destroy(id: string): Promise<void> {
      await db.query('DELETE FROM identity.idp_payloads WHERE model = $1 AND id = $2', [this.model, id]);
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query('DELETE FROM identity.idp_payloads WHERE grant_id = $1', [grantId]);
    }
  };
}
