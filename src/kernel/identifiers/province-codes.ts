/**
 * Province codes used in personal identification numbers (PINs).
 *
 * Source: Circular 59/2021/TT-BCA (Annex: codes of the provinces and centrally-run
 * cities where birth registration takes place), 63 codes. They coincide with the
 * national statistical administrative-unit codes, zero-padded to 3 digits.
 *
 * The 2-digit form (the same code without the leading zero) is what addresses and
 * health-insurance (HI) cards carry (VSS Decision 1351/QD-BHXH, 2015).
 *
 * Note: this is the pre-2025 list of 63 provinces as printed in the Circular; the
 * 2025 merger of provinces is NOT reflected here (PINs already issued keep their code).
 *
 * Example: provinceCode2('079') === '79'; provinceCode3('79') === '079';
 * provinceCode3('03') === undefined (003 is not a province code).
 */

/** The 63 valid 3-digit codes, ascending, with Vietnamese names. */
export const PROVINCES = [
  { code: '001', name: 'Hà Nội' },
  { code: '002', name: 'Hà Giang' },
  { code: '004', name: 'Cao Bằng' },
  { code: '006', name: 'Bắc Kạn' },
  { code: '008', name: 'Tuyên Quang' },
  { code: '010', name: 'Lào Cai' },
  { code: '011', name: 'Điện Biên' },
  { code: '012', name: 'Lai Châu' },
  { code: '014', name: 'Sơn La' },
  { code: '015', name: 'Yên Bái' },
  { code: '017', name: 'Hòa Bình' },
  { code: '019', name: 'Thái Nguyên' },
  { code: '020', name: 'Lạng Sơn' },
  { code: '022', name: 'Quảng Ninh' },
  { code: '024', name: 'Bắc Giang' },
  { code: '025', name: 'Phú Thọ' },
  { code: '026', name: 'Vĩnh Phúc' },
  { code: '027', name: 'Bắc Ninh' },
  { code: '030', name: 'Hải Dương' },
  { code: '031', name: 'Hải Phòng' },
  { code: '033', name: 'Hưng Yên' },
  { code: '034', name: 'Thái Bình' },
  { code: '035', name: 'Hà Nam' },
  { code: '036', name: 'Nam Định' },
  { code: '037', name: 'Ninh Bình' },
  { code: '038', name: 'Thanh Hóa' },
  { code: '040', name: 'Nghệ An' },
  { code: '042', name: 'Hà Tĩnh' },
  { code: '044', name: 'Quảng Bình' },
  { code: '045', name: 'Quảng Trị' },
  { code: '046', name: 'Thừa Thiên Huế' },
  { code: '048', name: 'Đà Nẵng' },
  { code: '049', name: 'Quảng Nam' },
  { code: '051', name: 'Quảng Ngãi' },
  { code: '052', name: 'Bình Định' },
  { code: '054', name: 'Phú Yên' },
  { code: '056', name: 'Khánh Hòa' },
  { code: '058', name: 'Ninh Thuận' },
  { code: '060', name: 'Bình Thuận' },
  { code: '062', name: 'Kon Tum' },
  { code: '064', name: 'Gia Lai' },
  { code: '066', name: 'Đắk Lắk' },
  { code: '067', name: 'Đắk Nông' },
  { code: '068', name: 'Lâm Đồng' },
  { code: '070', name: 'Bình Phước' },
  { code: '072', name: 'Tây Ninh' },
  { code: '074', name: 'Bình Dương' },
  { code: '075', name: 'Đồng Nai' },
  { code: '077', name: 'Bà Rịa - Vũng Tàu' },
  { code: '079', name: 'TP. Hồ Chí Minh' },
  { code: '080', name: 'Long An' },
  { code: '082', name: 'Tiền Giang' },
  { code: '083', name: 'Bến Tre' },
  { code: '084', name: 'Trà Vinh' },
  { code: '086', name: 'Vĩnh Long' },
  { code: '087', name: 'Đồng Tháp' },
  { code: '089', name: 'An Giang' },
  { code: '091', name: 'Kiên Giang' },
  { code: '092', name: 'Cần Thơ' },
  { code: '093', name: 'Hậu Giang' },
  { code: '094', name: 'Sóc Trăng' },
  { code: '095', name: 'Bạc Liêu' },
  { code: '096', name: 'Cà Mau' },
] as const;

/** A valid 3-digit province code, e.g. '001'. */
export type ProvinceCode3 = (typeof PROVINCES)[number]['code'];
/** The 2-digit form of a valid province code, e.g. '01'. */
export type ProvinceCode2 = ProvinceCode3 extends `0${infer R}` ? R : never;

/** The 63 codes as a readonly list, ascending. */
export const PROVINCE_CODES: readonly ProvinceCode3[] = Object.freeze(PROVINCES.map((p) => p.code));

const CODE3_SET: ReadonlySet<string> = new Set(PROVINCE_CODES);
const NAMES: ReadonlyMap<string, string> = new Map(PROVINCES.map((p) => [p.code, p.name]));

export function isProvinceCode3(s: string): s is ProvinceCode3 {
  return CODE3_SET.has(s);
}

export function isProvinceCode2(s: string): s is ProvinceCode2 {
  return /^\d{2}$/.test(s) && CODE3_SET.has(`0${s}`);
}

/** The 2-digit form: the last two digits. Example: '001' → '01'. */
export function provinceCode2(code3: ProvinceCode3): ProvinceCode2 {
  if (!isProvinceCode3(code3)) throw new RangeError(`not a province code: ${String(code3)}`);
  return code3.slice(1) as ProvinceCode2;
}

/** The 3-digit form ('0' + code2), or undefined when it is not in the list. Example: '79' → '079'. */
export function provinceCode3(code2: string): ProvinceCode3 | undefined {
  return isProvinceCode2(code2) ? (`0${code2}` as ProvinceCode3) : undefined;
}

/** The Vietnamese name of a province code (3-digit), e.g. '038' → 'Thanh Hóa'. */
export function provinceName(code3: ProvinceCode3): string | undefined {
  return NAMES.get(code3);
}
