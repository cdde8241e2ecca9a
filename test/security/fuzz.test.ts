import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { ROUTE_POLICIES } from '../../src/app/route-policies.ts';
import { USERNAME_PATTERN } from '../../src/identity/domain/officer-rules.ts';
import { engines } from '../support/databases.ts';
import { casesFor, describeCase, mustRefuse, requestOf, type Caller, type FuzzCase } from './fuzz/cases.ts';
import { errorShapeProblems } from './fuzz/error-shape.ts';
import { operationsOf, type Operation } from './fuzz/operations.ts';
import { buildWorld, examplesFor, principalsFor, sessionPrincipalsFor, type World } from './fuzz/setup.ts';
import { changed, snapshotter, tablesOf, WriteWatch } from './fuzz/snapshot.ts';

/**
 * Property-based fuzzing of every operation of the OpenAPI document (issue 4, "bad input"): requests built from
 * each operation's own schema — a well-formed base, or a known-good example, with one thing made hostile (an
 * injection string, a lone surrogate or invalid UTF-8 bytes, a number past every edge, a wrong type, a missing
 * or unknown field, a deep nest, a malformed or mistyped body, a bad token or cookie) — sent by a caller the
 * policy lets through. Each answer: never 5xx; a 4xx in the uniform error shape; and a refused request has
 * written nothing, in any table of any schema. The pages (portal, back office) are fuzzed as a signed-in browser —
 * a citizen's or an officer's session cookie, the session's CSRF token in the form — so that their form handlers see
 * the hostile values; a page may refuse with itself (HTML, 400), but never with a script it was sent. A hostile
 * case the schema or the gate must refuse (an unknown field, a wrong type, a required field gone, a bad token, a
 * post without a session: `mustRefuse`) fails the run if it is accepted.
 *
 * Bounded: FUZZ_RUNS requests per operation (default 30), from FUZZ_SEED (default fixed, printed); a failure
 * prints the seed and the case, so `FUZZ_SEED=… node scripts/test.mjs security/fuzz` replays it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20250124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** PostgreSQL gets a third as many (its own error paths, at a bounded cost); FUZZ_RUNS raises both. */
const runsOn = (engine: string) => (engine === 'postgres' ? Math.max(5, Math.ceil(RUNS / 3)) : RUNS);

/**
 * What a refused request may change, and why:
 * - `audit.anchors`: the audit trail anchors its head on a timer (every minute), whatever the requests;
 * - on the sign-in routes, `audit.entries` gains the record of the failed attempt (only `sign-in.failed`), and
 *   `identity.officers` / `identity.clients` count failures towards the lock-out (an update, never a new row):
 *   a refused sign-in that left no trace would make password guessing free.
 */
const ALWAYS_ALLOWED = new Set(['audit.anchors']);
/**
 * A page that refuses a form shows itself again, and reads what it shows through the API: an officer's read of a
 * person's data is audited (issue 4 item 5) even when the form was refused. Only reads (`….read`) are allowed.
 */
const PAGE_ALLOWED = new Set(['audit.entries']);
const PAGE_AUDIT = /\.read$/;
const SIGN_IN_ALLOWED = new Set(['audit.entries', 'identity.officers', 'identity.clients']);

/**
 * A page that only shows (GET) gets half the runs: its input is a language and a page number or an id. A page's
 * form (POST) at least 20 on every engine, so that some cases get past the CSRF token and the id to its handler.
 */
const runsFor = (op: Operation, engine: string) =>
  op.page && op.method === 'GET' ? Math.ceil(runsOn(engine) / 2) : op.page && op.form ? Math.max(20, runsOn(engine)) : runsOn(engine);

/** A per-operation seed, so that adding an operation does not change the cases of the others. */
const seedOf = (key: string) => [...key].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

for (const engine of await engines()) {
  describe(`fuzzing every operation from its schema (${engine}, FUZZ_SEED=${SEED}, ${runsOn(engine)} runs each)`, () => {
    let w: World;
    let ops: Operation[] = [];
    let watch: WriteWatch;
    let callersOf: (op: Operation) => Promise<Caller[]>;
    const fuzzed = new Set<string>();

    before(async () => {
      console.log(`# fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${runsOn(engine)} (${engine})`);
      w = await buildWorld(engine);
      ops = operationsOf((await w.t.p.app.inject({ method: 'GET', url: '/docs/json' })).json());
      watch = new WriteWatch(w.t.p.db, snapshotter(w.t.p.db, await tablesOf(w.t.p.db)));
      callersOf = async (op) => {
        // A page behind a session cookie: a signed-in browser (the anonymous one is the `cookie` mutation's).
        const sessions = ROUTE_POLICIES[op.key]?.resource === 'session-cookie' ? sessionPrincipalsFor(op.path, w.citizens) : [];
        if (sessions.length) return Promise.all(sessions.map(async ({ name, principal }) => ({ name, token: null, session: await w.session(principal) })));
        return Promise.all(
          principalsFor(ROUTE_POLICIES[op.key]?.grants ?? [{ kind: 'anyone' }], w.citizens).map(async ({ name, principal }) => ({ name, token: principal ? await w.t.token(principal) : null })),
        );
      };
      await settle();
    });
    after(async () => w?.t.close());

    /** Waits until nothing moves: no message waiting in any outbox, and the tables the same twice in a row. */
    async function settle(): Promise<void> {
      const until = Date.now() + 20_000;
      let last = await watch.now();
      for (;;) {
        await new Promise((r) => setTimeout(r, 30));
        const now = await watch.now();
        if ((await w.t.p.backlog()) === 0 && changed(last, now).length === 0) return;
        if (Date.now() > until) throw new Error('the platform did not settle');
        last = now;
      }
    }

    const maxAuditSeq = async () => Number((await w.t.p.db.query<{ n: string | number }>('SELECT coalesce(max(seq), 0) AS n FROM audit.entries'))[0]!.n);

    /** Per page operation: how many answers came from its handler (a page, a redirect), not from the gate or schema. */
    const reached = new Map<string, number>();
    /** Markup the fuzzer sends that a page must never give back as markup. */
    const SCRIPTS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

    /** One request: what is wrong with its answer, if anything (an empty list when all is well). */
    async function probe(op: Operation, c: FuzzCase, tally: Map<string, number>): Promise<string[]> {
      const req = requestOf(op, c);
      const before = await watch.now();
      const auditBefore = await maxAuditSeq();
      let res;
      try {
        res = await w.t.p.app.inject(req);
      } catch (e) {
        // The client refused to send it (a header no HTTP peer could put on the wire): nothing reached the server.
        tally.set('unsendable', (tally.get('unsendable') ?? 0) + 1);
        if (!/header|Invalid character|ERR_INVALID|URI/i.test(String(e))) return [`the request could not be sent: ${String(e)}`];
        return [];
      }
      const status = res.statusCode;
      tally.set(String(status), (tally.get(String(status)) ?? 0) + 1);
      if (status >= 500) return [`answered ${status}: ${res.body.slice(0, 300)}`];
      const type = String(res.headers['content-type'] ?? '');
      const html = /^text\/html/.test(type);
      if (html && SCRIPTS.some((x) => res.body.includes(x))) return [`answered ${status} with the markup it was sent, unescaped`];
      if (op.page && (status < 400 || html)) reached.set(op.key, (reached.get(op.key) ?? 0) + 1);
      const must = mustRefuse(op, c, (ROUTE_POLICIES[op.key]?.grants ?? []).some((g) => g.kind === 'anyone'));
      if (status < 400) {
        if (must && !(must.redirect && status >= 300)) return [`accepted (${status}) although it must be refused: ${must.reason}`];
        // Accepted: let what it started finish before the next request's snapshot (a read starts nothing).
        if (req.method !== 'GET') await settle();
        if (must) {
          const wrote = (await watch.changedSince(before)).filter((t) => !ALWAYS_ALLOWED.has(t));
          if (wrote.length) return [`redirected (${status}) for ${must.reason}, but wrote to ${wrote.join(', ')}`];
        }
        return [];
      }
      // A page refuses with a page (a form with the messages beside the fields, a not-found page); anything else is the uniform JSON.
      const pageRefusal = op.page && html && /^<!doctype html>/i.test(res.body.trimStart());
      const problems = pageRefusal ? [] : errorShapeProblems(status, type, res.body);
      const allowed = ROUTE_POLICIES[op.key]?.resource === 'sign-in' ? SIGN_IN_ALLOWED : op.page ? PAGE_ALLOWED : new Set<string>();
      const moved = (await watch.changedSince(before)).filter((t) => !ALWAYS_ALLOWED.has(t));
      const wrongly = moved.filter((t) => !allowed.has(t));
      if (wrongly.length) problems.push(`refused with ${status} but wrote to ${wrongly.join(', ')}`);
      if (moved.includes('audit.entries')) {
        const actions = await w.t.p.db.query<{ action: string }>('SELECT action FROM audit.entries WHERE seq > $1', [auditBefore]);
        const odd = actions.filter((a) => a.action !== 'sign-in.failed' && !(op.page && PAGE_AUDIT.test(a.action)));
        if (odd.length) problems.push(`refused with ${status} but audited ${odd.map((a) => a.action).join(', ')}`);
      }
      return problems;
    }

    test('the OpenAPI document has operations to fuzz, and each one with input has a policy', () => {
      assert.ok(ops.length >= 15, `${ops.length} operations`);
      assert.deepEqual(ops.filter((o) => !ROUTE_POLICIES[o.key]).map((o) => o.key), []);
    });

    test('the write watch sees a write, even one that leaves the row count alone', async () => {
      const before = await watch.now();
      await w.t.p.db.query(`UPDATE identity.officers SET username = username WHERE username = $1`, [w.officerUsername]);
      assert.deepEqual(await watch.changedSince(before), ['identity.officers']);
    });

    // What the fuzzer found, kept as cases of their own (the fixes: src/platform/http/text-safety.ts, error-handler.ts,
    // validator.ts and http-app.ts): each must be a uniform 4xx naming the field, with nothing written.
    test('regressions: text PostgreSQL cannot store, broken URLs and bodies are refused with the field', async () => {
      const mother = await w.t.token({ kind: 'citizen', pin: w.citizens[0]! });
      const son = await w.t.token({ kind: 'citizen', pin: w.citizens[1]! });
      const operator = await w.t.token({ kind: 'officer', username: 'fuzz-it', agency: 'hub', role: 'it-operator', provinceCode: null });
      const birth = (place: string) =>
        JSON.stringify({ group: 'birth', declaration: { ...(examplesFor(w)['POST /api/v1/dossiers']![0] as { declaration: object }).declaration, child: { fullName: 'Lê An', sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: place } } });
      const json = { 'content-type': 'application/json' };
      const cases: { why: string; req: InjectOptions; field: [string, string] }[] = [
        { why: 'NUL in free text (was 500: jsonb refuses the NUL escape)', req: { method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${mother}`, ...json }, payload: birth('Hà\u0000Nam') }, field: ['declaration.child.placeOfBirth', 'text-not-storable'] },
        { why: 'a lone surrogate in free text (was 500: invalid input syntax for type json)', req: { method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${mother}`, ...json }, payload: birth('x\udfffy') }, field: ['declaration.child.placeOfBirth', 'text-not-storable'] },
        {
          why: 'NUL in a supplement answer’s key',
          req: { method: 'POST', url: `/api/v1/dossiers/${w.dossiers.awaitingSupplement}/supplements`, headers: { authorization: `Bearer ${son}`, ...json }, payload: '{"procedure":"death-benefits","answers":{"a\\u0000":1}}' },
          field: ['answers.a\uFFFD', 'text-not-storable'],
        },
        { why: 'a path that is not UTF-8 (was Fastify’s own body)', req: { method: 'GET', url: '/api/v1/dossiers/%ED%A0%80', headers: { authorization: `Bearer ${mother}` } }, field: ['url', 'malformed-url'] },
        { why: 'a path parameter over the length limit (was a 414 in Fastify’s own body)', req: { method: 'GET', url: `/api/v1/dossiers/${'a'.repeat(500)}`, headers: { authorization: `Bearer ${mother}` } }, field: ['url', 'too-long'] },
        { why: 'malformed JSON (was a VALIDATION_FAILED naming no field)', req: { method: 'POST', url: '/api/v1/officers', headers: { authorization: `Bearer ${operator}`, ...json }, payload: '{"username":' }, field: ['body', 'malformed-json'] },
        { why: 'a __proto__ key', req: { method: 'POST', url: '/api/v1/officers', headers: { authorization: `Bearer ${operator}`, ...json }, payload: '{"__proto__":{"x":1}}' }, field: ['body', 'malformed-json'] },
        { why: 'an empty JSON body', req: { method: 'POST', url: '/api/v1/auth/token', headers: json, payload: '' }, field: ['body', 'empty'] },
        { why: 'a body that is not an object (was a field error with an empty path)', req: { method: 'POST', url: '/api/v1/officers', headers: { authorization: `Bearer ${operator}`, ...json }, payload: '[]' }, field: ['body', 'type'] },
      ];
      for (const c of cases) {
        const before = await watch.now();
        const res = await w.t.p.app.inject(c.req);
        assert.equal(res.statusCode, 400, `${c.why}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        assert.deepEqual(errorShapeProblems(res.statusCode, res.headers['content-type'] as string, res.body), [], c.why);
        const body = res.json() as { fields: { path: string; code: string }[] };
        assert.ok(body.fields.some((f) => f.path === c.field[0] && f.code === c.field[1]), `${c.why}: ${JSON.stringify(body.fields)}`);
        assert.deepEqual((await watch.changedSince(before)).filter((t) => !ALWAYS_ALLOWED.has(t)), [], c.why);
      }
    });

    test('the check on accepted hostile cases can fail: what a closed schema must refuse, and what an open record may take', () => {
      const op = ops.find((o) => o.key === 'POST /api/v1/dossiers/:id/supplements')!;
      const c = (mutation: FuzzCase['mutation']): FuzzCase => ({ caller: { name: 'x', token: 't' }, pathValues: {}, query: {}, headers: {}, body: { procedure: 'death-benefits', answers: {} }, mutation });
      assert.match(mustRefuse(op, c({ kind: 'body-extra', at: [], key: 'extra', value: 1 }), false)?.reason ?? '', /unknown field/);
      assert.equal(mustRefuse(op, c({ kind: 'body-extra', at: ['answers'], key: 'extra', value: 1 }), false), null, 'answers is an open record');
      assert.match(mustRefuse(op, c({ kind: 'query-extra', raw: 'x=1' }), false)?.reason ?? '', /unknown query parameter/);
      assert.match(mustRefuse(op, c({ kind: 'body-field', at: ['procedure'], value: 5 }), false)?.reason ?? '', /type string/);
      assert.match(mustRefuse(op, c({ kind: 'body-missing', at: ['procedure'] }), false)?.reason ?? '', /required/);
      assert.match(mustRefuse(op, c({ kind: 'auth', value: 'Bearer x' }), false)?.reason ?? '', /bearer token/);
      assert.equal(mustRefuse(op, c({ kind: 'none' }), false), null);
    });

    test('every operation: no 5xx, a uniform 4xx, nothing written by a refused request', async (t) => {
      const examples = examplesFor(w);
      const known = {
        uuid: [w.dossiers.birth, w.dossiers.inReview, w.dossiers.awaitingSupplement, w.reviewId],
        [USERNAME_PATTERN]: [w.officerUsername, w.clientId, 'fuzz-it-operator'],
        'record-key': ['declaration.relatives.0.incapacityPercent'],
      };
      const failures: string[] = [];
      for (const op of ops) {
        const tally = new Map<string, number>();
        const started = Date.now();
        // The portal's supplement form reaches its handler only on the dossier that waits for an answer.
        const knownHere = op.key === 'POST /portal/dossiers/:id/supplements' ? { ...known, uuid: [w.dossiers.awaitingSupplement] } : known;
        const target = { op, callers: await callersOf(op), examples: examples[op.key] ?? [], known: knownHere };
        // Every problem of every case is collected (not only the first), so one run shows all there is to fix.
        const found: string[] = [];
        await fc.assert(
          fc.asyncProperty(casesFor(target), async (c) => {
            const problems = await probe(op, c, tally);
            if (problems.length && found.length < 6) found.push(`${describeCase(op, c)}\n    → ${problems.join('\n    → ')}`);
          }),
          { seed: seedOf(op.key), numRuns: runsFor(op, engine) },
        );
        failures.push(...found);
        fuzzed.add(op.key);
        t.diagnostic(`${op.key}: ${[...tally].sort().map(([s, n]) => `${s}×${n}`).join(' ')} (${Date.now() - started} ms)`);
      }
      assert.deepEqual(failures, []);
    });

    test('no operation that takes input was left out', () => {
      assert.deepEqual(ops.filter((o) => o.hasInput && !fuzzed.has(o.key)).map((o) => o.key), []);
    });

    test('the pages’ form handlers were reached, not only their gate and schema', () => {
      const forms = ['POST /portal/birth', 'POST /portal/death', 'POST /portal/voluntary-si', 'POST /portal/dossiers/:id/supplements', 'POST /office/reviews/:id', 'POST /office/officers'];
      assert.deepEqual(forms.filter((k) => ops.some((o) => o.key === k) && !(reached.get(k) ?? 0)), [], JSON.stringify(Object.fromEntries(reached)));
    });

    test('afterwards the platform is whole: every message delivered, the audit chain intact, ready', async () => {
      await settle();
      assert.equal(await w.t.p.backlog(), 0);
      assert.equal((await w.t.p.audit.verify()).ok, true);
      assert.equal((await w.t.p.app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
    });
  });
}
