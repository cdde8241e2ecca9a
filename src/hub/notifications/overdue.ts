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
 * another hub process write nothing more.
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
    const rows = await this.db.query<{ procedure: string }>(
      `INSERT INTO hub.history (dossier_id, at, procedure, status, note)
       SELECT dossier_id, $2, code, 'overdue', 'time limit passed: the last day was ' || agency_deadline::text
       FROM hub.procedures WHERE status = 'dispatched' AND agency_deadline < $1::date
       ON CONFLICT (dossier_id, procedure) WHERE status = 'overdue' DO NOTHING
       RETURNING procedure`,
      [vnDateOf(now), now.toISOString()],
    );
    for (const r of rows) this.counter?.inc({ procedure: r.procedure });
    return rows.length;
  }
}
