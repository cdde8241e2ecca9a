import type { Address, PersonFacts } from '../../contracts/common.ts';
import type { Queryable } from '../../platform/db/db.ts';

export interface CitizenRow {
  pin: string;
  full_name: string;
  sex: 'male' | 'female';
  date_of_birth: string;
  household_id: string | null;
  status: 'alive' | 'deceased';
  date_of_death: string | null;
  province_code: string | null;
  district_code: string | null;
  commune_code: string | null;
  address_line: string | null;
  ethnicity?: string | null;
}

export function factsOf(c: CitizenRow): PersonFacts {
  const address: Address | null = c.province_code
    ? {
        provinceCode: c.province_code,
        ...(c.district_code ? { districtCode: c.district_code } : {}),
        ...(c.commune_code ? { communeCode: c.commune_code } : {}),
        ...(c.address_line ? { line: c.address_line } : {}),
      }
    : null;
  return {
    pin: c.pin,
    fullName: c.full_name,
    sex: c.sex,
    dateOfBirth: c.date_of_birth,
    alive: c.status === 'alive',
    ...(c.status === 'deceased' ? { dateOfDeath: c.date_of_death } : {}),
    householdId: c.household_id,
    address,
    ...(c.ethnicity !== undefined ? { ethnicity: c.ethnicity } : {}),
  };
}

/** The population register's SQL, all of it in schema `population`. */
export const populationStore = {
  async citizens(tx: Queryable, pins: string[]): Promise<Map<string, CitizenRow>> {
    const rows = await tx.query<CitizenRow>(
      `SELECT c.pin, c.full_name, c.sex, c.date_of_birth::text AS date_of_birth, c.household_id, c.status,
              c.date_of_death::text AS date_of_death, c.ethnicity,
              h.province_code, h.district_code, h.commune_code, h.address_line
       FROM population.citizens c LEFT JOIN population.households h ON h.id = c.household_id
       WHERE c.pin = ANY($1::text[])`,
      [pins],
    );
    return new Map(rows.map((r) => [r.pin, r]));
  },

  async pinForRequest(tx: Queryable, requestId: string): Promise<string | undefined> {
    const [r] = await tx.query<{ pin: string }>('SELECT pin FROM population.pin_requests WHERE request_id = $1', [requestId]);
    return r?.pin;
  },

  /** Inserts a newborn under a fresh PIN; false if the PIN is taken (the caller draws another). */
  async insertNewborn(tx: Queryable, c: { pin: string; fullName: string; sex: string; dateOfBirth: string }): Promise<boolean> {
    const r = await tx.query(
      `INSERT INTO population.citizens (pin, full_name, sex, date_of_birth, status, source)
       VALUES ($1, $2, $3, $4, 'alive', 'birth-registration') ON CONFLICT (pin) DO NOTHING RETURNING pin`,
      [c.pin, c.fullName, c.sex, c.dateOfBirth],
    );
    return r.length === 1;
  },

  async recordPinRequest(tx: Queryable, requestId: string, pin: string) {
    await tx.query('INSERT INTO population.pin_requests (request_id, pin) VALUES ($1, $2)', [requestId, pin]);
  },

  async residenceOf(tx: Queryable, pin: string) {
    const [r] = await tx.query<{ household_id: string; registered_on: string; verification_code: string; dossier_id: string }>(
      'SELECT household_id, registered_on::text AS registered_on, verification_code, dossier_id FROM population.residence_registrations WHERE pin = $1',
      [pin],
    );
    return r;
  },

  async registerResidence(tx: Queryable, r: { pin: string; householdId: string; dossierId: string; registeredOn: string; basis: string; verificationCode: string }) {
    await tx.query('UPDATE population.citizens SET household_id = $2, updated_at = now() WHERE pin = $1', [r.pin, r.householdId]);
    await tx.query(
      `INSERT INTO population.residence_registrations (pin, household_id, dossier_id, registered_on, basis, verification_code)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.pin, r.householdId, r.dossierId, r.registeredOn, r.basis, r.verificationCode],
    );
  },
};
