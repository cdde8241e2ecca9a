import type { SchemaMigrations } from '../../platform/db/migrate.ts';
import { outboxInboxSql } from '../../platform/messaging/outbox-inbox-sql.ts';
import { deathNoticeMigration } from './death-migrations.ts';

export const civilRegistryMigrations: SchemaMigrations = {
  schema: 'civil_registry',
  migrations: [
    {
      version: 1,
      name: 'birth registrations, registration books, outbox, inbox',
      sql: `
        CREATE TABLE civil_registry.birth_registrations (
          id uuid PRIMARY KEY,
          dossier_id uuid NOT NULL UNIQUE,
          status text NOT NULL CHECK (status IN ('in-review', 'awaiting-pin', 'registered', 'refused')),
          request jsonb NOT NULL,
          findings jsonb NOT NULL DEFAULT '[]',
          duplicate_key text NOT NULL,
          province_code text NOT NULL,
          child_pin text UNIQUE,
          certificate_number text UNIQUE,
          book text,
          registered_on date,
          verification_code text UNIQUE,
          received_at timestamptz NOT NULL,
          decided_by text,
          decided_at timestamptz,
          decision_note text
        );
        -- The same child (same mother, date of birth and name) is registered once.
        CREATE UNIQUE INDEX civil_registry_birth_once ON civil_registry.birth_registrations (duplicate_key) WHERE status <> 'refused';
        CREATE INDEX civil_registry_birth_review ON civil_registry.birth_registrations (province_code, received_at) WHERE status = 'in-review';
        CREATE TABLE civil_registry.books (
          book text PRIMARY KEY,
          last_number integer NOT NULL
        );
        ${outboxInboxSql('civil_registry')}`,
    },
    {
      version: 2,
      name: 'death registrations; supplements asked by an officer on a birth in review',
      sql: `
        ALTER TABLE civil_registry.birth_registrations DROP CONSTRAINT birth_registrations_status_check;
        ALTER TABLE civil_registry.birth_registrations ADD CONSTRAINT birth_registrations_status_check
          CHECK (status IN ('in-review', 'awaiting-supplement', 'awaiting-pin', 'registered', 'refused'));
        ALTER TABLE civil_registry.birth_registrations ADD COLUMN supplement jsonb;
        CREATE TABLE civil_registry.death_registrations (
          id uuid PRIMARY KEY,
          dossier_id uuid NOT NULL UNIQUE,
          status text NOT NULL CHECK (status IN ('registered', 'refused')),
          deceased_pin text NOT NULL,
          date_of_death date NOT NULL,
          request jsonb NOT NULL,
          findings jsonb NOT NULL DEFAULT '[]',
          province_code text NOT NULL,
          certificate_number text UNIQUE,
          book text,
          registered_on date,
          late boolean NOT NULL DEFAULT false,
          verification_code text UNIQUE,
          received_at timestamptz NOT NULL
        );
        -- A person's death is registered once (Law on Civil Status 2014 art. 32–34).
        CREATE UNIQUE INDEX civil_registry_death_once ON civil_registry.death_registrations (deceased_pin) WHERE status = 'registered';`,
    },
    deathNoticeMigration,
    {
      version: 4,
      name: 'claims on births in review, so two officers never decide the same one',
      sql: `
        ALTER TABLE civil_registry.birth_registrations ADD COLUMN claimed_by text;
        ALTER TABLE civil_registry.birth_registrations ADD COLUMN claimed_at timestamptz;`,
    },
  ],
};
