import type { SchemaMigrations } from '../../platform/db/migrate.ts';
import { outboxInboxSql } from '../../platform/messaging/outbox-inbox-sql.ts';

export const socialSecurityMigrations: SchemaMigrations = {
  schema: 'social_security',
  migrations: [
    {
      version: 1,
      name: 'family households, insured people, SI codes, HI cards, D103-TS, outbox, inbox',
      sql: `
        CREATE TABLE social_security.family_households (
          id text PRIMARY KEY,
          kind text NOT NULL CHECK (kind IN ('family', 'common')),
          province_code text NOT NULL,
          district_code text
        );
        CREATE TABLE social_security.insured (
          pin text PRIMARY KEY CHECK (pin ~ '^\\d{12}$'),
          si_code text NOT NULL UNIQUE CHECK (si_code ~ '^\\d{10}$'),
          family_household_id text REFERENCES social_security.family_households(id),
          periods jsonb NOT NULL DEFAULT '[]',
          pension jsonb,
          reserved boolean NOT NULL DEFAULT false,
          awaiting_pension_age boolean NOT NULL DEFAULT false,
          lump_sum_taken boolean NOT NULL DEFAULT false,
          source text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX social_security_insured_household ON social_security.insured (family_household_id);
        CREATE TABLE social_security.si_code_counters (
          province_code text PRIMARY KEY,
          last_serial bigint NOT NULL
        );
        CREATE TABLE social_security.hi_cards (
          card_number text PRIMARY KEY,
          pin text NOT NULL UNIQUE REFERENCES social_security.insured(pin),
          si_code text NOT NULL,
          dossier_id uuid NOT NULL UNIQUE,
          valid_from date NOT NULL,
          valid_to date NOT NULL,
          initial_facility_code text NOT NULL,
          issued_on date NOT NULL,
          deadline date NOT NULL,
          rule_version text NOT NULL,
          verification_code text NOT NULL UNIQUE
        );
        -- D103-TS: the list of people granted HI cards, one row as each card is issued (Decision 505/QD-BHXH).
        CREATE TABLE social_security.d103_ts (
          id bigserial PRIMARY KEY,
          card_number text NOT NULL UNIQUE REFERENCES social_security.hi_cards(card_number),
          province_code text NOT NULL,
          district_code text,
          commune_code text,
          listed_on date NOT NULL
        );
        ${outboxInboxSql('social_security')}`,
    },
  ],
};
