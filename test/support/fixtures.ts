import type { CitizenRecord, HouseholdRecord } from '../../src/contracts/imports/population.ts';
import type { PoorHouseholdRecord } from '../../src/contracts/imports/poor-households.ts';
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

/** People for the death group's flows (test/flows/death-flow.test.ts), each death in its own family. */
export const DEATH = {
  pensioner: '035040000011', // man born 1940, monthly pension since 2000, heads HH-35-0002
  pensionerWidow: '035145000012', // his wife, born 1945
  worker: '035075000013', // man born 1975, ≥ 15 years of compulsory SI, contributing, heads HH-35-0003
  workerWidow: '035177000014', // his wife, born 1977
  workerChild: '035214000015', // their son, born 2014
  lumpSumTaker: '035062000016', // man born 1962 who took the lump-sum SI payment
  lumpSumDaughter: '035190000017', // his daughter, born 1990, heads HH-35-0004
  supplementPensioner: '035050000018', // man born 1950, pension since 2010, heads HH-35-0005
  disabledSon: '035085000019', // his son, born 1985, declared with 85% incapacity
  expiryPensioner: '035052000020', // man born 1952, pension since 2012, heads HH-35-0006
  disabledDaughter: '035188000021', // his daughter, born 1988, declared with 81% incapacity
  twicePensioner: '035048000022', // man born 1948, pension, in HH-35-0007: his death is declared twice
  quietPensioner: '035138000023', // woman born 1938, pension, in HH-35-0007
  quietSon: '035068000024', // her son, born 1968, heads HH-35-0007
  unknown: '035050999999', // in no register
} as const;

/** People for the voluntary SI flows (test/flows/voluntary-si-flow.test.ts). */
export const VOLUNTARY = {
  newcomer: '035197000031', // woman born 1997, Kinh, no SI record: a code is issued
  withCode: '035088000032', // man born 1988, SI code 3500000232, 12 voluntary months in 2019
  nearPoor: '035190000033', // woman born 1990, her household HH-35-0010 is on the 2025 near-poor list
  notNearPoor: '035091000034', // man born 1991, HH-35-0011, on no list
  ethnic: '035185000035', // woman born 1985, Tày, HH-35-0012
} as const;

/** The 2025 certified list of poor and near-poor households (imported into social security). */
export const poorHouseholds: PoorHouseholdRecord[] = [
  { householdId: 'HH-35-0010', category: 'near-poor', validFrom: '2025-01-01', validTo: '2025-12-31', decision: 'QĐ 01/QĐ-UBND 2024 (fixture)' },
  { householdId: 'HH-35-0011', category: 'near-poor', validFrom: '2023-01-01', validTo: '2023-12-31' },
];

const hanam = (line: string) => ({ provinceCode: '35', districtCode: '347', communeCode: '13366', line });

export const households: HouseholdRecord[] = [
  { type: 'household', id: HH_HANAM, address: { provinceCode: '35', districtCode: '347', communeCode: '13366', line: 'Thôn 2, xã Thanh Phong' }, headPin: PEOPLE.father },
  { type: 'household', id: HH_HANOI, address: { provinceCode: '01', districtCode: '001', communeCode: '00001', line: 'Phường Phúc Xá' }, headPin: PEOPLE.stranger },
  { type: 'household', id: 'HH-35-0002', address: hanam('Thôn 3, xã Thanh Phong'), headPin: DEATH.pensioner },
  { type: 'household', id: 'HH-35-0003', address: hanam('Thôn 4, xã Thanh Phong'), headPin: DEATH.worker },
  { type: 'household', id: 'HH-35-0004', address: hanam('Thôn 5, xã Thanh Phong'), headPin: DEATH.lumpSumDaughter },
  { type: 'household', id: 'HH-35-0005', address: hanam('Thôn 6, xã Thanh Phong'), headPin: DEATH.supplementPensioner },
  { type: 'household', id: 'HH-35-0006', address: hanam('Thôn 7, xã Thanh Phong'), headPin: DEATH.expiryPensioner },
  { type: 'household', id: 'HH-35-0007', address: hanam('Thôn 8, xã Thanh Phong'), headPin: DEATH.quietSon },
  { type: 'household', id: 'HH-35-0009', address: hanam('Thôn 9, xã Thanh Phong'), headPin: VOLUNTARY.newcomer },
  { type: 'household', id: 'HH-35-0010', address: hanam('Thôn 10, xã Thanh Phong'), headPin: VOLUNTARY.nearPoor },
  { type: 'household', id: 'HH-35-0011', address: hanam('Thôn 11, xã Thanh Phong'), headPin: VOLUNTARY.notNearPoor },
  { type: 'household', id: 'HH-35-0012', address: hanam('Thôn 12, xã Thanh Phong'), headPin: VOLUNTARY.ethnic },
];

const c = (pin: string, fullName: string, sex: 'male' | 'female', dateOfBirth: string, householdId: string | null, status: 'alive' | 'deceased' = 'alive', ethnicity = 'Kinh'): CitizenRecord => ({
  type: 'citizen',
  pin,
  fullName,
  sex,
  dateOfBirth,
  householdId,
  ethnicity,
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
  c(DEATH.pensioner, 'Nguyễn Văn Thọ', 'male', '1940-03-15', 'HH-35-0002'),
  c(DEATH.pensionerWidow, 'Phạm Thị Hiền', 'female', '1945-06-20', 'HH-35-0002'),
  c(DEATH.worker, 'Trần Văn Dũng', 'male', '1975-05-05', 'HH-35-0003'),
  c(DEATH.workerWidow, 'Lê Thị Thu', 'female', '1977-02-02', 'HH-35-0003'),
  c(DEATH.workerChild, 'Trần Minh Khôi', 'male', '2014-08-08', 'HH-35-0003'),
  c(DEATH.lumpSumTaker, 'Hoàng Văn Bảy', 'male', '1962-02-02', 'HH-35-0004'),
  c(DEATH.lumpSumDaughter, 'Hoàng Thị Nga', 'female', '1990-09-09', 'HH-35-0004'),
  c(DEATH.supplementPensioner, 'Đinh Văn Lộc', 'male', '1950-07-07', 'HH-35-0005'),
  c(DEATH.disabledSon, 'Đinh Văn Phúc', 'male', '1985-01-01', 'HH-35-0005'),
  c(DEATH.expiryPensioner, 'Bùi Văn Hải', 'male', '1952-03-03', 'HH-35-0006'),
  c(DEATH.disabledDaughter, 'Bùi Thị Yến', 'female', '1988-11-11', 'HH-35-0006'),
  c(DEATH.twicePensioner, 'Vương Văn Sơn', 'male', '1948-04-04', 'HH-35-0007'),
  c(DEATH.quietPensioner, 'Mai Thị Tâm', 'female', '1938-12-12', 'HH-35-0007'),
  c(DEATH.quietSon, 'Vương Văn Quang', 'male', '1968-05-05', 'HH-35-0007'),
  c(VOLUNTARY.newcomer, 'Đặng Thị Hồng', 'female', '1997-04-12', 'HH-35-0009'),
  c(VOLUNTARY.withCode, 'Lý Văn Toàn', 'male', '1988-10-10', HH_HANAM),
  c(VOLUNTARY.nearPoor, 'Trịnh Thị Hạnh', 'female', '1990-06-06', 'HH-35-0010'),
  c(VOLUNTARY.notNearPoor, 'Cao Văn Kiên', 'male', '1991-03-03', 'HH-35-0011'),
  c(VOLUNTARY.ethnic, 'Hoàng Thị Mỷ', 'female', '1985-08-08', 'HH-35-0012', 'alive', 'Tày'),
];

const compulsory = (from: string, to: string, monthlySalary: number) => ({ from, to, scheme: 'compulsory' as const, monthlySalary });
const pensioner = (pin: string, siCode: string, periods: SiRecord['periods'], monthlyAmount: number, since: string): SiRecord => ({
  pin, siCode, periods, pension: { monthlyAmount, since, kind: 'pension' }, reserved: false, awaitingPensionAge: false, lumpSumTaken: false,
});
const deathSiRecords: SiRecord[] = [
  pensioner(DEATH.pensioner, '3500000211', [compulsory('1970-01', '2000-03', 2_000_000)], 6_500_000, '2000-04-01'),
  { pin: DEATH.worker, siCode: '3500000213', periods: [compulsory('2008-01', '2013-12', 5_000_000), compulsory('2014-01', '2025-01', 5_000_000)], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false },
  { pin: DEATH.lumpSumTaker, siCode: '3500000216', periods: [compulsory('2000-01', '2010-12', 4_000_000)], pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: true },
  pensioner(DEATH.supplementPensioner, '3500000218', [compulsory('1975-01', '2010-07', 3_000_000)], 5_000_000, '2010-08-01'),
  pensioner(DEATH.expiryPensioner, '3500000220', [compulsory('1977-01', '2011-12', 3_000_000)], 4_000_000, '2012-01-01'),
  pensioner(DEATH.twicePensioner, '3500000222', [compulsory('1968-01', '2007-12', 2_500_000)], 5_500_000, '2008-01-01'),
  pensioner(DEATH.quietPensioner, '3500000223', [compulsory('1960-01', '1993-05', 1_000_000)], 3_000_000, '1993-06-01'),
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
  ...deathSiRecords,
  { pin: VOLUNTARY.withCode, siCode: '3500000232', periods: [{ from: '2019-01', to: '2019-12', scheme: 'voluntary', monthlySalary: 1_500_000 }], pension: null, reserved: true, awaitingPensionAge: false, lumpSumTaken: false },
];

/** A clean voluntary SI registration by the newcomer: monthly, 1,500,000 from February 2025, no support claim. */
export function voluntarySiDeclaration(over: Record<string, unknown> = {}) {
  return {
    participant: { pin: VOLUNTARY.newcomer, phone: '0912345678', email: 'hong@example.vn' },
    monthlyIncome: 1_500_000,
    paymentMethod: 'monthly',
    startMonth: '2025-02',
    supportGroup: 'other',
    ...over,
  };
}

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

/** A death declaration by the pensioner's widow asking for everything; override what a test needs. */
export function deathDeclaration(over: Record<string, unknown> = {}) {
  return {
    declarant: { pin: DEATH.pensionerWidow, relationship: 'spouse' },
    deceased: { pin: DEATH.pensioner, dateOfDeath: '2025-01-15', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness' },
    requests: { residenceDeregistration: true, funeralAllowance: true, survivorBenefit: 'monthly' },
    relatives: [{ pin: DEATH.pensionerWidow, relationship: 'spouse', hasDirectCaretaker: false, incapacityPercent: 0 }],
    payee: { pin: DEATH.pensionerWidow, bankAccount: { bankBin: '970436', accountNumber: '0011004321987' } },
    ...over,
  };
}
