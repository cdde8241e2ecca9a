/**
 * Health-insurance (HI) card number: 15 characters `OO L PP SSSSSSSSSS`.
 *
 * Source: VSS Decision 1351/QD-BHXH (2015) on HI card codes:
 *  - OO          2-letter beneficiary group code (e.g. TE = child under 6). Only the shape
 *                [A-Z]{2} is checked here; the group list itself is not encoded.
 *  - L           benefit level, digit 1..5
 *  - PP          2-digit province code (same as province-codes.ts, last two digits).
 *                Checked against the 63-province list; VSS special codes, if any, are not known here.
 *  - SSSSSSSSSS  the holder's 10-digit SI code
 * Children under 6: group TE, level 1 → 'TE1' + PP + SI code.
 * Since 2021-04-01 (VSS Decision 1666/QD-BHXH, 2020) the printed card shows only the
 * 10-digit SI code as the card code (see `printedCardCode`).
 *
 * Example: childHiCardNumber('01', '0123456789') → 'TE1010123456789';
 * printedCardCode('TE1010123456789') → '0123456789'.
 */
import { isProvinceCode2, type ProvinceCode2 } from './province-codes.ts';
import { isSiCode, type SiCode } from './si-code.ts';

export type HiCardNumber = string & { readonly __brand: 'HiCardNumber' };
export type BenefitLevel = 1 | 2 | 3 | 4 | 5;

export interface HiCardNumberParts {
  number: HiCardNumber;
  group: string;
  level: BenefitLevel;
  provinceCode: ProvinceCode2;
  siCode: SiCode;
}

/** Stable reasons: 'length', 'group', 'level', 'province', 'si-code'. */
export type HiCardNumberError = 'length' | 'group' | 'level' | 'province' | 'si-code';

export type HiCardNumberResult = { ok: true; value: HiCardNumberParts } | { ok: false; reason: HiCardNumberError };

/** Parse exactly as given (uppercase letters only, no spaces). */
export function parseHiCardNumber(s: string): HiCardNumberResult {
  if (typeof s !== 'string' || s.length !== 15) return { ok: false, reason: 'length' };
  const group = s.slice(0, 2);
  const level = s.slice(2, 3);
  const province = s.slice(3, 5);
  const si = s.slice(5);
  if (!/^[A-Z]{2}$/.test(group)) return { ok: false, reason: 'group' };
  if (!/^[1-5]$/.test(level)) return { ok: false, reason: 'level' };
  if (!isProvinceCode2(province)) return { ok: false, reason: 'province' };
  if (!isSiCode(si)) return { ok: false, reason: 'si-code' };
  return {
    ok: true,
    value: { number: s as HiCardNumber, group, level: Number(level) as BenefitLevel, provinceCode: province, siCode: si },
  };
}

/** Card number of a child under 6 (group TE, level 1). Throws RangeError on bad input. */
export function childHiCardNumber(provinceCode2: ProvinceCode2, siCode: SiCode): HiCardNumber {
  if (!isProvinceCode2(provinceCode2)) throw new RangeError(`not a 2-digit province code: ${String(provinceCode2)}`);
  if (!isSiCode(siCode)) throw new RangeError(`not an SI code: ${String(siCode)}`);
  return `TE1${provinceCode2}${siCode}` as HiCardNumber;
}

/** The code printed on cards issued from 2021-04-01 (Decision 1666/QD-BHXH): the SI code only. */
export function printedCardCode(n: HiCardNumber): SiCode {
  const parsed = parseHiCardNumber(n);
  if (!parsed.ok) throw new RangeError(`not an HI card number (${parsed.reason}): ${n}`);
  return parsed.value.siCode;
}
