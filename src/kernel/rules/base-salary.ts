/**
 * Base salary ("mức lương cơ sở"), VND per month, integer.
 *
 * Each row cites the decree that set it (effective 1 July of the year):
 *  - 1,390,000 from 2018-07-01 — Decree 72/2018/ND-CP
 *  - 1,490,000 from 2019-07-01 — Decree 38/2019/ND-CP (the 2020 increase was postponed, so it held until 2023-06-30)
 *  - 1,800,000 from 2023-07-01 — Decree 24/2023/ND-CP
 *  - 2,340,000 from 2024-07-01 — Decree 73/2024/ND-CP
 *  - 2,530,000 from 2026-07-01 — Decree 161/2026/ND-CP
 *
 * Reference level: from 2025-07-01 the Law on Social Insurance 2024 (Law 41/2024/QH15,
 * arts. 85 and 141) computes contributions and benefits on the "reference level"
 * ("mức tham chiếu"), which equals the base salary for as long as a base salary exists.
 * So this table also serves as the reference level; if the base salary is abolished a
 * separate reference-level table must replace it.
 *
 * Values before 2018-07-01 are not recorded: resolving an earlier date throws RangeError.
 *
 * Example: baseSalaryAt(isoDate('2024-06-30')).value === 1_800_000;
 *          baseSalaryAt(isoDate('2024-07-01')).value === 2_340_000.
 */
import type { IsoDate } from '../dates.ts';
import { EffectiveTable, type RuleVersion } from './effective-dated.ts';

export const BASE_SALARY = new EffectiveTable<number>([
  { version: 'base-salary-2018-07', effectiveFrom: '2018-07-01' as IsoDate, value: 1_390_000, legalBasis: 'Decree 72/2018/ND-CP' },
  { version: 'base-salary-2019-07', effectiveFrom: '2019-07-01' as IsoDate, value: 1_490_000, legalBasis: 'Decree 38/2019/ND-CP' },
  { version: 'base-salary-2023-07', effectiveFrom: '2023-07-01' as IsoDate, value: 1_800_000, legalBasis: 'Decree 24/2023/ND-CP' },
  { version: 'base-salary-2024-07', effectiveFrom: '2024-07-01' as IsoDate, value: 2_340_000, legalBasis: 'Decree 73/2024/ND-CP' },
  { version: 'base-salary-2026-07', effectiveFrom: '2026-07-01' as IsoDate, value: 2_530_000, legalBasis: 'Decree 161/2026/ND-CP' },
]);

/**
 * The base salary (= reference level from 2025-07-01) in force on `date`, in `table` — by default the built-in one;
 * a part passes the table of the rule book it has loaded (rule-book.ts), which may hold versions an operator added.
 */
export function baseSalaryAt(date: IsoDate, table: EffectiveTable<number> = BASE_SALARY): RuleVersion<number> {
  return table.at(date);
}
