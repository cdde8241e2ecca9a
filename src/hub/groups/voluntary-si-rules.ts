import type { FieldIssue, PersonFacts } from '../../contracts/common.ts';
import type { VoluntarySiDeclaration } from '../../contracts/declarations/voluntary-si.ts';
import { monthOf, type IsoDate, type IsoMonth } from '../../kernel/dates.ts';
// A pure rule (no I/O, no state) that social security owns and applies again to what it receives: imported here
// so the citizen learns at once that the income is out of bounds, as the death group does with its 90-day limit.
import { checkVoluntaryIncome } from '../../kernel/rules/voluntary-income.ts';
import { BUILT_IN_RULES, type RuleBook } from '../../kernel/rules/rule-book.ts';
import { addMonths, monthsBetween } from '../../kernel/rules/voluntary-months.ts';
import { issue, type PersonToVerify } from './group.ts';

type D = VoluntarySiDeclaration;

/** The first month the voluntary SI rules hold tables for (Law on SI 2014 in force from 2016-01-01). */
export const FIRST_RULE_MONTH = '2016-01';
/** How far ahead a periodic or advance registration may start (unconfirmed platform choice: 12 months). */
export const MAX_MONTHS_AHEAD = 12;

/**
 * Rules on the voluntary SI declaration alone, at the edge (after the schema). The income bounds come from `rules`:
 * social security's book (embedded mode), or the versions it sent the hub (distributed mode: hub/rule-versions.ts);
 * the built-in tables by default (docs/back-office.md "Rule tables").
 */
export function checkVoluntarySi(d: D, today: IsoDate, rules: RuleBook = BUILT_IN_RULES): FieldIssue[] {
  const out: FieldIssue[] = [];
  const current = monthOf(today);
  const start = d.startMonth as IsoMonth;
  const advance = d.paymentMethod === 'advance-years';
  const missing = d.paymentMethod === 'missing-period';
  if (advance && d.years === undefined)
    out.push(issue('declaration.years', 'required', 'Say for how many years (1 to 5) you pay in advance.', 'Hãy khai số năm đóng trước (từ 1 đến 5 năm).'));
  if (!advance && d.years !== undefined)
    out.push(issue('declaration.years', 'not-allowed', 'Years are given only for an advance payment.', 'Chỉ khai số năm khi chọn phương thức đóng trước nhiều năm.'));
  if (missing && d.missingMonths === undefined)
    out.push(issue('declaration.missingMonths', 'required', 'Say how many missing months you pay at once.', 'Hãy khai số tháng còn thiếu đóng một lần.'));
  if (!missing && d.missingMonths !== undefined)
    out.push(issue('declaration.missingMonths', 'not-allowed', 'Missing months are given only for a missing-period payment.', 'Chỉ khai số tháng còn thiếu khi chọn phương thức đóng một lần cho thời gian còn thiếu.'));

  if (start < FIRST_RULE_MONTH) {
    out.push(issue('declaration.startMonth', 'before-rules', `The start month may not be before ${FIRST_RULE_MONTH}.`, `Tháng bắt đầu không được trước tháng ${FIRST_RULE_MONTH}.`));
    return out;
  }
  if (missing) {
    if (d.missingMonths !== undefined && monthsBetween(addMonths(start, d.missingMonths - 1), current) < 1)
      out.push(issue('declaration.startMonth', 'missing-period-not-past', 'A missing period must end before the current month.', 'Thời gian còn thiếu phải kết thúc trước tháng hiện tại.'));
  } else if (start < current) {
    out.push(issue('declaration.startMonth', 'in-the-past', 'The start month is in the past; pay past months as a missing period.', 'Tháng bắt đầu đã qua; các tháng đã qua được đóng theo phương thức đóng cho thời gian còn thiếu.'));
  } else if (monthsBetween(current, start) > MAX_MONTHS_AHEAD) {
    out.push(issue('declaration.startMonth', 'too-far-ahead', `The start month may be at most ${MAX_MONTHS_AHEAD} months ahead.`, `Tháng bắt đầu không được quá ${MAX_MONTHS_AHEAD} tháng kể từ tháng hiện tại.`));
  }
  const income = checkVoluntaryIncome(d.monthlyIncome, start, rules);
  if (!income.ok) out.push(issue('declaration.monthlyIncome', income.problem.code, income.problem.reason, income.problem.reasonVi));
  return out;
}

export const voluntarySiPeopleToVerify = (d: D): PersonToVerify[] => [{ path: 'declaration.participant', pin: d.participant.pin }];

/** The register's facts: a participant recorded as deceased cannot join. The support claim is social security's to check. */
export function checkVoluntarySiVerified(_d: D, people: Readonly<Record<string, PersonFacts>>): FieldIssue[] {
  if (people['declaration.participant']?.alive === false)
    return [issue('declaration.participant.pin', 'deceased', 'The participant is recorded as deceased.', 'Người tham gia đã được ghi nhận là đã chết.')];
  return [];
}
