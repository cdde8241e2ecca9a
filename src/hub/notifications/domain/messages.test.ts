import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageFor, viDate, type MessageInput } from './messages.ts';

const base = {
  dossierId: '0f1e2d3c-0000-4000-8000-000000000001',
  procedure: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
  link: 'https://dvc.example.vn/portal/dossiers/0f1e2d3c-0000-4000-8000-000000000001',
};
const reasons = [{ path: 'declaration.mother.pin', code: 'deceased', reason: 'The mother is recorded as deceased.', reasonVi: 'Người mẹ đã được ghi nhận là đã mất.' }];

const cases: { input: MessageInput; subject: string; contains: string[] }[] = [
  { input: { ...base, event: 'completed', language: 'vi' }, subject: 'Hồ sơ 0f1e2d3c: Đăng ký khai sinh đã hoàn thành', contains: ['đã hoàn thành', base.dossierId, base.link] },
  { input: { ...base, event: 'completed', language: 'en' }, subject: 'Dossier 0f1e2d3c: Birth registration completed', contains: ['is completed', base.link] },
  { input: { ...base, event: 'rejected', language: 'vi', reasons }, subject: 'Hồ sơ 0f1e2d3c: Đăng ký khai sinh bị từ chối', contains: ['- Người mẹ đã được ghi nhận là đã mất.', base.link] },
  { input: { ...base, event: 'rejected', language: 'en', reasons }, subject: 'Dossier 0f1e2d3c: Birth registration refused', contains: ['- The mother is recorded as deceased.'] },
  {
    input: { ...base, event: 'supplement-requested', language: 'vi', reasons, deadline: '2025-02-11' },
    subject: 'Hồ sơ 0f1e2d3c: cần bổ sung cho Đăng ký khai sinh',
    contains: ['hết ngày 11/02/2025', '- Người mẹ đã được ghi nhận là đã mất.', base.link],
  },
  {
    input: { ...base, event: 'supplement-requested', language: 'en', reasons, deadline: '2025-02-11' },
    subject: 'Dossier 0f1e2d3c: a supplement is needed for Birth registration',
    contains: ['Last day to answer: 2025-02-11', 'The mother is recorded as deceased.'],
  },
];

for (const c of cases) {
  test(`${c.input.event} in ${c.input.language}: subject and body`, () => {
    const m = messageFor(c.input);
    assert.equal(m.subject, c.subject);
    for (const s of c.contains) assert.ok(m.text.includes(s), `${JSON.stringify(m.text)} should contain ${s}`);
    assert.ok(m.sms.includes(base.link));
    // English texts use the English reason only, and the other way round.
    const other = c.input.language === 'vi' ? 'The mother is recorded' : 'Người mẹ';
    assert.ok(!m.text.includes(other));
  });
}

test('Vietnamese date form', () => assert.equal(viDate('2025-02-11'), '11/02/2025'));
