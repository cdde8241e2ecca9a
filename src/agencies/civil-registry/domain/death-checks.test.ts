import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PersonFacts } from '../../../contracts/common.ts';
import { isoDate } from '../../../kernel/dates.ts';
import { checkDeathNotice, checkDeathRegistration, DEATH_REGISTRATION_DUE_DAYS } from './death-checks.ts';

const deceased: PersonFacts = { pin: '035053000001', fullName: 'Lê Văn Tùng', sex: 'male', dateOfBirth: '1953-04-02', alive: true, householdId: 'H1', address: null };
const declarant: PersonFacts = { pin: '035155000002', fullName: 'Trần Thị Hương', sex: 'female', dateOfBirth: '1955-06-01', alive: true, householdId: 'H1', address: null };

// [source, title, overrides, expected severity:path:code]
const cases: [string, string, { dod?: string; received?: string; deceased?: Partial<PersonFacts>; declarant?: Partial<PersonFacts>; registered?: boolean }, string[]][] = [
  ['Law on Civil Status 2014 art. 34', 'a clean file', {}, []],
  ['art. 33: due within 15 days', 'day 15 is on time', { dod: '2025-01-09' }, []],
  ['art. 33: late is accepted, and noted', 'day 16 is late', { dod: '2025-01-08' }, ['note:declaration.deceased.dateOfDeath:late-registration']],
  ['no second registration', 'already registered', { registered: true, deceased: { alive: false, dateOfDeath: '2025-01-20' } }, ['reject:declaration.deceased.pin:already-registered']],
  ['register: alive', 'already deceased on another date', { deceased: { alive: false, dateOfDeath: '2024-12-01' } }, ['reject:declaration.deceased.pin:already-deceased']],
  ['register: alive', 'deceased without a date', { deceased: { alive: false } }, ['reject:declaration.deceased.pin:already-deceased']],
  ['register corroborates', 'deceased on the same date', { deceased: { alive: false, dateOfDeath: '2025-01-20' } }, ['note:declaration.deceased.pin:register-records-death']],
  ['date check', 'after receipt', { dod: '2025-01-25' }, ['reject:declaration.deceased.dateOfDeath:future-date']],
  ['date check', 'before birth', { dod: '1953-04-01' }, ['reject:declaration.deceased.dateOfDeath:before-birth', 'note:declaration.deceased.dateOfDeath:late-registration']],
  ['declarant', 'a deceased declarant', { declarant: { alive: false } }, ['reject:declaration.declarant.pin:deceased']],
];

for (const [source, title, o, want] of cases) {
  test(`death registration [${source}]: ${title}`, () => {
    const got = checkDeathRegistration({
      deceased: { ...deceased, ...o.deceased },
      declarant: { ...declarant, ...o.declarant },
      dateOfDeath: isoDate(o.dod ?? '2025-01-20'),
      receivedOn: isoDate(o.received ?? '2025-01-24'),
      alreadyRegistered: o.registered ?? false,
    });
    assert.deepEqual(got.map((x) => `${x.severity}:${x.path}:${x.code}`), want);
    for (const x of got) assert.ok(x.reason && x.reasonVi);
  });
}

test('the due time is 15 days (Law on Civil Status 2014 art. 33)', () => assert.equal(DEATH_REGISTRATION_DUE_DAYS, 15));

// A cited death notice against the declaration [source, title, notice (null: none with that id), expected].
const notice = { facilityCode: '35001', noticeNumber: 'BT-2025-000117', deceasedPin: deceased.pin, dateOfDeath: '2025-01-20' };
const noticeCases: [string, string, typeof notice | null, string[]][] = [
  ['Law on Civil Status 2014 art. 34.1', 'the notice names the deceased on the declared day', notice, []],
  ['art. 34.1: the notice must exist', 'no notice with that id', null, ['reject:declaration.deceased.deathNoticeId:unknown-death-notice']],
  ['art. 34.1: the notice is the deceased’s', 'a notice about another person', { ...notice, deceasedPin: declarant.pin }, ['reject:declaration.deceased.deathNoticeId:death-notice-other-person']],
  ['Decree 123/2015 art. 4.2: the facility’s date', 'the day before', { ...notice, dateOfDeath: '2025-01-19' }, ['reject:declaration.deceased.dateOfDeath:death-notice-date-mismatch']],
  ['another person wins over the date', 'another person, another day', { ...notice, deceasedPin: declarant.pin, dateOfDeath: '2025-01-02' }, ['reject:declaration.deceased.deathNoticeId:death-notice-other-person']],
];

for (const [source, title, n, want] of noticeCases) {
  test(`death notice [${source}]: ${title}`, () => {
    const got = checkDeathNotice(n, { pin: deceased.pin, dateOfDeath: isoDate('2025-01-20') });
    assert.deepEqual(got.map((x) => `${x.severity}:${x.path}:${x.code}`), want);
    for (const x of got) assert.ok(x.reason && x.reasonVi);
  });
}

test('a date mismatch names the notice’s date; another person’s notice does not reveal whose it is', () => {
  const [date] = checkDeathNotice({ ...notice, dateOfDeath: '2025-01-19' }, { pin: deceased.pin, dateOfDeath: isoDate('2025-01-20') });
  assert.match(date!.reasonVi, /2025-01-19/);
  const [other] = checkDeathNotice({ ...notice, deceasedPin: declarant.pin }, { pin: deceased.pin, dateOfDeath: isoDate('2025-01-20') });
  assert.ok(!`${other!.reason}${other!.reasonVi}`.includes(declarant.pin));
});
