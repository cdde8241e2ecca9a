/**
 * Turns household specifications into import records: households, citizens (with PINs that agree
 * with sex, birth year and the household's province) and SI records (SI codes prefixed with the
 * household's province, a VSS family household shared by the insured members of one household).
 */
import type { CitizenRecord, HouseholdRecord } from '../../contracts/imports/population.ts';
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import { addDays, daysInMonth, parts, type IsoDate } from '../../kernel/dates.ts';
import { makePin, type Sex } from '../../kernel/identifiers/pin.ts';
import type { ProvinceCode2 } from '../../kernel/identifiers/province-codes.ts';
import { makeSiCode } from '../../kernel/identifiers/si-code.ts';
import { code3Of, makeAddress, seedProvince } from './geography.ts';
import { fullName } from './names.ts';
import type { Rng } from './prng.ts';
import { buildSiHistory, monthIndex, pickSiCase, type SiCase, type SiOptions } from './si-history.ts';

export interface MemberSpec {
  sex: Sex;
  /** Completed years today (for a deceased person: the age they would have today). */
  age: number;
  familyName: string;
  /** Deceased, this many days before today. */
  diedDaysAgo?: number;
  /** A given case, 'any' for a case fitting the person's age, or null for no SI record. */
  si: SiCase | 'any' | null;
  siOptions?: SiOptions;
}

export interface HouseholdSpec {
  province: ProvinceCode2;
  ethnicity: string;
  /** Whether the insured members are in a VSS family household (else their familyHouseholdId is null). */
  familyHousehold: boolean;
  /** Adults first: the head is the first living adult. */
  members: readonly MemberSpec[];
}

export interface BuiltHousehold {
  household: HouseholdRecord;
  citizens: CitizenRecord[];
  /** Per member, its SI record or null. */
  siRecords: (SiRecord | null)[];
}

/** A birth date at which someone is exactly `age` on `today` (hot path: plain UTC arithmetic, no string round trips). */
export function birthForAge(rng: Rng, today: IsoDate, age: number): IsoDate {
  const { year, month, day } = parts(today);
  const on = (y: number) => Date.UTC(y, month - 1, Math.min(day, daysInMonth(y, month)));
  const latest = on(year - age); // born that day: `age` today
  const earliest = on(year - age - 1) + DAY; // the day after: still `age` today
  const ms = earliest + rng.int(0, (latest - earliest) / DAY) * DAY;
  return new Date(ms).toISOString().slice(0, 10) as IsoDate;
}

const DAY = 86_400_000;

export class PopulationBuilder {
  readonly households: HouseholdRecord[] = [];
  readonly citizens: CitizenRecord[] = [];
  readonly siRecords: SiRecord[] = [];
  /** Numeric forms of the PINs and SI codes handed out (12 and 10 digits fit a double exactly; faster than strings). */
  private readonly pins = new Set<number>();
  private readonly siCodes = new Set<number>();
  private readonly householdSerials = new Map<string, number>();
  private familyHouseholds = 0;
  private readonly todayMonth: number;

  constructor(
    private readonly rng: Rng,
    private readonly today: IsoDate,
  ) {
    this.todayMonth = monthIndex(today);
  }

  get citizenCount(): number {
    return this.citizens.length;
  }

  add(spec: HouseholdSpec): BuiltHousehold {
    const rng = this.rng;
    if (spec.members.length === 0 || spec.members[0]!.age < 18) throw new RangeError('a household starts with an adult');
    const province = seedProvince(spec.province);
    const serial = (this.householdSerials.get(spec.province) ?? 0) + 1;
    this.householdSerials.set(spec.province, serial);
    const id = `HH-${spec.province}-${String(serial).padStart(6, '0')}`;
    const address = makeAddress(rng, province);

    const citizens: CitizenRecord[] = [];
    const histories: (Omit<SiRecord, 'pin' | 'siCode' | 'familyHouseholdId'> | null)[] = [];
    for (const m of spec.members) {
      const birth = birthForAge(rng, this.today, m.age);
      const year = Number(birth.slice(0, 4));
      const c: CitizenRecord = {
        type: 'citizen',
        pin: this.uniquePin(spec.province, m.sex, year),
        fullName: fullName(rng, m.familyName, m.sex, year),
        sex: m.sex,
        dateOfBirth: birth,
        householdId: id,
        ethnicity: spec.ethnicity,
        status: 'alive',
      };
      if (m.diedDaysAgo !== undefined) {
        const death = addDays(this.today, -m.diedDaysAgo);
        if (m.diedDaysAgo < 1 || death <= birth) throw new RangeError(`death ${death} not between birth ${birth} and today`);
        c.status = 'deceased';
        c.dateOfDeath = death;
      }
      citizens.push(c);
      const person = { birth, sex: m.sex, lastMonth: c.dateOfDeath ? monthIndex(c.dateOfDeath) : this.todayMonth };
      const kase = m.si === 'any' ? pickSiCase(rng, person) : m.si;
      histories.push(kase && m.age >= 18 ? buildSiHistory(rng, kase, person, m.siOptions) : null);
    }

    const head = citizens.find((c, i) => c.status === 'alive' && spec.members[i]!.age >= 18) ?? citizens[0]!;
    const household: HouseholdRecord = { type: 'household', id, address, headPin: head.pin };
    const familyHouseholdId =
      spec.familyHousehold && histories.some((h) => h) ? `VSS-HGD-${String(++this.familyHouseholds).padStart(6, '0')}` : null;
    const siRecords = histories.map((h, i) =>
      h
        ? { pin: citizens[i]!.pin, siCode: this.uniqueSiCode(spec.province), familyHouseholdId, periods: h.periods, pension: h.pension,
            reserved: h.reserved, awaitingPensionAge: h.awaitingPensionAge, lumpSumTaken: h.lumpSumTaken }
        : null,
    );

    this.households.push(household);
    this.citizens.push(...citizens);
    for (const r of siRecords) if (r) this.siRecords.push(r);
    return { household, citizens, siRecords };
  }

  private uniquePin(province: ProvinceCode2, sex: Sex, birthYear: number): string {
    const code3 = code3Of(province);
    for (;;) {
      const pin = makePin(code3, sex, birthYear, this.rng.int(0, 999_999));
      const n = Number(pin);
      if (!this.pins.has(n)) {
        this.pins.add(n);
        return pin;
      }
    }
  }

  private uniqueSiCode(province: ProvinceCode2): string {
    for (;;) {
      const code = makeSiCode(province, this.rng.int(0, 99_999_999));
      const n = Number(code);
      if (!this.siCodes.has(n)) {
        this.siCodes.add(n);
        return code;
      }
    }
  }
}
