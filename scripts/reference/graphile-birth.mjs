#!/usr/bin/env node
/**
 * Reference for issue 9: the birth saga as a straightforward job-queue build on graphile-worker, measured against
 * the same PostgreSQL server as `DATABASE_URL` mode. A benchmark tool only: not part of the platform, not a test.
 *
 * The saga (mirrors src/hub/groups/birth.ts and the agencies' handlers in spirit; none of their code is used):
 *   submit (client transaction: verify the parents, insert the dossier and its 3 procedures, add_job)
 *     → birth-registration job (civil registry: duplicate check, a newborn PIN in the population register,
 *       per-commune book counter, certificate row; enqueues both branches)
 *     → residence-registration job (population: the child into the parent's household, a residence row)
 *       ∥ hi-card job (social security: per-province SI serial counter, insured row, HI card row)
 *     → dossier-completed job (enqueued by whichever branch finishes last; marks the dossier completed).
 * Each job does its work in one transaction and enqueues the next with `graphile_worker.add_job` in that same
 * transaction. (Graphile-worker marks the job itself complete in a statement of its own afterwards: at-least-once,
 * so every job is idempotent — it first looks for its own row.)
 *
 * It creates a database with a unique name on 127.0.0.1:5432 (user postgres; REF_PG_URL overrides the server URL,
 * without a database name), seeds one household (mother, father) per dossier, runs the worker(s) in child processes
 * (the load generator stays in this process) and drops the database at the end.
 *
 *   node scripts/reference/graphile-birth.mjs --dossiers 5000                 closed loop, 64 clients
 *   node scripts/reference/graphile-birth.mjs --rate 150 --duration 20       open loop: latency arrival → completed
 * Worker settings: --runners 1 --concurrency 16 --pool 20 --poll 2000 --local-queue=-1 --complete-batch=-1 (negative
 *   values after `=`)
 *   --inline-complete (the last branch marks the dossier itself: 3 jobs per dossier instead of 4)
 * --json prints one line with every figure. Every statement of the jobs is a named prepared statement.
 * Best measured here (docs/performance.md): --runners=2 --concurrency=32 --pool=20 --local-queue=64 --complete-batch=10.
 */
import { fork } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: o } = parseArgs({
  options: {
    role: { type: 'string', default: 'bench' },
    db: { type: 'string' },
    dossiers: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string', default: '20' },
    clients: { type: 'string', default: '64' },
    'submit-pool': { type: 'string', default: '16' },
    runners: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '16' },
    pool: { type: 'string' },
    poll: { type: 'string', default: '2000' },
    'local-queue': { type: 'string', default: '-1' },
    'complete-batch': { type: 'string', default: '-1' },
    'inline-complete': { type: 'boolean', default: false },
    stall: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
const num = (k) => Number(o[k]);
const SERVER = (process.env.REF_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const PROVINCES = 34; // provinces after the 2025 merger; dossiers spread evenly (the bench's population is weighted)
const COMMUNES = 30; // communes per province used by the synthetic households

// ─── The jobs (run in the worker processes) ──────────────────────────────────────────────────────────────────────

const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const code6 = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Every statement a named prepared statement (parsed and planned once per connection), as a careful user would. */
const names = new Map();
function q(c, text, values) {
  let name = names.get(text);
  if (!name) names.set(text, (name = `ref${names.size}`));
  return c.query({ name, text, values });
}

async function inTx(helpers, fn) {
  return helpers.withPgClient(async (c) => {
    await c.query('BEGIN');
    try {
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  });
}

/** A branch is done: its procedure completed; the last of the two finishes the dossier (or enqueues the job that does). */
async function branchDone(c, dossierId, procedure, result, inlineComplete) {
  await q(c, `UPDATE ref.procedures SET status = 'completed', result = $3, updated_at = now() WHERE dossier_id = $1 AND code = $2`, [dossierId, procedure, result]);
  const { rows } = await q(c, 'UPDATE ref.dossiers SET pending = pending - 1 WHERE id = $1 RETURNING pending', [dossierId]);
  if (rows[0].pending !== 0) return;
  if (inlineComplete) await q(c, `UPDATE ref.dossiers SET status = 'completed', completed_at = clock_timestamp() WHERE id = $1`, [dossierId]);
  else await q(c, `SELECT graphile_worker.add_job('dossier-completed', json_build_object('dossierId', $1::text))`, [dossierId]);
}

function taskList(inlineComplete) {
  return {
    /** Civil registry (Law on Civil Status 2014 art. 16; PIN per Decree 137/2015/ND-CP): register the birth. */
    async 'birth-registration'(p, helpers) {
      await inTx(helpers, async (c) => {
        if ((await q(c, 'SELECT 1 FROM ref.birth_registrations WHERE dossier_id = $1', [p.dossierId])).rowCount) return;
        const dupKey = `${p.motherPin}|${p.child.dateOfBirth}|${p.child.fullName}`;
        if ((await q(c, 'SELECT 1 FROM ref.birth_registrations WHERE duplicate_key = $1', [dupKey])).rowCount) throw new Error('already registered');
        const today = vnToday();
        let pin = null;
        for (let i = 0; i < 50 && !pin; i++) {
          const candidate = `0${p.province}${p.child.sex === 'male' ? 2 : 3}${p.child.dateOfBirth.slice(2, 4)}${code6()}`;
          const r = await q(c, 
            `INSERT INTO ref.citizens (pin, full_name, sex, date_of_birth, source) VALUES ($1, $2, $3, $4, 'birth') ON CONFLICT (pin) DO NOTHING RETURNING pin`,
            [candidate, p.child.fullName, p.child.sex, p.child.dateOfBirth],
          );
          if (r.rowCount) pin = candidate;
        }
        if (!pin) throw new Error('no free PIN');
        const place = `${p.province}${p.commune}`;
        const book = `${today.slice(0, 4)}/${place}`;
        const { rows } = await q(c, 
          `INSERT INTO ref.books (book, last_number) VALUES ($1, 1) ON CONFLICT (book) DO UPDATE SET last_number = ref.books.last_number + 1 RETURNING last_number`,
          [book],
        );
        const certificateNumber = `${place}-${today.slice(0, 4)}-${String(rows[0].last_number).padStart(6, '0')}`;
        await q(c, 
          `INSERT INTO ref.birth_registrations (id, dossier_id, child_pin, certificate_number, book, registered_on, verification_code, duplicate_key, request)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [randomUUID(), p.dossierId, pin, certificateNumber, book, today, code6(), dupKey, p],
        );
        const cert = { pin, certificateNumber, registeredOn: today, province: p.province, commune: p.commune };
        await q(c, `UPDATE ref.procedures SET status = 'completed', result = $2, updated_at = now() WHERE dossier_id = $1 AND code = 'birth-registration'`, [p.dossierId, cert]);
        await q(c, `UPDATE ref.procedures SET status = 'in-progress', updated_at = now() WHERE dossier_id = $1 AND code IN ('residence-registration', 'hi-card')`, [p.dossierId]);
        const next = { dossierId: p.dossierId, child: { ...p.child, pin }, motherPin: p.motherPin, fatherPin: p.fatherPin, cert };
        await q(c, `SELECT graphile_worker.add_job('residence-registration', $1::json), graphile_worker.add_job('hi-card', $1::json)`, [next]);
      });
    },

    /** Population (Law on Residence 2020 art. 20, 22): permanent residence in the mother's household. */
    async 'residence-registration'(p, helpers) {
      await inTx(helpers, async (c) => {
        if ((await q(c, 'SELECT 1 FROM ref.residence_registrations WHERE pin = $1', [p.child.pin])).rowCount) return;
        const { rows } = await q(c, 'SELECT pin, household_id FROM ref.citizens WHERE pin = ANY($1)', [[p.child.pin, p.motherPin]]);
        const parent = rows.find((r) => r.pin === p.motherPin);
        if (!rows.find((r) => r.pin === p.child.pin) || !parent?.household_id) throw new Error('child or household missing');
        const today = vnToday();
        const code = code6();
        await q(c, 'UPDATE ref.citizens SET household_id = $2, updated_at = now() WHERE pin = $1', [p.child.pin, parent.household_id]);
        await q(c, 
          `INSERT INTO ref.residence_registrations (pin, household_id, dossier_id, registered_on, basis, verification_code) VALUES ($1, $2, $3, $4, $5, $6)`,
          [p.child.pin, parent.household_id, p.dossierId, today, `birth certificate ${p.cert.certificateNumber}`, code],
        );
        await branchDone(c, p.dossierId, 'residence-registration', { householdId: parent.household_id, registeredOn: today, verificationCode: code }, inlineComplete);
      });
    },

    /** Social security (VSS Decisions 976/QD-BHXH 2023, 1449/QD-BHXH 2024): SI code and HI card for a child under 6. */
    async 'hi-card'(p, helpers) {
      await inTx(helpers, async (c) => {
        if ((await q(c, 'SELECT 1 FROM ref.hi_cards WHERE dossier_id = $1', [p.dossierId])).rowCount) return;
        const { rows: known } = await q(c, 'SELECT pin, si_code, family_household_id FROM ref.insured WHERE pin = ANY($1)', [[p.child.pin, p.motherPin, p.fatherPin]]);
        const household = known.find((k) => k.pin !== p.child.pin && k.family_household_id)?.family_household_id ?? `common-${p.cert.province}${p.cert.commune}`;
        let siCode = known.find((k) => k.pin === p.child.pin)?.si_code ?? null;
        for (let i = 0; i < 1000 && !siCode; i++) {
          const { rows } = await q(c, 
            `INSERT INTO ref.si_code_counters (province_code, last_serial) VALUES ($1, 1)
             ON CONFLICT (province_code) DO UPDATE SET last_serial = ref.si_code_counters.last_serial + 1 RETURNING last_serial`,
            [p.cert.province],
          );
          const candidate = `${p.cert.province}${String(rows[0].last_serial).padStart(8, '0')}`;
          const r = await q(c, `INSERT INTO ref.insured (pin, si_code, family_household_id, source) VALUES ($1, $2, $3, 'birth') ON CONFLICT DO NOTHING RETURNING pin`, [
            p.child.pin,
            candidate,
            household,
          ]);
          if (r.rowCount) siCode = candidate;
        }
        if (!siCode) throw new Error('no free SI code');
        const dob = new Date(`${p.child.dateOfBirth}T00:00:00Z`);
        const validTo = new Date(Date.UTC(dob.getUTCFullYear() + 6, dob.getUTCMonth(), dob.getUTCDate() - 1)).toISOString().slice(0, 10);
        const today = vnToday();
        const card = { cardNumber: `TE1${siCode}`, siCode, validFrom: p.child.dateOfBirth, validTo, issuedOn: today, verificationCode: code6(), familyHousehold: household };
        await q(c, 
          `INSERT INTO ref.hi_cards (card_number, pin, si_code, dossier_id, valid_from, valid_to, initial_facility_code, issued_on, verification_code)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [card.cardNumber, p.child.pin, siCode, p.dossierId, card.validFrom, validTo, `${p.cert.province}001`, today, card.verificationCode],
        );
        await branchDone(c, p.dossierId, 'hi-card', card, inlineComplete);
      });
    },

    /** Both branches done: the dossier is completed (one statement, autocommit). */
    async 'dossier-completed'(p, helpers) {
      await helpers.query(`UPDATE ref.dossiers SET status = 'completed', completed_at = clock_timestamp() WHERE id = $1 AND status <> 'completed'`, [p.dossierId]);
    },
  };
}

async function runWorker() {
  const { run, Logger } = await import('graphile-worker');
  const concurrency = num('concurrency');
  const localQueue = num('local-queue');
  const runner = await run({
    connectionString: `${SERVER}/${o.db}`,
    maxPoolSize: o.pool ? num('pool') : Math.max(10, concurrency + 2),
    concurrency,
    pollInterval: num('poll'),
    noHandleSignals: true,
    logger: new Logger(() => (level, message) => level === 'error' && console.error(message)),
    taskList: taskList(o['inline-complete']),
    preset: { worker: { ...(localQueue > 1 ? { localQueue: { size: localQueue } } : {}), completeJobBatchDelay: num('complete-batch') } },
  });
  process.send({ ready: true });
  process.on('message', async (m) => {
    if (m.stop) {
      await runner.stop();
      process.send({ stopped: true, cpu: process.cpuUsage() });
      process.exit(0);
    }
  });
}

// ─── The benchmark (this process) ────────────────────────────────────────────────────────────────────────────────

const SCHEMA = `
CREATE SCHEMA ref;
CREATE TABLE ref.households (id text PRIMARY KEY, province text NOT NULL, commune text NOT NULL);
CREATE TABLE ref.citizens (pin text PRIMARY KEY, full_name text NOT NULL, sex text NOT NULL, date_of_birth date NOT NULL,
  household_id text REFERENCES ref.households, alive boolean NOT NULL DEFAULT true, source text NOT NULL DEFAULT 'seed',
  updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE ref.dossiers (id uuid PRIMARY KEY, grp text NOT NULL, status text NOT NULL, declaration jsonb NOT NULL,
  pending int NOT NULL, arrived_ms double precision NOT NULL, submitted_at timestamptz NOT NULL DEFAULT now(), completed_at timestamptz);
CREATE INDEX ON ref.dossiers (status);
CREATE TABLE ref.procedures (dossier_id uuid NOT NULL REFERENCES ref.dossiers, code text NOT NULL, agency text NOT NULL,
  status text NOT NULL, result jsonb, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (dossier_id, code));
CREATE TABLE ref.books (book text PRIMARY KEY, last_number int NOT NULL);
CREATE TABLE ref.birth_registrations (id uuid PRIMARY KEY, dossier_id uuid NOT NULL UNIQUE, child_pin text NOT NULL,
  certificate_number text NOT NULL UNIQUE, book text NOT NULL, registered_on date NOT NULL, verification_code text NOT NULL,
  duplicate_key text NOT NULL UNIQUE, request jsonb NOT NULL);
CREATE TABLE ref.residence_registrations (pin text PRIMARY KEY REFERENCES ref.citizens, household_id text NOT NULL REFERENCES ref.households,
  dossier_id uuid NOT NULL, registered_on date NOT NULL, basis text NOT NULL, verification_code text NOT NULL);
CREATE TABLE ref.si_code_counters (province_code text PRIMARY KEY, last_serial int NOT NULL);
CREATE TABLE ref.insured (pin text PRIMARY KEY, si_code text NOT NULL UNIQUE, family_household_id text, source text NOT NULL);
CREATE TABLE ref.hi_cards (card_number text PRIMARY KEY, pin text NOT NULL UNIQUE, si_code text NOT NULL, dossier_id uuid NOT NULL UNIQUE,
  valid_from date NOT NULL, valid_to date NOT NULL, initial_facility_code text NOT NULL, issued_on date NOT NULL, verification_code text NOT NULL);
`;

/** One household per dossier, in province/commune spread evenly; mother pin 1…, father pin 2…; parents insured in a family household. */
const SEED = `
INSERT INTO ref.households (id, province, commune)
  SELECT 'H' || i, lpad((1 + i % ${PROVINCES})::text, 2, '0'), lpad((1 + (i / ${PROVINCES}) % ${COMMUNES})::text, 3, '0') FROM generate_series(0, $1::int - 1) i;
INSERT INTO ref.citizens (pin, full_name, sex, date_of_birth, household_id)
  SELECT '1' || lpad(i::text, 11, '0'), 'Nguyễn Thị ' || i, 'female', date '1994-05-01' + (i % 2000), 'H' || i FROM generate_series(0, $1::int - 1) i
  UNION ALL
  SELECT '2' || lpad(i::text, 11, '0'), 'Trần Văn ' || i, 'male', date '1992-03-01' + (i % 2000), 'H' || i FROM generate_series(0, $1::int - 1) i;
INSERT INTO ref.insured (pin, si_code, family_household_id, source)
  SELECT '1' || lpad(i::text, 11, '0'), 'S1' || lpad(i::text, 8, '0'), 'F' || i, 'seed' FROM generate_series(0, $1::int - 1) i;
`;

function declaration(i) {
  const sex = i % 2 ? 'male' : 'female';
  const dob = new Date(Date.now() - (i % 30) * 86400_000).toISOString().slice(0, 10);
  return {
    i,
    motherPin: `1${String(i).padStart(11, '0')}`,
    fatherPin: `2${String(i).padStart(11, '0')}`,
    province: String(1 + (i % PROVINCES)).padStart(2, '0'),
    commune: String(1 + (Math.floor(i / PROVINCES) % COMMUNES)).padStart(3, '0'),
    child: { fullName: `Nguyễn ${sex === 'male' ? 'Minh' : 'Ngọc'} ${i}`, sex, dateOfBirth: dob },
  };
}

/** The citizen's submission: verify the parents, store the dossier and its procedures, enqueue the first job. */
async function submit(pool, d, arrivedMs) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await q(c, 'SELECT pin, full_name, date_of_birth, household_id, alive FROM ref.citizens WHERE pin = ANY($1)', [[d.motherPin, d.fatherPin]]);
    if (rows.length !== 2 || !rows.every((r) => r.alive) || !rows.find((r) => r.pin === d.motherPin)?.household_id) throw new Error('parents not verified');
    const id = randomUUID();
    await q(c, `INSERT INTO ref.dossiers (id, grp, status, declaration, pending, arrived_ms) VALUES ($1, 'birth', 'in-progress', $2, 2, $3)`, [id, d, arrivedMs]);
    await q(c, 
      `INSERT INTO ref.procedures (dossier_id, code, agency, status) VALUES
         ($1, 'birth-registration', 'civil-registry', 'in-progress'), ($1, 'residence-registration', 'population', 'pending'), ($1, 'hi-card', 'social-security', 'pending')`,
      [id],
    );
    await q(c, `SELECT graphile_worker.add_job('birth-registration', $1::json)`, [{ dossierId: id, ...d }]);
    await c.query('COMMIT');
    return id;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

const pct = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : null);
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.at(-1) ?? null };
};
/** Busy and total jiffies of the whole machine (all processes: PostgreSQL, workers, anything else running). */
function cpuStat() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU (ms) of this database's PostgreSQL backends, by pid (from /proc; utime + stime at 100 ticks/s). */
async function backendCpu(pool) {
  const { rows } = await pool.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const out = new Map();
  for (const { pid } of rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // gone, or not readable
    }
  }
  return out;
}

async function bench() {
  const rate = o.rate ? num('rate') : null;
  const n = rate ? Math.round(rate * num('duration')) : num('dossiers') || 5000;
  const runners = num('runners');
  const dbName = `gw_ref_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const children = [];
  let pool;
  const log = (s) => o.json || console.log(s);
  try {
    pool = new pg.Pool({ connectionString: `${SERVER}/${dbName}`, max: num('submit-pool') });
    pool.on('error', () => {}); // idle clients cut by DROP DATABASE … WITH (FORCE) at the end
    pool.on('connect', (c) => c.on('error', () => {}));
    await pool.query(SCHEMA);
    for (const stmt of SEED.split(';').filter((s) => s.trim())) await pool.query(stmt, [n]);
    await pool.query('ANALYZE');
    const { runMigrations } = await import('graphile-worker');
    await runMigrations({ pgPool: pool });
    const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version;
    const gwVersion = JSON.parse(readFileSync(new URL('../../node_modules/graphile-worker/package.json', import.meta.url), 'utf8')).version;

    const childArgs = ['--role=worker', `--db=${dbName}`, `--concurrency=${o.concurrency}`, `--poll=${o.poll}`, `--local-queue=${o['local-queue']}`, `--complete-batch=${o['complete-batch']}`];
    if (o.pool) childArgs.push(`--pool=${o.pool}`);
    if (o['inline-complete']) childArgs.push('--inline-complete');
    for (let r = 0; r < runners; r++) {
      const child = fork(new URL(import.meta.url).pathname, childArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      children.push({ child, stopped: new Promise((res) => child.on('message', (m) => m.stopped && res(m))) });
      await new Promise((res, rej) => {
        child.once('message', (m) => (m.ready ? res() : rej(new Error('worker did not start'))));
        child.once('exit', (code) => rej(new Error(`worker exited ${code}`)));
      });
    }
    const settings = {
      runners,
      concurrency: num('concurrency'),
      pool: o.pool ? num('pool') : Math.max(10, num('concurrency') + 2),
      pollInterval: num('poll'),
      localQueue: num('local-queue'),
      completeJobBatchDelay: num('complete-batch'),
      inlineComplete: o['inline-complete'],
      submitPool: num('submit-pool'),
      clients: rate ? null : num('clients'),
    };
    log(`graphile-worker ${gwVersion} on PostgreSQL ${pgVersion}, db ${dbName}; ${JSON.stringify(settings)}`);
    log(`${rate ? `open loop ${rate}/s for ${o.duration} s` : `closed loop, ${settings.clients} clients`}: ${n} birth dossiers; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

    const decls = Array.from({ length: n }, (_, i) => declaration(i));
    const accepted = [];
    let failures = 0;
    const loadStart = loadavg()[0];
    const pgCpu0 = await backendCpu(pool);
    const cpu0 = cpuStat();
    const benchCpu0 = process.cpuUsage();
    const started = Date.now();
    const one = async (i, arrival) => {
      try {
        await submit(pool, decls[i], arrival);
        accepted.push(Math.round(Date.now() - arrival));
      } catch (e) {
        failures++;
        if (failures < 5) console.error('submit failed:', e.message);
      }
    };
    if (rate) {
      const inflight = [];
      for (let i = 0; i < n; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - Date.now();
        if (wait > 1) await new Promise((res) => setTimeout(res, wait));
        inflight.push(one(i, due));
      }
      await Promise.all(inflight);
    } else {
      let next = 0;
      await Promise.all(Array.from({ length: num('clients') }, async () => {
        for (let i = next++; i < n; i = next++) await one(i, Date.now());
      }));
    }
    const submitted = accepted.length;
    let done = 0;
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      done = Number((await pool.query(`SELECT count(*) FROM ref.dossiers WHERE status = 'completed'`)).rows[0].count);
      if (done >= submitted) break;
      if (done !== last) [last, lastChange] = [done, Date.now()];
      if (Date.now() - lastChange > num('stall') * 1000) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu1 = cpuStat();
    const loadEnd = loadavg()[0];
    const { rows } = await pool.query(`SELECT (extract(epoch FROM completed_at) * 1000 - arrived_ms)::float8 AS ms FROM ref.dossiers WHERE status = 'completed'`);
    const lat = summary(rows.map((r) => Math.round(r.ms)));
    const check = (
      await pool.query(`SELECT (SELECT count(*) FROM ref.birth_registrations)::int AS certificates, (SELECT count(*) FROM ref.residence_registrations)::int AS residences,
        (SELECT count(*) FROM ref.hi_cards)::int AS cards, (SELECT count(*) FROM ref.procedures WHERE status <> 'completed')::int AS "proceduresNotCompleted"`)
    ).rows[0];
    const jobsLeft = Number((await pool.query('SELECT count(*) FROM graphile_worker._private_jobs')).rows[0].count);
    const stats = (await pool.query(`SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()`)).rows[0];
    const dbBytes = Number((await pool.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
    const pgCpu1 = await backendCpu(pool);
    const pgCpuMs = [...pgCpu1].reduce((a, [pid, ms]) => a + ms - (pgCpu0.get(pid) ?? 0), 0);
    const workerCpu = [];
    for (const c of children) c.child.send({ stop: true });
    for (const c of children) {
      const m = await c.stopped;
      workerCpu.push((m.cpu.user + m.cpu.system) / 1000);
    }
    children.length = 0;
    const figures = {
      reference: 'graphile-worker birth saga',
      graphileWorker: gwVersion,
      postgres: pgVersion,
      loop: rate ? 'open' : 'closed',
      ratePerSec: rate,
      durationSec: rate ? num('duration') : null,
      dossiers: n,
      submitted,
      submitFailures: failures,
      completed: done,
      seconds: Number(seconds.toFixed(2)),
      throughputPerSec: Number((done / seconds).toFixed(1)),
      latencyMs: lat,
      submitMs: summary(accepted),
      workerCpuMsPerDossier: Number((workerCpu.reduce((a, b) => a + b, 0) / Math.max(1, done)).toFixed(2)),
      postgresCpuMsPerDossier: Number((pgCpuMs / Math.max(1, done)).toFixed(2)),
      benchCpuMsPerDossier: Number(((process.cpuUsage(benchCpu0).user + process.cpuUsage(benchCpu0).system) / 1000 / Math.max(1, done)).toFixed(2)),
      machineBusyPct: Number(((100 * (cpu1.busy - cpu0.busy)) / (cpu1.total - cpu0.total)).toFixed(1)),
      jobsLeft,
      check,
      dbTransactions: Number(stats.xact_commit),
      dbBytes,
      settings,
      loadAverage: { start: loadStart, end: loadEnd },
    };
    if (o.json) console.log(JSON.stringify(figures));
    else {
      console.log(`completed       ${done}/${submitted} (${failures} submit failures) in ${figures.seconds} s: ${figures.throughputPerSec} dossiers/s`);
      console.log(`latency         p50 ${lat.p50} ms · p95 ${lat.p95} ms · p99 ${lat.p99} ms · max ${lat.max} ms (arrival → dossier completed)`);
      console.log(`rows            ${check.certificates} birth certificates, ${check.residences} residences, ${check.cards} HI cards; ${check.proceduresNotCompleted} procedures not completed; ${jobsLeft} jobs left`);
      console.log(`submit          p50 ${figures.submitMs.p50} ms · p99 ${figures.submitMs.p99} ms`);
      console.log(
        `CPU/dossier     workers ${figures.workerCpuMsPerDossier} ms, PostgreSQL backends ${figures.postgresCpuMsPerDossier} ms, load generator ${figures.benchCpuMsPerDossier} ms; machine ${figures.machineBusyPct}% busy; load ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)}`,
      );
      console.log(JSON.stringify(figures));
    }
  } finally {
    for (const c of children) c.child.kill();
    await pool?.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

if (o.role === 'worker') await runWorker();
else await bench();
