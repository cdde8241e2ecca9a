import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InProcessTransport } from '../platform/bus/in-process-transport.ts';
import { systemClock } from '../platform/clock.ts';
import type { Db } from '../platform/db/db.ts';
import { makeLogger } from '../platform/log/logger.ts';
import { HubRuntime } from './runtime.ts';

/** An empty database: the relay finds nothing to publish; only the timer is under test. */
const emptyDb: Db = {
  engine: 'pglite',
  query: async () => [],
  exec: async () => undefined,
  transaction: (fn) => fn(emptyDb),
  close: async () => undefined,
};

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('the hub runtime sweeps on a timer while it runs, one sweep at a time, and not after stop()', async () => {
  const db = emptyDb;
  const transport = new InProcessTransport();
  let started = 0;
  let inFlight = 0;
  let overlapped = false;
  const sweep = async () => {
    started++;
    if (++inFlight > 1) overlapped = true;
    await wait(25); // longer than the interval: the next ticks find it still running
    inFlight--;
  };
  const runtime = new HubRuntime({ db, transport, clock: systemClock, log: makeLogger({ level: 'silent' }) }, {}, sweep, 5);
  try {
    await runtime.start();
    // However slow the machine, the timer fires again: wait for a second sweep rather than a fixed time.
    for (let waited = 0; started < 2 && waited < 10_000; waited += 10) await wait(10);
    await runtime.stop();
    const atStop = started;
    assert.ok(atStop >= 2, `swept ${atStop} times`);
    assert.equal(overlapped, false, 'never two sweeps at once');
    assert.equal(inFlight, 0, 'stop() waits for the sweep under way');
    await wait(40);
    assert.equal(started, atStop, 'no sweep after stop()');
  } finally {
    await transport.close();
    await db.close();
  }
});
