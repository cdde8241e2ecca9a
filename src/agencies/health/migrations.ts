import type { SchemaMigrations } from '../../platform/db/migrate.ts';
import { outboxInboxSql } from '../../platform/messaging/outbox-inbox-sql.ts';

export const healthMigrations: SchemaMigrations = {
  schema: 'health',
  migrations: [
    {
      version: 1,
      name: 'death notices from health facilities, outbox, inbox',
      sql: `
        CREATE TABLE health.death_notices (
          id uuid PRIMARY KEY,
          -- The system client (the facility's system) that sent it: it alone may read it back.
          client_id text NOT NULL,
          facility_code text NOT NULL,
          notice_number text NOT NULL,
          deceased_pin text NOT NULL,
          date_of_death date NOT NULL,
          time_of_death text NOT NULL,
          place_of_death text NOT NULL,
          -- Health data (Decree 13/2023/ND-CP art. 2.4.c): sealed when the part has a data key.
          cause_category text NOT NULL,
          received_at timestamptz NOT NULL,
          -- A facility numbers its notices once: the same number again is the same notice, or a conflict.
          UNIQUE (facility_code, notice_number)
        );
        ${outboxInboxSql('health')}`,
    },
  ],
};
