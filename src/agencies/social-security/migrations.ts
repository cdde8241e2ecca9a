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
    {
      version: 2,
      name: 'death cases, benefit decisions, stops of monthly payments, end of HI cards',
      sql: `
        CREATE TABLE social_security.death_cases (
          dossier_id uuid PRIMARY KEY,
          deceased_pin text NOT NULL,
          status text NOT NULL CHECK (status IN ('awaiting-supplement', 'decided', 'closed')),
          request jsonb NOT NULL,
          supplement_fields jsonb NOT NULL DEFAULT '[]',
          supplement_answers jsonb,
          received_on date NOT NULL,
          settlement_deadline date NOT NULL,
          decided_on date,
          result jsonb,
          updated_at timestamptz NOT NULL
        );
        -- One death, one settlement: a second dossier for the same death is refused (a closed one may be filed again).
        CREATE UNIQUE INDEX social_security_death_once ON social_security.death_cases (deceased_pin) WHERE status <> 'closed';
        CREATE TABLE social_security.benefit_decisions (
          decision_number text PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES social_security.death_cases(dossier_id),
          deceased_pin text NOT NULL,
          benefit text NOT NULL,
          kind text NOT NULL,
          amount bigint,
          monthly_amount bigint,
          from_month text,
          eligibility_case text,
          rule_version text NOT NULL,
          legal_basis text NOT NULL,
          explanation jsonb NOT NULL,
          per_relative jsonb,
          payee_pin text,
          bank_bin text,
          account_number text,
          decided_on date NOT NULL,
          verification_code text NOT NULL UNIQUE,
          UNIQUE (deceased_pin, benefit)
        );
        CREATE TABLE social_security.payment_stops (
          pin text PRIMARY KEY,
          dossier_id uuid NOT NULL,
          pension_kind text NOT NULL,
          monthly_amount bigint NOT NULL,
          from_month text NOT NULL,
          hi_card_ends_on date NOT NULL,
          decision_number text NOT NULL REFERENCES social_security.benefit_decisions(decision_number),
          decided_on date NOT NULL
        );
        ALTER TABLE social_security.hi_cards ADD COLUMN ended_on date;
        CREATE TABLE social_security.decision_books (
          book text PRIMARY KEY,
          last_number integer NOT NULL
        );`,
    },
    {
      version: 3,
      name: 'voluntary SI: poor-household lists, registrations with the amount due and payment reference',
      sql: `
        -- The certified lists of poor and near-poor households (Decree 07/2021/ND-CP), imported from the labour authority.
        CREATE TABLE social_security.poor_households (
          household_id text NOT NULL,
          valid_from date NOT NULL,
          valid_to date NOT NULL,
          category text NOT NULL CHECK (category IN ('poor', 'near-poor')),
          decision text,
          PRIMARY KEY (household_id, valid_from)
        );
        -- One row per registration (dossier): what is due, by when, under which reference; the payment state is VSS's.
        CREATE TABLE social_security.voluntary_registrations (
          dossier_id uuid PRIMARY KEY,
          pin text NOT NULL REFERENCES social_security.insured(pin),
          si_code text NOT NULL,
          reference text NOT NULL UNIQUE,
          method text NOT NULL,
          monthly_income bigint NOT NULL,
          support_group text NOT NULL,
          period_from text NOT NULL,
          period_to text NOT NULL,
          months integer NOT NULL,
          supported_months integer NOT NULL,
          amount_due bigint NOT NULL,
          due_by date NOT NULL,
          status text NOT NULL CHECK (status IN ('awaiting-payment', 'paid', 'suspended')),
          registered_on date NOT NULL,
          decision jsonb NOT NULL,
          result jsonb NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX social_security_voluntary_pin ON social_security.voluntary_registrations (pin);`,
    },
  ],
};
