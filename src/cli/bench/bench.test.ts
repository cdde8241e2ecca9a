import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BirthDeclaration } from '../../contracts/declarations/birth.ts';
import { DeathDeclaration } from '../../contracts/declarations/death.ts';
import { VoluntarySiDeclaration } from '../../contracts/declarations/voluntary-si.ts';
import { isoDate } from '../../kernel/dates.ts';
import { checkDeath } from '../../hub/groups/death-rules.ts';
import { checkVoluntarySi } from '../../hub/groups/voluntary-si-rules.ts';
import { validate } from '../../platform/validation.ts';
import { generateBenchPopulation } from '../seed/bench-population.ts';
import { benchBirthDeclaration, benchDeathDeclaration, benchVoluntarySiDeclaration } from './declarations.ts';
import { countsOf, MixError, parseGroup, parseMix, schedule } from './mix.ts';
import { classify, settledForBench } from './outcome.ts';

test('--mix: weights are normalised; unknown groups, bad weights and repeats are refused with the reason', () => {
  const ok: [string, Record<string, number>][] = [
    ['birth=0.66,death=0.33,voluntary-si=0.01', { birth: 0.66, death: 0.33, 'voluntary-si': 0.01 }],
    ['birth=2,death=1', { birth: 2 / 3, death: 1 / 3 }],
    ['death=1', { death: 1 }],
    [' death = 3 , voluntary-si=1 ', { death: 0.75, 'voluntary-si': 0.25 }],
    ['birth=1,death=0', { birth: 1 }],
    ['voluntary-si=.5,birth=.5', { birth: 0.5, 'voluntary-si': 0.5 }],
  ];
  for (const [input, want] of ok) {
    const got = parseMix(input);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), input);
    for (const [g, w] of Object.entries(want)) assert.ok(Math.abs(got[g as keyof typeof got]! - w) < 1e-9, `${input}: ${g}`);
  }
  const bad: [string, RegExp][] = [
    ['marriage=1', /unknown group "marriage"/],
    ['birth=abc', /weight of birth must be a number ≥ 0, not "abc"/],
    ['birth=-1', /weight of birth must be a number ≥ 0, not "-1"/],
    ['birth=Infinity', /weight of birth/],
    ['birth=1e3', /weight of birth/],
    ['birth', /"birth" is not group=weight/],
    ['birth=1,,death=1', /"" is not group=weight/],
    ['birth=1,birth=2', /"birth" given twice/],
    ['birth=0,death=0', /at least one weight must be > 0/],
    ['', /empty/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseMix(input), (e: Error) => e instanceof MixError && message.test(e.message), input);
  assert.equal(parseGroup('voluntary-si'), 'voluntary-si');
  assert.throws(() => parseGroup('deaths'), /unknown group "deaths" \(one of birth, death, voluntary-si\)/);
});

test('the schedule interleaves the groups and gives each its share, a small weight included', () => {
  const order = schedule(parseMix('birth=0.66,death=0.33,voluntary-si=0.01'), 300);
  assert.deepEqual(countsOf(order), { birth: 198, death: 99, 'voluntary-si': 3 });
  assert.deepEqual(order.slice(0, 6), ['birth', 'death', 'birth', 'birth', 'death', 'birth']);
  assert.deepEqual(countsOf(schedule({ death: 1 }, 7)), { birth: 0, death: 7, 'voluntary-si': 0 });
  for (const n of [1, 2, 5, 99, 1000]) {
    const c = countsOf(schedule(parseMix('birth=2,death=1'), n));
    assert.ok(Math.abs(c.birth - (2 * n) / 3) <= 1 && c.birth + c.death === n, `n=${n}: ${JSON.stringify(c)}`);
  }
});

test('every generated declaration validates against its group schema and edge rules, and no person is declared twice', () => {
  for (const today of [isoDate('2026-12-02'), isoDate('2025-03-01'), isoDate('2027-07-31')]) {
    const pop = generateBenchPopulation({ background: 300, births: 60, deaths: 90, voluntary: 40, seed: 7, today });
    assert.deepEqual([pop.births.length, pop.deaths.length, pop.voluntary.length], [60, 90, 40]);
    const alive = new Map(pop.citizens.map((c) => [c.pin, c]));
    for (const [i, c] of pop.births.entries()) {
      const d = benchBirthDeclaration(c, i, today);
      assert.deepEqual(validate(BirthDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.equal(alive.get(c.motherPin)?.sex, 'female');
      assert.equal(alive.get(c.motherPin)?.householdId, alive.get(c.fatherPin)?.householdId);
    }
    for (const [i, c] of pop.deaths.entries()) {
      const d = benchDeathDeclaration(c, i, today);
      assert.deepEqual(validate(DeathDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.deepEqual(checkDeath(d, today), [], JSON.stringify(d));
      const [deceased, declarant] = [alive.get(c.deceasedPin)!, alive.get(c.declarantPin)!];
      assert.equal(deceased.status, 'alive', 'the declaration is what records the death');
      assert.equal(declarant.status, 'alive');
      assert.equal(declarant.householdId, deceased.householdId, 'the declarant is a relative in the same household');
      const insured = pop.siRecords.some((r) => r.pin === c.deceasedPin);
      assert.equal(insured, c.kind !== 'uninsured', 'money is asked only where an SI record exists');
      assert.equal(d.requests.funeralAllowance, insured);
      assert.ok(d.relatives.every((r) => r.incapacityPercent < 81), 'no supplement would be asked');
    }
    for (const [i, c] of pop.voluntary.entries()) {
      const d = benchVoluntarySiDeclaration(c, i, today);
      assert.deepEqual(validate(VoluntarySiDeclaration, d, 'declaration'), [], JSON.stringify(d));
      assert.deepEqual(checkVoluntarySi(d, today), [], JSON.stringify(d));
      assert.equal(alive.get(c.pin)?.status, 'alive');
      assert.equal(c.hasSiCode, pop.siRecords.some((r) => r.pin === c.pin));
    }
    const declared = [...pop.births.map((c) => c.motherPin), ...pop.deaths.map((c) => c.deceasedPin), ...pop.voluntary.map((c) => c.pin)];
    assert.equal(new Set(declared).size, declared.length, 'each mother, deceased and participant once');
    const declarants = new Set(pop.deaths.map((c) => c.declarantPin));
    assert.ok(pop.deaths.every((c) => !declarants.has(c.deceasedPin)), 'no declarant dies in the bench');
    assert.deepEqual(new Set(pop.deaths.map((c) => c.kind)), new Set(['pensioner', 'worker', 'uninsured']));
  }
});

test('a voluntary registration awaiting payment counts as done and completed; a supplement asked does not', () => {
  assert.equal(settledForBench('awaiting-payment'), true);
  assert.equal(settledForBench('awaiting-supplement'), false);
  const cases: [string[], string][] = [
    [['completed', 'completed', 'completed'], 'completed'],
    [['awaiting-payment'], 'completed'],
    [['completed', 'rejected'], 'partially-completed'],
    [['rejected', 'cancelled', 'cancelled'], 'rejected'],
    [['completed', 'dispatched'], 'unfinished'],
    [['completed', 'awaiting-supplement'], 'unfinished'],
    [['pending'], 'unfinished'],
  ];
  for (const [statuses, want] of cases) assert.equal(classify(statuses, 1).outcome, want, statuses.join());
  assert.equal(classify(['pending'], 1).settledAt, null);
});

test('the command line: open or closed loop, mode, mix, retention; each refusal names its option', async () => {
  const { benchOptions } = await import('../commands/bench.ts');
  const closed = benchOptions(['--dossiers', '500']);
  assert.deepEqual([closed.n, closed.rate, closed.concurrency, closed.mode, closed.retentionSeconds, closed.mixGiven], [500, undefined, 64, 'embedded', 60, false]);
  assert.deepEqual(closed.mix, { birth: 1 });
  const open = benchOptions(['--rate', '300', '--duration', '20', '--mode', 'distributed', '--mix', 'birth=2,death=1', '--json', '--retention', '0']);
  assert.deepEqual([open.n, open.rate, open.mode, open.json, open.retentionSeconds, open.mixGiven], [6000, 300, 'distributed', true, 0, true]);
  const bad: [string[], RegExp][] = [
    [['--rate', '0'], /--rate: arrivals per second, > 0/],
    [['--rate', '10', '--dossiers', '5'], /--dossiers or --rate/],
    [['--dossiers', '0'], /a positive number of dossiers/],
    [['--concurrency', '1.5'], /--concurrency/],
    [['--mode', 'cluster'], /--mode: embedded or distributed/],
    [['--group', 'death', '--mix', 'birth=1'], /--group or --mix, not both/],
    [['--sql-stats', '--mode', 'distributed'], /--sql-stats: embedded mode only/],
    [['--retention=-1'], /--retention: seconds, ≥ 0/],
    [['--retention', 'soon'], /--retention: seconds, ≥ 0/],
    [['--stall', '0'], /--stall/],
    [['--group', 'marriage'], /unknown group "marriage"/],
  ];
  for (const [args, message] of bad) assert.throws(() => benchOptions(args), message, args.join(' '));
});

test('the CPU profile summary puts each sample in its area and ranks functions by self time', async () => {
  const { areaOf, summariseProfile } = await import('./profile.ts');
  const cases: [string, string, string][] = [
    ['wasm-function[42]', 'wasm://wasm/022a9842', 'PGlite: PostgreSQL (WebAssembly)'],
    ['parse', 'file:///x/node_modules/@electric-sql/pglite/dist/chunk.js', 'PGlite: JavaScript (protocol, parsing)'],
    ['(garbage collector)', '', 'garbage collector'],
    ['fstat', '', 'file system calls'],
    ['advance', 'file:///work/main/src/hub/engine.ts', 'our code: src/hub'],
    ['route', 'file:///x/node_modules/fastify/lib/route.js', 'dependency: fastify'],
    ['emit', 'node:events', 'Node.js and other'],
  ];
  for (const [functionName, url, want] of cases) assert.equal(areaOf({ functionName, url }), want, `${functionName} ${url}`);
  const s = summariseProfile({
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: 0 } },
      { id: 2, callFrame: { functionName: 'wasm-function[1]', url: 'wasm://wasm/1', lineNumber: 0 } },
      { id: 3, callFrame: { functionName: 'advance', url: 'file:///w/src/hub/engine.ts', lineNumber: 9 } },
    ],
    samples: [2, 2, 3, 2],
    timeDeltas: [1000, 1000, 2000, 1000],
  });
  assert.equal(s.totalMs, 5);
  assert.deepEqual(s.areas.map((a) => [a.area, a.ms, a.share]), [['PGlite: PostgreSQL (WebAssembly)', 3, 60], ['our code: src/hub', 2, 40]]);
  assert.equal(s.functions[1]!.fn, 'advance src/hub/engine.ts:10');
});

test('SQL figures are per dossier, and the listing ranks statements by calls', async () => {
  const { sqlFigures, formatSqlStats } = await import('./sql-stats.ts');
  const stats = {
    transactions: 22,
    standalone: 4,
    statements: 100,
    bySql: new Map([
      ['SELECT 1', { sql: 'SELECT 1', calls: 10, ms: 5, rows: 10 }],
      ['INSERT x', { sql: 'INSERT x', calls: 90, ms: 45, rows: 0 }],
    ]),
  };
  assert.deepEqual(sqlFigures(stats, 10), { transactionsPerDossier: 2.2, standalonePerDossier: 0.4, statementsPerDossier: 10 });
  const lines = formatSqlStats(stats, 10).split('\n');
  assert.match(lines[0]!, /10 statements, 2\.2 transactions/);
  assert.match(lines[2]!, /9\.00 ×\s+0\.50 ms\s+0\.0 rows\s+INSERT x/);
  assert.match(lines[3]!, /1\.00 ×.*SELECT 1/);
});

test('the load generator: closed loop, an open-loop schedule and queue mode each send every request once and report its answer', async () => {
  const { createServer } = await import('node:http');
  const { runLoad, startQueueLoad } = await import('./load-generator.ts');
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.headers.authorization} ${body}`);
      const n = Number(JSON.parse(body).n);
      res.writeHead(n === 3 ? 422 : 202, { 'content-type': 'application/json' });
      res.end(n === 3 ? JSON.stringify({ code: 'VALIDATION_FAILED' }) : JSON.stringify({ id: `d${n}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const requests = Array.from({ length: 6 }, (_, n) => ({ token: `t${n}`, body: JSON.stringify({ n }) }));
  try {
    const closed = await runLoad({ url, requests, concurrency: 2 });
    assert.deepEqual(closed.map((r) => [r.i, r.status, r.idOrText]), [[0, 202, 'd0'], [1, 202, 'd1'], [2, 202, 'd2'], [3, 422, '{"code":"VALIDATION_FAILED"}'], [4, 202, 'd4'], [5, 202, 'd5']]);
    assert.deepEqual(seen.sort(), requests.map((r) => `Bearer ${r.token} ${r.body}`).sort());
    seen.length = 0;
    const startAt = Date.now() + 50;
    const scheduled = await runLoad({ url, requests, concurrency: 1, schedule: { startAt, offsetsMs: [0, 10, 20, 30, 40, 50] } });
    // Latency counts from the due time: the arrival of request i is exactly startAt + its offset.
    assert.deepEqual(scheduled.map((r) => r.arrival - startAt), [0, 10, 20, 30, 40, 50]);
    assert.ok(scheduled.every((r) => r.answeredMs >= 0));
    assert.equal(seen.length, 6);
    seen.length = 0;
    const got: number[] = [];
    const q = startQueueLoad({ url, requests, onResult: (r) => got.push(r.i) });
    q.submit([5, 0]);
    q.submit([]);
    q.submit([2]);
    await q.finish();
    assert.deepEqual(got.sort(), [0, 2, 5]);
    assert.equal(seen.length, 3);
  } finally {
    server.close();
  }
});
