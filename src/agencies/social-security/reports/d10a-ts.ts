import type { ReportDefinition } from './definition.ts';
import { CARD_AREA_SQL, cardAreaParams } from './area-sql.ts';

/**
 * D10a-TS — the list of HI card issuance, finalised daily by the collector with C69-HD (seed 003 step 5a): each card
 * issued, against the deadline of 2 working days from receipt of the birth data (Decision 976/QD-BHXH).
 */
export const d10a: ReportDefinition = {
  code: 'D10a-TS',
  title: { vi: 'Danh sách cấp thẻ BHYT', en: 'HI card issuance list' },
  purpose: { vi: 'Cán bộ thu, cấp sổ thẻ chốt hằng ngày', en: 'Finalised daily by the book-and-card collector' },
  legalBasis: 'Decision 505/QD-BHXH (form D10a-TS); Decision 3509/QD-BHXH step 5a',
  periods: ['day', 'month', 'quarter'],
  roles: ['vss-collector', 'vss-director'],
  subAreas: true,
  columns: [
    { key: 'cardNumber', header: { vi: 'Số thẻ BHYT', en: 'HI card number' }, width: 18, type: 'text', source: 'hi_cards.card_number', total: 'count' },
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'hi_cards.si_code' },
    { key: 'communeCode', header: { vi: 'Mã xã', en: 'Commune' }, width: 9, type: 'text', source: 'd103_ts.commune_code' },
    { key: 'issuedOn', header: { vi: 'Ngày cấp', en: 'Issued on' }, width: 12, type: 'date', source: 'hi_cards.issued_on' },
    { key: 'deadline', header: { vi: 'Hạn cấp', en: 'Deadline' }, width: 12, type: 'date', source: 'hi_cards.deadline (2 working days from receipt)' },
    { key: 'onTime', header: { vi: 'Đúng hạn (1 = có)', en: 'On time (1 = yes)' }, width: 10, type: 'integer', source: '1 when hi_cards.issued_on ≤ hi_cards.deadline, else 0', total: 'sum' },
    { key: 'validFrom', header: { vi: 'Hạn thẻ từ', en: 'Valid from' }, width: 12, type: 'date', source: 'hi_cards.valid_from' },
    { key: 'validTo', header: { vi: 'Hạn thẻ đến', en: 'Valid to' }, width: 12, type: 'date', source: 'hi_cards.valid_to' },
    { key: 'initialFacility', header: { vi: 'Nơi ĐK KCB ban đầu', en: 'Initial facility' }, width: 12, type: 'text', source: 'hi_cards.initial_facility_code' },
  ],
  query: (tx, area, period) =>
    tx.query(
      `SELECT c.pin AS "subjectPin", c.card_number AS "cardNumber", c.si_code AS "siCode", l.commune_code AS "communeCode", c.issued_on::text AS "issuedOn",
              c.deadline::text AS "deadline", CASE WHEN c.issued_on <= c.deadline THEN 1 ELSE 0 END AS "onTime",
              c.valid_from::text AS "validFrom", c.valid_to::text AS "validTo", c.initial_facility_code AS "initialFacility"
       FROM social_security.hi_cards c JOIN social_security.d103_ts l ON l.card_number = c.card_number
       WHERE ${CARD_AREA_SQL} AND c.issued_on BETWEEN $4::date AND $5::date
       ORDER BY c.issued_on, c.card_number`,
      [...cardAreaParams(area), period.from, period.to],
    ),
};
