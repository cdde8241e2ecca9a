/**
 * The account VSS collects voluntary SI contributions into, as configuration data: the QR payload tells the
 * participant's bank where to transfer. PLACEHOLDER — the BIN is BIDV's (970418) and the account number is
 * made up; each provincial social security office publishes its own collection account. Replace both before
 * real use (or pass another account to `voluntarySiHandlers`).
 */
export interface CollectionAccount {
  /** The beneficiary bank's 6-digit BIN (VietQR). */
  readonly bankBin: string;
  readonly accountNumber: string;
  /** As the bank shows it to the payer, without diacritics. */
  readonly accountName: string;
}

export const VSS_COLLECTION_ACCOUNT: CollectionAccount = Object.freeze({
  bankBin: '970418',
  accountNumber: '1250000000602',
  accountName: 'BAO HIEM XA HOI VIET NAM (PLACEHOLDER)',
});

/**
 * The reference the participant's transfer carries, by which the statement line is matched to what is due:
 * "BHXHTN" (bảo hiểm xã hội tự nguyện) + the 10-digit SI code + a 3-digit serial of the participant's dues
 * (the registration's first period, then each renewal).
 * Letters and digits only, 19 characters: banks keep it intact (no diacritics, no punctuation to strip).
 */
export function paymentReference(siCode: string, serial: number): string {
  if (!/^\d{10}$/.test(siCode)) throw new RangeError(`not an SI code: ${siCode}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) throw new RangeError(`registration serial out of range 1..999: ${serial}`);
  return `BHXHTN${siCode}${String(serial).padStart(3, '0')}`;
}
