/**
 * VietQR bank-transfer payload for paying a voluntary social insurance contribution.
 *
 * Format: EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode (MPM), as profiled by
 * NAPAS for VietQR (the State Bank's base standard TCCS 03:2018/NHNN — reference as recalled, *unconfirmed*).
 * Every field is TLV: 2-digit ID, 2-digit length, value. Fields, in this order:
 *   00 "01"        payload format indicator
 *   01 "12"        point of initiation: dynamic (one payment, with an amount)
 *   38             merchant account information (VietQR / NAPAS):
 *        00 "A000000727"  NAPAS GUID
 *        01               beneficiary organisation: 00 acquirer BIN (6 digits), 01 account number
 *        02 "QRIBFTTA"    service code: inter-bank fast transfer to an account
 *   53 "704"       currency, ISO 4217 VND
 *   54             amount: whole dong, digits only (VND has no minor unit)
 *   58 "VN"        country code
 *   62             additional data: 08 purpose of transaction = the payment reference
 *   63             CRC: CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the
 *                  whole payload up to and including "6304", 4 uppercase hex digits (EMVCo MPM §4.7.3).
 * EMVCo's merchant name (59) and city (60) are left out, as in the transfer-to-account VietQR payloads
 * that Vietnamese banks and gateways issue (see the payOS example in the test).
 *
 * Inputs are checked: BIN 6 digits; account 1–19 letters or digits; amount a positive whole number of
 * dong of at most 13 digits (EMVCo field 54 limit); reference 1–25 printable ASCII characters
 * (no Vietnamese diacritics — banks strip them).
 *
 * Example: vietQrPayload({ bin: '970422', accountNumber: 'VQRQACLNP2680', amount: 100_000,
 *   reference: 'Thanh toan don hang ABC' }) ===
 *   '00020101021238570010A000000727012700069704220113VQRQACLNP26800208QRIBFTTA53037045406100000'
 *   + '5802VN62270823Thanh toan don hang ABC6304CE4C'
 */
import type { FieldError } from '../../../kernel/errors.ts';

export const NAPAS_GUID = 'A000000727';
export const SERVICE_TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
export const CURRENCY_VND = '704';

export interface VietQrInput {
  /** Acquirer (beneficiary bank) BIN, 6 digits, e.g. '970418'. */
  readonly bin: string;
  readonly accountNumber: string;
  /** Whole dong. */
  readonly amount: number;
  /** Payment reference shown to the payer and returned by the bank for reconciliation. */
  readonly reference: string;
}

export const VIETQR_PROBLEM_CODES = ['bin-invalid', 'account-invalid', 'amount-invalid', 'reference-invalid'] as const;
export type VietQrProblemCode = (typeof VIETQR_PROBLEM_CODES)[number];

/** CRC-16/CCITT-FALSE of the string's UTF-8 bytes, 4 uppercase hex digits. crc16CcittFalse('123456789') === '29B1'. */
export function crc16CcittFalse(s: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(s)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** One TLV field: ID, 2-digit length, value (at most 99 characters). */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`TLV id must be 2 digits: ${id}`);
  if (value.length > 99) throw new RangeError(`TLV ${id} value longer than 99: ${value.length}`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Field problems of a VietQR input; empty when it is valid. */
export function vietQrProblems(input: VietQrInput): FieldError[] {
  const problems: FieldError[] = [];
  const add = (path: string, code: VietQrProblemCode, reason: string, reasonVi: string) => problems.push({ path, code, reason, reasonVi });
  if (!/^\d{6}$/.test(input.bin)) add('bin', 'bin-invalid', 'The bank BIN must be 6 digits.', 'Mã BIN ngân hàng phải gồm 6 chữ số.');
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber)) {
    add('accountNumber', 'account-invalid', 'The account number must be 1 to 19 letters or digits.', 'Số tài khoản phải gồm 1 đến 19 chữ cái hoặc chữ số.');
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || String(input.amount).length > 13) {
    add('amount', 'amount-invalid', 'The amount must be a positive whole number of dong (at most 13 digits).', 'Số tiền phải là số nguyên dương (đồng), tối đa 13 chữ số.');
  }
  if (!/^[\x20-\x7E]{1,25}$/.test(input.reference)) {
    add(
      'reference',
      'reference-invalid',
      'The payment reference must be 1 to 25 ASCII characters, without diacritics.',
      'Nội dung thanh toán phải gồm 1 đến 25 ký tự ASCII, không dấu.',
    );
  }
  return problems;
}

/** The VietQR payload string. Throws RangeError naming the invalid fields (see vietQrProblems). */
export function vietQrPayload(input: VietQrInput): string {
  const problems = vietQrProblems(input);
  if (problems.length > 0) throw new RangeError(`invalid VietQR input: ${problems.map((p) => p.code).join(', ')}`);
  const beneficiary = tlv('00', input.bin) + tlv('01', input.accountNumber);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', tlv('00', NAPAS_GUID) + tlv('01', beneficiary) + tlv('02', SERVICE_TRANSFER_TO_ACCOUNT)) +
    tlv('53', CURRENCY_VND) +
    tlv('54', String(input.amount)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', input.reference)) +
    '6304';
  return body + crc16CcittFalse(body);
}
