/**
 * What follows a voluntary SI payment voucher (seed 004; Decision 49/QD-BHXH 2023; Decision 1188/QD-BHXH): the
 * participation is recorded, the electronic SI book cover sheet is generated on first participation only, the next
 * period falls due without a new registration, and a due unpaid by its deadline suspends participation
 * (DOMAIN.md §5: "A missed deadline suspends participation").
 */
import { addDays, compareDates, type IsoDate, type IsoMonth } from '../../../kernel/dates.ts';
import { provinceCode3, provinceName } from '../../../kernel/identifiers/province-codes.ts';
import { isPeriodicMethod, type PaymentMethod, type PeriodicMethod } from './voluntary-contribution.ts';
import { STATEMENT_LAG_DAYS } from './voluntary-payment-matching.ts';

/**
 * The method of the next period after a paid one (documented choice): a periodic method renews as itself (monthly,
 * every 3, 6 or 12 months, DOMAIN.md §5); after an advance payment the participant goes on monthly — another lump sum
 * is a new registration; a missing-period payment fills a gap once and does not renew.
 */
export function renewalMethodAfter(method: PaymentMethod): PeriodicMethod | null {
  if (isPeriodicMethod(method)) return method;
  return method === 'advance-years' ? 'monthly' : null;
}

/** The day from which an unpaid due counts as missed: its last day plus the statement lag (voluntary-payment-matching.ts). */
export function lapsesAfter(dueBy: IsoDate): IsoDate {
  return addDays(dueBy, STATEMENT_LAG_DAYS);
}

export function hasLapsed(dueBy: IsoDate, today: IsoDate): boolean {
  return compareDates(today, lapsesAfter(dueBy)) > 0;
}

/**
 * First participation: VSS holds no contribution history for the person and no cover sheet was generated here.
 * Someone with an SI record (compulsory or voluntary periods) already has a book, which goes on.
 */
export function isFirstParticipation(recordPeriods: number, coverSheetExists: boolean): boolean {
  return recordPeriods === 0 && !coverSheetExists;
}

/** The centrally-run cities (Hà Nội, Hải Phòng, Đà Nẵng, Hồ Chí Minh City, Cần Thơ): "thành phố", not "tỉnh". */
const CITIES = new Set(['01', '31', '48', '79', '92']);

export interface CoverSheetInput {
  readonly siCode: string;
  readonly pin: string;
  readonly fullName: string | null;
  readonly dateOfBirth: IsoDate | null;
  readonly sex: 'male' | 'female' | null;
  readonly firstParticipationMonth: IsoMonth;
  /** The 2-digit province of the office that holds the registration. */
  readonly provinceCode: string;
  readonly issuedOn: IsoDate;
  readonly verificationCode: string;
}

/**
 * The cover sheet's data (Decision 1188/QD-BHXH, electronic SI book). The book number is the SI code: books issued
 * since the single SI code carry it as their number (Decision 595/QD-BHXH 2017 — *unconfirmed*). A 12-digit PIN is a
 * Vietnamese citizen's identification number, so the nationality is Vietnamese. The issuing office is the provincial
 * social security office of the registration.
 */
export function coverSheetData(i: CoverSheetInput) {
  const code3 = provinceCode3(i.provinceCode);
  const name = code3 ? provinceName(code3)?.replace(/^TP\. /, '') : undefined;
  return {
    bookNumber: i.siCode,
    siCode: i.siCode,
    fullName: i.fullName,
    dateOfBirth: i.dateOfBirth,
    sex: i.sex,
    pin: i.pin,
    nationality: 'Việt Nam',
    firstParticipationMonth: i.firstParticipationMonth,
    issuingOffice: name ? `Bảo hiểm xã hội ${CITIES.has(i.provinceCode) ? 'thành phố' : 'tỉnh'} ${name}` : 'Bảo hiểm xã hội Việt Nam',
    issuedOn: i.issuedOn,
    verificationCode: i.verificationCode,
  };
}
