import type { ReportDefinition } from './definition.ts';
import { CARD_AREA_SQL, cardAreaParams } from './area-sql.ts';

/**
 * D104-TS — the monthly list of HI cards sent to the commune People's Committee and the labour, invalids and social
 * affairs office to follow (Decision 505/QD-BHXH; seed 003 step 5a): the cards issued in the month and the cards that
 * ended in it (the holder died: the card ends on the last day of the month of death), by commune.
 */
export const d104: ReportDefinition = {
  code: 'D104-TS',
  title: { vi: 'Danh sách thẻ BHYT gửi UBND xã và cơ quan LĐTBXH', en: 'Monthly HI card list for the commune People’s Committee and the labour office' },
  purpose: { vi: 'Gửi UBND xã/phường và phòng LĐTBXH hằng tháng', en: 'Sent monthly to the commune People’s Committee and the labour office' },
  legalBasis: 'Decision 505/QD-BHXH (form D104-TS); Decision 3509/QD-BHXH step 5a',
  periods: ['month'],
  roles: ['vss-collector', 'vss-director'],
  subAreas: true,
  columns: [
    { key: 'communeCode', header: { vi: 'Mã xã', en: 'Commune' }, width: 9, type: 'text', source: 'd103_ts.commune_code' },
    { key: 'cardNumber', header: { vi: 'Số thẻ BHYT', en: 'HI card number' }, width: 18, type: 'text', source: 'hi_cards.card_number', total: 'count' },
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'hi_cards.si_code' },
    { key: 'validFrom', header: { vi: 'Hạn thẻ từ', en: 'Valid from' }, width: 12, type: 'date', source: 'hi_cards.valid_from' },
    { key: 'validTo', header: { vi: 'Hạn thẻ đến', en: 'Valid to' }, width: 12, type: 'date', source: 'hi_cards.valid_to' },
    { key: 'endedOn', header: { vi: 'Ngày hết giá trị', en: 'Ended on' }, width: 12, type: 'date', source: 'hi_cards.ended_on (set by a death decision)' },
    { key: 'initialFacility', header: { vi: 'Nơi ĐK KCB ban đầu', en: 'Initial facility' }, width: 12, type: 'text', source: 'hi_cards.initial_facility_code' },
    { key: 'issued', header: { vi: 'Cấp mới (1 = có)', en: 'Issued (1 = yes)' }, width: 9, type: 'integer', source: '1 when hi_cards.issued_on is in the month', total: 'sum' },
    { key: 'ended', header: { vi: 'Hết giá trị (1 = có)', en: 'Ended (1 = yes)' }, width: 9, type: 'integer', source: '1 when hi_cards.ended_on is in the month', total: 'sum' },
  ],
  query: (tx, area, period) =>
    tx.query(
      `SELECT c.pin AS "subjectPin", l.commune_code AS "communeCode", c.card_number AS "cardNumber", c.si_code AS "siCode", c.valid_from::text AS "validFrom",
              c.valid_to::text AS "validTo", c.ended_on::text AS "endedOn", c.initial_facility_code AS "initialFacility",
              CASE WHEN c.issued_on BETWEEN $4::date AND $5::date THEN 1 ELSE 0 END AS "issued",
              CASE WHEN c.ended_on BETWEEN $4::date AND $5::date THEN 1 ELSE 0 END AS "ended"
       FROM social_security.hi_cards c JOIN social_security.d103_ts l ON l.card_number = c.card_number
       WHERE ${CARD_AREA_SQL} AND (c.issued_on BETWEEN $4::date AND $5::date OR c.ended_on BETWEEN $4::date AND $5::date)
       ORDER BY l.commune_code, c.card_number`,
      [...cardAreaParams(area), period.from, period.to],
    ),
};
