import type { Queryable } from '../../platform/db/db.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { DeathNoticeInput } from './domain/death-notice-rules.ts';

export interface StoredDeathNotice extends DeathNoticeInput {
  readonly id: string;
  readonly clientId: string;
  readonly receivedAt: string;
}

interface Row {
  id: string;
  client_id: string;
  facility_code: string;
  notice_number: string;
  deceased_pin: string;
  date_of_death: string;
  time_of_death: string;
  place_of_death: string;
  cause_category: string;
  received_at: string | Date;
}

const COLUMNS = `id, client_id, facility_code, notice_number, deceased_pin, date_of_death::text AS date_of_death, time_of_death,
  place_of_death, cause_category, received_at`;

/**
 * Death notices in schema `health`. The cause is sealed at rest with `box` (bound to the notice's id); without
 * one (distributed mode has no data key yet, unit tests) it is stored as given.
 */
export function healthStore(box?: SecretBox) {
  const aad = (id: string) => `death-notice:${id}|causeCategory`;
  const open = (r: Row): StoredDeathNotice => {
    const cause = box ? box.open(r.cause_category, aad(r.id)) : r.cause_category;
    if (cause === null) throw new Error(`death notice ${r.id}: the sealed cause does not open (altered, moved, or another data key)`);
    return {
      id: r.id,
      clientId: r.client_id,
      facilityCode: r.facility_code,
      noticeNumber: r.notice_number,
      deceasedPin: r.deceased_pin,
      dateOfDeath: r.date_of_death,
      timeOfDeath: r.time_of_death,
      placeOfDeath: r.place_of_death,
      causeCategory: cause,
      receivedAt: new Date(r.received_at).toISOString(),
    };
  };
  return {
    /** Inserts the notice unless its facility has sent that number already; true when this call inserted it. */
    async insert(tx: Queryable, n: StoredDeathNotice): Promise<boolean> {
      const rows = await tx.query(
        `INSERT INTO health.death_notices (id, client_id, facility_code, notice_number, deceased_pin, date_of_death, time_of_death, place_of_death, cause_category, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (facility_code, notice_number) DO NOTHING RETURNING id`,
        [n.id, n.clientId, n.facilityCode, n.noticeNumber, n.deceasedPin, n.dateOfDeath, n.timeOfDeath, n.placeOfDeath, box ? box.seal(n.causeCategory, aad(n.id)) : n.causeCategory, n.receivedAt],
      );
      return rows.length === 1;
    },

    async byNumber(tx: Queryable, facilityCode: string, noticeNumber: string): Promise<StoredDeathNotice | undefined> {
      const [r] = await tx.query<Row>(`SELECT ${COLUMNS} FROM health.death_notices WHERE facility_code = $1 AND notice_number = $2`, [facilityCode, noticeNumber]);
      return r && open(r);
    },

    async byId(tx: Queryable, id: string): Promise<StoredDeathNotice | undefined> {
      const [r] = await tx.query<Row>(`SELECT ${COLUMNS} FROM health.death_notices WHERE id = $1`, [id]);
      return r && open(r);
    },
  };
}
export type HealthStore = ReturnType<typeof healthStore>;
