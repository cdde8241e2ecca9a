import type { IsoDate } from '../../../kernel/dates.ts';
import type { ReportDefinition } from './definition.ts';
import { CARD_AREA_SQL, cardAreaParams } from './area-sql.ts';
import { budgetAmount, coveredUntil, monthsCovered } from './child-budget-months.ts';
import { loadRuleBook } from '../rules/store.ts';

/**
 * The quarterly summary of children under 6 whose HI is paid by the state budget, submitted to the director and sent
 * to the finance agency (Decree 146/2018/ND-CP Form No 1; seed 003 step 5a). One row per child's card covered in the
 * quarter, with the months covered and the amount (child-budget-months.ts).
 */
export const childStateBudget: ReportDefinition = {
  code: 'NSNN-TE-Q',
  title: { vi: 'Tổng hợp đối tượng trẻ em dưới 6 tuổi do ngân sách nhà nước đóng BHYT', en: 'State-budget HI contributions for children under 6' },
  purpose: { vi: 'Trình Giám đốc BHXH duyệt hằng quý, gửi cơ quan tài chính', en: 'Approved quarterly by the VSS director, sent to the finance agency' },
  legalBasis: 'Decree 146/2018/ND-CP art. 7.1.đ, art. 10.1.b and Form No 1; Decree 188/2025/ND-CP',
  periods: ['quarter'],
  roles: ['vss-collector', 'vss-director', 'planning-finance-officer'],
  subAreas: true,
  columns: [
    { key: 'cardNumber', header: { vi: 'Số thẻ BHYT', en: 'HI card number' }, width: 18, type: 'text', source: 'hi_cards.card_number (TE1… cards only)', total: 'count' },
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'hi_cards.si_code' },
    { key: 'communeCode', header: { vi: 'Mã xã', en: 'Commune' }, width: 9, type: 'text', source: 'd103_ts.commune_code' },
    { key: 'validFrom', header: { vi: 'Ngày sinh (hạn thẻ từ)', en: 'Date of birth (valid from)' }, width: 13, type: 'date', source: 'hi_cards.valid_from' },
    { key: 'coveredUntil', header: { vi: 'NSNN đóng đến', en: 'Budget pays until' }, width: 13, type: 'date', source: 'the earliest of hi_cards.valid_to, hi_cards.ended_on and the day before the 6th birthday' },
    { key: 'months', header: { vi: 'Số tháng trong quý', en: 'Months in the quarter' }, width: 9, type: 'integer', source: 'months of the quarter with at least one day covered', total: 'sum' },
    { key: 'amount', header: { vi: 'Số tiền NSNN đóng (đồng)', en: 'State budget pays (VND)' }, width: 15, type: 'money', source: 'Σ over those months of 4.5% × base salary in force on the 1st (monthlyChildHiContribution)', total: 'sum' },
  ],
  async query(tx, area, period) {
    const cards = await tx.query<{ subjectPin: string; cardNumber: string; siCode: string; communeCode: string | null; validFrom: IsoDate; validTo: IsoDate; endedOn: IsoDate | null }>(
      `SELECT c.pin AS "subjectPin", c.card_number AS "cardNumber", c.si_code AS "siCode", l.commune_code AS "communeCode", c.valid_from::text AS "validFrom",
              c.valid_to::text AS "validTo", c.ended_on::text AS "endedOn"
       FROM social_security.hi_cards c JOIN social_security.d103_ts l ON l.card_number = c.card_number
       WHERE ${CARD_AREA_SQL} AND c.card_number LIKE 'TE1%' AND c.valid_from <= $5::date AND LEAST(c.valid_to, COALESCE(c.ended_on, c.valid_to)) >= $4::date
       ORDER BY l.commune_code, c.card_number`,
      [...cardAreaParams(area), period.from, period.to],
    );
    // Social security's rule book (rules/store.ts): a version can only be added for a future date, so past quarters never change.
    const rules = (await loadRuleBook(tx)).book;
    return cards.flatMap((c) => {
      const until = coveredUntil(c.validFrom, c.validTo, c.endedOn);
      const months = monthsCovered(c.validFrom, until, period.months);
      if (months.length === 0) return [];
      return [{ subjectPin: c.subjectPin, cardNumber: c.cardNumber, siCode: c.siCode, communeCode: c.communeCode, validFrom: c.validFrom, coveredUntil: until, months: months.length, amount: budgetAmount(months, rules) }];
    });
  },
};
