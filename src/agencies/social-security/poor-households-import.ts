import { PoorHouseholdRecord } from '../../contracts/imports/poor-households.ts';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import type { ImportTarget } from '../../platform/import/jsonl-import.ts';
import { validate } from '../../platform/validation.ts';

function check(value: unknown): { record: PoorHouseholdRecord } | { errors: FieldError[] } {
  const errors = validate(PoorHouseholdRecord, value, '');
  if (errors.length) return { errors };
  const r = value as PoorHouseholdRecord;
  if (r.validFrom > r.validTo) return { errors: [fieldError('validTo', 'order', 'The listing ends before it starts.', 'Thời hạn của danh sách kết thúc trước khi bắt đầu.')] };
  return { record: r };
}

/**
 * `lienthong import poor-households FILE.jsonl`: the certified lists of poor and near-poor households, against
 * which social security checks a voluntary participant's claim to the higher state support. One row per household
 * and period start; re-importing the same file changes nothing, a corrected line updates its row.
 */
export function poorHouseholdsImport(): ImportTarget<PoorHouseholdRecord> {
  return {
    name: 'poor-households',
    check,
    async apply(tx, batch) {
      const out: ('inserted' | 'updated' | 'unchanged')[] = [];
      for (const r of batch) {
        const rows = await tx.query<{ inserted: boolean }>(
          `INSERT INTO social_security.poor_households AS t (household_id, valid_from, valid_to, category, decision)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (household_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, category = EXCLUDED.category, decision = EXCLUDED.decision
           WHERE (t.valid_to, t.category, t.decision) IS DISTINCT FROM (EXCLUDED.valid_to, EXCLUDED.category, EXCLUDED.decision)
           RETURNING (xmax = 0) AS inserted`,
          [r.householdId, r.validFrom, r.validTo, r.category, r.decision ?? null],
        );
        out.push(rows.length === 0 ? 'unchanged' : rows[0]!.inserted ? 'inserted' : 'updated');
      }
      return out;
    },
  };
}
