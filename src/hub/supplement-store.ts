import type { FieldIssue } from '../contracts/common.ts';
import type { Queryable } from '../platform/db/db.ts';

/** The hub's record of supplement requests and the citizens' answers (schema `hub`): the audit of each round. */
export const supplementStore = {
  /** A new request; an earlier one still open for the same procedure is superseded (the agency asked again). */
  async open(tx: Queryable, s: { dossierId: string; procedure: string; fields: FieldIssue[]; at: string; messageId: string; deadline: string }) {
    await tx.query(
      `UPDATE hub.supplements SET outcome = 'answered', closed_at = $3 WHERE dossier_id = $1 AND procedure = $2 AND outcome = 'open'`,
      [s.dossierId, s.procedure, s.at],
    );
    await tx.query(
      `INSERT INTO hub.supplements (dossier_id, procedure, fields, requested_at, request_message_id, deadline) VALUES ($1, $2, $3, $4, $5, $6)`,
      [s.dossierId, s.procedure, JSON.stringify(s.fields), s.at, s.messageId, s.deadline],
    );
  },

  async close(tx: Queryable, c: { dossierId: string; procedure: string; outcome: 'answered' | 'expired'; at: string; answers?: unknown; by?: string }) {
    await tx.query(
      `UPDATE hub.supplements SET outcome = $3, closed_at = $4, answers = $5, answered_by = $6
       WHERE dossier_id = $1 AND procedure = $2 AND outcome = 'open'`,
      [c.dossierId, c.procedure, c.outcome, c.at, c.answers === undefined ? null : JSON.stringify(c.answers), c.by ?? null],
    );
  },

  /** Dossiers with a procedure whose supplement deadline has passed (the last day itself still counts). */
  async overdueDossiers(tx: Queryable, today: string, limit: number): Promise<string[]> {
    const rows = await tx.query<{ dossier_id: string }>(
      `SELECT DISTINCT dossier_id FROM hub.procedures WHERE status = 'awaiting-supplement' AND deadline < $1::date LIMIT $2`,
      [today, limit],
    );
    return rows.map((r) => r.dossier_id);
  },
};
