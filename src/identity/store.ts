import type { Queryable } from '../platform/db/db.ts';

/** Timestamps leave the database as ISO-8601 UTC text: one shape on both engines. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** What sign-in needs of any account with a password and a TOTP second factor. */
export interface CredentialRow {
  readonly password_hash: string;
  readonly totp_secret: string;
  readonly totp_last_step: number;
  readonly failed_attempts: number;
  readonly locked_until: string | null;
  readonly disabled_at: string | null;
}

export interface OfficerRow extends CredentialRow {
  readonly username: string;
  readonly agency: string;
  readonly role: string;
  readonly province_code: string | null;
  readonly district_code: string | null;
  readonly commune_code: string | null;
  readonly created_at: string;
  readonly created_by: string;
  readonly disabled_by: string | null;
  readonly last_sign_in_at: string | null;
}

export interface CitizenAccountRow extends CredentialRow {
  readonly pin: string;
}

export interface ClientRow {
  readonly client_id: string;
  readonly name: string;
  readonly agency: string;
  readonly scopes: string[];
  readonly secret_hash: string;
  readonly disabled_at: string | null;
}

const CREDENTIAL_COLS = `password_hash, totp_secret, totp_last_step, failed_attempts, ${iso('locked_until')} AS locked_until, ${iso('disabled_at')} AS disabled_at`;
const OFFICER_COLS = `username, agency, role, province_code, district_code, commune_code, ${CREDENTIAL_COLS},
  ${iso('created_at')} AS created_at, created_by, disabled_by, ${iso('last_sign_in_at')} AS last_sign_in_at`;

const num = <T extends { totp_last_step: number; failed_attempts: number }>(r: T): T => ({ ...r, totp_last_step: Number(r.totp_last_step), failed_attempts: Number(r.failed_attempts) });

/** The two tables whose rows sign in with password and TOTP, and their keys. */
export type CredentialTable = { table: 'identity.officers'; key: 'username' } | { table: 'identity.citizen_accounts'; key: 'pin' };
export const OFFICERS: CredentialTable = { table: 'identity.officers', key: 'username' };
export const CITIZENS: CredentialTable = { table: 'identity.citizen_accounts', key: 'pin' };

export const identityStore = {
  async insertOfficer(
    tx: Queryable,
    o: {
      username: string;
      agency: string;
      role: string;
      provinceCode: string | null;
      districtCode: string | null;
      communeCode: string | null;
      passwordHash: string;
      totpSecret: string;
      at: Date;
      by: string;
    },
  ): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO identity.officers (username, agency, role, province_code, district_code, commune_code, password_hash, totp_secret, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (username) DO NOTHING RETURNING username`,
      [o.username, o.agency, o.role, o.provinceCode, o.districtCode, o.communeCode, o.passwordHash, o.totpSecret, o.at.toISOString(), o.by],
    );
    return rows.length === 1;
  },

  async findOfficer(q: Queryable, username: string, forUpdate = false): Promise<OfficerRow | undefined> {
    const [r] = await q.query<OfficerRow>(`SELECT ${OFFICER_COLS} FROM identity.officers WHERE username = $1${forUpdate ? ' FOR UPDATE' : ''}`, [username]);
    return r && num(r);
  },

  /** Accounts of one agency (null: all) in one province (null: all, national accounts included). */
  async listOfficers(q: Queryable, agency: string | null, provinceCode: string | null, limit: number, offset: number): Promise<{ rows: OfficerRow[]; total: number }> {
    const where = 'WHERE ($1::text IS NULL OR agency = $1) AND ($2::text IS NULL OR province_code = $2)';
    const rows = await q.query<OfficerRow>(`SELECT ${OFFICER_COLS} FROM identity.officers ${where} ORDER BY username LIMIT $3 OFFSET $4`, [agency, provinceCode, limit, offset]);
    const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM identity.officers ${where}`, [agency, provinceCode]);
    return { rows: rows.map(num), total: Number(c?.n ?? 0) };
  },

  /** Lifts a lock-out: the failure count starts again from zero. */
  async unlockOfficer(tx: Queryable, username: string): Promise<void> {
    await tx.query('UPDATE identity.officers SET failed_attempts = 0, locked_until = NULL WHERE username = $1', [username]);
  },

  /** New credentials (after a lost phone or a forgotten password): the lock-out is lifted, the TOTP history restarts. */
  async resetOfficerCredentials(tx: Queryable, username: string, c: { passwordHash: string; totpSecret: string }): Promise<void> {
    await tx.query(
      'UPDATE identity.officers SET password_hash = $2, totp_secret = $3, totp_last_step = 0, failed_attempts = 0, locked_until = NULL WHERE username = $1',
      [username, c.passwordHash, c.totpSecret],
    );
  },

  async replaceClientSecret(tx: Queryable, clientId: string, secretHash: string): Promise<void> {
    await tx.query('UPDATE identity.clients SET secret_hash = $2 WHERE client_id = $1', [clientId, secretHash]);
  },

  async disableClient(tx: Queryable, clientId: string, at: Date): Promise<void> {
    await tx.query('UPDATE identity.clients SET disabled_at = $2 WHERE client_id = $1 AND disabled_at IS NULL', [clientId, at.toISOString()]);
  },

  async disableOfficer(tx: Queryable, username: string, at: Date, by: string): Promise<void> {
    await tx.query('UPDATE identity.officers SET disabled_at = $2, disabled_by = $3 WHERE username = $1 AND disabled_at IS NULL', [username, at.toISOString(), by]);
  },

  async insertCitizen(tx: Queryable, c: { pin: string; passwordHash: string; totpSecret: string; at: Date }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO identity.citizen_accounts (pin, password_hash, totp_secret, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (pin) DO NOTHING RETURNING pin`,
      [c.pin, c.passwordHash, c.totpSecret, c.at.toISOString()],
    );
    return rows.length === 1;
  },

  async findCitizen(q: Queryable, pin: string, forUpdate = false): Promise<CitizenAccountRow | undefined> {
    const [r] = await q.query<CitizenAccountRow>(`SELECT pin, ${CREDENTIAL_COLS} FROM identity.citizen_accounts WHERE pin = $1${forUpdate ? ' FOR UPDATE' : ''}`, [pin]);
    return r && num(r);
  },

  /** Writes the outcome of a sign-in attempt: the lock-out state, and on success the TOTP step used. */
  async recordAttempt(
    tx: Queryable,
    t: CredentialTable,
    id: string,
    s: { failures: number; lockedUntil: Date | null; success: { totpStep: number; at: Date } | null },
  ): Promise<void> {
    if (s.success)
      await tx.query(`UPDATE ${t.table} SET failed_attempts = $2, locked_until = $3, totp_last_step = $4, last_sign_in_at = $5 WHERE ${t.key} = $1`, [
        id,
        s.failures,
        s.lockedUntil?.toISOString() ?? null,
        s.success.totpStep,
        s.success.at.toISOString(),
      ]);
    else await tx.query(`UPDATE ${t.table} SET failed_attempts = $2, locked_until = $3 WHERE ${t.key} = $1`, [id, s.failures, s.lockedUntil?.toISOString() ?? null]);
  },

  async insertClient(tx: Queryable, c: { clientId: string; name: string; agency: string; scopes: readonly string[]; secretHash: string; at: Date; by: string }): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO identity.clients (client_id, name, agency, scopes, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (client_id) DO NOTHING RETURNING client_id`,
      [c.clientId, c.name, c.agency, [...c.scopes], c.secretHash, c.at.toISOString(), c.by],
    );
    return rows.length === 1;
  },

  async findClient(q: Queryable, clientId: string): Promise<ClientRow | undefined> {
    const [r] = await q.query<ClientRow>(`SELECT client_id, name, agency, scopes, secret_hash, ${iso('disabled_at')} AS disabled_at FROM identity.clients WHERE client_id = $1`, [clientId]);
    return r;
  },

  async insertSession(tx: Queryable, s: { idHash: string; pin: string; csrfToken: string; at: Date; expiresAt: Date }): Promise<void> {
    await tx.query('INSERT INTO identity.sessions (id_hash, pin, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      s.idHash,
      s.pin,
      s.csrfToken,
      s.at.toISOString(),
      s.expiresAt.toISOString(),
    ]);
  },

  /** The live session with this id digest at `now`, if any. */
  async findSession(q: Queryable, idHash: string, now: Date): Promise<{ pin: string; csrf_token: string; expires_at: string } | undefined> {
    const [r] = await q.query<{ pin: string; csrf_token: string; expires_at: string }>(
      `SELECT pin, csrf_token, ${iso('expires_at')} AS expires_at FROM identity.sessions WHERE id_hash = $1 AND signed_out_at IS NULL AND expires_at > $2`,
      [idHash, now.toISOString()],
    );
    return r;
  },

  async endSession(tx: Queryable, idHash: string, at: Date): Promise<void> {
    await tx.query('UPDATE identity.sessions SET signed_out_at = $2 WHERE id_hash = $1 AND signed_out_at IS NULL', [idHash, at.toISOString()]);
  },
};
