import { isIsoDate, lastDayOfMonth, type IsoDate } from '../../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../../kernel/errors.ts';

export type PeriodKind = 'day' | 'month' | 'quarter';

/** A report's period: a day (YYYY-MM-DD), a month (YYYY-MM) or a quarter (YYYY-Qn); both ends inclusive. */
export interface Period {
  readonly kind: PeriodKind;
  readonly text: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The months it touches, YYYY-MM (one for a day or a month, three for a quarter). */
  readonly months: readonly string[];
  readonly label: { readonly vi: string; readonly en: string };
}

const pad = (n: number) => String(n).padStart(2, '0');
const vnDate = (d: string) => d.split('-').reverse().join('/');

/** Parses `text`; a field error (path `period`) when it is none of the three forms or not a real date. */
export function parsePeriod(text: string): Period | FieldError {
  const bad = fieldError('period', 'invalid-period', 'Give a day YYYY-MM-DD, a month YYYY-MM or a quarter YYYY-Qn (n = 1 to 4).', 'Nhập ngày YYYY-MM-DD, tháng YYYY-MM hoặc quý YYYY-Qn (n từ 1 đến 4).');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) {
    if (!isIsoDate(text) || Number(m[1]) < 1900) return bad;
    return { kind: 'day', text, from: text, to: text, months: [text.slice(0, 7)], label: { vi: `Ngày ${vnDate(text)}`, en: `Day ${text}` } };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(text))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (y < 1900 || mo < 1 || mo > 12) return bad;
    return { kind: 'month', text, from: `${text}-01` as IsoDate, to: lastDayOfMonth(y, mo), months: [text], label: { vi: `Tháng ${pad(mo)}/${y}`, en: `Month ${text}` } };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(text))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    if (y < 1900) return bad;
    const first = (q - 1) * 3 + 1;
    const months = [first, first + 1, first + 2].map((x) => `${y}-${pad(x)}`);
    return { kind: 'quarter', text, from: `${months[0]}-01` as IsoDate, to: lastDayOfMonth(y, first + 2), months, label: { vi: `Quý ${q}/${y}`, en: `Q${q} ${y}` } };
  }
  return bad;
}

export const isPeriod = (p: Period | FieldError): p is Period => 'kind' in p && 'from' in p;
