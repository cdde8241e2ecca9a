import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { Queryable } from '../../platform/db/db.ts';

export type DeathRequest = PayloadOf<'civil-registry.death-registration.requested'>;

export type DeathStatus = 'awaiting-notice' | 'registered' | 'refused';

export interface Registered {
  certificateNumber: string;
  book: string;
  registeredOn: string;
  late: boolean;
  verificationCode: string;
}

/** The health facility's death notice that corroborated a registration: its facility code and number. */
export interface MedicalNotice {
  facility: string;
  number: string;
}

export interface DeathRegistration {
  id: string;
  dossierId: string;
  status: DeathStatus;
  request: DeathRequest;
  findings: FieldIssue[];
  provinceCode: string;
  at: string;
  registered?: Registered;
  medicalNotice?: MedicalNotice | null;
}

export interface DeathRow {
  id: string;
  dossierId: string;
  status: DeathStatus;
  request: DeathRequest;
}

/** The civil registry's book of deaths, in schema `civil_registry`. */
export const deathStore = {
  async existsForDossier(tx: Queryable, dossierId: string): Promise<boolean> {
    return (await tx.query('SELECT 1 FROM civil_registry.death_registrations WHERE dossier_id = $1', [dossierId])).length > 0;
  },

  async isRegistered(tx: Queryable, pin: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM civil_registry.death_registrations WHERE deceased_pin = $1 AND status = 'registered'`, [pin])).length > 0;
  },

  /** One registration, locked for the transaction (a notice's answer resolves it once). */
  async byId(tx: Queryable, id: string): Promise<DeathRow | undefined> {
    const [r] = await tx.query<{ id: string; dossier_id: string; status: DeathStatus; request: DeathRequest }>(
      'SELECT id, dossier_id, status, request FROM civil_registry.death_registrations WHERE id = $1 FOR UPDATE',
      [id],
    );
    return r && { id: r.id, dossierId: r.dossier_id, status: r.status, request: r.request };
  },

  /** Records the registration, the refusal, or the wait for a notice; a second registered death of the same person fails on the unique index. */
  async insert(tx: Queryable, r: DeathRegistration) {
    const g = r.registered;
    await tx.query(
      `INSERT INTO civil_registry.death_registrations (id, dossier_id, status, deceased_pin, date_of_death, request, findings, province_code,
         certificate_number, book, registered_on, late, verification_code, received_at, death_notice_id, medical_notice)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        r.id, r.dossierId, r.status, r.request.deceased.pin, r.request.death.dateOfDeath, JSON.stringify(r.request), JSON.stringify(r.findings), r.provinceCode,
        g?.certificateNumber ?? null, g?.book ?? null, g?.registeredOn ?? null, g?.late ?? false, g?.verificationCode ?? null, r.at,
        r.request.deathNoticeId ?? null, r.medicalNotice ? JSON.stringify(r.medicalNotice) : null,
      ],
    );
  },

  /** A registration that waited for its notice, settled: registered (with the notice) or refused. */
  async settle(tx: Queryable, id: string, s: { status: 'registered' | 'refused'; findings: FieldIssue[]; registered?: Registered; medicalNotice?: MedicalNotice | null }) {
    const g = s.registered;
    await tx.query(
      `UPDATE civil_registry.death_registrations SET status = $2, findings = $3, certificate_number = $4, book = $5, registered_on = $6,
         late = $7, verification_code = $8, medical_notice = $9
       WHERE id = $1 AND status = 'awaiting-notice'`,
      [id, s.status, JSON.stringify(s.findings), g?.certificateNumber ?? null, g?.book ?? null, g?.registeredOn ?? null, g?.late ?? false, g?.verificationCode ?? null, s.medicalNotice ? JSON.stringify(s.medicalNotice) : null],
    );
  },
};
