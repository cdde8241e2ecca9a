import type { DeathDecisionEntry } from '../../contracts/death-results.ts';
import { vnd, type Bilingual } from './domain/death-benefit-law.ts';

const NOTHING: Bilingual = {
  en: 'Nothing to decide: no benefit was asked for, and the deceased received no monthly pension or allowance from VSS.',
  vi: 'Không có nội dung phải giải quyết: không đề nghị hưởng trợ cấp, và người chết không hưởng lương hưu, trợ cấp hằng tháng.',
};

/** One line per decision, in both languages, for the citizen's overview. */
export function summaryOf(decisions: readonly DeathDecisionEntry[]): Bilingual {
  if (decisions.length === 0) return NOTHING;
  const line = (d: DeathDecisionEntry): Bilingual => {
    switch (d.kind) {
      case 'funeral-allowance':
        return { en: `Funeral allowance ${vnd(d.amount ?? 0).en}.`, vi: `Trợ cấp mai táng ${vnd(d.amount ?? 0).vi}.` };
      case 'stop-monthly-payments':
        return { en: `Monthly payments stop from ${d.fromMonth}.`, vi: `Dừng chi trả hằng tháng từ tháng ${d.fromMonth}.` };
      case 'survivor-monthly':
        return { en: `Monthly survivor allowance ${vnd(d.monthlyAmount ?? 0).en} a month from ${d.fromMonth}.`, vi: `Trợ cấp tuất hằng tháng ${vnd(d.monthlyAmount ?? 0).vi} mỗi tháng từ tháng ${d.fromMonth}.` };
      case 'survivor-lump-sum':
        return { en: `Lump-sum survivor allowance ${vnd(d.amount ?? 0).en}.`, vi: `Trợ cấp tuất một lần ${vnd(d.amount ?? 0).vi}.` };
      case 'not-eligible':
        return d.benefit === 'funeral-allowance'
          ? { en: `No funeral allowance (${d.eligibilityCase}).`, vi: `Không được hưởng trợ cấp mai táng (${d.eligibilityCase}).` }
          : { en: `No survivor benefit (${d.eligibilityCase}).`, vi: `Không được hưởng trợ cấp tuất (${d.eligibilityCase}).` };
    }
  };
  const lines = decisions.map(line);
  return { en: lines.map((l) => l.en).join(' '), vi: lines.map((l) => l.vi).join(' ') };
}

/** Whether any decision pays money (then the payee is named in the result). */
export const paysMoney = (decisions: readonly DeathDecisionEntry[]) => decisions.some((d) => (d.amount ?? 0) > 0 || (d.monthlyAmount ?? 0) > 0);

/** An account number as a receipt shows it: all but the last four characters hidden. */
export function maskedAccount(n: string): string {
  return n.length <= 4 ? '*'.repeat(n.length) : `${'*'.repeat(n.length - 4)}${n.slice(-4)}`;
}
