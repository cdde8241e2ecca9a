import type { Queryable } from '../../platform/db/db.ts';

/** An instant as ISO 8601 UTC text, the same on PGlite and the server whatever the session time zone. */
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface SlaFilter {
  /** Instants bounding the period: [fromInstant, toInstant). */
  readonly fromInstant: string;
  readonly toInstant: string;
  readonly provinceCode: string | null;
  readonly group: string | null;
  readonly procedure: string | null;
}

export interface SlaRow {
  group_code: string;
  code: string;
  agency: string;
  province_code: string | null;
  status: string;
  dispatched_at: string;
  answered_at: string | null;
  agency_deadline: string | null;
  finished_at: string | null;
  /** [{from, to}] of the procedure's supplement requests, as JSON. */
  waits: { from: string; to: string | null }[] | string;
}

const COLS = `d.group_code, p.code, p.agency, d.province_code, p.status, ${iso('p.dispatched_at')} AS dispatched_at,
  ${iso('p.answered_at')} AS answered_at, COALESCE(p.agency_deadline, CASE WHEN p.status = 'dispatched' THEN p.deadline END)::text AS agency_deadline,
  ${iso('p.finished_at')} AS finished_at,
  COALESCE((SELECT json_agg(json_build_object('from', ${iso('s.requested_at')}, 'to', ${iso("CASE WHEN s.outcome = 'answered' THEN s.closed_at END")}) ORDER BY s.id)
            FROM hub.supplements s WHERE s.dossier_id = p.dossier_id AND s.procedure = p.code), '[]'::json) AS waits`;

const FILTERS = `($1::text IS NULL OR d.province_code = $1) AND ($2::text IS NULL OR d.group_code = $2) AND ($3::text IS NULL OR p.code = $3)`;

/** The dashboard's reads: two set queries (ended in the period, open now), each one round trip, both indexed. */
export const dashboardStore = {
  async setProvince(tx: Queryable, dossierId: string, provinceCode: string | null) {
    await tx.query('UPDATE hub.dossiers SET province_code = $2 WHERE id = $1', [dossierId, provinceCode]);
  },

  /** Procedures dispatched to an agency that ended (completed or rejected) in the period. */
  async ended(tx: Queryable, f: SlaFilter): Promise<SlaRow[]> {
    return tx.query<SlaRow>(
      `SELECT ${COLS} FROM hub.procedures p JOIN hub.dossiers d ON d.id = p.dossier_id
       WHERE p.status IN ('completed', 'rejected') AND p.dispatched_at IS NOT NULL
         AND p.finished_at >= $4::timestamptz AND p.finished_at < $5::timestamptz AND ${FILTERS}`,
      [f.provinceCode, f.group, f.procedure, f.fromInstant, f.toInstant],
    );
  },

  /** Procedures open now: at the agency, or awaiting the citizen's supplement or payment. */
  async open(tx: Queryable, f: Pick<SlaFilter, 'provinceCode' | 'group' | 'procedure'>): Promise<SlaRow[]> {
    return tx.query<SlaRow>(
      `SELECT ${COLS} FROM hub.procedures p JOIN hub.dossiers d ON d.id = p.dossier_id
       WHERE p.status IN ('dispatched', 'awaiting-supplement', 'awaiting-payment') AND ${FILTERS}`,
      [f.provinceCode, f.group, f.procedure],
    );
  },

  /** The messages the hub sent about a dossier, in the order it wrote them. */
  async sent(tx: Queryable, dossierId: string) {
    return tx.query<{ seq: string | number; envelope: { id: string; type: string; sender: string; recipient: string; causationId: string | null; time: string; payload: unknown } }>(
      'SELECT seq, envelope FROM hub.outbox WHERE dossier_id = $1 ORDER BY seq',
      [dossierId],
    );
  },

  /** The messages the hub received and applied about a dossier (the inbox keeps no payload and no causation). */
  async received(tx: Queryable, dossierId: string) {
    return tx.query<{ message_id: string; type: string; sender: string; received_at: string }>(
      `SELECT message_id, type, sender, ${iso('received_at')} AS received_at FROM hub.inbox WHERE dossier_id = $1 ORDER BY received_at, message_id`,
      [dossierId],
    );
  },
};
