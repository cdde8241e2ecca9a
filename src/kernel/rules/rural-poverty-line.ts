/**
 * Rural poverty line ("chuẩn nghèo khu vực nông thôn"), income criterion, VND per person per month, integer.
 *
 * It is the floor of the income on which voluntary social insurance is paid and the base of the
 * state support for it (DOMAIN.md §5). Each row cites the act that set it:
 *  -   700,000 from 2016-01-01 — Decision 59/2015/QD-TTg (multidimensional poverty line 2016–2020). It was
 *    kept for 2021 until Decree 07/2021 took over; the act that kept it is not recorded here *(unconfirmed)*.
 *    Not in DOMAIN.md: recorded so that missing-period payments for 2018–2021 can be computed
 *    (22% × 700,000 = 154,000, the well-known minimum voluntary contribution of those years).
 *  - 1,500,000 from 2022-01-01 — Decree 07/2021/ND-CP art. 3 (multidimensional poverty line 2022–2025).
 *  - 1,500,000 from 2026-01-01 — the same Decree 07/2021/ND-CP art. 3 line, kept in force until 2026-12-31
 *    by the Government decree on the national multidimensional poverty line 2026–2030 (decree number
 *    *(unconfirmed)*). A row of its own so a 2026 decision records the act that kept the value.
 *  - 2,200,000 from 2027-01-01 — that same 2026–2030 decree, income criterion for 2027–2030
 *    (decree number *(unconfirmed)*; DOMAIN.md §5 gives the value and the date).
 *
 * Values before 2016-01-01 are not recorded: resolving an earlier date throws RangeError.
 *
 * Example: ruralPovertyLineAt(isoDate('2026-12-31')).value === 1_500_000;
 *          ruralPovertyLineAt(isoDate('2027-01-01')).value === 2_200_000.
 */
import type { IsoDate } from '../dates.ts';
import { EffectiveTable, type RuleVersion } from './effective-dated.ts';

const DECREE_2026_2030 = 'Government decree on the national multidimensional poverty line 2026–2030 (number unconfirmed)';

export const RURAL_POVERTY_LINE = new EffectiveTable<number>([
  {
    version: 'rural-poverty-line-2016',
    effectiveFrom: '2016-01-01' as IsoDate,
    value: 700_000,
    legalBasis: 'Decision 59/2015/QD-TTg',
  },
  {
    version: 'rural-poverty-line-2022',
    effectiveFrom: '2022-01-01' as IsoDate,
    value: 1_500_000,
    legalBasis: 'Decree 07/2021/ND-CP art. 3',
  },
  {
    version: 'rural-poverty-line-2026',
    effectiveFrom: '2026-01-01' as IsoDate,
    value: 1_500_000,
    legalBasis: `Decree 07/2021/ND-CP art. 3, kept until 2026-12-31 by the ${DECREE_2026_2030}`,
  },
  {
    version: 'rural-poverty-line-2027',
    effectiveFrom: '2027-01-01' as IsoDate,
    value: 2_200_000,
    legalBasis: DECREE_2026_2030,
  },
]);

/** The rural poverty line in force on `date`, in `table` (default: the built-in one; see rule-book.ts). */
export function ruralPovertyLineAt(date: IsoDate, table: EffectiveTable<number> = RURAL_POVERTY_LINE): RuleVersion<number> {
  return table.at(date);
}
