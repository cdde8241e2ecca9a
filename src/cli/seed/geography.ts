/**
 * Where synthetic households live: a weighted subset of the 63 province codes (always including
 * the pilot localities 01 Hà Nội and 35 Hà Nam, and 79 TP. Hồ Chí Minh), with the ethnic groups
 * typical of each. District and commune codes are SYNTHETIC (derived from the province code so that
 * they have the right shape: 3 and 5 digits, unique per parent) — they are not the real GSO codes.
 */
import { provinceCode3, type ProvinceCode2, type ProvinceCode3 } from '../../kernel/identifiers/province-codes.ts';
import type { Rng } from './prng.ts';

export interface SeedProvince {
  code2: ProvinceCode2;
  /** Relative share of households. */
  weight: number;
  /** Share of households of an ethnic minority, and which groups. */
  minority: number;
  ethnicities: readonly string[];
  /** Southern provinces call a hamlet "ấp" and a lane "hẻm". */
  south: boolean;
  /** Share of addresses with a street number. */
  urban: number;
}

const P = (code2: ProvinceCode2, weight: number, minority: number, ethnicities: readonly string[], south: boolean, urban: number): SeedProvince => ({
  code2, weight, minority, ethnicities, south, urban,
});

export const SEED_PROVINCES: readonly SeedProvince[] = [
  P('01', 18, 0.04, ['Mường', 'Tày', 'Thái', 'Dao'], false, 0.8),
  P('79', 18, 0.05, ['Khmer', 'Nùng', 'Tày'], true, 0.9),
  P('35', 5, 0.02, ['Mường'], false, 0.3),
  P('31', 5, 0.02, ['Tày', 'Mường'], false, 0.6),
  P('48', 4, 0.02, ['Tày', 'Nùng'], false, 0.8),
  P('92', 4, 0.1, ['Khmer'], true, 0.6),
  P('38', 6, 0.2, ['Mường', 'Thái', "H'Mông", 'Dao'], false, 0.25),
  P('40', 5, 0.15, ['Thái', "H'Mông", 'Dao'], false, 0.25),
  P('36', 3, 0.01, ['Mường'], false, 0.3),
  P('19', 3, 0.35, ['Tày', 'Nùng', 'Dao'], false, 0.35),
  P('20', 2, 0.8, ['Nùng', 'Tày', 'Dao'], false, 0.2),
  P('02', 2, 0.85, ["H'Mông", 'Tày', 'Dao', 'Nùng'], false, 0.1),
  P('14', 2, 0.8, ['Thái', "H'Mông", 'Mường'], false, 0.1),
  P('17', 2, 0.7, ['Mường', 'Thái', 'Dao'], false, 0.15),
  P('94', 3, 0.4, ['Khmer'], true, 0.3),
  P('84', 2, 0.35, ['Khmer'], true, 0.25),
  P('74', 4, 0.03, ['Khmer', 'Tày', 'Nùng'], true, 0.7),
  P('75', 4, 0.05, ['Nùng', 'Tày', 'Khmer'], true, 0.6),
  P('66', 3, 0.3, ['Tày', 'Nùng', 'Thái', 'Dao', "H'Mông"], false, 0.3),
];

const WEIGHTED = SEED_PROVINCES.map((p) => [p, p.weight] as const);
const BY_CODE = new Map(SEED_PROVINCES.map((p) => [p.code2 as string, p]));

export function pickProvince(rng: Rng): SeedProvince {
  return rng.weighted(WEIGHTED);
}

export function seedProvince(code2: ProvinceCode2): SeedProvince {
  const p = BY_CODE.get(code2);
  if (!p) throw new RangeError(`not a seed province: ${code2}`);
  return p;
}

export function code3Of(code2: ProvinceCode2): ProvinceCode3 {
  const c = provinceCode3(code2);
  if (!c) throw new RangeError(`not a province code: ${code2}`);
  return c;
}

/** 'Kinh' or, with the province's minority share, one of its ethnic groups. */
export function pickEthnicity(rng: Rng, p: SeedProvince): string {
  return rng.chance(p.minority) ? rng.pick(p.ethnicities) : 'Kinh';
}

const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Điện Biên Phủ',
  'Hùng Vương', 'Nguyễn Huệ', 'Phan Đình Phùng', 'Lê Duẩn', 'Trường Chinh', 'Nguyễn Du', 'Bà Triệu', 'Võ Thị Sáu',
];

export interface SyntheticAddress {
  provinceCode: ProvinceCode2;
  districtCode: string;
  communeCode: string;
  line: string;
}

/** A plausible address: e.g. "Số 12, ngõ 45, phố Nguyễn Trãi" or "Thôn 3" / "Ấp 5". */
export function makeAddress(rng: Rng, p: SeedProvince): SyntheticAddress {
  const district = Number(p.code2) * 10 + rng.int(0, 9);
  const commune = district * 20 + rng.int(0, 19);
  let line: string;
  if (rng.chance(p.urban)) {
    const lane = p.south ? 'hẻm' : 'ngõ';
    const street = p.south ? 'đường' : rng.pick(['phố', 'đường']);
    line = rng.chance(0.5)
      ? `Số ${rng.int(1, 250)}, ${lane} ${rng.int(1, 200)}, ${street} ${rng.pick(STREETS)}`
      : `Số ${rng.int(1, 400)} ${street} ${rng.pick(STREETS)}`;
  } else {
    const hamlet = p.south ? 'Ấp' : rng.pick(['Thôn', 'Xóm']);
    line = `${hamlet} ${rng.int(1, 15)}`;
  }
  return { provinceCode: p.code2, districtCode: String(district).padStart(3, '0'), communeCode: String(commune).padStart(5, '0'), line };
}
