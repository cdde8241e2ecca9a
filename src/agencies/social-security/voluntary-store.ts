import type { VoluntarySiRegistrationResult } from '../../contracts/voluntary-si-results.ts';
import type { Queryable } from '../../platform/db/db.ts';

export interface VoluntaryRegistrationRow {
  dossier_id: string;
  pin: string;
  si_code: string;
  reference: string;
  method: string;
  monthly_income: number;
  support_group: string;
  period_from: string;
  period_to: string;
  months: number;
  supported_months: number;
  amount_due: number;
  due_by: string;
  status: 'awaiting-payment' | 'paid' | 'suspended';
  registered_on: string;
  result: VoluntarySiRegistrationResult;
}

const COLUMNS = `dossier_id, pin, si_code, reference, method, monthly_income::float8 AS monthly_income, support_group, period_from, period_to,
  months, supported_months, amount_due::float8 AS amount_due, due_by::text AS due_by, status, registered_on::text AS registered_on, result`;

/** Social security's SQL for voluntary SI, in schema `social_security`. */
export const voluntaryStore = {
  async registrationForDossier(tx: Queryable, dossierId: string): Promise<VoluntaryRegistrationRow | undefined> {
    const [r] = await tx.query<VoluntaryRegistrationRow>(`SELECT ${COLUMNS} FROM social_security.voluntary_registrations WHERE dossier_id = $1`, [dossierId]);
    return r;
  },

  async registrationsOf(tx: Queryable, pin: string): Promise<VoluntaryRegistrationRow[]> {
    return tx.query<VoluntaryRegistrationRow>(`SELECT ${COLUMNS} FROM social_security.voluntary_registrations WHERE pin = $1 ORDER BY period_from`, [pin]);
  },

  /** The SI record's voluntary periods (imported history), for the months of state support already received. */
  async voluntaryPeriods(tx: Queryable, pin: string): Promise<{ from: string; to: string }[]> {
    const [r] = await tx.query<{ periods: { from: string; to: string; scheme: string }[] }>('SELECT periods FROM social_security.insured WHERE pin = $1', [pin]);
    return (r?.periods ?? []).filter((p) => p.scheme === 'voluntary');
  },

  /** The categories the household is listed under on `on` (both ends of a listing included). */
  async householdListings(tx: Queryable, householdId: string, on: string): Promise<string[]> {
    const rows = await tx.query<{ category: string }>(
      'SELECT category FROM social_security.poor_households WHERE household_id = $1 AND valid_from <= $2 AND valid_to >= $2',
      [householdId, on],
    );
    return rows.map((r) => r.category);
  },

  /** Records an adult as insured under a new SI code (voluntary registration); false if the code is taken. */
  async insertInsured(tx: Queryable, pin: string, siCode: string): Promise<boolean> {
    const r = await tx.query(
      `INSERT INTO social_security.insured (pin, si_code, source) VALUES ($1, $2, 'voluntary-registration') ON CONFLICT DO NOTHING RETURNING pin`,
      [pin, siCode],
    );
    return r.length === 1;
  },

  async insertRegistration(
    tx: Queryable,
    r: Omit<VoluntaryRegistrationRow, 'status'> & { decision: unknown },
  ) {
    await tx.query(
      `INSERT INTO social_security.voluntary_registrations (dossier_id, pin, si_code, reference, method, monthly_income, support_group, period_from, period_to,
         months, supported_months, amount_due, due_by, status, registered_on, decision, result)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'awaiting-payment', $14, $15, $16)`,
      [r.dossier_id, r.pin, r.si_code, r.reference, r.method, r.monthly_income, r.support_group, r.period_from, r.period_to,
        r.months, r.supported_months, r.amount_due, r.due_by, r.registered_on, JSON.stringify(r.decision), JSON.stringify(r.result)],
    );
  },
};
