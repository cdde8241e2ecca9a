import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { Queryable } from '../../platform/db/db.ts';

export type BirthRequest = PayloadOf<'civil-registry.birth-registration.requested'>;
export type RegistrationStatus = 'in-review' | 'awaiting-supplement' | 'awaiting-pin' | 'registered' | 'refused';

/** What an officer asked the citizen for on a birth in review, and the answers once given. */
export interface BirthSupplement {
  fields: FieldIssue[];
  requestedBy: string;
  requestedAt: string;
  answers: Record<string, unknown> | null;
  /** When the citizen's answer came back (handlers.ts); absent on answers recorded before it was kept. */
  answeredAt?: string | null;
}

export interface RegistrationRow {
  id: string;
  dossier_id: string;
  status: RegistrationStatus;
  request: BirthRequest;
  findings: FieldIssue[];
  supplement: BirthSupplement | null;
  province_code: string;
  received_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
}

const COLS = `id, dossier_id, status, request, findings, supplement, province_code,
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
  claimed_by, to_char(claimed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS claimed_at`;

/** The civil registry's SQL, all of it in schema `civil_registry`. */
export const civilRegistryStore = {
  async byDossier(tx: Queryable, dossierId: string): Promise<RegistrationRow | undefined> {
    const [r] = await tx.query<RegistrationRow>(`SELECT ${COLS} FROM civil_registry.birth_registrations WHERE dossier_id = $1`, [dossierId]);
    return r;
  },

  async byId(tx: Queryable, id: string, forUpdate = false): Promise<RegistrationRow | undefined> {
    const [r] = await tx.query<RegistrationRow>(
      `SELECT ${COLS} FROM civil_registry.birth_registrations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return r;
  },

  async isRegistered(tx: Queryable, duplicateKey: string): Promise<boolean> {
    const r = await tx.query(`SELECT 1 FROM civil_registry.birth_registrations WHERE duplicate_key = $1 AND status <> 'refused'`, [duplicateKey]);
    return r.length > 0;
  },

  async insert(tx: Queryable, r: { id: string; dossierId: string; status: RegistrationStatus; request: BirthRequest; findings: FieldIssue[]; duplicateKey: string; provinceCode: string; at: string }) {
    await tx.query(
      `INSERT INTO civil_registry.birth_registrations (id, dossier_id, status, request, findings, duplicate_key, province_code, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.id, r.dossierId, r.status, JSON.stringify(r.request), JSON.stringify(r.findings), r.duplicateKey, r.provinceCode, r.at],
    );
  },

  async setStatus(tx: Queryable, id: string, status: RegistrationStatus, decision?: { by: string; at: string; note: string | null }) {
    await tx.query(
      `UPDATE civil_registry.birth_registrations SET status = $2, claimed_by = NULL, claimed_at = NULL,
         decided_by = COALESCE($3, decided_by), decided_at = COALESCE($4::timestamptz, decided_at), decision_note = COALESCE($5, decision_note)
       WHERE id = $1`,
      [id, status, decision?.by ?? null, decision?.at ?? null, decision?.note ?? null],
    );
  },

  async setSupplement(tx: Queryable, id: string, status: RegistrationStatus, supplement: BirthSupplement) {
    await tx.query('UPDATE civil_registry.birth_registrations SET status = $2, supplement = $3, claimed_by = NULL, claimed_at = NULL WHERE id = $1', [id, status, JSON.stringify(supplement)]);
  },

  /** Takes the next number in a registration book (one book per commune and year). */
  async nextNumber(tx: Queryable, book: string): Promise<number> {
    const [r] = await tx.query<{ last_number: number }>(
      `INSERT INTO civil_registry.books (book, last_number) VALUES ($1, 1)
       ON CONFLICT (book) DO UPDATE SET last_number = civil_registry.books.last_number + 1 RETURNING last_number`,
      [book],
    );
    return Number(r!.last_number);
  },

  async register(tx: Queryable, id: string, c: { pin: string; certificateNumber: string; book: string; registeredOn: string; verificationCode: string }) {
    await tx.query(
      `UPDATE civil_registry.birth_registrations SET status = 'registered', child_pin = $2, certificate_number = $3, book = $4,
         registered_on = $5, verification_code = $6 WHERE id = $1`,
      [id, c.pin, c.certificateNumber, c.book, c.registeredOn, c.verificationCode],
    );
  },

  /** Takes (or, with nulls, gives back) a birth in review; a status change ends the claim (setStatus, setSupplement). */
  async setClaim(tx: Queryable, id: string, by: string | null, at: string | null) {
    await tx.query('UPDATE civil_registry.birth_registrations SET claimed_by = $2, claimed_at = $3 WHERE id = $1', [id, by, at]);
  },

  /**
   * What waits for an officer, oldest first, within a province (null: the whole country). `answered`: true for the
   * births back with the citizen's answer to a supplement request (a decision takes a birth out of review, and a new
   * request clears the answers), false for the others, null for all.
   */
  async reviews(tx: Queryable, provinceCode: string | null, limit: number, offset: number, answered: boolean | null = null): Promise<RegistrationRow[]> {
    return tx.query<RegistrationRow>(
      `SELECT ${COLS} FROM civil_registry.birth_registrations
       WHERE status = 'in-review' AND ($1::text IS NULL OR province_code = $1)
         AND ($4::boolean IS NULL OR coalesce(jsonb_typeof(supplement -> 'answers') = 'object', false) = $4)
       ORDER BY received_at, id LIMIT $2 OFFSET $3`,
      [provinceCode, limit, offset, answered],
    );
  },
};
