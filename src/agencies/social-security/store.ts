import type { Queryable } from '../../platform/db/db.ts';

export interface CardRow {
  card_number: string;
  si_code: string;
  valid_from: string;
  valid_to: string;
  initial_facility_code: string;
  issued_on: string;
  rule_version: string;
  verification_code: string;
  family_household_id: string;
}

/** Social security's SQL, all of it in schema `social_security`. */
export const socialSecurityStore = {
  async cardForDossier(tx: Queryable, dossierId: string): Promise<CardRow | undefined> {
    const [r] = await tx.query<CardRow>(
      `SELECT c.card_number, c.si_code, c.valid_from::text AS valid_from, c.valid_to::text AS valid_to, c.initial_facility_code,
              c.issued_on::text AS issued_on, c.rule_version, c.verification_code, i.family_household_id
       FROM social_security.hi_cards c JOIN social_security.insured i ON i.pin = c.pin WHERE c.dossier_id = $1`,
      [dossierId],
    );
    return r;
  },

  async cardForPin(tx: Queryable, pin: string): Promise<string | undefined> {
    const [r] = await tx.query<{ card_number: string }>('SELECT card_number FROM social_security.hi_cards WHERE pin = $1', [pin]);
    return r?.card_number;
  },

  async insured(tx: Queryable, pins: string[]) {
    return tx.query<{ pin: string; si_code: string; family_household_id: string | null; kind: 'family' | 'common' | null }>(
      `SELECT i.pin, i.si_code, i.family_household_id, h.kind FROM social_security.insured i
       LEFT JOIN social_security.family_households h ON h.id = i.family_household_id WHERE i.pin = ANY($1::text[])`,
      [pins],
    );
  },

  async ensureHousehold(tx: Queryable, h: { id: string; kind: 'family' | 'common'; provinceCode: string; districtCode: string | null }) {
    await tx.query(
      `INSERT INTO social_security.family_households (id, kind, province_code, district_code) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [h.id, h.kind, h.provinceCode, h.districtCode],
    );
  },

  /** The next free serial of a province's SI codes (imported codes are skipped over by the caller). */
  async nextSiSerial(tx: Queryable, provinceCode: string): Promise<number> {
    const [r] = await tx.query<{ last_serial: number }>(
      `INSERT INTO social_security.si_code_counters (province_code, last_serial) VALUES ($1, 1)
       ON CONFLICT (province_code) DO UPDATE SET last_serial = social_security.si_code_counters.last_serial + 1 RETURNING last_serial`,
      [provinceCode],
    );
    return Number(r!.last_serial);
  },

  /** Records a newborn as insured under a new SI code; false if the code is taken. */
  async insertNewbornInsured(tx: Queryable, pin: string, siCode: string, householdId: string): Promise<boolean> {
    const r = await tx.query(
      `INSERT INTO social_security.insured (pin, si_code, family_household_id, source) VALUES ($1, $2, $3, 'birth')
       ON CONFLICT DO NOTHING RETURNING pin`,
      [pin, siCode, householdId],
    );
    return r.length === 1;
  },

  async setHousehold(tx: Queryable, pin: string, householdId: string) {
    await tx.query('UPDATE social_security.insured SET family_household_id = $2, updated_at = now() WHERE pin = $1 AND family_household_id IS NULL', [pin, householdId]);
  },

  async insertCard(
    tx: Queryable,
    c: { cardNumber: string; pin: string; siCode: string; dossierId: string; validFrom: string; validTo: string; facility: string; issuedOn: string; deadline: string; ruleVersion: string; verificationCode: string },
    listedIn: { provinceCode: string; districtCode: string | null; communeCode: string | null },
  ) {
    await tx.query(
      `INSERT INTO social_security.hi_cards (card_number, pin, si_code, dossier_id, valid_from, valid_to, initial_facility_code, issued_on, deadline, rule_version, verification_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [c.cardNumber, c.pin, c.siCode, c.dossierId, c.validFrom, c.validTo, c.facility, c.issuedOn, c.deadline, c.ruleVersion, c.verificationCode],
    );
    await tx.query(
      'INSERT INTO social_security.d103_ts (card_number, province_code, district_code, commune_code, listed_on) VALUES ($1, $2, $3, $4, $5)',
      [c.cardNumber, listedIn.provinceCode, listedIn.districtCode, listedIn.communeCode, c.issuedOn],
    );
  },
};
