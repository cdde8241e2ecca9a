import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDeathNoticeInput, differingFields, type DeathNoticeInput } from './death-notice-rules.ts';

const notice: DeathNoticeInput = {
  facilityCode: '35001',
  noticeNumber: 'BT-2025-000117',
  deceasedPin: '035040000011',
  dateOfDeath: '2025-01-15',
  timeOfDeath: '14:30',
  placeOfDeath: 'Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh Hà Nam',
  causeCategory: 'illness',
};
// Fri 24 Jan 2025, 09:00 in Hà Nội.
const NOW = new Date('2025-01-24T09:00:00+07:00');

// [source, title, overrides, expected path:code]
const cases: [string, string, Partial<DeathNoticeInput>, string[]][] = [
  ['Decree 123/2015 art. 4.2', 'a notice of a past death', {}, []],
  ['art. 4.2: issued on the death', 'earlier today', { dateOfDeath: '2025-01-24', timeOfDeath: '08:59' }, []],
  ['art. 4.2: issued on the death', 'later today', { dateOfDeath: '2025-01-24', timeOfDeath: '09:01' }, ['timeOfDeath:future-time']],
  ['art. 4.2: issued on the death', 'tomorrow', { dateOfDeath: '2025-01-25' }, ['dateOfDeath:future-date']],
  ['Circular 07/2016/TT-BCA: PPP', 'no such province', { deceasedPin: '999040000011' }, ['deceasedPin:unknown-province']],
  ['Circular 07/2016/TT-BCA: G YY', 'born in 2026 by the PIN, died in 2025', { deceasedPin: '035226000011' }, ['deceasedPin:born-after-death']],
  ['Circular 07/2016/TT-BCA: G YY', 'born the year of the death', { deceasedPin: '035225000011', dateOfDeath: '2025-01-02' }, []],
];

for (const [source, title, over, want] of cases) {
  test(`death notice intake [${source}]: ${title}`, () => {
    const got = checkDeathNoticeInput({ ...notice, ...over }, NOW);
    assert.deepEqual(got.map((x) => `${x.path}:${x.code}`), want);
    for (const x of got) assert.ok(x.reason && x.reasonVi);
  });
}

// Sent again under the same facility and number: [title, incoming overrides, differing fields].
const again: [string, Partial<DeathNoticeInput>, string[]][] = [
  ['the same notice (a retry)', {}, []],
  ['another person', { deceasedPin: '035050000018' }, ['deceasedPin']],
  ['another day and hour', { dateOfDeath: '2025-01-14', timeOfDeath: '23:50' }, ['dateOfDeath', 'timeOfDeath']],
  ['another place and cause', { placeOfDeath: 'Tại nhà', causeCategory: 'other' }, ['placeOfDeath', 'causeCategory']],
];
for (const [title, over, want] of again)
  test(`a notice sent again: ${title}`, () => assert.deepEqual(differingFields(notice, { ...notice, ...over }), want));
