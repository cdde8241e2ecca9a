import type { SchemaMigrations } from '../../platform/db/migrate.ts';
import { outboxInboxSql } from '../../platform/messaging/outbox-inbox-sql.ts';

export const populationMigrations: SchemaMigrations = {
  schema: 'population',
  migrations: [
    {
      version: 1,
      name: 'households, citizens, PIN requests, residence registrations, outbox, inbox',
      sql: `
        CREATE TABLE population.households (
          id text PRIMARY KEY,
          province_code text NOT NULL CHECK (province_code ~ '^\\d{2}$'),
          district_code text,
          commune_code text,
          address_line text,
          head_pin text,
          needs_new_head boolean NOT NULL DEFAULT false
        );
        CREATE TABLE population.citizens (
          pin text PRIMARY KEY CHECK (pin ~ '^\\d{12}$'),
          full_name text NOT NULL,
          sex text NOT NULL CHECK (sex IN ('male', 'female')),
          date_of_birth date NOT NULL,
          household_id text REFERENCES population.households(id),
          ethnicity text,
          status text NOT NULL CHECK (status IN ('alive', 'deceased')),
          date_of_death date,
          source text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX population_citizens_household ON population.citizens (household_id);
        CREATE TABLE population.pin_requests (
          request_id text PRIMARY KEY,
          pin text NOT NULL REFERENCES population.citizens(pin)
        );
        CREATE TABLE population.residence_registrations (
          pin text PRIMARY KEY REFERENCES population.citizens(pin),
          household_id text NOT NULL REFERENCES population.households(id),
          dossier_id uuid NOT NULL,
          registered_on date NOT NULL,
          basis text NOT NULL,
          verification_code text NOT NULL UNIQUE
        );
        ${outboxInboxSql('population')}`,
    },
    {
      version: 2,
      name: 'deaths recorded from the civil registry, residence deregistrations',
      sql: `
        CREATE TABLE population.death_records (
          registration_id text PRIMARY KEY,
          pin text NOT NULL REFERENCES population.citizens(pin),
          date_of_death date NOT NULL,
          certificate_number text NOT NULL,
          recorded_at timestamptz NOT NULL
        );
        CREATE TABLE population.residence_deregistrations (
          pin text PRIMARY KEY REFERENCES population.citizens(pin),
          household_id text NOT NULL REFERENCES population.households(id),
          dossier_id uuid NOT NULL,
          deregistered_on date NOT NULL,
          basis text NOT NULL,
          household_needs_new_head boolean NOT NULL,
          verification_code text NOT NULL UNIQUE
        );`,
    },
  ],
};
