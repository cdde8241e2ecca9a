/**
 * The declarations the benchmark submits, one per prepared case of the bench population (seed/bench-population.ts):
 * valid against the group's schema and edge rules, and distinct (each person declared once), so that every
 * dossier can complete. Pure: the same case, index and day give the same declaration.
 */
import type { BirthDeclaration, DECLARANT_RELATIONSHIPS } from '../../contracts/declarations/birth.ts';
import type { DeathDeclaration } from '../../contracts/declarations/death.ts';
import type { VoluntaryPaymentMethod, VoluntarySiDeclaration } from '../../contracts/declarations/voluntary-si.ts';
import { addDays, monthOf, parts, type IsoDate } from '../../kernel/dates.ts';
import { voluntaryIncomeBounds } from '../../kernel/rules/voluntary-income.ts';
import { addMonths } from '../../kernel/rules/voluntary-months.ts';
import type { BirthCase, DeathCase, VoluntaryCase } from '../seed/bench-population.ts';

/** A name made of letters only (names may not hold digits): 0 → "A", 27 → "Bb"… */
export function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.charAt(0) + s.slice(1).toLowerCase();
}

const MIDDLE = { male: 'Minh', female: 'Ngọc' } as const;

/** The schema's type, with the declarant's relationship spelled out (the schema's union is built by a map, which TypeScript reads as never). */
export type BenchBirthDeclaration = Omit<BirthDeclaration, 'declarant'> & {
  declarant: { pin: string; relationship: (typeof DECLARANT_RELATIONSHIPS)[number] };
};

/** The mother declares her child, born in the last 30 days (within the 60 days of Law on Civil Status 2014 art. 15). */
export function benchBirthDeclaration(c: BirthCase, i: number, today: IsoDate): BenchBirthDeclaration {
  const sex = i % 2 ? 'male' : 'female';
  return {
    declarant: { pin: c.motherPin, relationship: 'mother' },
    child: { fullName: `${c.familyName} ${MIDDLE[sex]} ${letters(i)}`, sex, dateOfBirth: addDays(today, -(i % 30)), placeOfBirth: 'Bệnh viện Đa khoa tỉnh' },
    mother: { pin: c.motherPin },
    father: { pin: c.fatherPin },
    residence: { householdOf: 'mother' },
    healthInsurance: { initialFacilityCode: `${c.province}001` },
  };
}

/** A bank account number per dossier (synthetic; the payee's own in real life). */
const account = (i: number) => String(10_000_000 + i);

/**
 * A relative declares a death of the current month, on or before today (so within the 15 days of Law on Civil
 * Status 2014 art. 33 and the 90 days of Law on SI 2014 art. 112, and inside the month the SI record runs to).
 *  - pensioner: funeral allowance and the monthly survivor benefit for the spouse (art. 66–68);
 *  - worker: funeral allowance and the lump sum, spouse and child declared (art. 69–70);
 *  - uninsured: residence deregistration only, no money asked.
 * Relatives are declared with 0% incapacity: ≥ 81% would make VSS wait for the assessment record (art. 111).
 */
export function benchDeathDeclaration(c: DeathCase, i: number, today: IsoDate): DeathDeclaration {
  const dateOfDeath = addDays(today, -(i % Math.min(parts(today).day, 10)));
  const money = c.kind !== 'uninsured';
  return {
    declarant: { pin: c.declarantPin, relationship: c.declarantRelationship },
    deceased: { pin: c.deceasedPin, dateOfDeath, placeOfDeath: i % 3 ? 'Tại nhà' : 'Bệnh viện Đa khoa tỉnh', cause: 'illness' },
    requests: {
      residenceDeregistration: true,
      funeralAllowance: money,
      survivorBenefit: c.kind === 'pensioner' ? 'monthly' : c.kind === 'worker' ? 'lump-sum' : 'none',
    },
    relatives: c.relatives.map((r) => ({ pin: r.pin, relationship: r.relationship, hasDirectCaretaker: r.relationship === 'child', incapacityPercent: 0 })),
    ...(money ? { payee: { pin: c.declarantPin, bankAccount: { bankBin: '970436', accountNumber: account(i) } } } : {}),
  };
}

const METHODS: readonly VoluntaryPaymentMethod[] = ['monthly', 'monthly', '3-months', '6-months', '12-months'];

/**
 * A voluntary SI registration from next month (a periodic method may not start in the past, and at most 12 months
 * ahead), on an income a little above the floor (the rural poverty line, Law on SI 2014 art. 87), claiming the
 * ethnic-minority support only when the register records a minority (Decree 134/2015 art. 14).
 */
export function benchVoluntarySiDeclaration(c: VoluntaryCase, i: number, today: IsoDate): VoluntarySiDeclaration {
  const startMonth = addMonths(monthOf(today), 1);
  const { floor, ceiling } = voluntaryIncomeBounds(startMonth);
  return {
    participant: { pin: c.pin, phone: `09${String(10_000_000 + (i % 90_000_000)).padStart(8, '0')}`, email: `bench${i}@example.vn` },
    monthlyIncome: Math.min(ceiling, floor + (i % 10) * 100_000),
    paymentMethod: METHODS[i % METHODS.length]!,
    startMonth,
    supportGroup: c.ethnicity !== 'Kinh' ? 'ethnic-minority' : 'other',
  };
}
