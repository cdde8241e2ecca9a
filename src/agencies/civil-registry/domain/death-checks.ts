import type { FieldIssue, PersonFacts } from '../../../contracts/common.ts';
import { compareDates, daysBetween, type IsoDate } from '../../../kernel/dates.ts';

/** A check's outcome on a death: `reject` refuses the registration; `note` is recorded on it and refuses nothing. */
export type DeathSeverity = 'reject' | 'note';
export interface DeathFinding extends FieldIssue {
  readonly severity: DeathSeverity;
}

export interface DeathFacts {
  readonly deceased: PersonFacts;
  readonly dateOfDeath: IsoDate;
  readonly declarant: PersonFacts;
  readonly receivedOn: IsoDate;
  /** The civil registry's own book already holds a death registration for this person. */
  readonly alreadyRegistered: boolean;
}

/**
 * Law on Civil Status 2014 art. 33: the relatives register a death within 15 days of it. A later registration
 * is still accepted (the death is a fact to record, not a right to lose) and is recorded as late.
 */
export const DEATH_REGISTRATION_DUE_DAYS = 15;

const f = (severity: DeathSeverity, path: string, code: string, reason: string, reasonVi: string): DeathFinding => ({ severity, path, code, reason, reasonVi });

/**
 * The civil registry's checks on a death (Law on Civil Status 2014 art. 32–34; Decree 123/2015/ND-CP):
 *  - no earlier death registration of the same person → else `already-registered`;
 *  - alive in the population register → else `already-deceased`, except when the register already holds a death
 *    on the SAME date (learnt from another source, e.g. a health facility's death notice or a migrated record,
 *    whose civil-status registration is still due): that is corroboration, noted as `register-records-death`;
 *  - the date of death not after the file was received, and not before the birth in the register;
 *  - the declarant alive; registered more than 15 days after the death → noted `late-registration`.
 * Example: a person the register shows dead since 2024-12-01, declared dead on 2025-01-10 → `already-deceased`.
 */
export function checkDeathRegistration(x: DeathFacts): DeathFinding[] {
  const out: DeathFinding[] = [];
  const dod = x.dateOfDeath;
  if (x.alreadyRegistered)
    out.push(f('reject', 'declaration.deceased.pin', 'already-registered', 'A death is already registered for this person.', 'Người này đã được đăng ký khai tử.'));
  else if (!x.deceased.alive && x.deceased.dateOfDeath === dod)
    out.push(f('note', 'declaration.deceased.pin', 'register-records-death', `The population register already records this death on ${dod}.`, `Cơ sở dữ liệu quốc gia về dân cư đã ghi nhận người này chết ngày ${dod}.`));
  else if (!x.deceased.alive) {
    const on = x.deceased.dateOfDeath ? ` on ${x.deceased.dateOfDeath}` : '';
    const onVi = x.deceased.dateOfDeath ? ` ngày ${x.deceased.dateOfDeath}` : '';
    out.push(f('reject', 'declaration.deceased.pin', 'already-deceased', `The population register already records this person as deceased${on}.`, `Cơ sở dữ liệu quốc gia về dân cư đã ghi nhận người này đã chết${onVi}.`));
  }
  if (compareDates(dod, x.receivedOn) > 0)
    out.push(f('reject', 'declaration.deceased.dateOfDeath', 'future-date', 'The date of death is after the day the file was received.', 'Ngày chết sau ngày tiếp nhận hồ sơ.'));
  if (compareDates(dod, x.deceased.dateOfBirth as IsoDate) < 0)
    out.push(f('reject', 'declaration.deceased.dateOfDeath', 'before-birth', 'The date of death is before the date of birth.', 'Ngày chết trước ngày sinh.'));
  if (!x.declarant.alive)
    out.push(f('reject', 'declaration.declarant.pin', 'deceased', 'The declarant is recorded as deceased.', 'Người khai đã được ghi nhận là đã chết.'));
  if (compareDates(dod, x.receivedOn) <= 0 && daysBetween(dod, x.receivedOn) > DEATH_REGISTRATION_DUE_DAYS)
    out.push(
      f('note', 'declaration.deceased.dateOfDeath', 'late-registration', `Registered more than ${DEATH_REGISTRATION_DUE_DAYS} days after the death.`, `Đăng ký khai tử quá hạn ${DEATH_REGISTRATION_DUE_DAYS} ngày kể từ ngày chết.`),
    );
  return out;
}
