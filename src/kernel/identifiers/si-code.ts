/**
 * Social-insurance (SI) code ("mã số BHXH"): exactly 10 digits, no check digit.
 *
 * Source: VSS Decision 1351/QD-BHXH (2015) — the SI code is a 10-character numeric code
 * that is also the last 10 characters of the HI card number.
 * Practice (not a confirmed rule): VSS puts the 2-digit code of the issuing province first,
 * followed by an 8-digit serial. `isSiCode` therefore does NOT check the first two digits;
 * `makeSiCode` follows the practice.
 *
 * Example: makeSiCode('01', 23_456_789) → '0123456789'; isSiCode('0123456789') → true;
 * isSiCode('012345678') → false (9 digits).
 */
import { isProvinceCode2, type ProvinceCode2 } from './province-codes.ts';

export type SiCode = string & { readonly __brand: 'SiCode' };

export function isSiCode(s: string): s is SiCode {
  return typeof s === 'string' && /^[0-9]{10}$/.test(s);
}

/** Province prefix (practice) + 8-digit zero-padded serial. Throws RangeError on bad input. */
export function makeSiCode(provinceCode2: ProvinceCode2, serial: number): SiCode {
  if (!isProvinceCode2(provinceCode2)) throw new RangeError(`not a 2-digit province code: ${String(provinceCode2)}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999_999) {
    throw new RangeError(`serial out of range 0..99999999: ${serial}`);
  }
  return `${provinceCode2}${String(serial).padStart(8, '0')}` as SiCode;
}
