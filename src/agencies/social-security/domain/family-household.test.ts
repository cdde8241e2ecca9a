import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeNewborn } from './family-household.ts';

test('seed 003 step 3: a child joins the family household when a parent is in one', () => {
  assert.deepEqual(placeNewborn([{ kind: 'common', id: 'COMMON-01-001' }, { kind: 'family', id: 'HGD-9' }], { provinceCode: '35' }), { kind: 'family', id: 'HGD-9' });
});

test('seed 003 step 3: otherwise the households managed in common in the district of registration', () => {
  assert.deepEqual(placeNewborn([], { provinceCode: '35', districtCode: '347' }), { kind: 'common', id: 'COMMON-35-347', provinceCode: '35', districtCode: '347' });
  assert.equal(placeNewborn([{ kind: 'common', id: 'COMMON-01-001' }], { provinceCode: '01' }).id, 'COMMON-01-000');
});
