import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { DataSealer } from '../../src/platform/crypto/data-sealer.ts';
import type { Envelope } from '../../src/contracts/envelope.ts';
import { engines } from '../support/databases.ts';
import { DEATH, deathDeclaration } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/** Distinctive enough that no other value in the database contains it by chance. */
const ACCOUNT = '7391046285517';
const FINAL = new Set(['completed', 'partially-completed', 'rejected']);

/**
 * Issue 4, privacy: sensitive fields (bank accounts, health details; contracts/sensitive-fields.ts) are sealed
 * wherever a part stores them, and each agency receives only the fields its procedure needs.
 */
for (const engine of await engines()) {
  describe(`sensitive data at rest and data minimisation (${engine})`, () => {
    let t: TestPlatform;
    const dataKey = randomBytes(32).toString('base64');
    let dossier: { id: string; status: string; procedures: { code: string; result: any }[] };

    before(async () => {
      t = await startTestPlatform(engine, undefined, { dataKey });
      const widow = await t.token({ kind: 'citizen', pin: DEATH.pensionerWidow });
      const declaration = deathDeclaration({
        deceased: { pin: DEATH.pensioner, dateOfDeath: '2025-01-15', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'occupational-disease' },
        payee: { pin: DEATH.pensionerWidow, bankAccount: { bankBin: '970436', accountNumber: ACCOUNT } },
      });
      const res = await t.p.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { authorization: `Bearer ${widow}` }, payload: { group: 'death', declaration } });
      assert.equal(res.statusCode, 202, res.body);
      const id = res.json().id as string;
      dossier = await eventually(async () => {
        const d = (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${widow}` } })).json();
        return FINAL.has(d.status) ? d : undefined;
      }, 'the death dossier');
      await eventually(async () => ((await t.p.backlog()) === 0 ? true : undefined), 'every outbox row delivered');
    });
    after(async () => t?.close());

    test('the dossier completes: sealing is invisible to the flow', () => {
      assert.equal(dossier.status, 'completed');
    });

    test('no table in any schema holds the bank account number in clear', async () => {
      const tables = await t.p.db.query<{ s: string; n: string }>(
        `SELECT table_schema AS s, table_name AS n FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      assert.ok(tables.some((x) => x.s === 'hub' && x.n === 'outbox'), 'the scan covers the outboxes');
      const found: string[] = [];
      for (const { s, n } of tables) {
        const [r] = await t.p.db.query<{ c: number }>(`SELECT count(*)::int AS c FROM "${s}"."${n}" t WHERE t::text LIKE $1`, [`%${ACCOUNT}%`]);
        if (r!.c > 0) found.push(`${s}.${n}`);
      }
      assert.deepEqual(found, []);
    });

    test('the hub stores the declaration with the bank account and the cause of death sealed, bound to the dossier', async () => {
      const [row] = await t.p.db.query<{ declaration: any }>('SELECT declaration FROM hub.dossiers WHERE id = $1', [dossier.id]);
      assert.equal(typeof row!.declaration.payee.bankAccount.$sealed, 'string');
      assert.equal(typeof row!.declaration.deceased.cause.$sealed, 'string');
      assert.equal(typeof row!.declaration.relatives[0].incapacityPercent.$sealed, 'string');
      assert.equal(row!.declaration.deceased.pin, DEATH.pensioner, 'what is not sensitive stays queryable');
      const sealer = new DataSealer(dataKey);
      assert.equal(sealer.openDeclaration('death', dossier.id, row!.declaration).payee.bankAccount.accountNumber, ACCOUNT);
      assert.throws(() => sealer.openDeclaration('death', '00000000-0000-4000-8000-000000000000', row!.declaration), /does not open/, 'a sealed value copied to another dossier does not open');
      assert.throws(() => new DataSealer(randomBytes(32)).openDeclaration('death', dossier.id, row!.declaration), /does not open/, 'nor under another key');
    });

    test('social security keeps the full account sealed with its decision; the result names it by its last four digits', async () => {
      const result = dossier.procedures.find((p) => p.code === 'death-benefits')!.result;
      assert.equal(result.payee.accountNumber, `${'*'.repeat(ACCOUNT.length - 4)}${ACCOUNT.slice(-4)}`);
      const rows = await t.p.db.query<{ decision_number: string; account_number: string }>(
        `SELECT decision_number, account_number FROM social_security.benefit_decisions WHERE dossier_id = $1 AND account_number IS NOT NULL`,
        [dossier.id],
      );
      assert.ok(rows.length > 0, 'a decision that pays names the account');
      const box = new DataSealer(dataKey).box('social-security');
      for (const r of rows) assert.equal(box.open(r.account_number, `decision:${r.decision_number}`), ACCOUNT);
    });

    test('each agency received only what its procedure needs', async () => {
      const sealer = new DataSealer(dataKey);
      const rows = await t.p.db.query<{ envelope: Envelope }>('SELECT envelope FROM hub.outbox WHERE dossier_id = $1 ORDER BY seq', [dossier.id]);
      const sent = new Map(rows.map((r) => [r.envelope.type, sealer.openEnvelope(r.envelope).payload as any]));
      const civil = sent.get('civil-registry.death-registration.requested');
      const population = sent.get('population.residence-deregistration.requested');
      const vss = sent.get('social-security.death-benefits.requested');
      assert.ok(civil && population && vss, 'the three requests were sent');
      const text = (x: unknown) => JSON.stringify(x);
      // The civil registry registers a death: it needs neither the money nor the family.
      assert.doesNotMatch(text(civil), new RegExp(ACCOUNT));
      assert.equal(civil.relatives, undefined);
      assert.equal(civil.payee, undefined);
      // Population deregisters a residence: no cause of death, no money, no family.
      assert.doesNotMatch(text(population), new RegExp(`${ACCOUNT}|occupational-disease|incapacity`));
      // VSS pays: it gets the account (sealed in the outbox, opened only to send).
      assert.equal(vss.payee.bankAccount.accountNumber, ACCOUNT);
      const stored = rows.find((r) => r.envelope.type === 'social-security.death-benefits.requested')!.envelope.payload as any;
      assert.equal(typeof stored.payee.bankAccount.$sealed, 'string', 'in the outbox the account is sealed');
    });
  });
}
