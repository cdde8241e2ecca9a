import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeEnvelope, type Envelope } from '../../src/contracts/envelope.ts';
import type { PartName } from '../../src/contracts/parts.ts';
import { InProcessTransport } from '../../src/platform/bus/in-process-transport.ts';
import type { NatsTransport } from '../../src/platform/bus/nats-transport.ts';
import { TerminalError, type Delivery, type Transport } from '../../src/platform/bus/transport.ts';
import { eventually } from '../support/harness.ts';
import { freshNats, natsAvailable } from '../support/nats.ts';

/**
 * The bus port's promises, checked on every transport: delivery to the named recipient, ack on the
 * handler's success, redelivery with a growing attempt number after a failure, dead-letter after the
 * last attempt or at once on a TerminalError, a re-published id delivered once, and back-pressure.
 */
const kinds: ('in-process' | 'nats')[] = ['in-process'];
if (await natsAvailable()) kinds.push('nats');

const env = (recipient: PartName, n: number, id?: string): Envelope =>
  makeEnvelope({
    ...(id ? { id } : {}),
    type: 'procedure.completed',
    sender: 'hub',
    recipient,
    dossierId: crypto.randomUUID(),
    causationId: null,
    time: new Date().toISOString(),
    payload: { n },
  });

const opts = { backoffMs: [20, 40], maxDeliver: 3 };

for (const kind of kinds) {
  describe(`bus transport contract (${kind})`, () => {
    let t: Transport;
    before(async () => {
      t = kind === 'nats' ? await freshNats({ ackWaitMs: 5_000 }) : new InProcessTransport();
    });
    after(async () => {
      if (kind === 'nats') {
        // Each run removes the streams it made under its own prefix.
        await (t as NatsTransport).destroy();
        await t.close();
      } else await t.close();
    });

    /** Publishes without waiting for the in-process transport's "receiver committed" promise. */
    const send = (e: Envelope) => {
      const p = t.publish(e);
      p.catch(() => undefined);
      return p;
    };

    test('a message reaches its recipient, once, and only that recipient', async () => {
      const got: Delivery[] = [];
      const other: Delivery[] = [];
      const s1 = await t.subscribe('population', async (d) => void got.push(d), opts);
      const s2 = await t.subscribe('civil-registry', async (d) => void other.push(d), opts);
      const e = env('population', 1);
      await send(e);
      await eventually(async () => (got.length === 1 ? true : undefined), 'delivery');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(got.length, 1);
      assert.equal(got[0]!.envelope.id, e.id);
      assert.deepEqual(got[0]!.envelope.payload, { n: 1 });
      assert.equal(got[0]!.attempt, 1);
      assert.equal(other.length, 0);
      await s1.stop();
      await s2.stop();
    });

    test('a failing handler gets the message again with a growing attempt number, until it succeeds', async () => {
      const attempts: number[] = [];
      const s = await t.subscribe(
        'social-security',
        async (d) => {
          attempts.push(d.attempt);
          if (d.attempt < 3) throw new Error('database busy');
        },
        { backoffMs: [20, 40], maxDeliver: 5 },
      );
      await send(env('social-security', 2));
      await eventually(async () => (attempts.length >= 3 ? true : undefined), 'three attempts');
      await new Promise((r) => setTimeout(r, 150));
      assert.deepEqual(attempts, [1, 2, 3], 'acked on the third attempt and not delivered again');
      await s.stop();
    });

    test('a message that always fails is dead-lettered after maxDeliver attempts; a TerminalError at once', async () => {
      const seen = new Map<string, number>();
      const s = await t.subscribe(
        'hub',
        async (d) => {
          seen.set(d.envelope.id, (seen.get(d.envelope.id) ?? 0) + 1);
          if ((d.envelope.payload as { n: number }).n === 3) throw new Error('always fails');
          throw new TerminalError('can never apply');
        },
        opts,
      );
      const failing = env('hub', 3);
      const terminal = env('hub', 4);
      const r1 = send(failing);
      const r2 = send(terminal);
      if (kind === 'in-process') {
        await assert.rejects(r1, /dead-lettered: always fails/);
        await assert.rejects(r2, /dead-lettered: can never apply/);
      } else {
        const n = t as NatsTransport;
        await eventually(async () => ((await n.deadLetters()).length === 2 ? true : undefined), 'two dead letters');
        const dead = await n.deadLetters();
        const byId = new Map(dead.map((d) => [d.envelope.id, d]));
        assert.equal(byId.get(failing.id)?.error, 'always fails');
        assert.equal(byId.get(failing.id)?.attempts, 3);
        assert.equal(byId.get(terminal.id)?.error, 'can never apply');
        assert.equal(byId.get(terminal.id)?.attempts, 1);
      }
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(seen.get(failing.id), 3);
      assert.equal(seen.get(terminal.id), 1);
      await s.stop();
    });

    test('the same message id published twice is delivered once', async () => {
      const got: string[] = [];
      const s = await t.subscribe('population', async (d) => void got.push(d.envelope.id), opts);
      const e = env('population', 5);
      await Promise.all([send(e), send(e)]);
      await send(e);
      await eventually(async () => (got.length >= 1 ? true : undefined), 'delivery');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(got, [e.id]);
      await s.stop();
    });

    test('back-pressure: no more than maxInFlight deliveries in the handler at once', async () => {
      let active = 0;
      let peak = 0;
      let done = 0;
      const s = await t.subscribe(
        'civil-registry',
        async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
          done++;
        },
        { maxInFlight: 3 },
      );
      for (let i = 0; i < 30; i++) void send(env('civil-registry', 100 + i));
      await eventually(async () => (done === 30 ? true : undefined), '30 deliveries');
      assert.ok(peak <= 3, `peak in flight ${peak}`);
      assert.ok(peak >= 2, `deliveries ran concurrently (peak ${peak})`);
      await s.stop();
    });

    if (kind === 'nats') {
      test('a dead letter can be replayed once its cause is mended', async () => {
        const n = t as NatsTransport;
        let mended = false;
        const applied: string[] = [];
        const s = await t.subscribe(
          'social-security',
          async (d) => {
            if (!mended) throw new TerminalError('register unavailable');
            applied.push(d.envelope.id);
          },
          opts,
        );
        const e = env('social-security', 6);
        await send(e);
        await eventually(async () => ((await n.deadLetters()).some((d) => d.envelope.id === e.id) ? true : undefined), 'dead letter');
        mended = true;
        assert.equal(await n.replay(e.id), true);
        await eventually(async () => (applied.includes(e.id) ? true : undefined), 'replayed delivery');
        assert.equal((await n.deadLetters()).some((d) => d.envelope.id === e.id), false, 'gone from the list');
        assert.equal(await n.replay(e.id), false, 'nothing left to replay');
        await s.stop();
      });

      test('a message published while its recipient is down waits in the stream', async () => {
        const n = t as NatsTransport;
        const e = env('population', 7);
        await send(e);
        assert.equal(await n.pending('population'), 1);
        const got: string[] = [];
        const s = await t.subscribe('population', async (d) => void got.push(d.envelope.id), opts);
        await eventually(async () => (got.length === 1 ? true : undefined), 'delivery after subscribe');
        assert.deepEqual(got, [e.id]);
        await eventually(async () => ((await n.pending('population')) === 0 ? true : undefined), 'acked and removed from the work queue');
        await s.stop();
      });
    }
  });
}
