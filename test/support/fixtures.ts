import type { CitizenRecord, HouseholdRecord } from '../../src/contracts/imports/population.ts';
import type { SiRecord } from '../../src/contracts/imports/si-records.ts';

/**
 * A small register for flow tests. PINs follow Decree 137/2015: PPP G YY RRRRRR — 035 Hà Nam,
 * G = 1 for a woman born in the 1900s, 0 for a man; YY the birth year.
 */
export const HH_HANAM = 'HH-35-0001';
export const HH_HANOI = 'HH-01-0001';
export const PEOPLE = {
  mother: '035195000001', // Trần Thị Mai, 1995, alive, Hà Nam household
  father: '035093000002', // Lê Văn Nam, 1993, same household
  deceasedMother: '035190000003',
  maleMother: '035088000004', // a man, to be declared as "mother"
  youngMother: '001312000005', // born 2012-01-05 (G=3: 2000s woman) — 13 at a 2025 birth, Hà Nội household
  stranger: '001085000006', // another citizen, for access tests
  noHousehold: '001192000007', // alive woman without permanent residence
} as const;

export const households: HouseholdRecord[] = [
  { type: 'household', id: HH_HANAM, address: { provinceCode: '35', districtCode: '347', communeCode: '13366', line: 'Thôn 2, xã Thanh Phong' }, headPin: PEOPLE.father },
  { type: 'household', id: HH_HANOI, address: { provinceCode: '01', districtCode: '001', communeCode: '00001', line: 'Phường Phúc Xá' }, headPin: PEOPLE.stranger },
];

const c = (pin: string, fullName: string, sex: 'male' | 'female', dateOfBirth: string, householdId: string | null, status: 'alive' | 'deceased' = 'alive'): CitizenRecord => ({
  type: 'citizen',
  pin,
  fullName,
  sex,
  dateOfBirth,
  householdId,
  ethnicity: 'Kinh',
  status,
  ...(status === 'deceased' ? { dateOfDeath: '2024-12-01' } : {}),
});

export const citizens: CitizenRecord[] = [
  c(PEOPLE.mother, 'Trần Thị Mai', 'female', '1995-03-10', HH_HANAM),
  c(PEOPLE.father, 'Lê Văn Nam', 'male', '1993-07-01', HH_HANAM),
  c(PEOPLE.deceasedMother, 'Phạm Thị Lan', 'female', '1990-05-05', HH_HANAM, 'deceased'),
  c(PEOPLE.maleMother, 'Đỗ Văn Hùng', 'male', '1988-02-02', HH_HANAM),
  c(PEOPLE.youngMother, 'Ngô Thị Hoa', 'female', '2012-01-05', HH_HANOI),
  c(PEOPLE.stranger, 'Nguyễn Văn An', 'male', '1985-09-09', HH_HANOI),
  c(PEOPLE.noHousehold, 'Vũ Thị Bình', 'female', '1992-04-04', null),
];

export const siRecords: SiRecord[] = [
  {
    pin: PEOPLE.mother,
    siCode: '3500000123',
    familyHouseholdId: 'VSS-HGD-1',
    periods: [{ from: '2017-01', to: '2024-12', scheme: 'compulsory', monthlySalary: 8_000_000 }],
    pension: null,
    reserved: false,
    awaitingPensionAge: false,
    lumpSumTaken: false,
  },
];

/** A clean birth declaration by the mother; override what a test needs. */
export function birthDeclaration(over: Record<string, unknown> = {}) {
  return {
    declarant: { pin: PEOPLE.mother, relationship: 'mother' },
    child: { fullName: 'Lê Minh An', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Bệnh viện Đa khoa tỉnh Hà Nam' },
    mother: { pin: PEOPLE.mother },
    father: { pin: PEOPLE.father },
    residence: { householdOf: 'mother' },
    healthInsurance: { initialFacilityCode: '35001' },
    ...over,
  };
}
