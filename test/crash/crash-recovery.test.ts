import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { engines, freshDb } from '../support/databases.ts';
import { birthDeclaration, citizens, households, PEOPLE, siRecords } from '../support/fixtures.ts';
import { freePort, lienthong, run, waitForHealth } from '../support/process.ts';

const N = 30;
const SECRET = 'crash-test-secret-0123456789-0123456789';

/**
 * Kill -9 the platform while a batch of dossiers is in flight, start it again, let clients retry
 * what got no answer (same Idempotency-Key), and check every dossier completed exactly once:
 * no dossier lost, no duplicate PIN, SI code or card.
 */
for (const engine of await engines()) {
  test(`a crash mid-batch loses nothing and duplicates nothing (${engine})`, { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lienthong-crash-'));
    const server = engine === 'postgres' ? await freshDb('postgres') : null;
    if (server) await server.db.close();
    const env: NodeJS.ProcessEnv = { DATA_DIR: dir, LIENTHONG_TOKEN_SECRET: SECRET, LIENTHONG_CLOCK: '2025-01-24T09:00:00+07:00', ...(server ? { DATABASE_URL: server.url! } : {}) };
    try {
      writeFileSync(join(dir, 'population.jsonl'), [...households, ...citizens].map((r) => JSON.stringify(r)).join('\n'));
      writeFileSync(join(dir, 'si.jsonl'), siRecords.map((r) => JSON.stringify(r)).join('\n'));
      assert.equal((await run(['import', 'population', join(dir, 'population.jsonl')], env)).code, 0);
      assert.equal((await run(['import', 'si-records', join(dir, 'si.jsonl')], env)).code, 0);
      const token = (await run(['token', '--citizen', PEOPLE.mother], env)).stdout.trim();
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const startServer = () => lienthong(['start'], { ...env, PORT: String(port) });

      let proc = startServer();
      await waitForHealth(base, undefined, proc);
      const accepted = new Map<number, string>();
      const submit = async (i: number) => {
        const declaration = birthDeclaration({ child: { fullName: `Lê Minh ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, sex: 'male', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } });
        const res = await fetch(`${base}/api/v1/dossiers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `crash-${i}` },
          body: JSON.stringify({ group: 'birth', declaration }),
        });
        if (res.status === 202) accepted.set(i, ((await res.json()) as { id: string }).id);
      };
      // Fire the whole batch, then kill the process as soon as some have been accepted.
      const inFlight = Array.from({ length: N }, (_, i) => submit(i).catch(() => undefined));
      while (accepted.size < 5) await new Promise((r) => setTimeout(r, 5));
      proc.kill('SIGKILL');
      const atKill = accepted.size;
      await new Promise((r) => proc.once('exit', r));
      await Promise.all(inFlight);
      assert.ok(atKill < N, `the crash came mid-batch (${atKill} of ${N} accepted)`);

      proc = startServer();
      await waitForHealth(base, undefined, proc);
      // Clients retry what got no answer; the same key returns the same dossier where it was stored.
      for (let i = 0; i < N; i++) await submit(i);
      assert.equal(accepted.size, N, 'every submission answered after the restart');
      const get = async (id: string) => (await (await fetch(`${base}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; procedures: { result: Record<string, string> | null }[] };
      const until = Date.now() + 240_000;
      let done: Awaited<ReturnType<typeof get>>[] = [];
      while (Date.now() < until) {
        done = await Promise.all([...accepted.values()].map(get));
        if (done.every((d) => d.status === 'completed')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(done.map((d) => d.status), Array(N).fill('completed'));
      const pins = done.map((d) => d.procedures[0]!.result!.pin);
      const siCodes = done.map((d) => d.procedures[2]!.result!.siCode);
      const cards = done.map((d) => d.procedures[2]!.result!.cardNumber);
      assert.equal(new Set(pins).size, N, 'one PIN per child');
      assert.equal(new Set(siCodes).size, N, 'one SI code per child');
      assert.equal(new Set(cards).size, N, 'one card per child');
      assert.equal(new Set(accepted.values()).size, N, 'one dossier per submission');
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));

      // Count in the stores themselves: nothing was created twice behind the API's back.
      const counts = async (q: (sql: string) => Promise<number>) => ({
        newborns: await q(`SELECT count(*)::int AS n FROM population.citizens WHERE source = 'birth-registration'`),
        registrations: await q(`SELECT count(*)::int AS n FROM civil_registry.birth_registrations WHERE status = 'registered'`),
        cards: await q(`SELECT count(*)::int AS n FROM social_security.hi_cards`),
        dossiers: await q(`SELECT count(*)::int AS n FROM hub.dossiers`),
      });
      let c;
      if (server) {
        const { openPostgres } = await import('../../src/platform/db/pg-db.ts');
        const db = openPostgres(server.url!);
        c = await counts(async (sql) => Number((await db.query<{ n: number }>(sql))[0]!.n));
        await db.close();
      } else {
        const pg = await PGlite.create(join(dir, 'pglite'));
        c = await counts(async (sql) => Number((await pg.query<{ n: number }>(sql)).rows[0]!.n));
        await pg.close();
      }
      assert.deepEqual(c, { newborns: N, registrations: N, cards: N, dossiers: N });
    } finally {
      if (server) await server.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
