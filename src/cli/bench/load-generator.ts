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
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, requests, rate, concurrency, schedule } = workerData;
const one = async (i, arrival) => {
  const r = requests[i];
  let status = 0, idOrText = '';
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + r.token }, body: r.body });
    status = res.status;
    const text = await res.text();
    idOrText = status === 202 ? JSON.parse(text).id : text;
  } catch (e) {
    idOrText = String(e && e.message || e);
  }
  parentPort.postMessage({ i, arrival, answeredMs: Date.now() - arrival, status, idOrText });
};
(async () => {
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
  parentPort.postMessage({ done: true });
})();
`;

/** Runs the load to the end; resolves with every answer, in arrival order. */
export function runLoad(o: LoadOptions): Promise<LoadResult[]> {
  return new Promise((resolve, reject) => {
    const results: LoadResult[] = [];
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker needs no TypeScript loader: keep the parent's (tsx) hooks out of it.
      execArgv: [],
      workerData: { url: `${o.url}/api/v1/dossiers`, requests: o.requests, rate: o.rate, concurrency: o.concurrency, schedule: o.schedule },
    });
    w.on('message', (m: LoadResult | { done: true }) => {
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
