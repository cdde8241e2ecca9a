import type { FieldIssue, PersonFacts } from '../contracts/common.ts';
import type { ProcedureCode } from '../contracts/procedures.ts';
import type { Queryable } from '../platform/db/db.ts';
import type { DossierStatus } from './domain/dossier-status.ts';
import type { ProcedureStatus } from './domain/procedure-status.ts';

export interface DossierRow {
  id: string;
  group_code: string;
  status: DossierStatus;
  declaration: Record<string, unknown>;
  people: Record<string, PersonFacts> | null;
  reasons: FieldIssue[];
  submitted_by: string;
  /** The province whose offices handle it (set at verification; null before, or if no one's residence tells). */
  province_code: string | null;
  submitted_at: string;
  deadline: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ProcedureRow {
  dossier_id: string;
  code: ProcedureCode;
  position: number;
  agency: string;
  status: ProcedureStatus;
  requires: ProcedureCode[];
  deadline: string | null;
  dispatched_at: string | null;
  finished_at: string | null;
  in_review: boolean;
  result: Record<string, unknown> | null;
  reasons: FieldIssue[];
}

export interface HistoryRow {
  at: string;
  procedure: string | null;
  status: string;
  note: string | null;
  message_id: string | null;
}

/** An instant as ISO 8601 UTC text, the same on PGlite and the server whatever the session time zone. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const DOSSIER_COLS = `id, group_code, status, declaration, people, reasons, submitted_by, province_code,
  ${iso('submitted_at')} AS submitted_at, deadline::text AS deadline,
  ${iso('updated_at')} AS updated_at, ${iso('finished_at')} AS finished_at`;

const PROC_COLS = `dossier_id, code, position, agency, status, requires, deadline::text AS deadline,
  ${iso('dispatched_at')} AS dispatched_at, ${iso('finished_at')} AS finished_at, in_review, result, reasons`;

/** What the dossier view needs of the dossier row (not the declaration: a read must not parse it). */
export type DossierHeadRow = Omit<DossierRow, 'declaration' | 'people'>;

/** The dossier view's rows, read by one statement (`hubStore.forView`). */
export interface DossierViewRows {
  dossier: DossierHeadRow;
  procedures: ProcedureRow[];
  history: HistoryRow[];
  /** Whether the citizen asked about is named in the dossier (false when nobody was asked about). */
  isParty: boolean;
}

/**
 * The dossier, its procedures and history and whether a citizen is a party, in one statement: the read the API
 * answers most (issue 9 asks 1,000/s beside the writes), and one statement is one snapshot without a transaction.
 * Same text forms as the separate reads (`iso`, `::text` dates), so the view does not depend on which was used.
 */
const VIEW_SQL = `SELECT d.id, d.group_code, d.status, d.reasons, d.submitted_by, d.province_code,
  ${iso('d.submitted_at')} AS submitted_at, d.deadline::text AS deadline,
  ${iso('d.updated_at')} AS updated_at, ${iso('d.finished_at')} AS finished_at,
  COALESCE((SELECT json_agg(json_build_object('dossier_id', p.dossier_id, 'code', p.code, 'position', p.position,
      'agency', p.agency, 'status', p.status, 'requires', p.requires, 'deadline', p.deadline::text,
      'dispatched_at', ${iso('p.dispatched_at')}, 'finished_at', ${iso('p.finished_at')}, 'in_review', p.in_review,
      'result', p.result, 'reasons', p.reasons) ORDER BY p.position)
    FROM hub.procedures p WHERE p.dossier_id = d.id), '[]'::json) AS procedures,
  COALESCE((SELECT json_agg(json_build_object('at', ${iso('h.at')}, 'procedure', h.procedure, 'status', h.status,
      'note', h.note, 'message_id', h.message_id) ORDER BY h.id)
    FROM hub.history h WHERE h.dossier_id = d.id), '[]'::json) AS history,
  ($2::text IS NOT NULL AND EXISTS (SELECT 1 FROM hub.dossier_parties x WHERE x.dossier_id = d.id AND x.pin = $2::text)) AS is_party
FROM hub.dossiers d WHERE d.id = $1`;

/** The hub's SQL, all of it in schema `hub`. */
export const hubStore = {
  async findIdempotent(tx: Queryable, principal: string, key: string) {
    const [r] = await tx.query<{ dossier_id: string; request_hash: string }>(
      'SELECT dossier_id, request_hash FROM hub.idempotency_keys WHERE principal = $1 AND key = $2',
      [principal, key],
    );
    return r;
  },

  async insertDossier(
    tx: Queryable,
    d: { id: string; group: string; declaration: unknown; submittedBy: string; at: string; deadline: string; parties: string[] },
  ) {
    await tx.query(
      `INSERT INTO hub.dossiers (id, group_code, status, declaration, submitted_by, submitted_at, deadline, updated_at)
       VALUES ($1, $2, 'processing', $3, $4, $5, $6, $5)`,
      [d.id, d.group, JSON.stringify(d.declaration), d.submittedBy, d.at, d.deadline],
    );
    await tx.query(
      'INSERT INTO hub.dossier_parties (pin, dossier_id) SELECT DISTINCT unnest($1::text[]), $2::uuid ON CONFLICT DO NOTHING',
      [d.parties, d.id],
    );
  },

  async addParty(tx: Queryable, dossierId: string, pin: string) {
    await tx.query('INSERT INTO hub.dossier_parties (pin, dossier_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [pin, dossierId]);
  },

  async insertIdempotencyKey(tx: Queryable, principal: string, key: string, hash: string, dossierId: string) {
    await tx.query('INSERT INTO hub.idempotency_keys (principal, key, request_hash, dossier_id) VALUES ($1, $2, $3, $4)', [
      principal,
      key,
      hash,
      dossierId,
    ]);
  },

  async insertProcedures(tx: Queryable, dossierId: string, procs: { code: string; agency: string; requires: readonly string[] }[]) {
    for (const [i, p] of procs.entries()) {
      await tx.query(
        `INSERT INTO hub.procedures (dossier_id, code, position, agency, status, requires) VALUES ($1, $2, $3, $4, 'pending', $5)`,
        [dossierId, p.code, i, p.agency, p.requires],
      );
    }
  },

  async dossier(tx: Queryable, id: string, forUpdate = false): Promise<DossierRow | undefined> {
    const [r] = await tx.query<DossierRow>(`SELECT ${DOSSIER_COLS} FROM hub.dossiers WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r;
  },

  async forView(q: Queryable, id: string, citizenPin: string | null): Promise<DossierViewRows | undefined> {
    const [r] = await q.query<DossierHeadRow & { procedures: ProcedureRow[]; history: HistoryRow[]; is_party: boolean }>(VIEW_SQL, [id, citizenPin]);
    if (!r) return undefined;
    const { procedures, history, is_party, ...dossier } = r;
    return { dossier, procedures, history, isParty: is_party };
  },

  async procedures(tx: Queryable, dossierId: string): Promise<ProcedureRow[]> {
    return tx.query<ProcedureRow>(`SELECT ${PROC_COLS} FROM hub.procedures WHERE dossier_id = $1 ORDER BY position`, [dossierId]);
  },

  async history(tx: Queryable, dossierId: string): Promise<HistoryRow[]> {
    return tx.query<HistoryRow>(
      `SELECT ${iso('at')} AS at, procedure, status, note, message_id
       FROM hub.history WHERE dossier_id = $1 ORDER BY id`,
      [dossierId],
    );
  },

  /**
   * A procedure's new status; with `history`, the history row of the move in the same statement (a data-modifying
   * CTE: one round trip to the engine instead of two for the most frequent write of the hub, docs/performance.md).
   */
  async updateProcedure(
    tx: Queryable,
    dossierId: string,
    code: string,
    set: { status: ProcedureStatus; at: string; deadline?: string; result?: unknown; reasons?: FieldIssue[]; inReview?: boolean },
    history?: { note: string | null; messageId: string | null },
  ) {
    const update = `UPDATE hub.procedures SET status = $3,
         deadline = COALESCE($4::date, deadline),
         dispatched_at = CASE WHEN $3 = 'dispatched' THEN COALESCE(dispatched_at, $5::timestamptz) ELSE dispatched_at END,
         finished_at = CASE WHEN $3 IN ('completed', 'rejected', 'cancelled') THEN $5::timestamptz ELSE NULL END,
         result = COALESCE($6::jsonb, result),
         reasons = COALESCE($7::jsonb, reasons),
         in_review = COALESCE($8, in_review),
         -- The SLA dashboard's facts (migration 4): the agency's own last day, set at each dispatch, and when it
         -- answered from there (the right-hand side reads the row before the update).
         agency_deadline = CASE WHEN $3 = 'dispatched' THEN COALESCE($4::date, agency_deadline) ELSE agency_deadline END,
         answered_at = CASE WHEN status = 'dispatched' AND $3 IN ('completed', 'rejected', 'awaiting-payment') THEN $5::timestamptz ELSE answered_at END
       WHERE dossier_id = $1 AND code = $2`;
    const params = [
      dossierId,
      code,
      set.status,
      set.deadline ?? null,
      set.at,
      set.result === undefined ? null : JSON.stringify(set.result),
      set.reasons === undefined ? null : JSON.stringify(set.reasons),
      set.inReview ?? null,
    ];
    if (!history) return void (await tx.query(update, params));
    await tx.query(
      `WITH moved AS (${update} RETURNING dossier_id, code)
       INSERT INTO hub.history (dossier_id, at, procedure, status, note, message_id)
       SELECT dossier_id, $5::timestamptz, code, $3, $9, $10 FROM moved`,
      [...params, history.note, history.messageId],
    );
  },

  async setReview(tx: Queryable, dossierId: string, code: string, inReview: boolean, reasons: FieldIssue[]) {
    await tx.query('UPDATE hub.procedures SET in_review = $3, reasons = $4 WHERE dossier_id = $1 AND code = $2', [
      dossierId,
      code,
      inReview,
      JSON.stringify(reasons),
    ]);
  },

  /** A dossier's new status and facts; with `history`, its history row in the same statement (see updateProcedure). */
  async updateDossier(
    tx: Queryable,
    id: string,
    set: { status: DossierStatus; at: string; people?: unknown; reasons?: FieldIssue[]; finished: boolean },
    history?: { status: string; note: string | null; messageId?: string | null },
  ) {
    const update = `UPDATE hub.dossiers SET status = $2, updated_at = $3,
         people = COALESCE($4::jsonb, people), reasons = COALESCE($5::jsonb, reasons),
         finished_at = CASE WHEN $6 THEN $3::timestamptz ELSE NULL END
       WHERE id = $1`;
    const params = [
      id,
      set.status,
      set.at,
      set.people === undefined ? null : JSON.stringify(set.people),
      set.reasons === undefined ? null : JSON.stringify(set.reasons),
      set.finished,
    ];
    if (!history) return void (await tx.query(update, params));
    await tx.query(
      `WITH moved AS (${update} RETURNING id)
       INSERT INTO hub.history (dossier_id, at, procedure, status, note, message_id)
       SELECT id, $3::timestamptz, NULL, $7, $8, $9 FROM moved`,
      [...params, history.status, history.note, history.messageId ?? null],
    );
  },

  async addHistory(tx: Queryable, h: { dossierId: string; at: string; procedure?: string | null; status: string; note?: string | null; messageId?: string | null }) {
    await tx.query('INSERT INTO hub.history (dossier_id, at, procedure, status, note, message_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      h.dossierId,
      h.at,
      h.procedure ?? null,
      h.status,
      h.note ?? null,
      h.messageId ?? null,
    ]);
  },

  /** The dossiers a citizen declared or is named in, newest first. */
  async listForCitizen(tx: Queryable, pin: string, limit: number, offset: number) {
    return tx.query<{ id: string; group_code: string; status: string; submitted_at: string }>(
      `SELECT d.id, d.group_code, d.status, ${iso('d.submitted_at')} AS submitted_at FROM hub.dossiers d
       WHERE d.submitted_by = $1 OR d.id IN (SELECT dossier_id FROM hub.dossier_parties WHERE pin = $2)
       ORDER BY d.submitted_at DESC, d.id LIMIT $3 OFFSET $4`,
      [`citizen:${pin}`, pin, limit, offset],
    );
  },

  /**
   * Dossiers an officer follows: of one province (null: every province) and, for an agency's officer, only those
   * with a procedure of that agency (null: the hub's officers, every dossier).
   */
  async listForOfficer(tx: Queryable, o: { agency: string | null; provinceCode: string | null }, limit: number, offset: number) {
    return tx.query<{ id: string; group_code: string; status: string; submitted_at: string }>(
      `SELECT d.id, d.group_code, d.status, ${iso('d.submitted_at')} AS submitted_at FROM hub.dossiers d
       WHERE ($1::text IS NULL OR d.province_code = $1)
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM hub.procedures p WHERE p.dossier_id = d.id AND p.agency = $2))
       ORDER BY d.submitted_at DESC, d.id LIMIT $3 OFFSET $4`,
      [o.provinceCode, o.agency, limit, offset],
    );
  },

  /** The citizens named in a dossier (their data is what a reader of the dossier sees). */
  async parties(tx: Queryable, dossierId: string): Promise<string[]> {
    return (await tx.query<{ pin: string }>('SELECT pin FROM hub.dossier_parties WHERE dossier_id = $1 ORDER BY pin', [dossierId])).map((r) => r.pin);
  },

  async isParty(tx: Queryable, dossierId: string, pin: string): Promise<boolean> {
    const r = await tx.query('SELECT 1 FROM hub.dossier_parties WHERE dossier_id = $1 AND pin = $2', [dossierId, pin]);
    return r.length > 0;
  },
};
