import type { Queryable } from '../../platform/db/db.ts';

export interface DeregistrationRow {
  household_id: string;
  dossier_id: string;
  deregistered_on: string;
  household_needs_new_head: boolean;
  verification_code: string;
}

/** Deaths and residence deregistrations in the population register (schema `population`). */
export const populationDeathStore = {
  /** Marks the person deceased once (a later, different date changes nothing) and keeps the civil registry's reference. */
  async recordDeath(tx: Queryable, d: { registrationId: string; pin: string; dateOfDeath: string; certificateNumber: string; at: string }) {
    await tx.query(
      `INSERT INTO population.death_records (registration_id, pin, date_of_death, certificate_number, recorded_at)
       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM population.citizens WHERE pin = $2) ON CONFLICT DO NOTHING`,
      [d.registrationId, d.pin, d.dateOfDeath, d.certificateNumber, d.at],
    );
    await this.markDeceased(tx, d.pin, d.dateOfDeath);
  },

  async markDeceased(tx: Queryable, pin: string, dateOfDeath: string) {
    await tx.query(
      `UPDATE population.citizens SET status = 'deceased', date_of_death = COALESCE(date_of_death, $2::date), updated_at = now()
       WHERE pin = $1 AND (status = 'alive' OR date_of_death IS NULL)`,
      [pin, dateOfDeath],
    );
  },

  async deregistrationOf(tx: Queryable, pin: string): Promise<DeregistrationRow | undefined> {
    const [r] = await tx.query<DeregistrationRow>(
      `SELECT household_id, dossier_id, deregistered_on::text AS deregistered_on, household_needs_new_head, verification_code
       FROM population.residence_deregistrations WHERE pin = $1`,
      [pin],
    );
    return r;
  },

  /**
   * Deletes the person's permanent residence. A household the person headed is not left broken: its head is
   * cleared and it is flagged as needing a new one until its members name one (a change of the residence information: Law on Residence 2020 art. 26, unconfirmed).
   */
  async deregister(tx: Queryable, r: { pin: string; householdId: string; dossierId: string; on: string; basis: string; verificationCode: string }): Promise<boolean> {
    const headed = await tx.query(
      `UPDATE population.households SET head_pin = NULL, needs_new_head = true WHERE id = $1 AND head_pin = $2 RETURNING id`,
      [r.householdId, r.pin],
    );
    await tx.query('UPDATE population.citizens SET household_id = NULL, updated_at = now() WHERE pin = $1', [r.pin]);
    await tx.query(
      `INSERT INTO population.residence_deregistrations (pin, household_id, dossier_id, deregistered_on, basis, household_needs_new_head, verification_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.pin, r.householdId, r.dossierId, r.on, r.basis, headed.length > 0, r.verificationCode],
    );
    return headed.length > 0;
  },
};
