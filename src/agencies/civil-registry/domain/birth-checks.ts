import type { FieldIssue, PersonFacts } from '../../../contracts/common.ts';
import { ageOn, compareDates, daysBetween, type IsoDate } from '../../../kernel/dates.ts';

/** A check's outcome: `reject` refuses the registration; `review` sends it to an officer. */
export type Severity = 'reject' | 'review';
export interface Finding extends FieldIssue {
  readonly severity: Severity;
}

export interface BirthFacts {
  readonly child: { readonly dateOfBirth: IsoDate };
  readonly mother: PersonFacts;
  readonly father: PersonFacts | null;
  readonly receivedOn: IsoDate;
}

/** Law on Civil Status 2014 art. 15: parents register a birth within 60 days of it. Later is a late registration. */
export const REGISTRATION_DUE_DAYS = 60;
/** Below or above these ages of the mother at the birth, an officer looks at the file (a data-entry slip is likelier than the fact). */
export const MOTHER_AGE_REVIEW = { below: 14, above: 60 } as const;

const f = (severity: Severity, path: string, code: string, reason: string, reasonVi: string): Finding => ({ severity, path, code, reason, reasonVi });

/**
 * The civil registry's checks on a birth, from the file alone (the duplicate check needs the book and
 * is in the handler). Birth registration: Law on Civil Status 2014 art. 13–17; Decree 123/2015/ND-CP.
 * Example: a mother recorded as deceased → `reject` at declaration.mother.pin, `deceased`.
 */
export function checkBirth(b: BirthFacts): Finding[] {
  const out: Finding[] = [];
  const dob = b.child.dateOfBirth;
  if (compareDates(dob, b.receivedOn) > 0)
    out.push(f('reject', 'declaration.child.dateOfBirth', 'future-date', 'The date of birth is after the day the file was received.', 'Ngày sinh sau ngày tiếp nhận hồ sơ.'));
  if (b.mother.sex !== 'female')
    out.push(f('reject', 'declaration.mother.pin', 'mother-not-female', 'The person declared as mother is recorded as male.', 'Người được khai là mẹ có giới tính nam trong CSDL dân cư.'));
  if (!b.mother.alive)
    out.push(f('reject', 'declaration.mother.pin', 'deceased', 'The mother is recorded as deceased; register this birth at the counter.', 'Người mẹ đã được ghi nhận là đã chết; vui lòng đăng ký khai sinh trực tiếp.'));
  if (compareDates(b.mother.dateOfBirth as IsoDate, dob) >= 0)
    out.push(f('reject', 'declaration.mother.pin', 'mother-born-after-child', 'The mother was born after the child.', 'Người mẹ sinh sau ngày sinh của trẻ.'));
  else {
    const age = ageOn(b.mother.dateOfBirth as IsoDate, dob);
    if (age < MOTHER_AGE_REVIEW.below || age > MOTHER_AGE_REVIEW.above)
      out.push(f('review', 'declaration.mother.pin', 'mother-age-unusual', `The mother would have been ${age} at the birth.`, `Người mẹ ${age} tuổi khi sinh con.`));
  }
  if (b.father) {
    if (b.father.sex !== 'male')
      out.push(f('reject', 'declaration.father.pin', 'father-not-male', 'The person declared as father is recorded as female.', 'Người được khai là cha có giới tính nữ trong CSDL dân cư.'));
    if (compareDates(b.father.dateOfBirth as IsoDate, dob) >= 0)
      out.push(f('reject', 'declaration.father.pin', 'father-born-after-child', 'The father was born after the child.', 'Người cha sinh sau ngày sinh của trẻ.'));
    // A father who died before the birth is possible (posthumous child): an officer confirms it.
    if (!b.father.alive)
      out.push(f('review', 'declaration.father.pin', 'father-deceased', 'The father is recorded as deceased.', 'Người cha đã được ghi nhận là đã chết.'));
  }
  if (compareDates(dob, b.receivedOn) <= 0 && daysBetween(dob, b.receivedOn) > REGISTRATION_DUE_DAYS)
    out.push(
      f('review', 'declaration.child.dateOfBirth', 'late-registration', `Registered more than ${REGISTRATION_DUE_DAYS} days after the birth.`, `Đăng ký khai sinh quá hạn ${REGISTRATION_DUE_DAYS} ngày.`),
    );
  return out;
}

/** The key under which the same child is recognised: same mother, date of birth and name. */
export function duplicateKey(motherPin: string, dateOfBirth: string, fullName: string): string {
  return `${motherPin}|${dateOfBirth}|${fullName.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim()}`;
}
