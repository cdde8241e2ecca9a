import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A process's Prometheus metrics (`/metrics`): what it received and how that ended, what it sent,
 * redeliveries, dead letters, and the outbox lag (rows written but not yet on the bus). Labels carry
 * part and message type only — never an id or anything personal.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly messagesIn = new Counter({
    name: 'lienthong_messages_in_total',
    help: 'Messages received, by part, type and outcome (applied, duplicate, rejected, failed)',
    labelNames: ['part', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly messagesOut = new Counter({
    name: 'lienthong_messages_out_total',
    help: 'Messages written to the outbox, by part and type',
    labelNames: ['part', 'type'] as const,
    registers: [this.registry],
  });
  readonly redeliveries = new Counter({
    name: 'lienthong_redeliveries_total',
    help: 'Deliveries after the first of the same message, by part',
    labelNames: ['part'] as const,
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'lienthong_dead_letters_total',
    help: 'Messages dead-lettered, by recipient part',
    labelNames: ['part'] as const,
    registers: [this.registry],
  });

  /**
   * `outboxLag`: rows not yet published, by part. `procedureDurations` (the hub's processes): how long each
   * procedure took from dispatch to its end over the last hour, read from the hub's own tables at scrape time.
   */
  constructor(outboxLag: () => Promise<Record<string, number>>, procedureDurations?: () => Promise<ProcedureDuration[]>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lienthong_process_' });
    new Gauge({
      name: 'lienthong_outbox_lag',
      help: 'Outbox rows not yet published, by part',
      labelNames: ['part'] as const,
      registers: [this.registry],
      async collect() {
        for (const [part, n] of Object.entries(await outboxLag())) this.set({ part }, n);
      },
    });
    if (procedureDurations) {
      new Gauge({
        name: 'lienthong_procedure_duration_seconds',
        help: 'Procedures ended in the last hour: duration from dispatch to end, by procedure, status and quantile',
        labelNames: ['procedure', 'status', 'quantile'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const d of await procedureDurations()) {
            this.set({ procedure: d.procedure, status: d.status, quantile: '0.5' }, d.p50);
            this.set({ procedure: d.procedure, status: d.status, quantile: '0.95' }, d.p95);
            this.set({ procedure: d.procedure, status: d.status, quantile: '0.99' }, d.p99);
          }
        },
      });
      new Gauge({
        name: 'lienthong_procedures_ended_last_hour',
        help: 'Procedures ended in the last hour, by procedure and status',
        labelNames: ['procedure', 'status'] as const,
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const d of await procedureDurations()) this.set({ procedure: d.procedure, status: d.status }, d.count);
        },
      });
    }
  }
}

export interface ProcedureDuration {
  readonly procedure: string;
  readonly status: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** The hub's query behind `lienthong_procedure_duration_seconds` (the hub's schema, read by the hub's processes only); $1 is the platform clock's now. */
export const PROCEDURE_DURATIONS_SQL = `
  SELECT code AS procedure, status, count(*)::int AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - dispatched_at))::float8 AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - dispatched_at))::float8 AS p95,
         percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - dispatched_at))::float8 AS p99
  FROM hub.procedures
  WHERE finished_at > $1::timestamptz - interval '1 hour' AND dispatched_at IS NOT NULL
  GROUP BY code, status`;
