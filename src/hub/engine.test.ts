import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FieldIssue } from '../contracts/common.ts';
import type { ProcedureCode } from '../contracts/procedures.ts';
import type { ProcedureStatus } from './domain/procedure-status.ts';
import { prerequisiteRefused } from './engine.ts';
import { deathGroup } from './groups/death.ts';

const q = (code: ProcedureCode, status: ProcedureStatus, reasons: FieldIssue[] = []) => ({ code, status, reasons });
const refusal: FieldIssue = { path: 'declaration.deceased.pin', code: 'already-registered', reason: 'A death is already registered.', reasonVi: 'Đã đăng ký khai tử.' };

test('a procedure cancelled because its prerequisite was refused names that procedure, in English and Vietnamese', () => {
  const [r, ...rest] = prerequisiteRefused(deathGroup, [q('death-registration', 'rejected', [refusal])]);
  assert.deepEqual(rest, []);
  assert.equal(r!.path, 'procedures.death-registration');
  assert.equal(r!.code, 'prerequisite-refused');
  assert.match(r!.reason, /"Death registration", which was refused/);
  assert.match(r!.reasonVi, /"Đăng ký khai tử" đã bị từ chối/);
});

test('behind a cancelled prerequisite, the refused one is named (a chain names its start, once)', () => {
  const named = prerequisiteRefused(deathGroup, [q('death-registration', 'rejected')]);
  const chained = prerequisiteRefused(deathGroup, [q('residence-deregistration', 'cancelled', named)]);
  assert.deepEqual(chained, named);
  assert.deepEqual(prerequisiteRefused(deathGroup, [q('death-registration', 'rejected'), q('residence-deregistration', 'cancelled', named)]), named);
});

test('completed or pending prerequisites give no reason', () => {
  assert.deepEqual(prerequisiteRefused(deathGroup, [q('death-registration', 'completed'), q('residence-deregistration', 'pending')]), []);
});
