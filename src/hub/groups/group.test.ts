import assert from 'node:assert/strict';
import { test } from 'node:test';
import { birthGroup } from './birth.ts';
import { deathGroup } from './death.ts';
import { wantedProcedures, type GroupDefinition } from './group.ts';

const codes = <D>(g: GroupDefinition<D>, d: D) => wantedProcedures(g, d).map((p) => p.code);
const death = (residenceDeregistration: boolean, funeralAllowance: boolean, survivorBenefit: 'monthly' | 'lump-sum' | 'none') =>
  ({ requests: { residenceDeregistration, funeralAllowance, survivorBenefit } }) as never;

test('a group without choices starts every procedure (birth)', () => {
  assert.deepEqual(codes(birthGroup, {} as never), ['birth-registration', 'residence-registration', 'hi-card']);
});

test('death: residence deregistration only when asked; VSS always (the stop of a pension needs no request)', () => {
  assert.deepEqual(codes(deathGroup, death(true, true, 'monthly')), ['death-registration', 'residence-deregistration', 'death-benefits']);
  assert.deepEqual(codes(deathGroup, death(false, true, 'lump-sum')), ['death-registration', 'death-benefits']);
  assert.deepEqual(codes(deathGroup, death(false, false, 'none')), ['death-registration', 'death-benefits']);
});

test('a wanted procedure that requires one not wanted is a mistake in the definition', () => {
  const broken: GroupDefinition<{ a: boolean }> = {
    ...(birthGroup as unknown as GroupDefinition<{ a: boolean }>),
    procedures: birthGroup.procedures.map((p, i) => ({ ...p, wanted: i === 0 ? (d: { a: boolean }) => d.a : undefined })) as never,
  };
  assert.throws(() => wantedProcedures(broken, { a: false }), /residence-registration is wanted but requires birth-registration/);
  assert.equal(wantedProcedures(broken, { a: true }).length, 3);
});
