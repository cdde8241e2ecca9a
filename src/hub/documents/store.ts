import type { Queryable } from '../../platform/db/db.ts';
import type { HolderDeath } from './validity.ts';
import { VOLUNTARY_CODE_PATTERNS } from './catalogue-voluntary.ts';

/**
 * Where a verification code can stand in a procedure's result: at the top, in one of VSS's decisions, in the voluntary
 * SI payment voucher or book cover sheet. Each is a JSON containment, answered by the GIN index of migration 3.
 */
const CODE_PATTERNS: readonly ((code: string) => object)[] = [
  (code) => ({ verificationCode: code }),
  (code) => ({ decisions: [{ verificationCode: code }] }),
  ...VOLUNTARY_CODE_PATTERNS,
];

/** The hub's SQL for documents: no table of its own — a document is a procedure's result. */
export const documentStore = {
  /** The dossier whose procedure issued the code (codes are random, 60 bits: at most one). */
  async dossierOfCode(tx: Queryable, code: string): Promise<string | undefined> {
    const where = CODE_PATTERNS.map((_, i) => `result @> $${i + 1}::jsonb`).join(' OR ');
    const [r] = await tx.query<{ dossier_id: string }>(
      `SELECT dossier_id FROM hub.procedures WHERE status IN ('completed', 'awaiting-payment') AND (${where}) LIMIT 1`,
      CODE_PATTERNS.map((p) => JSON.stringify(p(code))),
    );
    return r?.dossier_id;
  },

  /** The holder's registered death, if the death group completed one, with what followed it. */
  async deathOf(tx: Queryable, pin: string): Promise<HolderDeath | null> {
    const [r] = await tx.query<{ dossier_id: string; date_of_death: string; registered_on: string }>(
      `SELECT dossier_id, result->>'dateOfDeath' AS date_of_death, result->>'registeredOn' AS registered_on
       FROM hub.procedures WHERE code = 'death-registration' AND status = 'completed' AND result @> $1::jsonb
       ORDER BY finished_at LIMIT 1`,
      [JSON.stringify({ deceasedPin: pin })],
    );
    if (!r) return null;
    const rest = await tx.query<{ code: string; result: Record<string, any> }>(
      `SELECT code, result FROM hub.procedures WHERE dossier_id = $1 AND status = 'completed' AND code IN ('residence-deregistration', 'death-benefits')`,
      [r.dossier_id],
    );
    const dereg = rest.find((x) => x.code === 'residence-deregistration')?.result;
    const benefits = rest.find((x) => x.code === 'death-benefits')?.result;
    const decisions = (benefits?.decisions ?? []) as { hiCardEndsOn?: string | null }[];
    return {
      dateOfDeath: r.date_of_death,
      registeredOn: r.registered_on,
      // A pensioner's card with the stop of the pension; a child's TE1 card ended by VSS on the death (`hiCard`).
      hiCardEndsOn: decisions.find((x) => x.hiCardEndsOn)?.hiCardEndsOn ?? (benefits?.hiCard?.lastValidDay as string | undefined) ?? null,
      residenceDeregisteredOn: (dereg?.deregisteredOn as string | undefined) ?? null,
    };
  },
};
