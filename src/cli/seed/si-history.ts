/**
 * Synthetic social-insurance histories, one builder per case the rules tell apart
 * (DOMAIN.md §3 funeral allowance, §4 survivor benefits, §5 voluntary SI).
 * Months are handled as indexes (year × 12 + month − 1). Every builder keeps its periods
 * after the person's 18th birthday, up to `lastMonth` (today's month, or the month of death),
 * contiguous within a block and never overlapping.
 */
import type { SiRecord } from '../../contracts/imports/si-records.ts';
import type { IsoDate } from '../../kernel/dates.ts';
import type { Sex } from '../../kernel/identifiers/pin.ts';
import type { Rng } from './prng.ts';

export const SI_CASES = [
  'pension', 'monthly-allowance', 'occupational-allowance',
  'reserved-compulsory-12', 'reserved-compulsory-under-12',
  'voluntary-60', 'voluntary-under-60', 'compulsory-12-and-voluntary', 'mixed-60',
  'awaiting-pension-age', 'contributing-compulsory', 'lump-sum-taken', 'compulsory-15y',
] as const;
export type SiCase = (typeof SI_CASES)[number];

export type SiHistory = Pick<SiRecord, 'periods' | 'pension' | 'reserved' | 'awaitingPensionAge' | 'lumpSumTaken'>;
type Period = SiRecord['periods'][number];
type Scheme = Period['scheme'];

export interface SiPerson {
  birth: IsoDate;
  sex: Sex;
  /** Index of the last month the person could contribute: today's month, or the month of death. */
  lastMonth: number;
}

export interface SiOptions {
  incapacityPercent?: number;
  /** compulsory-15y only: stopped (reserved) instead of contributing up to lastMonth. */
  reserved?: boolean;
}

export function monthIndex(d: string): number {
  return Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
}

export function monthString(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Voluntary SI exists since 2008-01-01 (Law on SI 2006). */
const VOLUNTARY_START = monthIndex('2008-01');

/**
 * Normal retirement age in months, APPROXIMATING Labour Code 2019 art. 169 / Decree 135/2020:
 * men 60 (+3 months per birth year after 1960, up to 62), women 55 (+4 months per birth year after 1965, up to 60).
 */
export function pensionAgeMonths(sex: Sex, birthYear: number): number {
  return sex === 'male'
    ? 720 + Math.min(24, Math.max(0, 3 * (birthYear - 1960)))
    : 660 + Math.min(60, Math.max(0, 4 * (birthYear - 1965)));
}

function salary(rng: Rng, scheme: Scheme, fromMonth: number): number {
  if (scheme === 'voluntary') {
    const v = rng.chance(0.85) ? rng.int(150, 500) : rng.int(500, 1000);
    return v * 10_000;
  }
  const year = Math.floor(fromMonth / 12);
  const base = 4_000_000 + Math.max(0, year - 2000) * 250_000;
  const v = Math.round((base * (1 + rng.next() * 1.2)) / 10_000) * 10_000;
  return Math.min(30_000_000, Math.max(4_000_000, v));
}

/** Exactly `months` contiguous months ending at `end`, split into jobs (or income declarations). */
function span(rng: Rng, end: number, months: number, scheme: Scheme): Period[] {
  const out: Period[] = [];
  let from = end - months + 1;
  while (from <= end) {
    let len = rng.int(12, 96);
    if (end - (from + len - 1) < 6) len = end - from + 1;
    const to = from + len - 1;
    out.push({ from: monthString(from), to: monthString(to), scheme, monthlySalary: salary(rng, scheme, from) });
    from = to + 1;
  }
  return out;
}

function averageSalary(periods: readonly Period[]): number {
  let sum = 0;
  let n = 0;
  for (const p of periods) {
    const m = monthIndex(p.to) - monthIndex(p.from) + 1;
    sum += p.monthlySalary * m;
    n += m;
  }
  return n ? sum / n : 0;
}

const NONE = { pension: null, reserved: false, awaitingPensionAge: false, lumpSumTaken: false } as const;
const firstOfMonth = (i: number) => `${monthString(i)}-01`;

/** What the builders need about a person, derived once. */
class Frame {
  readonly birth: number;
  readonly earliest: number;
  readonly last: number;
  readonly availVoluntary: number;
  readonly pensionAge: number;
  constructor(p: SiPerson) {
    this.birth = monthIndex(p.birth);
    this.earliest = this.birth + 18 * 12;
    this.last = p.lastMonth;
    this.availVoluntary = p.lastMonth - Math.max(this.earliest, VOLUNTARY_START) + 1;
    this.pensionAge = pensionAgeMonths(p.sex, Math.floor(this.birth / 12));
  }
  /** Months available from the 18th birthday up to `end`. */
  avail(end: number): number {
    return end - this.earliest + 1;
  }
}

/** Whether `buildSiHistory` can build this case for this person. */
export function feasible(kase: SiCase, p: SiPerson): boolean {
  return feasibleIn(kase, new Frame(p));
}

function feasibleIn(kase: SiCase, f: Frame): boolean {
  const a = f.avail(f.last);
  const ageMonths = f.last - f.birth;
  switch (kase) {
    case 'pension': return f.birth + f.pensionAge + 6 <= f.last && f.avail(f.birth + f.pensionAge - 1) >= 240;
    case 'monthly-allowance': return ageMonths >= 45 * 12 && f.avail(f.last - 1) >= 180;
    case 'occupational-allowance': return f.avail(f.last - 1) >= 12;
    case 'reserved-compulsory-12': return a >= 13;
    case 'reserved-compulsory-under-12': return a >= 2;
    case 'voluntary-60': return f.availVoluntary >= 60;
    case 'voluntary-under-60': return f.availVoluntary >= 1;
    case 'compulsory-12-and-voluntary': return a >= 13 && f.availVoluntary >= 1;
    case 'mixed-60': return a >= 60 && f.availVoluntary >= 60;
    case 'awaiting-pension-age': return ageMonths >= 45 * 12 && ageMonths < f.pensionAge && a >= 241;
    case 'contributing-compulsory': return a >= 1;
    case 'lump-sum-taken': return a >= 24;
    case 'compulsory-15y': return a >= 181;
  }
}

/** A case for a random adult, weighted roughly like a real population of insured people. */
export function pickSiCase(rng: Rng, p: SiPerson): SiCase {
  const f = new Frame(p);
  const retired = f.last - f.birth >= f.pensionAge + 12;
  const weights: readonly (readonly [SiCase, number])[] = retired
    ? [['pension', 80], ['monthly-allowance', 10], ['lump-sum-taken', 6], ['occupational-allowance', 4]]
    : [
        ['contributing-compulsory', 38], ['compulsory-15y', 14], ['reserved-compulsory-12', 10], ['lump-sum-taken', 6],
        ['voluntary-under-60', 6], ['reserved-compulsory-under-12', 4], ['voluntary-60', 4], ['awaiting-pension-age', 4],
        ['compulsory-12-and-voluntary', 4], ['mixed-60', 3], ['occupational-allowance', 2], ['monthly-allowance', 1],
      ];
  const open = weights.filter(([k]) => feasibleIn(k, f));
  return open.length ? rng.weighted(open) : 'contributing-compulsory';
}

/** Builds the history of one case. Throws when the person cannot have it (see `feasible`). */
export function buildSiHistory(rng: Rng, kase: SiCase, p: SiPerson, opts: SiOptions = {}): SiHistory {
  const f = new Frame(p);
  if (!feasibleIn(kase, f)) throw new RangeError(`SI case ${kase} is impossible for someone born ${p.birth}`);
  const last = f.last;
  const avail = (end: number) => f.avail(end);
  const a = avail(last);
  switch (kase) {
    case 'contributing-compulsory':
      return { ...NONE, periods: span(rng, last, rng.int(1, Math.min(179, a)), 'compulsory') };
    case 'compulsory-15y': {
      const reserved = opts.reserved ?? rng.chance(0.3);
      const end = reserved ? last - rng.int(1, Math.min(24, a - 180)) : last;
      return { ...NONE, reserved, periods: span(rng, end, rng.int(180, Math.min(420, avail(end))), 'compulsory') };
    }
    case 'reserved-compulsory-12': {
      const end = last - rng.int(1, Math.min(60, a - 12));
      return { ...NONE, reserved: true, periods: span(rng, end, rng.int(12, Math.min(179, avail(end))), 'compulsory') };
    }
    case 'reserved-compulsory-under-12': {
      const m = rng.int(1, Math.min(11, a - 1));
      return { ...NONE, reserved: true, periods: span(rng, last - rng.int(1, Math.min(36, a - m)), m, 'compulsory') };
    }
    case 'voluntary-60':
      return { ...NONE, periods: span(rng, last, rng.int(60, Math.min(180, f.availVoluntary)), 'voluntary') };
    case 'voluntary-under-60':
      return { ...NONE, periods: span(rng, last, rng.int(1, Math.min(59, f.availVoluntary)), 'voluntary') };
    case 'compulsory-12-and-voluntary': {
      const v = rng.int(1, Math.min(60, f.availVoluntary, a - 12));
      const g = rng.int(0, Math.min(12, a - v - 12));
      const c = rng.int(12, Math.min(120, a - v - g));
      return { ...NONE, periods: [...span(rng, last - v - g, c, 'compulsory'), ...span(rng, last, v, 'voluntary')] };
    }
    case 'mixed-60': {
      const c = rng.int(1, 11);
      const v = rng.int(60 - c, Math.min(120, f.availVoluntary, a - c));
      const g = rng.int(0, Math.min(12, a - v - c));
      return { ...NONE, periods: [...span(rng, last - v - g, c, 'compulsory'), ...span(rng, last, v, 'voluntary')] };
    }
    case 'lump-sum-taken': {
      const end = last - rng.int(12, Math.min(60, a - 12));
      return { ...NONE, lumpSumTaken: true, periods: span(rng, end, rng.int(12, Math.min(200, avail(end))), 'compulsory') };
    }
    case 'awaiting-pension-age': {
      const end = last - rng.int(1, Math.min(36, a - 240));
      const periods = span(rng, end, rng.int(240, Math.min(400, avail(end))), 'compulsory');
      return { ...NONE, reserved: true, awaitingPensionAge: true, periods };
    }
    case 'pension': {
      const since = f.birth + f.pensionAge + rng.int(0, 6);
      const periods = span(rng, since - 1, rng.int(240, Math.min(420, avail(since - 1))), 'compulsory');
      const years = Math.floor(periods.reduce((n, x) => n + monthIndex(x.to) - monthIndex(x.from) + 1, 0) / 12);
      const rate = Math.min(0.75, 0.45 + 0.02 * Math.max(0, years - 20));
      const monthlyAmount = Math.max(1_000_000, Math.round((averageSalary(periods) * rate) / 1000) * 1000);
      return { ...NONE, periods, pension: { monthlyAmount, since: firstOfMonth(since), kind: 'pension' } };
    }
    case 'monthly-allowance': {
      const since = last - rng.int(0, Math.min(120, avail(last - 1) - 180));
      const periods = span(rng, since - 1, rng.int(180, Math.min(239, avail(since - 1))), 'compulsory');
      return { ...NONE, periods, pension: { monthlyAmount: rng.int(15, 40) * 100_000, since: firstOfMonth(since), kind: 'monthly-allowance' } };
    }
    case 'occupational-allowance': {
      const since = last - rng.int(0, Math.min(120, avail(last - 1) - 12));
      const periods = span(rng, since - 1, rng.int(12, Math.min(300, avail(since - 1))), 'compulsory');
      const incapacityPercent = opts.incapacityPercent ?? (rng.chance(0.7) ? rng.int(61, 100) : rng.int(31, 60));
      const pension = { monthlyAmount: rng.int(8, 60) * 100_000, since: firstOfMonth(since), kind: 'occupational-allowance' as const, incapacityPercent };
      return { ...NONE, periods, pension };
    }
  }
}
