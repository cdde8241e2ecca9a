import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db, Queryable } from '../platform/db/db.ts';
import type { AuditEvent } from '../platform/audit/audit-trail.ts';
import { Disclosures, pinsIn } from './disclosures.ts';

test('pinsIn: every PIN a message names, once, under `pin` or `…Pin`, at any depth; nothing else that looks like one', () => {
  const payload = {
    procedure: 'birth-registration',
    child: { fullName: 'Lê Minh', dateOfBirth: '2025-01-20' },
    mother: { pin: '035195000001', fullName: 'Trần Thị Mai', householdId: '035195000099' },
    father: null,
    declarant: { pin: '035195000001', relationship: 'mother', person: { pin: '035195000001' } },
    people: [{ path: 'declaration.father', pin: '035093000002' }],
    householdOfPin: '035093000002',
    deceasedPin: '035040000011',
    certificateNumber: '123456789012',
    notAPin: { pin: '12345' },
  };
  assert.deepEqual(pinsIn(payload), ['035195000001', '035093000002', '035040000011']);
  assert.deepEqual(pinsIn({ procedure: 'x', child: { fullName: 'a' } }), []);
});

test('Disclosures: noted in a wrapped transaction, appended once at its end; elsewhere, at once; a failed transaction appends nothing', async () => {
  const appended: AuditEvent[][] = [];
  const d = new Disclosures({ recordMany: async (_tx: Queryable, es: readonly AuditEvent[]) => (appended.push([...es]), []) });
  const tx: Queryable = { query: async () => [], exec: async () => undefined };
  const db: Db = { engine: 'pglite', query: async () => [], exec: async () => undefined, close: async () => undefined, transaction: (fn) => fn({ ...tx }) };
  const wrapped = d.wrap(db);
  await wrapped.transaction(async (t) => {
    await d.note(t, 'civil-registry', { mother: { pin: '035195000001' } }, 'birth registration', 'dossier/1', {});
    await d.note(t, 'social-security', { motherPin: '035195000001', fatherPin: '035093000002' }, 'HI card', 'dossier/1', {});
    await d.note(t, 'population', { procedure: 'x' }, 'nobody named', 'dossier/1', {});
    assert.equal(appended.length, 0, 'not before the end');
  });
  assert.deepEqual(appended.map((b) => b.map((e) => [(e.actor as { id: string }).id, e.action, e.subjectPin])), [
    [['civil-registry', 'data.disclosed', '035195000001'], ['social-security', 'data.disclosed', '035195000001'], ['social-security', 'data.disclosed', '035093000002']],
  ]);
  await assert.rejects(wrapped.transaction(async (t) => {
    await d.note(t, 'population', { pin: '035195000001' }, 'p', 'dossier/2', {});
    throw new Error('rolled back');
  }));
  assert.equal(appended.length, 1, 'a failed transaction appends nothing');
  await d.note(tx, 'population', { pin: '035195000001' }, 'p', 'dossier/3', {});
  assert.equal(appended.length, 2, 'outside a wrapped transaction: at once');
});
