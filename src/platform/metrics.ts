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

  constructor(outboxLag: () => Promise<Record<string, number>>) {
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
  }
}
