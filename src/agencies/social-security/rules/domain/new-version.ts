/**
 * Whether an IT operator may add a version to one of social security's rule tables (issue 7 item 2: "when a new
 * decree is published the operator adds the new value from its effective date with no release, and every later
 * decision uses it while earlier decisions keep the version they used"). Pure: the service gives what is stored.
 *
 * The rules, and why:
 *  - `effectiveFrom` is TOMORROW OR LATER (`past-date` otherwise). Decisions are resolved on civil dates (the date of
 *    death, the first day of a month paid), and a decision may already have been taken today for today's date; a value
 *    for today or earlier would make two decisions on the same date differ, and change the statutory reports of
 *    months already reported (the child state-budget report recomputes past months). So the value in force on any
 *    day up to today never changes once today has begun. A decree in force from the day it is signed is entered from
 *    the next day; a decision the gap affects is settled at the office.
 *  - A version may take effect BETWEEN or AT the dates of versions not yet in force (not only after the last one):
 *    the built-in tables hold values announced ahead (e.g. the 2027 rural poverty line, decree number unconfirmed),
 *    and a published decree that differs must be able to correct them before they take effect. One at the same date
 *    SUPERSEDES the existing version (kernel/rules/rule-book.ts); since that date is after today, no decision has
 *    used it for a date in force, and a decision already taken for a later month (a voluntary period paid ahead) keeps
 *    the amounts and version ids it recorded.
 *  - The version id is new across every table, built-in or added (`duplicate-version`, 409): decisions record ids.
 *  - The value has the table's shape: base salary and rural poverty line a whole number of VND per month between
 *    100,000 and 100,000,000 (a guard against a misplaced digit, not a legal bound); support rates the five support
 *    groups, each a whole number of basis points of 22% × rural poverty line from 0 to 10,000 (`bad-value`); the SI
 *    fund's rate `{ year, monthlyRatePpm }` — the year it was published for, from 2000 to the year of `effectiveFrom`
 *    (a rate is published for a year already begun or past; `bad-year`), and a whole number of parts per million a
 *    month from 0 to 20,000 = 2% (kernel/rules/si-fund-rates.ts; `bad-value`). A rate for a year already in the table
 *    is a correction: from its date on, payments use it instead (agencies/social-security/domain/voluntary-interest-rates.ts).
 */
import { RULE_MONEY_MAX, RULE_MONEY_MIN, RULE_RATE_MAX_BP, RULE_VERSION_ID_PATTERN } from '../../../../contracts/messages/rule-versions.ts';
import { isIsoDate, type IsoDate } from '../../../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../../../kernel/errors.ts';
import type { RuleVersion } from '../../../../kernel/rules/effective-dated.ts';
import { RULE_TABLES, type AddedRuleVersion, type MergedRuleBook, type RuleTableName } from '../../../../kernel/rules/rule-book.ts';
import { SUPPORT_GROUPS } from '../../../../kernel/rules/support-rates.ts';
import { SI_FUND_RATE_FIRST_YEAR, SI_FUND_RATE_MAX_PPM } from '../../../../kernel/rules/si-fund-rates.ts';
import { formatVnd } from '../../../../kernel/rules/voluntary-money.ts';

// The bounds are the message's too (contracts/messages/rule-versions.ts): every version accepted here is sent to the hub.
export const VERSION_ID_PATTERN = RULE_VERSION_ID_PATTERN;
export const MONEY_MIN = RULE_MONEY_MIN;
export const MONEY_MAX = RULE_MONEY_MAX;
export const RATE_MAX_BP = RULE_RATE_MAX_BP;

export interface NewVersionInput {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly value: unknown;
  readonly legalBasis: string;
  readonly reason: string;
}

export type NewVersionCheck =
  | {
      readonly ok: true;
      readonly added: AddedRuleVersion;
      /** The version this one supersedes (same effective date, not yet in force), if any. */
      readonly supersedes: string | null;
      /** What was to be in force from `effectiveFrom` before this version (for the audit trail's before → after). */
      readonly before: RuleVersion<unknown> | null;
    }
  | { readonly ok: false; readonly error: 'VALIDATION_FAILED' | 'CONFLICT'; readonly fields: readonly FieldError[] };

/**
 * Problems with the shape of a value for `table`, at `value` / `value.<group>` / `value.<field>`. `effectiveFrom` (when
 * a valid date) bounds the year of an SI fund rate.
 */
export function valueProblems(table: RuleTableName, value: unknown, effectiveFrom?: string): FieldError[] {
  if (table === 'si-fund-rate') return fundRateProblems(value, effectiveFrom !== undefined && isIsoDate(effectiveFrom) ? Number(effectiveFrom.slice(0, 4)) : null);
  if (table === 'support-rates') {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [fieldError('value', 'bad-value', `Support rates are an object with the rate of each group (${SUPPORT_GROUPS.join(', ')}) in basis points.`, `Mức hỗ trợ là một đối tượng gồm mức của từng nhóm (${SUPPORT_GROUPS.join(', ')}), tính theo phần vạn.`)];
    const v = value as Record<string, unknown>;
    const out: FieldError[] = [];
    for (const g of SUPPORT_GROUPS) {
      const r = v[g];
      if (r === undefined) out.push(fieldError(`value.${g}`, 'required', `The rate of the group ${g} is missing.`, `Thiếu mức hỗ trợ của nhóm ${g}.`));
      else if (!Number.isInteger(r) || (r as number) < 0 || (r as number) > RATE_MAX_BP)
        out.push(fieldError(`value.${g}`, 'bad-value', `A rate is a whole number of basis points from 0 to ${RATE_MAX_BP} (20% = 2,000).`, `Mức hỗ trợ là số nguyên phần vạn từ 0 đến ${RATE_MAX_BP} (20% = 2.000).`));
    }
    for (const k of Object.keys(v)) if (!(SUPPORT_GROUPS as readonly string[]).includes(k)) out.push(fieldError(`value.${k}`, 'unknown-group', `There is no support group ${k}.`, `Không có nhóm hỗ trợ ${k}.`));
    return out;
  }
  if (!Number.isInteger(value) || (value as number) < MONEY_MIN || (value as number) > MONEY_MAX) {
    const what = table === 'base-salary' ? { en: 'The base salary', vi: 'Mức lương cơ sở' } : { en: 'The rural poverty line', vi: 'Chuẩn nghèo khu vực nông thôn' };
    return [
      fieldError(
        'value',
        'bad-value',
        `${what.en} is a whole number of VND per month from ${formatVnd(MONEY_MIN, 'en')} to ${formatVnd(MONEY_MAX, 'en')}.`,
        `${what.vi} là số nguyên đồng/tháng từ ${formatVnd(MONEY_MIN, 'vi')} đến ${formatVnd(MONEY_MAX, 'vi')}.`,
      ),
    ];
  }
  return [];
}

function fundRateProblems(value: unknown, lastYear: number | null): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [fieldError('value', 'bad-value', 'The SI fund rate is an object { "year": the year it was published for, "monthlyRatePpm": parts per million a month }.', 'Lãi suất quỹ BHXH là một đối tượng { "year": năm được công bố, "monthlyRatePpm": phần triệu mỗi tháng }.')];
  const v = value as Record<string, unknown>;
  const out: FieldError[] = [];
  const maxYear = lastYear ?? 9999;
  if (v.year === undefined) out.push(fieldError('value.year', 'required', 'Give the year the rate was published for.', 'Hãy nêu năm mà lãi suất được công bố cho.'));
  else if (!Number.isInteger(v.year) || (v.year as number) < SI_FUND_RATE_FIRST_YEAR || (v.year as number) > maxYear)
    out.push(
      fieldError(
        'value.year',
        'bad-year',
        `The year is a whole year from ${SI_FUND_RATE_FIRST_YEAR}${lastYear === null ? '' : ` to ${lastYear}, the year the version takes effect (a rate is published for a year already begun)`}.`,
        `Năm là một năm từ ${SI_FUND_RATE_FIRST_YEAR}${lastYear === null ? '' : ` đến ${lastYear}, năm phiên bản có hiệu lực (lãi suất được công bố cho năm đã bắt đầu)`}.`,
      ),
    );
  const r = v.monthlyRatePpm;
  if (r === undefined) out.push(fieldError('value.monthlyRatePpm', 'required', 'Give the monthly rate in parts per million (0.4% = 4000).', 'Hãy nêu lãi suất tháng tính theo phần triệu (0,4% = 4000).'));
  else if (!Number.isInteger(r) || (r as number) < 0 || (r as number) > SI_FUND_RATE_MAX_PPM)
    out.push(fieldError('value.monthlyRatePpm', 'bad-value', `The monthly rate is a whole number of parts per million from 0 to ${SI_FUND_RATE_MAX_PPM} (2%; 0.4% = 4000).`, `Lãi suất tháng là số nguyên phần triệu từ 0 đến ${SI_FUND_RATE_MAX_PPM} (2%; 0,4% = 4000).`));
  for (const k of Object.keys(v)) if (k !== 'year' && k !== 'monthlyRatePpm') out.push(fieldError(`value.${k}`, 'unknown-field', `The SI fund rate has no field ${k}.`, `Lãi suất quỹ BHXH không có trường ${k}.`));
  return out;
}

/** Checks a new version of `table` against the book in force (`current`) on `today` (the civil date in Vietnam). */
export function checkNewVersion(table: RuleTableName, input: NewVersionInput, current: MergedRuleBook, today: IsoDate): NewVersionCheck {
  const invalid: FieldError[] = [];
  if (!new RegExp(VERSION_ID_PATTERN).test(input.version))
    invalid.push(fieldError('version', 'bad-version-id', 'A version id is 3 to 80 lower-case letters, digits, dots and hyphens, e.g. base-salary-2027-07.', 'Mã phiên bản gồm 3 đến 80 ký tự chữ thường, chữ số, dấu chấm và gạch ngang, ví dụ base-salary-2027-07.'));
  if (!isIsoDate(input.effectiveFrom)) invalid.push(fieldError('effectiveFrom', 'bad-date', 'Not a date YYYY-MM-DD.', 'Không phải ngày dạng YYYY-MM-DD.'));
  else if (input.effectiveFrom <= today)
    invalid.push(
      fieldError(
        'effectiveFrom',
        'past-date',
        `A new version takes effect from tomorrow (${today} is today) at the earliest: decisions already taken for today and earlier days keep the values they used.`,
        `Phiên bản mới chỉ có hiệu lực sớm nhất từ ngày mai (hôm nay là ${today}): các quyết định đã ban hành cho hôm nay và những ngày trước giữ nguyên giá trị đã áp dụng.`,
      ),
    );
  invalid.push(...valueProblems(table, input.value, input.effectiveFrom));
  if (!input.legalBasis.trim()) invalid.push(fieldError('legalBasis', 'required', 'Name the legal act that sets the value.', 'Hãy nêu văn bản pháp luật quy định giá trị này.'));
  if (!input.reason.trim()) invalid.push(fieldError('reason', 'required', 'Say why the version is added.', 'Hãy nêu lý do bổ sung phiên bản.'));
  if (invalid.length) return { ok: false, error: 'VALIDATION_FAILED', fields: invalid };

  const tableNow = current.book[RULE_TABLES[table]].versions as readonly RuleVersion<unknown>[];
  const ids = new Set([...Object.values(current.book).flatMap((t) => (t.versions as readonly RuleVersion<unknown>[]).map((v) => v.version)), ...current.superseded.keys()]);
  if (ids.has(input.version))
    return { ok: false, error: 'CONFLICT', fields: [fieldError('version', 'duplicate-version', `The version id ${input.version} is already used; decisions record version ids, so each is used once.`, `Mã phiên bản ${input.version} đã được dùng; quyết định ghi mã phiên bản nên mỗi mã chỉ dùng một lần.`)] };

  const from = input.effectiveFrom as IsoDate;
  const same = tableNow.find((v) => v.effectiveFrom === from);
  const before = same ?? [...tableNow].reverse().find((v) => v.effectiveFrom < from) ?? null;
  return {
    ok: true,
    added: { table, version: input.version, effectiveFrom: from, value: input.value, legalBasis: input.legalBasis.trim() },
    supersedes: same?.version ?? null,
    before,
  };
}
