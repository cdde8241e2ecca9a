/**
 * The outbox and inbox tables every part has in its own schema. Outbox: rows written in the same
 * transaction as the state change they announce; the relay publishes them in `seq` order.
 * Inbox: one row per message applied, so a redelivered message is recognised and not applied twice.
 */
export function outboxInboxSql(schema: string): string {
  return `
    CREATE TABLE ${schema}.outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      type text NOT NULL,
      recipient text NOT NULL,
      dossier_id uuid NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      published_at timestamptz,
      dead_at timestamptz,
      last_error text
    );
    CREATE INDEX ${schema}_outbox_unpublished ON ${schema}.outbox (seq) WHERE published_at IS NULL AND dead_at IS NULL;
    CREATE INDEX ${schema}_outbox_dossier ON ${schema}.outbox (dossier_id);
    CREATE TABLE ${schema}.inbox (
      message_id uuid PRIMARY KEY,
      type text NOT NULL,
      sender text NOT NULL,
      dossier_id uuid NOT NULL,
      received_at timestamptz NOT NULL
    );
    CREATE INDEX ${schema}_inbox_dossier ON ${schema}.inbox (dossier_id);`;
}
