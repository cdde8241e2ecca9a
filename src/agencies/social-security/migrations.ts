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
    {
      version: 4,
      name: 'voluntary SI payments: dues and renewals, payments received, vouchers, participation, SI book cover sheets',
      sql: `
        -- A registration's participation: awaiting its first payment, active, suspended (a renewal missed) or lapsed
        -- (the first payment never came; the procedure was refused). Nothing was ever 'paid' before this version.
        ALTER TABLE social_security.voluntary_registrations DROP CONSTRAINT voluntary_registrations_status_check;
        UPDATE social_security.voluntary_registrations SET status = 'active' WHERE status = 'paid';
        ALTER TABLE social_security.voluntary_registrations
          ADD CONSTRAINT voluntary_registrations_status_check CHECK (status IN ('awaiting-payment', 'active', 'suspended', 'lapsed')),
          -- The register's facts at registration (name, date of birth, sex): the SI book cover sheet is made from them.
          ADD COLUMN participant jsonb,
          -- The provincial office that holds the registration (residence, else the SI code's province).
          ADD COLUMN province_code text,
          -- A reply owed to the hub (the payment was reconciled, or never came), sent by the part's sweep.
          ADD COLUMN hub_notice text CHECK (hub_notice IN ('completed', 'rejected')),
          ADD COLUMN reasons jsonb,
          ADD COLUMN status_since date;
        CREATE INDEX social_security_voluntary_hub_notice ON social_security.voluntary_registrations (dossier_id) WHERE hub_notice IS NOT NULL;

        -- What is due under each payment reference: the registration's first period, then each renewal.
        CREATE TABLE social_security.voluntary_dues (
          reference text PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES social_security.voluntary_registrations(dossier_id),
          pin text NOT NULL,
          si_code text NOT NULL,
          kind text NOT NULL CHECK (kind IN ('registration', 'renewal')),
          method text NOT NULL,
          monthly_income bigint NOT NULL,
          period_from text NOT NULL,
          period_to text NOT NULL,
          months integer NOT NULL,
          supported_months integer NOT NULL,
          amount_due bigint NOT NULL,
          due_by date NOT NULL,
          province_code text,
          status text NOT NULL CHECK (status IN ('open', 'paid', 'lapsed')),
          rule_version text NOT NULL,
          legal_basis text NOT NULL,
          payment jsonb NOT NULL,
          created_on date NOT NULL,
          settled_on date
        );
        CREATE INDEX social_security_voluntary_dues_pin ON social_security.voluntary_dues (pin);
        CREATE INDEX social_security_voluntary_dues_open ON social_security.voluntary_dues (due_by) WHERE status = 'open';
        INSERT INTO social_security.voluntary_dues (reference, dossier_id, pin, si_code, kind, method, monthly_income, period_from, period_to, months,
            supported_months, amount_due, due_by, status, rule_version, legal_basis, payment, created_on)
          SELECT reference, dossier_id, pin, si_code, 'registration', method, monthly_income, period_from, period_to, months, supported_months, amount_due, due_by,
            CASE status WHEN 'awaiting-payment' THEN 'open' WHEN 'active' THEN 'paid' ELSE 'lapsed' END,
            result->'contribution'->>'ruleVersion', result->'contribution'->>'legalBasis', result->'payment', registered_on
          FROM social_security.voluntary_registrations;

        -- Every amount received, by transfer (an imported bank statement) or in cash (a collection point). Never deleted:
        -- what could not be credited stays listed for an officer until resolved.
        CREATE TABLE social_security.voluntary_payments (
          id uuid PRIMARY KEY,
          channel text NOT NULL CHECK (channel IN ('bank-transfer', 'cash')),
          transaction_id text NOT NULL,
          value_date date NOT NULL,
          amount bigint NOT NULL CHECK (amount > 0),
          payer_name text,
          payer_account text,
          description text NOT NULL,
          reference text,
          outcome text NOT NULL CHECK (outcome IN ('matched', 'partial', 'overpaid', 'duplicate', 'late', 'unmatched')),
          applied bigint NOT NULL,
          excess bigint NOT NULL,
          note text,
          province_code text,
          source text NOT NULL,
          recorded_at timestamptz NOT NULL,
          resolution jsonb,
          UNIQUE (channel, transaction_id)
        );
        CREATE INDEX social_security_voluntary_payments_reference ON social_security.voluntary_payments (reference);
        CREATE INDEX social_security_voluntary_payments_open ON social_security.voluntary_payments (recorded_at) WHERE outcome <> 'matched' AND resolution IS NULL;

        -- The payment vouchers of the centralised accounting: one per settled due.
        CREATE TABLE social_security.payment_vouchers (
          number text PRIMARY KEY,
          reference text NOT NULL UNIQUE REFERENCES social_security.voluntary_dues(reference),
          dossier_id uuid NOT NULL,
          pin text NOT NULL,
          issued_on date NOT NULL,
          amount bigint NOT NULL,
          received bigint NOT NULL,
          voucher jsonb NOT NULL,
          verification_code text NOT NULL UNIQUE
        );
        -- The participation recorded from each voucher (the book-and-card records, Decision 1188/QD-BHXH).
        CREATE TABLE social_security.voluntary_participation (
          voucher_number text PRIMARY KEY REFERENCES social_security.payment_vouchers(number),
          pin text NOT NULL,
          si_code text NOT NULL,
          month_from text NOT NULL,
          month_to text NOT NULL,
          months integer NOT NULL,
          monthly_income bigint NOT NULL,
          supported_months integer NOT NULL,
          recorded_on date NOT NULL
        );
        CREATE INDEX social_security_voluntary_participation_pin ON social_security.voluntary_participation (pin, month_from);
        -- The electronic SI book cover sheet, generated once, on first participation.
        CREATE TABLE social_security.si_book_cover_sheets (
          pin text PRIMARY KEY,
          si_code text NOT NULL UNIQUE,
          voucher_number text NOT NULL REFERENCES social_security.payment_vouchers(number),
          issued_on date NOT NULL,
          sheet jsonb NOT NULL,
          verification_code text NOT NULL UNIQUE
        );
        -- What the participant is told outside a dossier (a renewal missed, participation suspended): once per due and kind.
        CREATE TABLE social_security.voluntary_notices (
          id bigserial PRIMARY KEY,
          pin text NOT NULL,
          at timestamptz NOT NULL,
          code text NOT NULL,
          reference text NOT NULL,
          message text NOT NULL,
          message_vi text NOT NULL,
          UNIQUE (reference, code)
        );
        CREATE INDEX social_security_voluntary_notices_pin ON social_security.voluntary_notices (pin, at);`,
    },
    {
      version: 5,
      name: 'per-province settings (HI card approval) and their audit, the HI card worklist with claims',
      sql: `
        -- What an IT operator sets per province (seed 004 item 2); a province without a row uses the defaults.
        CREATE TABLE social_security.province_settings (
          province_code text PRIMARY KEY CHECK (province_code ~ '^\\d{2}$'),
          hi_card_approval text NOT NULL CHECK (hi_card_approval IN ('automatic', 'director')),
          updated_at timestamptz NOT NULL,
          updated_by text NOT NULL
        );
        -- Every change: who, when, before → after, and why (kept even when the audit trail runs elsewhere).
        CREATE TABLE social_security.settings_changes (
          id bigserial PRIMARY KEY,
          province_code text NOT NULL,
          at timestamptz NOT NULL,
          changed_by text NOT NULL,
          before jsonb NOT NULL,
          after jsonb NOT NULL,
          reason text NOT NULL
        );
        CREATE INDEX social_security_settings_changes_province ON social_security.settings_changes (province_code, at);
        -- HI card requests waiting for the collector's check and the director's approval (seed 003 step 5a).
        CREATE TABLE social_security.worklist_items (
          id uuid PRIMARY KEY,
          kind text NOT NULL CHECK (kind IN ('hi-card-approval')),
          dossier_id uuid NOT NULL,
          province_code text NOT NULL,
          status text NOT NULL CHECK (status IN ('to-check', 'to-approve', 'awaiting-supplement', 'approved', 'refused')),
          request jsonb NOT NULL,
          received_at timestamptz NOT NULL,
          deadline date NOT NULL,
          claimed_by text,
          claimed_at timestamptz,
          decisions jsonb NOT NULL DEFAULT '[]',
          supplement jsonb,
          UNIQUE (kind, dossier_id)
        );
        CREATE INDEX social_security_worklist_open ON social_security.worklist_items (province_code, status, deadline);`,
    },
    {
      version: 6,
      name: 'claims on the payments an officer must resolve (the payments worklist, worklist/payments-*.ts)',
      sql: `
        -- Who holds a payment exception and since when; a claim lapses after 30 minutes (platform/worklist/claims.ts).
        ALTER TABLE social_security.voluntary_payments ADD COLUMN claimed_by text, ADD COLUMN claimed_at timestamptz;
        CREATE INDEX social_security_voluntary_payments_worklist ON social_security.voluntary_payments (province_code, recorded_at) WHERE outcome <> 'matched' AND resolution IS NULL;`,
    },
    {
      version: 7,
      name: 'rule-table versions an IT operator adds (base salary, rural poverty line, support rates), append-only',
      sql: `
        -- Versions added through the API (rules/service.ts); the built-in ones live in the code (kernel/rules). A row is
        -- never changed or removed: a decision records the version ids it used, and each must stay explainable.
        CREATE TABLE social_security.rule_versions (
          id bigserial PRIMARY KEY,
          table_name text NOT NULL CHECK (table_name IN ('base-salary', 'rural-poverty-line', 'support-rates')),
          version text NOT NULL UNIQUE,
          effective_from date NOT NULL,
          value jsonb NOT NULL,
          legal_basis text NOT NULL,
          added_by text NOT NULL,
          reason text NOT NULL,
          added_at timestamptz NOT NULL
        );
        CREATE FUNCTION social_security.rule_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'social_security.rule_versions is append-only'; END $$;
        CREATE TRIGGER rule_versions_append_only BEFORE UPDATE OR DELETE ON social_security.rule_versions
          FOR EACH ROW EXECUTE FUNCTION social_security.rule_versions_refuse_change();
        CREATE TRIGGER rule_versions_no_truncate BEFORE TRUNCATE ON social_security.rule_versions
          FOR EACH STATEMENT EXECUTE FUNCTION social_security.rule_versions_refuse_change();`,
    },
    {
      version: 8,
      name: 'voluntary SI registrations waiting for the proof of a support claim (island commune) asked as a supplement',
      sql: `
        -- The registration request kept while the participant is asked for proof (voluntary-handlers.ts): it resumes
        -- on the answer, or the file is closed when the hub refuses it unanswered (7 working days, Decree 63/2024/ND-CP).
        CREATE TABLE social_security.voluntary_supplements (
          dossier_id uuid PRIMARY KEY,
          pin text NOT NULL,
          status text NOT NULL CHECK (status IN ('awaiting-supplement', 'answered', 'expired')),
          request jsonb NOT NULL,
          fields jsonb NOT NULL,
          answers jsonb,
          requested_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        );`,
    },
    {
      version: 9,
      name: 'rule-table versions: the SI fund monthly investment rate (si-fund-rate) joins the tables an IT operator extends',
      sql: `
        -- kernel/rules/si-fund-rates.ts; the rows already stored are kept as they are (the table stays append-only).
        ALTER TABLE social_security.rule_versions DROP CONSTRAINT rule_versions_table_name_check;
        ALTER TABLE social_security.rule_versions ADD CONSTRAINT rule_versions_table_name_check
          CHECK (table_name IN ('base-salary', 'rural-poverty-line', 'support-rates', 'si-fund-rate'));`,
    },
  ],
};
