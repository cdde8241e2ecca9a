import { compareDates, isoDate, type IsoDate } from '../../kernel/dates.ts';
import type { Bilingual } from '../../platform/documents/model.ts';
import type { IssuedDocument } from './catalogue.ts';
import { dmy, L } from './wording.ts';

/** What the hub knows, from the death group's results, of the death of a document's holder. */
export interface HolderDeath {
  readonly dateOfDeath: string;
  readonly registeredOn: string;
  /** VSS's decision on a pensioner: the card runs to the end of the month of death (Law on HI art. 16; DOMAIN.md §3). */
  readonly hiCardEndsOn: string | null;
  /** The residence deregistration that followed, if it was asked for and done. */
  readonly residenceDeregisteredOn: string | null;
}

export type ValidityStatus = 'valid' | 'not-yet-valid' | 'expired' | 'ended';

export interface Validity {
  readonly valid: boolean;
  readonly status: ValidityStatus;
  readonly reason: Bilingual | null;
}

const VALID: Validity = { valid: true, status: 'valid', reason: null };

/**
 * Whether a genuine document still stands today.
 * - An HI card is valid within its period (Law on HI art. 16) and ends when its holder dies: on the date VSS
 *   decided (the end of the month of death for a pensioner), else on the date of death.
 * - A residence confirmation no longer describes a residence once it was deregistered on the holder's death
 *   (Law on Residence 2020 art. 24.1.a).
 * - Civil-status extracts and VSS decisions record what was registered or decided: they stay valid.
 */
export function validityOf(doc: Pick<IssuedDocument, 'spec' | 'period'>, today: IsoDate, death: HolderDeath | null): Validity {
  switch (doc.spec.kind) {
    case 'hi-card': {
      if (death) {
        const endedOn = death.hiCardEndsOn ?? death.dateOfDeath;
        return {
          valid: false,
          status: 'ended',
          reason: L(
            `Thẻ hết giá trị sử dụng từ sau ngày ${dmy(endedOn)}: người có tên trên thẻ đã chết (đăng ký khai tử ngày ${dmy(death.registeredOn)}).`,
            `The card ended on ${endedOn}: its holder has died (death registered on ${death.registeredOn}).`,
          ),
        };
      }
      if (!doc.period) return VALID;
      if (compareDates(today, isoDate(doc.period.from)) < 0)
        return { valid: false, status: 'not-yet-valid', reason: L(`Thẻ có giá trị từ ngày ${dmy(doc.period.from)}.`, `The card is valid from ${doc.period.from}.`) };
      if (compareDates(today, isoDate(doc.period.to)) > 0)
        return { valid: false, status: 'expired', reason: L(`Thẻ đã hết hạn sử dụng ngày ${dmy(doc.period.to)}.`, `The card expired on ${doc.period.to}.`) };
      return VALID;
    }
    case 'residence-confirmation':
      if (death?.residenceDeregisteredOn)
        return {
          valid: false,
          status: 'ended',
          reason: L(
            `Đã xóa đăng ký thường trú ngày ${dmy(death.residenceDeregisteredOn)} do người đăng ký đã chết.`,
            `Permanent residence was deregistered on ${death.residenceDeregisteredOn}: the person has died.`,
          ),
        };
      return VALID;
    default:
      return VALID;
  }
}
