import type { ReportDefinition } from './definition.ts';
import { MONEY_AREA_SQL } from './area-sql.ts';

/**
 * C83-HD — the daily allocation of the money collected, by the planning-finance officer (Decision 505/QD-BHXH art. 33b;
 * seed 003 step 5b). For voluntary SI the whole contribution goes to the retirement and survivorship fund (Law on SI
 * 2014 art. 87.1); what was received beyond the amount due is not allocated: it stays listed for refund or assignment.
 * So each voucher's money received = allocated to the fund + held, row by row and in the totals.
 */
export const c83: ReportDefinition = {
  code: 'C83-HD',
  title: { vi: 'Phân bổ số tiền đã thu BHXH tự nguyện', en: 'Allocation of voluntary-SI money collected' },
  purpose: { vi: 'Cán bộ kế hoạch – tài chính phân bổ và chốt số liệu hằng ngày', en: 'Allocated and finalised daily by the planning-finance officer' },
  legalBasis: 'Decision 505/QD-BHXH art. 33b (form C83-HD); Law on SI 2014 art. 87.1; Decision 3509/QD-BHXH step 5b',
  periods: ['day', 'month', 'quarter'],
  roles: ['planning-finance-officer', 'vss-director'],
  subAreas: false,
  columns: [
    { key: 'voucherNumber', header: { vi: 'Số chứng từ', en: 'Voucher' }, width: 16, type: 'text', source: 'payment_vouchers.number', total: 'count' },
    { key: 'issuedOn', header: { vi: 'Ngày chứng từ', en: 'Issued on' }, width: 12, type: 'date', source: 'payment_vouchers.issued_on' },
    { key: 'siCode', header: { vi: 'Mã số BHXH', en: 'SI code' }, width: 13, type: 'text', source: 'voluntary_dues.si_code' },
    { key: 'kind', header: { vi: 'Loại', en: 'Kind' }, width: 12, type: 'text', source: 'voluntary_dues.kind (registration or renewal)' },
    { key: 'monthlyIncome', header: { vi: 'Mức thu nhập tháng (đồng)', en: 'Monthly income (VND)' }, width: 14, type: 'money', source: 'voluntary_dues.monthly_income' },
    { key: 'months', header: { vi: 'Số tháng', en: 'Months' }, width: 7, type: 'integer', source: 'voluntary_dues.months', total: 'sum' },
    { key: 'received', header: { vi: 'Số tiền đã nhận (đồng)', en: 'Received (VND)' }, width: 15, type: 'money', source: 'payment_vouchers.received', total: 'sum' },
    { key: 'toFund', header: { vi: 'Phân bổ quỹ hưu trí, tử tuất (đồng)', en: 'To the retirement and survivorship fund (VND)' }, width: 17, type: 'money', source: 'payment_vouchers.amount', total: 'sum' },
    { key: 'held', header: { vi: 'Chưa phân bổ, chờ xử lý (đồng)', en: 'Held for refund or assignment (VND)' }, width: 15, type: 'money', source: 'payment_vouchers.received − payment_vouchers.amount', total: 'sum' },
  ],
  query: (tx, area, period) =>
    tx.query(
      `SELECT d.pin AS "subjectPin", v.number AS "voucherNumber", v.issued_on::text AS "issuedOn", d.si_code AS "siCode", d.kind, d.monthly_income::text AS "monthlyIncome",
              d.months, v.received::text AS received, v.amount::text AS "toFund", (v.received - v.amount)::text AS held
       FROM social_security.payment_vouchers v JOIN social_security.voluntary_dues d ON d.reference = v.reference
       WHERE ${MONEY_AREA_SQL} AND v.issued_on BETWEEN $2::date AND $3::date
       ORDER BY v.issued_on, v.number`,
      [area.provinceCode, period.from, period.to],
    ),
};
