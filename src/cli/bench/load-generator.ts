/**
 * The benchmark's clients, in a worker thread of their own: in embedded mode the platform runs in the bench's
 * process, and clients sharing its event loop would both steal its CPU and wait behind its work, so that a 202 would
 * be timed late. In the worker they run on the machine's other core, as real clients would run elsewhere.
 *
 * Closed loop: C clients, each submitting when its last answer came. Open loop: the i-th request is due at
 * start + i / rate whatever the platform does; its latency counts from that due time (so a platform that falls behind
 * is charged for the queue it builds, and a late client is not mistaken for a fast platform).
 *
 * The worker is plain JavaScript (global fetch, no imports), so it runs the same under tsx and under node.
 */
import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  /** Bearer token of the declarant. */
  readonly token: string;
  /** The JSON body of POST /api/v1/dossiers. */
  readonly body: string;
}

export interface LoadResult {
  readonly i: number;
  /** When the request was due (open loop) or sent (closed loop), ms since the epoch. */
  readonly arrival: number;
  /** ms from arrival to the answer. */
  readonly answeredMs: number;
  /** HTTP status, or 0 when the request failed without an answer. */
  readonly status: number;
  /** The dossier id of a 202, else the answer (or the error) as text. */
  readonly idOrText: string;
}

export interface LoadOptions {
  readonly url: string;
  readonly requests: readonly LoadRequest[];
  /** Arrivals per second (open loop); absent: closed loop with `concurrency` clients. */
  readonly rate?: number | undefined;
  /** Open loop on a schedule instead: request i is due `offsetsMs[i]` after `startAt` (ms since the epoch). */
  readonly schedule?: { readonly startAt: number; readonly offsetsMs: readonly number[] } | undefined;
  readonly concurrency: number;
  /** Told of each answer as it comes (progress). */
  readonly onResult?: (r: LoadResult) => void;
  /** Reads of accepted dossiers (GET /api/v1/dossiers/{id}) per second while the submissions run (not in queue mode). */
  readonly reads?: number | undefined;
  /** Told the readers' figures at the end (latency from each read's due time, ms). */
  readonly onReads?: (r: ReadFigures) => void;
}

export interface ReadFigures {
  count: number;
  failures: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, requests, rate, concurrency, schedule, queue, reads } = workerData;
const READ_CONNECTIONS = 32;
const accepted = []; // [id, token] of each 202, for the readers
const one = async (i, arrival) => {
  const r = requests[i];
  let status = 0, idOrText = '';
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + r.token }, body: r.body });
    status = res.status;
    const text = await res.text();
    idOrText = status === 202 ? JSON.parse(text).id : text;
    if (status === 202) accepted.push([idOrText, r.token]);
  } catch (e) {
    idOrText = String(e && e.message || e);
  }
  parentPort.postMessage({ i, arrival, answeredMs: Date.now() - arrival, status, idOrText });
};
if (queue) {
  // Queue mode: the parent says which requests to send now ({ submit: [i…] }), and when no more will come ({ end }).
  const inFlight = new Set();
  let ending = false;
  const finish = () => ending && inFlight.size === 0 && parentPort.postMessage({ done: true });
  parentPort.on('message', (m) => {
    if (m.end) { ending = true; return finish(); }
    for (const i of m.submit) {
      const p = one(i, Date.now()).finally(() => { inFlight.delete(p); finish(); });
      inFlight.add(p);
    }
  });
} else (async () => {
  let writing = true;
  // Readers: GET /api/v1/dossiers/{id} of an accepted dossier, \`reads\` per second on a schedule, while the writes run.
  const readTimes = [];
  let readFailures = 0;
  // The reads go through a pool of kept-alive connections, as they would from a reverse proxy in front of the
  // platform: with fetch's default (a new connection for every concurrent request) a read load the platform cannot
  // keep up with becomes a storm of connections that time out (UND_ERR_CONNECT_TIMEOUT), and what is measured is the
  // accept queue, not the reads. A read waiting for a free connection is still charged from its due time.
  const http = require('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: READ_CONNECTIONS });
  const get = (u, token) => new Promise((resolve, reject) => {
    const req = http.get(u, { agent, headers: { authorization: 'Bearer ' + token } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const reading = !reads ? Promise.resolve() : (async () => {
    const start = Date.now();
    const pending = [];
    for (let k = 0; writing; k++) {
      const due = start + (k * 1000) / reads;
      const wait = due - Date.now();
      // Always give the loop a turn: behind schedule, with nothing accepted yet, this would spin and starve the writes.
      await new Promise((res) => (wait > 0 ? setTimeout(res, wait) : setImmediate(res)));
      if (accepted.length === 0) continue;
      const [id, token] = accepted[Math.floor(Math.random() * accepted.length)];
      pending.push(get(url + '/' + id, token).then((status) => {
        if (status === 200) readTimes.push(Date.now() - due); else readFailures++;
      }, () => readFailures++));
    }
    await Promise.all(pending);
    agent.destroy();
  })();
  const started = schedule ? schedule.startAt : Date.now();
  const dueOf = (i) => (schedule ? started + schedule.offsetsMs[i] : started + (i * 1000) / rate);
  if (rate === undefined && !schedule) {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
      while (next < requests.length) await one(next++, Date.now());
    }));
  } else {
    const inFlight = [];
    for (let i = 0; i < requests.length; i++) {
      const due = dueOf(i);
      const wait = due - Date.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      inFlight.push(one(i, due));
    }
    await Promise.all(inFlight);
  }
  writing = false;
  await reading;
  if (reads) {
    readTimes.sort((a, b) => a - b);
    const at = (p) => readTimes.length ? readTimes[Math.min(readTimes.length - 1, Math.max(0, Math.ceil((p / 100) * readTimes.length) - 1))] : 0;
    parentPort.postMessage({ reads: { count: readTimes.length, failures: readFailures, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) } });
  }
  parentPort.postMessage({ done: true });
})();
`;

/**
 * Clients that send what they are told when they are told (the simulation decides when each declaration arrives):
 * `submit` sends requests at once, `finish` resolves when every one sent has its answer.
 */
export function startQueueLoad(o: Pick<LoadOptions, 'url' | 'requests' | 'onResult'>): { submit(indices: readonly number[]): void; finish(): Promise<void> } {
  const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { url: `${o.url}/api/v1/dossiers`, requests: o.requests, queue: true } });
  let failed: Error | undefined;
  const done = new Promise<void>((resolve, reject) => {
    w.on('message', (m: LoadResult | { done: true }) => {
      if ('done' in m) {
        void w.terminate();
        resolve();
      } else o.onResult?.(m);
    });
    w.on('error', (e) => reject((failed = e)));
  });
  return {
    submit(indices) {
      if (failed) throw failed;
      if (indices.length) w.postMessage({ submit: indices });
    },
    finish() {
      w.postMessage({ end: true });
      return done;
    },
  };
}

/** Runs the load to the end; resolves with every answer, in arrival order. */
export function runLoad(o: LoadOptions): Promise<LoadResult[]> {
  return new Promise((resolve, reject) => {
    const results: LoadResult[] = [];
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker needs no TypeScript loader: keep the parent's (tsx) hooks out of it.
      execArgv: [],
      workerData: { url: `${o.url}/api/v1/dossiers`, requests: o.requests, rate: o.rate, concurrency: o.concurrency, schedule: o.schedule, reads: o.reads },
    });
    w.on('message', (m: LoadResult | { done: true } | { reads: ReadFigures }) => {
      if ('reads' in m) return void o.onReads?.(m.reads);
      if ('done' in m) {
        void w.terminate();
        results.sort((a, b) => a.i - b.i);
        resolve(results);
        return;
      }
      results.push(m);
      o.onResult?.(m);
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`load generator exited with code ${code}`));
    });
  });
}
