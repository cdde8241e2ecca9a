import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { makeEnvelope, type Envelope } from '../../contracts/envelope.ts';
import { InProcessTransport } from '../bus/in-process-transport.ts';
import { DeadLetteredError, type Subscription, type Transport } from '../bus/transport.ts';
import { runningClockFrom, systemClock } from '../clock.ts';
import { countingDb } from '../db/counting-db.ts';
import type { Db } from '../db/db.ts';
import { wrapPglite } from '../db/pglite-db.ts';
import { makeLogger } from '../log/logger.ts';
import { outboxInboxSql } from './outbox-inbox-sql.ts';
import { enqueue } from './outbox.ts';
import { PartRuntime, type HandlerTable } from './part-runtime.ts';
import { pruneMessages, retentionFromEnv } from './prune.ts';
import { OutboxRelay } from './relay.ts';

/**
 * The messaging layer's promises under the batching that makes it fast (docs/performance.md): the relay publishes
 * what it is handed without reading the outbox, finds by its poll what it was not handed, marks many rows in one
 * statement; a part applies the messages that arrive together in one transaction, each once, and a message whose
 * handler fails is retried alone without holding the others back; old messages are pruned.
 */

const log = makeLogger({ level: 'silent' });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(probe: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await wait(5);
  }
}

async function schemaDb(): Promise<Db> {
  const db = wrapPglite(await PGlite.create());
  await db.exec(`CREATE SCHEMA civil_registry; CREATE SCHEMA health; ${outboxInboxSql('civil_registry')}; ${outboxInboxSql('health')};
    CREATE TABLE health.applied (request_id uuid PRIMARY KEY, n int NOT NULL DEFAULT 1)`);
  return db;
}

/** A civil-registry → health request, valid against the message catalogue. */
const request = (dossierId = crypto.randomUUID(), requestId = crypto.randomUUID()) =>
  makeEnvelope({
    type: 'health.death-notice-check.requested',
    sender: 'civil-registry',
    recipient: 'health',
    dossierId,
    causationId: null,
    time: new Date().toISOString(),
    payload: { requestId, noticeId: crypto.randomUUID() },
  });

/** A bus that records what it is given and answers as told. */
class RecordingTransport implements Transport {
  readonly kind = 'in-process' as const;
  readonly published: Envelope[] = [];
  answer: (e: Envelope) => Promise<void> = async () => undefined;
  publish(e: Envelope): Promise<void> {
    this.published.push(e);
    return this.answer(e);
  }
  async subscribe(): Promise<Subscription> {
    return { stop: async () => undefined };
  }
  async close(): Promise<void> {}
}

const outboxStatements = (db: ReturnType<typeof countingDb>, start: string) =>
  [...db.stats.bySql.values()].filter((s) => s.sql.startsWith(start) && s.sql.includes('civil_registry.outbox')).reduce((n, s) => n + s.calls, 0);

test('the relay publishes what it is handed without reading the outbox, and marks a burst published in one UPDATE', async () => {
  const db = countingDb(await schemaDb());
  const bus = new RecordingTransport();
  const relay = new OutboxRelay(db, 'civil_registry', bus, log, { pollMs: 60_000, markEveryMs: 30 });
  try {
    relay.start();
    await eventually(() => db.stats.statements > 0, 'the first poll');
    await wait(20);
    db.reset();
    const sent = Array.from({ length: 20 }, () => request());
    await db.transaction(async (tx) => {
      for (const e of sent) await enqueue(tx, 'civil_registry', e);
    });
    relay.handOff(sent);
    assert.deepEqual(bus.published.map((e) => e.id), sent.map((e) => e.id), 'published at once, in order');
    await eventually(async () => (await relay.backlog()) === 0, 'every row marked');
    assert.equal(outboxStatements(db, 'SELECT id'), 0, 'no read of the outbox (but the backlog counts)');
    assert.equal(outboxStatements(db, 'UPDATE'), 1, 'one UPDATE marked the twenty');
    relay.handOff(sent);
    await wait(50);
    assert.equal(bus.published.length, 40, 'handed over again, published again (receivers dedupe): the relay keeps no history');
  } finally {
    await relay.stop();
    await db.close();
  }
});

test('the poll finds rows it was not handed, never publishes one twice at once, and respects maxInFlight', async () => {
  const db = await schemaDb();
  const bus = new RecordingTransport();
  const gates: (() => void)[] = [];
  bus.answer = () => new Promise<void>((r) => gates.push(r)); // acknowledged only when the test says so
  const relay = new OutboxRelay(db, 'civil_registry', bus, log, { pollMs: 60_000, maxInFlight: 3, markEveryMs: 1 });
  try {
    // Written "by another process": nobody hands them over.
    const rows = Array.from({ length: 5 }, () => request());
    await db.transaction(async (tx) => {
      for (const e of rows) await enqueue(tx, 'civil_registry', e);
    });
    relay.start();
    await eventually(() => bus.published.length === 3, 'the first three published');
    relay.kick();
    relay.handOff(rows);
    await wait(50);
    assert.equal(bus.published.length, 3, 'the relay is full: neither the poll nor a hand-over adds a fourth');
    for (const g of gates.splice(0)) g();
    await eventually(() => bus.published.length === 5, 'the other two, once room freed up');
    assert.equal(new Set(bus.published.map((e) => e.id)).size, 5, 'each published once');
    for (const g of gates.splice(0)) g();
    await eventually(async () => (await relay.backlog()) === 0, 'all marked');
  } finally {
    for (const g of gates) g();
    await relay.stop();
    await db.close();
  }
});

test('a publish that fails is tried again; a dead-lettered one is kept and marked dead', async () => {
  const db = await schemaDb();
  const bus = new RecordingTransport();
  const [flaky, doomed] = [request(), request()];
  let failures = 0;
  bus.answer = async (e) => {
    if (e.id === flaky.id && failures++ === 0) throw new Error('bus unavailable');
    if (e.id === doomed.id) throw new DeadLetteredError(e.id, 'no handler');
  };
  const relay = new OutboxRelay(db, 'civil_registry', bus, log, { pollMs: 100, markEveryMs: 1 });
  try {
    await db.transaction(async (tx) => {
      await enqueue(tx, 'civil_registry', flaky);
      await enqueue(tx, 'civil_registry', doomed);
    });
    relay.start();
    relay.handOff([flaky, doomed]);
    await eventually(async () => (await relay.backlog()) === 0, 'both settled', 10_000);
    const rows = await db.query<{ id: string; published: boolean; dead: boolean; last_error: string | null }>(
      'SELECT id, published_at IS NOT NULL AS published, dead_at IS NOT NULL AS dead, last_error FROM civil_registry.outbox',
    );
    const by = new Map(rows.map((r) => [r.id, r]));
    assert.equal(by.get(flaky.id)?.published, true);
    assert.ok(bus.published.filter((e) => e.id === flaky.id).length >= 2, 'published again after the failure');
    assert.deepEqual([by.get(doomed.id)?.dead, by.get(doomed.id)?.published, by.get(doomed.id)?.last_error], [true, false, 'no handler']);
  } finally {
    await relay.stop();
    await db.close();
  }
});

/** A health part whose handler counts what it applies, and may fail for chosen requests. */
function healthPart(db: Db, transport: Transport, failFor: Set<string>, batchSize?: number) {
  const handlers: HandlerTable = {
    async 'health.death-notice-check.requested'(tx, env) {
      const { requestId } = env.payload as { requestId: string };
      if (failFor.has(requestId)) throw new Error('the notice register is down');
      await tx.query('INSERT INTO health.applied (request_id) VALUES ($1) ON CONFLICT (request_id) DO UPDATE SET n = health.applied.n + 1', [requestId]);
    },
  };
  return new PartRuntime('health', { db, transport, clock: systemClock, log, retention: null, ...(batchSize ? { batchSize } : {}) }, handlers);
}

test('messages that arrive together are applied in one transaction, each once, duplicates included', async () => {
  const raw = await schemaDb();
  const db = countingDb(raw);
  const transport = new InProcessTransport();
  const part = healthPart(db, transport, new Set());
  try {
    await part.start({ maxInFlight: 64 });
    await wait(20);
    db.reset();
    const sent = Array.from({ length: 40 }, () => request());
    // One published twice while the first copy is in flight: the transport joins them; one published again after.
    const done = Promise.all([...sent, sent[0]!].map((e) => transport.publish(e)));
    await done;
    await transport.publish(sent[1]!);
    const applied = await raw.query<{ n: number }>('SELECT n FROM health.applied');
    assert.equal(applied.length, 40);
    assert.ok(applied.every((r) => r.n === 1), 'none applied twice');
    assert.ok(db.stats.transactions < 40, `${db.stats.transactions} transactions for 40 messages`);
    const inboxInserts = [...db.stats.bySql.values()].filter((s) => s.sql.startsWith('INSERT INTO health.inbox')).reduce((n, s) => n + s.calls, 0);
    assert.equal(inboxInserts, db.stats.transactions, 'one inbox INSERT per batch');
  } finally {
    await part.stop();
    await transport.close();
    await db.close();
  }
});

test('a message whose handler fails holds nothing back: the rest of its batch is applied, it is retried alone', async () => {
  const db = await schemaDb();
  const transport = new InProcessTransport();
  const bad = request();
  const failFor = new Set([(bad.payload as { requestId: string }).requestId]);
  const part = healthPart(db, transport, failFor);
  try {
    await part.start({ maxInFlight: 64 });
    const good = Array.from({ length: 20 }, () => request());
    const outcome = Promise.allSettled([bad, ...good].map((e) => transport.publish(e)));
    await eventually(async () => (await db.query('SELECT 1 FROM health.applied')).length === 20, 'the twenty good ones');
    failFor.clear(); // the register is back: the bus's retry applies it
    const settled = await outcome;
    assert.ok(settled.every((s) => s.status === 'fulfilled'), 'every delivery acked in the end');
    const rows = await db.query<{ n: number }>('SELECT n FROM health.applied');
    assert.equal(rows.length, 21);
    assert.ok(rows.every((r) => r.n === 1));
    const [inbox] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM health.inbox');
    assert.equal(inbox!.n, 21, 'the failed attempt left no inbox row');
  } finally {
    await part.stop();
    await transport.close();
    await db.close();
  }
});

test('a message no handler can apply is refused at once, never batched with the others', async () => {
  const db = await schemaDb();
  const transport = new InProcessTransport();
  const part = healthPart(db, transport, new Set());
  try {
    await part.start();
    const misrouted = makeEnvelope({ ...request(), recipient: 'health', type: 'procedure.completed', sender: 'population', payload: {} });
    await assert.rejects(transport.publish(misrouted), (e: Error) => e instanceof DeadLetteredError);
    await transport.publish(request());
    assert.equal((await db.query('SELECT 1 FROM health.applied')).length, 1);
  } finally {
    await part.stop();
    await transport.close();
    await db.close();
  }
});

test('pruning deletes published outbox rows and inbox rows past the retention, and keeps the rest', async () => {
  const db = await schemaDb();
  try {
    const [old, recent, unpublished, dead] = [request(), request(), request(), request()];
    await db.transaction(async (tx) => {
      for (const e of [old, recent, unpublished, dead]) await enqueue(tx, 'civil_registry', e);
      await tx.query(`UPDATE civil_registry.outbox SET published_at = now() - interval '2 hours' WHERE id = $1`, [old.id]);
      await tx.query(`UPDATE civil_registry.outbox SET published_at = now() - interval '10 minutes' WHERE id = $1`, [recent.id]);
      await tx.query(`UPDATE civil_registry.outbox SET dead_at = now() - interval '2 hours', last_error = 'x' WHERE id = $1`, [dead.id]);
      for (const [e, at] of [
        [old, '2025-01-24T06:00:00Z'],
        [recent, '2025-01-24T08:55:00Z'],
      ] as const)
        await tx.query('INSERT INTO health.inbox (message_id, type, sender, dossier_id, received_at) VALUES ($1, $2, $3, $4, $5)', [e.id, e.type, e.sender, e.dossierId, at]);
    });
    const platformNow = runningClockFrom(new Date('2025-01-24T09:00:00Z')).now();
    assert.deepEqual(await pruneMessages(db, 'civil_registry', 3600_000, platformNow), { outbox: 1, inbox: 0 });
    assert.deepEqual(await pruneMessages(db, 'health', 3600_000, platformNow, 1), { outbox: 0, inbox: 1 });
    const left = (await db.query<{ id: string }>('SELECT id FROM civil_registry.outbox ORDER BY seq')).map((r) => r.id);
    assert.deepEqual(left, [recent.id, unpublished.id, dead.id]);
    assert.deepEqual((await db.query<{ message_id: string }>('SELECT message_id FROM health.inbox')).map((r) => r.message_id), [recent.id]);
  } finally {
    await db.close();
  }
});

test('the retention comes from LIENTHONG_MESSAGE_RETENTION_SECONDS, 0 meaning for ever', () => {
  assert.equal(retentionFromEnv({})?.keepMs, 7 * 24 * 3600_000);
  assert.deepEqual(retentionFromEnv({ LIENTHONG_MESSAGE_RETENTION_SECONDS: '60' }), { keepMs: 60_000, everyMs: 6000 });
  assert.equal(retentionFromEnv({ LIENTHONG_MESSAGE_RETENTION_SECONDS: '0' }), null);
  assert.throws(() => retentionFromEnv({ LIENTHONG_MESSAGE_RETENTION_SECONDS: 'a week' }), /seconds ≥ 0/);
});
