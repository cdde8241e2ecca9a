import { SiRecord } from '../../contracts/imports/si-records.ts';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import { parsePin } from '../../kernel/identifiers/pin.ts';
import type { ImportTarget } from '../../platform/import/jsonl-import.ts';
import { validate } from '../../platform/validation.ts';

function check(value: unknown): { record: SiRecord } | { errors: FieldError[] } {
  const errors = validate(SiRecord, value, '');
  if (errors.length) return { errors };
  const r = value as SiRecord;
  const p = parsePin(r.pin);
  if (!p.ok) return { errors: [fieldError('pin', p.reason, `The PIN is not valid (${p.reason}).`, 'Số định danh cá nhân không hợp lệ.')] };
  const bad = r.periods.findIndex((x) => x.from > x.to);
  if (bad >= 0) return { errors: [fieldError(`periods.${bad}`, 'order', 'A period ends before it starts.', 'Giai đoạn kết thúc trước khi bắt đầu.')] };
  const sorted = [...r.periods].sort((a, b) => (a.from < b.from ? -1 : 1));
  if (sorted.some((x, i) => i > 0 && x.from <= sorted[i - 1]!.to))
    return { errors: [fieldError('periods', 'overlap', 'Two contribution periods overlap.', 'Hai giai đoạn đóng trùng nhau.')] };
  return { record: r };
}

/** `lienthong import si-records`: people's social-insurance records into VSS's database. */
export function siRecordsImport(): ImportTarget<SiRecord> {
  return {
    name: 'si-records',
    check,
    async apply(tx, batch) {
      const out: ('inserted' | 'updated' | 'unchanged' | FieldError[])[] = [];
      for (const r of batch) {
        if (r.familyHouseholdId)
          await tx.query(
            `INSERT INTO social_security.family_households (id, kind, province_code) VALUES ($1, 'family', $2) ON CONFLICT (id) DO NOTHING`,
            [r.familyHouseholdId, r.siCode.slice(0, 2)],
          );
        const taken = await tx.query<{ pin: string }>('SELECT pin FROM social_security.insured WHERE si_code = $1 AND pin <> $2', [r.siCode, r.pin]);
        if (taken.length) {
          out.push([fieldError('siCode', 'taken', 'This SI code belongs to another person.', 'Mã số BHXH này đã thuộc về người khác.')]);
          continue;
        }
        const rows = await tx.query<{ inserted: boolean }>(
          `INSERT INTO social_security.insured AS t (pin, si_code, family_household_id, periods, pension, reserved, awaiting_pension_age, lump_sum_taken, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'import')
           ON CONFLICT (pin) DO UPDATE SET si_code = EXCLUDED.si_code, family_household_id = EXCLUDED.family_household_id, periods = EXCLUDED.periods,
             pension = EXCLUDED.pension, reserved = EXCLUDED.reserved, awaiting_pension_age = EXCLUDED.awaiting_pension_age,
             lump_sum_taken = EXCLUDED.lump_sum_taken, updated_at = now()
           WHERE (t.si_code, t.family_household_id, t.periods, t.pension, t.reserved, t.awaiting_pension_age, t.lump_sum_taken)
             IS DISTINCT FROM (EXCLUDED.si_code, EXCLUDED.family_household_id, EXCLUDED.periods, EXCLUDED.pension, EXCLUDED.reserved, EXCLUDED.awaiting_pension_age, EXCLUDED.lump_sum_taken)
           RETURNING (xmax = 0) AS inserted`,
          [r.pin, r.siCode, r.familyHouseholdId ?? null, JSON.stringify(r.periods), r.pension ? JSON.stringify(r.pension) : null, r.reserved, r.awaitingPensionAge, r.lumpSumTaken],
        );
        out.push(rows.length === 0 ? 'unchanged' : rows[0]!.inserted ? 'inserted' : 'updated');
      }
      return out;
    },
  };
}
