/**
 * From what the hub sends (the declaration's vocabulary and the register's facts) to the inputs of the death
 * rules (death-decisions.ts), and the proofs VSS needs first.
 *  - cause: the declaration's 'illness' is the rules' 'other' (only an occupational death is told apart:
 *    Law on SI 2014 art. 66.1, 67.1);
 *  - a relative's age and retirement age are taken on the date of death from the register's date of birth
 *    (retirement-age.ts); a child born after the death is a child in utero at it (art. 67.2.a);
 *  - a relative declared with ≥ 81% incapacity must be proven by the medical assessment council's record
 *    (Law on SI 2014 art. 111) when a survivor benefit is asked: VSS asks for it as a supplement, and the
 *    percentage assessed replaces the one declared.
 */
import type { FieldIssue } from '../../../contracts/common.ts';
import type { DeclaredDeathCause, IncapacityProof } from '../../../contracts/declarations/death.ts';
import { ageOn, compareDates, type IsoDate } from '../../../kernel/dates.ts';
import type { DeathCause } from './death-benefit-law.ts';
import { hasReachedRetirementAge, type Sex } from './retirement-age.ts';
import type { Relationship, Relative } from './survivor-monthly.ts';

export interface ClaimedRelative {
  pin: string;
  relationship: Relationship;
  hasDirectCaretaker: boolean;
  incapacityPercent: number;
  monthlyIncome?: number | undefined;
  sex: Sex;
  dateOfBirth: string;
}

export function ruleCause(c: DeclaredDeathCause): DeathCause {
  return c === 'illness' ? 'other' : c;
}

/** The field a relative's incapacity proof answers, in the declaration. */
export const incapacityPath = (index: number) => `declaration.relatives.${index}.incapacityPercent`;

/** The proofs to ask for before deciding: one per relative declared at or above `threshold` percent. */
export function proofsNeeded(relatives: readonly ClaimedRelative[], survivorBenefitAsked: boolean, threshold: number): FieldIssue[] {
  if (!survivorBenefitAsked) return [];
  return relatives.flatMap((r, i) =>
    r.incapacityPercent < threshold
      ? []
      : [{
          path: incapacityPath(i),
          code: 'incapacity-proof-required',
          reason: `Relative ${r.pin} is declared with ${r.incapacityPercent}% incapacity: send the medical assessment council's record (its number, date and the percentage assessed) — Law on SI 2014 art. 111.`,
          reasonVi: `Thân nhân ${r.pin} được khai suy giảm khả năng lao động ${r.incapacityPercent}%: hãy bổ sung biên bản giám định mức suy giảm khả năng lao động của Hội đồng giám định y khoa (số, ngày và tỷ lệ) — Luật BHXH 2014 Điều 111.`,
        }],
  );
}

/** The rules' view of each relative on the date of death; `assessed` holds the proven percentages by index. */
export function relativesForRules(relatives: readonly ClaimedRelative[], dateOfDeath: IsoDate, assessed: ReadonlyMap<number, IncapacityProof>): Relative[] {
  return relatives.map((r, i) => {
    const born = r.dateOfBirth as IsoDate;
    const inUtero = compareDates(born, dateOfDeath) > 0;
    return {
      pin: r.pin,
      relationship: r.relationship,
      ageYears: inUtero ? 0 : ageOn(born, dateOfDeath),
      ...(inUtero ? { inUtero } : {}),
      incapacityPercent: assessed.get(i)?.incapacityPercent ?? r.incapacityPercent,
      hasDirectCaretaker: r.hasDirectCaretaker,
      reachedRetirementAge: !inUtero && hasReachedRetirementAge(r.sex, born, dateOfDeath),
      ...(r.monthlyIncome !== undefined ? { monthlyIncome: r.monthlyIncome } : {}),
    };
  });
}
