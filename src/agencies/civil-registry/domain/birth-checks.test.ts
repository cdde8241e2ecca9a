import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersonFacts } from '../../../contracts/common.ts';
import type { IsoDate } from '../../../kernel/dates.ts';
import { checkBirth, duplicateKey } from './birth-checks.ts';

const mother: PersonFacts = { pin: '001190000001', fullName: 'Trần Thị Mai', sex: 'female', dateOfBirth: '1995-03-10', alive: true, householdId: 'H1', address: null };
const father: PersonFacts = { pin: '001090000002', fullName: 'Lê Văn Nam', sex: 'male', dateOfBirth: '1993-07-01', alive: true, householdId: 'H1', address: null };
const d = (s: string) => s as IsoDate;

// Each case: what differs from a clean file, and the findings expected (severity:path:code).
const cases: { name: string; dob?: string; received?: string; mother?: Partial<PersonFacts>; father?: Partial<PersonFacts> | null; want: string[] }[] = [
  { name: 'clean file: registered automatically', want: [] },
  { name: 'born after receipt (Law on Civil Status art. 16: a birth that happened)', dob: '2025-02-01', received: '2025-01-24', want: ['reject:declaration.child.dateOfBirth:future-date'] },
  { name: 'mother recorded as male', mother: { sex: 'male' }, want: ['reject:declaration.mother.pin:mother-not-female'] },
  { name: 'mother deceased', mother: { alive: false }, want: ['reject:declaration.mother.pin:deceased'] },
  { name: 'mother born after the child', mother: { dateOfBirth: '2025-01-21' }, want: ['reject:declaration.mother.pin:mother-born-after-child'] },
  { name: 'mother aged 13 at the birth: review', mother: { dateOfBirth: '2011-06-01' }, want: ['review:declaration.mother.pin:mother-age-unusual'] },
  { name: 'mother aged 14 at the birth: no review', mother: { dateOfBirth: '2010-01-01' }, want: [] },
  { name: 'father recorded as female', father: { sex: 'female' }, want: ['reject:declaration.father.pin:father-not-male'] },
  { name: 'posthumous child: review', father: { alive: false }, want: ['review:declaration.father.pin:father-deceased'] },
  { name: 'no father declared', father: null, want: [] },
  { name: 'day 60 after the birth is on time (art. 15)', dob: '2024-11-25', received: '2025-01-24', want: [] },
  { name: 'day 61 is late: review', dob: '2024-11-24', received: '2025-01-24', want: ['review:declaration.child.dateOfBirth:late-registration'] },
];

for (const c of cases) {
  test(`birth checks: ${c.name}`, () => {
    const findings = checkBirth({
      child: { dateOfBirth: d(c.dob ?? '2025-01-20') },
      mother: { ...mother, ...c.mother },
      father: c.father === null ? null : { ...father, ...c.father },
      receivedOn: d(c.received ?? '2025-01-24'),
    });
    assert.deepEqual(findings.map((x) => `${x.severity}:${x.path}:${x.code}`), c.want);
  });
}

test('the same child is recognised whatever the case and spacing of the name', () => {
  assert.equal(duplicateKey('1', '2025-01-01', 'Lê  Minh An'), duplicateKey('1', '2025-01-01', 'lê minh an'));
  assert.notEqual(duplicateKey('1', '2025-01-01', 'Lê Minh An'), duplicateKey('1', '2025-01-02', 'Lê Minh An'));
});
