import type { ReportDefinition } from './definition.ts';
import { CARD_AREA_SQL, cardAreaParams } from './area-sql.ts';

/**
 * D103-TS — the list of people granted HI cards (Decision 505/QD-BHXH; seed 003 step 4), kept as each card is issued.
 * The name, date of birth and sex are not in social security's tables (the register holds them): left out.
 */
export const d103: ReportDefinition = {
  code: 'D103-TS',
  title: { vi: 'Danh sách người được cấp thẻ BHYT', en: 'List of people granted HI cards' },
  purpose: { vi: 'Lưu tại cơ quan BHXH; cập nhật khi cấp thẻ', en: 'Kept by the VSS office; updated as cards are issued' },
  legalBasis: 'Decision 505/QD-BHXH (form D103-TS); Decision 3509/QD-BHXH step 4',
  periods: ['day', 'month', 'quarter'],
  roles: ['vss-collector', 'vss-director'],
  subAreas: true,
  columns: [
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'hi_cards.si_code' },
    { key: 'cardNumber', header: { vi: 'Số thẻ BHYT', en: 'HI card number' }, width: 18, type: 'text', source: 'hi_cards.card_number', total: 'count' },
    { key: 'districtCode', header: { vi: 'Mã huyện', en: 'District' }, width: 9, type: 'text', source: 'd103_ts.district_code' },
    { key: 'communeCode', header: { vi: 'Mã xã', en: 'Commune' }, width: 9, type: 'text', source: 'd103_ts.commune_code' },
    { key: 'validFrom', header: { vi: 'Hạn thẻ từ (ngày sinh)', en: 'Valid from (date of birth)' }, width: 13, type: 'date', source: 'hi_cards.valid_from — a child’s card is valid from the date of birth (DOMAIN §2)' },
    { key: 'validTo', header: { vi: 'Hạn thẻ đến', en: 'Valid to' }, width: 12, type: 'date', source: 'hi_cards.valid_to' },
    { key: 'initialFacility', header: { vi: 'Nơi ĐK KCB ban đầu', en: 'Initial facility' }, width: 12, type: 'text', source: 'hi_cards.initial_facility_code' },
    { key: 'listedOn', header: { vi: 'Ngày lập', en: 'Listed on' }, width: 12, type: 'date', source: 'd103_ts.listed_on (the day the card was issued)' },
  ],
  query: (tx, area, period) =>
    tx.query(
      `SELECT c.pin AS "subjectPin", c.si_code AS "siCode", c.card_number AS "cardNumber", l.district_code AS "districtCode", l.commune_code AS "communeCode",
              c.valid_from::text AS "validFrom", c.valid_to::text AS "validTo", c.initial_facility_code AS "initialFacility", l.listed_on::text AS "listedOn"
       FROM social_security.d103_ts l JOIN social_security.hi_cards c ON c.card_number = l.card_number
       WHERE ${CARD_AREA_SQL} AND l.listed_on BETWEEN $4::date AND $5::date
       ORDER BY l.listed_on, l.district_code, l.commune_code, c.card_number`,
      [...cardAreaParams(area), period.from, period.to],
    ),
};
