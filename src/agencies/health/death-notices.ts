import { AppError, fieldError } from '../../kernel/errors.ts';
import type { AuditRecorder } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/logger.ts';
import { checkDeathNoticeInput, differingFields, type DeathNoticeInput } from './domain/death-notice-rules.ts';
import type { HealthStore, StoredDeathNotice } from './store.ts';

type SystemClient = Extract<Principal, { kind: 'system' }>;

/** What the facility gets back: the notice's id (to give the relatives) and what it was filed under. */
export interface NoticeReceipt {
  readonly id: string;
  readonly facilityCode: string;
  readonly noticeNumber: string;
  readonly receivedAt: string;
}

/** Why a facility reads its notice back: the electronic death notice it issued (Decree 123/2015/ND-CP art. 4.2). */
const READ_PURPOSE = 'death notice read back by the health facility that issued it (Decree 123/2015/ND-CP art. 4.2)';

const receiptOf = (n: StoredDeathNotice): NoticeReceipt => ({ id: n.id, facilityCode: n.facilityCode, noticeNumber: n.noticeNumber, receivedAt: n.receivedAt });

/** Health facilities' death notices: intake from their systems (OAuth2 system clients), and reading one's own back. */
export class DeathNotices {
  constructor(
    private readonly db: Db,
    private readonly store: HealthStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** Where a facility's reads of its notices are recorded (the trail, or in a health process the outbox to the hub). */
    private readonly audit?: AuditRecorder,
  ) {}

  /**
   * Receives a notice. Idempotent on (facility, notice number): the same notice sent again is the one received
   * (`created: false`); the same number with other content, or from another client, is refused (409) — a notice
   * may already have corroborated a registration, so it is never silently replaced.
   */
  async submit(client: SystemClient, n: DeathNoticeInput): Promise<{ created: boolean; receipt: NoticeReceipt }> {
    const now = this.clock.now();
    const problems = checkDeathNoticeInput(n, now);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
    const candidate: StoredDeathNotice = { ...n, id: crypto.randomUUID(), clientId: client.client, receivedAt: now.toISOString() };
    const out = await this.db.transaction(async (tx) => {
      if (await this.store.insert(tx, candidate)) return { created: true, stored: candidate };
      const stored = await this.store.byNumber(tx, n.facilityCode, n.noticeNumber);
      if (!stored) throw new Error('death notice: conflict on insert but no row found'); // cannot happen within the transaction
      return { created: false, stored };
    });
    if (!out.created) this.checkResubmission(client, out.stored, n);
    this.log.info({ noticeId: out.stored.id, client: client.client, facilityCode: n.facilityCode, created: out.created }, 'death notice received');
    return { created: out.created, receipt: receiptOf(out.stored) };
  }

  /**
   * One of the caller's own notices; another client's, or none, is 404 alike (nothing is revealed about it). A read is a
   * read of the deceased's health data (Decree 13/2023/ND-CP art. 2.4.c): recorded, in the read's transaction, for the
   * deceased, with the facility's system as the actor; a refused read is not.
   */
  async read(client: SystemClient, id: string): Promise<StoredDeathNotice> {
    const n = await this.db.transaction(async (tx) => {
      const found = await this.store.byId(tx, id);
      if (!found || found.clientId !== client.client) return undefined;
      await this.audit?.record(tx, { actor: client, action: 'death-notice.read', purpose: READ_PURPOSE, subjectPin: found.deceasedPin, resource: `death-notice/${id}` });
      return found;
    });
    if (!n) throw new AppError('NOT_FOUND');
    return n;
  }

  private checkResubmission(client: SystemClient, stored: StoredDeathNotice, incoming: DeathNoticeInput): void {
    const what = `Notice ${incoming.noticeNumber} of facility ${incoming.facilityCode}`;
    const whatVi = `Giấy báo tử số ${incoming.noticeNumber} của cơ sở ${incoming.facilityCode}`;
    if (stored.clientId !== client.client)
      throw new AppError('CONFLICT', [
        fieldError('noticeNumber', 'sent-by-another-client', `${what} was already sent by another system client.`, `${whatVi} đã được một ứng dụng khách khác gửi.`),
      ]);
    const differ = differingFields(stored, incoming);
    if (differ.length)
      throw new AppError('CONFLICT', [
        fieldError(
          'noticeNumber',
          'notice-number-reused',
          `${what} was already sent with a different ${differ.join(', ')}. A notice is sent once and never replaced: a corrected notice gets a new number.`,
          `${whatVi} đã được gửi với ${differ.join(', ')} khác. Mỗi giấy báo tử chỉ gửi một lần và không bị thay thế: giấy báo tử đính chính phải có số mới.`,
        ),
      ]);
  }
}
