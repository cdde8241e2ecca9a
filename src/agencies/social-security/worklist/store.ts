import type { Queryable } from '../../../platform/db/db.ts';
import type { HiCardItemStatus } from './domain/hi-card-approval.ts';

export type HiCardApproval = 'automatic' | 'director';
export interface ProvinceSettings {
  readonly hiCardApproval: HiCardApproval;
}
export const DEFAULT_SETTINGS: ProvinceSettings = { hiCardApproval: 'automatic' };

export interface Decision {
  readonly decision: string;
  readonly by: string;
  readonly role: string;
  readonly at: string;
  readonly reason: string | null;
  readonly fields?: unknown;
}

export interface ItemRow {
  id: string;
  kind: 'hi-card-approval';
  dossier_id: string;
  province_code: string;
  status: HiCardItemStatus;
  request: Record<string, unknown>;
  received_at: string;
  deadline: string;
  claimed_by: string | null;
  claimed_at: string | null;
  decisions: Decision[];
  supplement: Record<string, unknown> | null;
}

const ITEM = `SELECT id, kind, dossier_id, province_code, status, request, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
  deadline::text AS deadline, claimed_by, to_char(claimed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS claimed_at, decisions, supplement
  FROM social_security.worklist_items`;

/** Social security's settings and worklist SQL (schema `social_security`). */
export const worklistStore = {
  async settings(tx: Queryable, provinceCode: string): Promise<(ProvinceSettings & { updatedAt: string | null; updatedBy: string | null })> {
    const [r] = await tx.query<{ hi_card_approval: HiCardApproval; updated_at: string; updated_by: string }>(
      `SELECT hi_card_approval, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at, updated_by
       FROM social_security.province_settings WHERE province_code = $1`,
      [provinceCode],
    );
    return r ? { hiCardApproval: r.hi_card_approval, updatedAt: r.updated_at, updatedBy: r.updated_by } : { ...DEFAULT_SETTINGS, updatedAt: null, updatedBy: null };
  },

  /** Locks the province's row (when it exists) so two changes are recorded one after the other. */
  async lockSettings(tx: Queryable, provinceCode: string): Promise<void> {
    await tx.query('SELECT 1 FROM social_security.province_settings WHERE province_code = $1 FOR UPDATE', [provinceCode]);
  },

  async saveSettings(tx: Queryable, provinceCode: string, s: ProvinceSettings, by: string, at: string, before: ProvinceSettings, reason: string) {
    await tx.query(
      `INSERT INTO social_security.province_settings (province_code, hi_card_approval, updated_at, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (province_code) DO UPDATE SET hi_card_approval = EXCLUDED.hi_card_approval, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [provinceCode, s.hiCardApproval, at, by],
    );
    await tx.query(
      'INSERT INTO social_security.settings_changes (province_code, at, changed_by, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [provinceCode, at, by, JSON.stringify(before), JSON.stringify(s), reason],
    );
  },

  async itemForDossier(tx: Queryable, dossierId: string, lock = false): Promise<ItemRow | undefined> {
    const [r] = await tx.query<ItemRow>(`${ITEM} WHERE kind = 'hi-card-approval' AND dossier_id = $1${lock ? ' FOR UPDATE' : ''}`, [dossierId]);
    return r;
  },

  async item(tx: Queryable, id: string, lock = false): Promise<ItemRow | undefined> {
    const [r] = await tx.query<ItemRow>(`${ITEM} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r;
  },

  async insertItem(tx: Queryable, i: { id: string; dossierId: string; provinceCode: string; request: unknown; at: string; deadline: string }) {
    await tx.query(
      `INSERT INTO social_security.worklist_items (id, kind, dossier_id, province_code, status, request, received_at, deadline)
       VALUES ($1, 'hi-card-approval', $2, $3, 'to-check', $4, $5, $6) ON CONFLICT (kind, dossier_id) DO NOTHING`,
      [i.id, i.dossierId, i.provinceCode, JSON.stringify(i.request), i.at, i.deadline],
    );
  },

  async list(tx: Queryable, q: { provinceCode: string | null; statuses: readonly string[]; answered: boolean | null; sort: 'deadline' | 'received'; limit: number; offset: number }): Promise<ItemRow[]> {
    const order = q.sort === 'deadline' ? 'deadline, received_at, id' : 'received_at, id';
    // Answered: the last decision on the item is the citizen's answer (worklist/handlers.ts), not an officer's since.
    return tx.query<ItemRow>(
      `${ITEM} WHERE ($1::text IS NULL OR province_code = $1) AND status = ANY($2::text[])
         AND ($5::boolean IS NULL OR coalesce(decisions -> -1 ->> 'decision' = 'supplement-provided', false) = $5)
       ORDER BY ${order} LIMIT $3 OFFSET $4`,
      [q.provinceCode, q.statuses, q.limit, q.offset, q.answered],
    );
  },

  async setClaim(tx: Queryable, id: string, by: string | null, at: string | null) {
    await tx.query('UPDATE social_security.worklist_items SET claimed_by = $2, claimed_at = $3 WHERE id = $1', [id, by, at]);
  },

  /** A decision moves the item and ends any claim on it; the decision is appended to its record. */
  async decide(tx: Queryable, id: string, status: HiCardItemStatus, d: Decision, supplement?: unknown) {
    await tx.query(
      `UPDATE social_security.worklist_items SET status = $2, decisions = decisions || $3::jsonb, claimed_by = NULL, claimed_at = NULL,
         supplement = COALESCE($4::jsonb, supplement) WHERE id = $1`,
      [id, status, JSON.stringify([d]), supplement === undefined ? null : JSON.stringify(supplement)],
    );
  },
};
