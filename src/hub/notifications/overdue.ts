import { Counter } from 'prom-client';
import { vnDateOf } from '../../kernel/dates.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { Metrics } from '../../platform/metrics.ts';

/**
 * Records, once, that an agency let a procedure's time limit pass: a procedure still with its agency
 * (`dispatched`: not final, not waiting on the citizen's supplement or payment) whose own last day
 * (`agency_deadline`, counted on the working-day calendar at dispatch, engine.ts) is before today in Hà Nội.
 * One statement; the partial unique index of migration 6 makes a second sweep, a restart or a concurrent sweep in
 * another hub process write nothing more. The same statement queues one notification to the agency's officers
 * (migration 7; sent by officer-sender.ts).
 */
export class OverdueSweep {
  private readonly counter: Counter<'procedure'> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    metrics?: Metrics,
  ) {
    this.counter = metrics
      ? new Counter({ name: 'lienthong_overdue_procedures_total', help: 'Procedures found past their time limit, by procedure', labelNames: ['procedure'] as const, registers: [metrics.registry] })
      : undefined;
  }

  /** Returns how many procedures became overdue in this run. */
  async run(): Promise<number> {
    const now = this.clock.now();
    // The agency's officers are told once per procedure, in the same statement: only a history row this run wrote
    // (RETURNING gives none for a conflict) gets an officer notification, whose own unique key is a second guard.
    // The address is read when it is sent (officer-sender.ts), from the hub's settings (settings/mailboxes.ts).
    const rows = await this.db.query<{ procedure: string }>(
      `WITH newly AS (
         INSERT INTO hub.history (dossier_id, at, procedure, status, note)
         SELECT dossier_id, $2, code, 'overdue', 'time limit passed: the last day was ' || agency_deadline::text
         FROM hub.procedures WHERE status = 'dispatched' AND agency_deadline < $1::date
         ON CONFLICT (dossier_id, procedure) WHERE status = 'overdue' DO NOTHING
         RETURNING dossier_id, procedure
       ), told AS (
         INSERT INTO hub.officer_notifications (dossier_id, procedure, event, agency, province_code, details, next_attempt_at, created_at)
         SELECT n.dossier_id, n.procedure, 'overdue', p.agency, d.province_code, jsonb_build_object('lastDay', p.agency_deadline::text), $2, $2
         FROM newly n JOIN hub.procedures p ON p.dossier_id = n.dossier_id AND p.code = n.procedure JOIN hub.dossiers d ON d.id = n.dossier_id
         ON CONFLICT (dossier_id, procedure, event) DO NOTHING
       )
       SELECT procedure FROM newly`,
      [vnDateOf(now), now.toISOString()],
    );
    for (const r of rows) this.counter?.inc({ procedure: r.procedure });
    return rows.length;
  }
}
