import type { SchemaMigrations } from '../platform/db/migrate.ts';
import { outboxInboxSql } from '../platform/messaging/outbox-inbox-sql.ts';

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
  ],
};
