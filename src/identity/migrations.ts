import type { SchemaMigrations } from '../platform/db/migrate.ts';

/**
 * The identity part's own schema: officer accounts, system clients, citizen accounts of the built-in identity
 * provider, web sessions, and the provider's short-lived OpenID Connect artefacts. Secrets are stored only as
 * argon2id hashes (passwords, client secrets), AES-256-GCM boxes (TOTP secrets, the provider's signing key) or
 * SHA-256 digests (session ids).
 */
export const identityMigrations: SchemaMigrations = {
  schema: 'identity',
  migrations: [
    {
      version: 1,
      name: 'officers, system clients, citizen accounts, sessions, identity-provider store',
      sql: `
        CREATE TABLE identity.officers (
          username text PRIMARY KEY,
          agency text NOT NULL,
          role text NOT NULL,
          province_code text NOT NULL,
          district_code text,
          commune_code text,
          password_hash text NOT NULL,
          totp_secret text NOT NULL,
          totp_last_step bigint NOT NULL DEFAULT 0,
          failed_attempts integer NOT NULL DEFAULT 0,
          locked_until timestamptz,
          disabled_at timestamptz,
          disabled_by text,
          created_at timestamptz NOT NULL,
          created_by text NOT NULL,
          last_sign_in_at timestamptz
        );
        CREATE INDEX identity_officers_agency ON identity.officers (agency, username);
        CREATE TABLE identity.clients (
          client_id text PRIMARY KEY,
          name text NOT NULL,
          agency text NOT NULL,
          scopes text[] NOT NULL,
          secret_hash text NOT NULL,
          disabled_at timestamptz,
          created_at timestamptz NOT NULL,
          created_by text NOT NULL
        );
        CREATE TABLE identity.citizen_accounts (
          pin text PRIMARY KEY,
          password_hash text NOT NULL,
          totp_secret text NOT NULL,
          totp_last_step bigint NOT NULL DEFAULT 0,
          failed_attempts integer NOT NULL DEFAULT 0,
          locked_until timestamptz,
          disabled_at timestamptz,
          created_at timestamptz NOT NULL,
          last_sign_in_at timestamptz
        );
        CREATE TABLE identity.sessions (
          id_hash text PRIMARY KEY,
          pin text NOT NULL,
          csrf_token text NOT NULL,
          created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL,
          signed_out_at timestamptz
        );
        CREATE TABLE identity.idp_payloads (
          model text NOT NULL,
          id text NOT NULL,
          payload text NOT NULL, -- JSON as text: the provider's payloads may carry escaped NULs, which jsonb refuses
          grant_id text,
          user_code text,
          uid text,
          expires_at bigint,
          consumed_at bigint,
          PRIMARY KEY (model, id)
        );
        CREATE INDEX identity_idp_grant ON identity.idp_payloads (grant_id) WHERE grant_id IS NOT NULL;
        CREATE INDEX identity_idp_uid ON identity.idp_payloads (uid) WHERE uid IS NOT NULL;
        CREATE INDEX identity_idp_expiry ON identity.idp_payloads (expires_at);
        CREATE TABLE identity.idp_keys (
          id text PRIMARY KEY,
          sealed_jwk text NOT NULL,
          created_at timestamptz NOT NULL
        );`,
    },
    {
      version: 2,
      name: 'token revocations',
      sql: `
        -- Every bearer token of the subject issued before revoked_before is void (identity/revocations.ts).
        CREATE TABLE identity.token_revocations (
          subject text PRIMARY KEY,
          revoked_before timestamptz NOT NULL,
          reason text NOT NULL
        );
        CREATE INDEX identity_token_revocations_recent ON identity.token_revocations (revoked_before);`,
    },
    {
      version: 3,
      name: 'national officer accounts',
      sql: `
        -- An account with no province serves the whole country (rule tables, the holiday calendar are national);
        -- a district or commune only inside a province.
        ALTER TABLE identity.officers ALTER COLUMN province_code DROP NOT NULL;
        ALTER TABLE identity.officers ADD CONSTRAINT officers_area_nested CHECK (province_code IS NOT NULL OR (district_code IS NULL AND commune_code IS NULL));`,
    },
  ],
};
