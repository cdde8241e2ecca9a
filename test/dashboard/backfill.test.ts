import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hubMigrations } from '../../src/hub/migrations.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { openPglite } from '../../src/platform/db/pglite-db.ts';

/**
 * Hub migration 4 on a database that already holds dossiers: the province from the people the register confirmed,
 * the agency's last day where the procedure never waited on the citizen, and the agency's answer from the history.
 */
test('migration 4 backfills the province, the agency deadline and the answer time', async () => {
  const db = await openPglite(undefined);
  try {
    await migrate(db, { ...hubMigrations, migrations: hubMigrations.migrations.filter((m) => m.version < 4) });
    const addr = (provinceCode: string) => ({ pin: '035195000001', address: { provinceCode } });
    const dossier = (id: string, group: string, declaration: object, people: object | null) =>
      db.query(
        `INSERT INTO hub.dossiers (id, group_code, status, declaration, people, submitted_by, submitted_at, deadline, updated_at)
         VALUES ($1, $2, 'completed', $3, $4, 'citizen:x', '2025-01-24T02:00:00Z', '2025-01-29', '2025-01-24T02:00:00Z')`,
        [id, group, JSON.stringify(declaration), people === null ? null : JSON.stringify(people)],
      );
    const B = '00000000-0000-4000-8000-00000000000b';
    const D = '00000000-0000-4000-8000-00000000000d';
    const V = '00000000-0000-4000-8000-00000000000e';
    await dossier(B, 'birth', { residence: { householdOf: 'father' } }, { 'declaration.mother': addr('35'), 'declaration.father': addr('01') });
    await dossier(D, 'death', {}, { 'declaration.deceased': { address: null }, 'declaration.declarant': addr('79') });
    await dossier(V, 'voluntary-si', {}, null);
    const proc = (id: string, code: string, status: string, deadline: string, finished: string | null) =>
      db.query(
        `INSERT INTO hub.procedures (dossier_id, code, position, agency, status, requires, deadline, dispatched_at, finished_at)
         VALUES ($1, $2, 0, 'x', $3, '{}', $4, '2025-01-24T02:00:00Z', $5)`,
        [id, code, status, deadline, finished],
      );
    const hist = (id: string, code: string, status: string, at: string, note: string | null = null) =>
      db.query('INSERT INTO hub.history (dossier_id, at, procedure, status, note) VALUES ($1, $2, $3, $4, $5)', [id, at, code, status, note]);
    await proc(B, 'birth-registration', 'completed', '2025-01-24', '2025-02-03T03:00:00Z');
    await hist(B, 'birth-registration', 'dispatched', '2025-01-24T02:00:00Z');
    await hist(B, 'birth-registration', 'completed', '2025-02-03T03:00:00Z');
    // Waited on a supplement and was refused for it: its deadline is the citizen's, and it was never the agency's answer.
    await proc(D, 'death-benefits', 'rejected', '2025-02-05', '2025-02-06T03:00:00Z');
    await hist(D, 'death-benefits', 'awaiting-supplement', '2025-01-24T03:00:00Z');
    await hist(D, 'death-benefits', 'rejected', '2025-02-06T03:00:00Z', 'supplement not provided by 2025-02-05');

    await migrate(db, hubMigrations);
    const rows = await db.query<{ id: string; province_code: string | null; agency_deadline: string | null; answered: string | null }>(
      `SELECT d.id, d.province_code, p.agency_deadline::text AS agency_deadline, to_char(p.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS answered
       FROM hub.dossiers d LEFT JOIN hub.procedures p ON p.dossier_id = d.id ORDER BY d.id`,
    );
    assert.deepEqual(
      rows.map((r) => [r.id.slice(-1), r.province_code, r.agency_deadline, r.answered]),
      [
        ['b', '01', '2025-01-24', '2025-02-03T03:00'],
        ['d', '79', null, null],
        ['e', null, null, null],
      ],
    );
  } finally {
    await db.close();
  }
});
