/**
 * Personal identification number (PIN, "số định danh cá nhân"): 12 digits `PPP G YY RRRRRR`.
 *
 * Source: Decree 137/2015/ND-CP (structure of the PIN); Circular 07/2016/TT-BCA
 * (meaning of each part), province codes per Circular 59/2021/TT-BCA.
 *  - PPP    province code of birth registration (see province-codes.ts)
 *  - G      century and sex: 1900s male 0 / female 1; 2000s 2/3; 2100s 4/5; 2200s 6/7; 2300s 8/9
 *  - YY     last two digits of the birth year
 *  - RRRRRR six random digits. There is no check digit.
 *
 * Example: '001204012345' → province 001 (Hà Nội), G=2 → male born in the 2000s,
 * YY=04 → born 2004, serial 012345. makePin('001', 'male', 2004, 12345) gives it back.
 */
import { parts, type IsoDate } from '../dates.ts';
import { isProvinceCode3, type ProvinceCode3 } from './province-codes.ts';

export type Pin = string & { readonly __brand: 'Pin' };
export type Sex = 'male' | 'female';

export interface PinParts {
  pin: Pin;
  provinceCode: ProvinceCode3;
  sex: Sex;
  birthYear: number;
}

/** Stable reasons: 'length' (not 12 characters), 'format' (not all ASCII digits), 'province' (unknown PPP). */
export type PinError = 'length' | 'format' | 'province';

export type PinResult = { ok: true; value: PinParts } | { ok: false; reason: PinError };

/** First year covered by G = 0 (Circular 07/2016/TT-BCA: 20th century). */
const FIRST_CENTURY = 1900;
const LAST_YEAR = FIRST_CENTURY + 500 - 1; // G = 8/9 → 2300s

function decode(s: string): PinParts {
  const g = Number(s[3]);
  return {
    pin: s as Pin,
    provinceCode: s.slice(0, 3) as ProvinceCode3,
    sex: g % 2 === 0 ? 'male' : 'female',
    birthYear: FIRST_CENTURY + Math.floor(g / 2) * 100 + Number(s.slice(4, 6)),
  };
}

/** Parse a PIN exactly as given (no trimming, no separators allowed). */
export function parsePin(s: string): PinResult {
  if (typeof s !== 'string' || s.length !== 12) return { ok: false, reason: 'length' };
  if (!/^[0-9]{12}$/.test(s)) return { ok: false, reason: 'format' };
  if (!isProvinceCode3(s.slice(0, 3))) return { ok: false, reason: 'province' };
  return { ok: true, value: decode(s) };
}

export function isPin(s: string): s is Pin {
  return parsePin(s).ok;
}

/** Disagreements reported by checkPinAgainst. */
export type PinDisagreement = 'sex' | 'birth-year' | 'future-year';

/**
 * Compare what the PIN encodes with a person's recorded sex and date of birth.
 * 'sex': G's parity differs; 'birth-year': century+YY differ from the year of dateOfBirth;
 * 'future-year': the encoded year is after the year of `today`.
 * Example: PIN '001204012345' vs { sex: 'female', dateOfBirth: '2005-03-01' } → ['sex', 'birth-year'].
 */
export function checkPinAgainst(
  pin: Pin,
  person: { sex: Sex; dateOfBirth: IsoDate },
  today: IsoDate,
): PinDisagreement[] {
  const parsed = parsePin(pin);
  if (!parsed.ok) throw new RangeError(`not a PIN (${parsed.reason}): ${pin}`);
  const { sex, birthYear } = parsed.value;
  const out: PinDisagreement[] = [];
  if (sex !== person.sex) out.push('sex');
  if (birthYear !== parts(person.dateOfBirth).year) out.push('birth-year');
  if (birthYear > parts(today).year) out.push('future-year');
  return out;
}

/**
 * Build a PIN from its parts. Throws RangeError for an unknown province, a year outside
 * 1900..2399 or a serial outside 0..999999 (integer).
 * Example: makePin('079', 'female', 1985, 42) → '079185000042'.
 */
export function makePin(provinceCode3: ProvinceCode3, sex: Sex, birthYear: number, serial: number): Pin {
  if (!isProvinceCode3(provinceCode3)) throw new RangeError(`not a province code: ${String(provinceCode3)}`);
  if (sex !== 'male' && sex !== 'female') throw new RangeError(`not a sex: ${String(sex)}`);
  if (!Number.isInteger(birthYear) || birthYear < FIRST_CENTURY || birthYear > LAST_YEAR) {
    throw new RangeError(`birth year out of range ${FIRST_CENTURY}..${LAST_YEAR}: ${birthYear}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError(`serial out of range 0..999999: ${serial}`);
  }
  const g = Math.floor((birthYear - FIRST_CENTURY) / 100) * 2 + (sex === 'female' ? 1 : 0);
  const yy = String(birthYear % 100).padStart(2, '0');
  return `${provinceCode3}${g}${yy}${String(serial).padStart(6, '0')}` as Pin;
}
