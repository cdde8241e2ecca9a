import type { SchemaMigrations } from '../platform/db/migrate.ts';
import { outboxInboxSql } from '../platform/messaging/outbox-inbox-sql.ts';
import { PROVINCE_SQL } from './dashboard/area.ts';

export const hubMigrations: SchemaMigrations = {
  schema: 'hub',
  migrations: [
    {
      version: 1,
      name: 'dossiers, procedures, history, idempotency, outbox, inbox',
      sql: `
        CREATE TABLE hub.dossiers (
          id uuid PRIMARY KEY,
          group_code text NOT NULL,
          status text NOT NULL,
          declaration jsonb NOT NULL,
          people jsonb,
          reasons jsonb NOT NULL DEFAULT '[]',
          submitted_by text NOT NULL,
          submitted_at timestamptz NOT NULL,
          deadline date NOT NULL,
          updated_at timestamptz NOT NULL,
          finished_at timestamptz
        );
        CREATE INDEX hub_dossiers_submitted_by ON hub.dossiers (submitted_by, submitted_at DESC);
        CREATE TABLE hub.dossier_parties (
          pin text NOT NULL,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          PRIMARY KEY (pin, dossier_id)
        );
        CREATE TABLE hub.idempotency_keys (
          principal text NOT NULL,
          key text NOT NULL,
          request_hash text NOT NULL,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          PRIMARY KEY (principal, key)
        );
        CREATE TABLE hub.procedures (
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          code text NOT NULL,
          position int NOT NULL,
          agency text NOT NULL,
          status text NOT NULL,
          requires text[] NOT NULL,
          deadline date,
          dispatched_at timestamptz,
          finished_at timestamptz,
          in_review boolean NOT NULL DEFAULT false,
          result jsonb,
          reasons jsonb NOT NULL DEFAULT '[]',
          PRIMARY KEY (dossier_id, code)
        );
        CREATE TABLE hub.history (
          id bigserial PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          at timestamptz NOT NULL,
          procedure text,
          status text NOT NULL,
          note text,
          message_id uuid
        );
        CREATE INDEX hub_history_dossier ON hub.history (dossier_id, id);
        ${outboxInboxSql('hub')}`,
    },
    {
      version: 2,
      name: 'supplement requests and answers; awaiting-supplement deadlines',
      sql: `
        CREATE TABLE hub.supplements (
          id bigserial PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          procedure text NOT NULL,
          fields jsonb NOT NULL,
          requested_at timestamptz NOT NULL,
          request_message_id uuid,
          deadline date NOT NULL,
          outcome text NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'answered', 'expired')),
          answers jsonb,
          answered_by text,
          closed_at timestamptz
        );
        -- At most one open request per procedure: the hub answers or expires it before the next.
        CREATE UNIQUE INDEX hub_supplements_open ON hub.supplements (dossier_id, procedure) WHERE outcome = 'open';
        CREATE INDEX hub_procedures_awaiting_supplement ON hub.procedures (deadline) WHERE status = 'awaiting-supplement';`,
    },
    {
      version: 3,
      name: 'documents: find a result by its verification code, a death by the deceased PIN',
      // A document is a completed (or awaiting-payment) procedure's result (src/hub/documents): no table, one index.
      // jsonb_path_ops answers the containment queries of documents/store.ts — {"verificationCode": …},
      // {"decisions": [{…}]}, {"voucher": {…}}, {"deceasedPin": …} — for the public /verify/{code} and for an HI card
      // ended by its holder's death.
      sql: `
        CREATE INDEX hub_procedures_document_results ON hub.procedures USING gin (result jsonb_path_ops) WHERE status IN ('completed', 'awaiting-payment');`,
    },
    {
      version: 4,
      name: 'SLA dashboard: the dossier\'s province, the agency\'s own deadline and answer time (src/hub/dashboard)',
      // `deadline` is overwritten while the procedure waits on the citizen (supplement, payment: their own last day),
      // so the agency's last day is kept apart, set at each dispatch, with the time the agency answered (store.ts
      // updateProcedure). The province is filled at verification (handlers.ts, dashboard/area.ts).
      // Backfill: the province by the same rule in SQL; the agency deadline from `deadline` where the procedure
      // never waited on the citizen; the answer time from the history (the first completion, rejection by the
      // agency, or payment notice) — a rejection for a supplement never provided is not the agency's answer.
      sql: `
        ALTER TABLE hub.dossiers ADD COLUMN province_code text;
        UPDATE hub.dossiers SET province_code = ${PROVINCE_SQL} WHERE people IS NOT NULL;
        ALTER TABLE hub.procedures ADD COLUMN agency_deadline date, ADD COLUMN answered_at timestamptz;
        UPDATE hub.procedures p SET agency_deadline = p.deadline
          WHERE p.dispatched_at IS NOT NULL AND p.status IN ('dispatched', 'completed', 'rejected', 'cancelled')
            AND NOT EXISTS (SELECT 1 FROM hub.history h WHERE h.dossier_id = p.dossier_id AND h.procedure = p.code AND h.status IN ('awaiting-supplement', 'awaiting-payment'));
        UPDATE hub.procedures p SET answered_at = (
            SELECT min(h.at) FROM hub.history h WHERE h.dossier_id = p.dossier_id AND h.procedure = p.code
              AND (h.status IN ('completed', 'awaiting-payment') OR (h.status = 'rejected' AND coalesce(h.note, '') NOT LIKE 'supplement not provided%')))
          WHERE p.dispatched_at IS NOT NULL;
        CREATE INDEX hub_dossiers_province ON hub.dossiers (province_code, group_code);
        CREATE INDEX hub_procedures_ended ON hub.procedures (finished_at) WHERE status IN ('completed', 'rejected') AND dispatched_at IS NOT NULL;
        CREATE INDEX hub_procedures_open ON hub.procedures (agency_deadline) WHERE status IN ('dispatched', 'awaiting-supplement', 'awaiting-payment');
        CREATE INDEX hub_supplements_procedure ON hub.supplements (dossier_id, procedure);`,
    },
    {
      version: 5,
      name: 'per-province time limits set by an IT operator (src/hub/settings), with who, when and why',
      // Rows are never updated: a change is a new row, so the limits in force on any past day can be told.
      sql: `
        CREATE TABLE hub.time_limit_overrides (
          id bigserial PRIMARY KEY,
          province_code text NOT NULL CHECK (province_code ~ '^\\d{2}$'),
          group_code text NOT NULL,
          procedure_code text NOT NULL,
          working_days integer CHECK (working_days BETWEEN 0 AND 365),
          effective_from date NOT NULL,
          set_at timestamptz NOT NULL,
          set_by text NOT NULL,
          reason text NOT NULL
        );
        CREATE INDEX hub_time_limit_overrides_lookup ON hub.time_limit_overrides (province_code, group_code, procedure_code, effective_from DESC, id DESC);`,
    },
    {
      version: 6,
      name: 'notifications outbox; overdue procedures recorded once (src/hub/notifications)',
      // A notification row is written in the transaction of the transition it announces (engine.ts move); the unique
      // key makes a redelivered reply unable to write a second. No address in it: the sender reads the dossier's
      // contact when it delivers. An overdue procedure gets one 'overdue' history row, however many sweeps run.
      sql: `
        CREATE TABLE hub.notifications (
          id bigserial PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          procedure text NOT NULL,
          event text NOT NULL CHECK (event IN ('completed', 'rejected', 'supplement-requested')),
          recipient text NOT NULL,
          channel text NOT NULL CHECK (channel IN ('email', 'sms')),
          details jsonb NOT NULL DEFAULT '{}',
          status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
          attempts integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL,
          created_at timestamptz NOT NULL,
          sent_at timestamptz,
          UNIQUE (dossier_id, procedure, event, channel, recipient)
        );
        CREATE INDEX hub_notifications_due ON hub.notifications (next_attempt_at) WHERE status = 'pending';
        CREATE UNIQUE INDEX hub_history_overdue_once ON hub.history (dossier_id, procedure) WHERE status = 'overdue';`,
    },
    {
      version: 7,
      name: 'overdue procedures told to the agency\'s officers: per-agency mailboxes (settings) and their notifications outbox',
      // An agency's functional mailbox per province ('00': the agency's national address, used where a province has
      // none), set by the hub's IT operator (settings/mailboxes.ts); every change kept with who, when, why. The
      // officer notification is written in the statement that records the procedure overdue (notifications/overdue.ts):
      // the unique key makes it once per procedure; the address is read when it is sent.
      sql: `
        CREATE TABLE hub.agency_mailboxes (
          agency text NOT NULL,
          province_code text NOT NULL CHECK (province_code ~ '^\\d{2}$'),
          email text NOT NULL,
          updated_at timestamptz NOT NULL,
          updated_by text NOT NULL,
          PRIMARY KEY (agency, province_code)
        );
        CREATE TABLE hub.agency_mailbox_changes (
          id bigserial PRIMARY KEY,
          agency text NOT NULL,
          province_code text NOT NULL,
          at timestamptz NOT NULL,
          changed_by text NOT NULL,
          before text,
          after text,
          reason text NOT NULL
        );
        CREATE TABLE hub.officer_notifications (
          id bigserial PRIMARY KEY,
          dossier_id uuid NOT NULL REFERENCES hub.dossiers(id),
          procedure text NOT NULL,
          event text NOT NULL CHECK (event IN ('overdue')),
          agency text NOT NULL,
          province_code text,
          details jsonb NOT NULL DEFAULT '{}',
          status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'no-address')),
          attempts integer NOT NULL DEFAULT 0,
          next_attempt_at timestamptz NOT NULL,
          created_at timestamptz NOT NULL,
          sent_at timestamptz,
          UNIQUE (dossier_id, procedure, event)
        );
        CREATE INDEX hub_officer_notifications_due ON hub.officer_notifications (next_attempt_at) WHERE status = 'pending';`,
    },
    {
      version: 8,
      name: 'yearly holiday calendars set by the hub\'s IT operator (settings/calendars.ts), append-only',
      // Each row is a whole year's calendar as the operator set it; the latest row of a year is in force, and the rows
      // before it say what was in force when. Never changed or removed: a deadline computed on a day can be explained.
      sql: `
        CREATE TABLE hub.calendar_versions (
          id bigserial PRIMARY KEY,
          year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
          off jsonb NOT NULL,
          working_saturdays jsonb NOT NULL,
          legal_basis text NOT NULL,
          reason text NOT NULL,
          set_by text NOT NULL,
          set_at timestamptz NOT NULL
        );
        CREATE INDEX hub_calendar_versions_year ON hub.calendar_versions (year, id);
        CREATE FUNCTION hub.calendar_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'hub.calendar_versions is append-only'; END $$;
        CREATE TRIGGER calendar_versions_append_only BEFORE UPDATE OR DELETE ON hub.calendar_versions
          FOR EACH ROW EXECUTE FUNCTION hub.calendar_versions_refuse_change();
        CREATE TRIGGER calendar_versions_no_truncate BEFORE TRUNCATE ON hub.calendar_versions
          FOR EACH STATEMENT EXECUTE FUNCTION hub.calendar_versions_refuse_change();`,
    },
    {
      version: 9,
      name: 'social security\'s rule-table versions, as received from it (distributed mode: hub/rule-versions.ts), append-only',
      // The hub's copy of the versions social security's operator added, for its edge checks. One row per version id
      // (a message sent again adds nothing); never changed or removed, as in social security's own table.
      sql: `
        CREATE TABLE hub.rule_versions (
          version text PRIMARY KEY,
          sequence bigint NOT NULL UNIQUE,
          table_name text NOT NULL CHECK (table_name IN ('base-salary', 'rural-poverty-line', 'support-rates')),
          effective_from date NOT NULL,
          value jsonb NOT NULL,
          legal_basis text NOT NULL,
          added_at timestamptz NOT NULL,
          received_at timestamptz NOT NULL,
          message_id uuid NOT NULL
        );
        CREATE FUNCTION hub.rule_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'hub.rule_versions is append-only'; END $$;
        CREATE TRIGGER rule_versions_append_only BEFORE UPDATE OR DELETE ON hub.rule_versions
          FOR EACH ROW EXECUTE FUNCTION hub.rule_versions_refuse_change();
        CREATE TRIGGER rule_versions_no_truncate BEFORE TRUNCATE ON hub.rule_versions
          FOR EACH STATEMENT EXECUTE FUNCTION hub.rule_versions_refuse_change();`,
    },
  ],
};
