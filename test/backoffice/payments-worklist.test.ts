import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runImport } from '../../src/cli/commands/import.ts';
import type { Principal } from '../../src/platform/auth/principal.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { VOLUNTARY, voluntarySiDeclaration } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const officer = (username: string, role: 'vss-collector' | 'planning-finance-officer' | 'vss-director', provinceCode: string | null): Principal =>
  ({ kind: 'officer', username, agency: 'social-security', role, provinceCode }) as Principal;
const COLLECTOR = officer('thu-hanam', 'vss-collector', '35');
const FINANCE = officer('khtc-hanam', 'planning-finance-officer', '35');
const HANOI = officer('thu-hanoi', 'vss-collector', '01');
const DIRECTOR = officer('gd-hanam', 'vss-director', '35');
const MINUTE = 60_000;
const WL = '/api/v1/agencies/social-security/payments/worklist';

/**
 * The payments an officer must resolve as a worklist with claims (docs/back-office.md): listed, filtered and sorted for
 * the collector and the planning-finance officer of the province, claimed so two officers never resolve the same one,
 * resolved only by the holder, each act audited and shown to the participant.
 */
for (const engine of await engines()) {
  describe(`social security: the payments worklist, with claims (${engine})`, () => {
    let t: TestPlatform;
    let shift = 0;
    let dir: string;
    const ids: Record<string, string> = {};
    const tokens = new Map<string, string>();
    const running = runningClockFrom(new Date(START));
    const clock = { now: () => new Date(running.now().getTime() + shift) };
    before(async () => {
      t = await startTestPlatform(engine, START, { clock });
      dir = mkdtempSync(join(tmpdir(), 'lienthong-worklist-'));
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const call = async (who: Principal, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const key = JSON.stringify(who);
      if (!tokens.has(key)) tokens.set(key, await t.token(who));
      return t.p.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.get(key)}` }, ...(payload === undefined ? {} : { payload: payload as Json }) });
    };
    const list = async (who: Principal, query = ''): Promise<Json[]> => {
      const res = await call(who, 'GET', `${WL}${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items;
    };

    test('a partial cash payment and an unmatched transfer wait on the worklist; filters and sorts', async () => {
      const participant = { kind: 'citizen', pin: VOLUNTARY.newcomer } as Principal;
      const sub = await call(participant, 'POST', '/api/v1/dossiers', { group: 'voluntary-si', declaration: voluntarySiDeclaration() });
      assert.equal(sub.statusCode, 202, sub.body);
      const reference = await eventually(async () => (await call(participant, 'GET', `/api/v1/dossiers/${sub.json().id}`)).json().procedures[0].result?.payment?.reference as string | undefined, 'the payment reference');
      const cash = await call(COLLECTOR, 'POST', '/api/v1/agencies/social-security/cash-receipts', { reference, amount: 100_000, receiptNumber: 'WL-1' });
      assert.equal(cash.statusCode, 200, cash.body);
      ids.partial = cash.json().payment.id;
      const file = join(dir, 'statement.csv');
      writeFileSync(file, ['transaction_id,value_date,amount_vnd,payer_account,payer_name,description', 'WL-FT1,2025-01-23,150000,1903000111,TRAN VAN B,dong bao hiem'].join('\r\n') + '\r\n');
      await runImport(t.p.db, 'bank-statement', file, clock, () => undefined);
      const all = await list(FINANCE);
      ids.unmatched = all.find((x) => x.transactionId === 'WL-FT1')!.id;
      assert.deepEqual(all.map((x) => [x.kind, x.claim]), [['partial', null], ['unmatched', null]], 'oldest first, no claim yet');
      assert.deepEqual((await list(FINANCE, '?kind=unmatched')).map((x) => x.id), [ids.unmatched]);
      assert.deepEqual((await list(FINANCE, '?channel=cash')).map((x) => x.id), [ids.partial]);
      assert.deepEqual((await list(FINANCE, '?sort=amount&order=desc')).map((x) => x.amount), [150_000, 100_000]);
      assert.deepEqual((await list(FINANCE, '?sort=value-date')).map((x) => x.valueDate), ['2025-01-23', '2025-01-24']);
      assert.equal((await call(FINANCE, 'GET', `${WL}?sort=nonsense`)).statusCode, 400);
      // Another province sees the transfer no province is known for, not Hà Nam's cash; the director has no business here.
      assert.deepEqual((await list(HANOI)).map((x) => x.id), [ids.unmatched]);
      assert.equal((await call(DIRECTOR, 'GET', WL)).statusCode, 403);
    });

    test('claims: the holder alone may resolve; another officer gets claimed-by-another, a resolution without a claim not-claimed; another province 404', async () => {
      for (const path of ['claim', 'release', 'resolve'])
        assert.equal((await call(HANOI, 'POST', `${WL}/${ids.partial}/${path}`, path === 'resolve' ? { action: 'refund', reason: 'not ours' } : undefined)).statusCode, 404, `${path} in another province`);
      const unclaimed = await call(COLLECTOR, 'POST', `${WL}/${ids.partial}/resolve`, { action: 'refund', reason: 'returned at the counter' });
      assert.equal(unclaimed.statusCode, 409);
      assert.equal(unclaimed.json().fields[0].code, 'not-claimed');
      const claimed = await call(COLLECTOR, 'POST', `${WL}/${ids.partial}/claim`);
      assert.equal(claimed.statusCode, 200, claimed.body);
      assert.equal(claimed.json().claim.mine, true);
      assert.equal((await list(FINANCE)).find((x) => x.id === ids.partial)!.claim.mine, false, 'the colleague sees it taken');
      for (const [url, body] of [
        [`${WL}/${ids.partial}/claim`, undefined],
        [`${WL}/${ids.partial}/release`, undefined],
        [`${WL}/${ids.partial}/resolve`, { action: 'refund', reason: 'mine to refund' }],
        // The older route keeps working without claims, but not over a colleague's claim.
        [`/api/v1/agencies/social-security/payments/${ids.partial}/resolve`, { action: 'refund', reason: 'mine to refund' }],
      ] as const) {
        const r = await call(FINANCE, 'POST', url, body);
        assert.equal(r.statusCode, 409, `${url}: ${r.body}`);
        assert.equal(r.json().fields[0].code, 'claimed-by-another');
        assert.match(r.json().fields[0].reason, /thu-hanam/);
        assert.ok(r.json().fields[0].reasonVi);
      }
      assert.deepEqual((await list(COLLECTOR, '?status=mine')).map((x) => x.id), [ids.partial]);
      assert.deepEqual(await list(FINANCE, '?status=mine'), []);
      // The claim lapses after 30 minutes: the colleague takes it and resolves it.
      shift += 31 * MINUTE;
      assert.equal((await call(FINANCE, 'POST', `${WL}/${ids.partial}/claim`)).statusCode, 200);
      assert.equal((await call(COLLECTOR, 'POST', `${WL}/${ids.partial}/resolve`, { action: 'refund', reason: 'too late' })).statusCode, 409, 'the lapsed holder cannot');
      const refunded = await call(FINANCE, 'POST', `${WL}/${ids.partial}/resolve`, { action: 'refund', reason: 'the participant asked for the money back' });
      assert.equal(refunded.statusCode, 200, refunded.body);
      assert.deepEqual([refunded.json().action, refunded.json().amount], ['refund', 100_000]);
      const resolved = (await list(FINANCE, '?status=resolved')).find((x) => x.id === ids.partial)!;
      assert.deepEqual([resolved.resolution.by, resolved.claim], ['officer:khtc-hanam', null], 'the resolution ends the claim');
      assert.equal((await call(FINANCE, 'POST', `${WL}/${ids.partial}/claim`)).json().fields[0].code, 'nothing-to-resolve');
      // Release gives it back: the unmatched transfer, claimed and released, is free for anyone.
      assert.equal((await call(HANOI, 'POST', `${WL}/${ids.unmatched}/claim`)).statusCode, 200);
      assert.equal((await call(HANOI, 'POST', `${WL}/${ids.unmatched}/release`)).json().claim, null);
      assert.equal((await call(FINANCE, 'POST', `${WL}/${ids.unmatched}/claim`)).statusCode, 200);
    });

    test('every read and act is in the audit trail, and the participant sees them at /me/data-access', async () => {
      const rows = await t.p.db.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit.entries WHERE resource = $1 ORDER BY seq`, [`payment/${ids.partial}`]);
      const acts = rows.filter((r) => r.action !== 'worklist.read').map((r) => [r.action, r.actor_id]);
      assert.deepEqual(acts, [
        ['payment.cash-received', 'thu-hanam'],
        ['payment.claimed', 'thu-hanam'],
        ['payment.claimed', 'khtc-hanam'],
        ['payment.resolved', 'khtc-hanam'],
      ]);
      assert.ok(rows.some((r) => r.action === 'worklist.read' && r.actor_id === 'khtc-hanam'), 'the list read is recorded');
      const seen = (await call({ kind: 'citizen', pin: VOLUNTARY.newcomer } as Principal, 'GET', '/api/v1/me/data-access?limit=200')).json().items as { action: string; by: { id: string } }[];
      assert.ok(seen.some((i) => i.action === 'payment.claimed' && i.by.id === 'thu-hanam'), JSON.stringify(seen));
      assert.ok(seen.some((i) => i.action === 'payment.resolved' && i.by.id === 'khtc-hanam'), 'the refund of her payment is hers to see');
    });
  });
}
