import type { ReportDefinition } from './definition.ts';
import { MONEY_AREA_SQL } from './area-sql.ts';

/**
 * C69-HD — the daily summary of money collected (Decision 505/QD-BHXH art. 33b; seed 003 step 5a). The form is about
 * HI contributions paid through the national public-service portal; this platform collects no HI money (a child's card
 * is paid by the state budget), and the money it does collect is voluntary SI, reconciled into payment vouchers. So the
 * report lists the vouchers issued in the period: one row per voucher, the money credited and received.
 */
export const c69: ReportDefinition = {
  code: 'C69-HD',
  title: { vi: 'Tổng hợp số tiền thu BHXH tự nguyện qua cổng dịch vụ công', en: 'Summary of voluntary-SI money collected through the portal' },
  purpose: { vi: 'Cán bộ thu chốt số liệu hằng ngày', en: 'Finalised daily by the collector' },
  legalBasis: 'Decision 505/QD-BHXH art. 33b (form C69-HD); Decision 3509/QD-BHXH step 5a',
  periods: ['day', 'month', 'quarter'],
  roles: ['vss-collector', 'vss-director'],
  subAreas: false,
  columns: [
    { key: 'voucherNumber', header: { vi: 'Số chứng từ', en: 'Voucher' }, width: 16, type: 'text', source: 'payment_vouchers.number', total: 'count' },
    { key: 'issuedOn', header: { vi: 'Ngày chứng từ', en: 'Issued on' }, width: 12, type: 'date', source: 'payment_vouchers.issued_on' },
    { key: 'reference', header: { vi: 'Mã thanh toán', en: 'Payment reference' }, width: 21, type: 'text', source: 'payment_vouchers.reference' },
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'voluntary_dues.si_code' },
    { key: 'payerName', header: { vi: 'Họ tên người nộp', en: 'Payer' }, width: 24, type: 'text', source: 'payment_vouchers.voucher → payer.fullName (from the register at registration)' },
    { key: 'channels', header: { vi: 'Hình thức nộp', en: 'Channel' }, width: 14, type: 'text', source: 'payment_vouchers.voucher → channels (bank-transfer, cash)' },
    { key: 'periodFrom', header: { vi: 'Từ tháng', en: 'From month' }, width: 9, type: 'text', source: 'voluntary_dues.period_from' },
    { key: 'periodTo', header: { vi: 'Đến tháng', en: 'To month' }, width: 9, type: 'text', source: 'voluntary_dues.period_to' },
    { key: 'months', header: { vi: 'Số tháng', en: 'Months' }, width: 7, type: 'integer', source: 'voluntary_dues.months', total: 'sum' },
    { key: 'amount', header: { vi: 'Số tiền ghi thu (đồng)', en: 'Credited (VND)' }, width: 15, type: 'money', source: 'payment_vouchers.amount (the amount due, credited to the period)', total: 'sum' },
    { key: 'received', header: { vi: 'Số tiền đã nhận (đồng)', en: 'Received (VND)' }, width: 15, type: 'money', source: 'payment_vouchers.received', total: 'sum' },
  ],
  query: (tx, area, period) =>
    tx.query(
      `SELECT d.pin AS "subjectPin", v.number AS "voucherNumber", v.issued_on::text AS "issuedOn", v.reference, d.si_code AS "siCode", v.voucher->'payer'->>'fullName' AS "payerName",
              (SELECT string_agg(x, ', ' ORDER BY x) FROM jsonb_array_elements_text(v.voucher->'channels') x) AS "channels",
              d.period_from AS "periodFrom", d.period_to AS "periodTo", d.months, v.amount::text AS amount, v.received::text AS received
       FROM social_security.payment_vouchers v JOIN social_security.voluntary_dues d ON d.reference = v.reference
       WHERE ${MONEY_AREA_SQL} AND v.issued_on BETWEEN $2::date AND $3::date
       ORDER BY v.issued_on, v.number`,
      [area.provinceCode, period.from, period.to],
    ),
};
