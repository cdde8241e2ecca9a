import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchPerson, sameName } from './person-match.ts';

test('names match across case, spacing and Unicode composition but not across diacritics', () => {
  const cases: [string, string, boolean][] = [
    ['Nguyễn Văn An', 'nguyễn văn an', true],
    ['Nguyễn  Văn An ', 'Nguyễn Văn An', true],
    ['Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An', true],
    ['Lê Thị Hoa', 'Le Thi Hoa', false],
    ['Trần Minh', 'Trần Minh Anh', false],
  ];
  for (const [a, b, want] of cases) assert.equal(sameName(a, b), want, `${a} ~ ${b}`);
});

test('a declared date of birth that differs from the register is a field issue', () => {
  const issues = matchPerson('declaration.mother', { dateOfBirth: '1990-01-02' }, { fullName: 'X', dateOfBirth: '1990-01-03' });
  assert.deepEqual(issues.map((i) => [i.path, i.code]), [['declaration.mother.dateOfBirth', 'date-of-birth-mismatch']]);
  assert.deepEqual(matchPerson('p', {}, { fullName: 'X', dateOfBirth: '1990-01-03' }), []);
});
