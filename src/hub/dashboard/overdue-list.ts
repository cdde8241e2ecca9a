import { vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import type { WorkingCalendar } from '../../kernel/calendar/index.ts';
import { AppError, fieldError, type FieldError } from '../../kernel/errors.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { GROUPS } from '../groups/catalogue.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

export interface OverdueQuery {
  readonly agency?: string;
  readonly provinceCode?: string;
  readonly group?: string;
  readonly procedure?: string;
  readonly sort?: 'last-day' | 'dispatched';
  readonly limit?: number;
  readonly offset?: number;
}

interface Row {
  dossier_id: string;
  group_code: string;
  code: string;
  agency: string;
  province_code: string | null;
  in_review: boolean;
  dispatched_at: string;
  last_day: string;
  overdue_since: string | null;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The overdue procedures, on the open-procedures index (hub_procedures_open): one round trip. */
async function overdueRows(
  tx: Queryable,
  f: { today: string; agency: string | null; provinceCode: string | null; group: string | null; procedure: string | null; sort: 'last-day' | 'dispatched'; limit: number; offset: number },
): Promise<Row[]> {
  const order = f.sort === 'dispatched' ? 'p.dispatched_at, p.dossier_id, p.code' : 'p.agency_deadline, p.dispatched_at, p.dossier_id, p.code';
  return tx.query<Row>(
    `SELECT p.dossier_id, d.group_code, p.code, p.agency, d.province_code, p.in_review, ${iso('p.dispatched_at')} AS dispatched_at,
       p.agency_deadline::text AS last_day, ${iso('h.at')} AS overdue_since
     FROM hub.procedures p JOIN hub.dossiers d ON d.id = p.dossier_id
       LEFT JOIN hub.history h ON h.dossier_id = p.dossier_id AND h.procedure = p.code AND h.status = 'overdue'
     WHERE p.status = 'dispatched' AND p.agency_deadline < $1::date
       AND ($2::text IS NULL OR p.agency = $2) AND ($3::text IS NULL OR d.province_code = $3)
       AND ($4::text IS NULL OR d.group_code = $4) AND ($5::text IS NULL OR p.code = $5)
     ORDER BY ${order} LIMIT $6 OFFSET $7`,
    [f.today, f.agency, f.provinceCode, f.group, f.procedure, f.limit, f.offset],
  );
}

/**
 * The overdue worklist (docs/back-office.md): each procedure still with its agency after its last day. The hub
 * knows the deadlines, so the list is the hub's; each agency's officers see their own agency's procedures in their
 * province — the civil registry its births and deaths, social security its HI cards and benefits — and the hub's
 * officers (the one-stop shop) every agency's, or one. Each item says who holds it (the agency, and whether an
 * officer took it for review); the agency's own worklist, found by the dossier id, says which officer has it.
 *
 * No personal data (no PIN, name, declaration): dossier ids, procedures, dates and the province. Not audited, as the
 * SLA figures are not; only caseworkers, whose work it is (the route policy).
 */
export class OverdueList {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  async list(officer: Officer, q: OverdueQuery) {
    const today = vnDateOf(this.clock.now());
    const errors: FieldError[] = [];
    if (q.group !== undefined && !GROUPS[q.group]) errors.push(fieldError('query.group', 'unknown-group', `Unknown procedure group ${q.group}.`, `Không có nhóm thủ tục ${q.group}.`));
    const catalogue = Object.values(GROUPS).flatMap((g) => g.procedures.map((p) => ({ group: g.code, code: p.code, title: p.title, agency: p.agency })));
    if (q.procedure !== undefined && !catalogue.some((c) => c.code === q.procedure && (q.group === undefined || c.group === q.group)))
      errors.push(fieldError('query.procedure', 'unknown-procedure', `No procedure ${q.procedure}${q.group ? ` in group ${q.group}` : ''}.`, `Không có thủ tục ${q.procedure}${q.group ? ` trong nhóm ${q.group}` : ''}.`));
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors);
    // An agency's officers see their own agency's procedures; the hub's see every agency's, or the one they ask for.
    if (officer.agency !== 'hub' && q.agency !== undefined && q.agency !== officer.agency)
      throw new AppError('FORBIDDEN', [fieldError('query.agency', 'other-agency', 'You see your own agency’s procedures only.', 'Bạn chỉ xem được thủ tục của cơ quan mình.')]);
    if (officer.provinceCode && q.provinceCode && q.provinceCode !== officer.provinceCode)
      throw new AppError('FORBIDDEN', [fieldError('query.provinceCode', 'outside-area', 'You see your own province only.', 'Bạn chỉ xem được tỉnh của mình.')]);
    const agency = officer.agency === 'hub' ? (q.agency ?? null) : officer.agency;
    const provinceCode = officer.provinceCode ?? q.provinceCode ?? null;
    const rows = await this.db.transaction((tx) =>
      overdueRows(tx, { today, agency, provinceCode, group: q.group ?? null, procedure: q.procedure ?? null, sort: q.sort ?? 'last-day', limit: q.limit ?? 50, offset: q.offset ?? 0 }),
    );
    const titles = new Map(catalogue.map((c) => [`${c.group}/${c.code}`, c.title]));
    return {
      today,
      agency,
      provinceCode,
      items: rows.map((r) => ({
        dossierId: r.dossier_id,
        group: r.group_code,
        procedure: r.code,
        title: titles.get(`${r.group_code}/${r.code}`) ?? { vi: r.code, en: r.code },
        agency: r.agency,
        provinceCode: r.province_code,
        dispatchedAt: r.dispatched_at,
        lastDay: r.last_day,
        // Working days since the last day, today included (the calendar the deadline was counted on).
        workingDaysLate: this.calendar.workingDaysBetween(r.last_day as IsoDate, today),
        // When the hub's sweep recorded it overdue (and told the agency's mailbox); null until the next sweep.
        overdueSince: r.overdue_since,
        heldBy: { agency: r.agency, inReview: r.in_review },
      })),
    };
  }
}
