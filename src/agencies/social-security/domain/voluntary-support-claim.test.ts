import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSupportClaim, monthsAlreadySupported } from './voluntary-support-claim.ts';

test('support claims against the lists and the register (Decree 134/2015 art. 14; Decree 159/2025)', () => {
  const cases = [
    ['poor', ['poor'], 'Kinh', null],
    ['poor', ['near-poor'], 'Kinh', 'not-on-poor-list'],
    ['near-poor', ['near-poor'], 'Kinh', null],
    ['near-poor', ['poor'], 'Kinh', null],
    ['near-poor', [], 'Kinh', 'not-on-near-poor-list'],
    ['ethnic-minority', [], 'Tày', null],
    ['ethnic-minority', [], 'Kinh', 'not-ethnic-minority'],
    ['ethnic-minority', [], null, 'not-ethnic-minority'],
    ['island-commune', [], 'Kinh', null],
    ['other', [], 'Kinh', null],
  ] as const;
  for (const [claim, listings, ethnicity, code] of cases)
    assert.equal(checkSupportClaim(claim, { listings, ethnicity })?.code ?? null, code, `${claim} ${listings.join(',')} ${ethnicity}`);
});

test('months already supported: voluntary months from 2018-01, plus those paid on the platform', () => {
  assert.equal(monthsAlreadySupported([], 0), 0);
  assert.equal(monthsAlreadySupported([{ from: '2016-05', to: '2018-12' }], 6), 18);
  assert.equal(monthsAlreadySupported([{ from: '2016-01', to: '2017-12' }], 0), 0, 'no support before 2018 (Law on SI 2014 art. 87.1)');
  assert.equal(monthsAlreadySupported([{ from: '2019-01', to: '2019-03' }, { from: '2020-01', to: '2020-01' }], 0), 4);
});
