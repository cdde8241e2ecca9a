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

/** What the health facility's death notice says, as `health` answers for it (contracts/messages/health.ts). */
export interface CitedDeathNotice {
  readonly facilityCode: string;
  readonly noticeNumber: string;
  readonly deceasedPin: string;
  readonly dateOfDeath: string;
}

/**
 * A death notice cited by the declaration stands for the paper one the declarant submits with it (Law on Civil Status
 * 2014 art. 34.1: "tờ khai … và Giấy báo tử"), issued by the head of the health facility where the person died
 * (Decree 123/2015/ND-CP art. 4.2). The death registered must be the one the facility notified:
 *  - no notice with that id → `unknown-death-notice` on `declaration.deceased.deathNoticeId`;
 *  - a notice about someone else → `death-notice-other-person` on the same field (the notice's PIN is not repeated);
 *  - the same person, another day → `death-notice-date-mismatch` on `declaration.deceased.dateOfDeath`, naming the
 *    notice's date so the relatives can see which is wrong (the registration is due within 15 days of the death,
 *    art. 33, and the date decides benefits, so it is not left to chance).
 * Example: a notice for 035040000011 dying on 2025-01-15, declared as dying on 2025-01-14 → `death-notice-date-mismatch`.
 */
export function checkDeathNotice(notice: CitedDeathNotice | null, declared: { readonly pin: string; readonly dateOfDeath: IsoDate }): DeathFinding[] {
  const field = 'declaration.deceased.deathNoticeId';
  if (!notice)
    return [
      f('reject', field, 'unknown-death-notice', 'No health facility has sent a death notice with this id (Law on Civil Status 2014 art. 34.1).', 'Không có cơ sở y tế nào gửi Giấy báo tử có mã này (Luật Hộ tịch 2014 Điều 34 khoản 1).'),
    ];
  if (notice.deceasedPin !== declared.pin)
    return [
      f('reject', field, 'death-notice-other-person', 'This death notice is about another person (Law on Civil Status 2014 art. 34.1).', 'Giấy báo tử này là của người khác (Luật Hộ tịch 2014 Điều 34 khoản 1).'),
    ];
  if (notice.dateOfDeath !== declared.dateOfDeath)
    return [
      f(
        'reject',
        'declaration.deceased.dateOfDeath',
        'death-notice-date-mismatch',
        `The date of death differs from the health facility's death notice, which says ${notice.dateOfDeath} (Law on Civil Status 2014 art. 34.1; Decree 123/2015/ND-CP art. 4.2).`,
        `Ngày chết khác với Giấy báo tử của cơ sở y tế (ghi ngày ${notice.dateOfDeath}) (Luật Hộ tịch 2014 Điều 34 khoản 1; Nghị định 123/2015/NĐ-CP Điều 4 khoản 2).`,
      ),
    ];
  return [];
}
