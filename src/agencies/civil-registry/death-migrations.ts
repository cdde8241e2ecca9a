import type { Migration } from '../../platform/db/migrate.ts';

/**
 * Version 3 of schema `civil_registry`: a death registration may wait for the health facility's death notice the
 * declaration cites (`awaiting-notice`), and records which notice corroborated it.
 */
export const deathNoticeMigration: Migration = {
  version: 3,
  name: 'death registrations corroborated by a health facility death notice',
  sql: `
    ALTER TABLE civil_registry.death_registrations DROP CONSTRAINT death_registrations_status_check;
    ALTER TABLE civil_registry.death_registrations ADD CONSTRAINT death_registrations_status_check
      CHECK (status IN ('awaiting-notice', 'registered', 'refused'));
    ALTER TABLE civil_registry.death_registrations ADD COLUMN death_notice_id uuid;
    ALTER TABLE civil_registry.death_registrations ADD COLUMN medical_notice jsonb;`,
};
