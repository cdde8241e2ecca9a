import type { CitizenRecord, HouseholdRecord, PopulationRecord } from '../../contracts/imports/population.ts';
import { CitizenRecord as CitizenSchema, HouseholdRecord as HouseholdSchema } from '../../contracts/imports/population.ts';
import { isoDate, vnDateOf } from '../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../kernel/errors.ts';
import { checkPinAgainst, parsePin } from '../../kernel/identifiers/pin.ts';
import { isProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { ImportTarget } from '../../platform/import/jsonl-import.ts';
import { validate } from '../../platform/validation.ts';

/** Checks one line of a population file beyond its schema: the PIN's structure against the person. */
function check(value: unknown, today: string): { record: PopulationRecord } | { errors: FieldError[] } {
  const kind = (value as { type?: unknown })?.type;
  if (kind !== 'household' && kind !== 'citizen') return { errors: [fieldError('type', 'required', 'type must be "household" or "citizen".', 'type phải là "household" hoặc "citizen".')] };
  // Checked against the schema the line says it is, so a citizen's bad date is reported as that, not as
  // "a household's fields are missing" (what the union of both schemas would answer).
  const errors = validate(kind === 'household' ? HouseholdSchema : CitizenSchema, value, '');
  if (errors.length) return { errors };
  const r = value as PopulationRecord;
  if (r.type === 'household' && !isProvinceCode2(r.address.provinceCode))
    return { errors: [fieldError('address.provinceCode', 'province', 'Not a province code.', 'Không phải mã tỉnh.')] };
  if (r.type === 'citizen') {
    const p = parsePin(r.pin);
    if (!p.ok) return { errors: [fieldError('pin', p.reason, `The PIN is not valid (${p.reason}).`, 'Số định danh cá nhân không hợp lệ.')] };
    const bad = checkPinAgainst(p.value.pin, { sex: r.sex, dateOfBirth: isoDate(r.dateOfBirth) }, isoDate(today));
    if (bad.length) return { errors: bad.map((b) => fieldError('pin', b, `The PIN does not agree with the person (${b}).`, 'Số định danh cá nhân không khớp với giới tính/năm sinh.')) };
    if (r.status === 'deceased' && !r.dateOfDeath) return { errors: [fieldError('dateOfDeath', 'required', 'A deceased person needs a date of death.', 'Người đã chết cần có ngày chết.')] };
  }
  return { record: r };
}

async function upsertHousehold(tx: Queryable, h: HouseholdRecord): Promise<'inserted' | 'updated' | 'unchanged'> {
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO population.households AS t (id, province_code, district_code, commune_code, address_line, head_pin)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET province_code = EXCLUDED.province_code, district_code = EXCLUDED.district_code,
       commune_code = EXCLUDED.commune_code, address_line = EXCLUDED.address_line, head_pin = EXCLUDED.head_pin
     WHERE (t.province_code, t.district_code, t.commune_code, t.address_line, t.head_pin)
       IS DISTINCT FROM (EXCLUDED.province_code, EXCLUDED.district_code, EXCLUDED.commune_code, EXCLUDED.address_line, EXCLUDED.head_pin)
     RETURNING (xmax = 0) AS inserted`,
    [h.id, h.address.provinceCode, h.address.districtCode ?? null, h.address.communeCode ?? null, h.address.line ?? null, h.headPin],
  );
  return rows.length === 0 ? 'unchanged' : rows[0]!.inserted ? 'inserted' : 'updated';
}

async function upsertCitizen(tx: Queryable, c: CitizenRecord): Promise<'inserted' | 'updated' | 'unchanged'> {
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO population.citizens AS t (pin, full_name, sex, date_of_birth, household_id, ethnicity, status, date_of_death, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'import')
     ON CONFLICT (pin) DO UPDATE SET full_name = EXCLUDED.full_name, sex = EXCLUDED.sex, date_of_birth = EXCLUDED.date_of_birth,
       household_id = EXCLUDED.household_id, ethnicity = EXCLUDED.ethnicity, status = EXCLUDED.status, date_of_death = EXCLUDED.date_of_death, updated_at = now()
     WHERE (t.full_name, t.sex, t.date_of_birth, t.household_id, t.ethnicity, t.status, t.date_of_death)
       IS DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.sex, EXCLUDED.date_of_birth, EXCLUDED.household_id, EXCLUDED.ethnicity, EXCLUDED.status, EXCLUDED.date_of_death)
     RETURNING (xmax = 0) AS inserted`,
    [c.pin, c.fullName, c.sex, c.dateOfBirth, c.householdId, c.ethnicity, c.status, c.dateOfDeath ?? null],
  );
  return rows.length === 0 ? 'unchanged' : rows[0]!.inserted ? 'inserted' : 'updated';
}

/** `lienthong import population`: households and citizens into the population register. */
export function populationImport(now: Date): ImportTarget<PopulationRecord> {
  const today = vnDateOf(now);
  return {
    name: 'population',
    check: (v) => check(v, today),
    async apply(tx, batch) {
      const outcomes: ('inserted' | 'updated' | 'unchanged' | FieldError[])[] = new Array(batch.length);
      // Households first, so citizens of the same batch find theirs.
      for (const [i, r] of batch.entries()) if (r.type === 'household') outcomes[i] = await upsertHousehold(tx, r);
      const ids = [...new Set(batch.flatMap((r) => (r.type === 'citizen' && r.householdId ? [r.householdId] : [])))];
      const known = new Set((await tx.query<{ id: string }>('SELECT id FROM population.households WHERE id = ANY($1::text[])', [ids])).map((r) => r.id));
      for (const [i, r] of batch.entries()) {
        if (r.type !== 'citizen') continue;
        outcomes[i] =
          r.householdId && !known.has(r.householdId)
            ? [fieldError('householdId', 'unknown-household', `No household ${r.householdId} (households go before their members).`, 'Không có hộ này (hộ phải đứng trước các thành viên).')]
            : await upsertCitizen(tx, r);
      }
      return outcomes;
    },
  };
}
