import { vnDateOf, type IsoDate } from '../../kernel/dates.ts';
import { AppError, fieldError } from '../../kernel/errors.ts';
import type { WorkingCalendar, YearCalendar } from '../../kernel/calendar/index.ts';
import { statutoryHolidays } from '../../kernel/calendar/index.ts';
import { dateRange, sortedUnique } from '../../kernel/calendar/year-calendar.ts';
import type { AuditEvent } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/logger.ts';
import { checkCalendarChange, toRanges, type CalendarChange } from './domain/calendar-change.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;

/** How stale a process's calendar may be when another process (the portal, a second hub) set a year. */
export const CALENDAR_REFRESH_MS = 5000;

interface CalendarRow {
  id: number;
  year: number;
  off: [string, string][];
  workingSaturdays: string[];
  legalBasis: string;
  reason: string;
  setBy: string;
  setAt: string;
}

const COLS = `id::int AS id, year, off, working_saturdays AS "workingSaturdays", legal_basis AS "legalBasis", reason, set_by AS "setBy",
  to_char(set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt"`;

const calendarStore = {
  async all(q: Queryable): Promise<CalendarRow[]> {
    return q.query<CalendarRow>(`SELECT ${COLS} FROM hub.calendar_versions ORDER BY id`);
  },
  async ofYear(q: Queryable, year: number): Promise<CalendarRow[]> {
    return q.query<CalendarRow>(`SELECT ${COLS} FROM hub.calendar_versions WHERE year = $1 ORDER BY id`, [year]);
  },
  async insert(tx: Queryable, r: Omit<CalendarRow, 'id'>): Promise<void> {
    await tx.query(
      'INSERT INTO hub.calendar_versions (year, off, working_saturdays, legal_basis, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [r.year, JSON.stringify(r.off), JSON.stringify(r.workingSaturdays), r.legalBasis, r.reason, r.setBy, r.setAt],
    );
  },
  async lock(tx: Queryable, year: number): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hub.calendar.${year}`]);
  },
};

const calendarOf = (r: CalendarRow): YearCalendar => ({
  year: r.year,
  source: 'operator',
  daysOff: sortedUnique(r.off.flatMap(([a, b]) => dateRange(a as IsoDate, b as IsoDate))),
  workingSaturdays: sortedUnique(r.workingSaturdays as IsoDate[]),
  legalBasis: r.legalBasis,
});

/**
 * The yearly holiday calendars the hub counts deadlines on (issue 7 item 2), set by the hub's national IT operator:
 * `GET/PUT /api/v1/settings/calendars/{year}` (docs/back-office.md "Holiday calendar"). A PUT is checked
 * (domain/calendar-change.ts), kept append-only in `hub.calendar_versions` with who, when, why and the legal basis,
 * recorded in the audit trail (`config.changed`), and put in force in the process's `WorkingCalendar` at once — the
 * one the engine and the dashboard use — and within CALENDAR_REFRESH_MS in every other process on the hub's database
 * (`start` reloads on a timer). Deadlines already computed are stored with their procedures and never move.
 */
export class HubCalendars {
  private readonly applied = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
    private readonly log: Logger,
    private readonly audit?: { record(tx: Queryable, e: AuditEvent): Promise<unknown> },
  ) {}

  /** Loads what operators set, then keeps reloading (another process may set a year). */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.refresh()
        .catch((err: unknown) => this.log.warn({ err }, 'holiday calendars could not be reloaded; the ones in memory stay in force'))
        .finally(() => (this.running = undefined));
    }, CALENDAR_REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Puts in force, for each year, the last calendar an operator set (if not already). */
  async refresh(): Promise<void> {
    const latest = new Map<number, CalendarRow>();
    for (const r of await calendarStore.all(this.db)) latest.set(r.year, r);
    for (const [year, r] of latest) {
      if (this.applied.get(year) === r.id) continue;
      this.calendar.setYear(calendarOf(r));
      this.applied.set(year, r.id);
    }
  }

  /** The year's calendar in force, with the Labour Code's holidays and every change an operator made. */
  async view(_operator: Officer, year: number) {
    const rows = await this.db.transaction((tx) => calendarStore.ofYear(tx, year));
    return viewOf(year, this.inForce(year, rows), rows);
  }

  /** Replaces the year's calendar from now on (national operator only). */
  async change(operator: Officer, year: number, change: CalendarChange) {
    if (operator.provinceCode)
      throw new AppError('FORBIDDEN', [fieldError('year', 'national-only', 'The holiday calendar is national: only a national IT operator (no province) changes it.', 'Lịch nghỉ lễ là lịch toàn quốc: chỉ cán bộ CNTT cấp trung ương (không gắn với tỉnh) được thay đổi.')]);
    const now = this.clock.now();
    const today = vnDateOf(now);
    const by = `officer:${operator.username}`;
    const { calendar, rows } = await this.db.transaction(async (tx) => {
      await calendarStore.lock(tx, year);
      const before = await calendarStore.ofYear(tx, year);
      const current = this.inForce(year, before);
      const checked = checkCalendarChange(year, change, current, today);
      if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.fields);
      const row = { year, off: toRanges(checked.calendar.daysOff), workingSaturdays: checked.calendar.workingSaturdays, legalBasis: checked.calendar.legalBasis, reason: change.reason.trim(), setBy: by, setAt: now.toISOString() };
      await calendarStore.insert(tx, row);
      await this.audit?.record(tx, {
        actor: operator,
        action: 'config.changed',
        purpose: 'yearly holiday calendar the hub counts working days on (issue 7 item 2)',
        resource: `hub/settings/calendars/${year}`,
        details: {
          before: { source: current.source, off: toRanges(current.daysOff), workingSaturdays: current.workingSaturdays, legalBasis: current.legalBasis },
          after: { off: row.off, workingSaturdays: row.workingSaturdays, legalBasis: row.legalBasis },
          changedDays: checked.changedDays,
          reason: row.reason,
        },
      });
      return { calendar: checked.calendar, rows: await calendarStore.ofYear(tx, year) };
    });
    // In force here at once; other processes pick it up on their next reload.
    this.calendar.setYear(calendar);
    this.applied.set(year, rows[rows.length - 1]!.id);
    return viewOf(year, calendar, rows);
  }

  /** What is in force for `year` by the database: the last operator's calendar, else the published or computed one. */
  private inForce(year: number, rows: readonly CalendarRow[]): YearCalendar {
    const last = rows[rows.length - 1];
    return last ? calendarOf(last) : this.calendar.baseYearCalendar(year);
  }
}

function viewOf(year: number, c: YearCalendar, rows: readonly CalendarRow[]) {
  return {
    year,
    source: c.source,
    legalBasis: c.legalBasis,
    off: toRanges(c.daysOff),
    daysOff: c.daysOff,
    workingSaturdays: c.workingSaturdays,
    statutoryHolidays: statutoryHolidays(year),
    changes: rows.map((r) => ({ setAt: r.setAt, setBy: r.setBy, reason: r.reason, legalBasis: r.legalBasis, off: r.off, workingSaturdays: r.workingSaturdays })),
  };
}
