import { compareDates, parts, vnDateOf, type IsoDate } from '../../../kernel/dates.ts';
import { fieldError, type FieldError } from '../../../kernel/errors.ts';
import { parsePin } from '../../../kernel/identifiers/pin.ts';

/** A death notice as a health facility sends it (the electronic "Giấy báo tử", Decree 123/2015/ND-CP art. 4.2). */
export interface DeathNoticeInput {
  readonly facilityCode: string;
  readonly noticeNumber: string;
  readonly deceasedPin: string;
  readonly dateOfDeath: string;
  /** HH:MM, Vietnam time. */
  readonly timeOfDeath: string;
  readonly placeOfDeath: string;
  readonly causeCategory: string;
}

/** The fields a notice is compared on when it is sent again (everything but who it is: facility and number). */
export const NOTICE_CONTENT_FIELDS = ['deceasedPin', 'dateOfDeath', 'timeOfDeath', 'placeOfDeath', 'causeCategory'] as const;

/**
 * Rules on a notice at intake, after the schema. A notice attests a death that has happened: the head of the facility
 * issues it on the death (Decree 123/2015/ND-CP art. 4.2), so its moment is not after the time it arrives; and the
 * PIN's structure (Decree 137/2015/ND-CP; Circular 07/2016/TT-BCA) names a known province and a birth year not after
 * the death. Example: a notice dated tomorrow → `dateOfDeath: future-date`.
 */
export function checkDeathNoticeInput(n: DeathNoticeInput, now: Date): FieldError[] {
  const out: FieldError[] = [];
  const today = vnDateOf(now);
  const dod = n.dateOfDeath as IsoDate;
  const c = compareDates(dod, today);
  if (c > 0) out.push(fieldError('dateOfDeath', 'future-date', 'The date of death is in the future.', 'Ngày chết ở tương lai.'));
  else if (c === 0 && n.timeOfDeath > vnTimeOf(now))
    out.push(fieldError('timeOfDeath', 'future-time', 'The time of death is later than now.', 'Giờ chết muộn hơn thời điểm hiện tại.'));
  const pin = parsePin(n.deceasedPin);
  if (!pin.ok) out.push(fieldError('deceasedPin', 'unknown-province', 'The PIN does not begin with a province code.', 'Số định danh cá nhân không bắt đầu bằng mã tỉnh.'));
  else if (c <= 0 && pin.value.birthYear > parts(dod).year)
    out.push(fieldError('deceasedPin', 'born-after-death', 'The PIN gives a year of birth after the death.', 'Số định danh cá nhân cho năm sinh sau ngày chết.'));
  return out;
}

/** HH:MM in Vietnam (UTC+7, no daylight saving). */
function vnTimeOf(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
}

/**
 * A notice sent again under a number the facility has used: the same notice (a retry after a lost answer) is
 * the one already received; anything else is a conflict, never a silent overwrite — a notice once sent may already
 * have corroborated a registration. Returns the fields that differ (empty: the same notice).
 */
export function differingFields(stored: DeathNoticeInput, incoming: DeathNoticeInput): string[] {
  return NOTICE_CONTENT_FIELDS.filter((f) => stored[f] !== incoming[f]);
}
