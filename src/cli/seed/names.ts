/**
 * Vietnamese names for synthetic citizens: family name + middle name + given name,
 * e.g. "Nguyễn Thị Lan", "Trần Văn Hùng". Children take the father's family name;
 * a wife keeps her own. Shares of the common family names are approximate.
 */
import type { Sex } from '../../kernel/identifiers/pin.ts';
import type { Rng } from './prng.ts';

/** [family name, approximate share in % of Kinh people]. */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38.4], ['Trần', 12.1], ['Lê', 9.5], ['Phạm', 7.0], ['Hoàng', 3.0], ['Huỳnh', 2.1],
  ['Phan', 4.5], ['Vũ', 2.0], ['Võ', 1.9], ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.4], ['Hồ', 1.3],
  ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5], ['Đinh', 0.6], ['Trương', 0.6], ['Mai', 0.5],
  ['Đoàn', 0.5], ['Trịnh', 0.5], ['Lương', 0.4], ['Cao', 0.4], ['Lâm', 0.4], ['Tạ', 0.3],
];

/** The ethnic groups the generator uses besides Kinh, with family names common among them. */
export const ETHNIC_FAMILY_NAMES: Readonly<Record<string, readonly string[]>> = {
  Tày: ['Nông', 'Hoàng', 'Hà', 'Bế', 'Lương', 'Ma'],
  Thái: ['Lò', 'Cầm', 'Lường', 'Quàng', 'Vi', 'Hà'],
  Mường: ['Bùi', 'Đinh', 'Quách', 'Hà', 'Xa'],
  Khmer: ['Thạch', 'Sơn', 'Danh', 'Kim', 'Lâm', 'Trà'],
  "H'Mông": ['Sùng', 'Giàng', 'Thào', 'Vàng', 'Lầu', 'Mua'],
  Nùng: ['Nông', 'Hoàng', 'Lương', 'Triệu', 'Chu'],
  Dao: ['Triệu', 'Bàn', 'Lý', 'Đặng', 'Chảo'],
};

const MIDDLE: Readonly<Record<Sex, readonly string[]>> = {
  male: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Thanh', 'Xuân', 'Ngọc', 'Tuấn', 'Gia', 'Hoàng', 'Trọng', 'Đình'],
  female: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Thùy', 'Phương', 'Mỹ', 'Hồng', 'Kim', 'Bảo', 'Diệu', 'Khánh'],
};

const GIVEN: Readonly<Record<Sex, readonly string[]>> = {
  male: [
    'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng',
    'Huy', 'Khải', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Mạnh', 'Nam', 'Nghĩa', 'Phong', 'Phúc',
    'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Thịnh', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ',
  ],
  female: [
    'An', 'Anh', 'Bích', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền', 'Hoa', 'Hồng', 'Hương',
    'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm',
    'Thảo', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Yến', 'Ngọc',
  ],
};

/** A family name for someone of this ethnicity: a Kinh name, or mostly one common in the group. */
export function familyNameFor(rng: Rng, ethnicity: string): string {
  const own = ETHNIC_FAMILY_NAMES[ethnicity];
  if (own && rng.chance(0.8)) return rng.pick(own);
  return rng.weighted(FAMILY_NAMES);
}

/** "Family Middle Given". People born before 1980 more often carry the classic Văn / Thị. */
export function fullName(rng: Rng, familyName: string, sex: Sex, birthYear: number): string {
  const classic = sex === 'male' ? 'Văn' : 'Thị';
  const middle = rng.chance(birthYear < 1980 ? 0.6 : 0.25) ? classic : rng.pick(MIDDLE[sex]);
  let given = rng.pick(GIVEN[sex]);
  if (given === middle) given = rng.pick(GIVEN[sex]);
  return `${familyName} ${middle} ${given}`;
}
