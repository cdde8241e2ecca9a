import type { PayloadOf } from '../../contracts/catalogue.ts';
import type { FieldIssue } from '../../contracts/common.ts';
import type { VoluntarySiCompletedResult, VoluntarySiRegistrationResult } from '../../contracts/voluntary-si-results.ts';
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
  /** awaiting-payment → active (first voucher) → suspended (a renewal missed); or → lapsed (first payment never came). */
  status: 'awaiting-payment' | 'active' | 'suspended' | 'lapsed';
  registered_on: string;
  /** The interim result while awaiting payment; the completed result (with voucher and participation) once active. */
  result: VoluntarySiRegistrationResult | VoluntarySiCompletedResult;
  participant: ParticipantFacts | null;
  province_code: string | null;
  hub_notice: 'completed' | 'rejected' | null;
  reasons: FieldIssue[] | null;
  status_since: string | null;
}

/**
 * A registration waiting for the proof of its support claim (an island commune: domain/island-commune-proof.ts):
 * the request as received, what was asked, and what became of it — `answered` (the registration went on with the
 * proof), `expired` (the hub refused it unanswered).
 */
export interface VoluntarySupplementRow {
  dossier_id: string;
  status: 'awaiting-supplement' | 'answered' | 'expired';
  request: PayloadOf<'social-security.voluntary-si.requested'>;
  fields: FieldIssue[];
  answers: Record<string, unknown> | null;
  /** When the proof was first asked (ISO 8601 UTC). */
  requested_at: string;
}

/** The register's facts kept for the SI book cover sheet. */
export interface ParticipantFacts {
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
}

const COLUMNS = `dossier_id, pin, si_code, reference, method, monthly_income::float8 AS monthly_income, support_group, period_from, period_to,
  months, supported_months, amount_due::float8 AS amount_due, due_by::text AS due_by, status, registered_on::text AS registered_on, result,
  participant, province_code, hub_notice, reasons, status_since::text AS status_since`;

/** Social security's SQL for voluntary SI, in schema `social_security`. */
export const voluntaryStore = {
  async registrationForDossier(tx: Queryable, dossierId: string, forUpdate = false): Promise<VoluntaryRegistrationRow | undefined> {
    const [r] = await tx.query<VoluntaryRegistrationRow>(`SELECT ${COLUMNS} FROM social_security.voluntary_registrations WHERE dossier_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [dossierId]);
    return r;
  },

  /**
   * A change of participation status; with `notice`, a reply is owed to the hub (sent by the part's sweep, so that an
   * import run outside the part's process still reaches the dossier).
   */
  async setStatus(
    tx: Queryable,
    dossierId: string,
    s: { status: VoluntaryRegistrationRow['status']; on: string; result?: VoluntarySiCompletedResult; reasons?: FieldIssue[]; notice?: 'completed' | 'rejected' },
  ) {
    await tx.query(
      `UPDATE social_security.voluntary_registrations SET status = $2, status_since = $3, result = COALESCE($4::jsonb, result), reasons = COALESCE($5::jsonb, reasons),
         hub_notice = COALESCE($6, hub_notice), updated_at = now()
       WHERE dossier_id = $1`,
      [dossierId, s.status, s.on, s.result ? JSON.stringify(s.result) : null, s.reasons ? JSON.stringify(s.reasons) : null, s.notice ?? null],
    );
  },

  async clearHubNotice(tx: Queryable, dossierId: string) {
    await tx.query('UPDATE social_security.voluntary_registrations SET hub_notice = NULL WHERE dossier_id = $1', [dossierId]);
  },

  async owedHubNotices(tx: Queryable, limit: number): Promise<string[]> {
    const rows = await tx.query<{ dossier_id: string }>('SELECT dossier_id FROM social_security.voluntary_registrations WHERE hub_notice IS NOT NULL LIMIT $1', [limit]);
    return rows.map((r) => r.dossier_id);
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

  async supplementForDossier(tx: Queryable, dossierId: string, forUpdate = false): Promise<VoluntarySupplementRow | undefined> {
    const [r] = await tx.query<VoluntarySupplementRow>(
      `SELECT dossier_id, status, request, fields, answers,
        to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS requested_at
       FROM social_security.voluntary_supplements WHERE dossier_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [dossierId],
    );
    return r;
  },

  /** Asks (or asks again, with what was wrong with the answer): the registration waits for the participant. */
  async askSupplement(tx: Queryable, s: { dossierId: string; request: VoluntarySupplementRow['request']; fields: FieldIssue[]; answers?: unknown; at: string }) {
    await tx.query(
      `INSERT INTO social_security.voluntary_supplements AS t (dossier_id, pin, status, request, fields, answers, requested_at, updated_at)
       VALUES ($1, $2, 'awaiting-supplement', $3, $4, $5, $6, $6)
       ON CONFLICT (dossier_id) DO UPDATE SET status = 'awaiting-supplement', fields = EXCLUDED.fields, answers = COALESCE(EXCLUDED.answers, t.answers), updated_at = EXCLUDED.updated_at`,
      [s.dossierId, s.request.participant.pin, JSON.stringify(s.request), JSON.stringify(s.fields), s.answers === undefined ? null : JSON.stringify(s.answers), s.at],
    );
  },

  async closeSupplement(tx: Queryable, dossierId: string, s: { status: 'answered' | 'expired'; answers?: unknown; at: string }) {
    await tx.query(
      'UPDATE social_security.voluntary_supplements SET status = $2, answers = COALESCE($3::jsonb, answers), updated_at = $4 WHERE dossier_id = $1',
      [dossierId, s.status, s.answers === undefined ? null : JSON.stringify(s.answers), s.at],
    );
  },

  async insertRegistration(
    tx: Queryable,
    r: Omit<VoluntaryRegistrationRow, 'status' | 'hub_notice' | 'reasons' | 'status_since'> & { decision: unknown },
  ) {
    await tx.query(
      `INSERT INTO social_security.voluntary_registrations (dossier_id, pin, si_code, reference, method, monthly_income, support_group, period_from, period_to,
         months, supported_months, amount_due, due_by, status, registered_on, decision, result, participant, province_code, status_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'awaiting-payment', $14, $15, $16, $17, $18, $14)`,
      [r.dossier_id, r.pin, r.si_code, r.reference, r.method, r.monthly_income, r.support_group, r.period_from, r.period_to,
        r.months, r.supported_months, r.amount_due, r.due_by, r.registered_on, JSON.stringify(r.decision), JSON.stringify(r.result),
        r.participant ? JSON.stringify(r.participant) : null, r.province_code],
    );
  },
};
