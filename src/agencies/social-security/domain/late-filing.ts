/**
 * A claim filed after the 90-day limit (Law on SI 2014 art. 112; death-decisions.ts `checkFilingLimit`): the
 * funeral allowance and survivor benefit asked for are not settled through the interlinked service, each with
 * the filing check's explanation; the stop of monthly payments, which needs no claim, is decided as usual.
 * The hub refuses such a declaration at the edge; this keeps VSS right on its own.
 */
import type { DeathDecision, DeathDecisionInput, FilingLimitCheck } from './death-decisions.ts';

export function lateFilingDecisions(requests: DeathDecisionInput['requests'], filing: FilingLimitCheck): { funeral: DeathDecision[]; survivor: DeathDecision[] } {
  const entry = (benefit: 'funeral-allowance' | 'survivor-benefit'): DeathDecision => ({
    kind: 'not-eligible', benefit, amount: null, monthlyAmount: null, fromMonth: null, eligibilityCase: 'filing-limit-passed',
    ruleVersion: 'law-si-2014-art-112', legalBasis: filing.legalBasis, perRelative: null, hiCardEndsOn: null,
    explanation: {
      en: `${filing.explanation.en} Claim it at the social security office with the reason for the delay.`,
      vi: `${filing.explanation.vi} Vui lòng nộp hồ sơ tại cơ quan BHXH kèm văn bản giải trình lý do nộp chậm.`,
    },
  });
  return {
    funeral: filing.withinLimit || !requests.funeralAllowance ? [] : [entry('funeral-allowance')],
    survivor: filing.withinLimit || requests.survivorBenefit === 'none' ? [] : [entry('survivor-benefit')],
  };
}
