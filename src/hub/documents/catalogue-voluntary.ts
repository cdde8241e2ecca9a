import type { PaymentVoucher, SiBookCoverSheet, VoluntarySiCompletedResult } from '../../contracts/voluntary-si-results.ts';
import type { DocumentSpec } from '../../platform/documents/model.ts';
import type { IssuedDocument, Source } from './catalogue.ts';
import { communeOf, dmy, L, my, placeOf, sexText, vnd } from './wording.ts';

/** Where, in the voluntary SI result, the verification codes of these documents are (for the lookup by code). */
export const VOLUNTARY_CODE_PATTERNS = [(code: string) => ({ coverSheet: { verificationCode: code } }), (code: string) => ({ voucher: { verificationCode: code } })];

const vss = (place: string | null): DocumentSpec['issuer'] => ({ agency: 'social-security', name: L('Bảo hiểm xã hội Việt Nam', 'Vietnam Social Security'), place });

type Built = Omit<IssuedDocument, 'dossierId' | 'procedure'>;
/** Before payment the result has neither (contracts/voluntary-si-results.ts: `procedure.awaiting-payment`). */
type Result = Partial<Pick<VoluntarySiCompletedResult, 'voucher' | 'coverSheet'>>;

/** The cover sheet of the electronic SI book (tờ bìa sổ BHXH), on first participation only (Decision 1188/QD-BHXH). */
export function siBookCoverSheetDocuments({ people }: Source, r: Result): Built[] {
  const c: SiBookCoverSheet | null | undefined = r.coverSheet;
  if (!c) return [];
  const p = people['declaration.participant'];
  return [
    {
      spec: {
        kind: 'si-book-cover-sheet',
        code: c.verificationCode,
        title: L('Sổ bảo hiểm xã hội — Tờ bìa', 'Social insurance book — cover sheet'),
        issuer: { ...vss(placeOf(communeOf(p?.address))), name: L(c.issuingOffice || 'Bảo hiểm xã hội Việt Nam', 'Vietnam Social Security') },
        issuedOn: c.issuedOn,
        number: c.bookNumber,
        layout: 'form',
        sections: [
          {
            heading: L('Người tham gia', 'The insured person'),
            rows: [
              { label: L('Mã số BHXH', 'SI code'), value: c.siCode },
              { label: L('Họ, chữ đệm, tên', 'Full name'), value: c.fullName ?? '—' },
              { label: L('Ngày, tháng, năm sinh', 'Date of birth'), value: dmy(c.dateOfBirth) },
              { label: L('Giới tính', 'Sex'), value: sexText(c.sex ?? undefined) },
              { label: L('Quốc tịch', 'Nationality'), value: c.nationality },
              { label: L('Số định danh cá nhân', 'Personal identification number'), value: c.pin },
              { label: L('Tham gia BHXH từ tháng', 'Insured since'), value: my(c.firstParticipationMonth) },
            ],
          },
        ],
        notes: [L('Sổ BHXH điện tử: quá trình đóng được ghi và tra cứu trên ứng dụng VssID (Quyết định 1188/QĐ-BHXH).', 'An electronic SI book: the contribution record is kept and shown in the VssID app (Decision 1188/QD-BHXH).')],
      },
      holder: { pin: c.pin, fullName: c.fullName, dateOfBirth: c.dateOfBirth },
    },
  ];
}

const CHANNELS: Record<string, string> = { 'bank-transfer': 'Chuyển khoản / Bank transfer', cash: 'Tiền mặt / Cash' };

/** The payment voucher (phiếu thu) VSS's centralised accounting issues for a reconciled payment (Decision 49/QD-BHXH). */
export function paymentVoucherDocuments({ people }: Source, r: Result): Built[] {
  const v: PaymentVoucher | undefined = r.voucher;
  if (!v) return [];
  const p = people['declaration.participant'];
  const fullName = v.payer.fullName ?? p?.fullName ?? null;
  return [
    {
      spec: {
        kind: 'payment-voucher',
        code: v.verificationCode,
        title: L('Phiếu thu tiền đóng BHXH tự nguyện', 'Payment voucher: voluntary social insurance'),
        issuer: vss(placeOf(communeOf(p?.address))),
        issuedOn: v.issuedOn,
        number: v.number,
        layout: 'form',
        sections: [
          {
            heading: L('Người nộp', 'Paid by'),
            rows: [
              { label: L('Họ, chữ đệm, tên', 'Full name'), value: fullName ?? '—' },
              { label: L('Mã số BHXH', 'SI code'), value: v.siCode },
            ],
          },
          {
            heading: L('Khoản thu', 'Payment'),
            rows: [
              { label: L('Số tiền ghi vào kỳ đóng', 'Amount credited'), value: vnd(v.amount) },
              ...(v.received !== v.amount ? [{ label: L('Số tiền đã nhận', 'Amount received'), value: vnd(v.received) }] : []),
              { label: L('Kỳ đóng', 'Period'), value: `${my(v.periodFrom)} – ${my(v.periodTo)} (${v.months} tháng / months)` },
              { label: L('Hình thức nộp', 'Paid by way of'), value: v.channels.map((c) => CHANNELS[c] ?? c).join(', ') || '—' },
              { label: L('Nội dung chuyển khoản', 'Payment reference'), value: v.reference },
              { label: L('Ngày lập phiếu', 'Issued on'), value: dmy(v.issuedOn) },
            ],
          },
        ],
        notes:
          v.received > v.amount
            ? [L(`Số tiền nộp thừa ${vnd(v.received - v.amount)} được hoàn trả.`, `The excess of ${vnd(v.received - v.amount)} is listed for refund.`)]
            : [],
      },
      holder: { pin: v.payer.pin, fullName, dateOfBirth: p?.dateOfBirth ?? null },
    },
  ];
}
