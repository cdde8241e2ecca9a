/**
 * Calendar-month arithmetic for voluntary social insurance periods (`YYYY-MM`, kernel/dates.ts IsoMonth).
 *
 * Example: addMonths(isoMonth('2025-11'), 3) === '2026-02'; monthsBetween('2025-06', '2025-08') === 2;
 *          monthRange(isoMonth('2025-12'), 2) → ['2025-12', '2026-01']; firstDayOf('2025-07') === '2025-07-01'.
 */
import { lastDayOfMonth, type IsoDate, type IsoMonth } from '../dates.ts';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isIsoMonth(s: unknown): s is IsoMonth {
  return typeof s === 'string' && MONTH_RE.test(s);
}

export function isoMonth(s: string): IsoMonth {
  if (!isIsoMonth(s)) throw new RangeError(`not a month YYYY-MM: ${s}`);
  return s;
}

function index(m: IsoMonth): number {
  if (!isIsoMonth(m)) throw new RangeError(`not a month YYYY-MM: ${String(m)}`);
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

function fromIndex(i: number): IsoMonth {
  const y = Math.floor(i / 12);
  return `${String(y).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}` as IsoMonth;
}

export function addMonths(m: IsoMonth, n: number): IsoMonth {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of months: ${n}`);
  return fromIndex(index(m) + n);
}

/** Whole months from a to b (positive when b is later): monthsBetween('2025-06', '2025-07') === 1. */
export function monthsBetween(a: IsoMonth, b: IsoMonth): number {
  return index(b) - index(a);
}

/** `count` consecutive months starting at `from`. */
export function monthRange(from: IsoMonth, count: number): IsoMonth[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a month count: ${count}`);
  return Array.from({ length: count }, (_, i) => addMonths(from, i));
}

export function firstDayOf(m: IsoMonth): IsoDate {
  index(m);
  return `${m}-01` as IsoDate;
}

export function lastDayOf(m: IsoMonth): IsoDate {
  const i = index(m);
  return lastDayOfMonth(Math.floor(i / 12), (i % 12) + 1);
}

/** `YYYY-MM-DD` → its `DD/MM/YYYY` Vietnamese spelling, for messages. */
export function viDate(d: IsoDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}
