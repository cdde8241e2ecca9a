import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { Queryable } from '../../platform/db/db.ts';

export type DeathRequest = PayloadOf<'civil-registry.death-registration.requested'>;

export interface DeathRegistration {
  id: string;
  dossierId: string;
  status: 'registered' | 'refused';
  request: DeathRequest;
  findings: FieldIssue[];
  provinceCode: string;
  at: string;
  registered?: { certificateNumber: string; book: string; registeredOn: string; late: boolean; verificationCode: string };
}

/** The civil registry's book of deaths, in schema `civil_registry`. */
export const deathStore = {
  async existsForDossier(tx: Queryable, dossierId: string): Promise<boolean> {
    return (await tx.query('SELECT 1 FROM civil_registry.death_registrations WHERE dossier_id = $1', [dossierId])).length > 0;
  },

  async isRegistered(tx: Queryable, pin: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM civil_registry.death_registrations WHERE deceased_pin = $1 AND status = 'registered'`, [pin])).length > 0;
  },

  /** Records the registration, or the refusal; a second registered death of the same person fails on the unique index. */
  async insert(tx: Queryable, r: DeathRegistration) {
    const g = r.registered;
    await tx.query(
      `INSERT INTO civil_registry.death_registrations (id, dossier_id, status, deceased_pin, date_of_death, request, findings, province_code,
         certificate_number, book, registered_on, late, verification_code, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        r.id, r.dossierId, r.status, r.request.deceased.pin, r.request.death.dateOfDeath, JSON.stringify(r.request), JSON.stringify(r.findings), r.provinceCode,
        g?.certificateNumber ?? null, g?.book ?? null, g?.registeredOn ?? null, g?.late ?? false, g?.verificationCode ?? null, r.at,
      ],
    );
  },
};
