import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoggingSmsProvider, SmtpNotifier } from '../../src/hub/notifications/notifier.ts';
import { makeLogger } from '../../src/platform/log/logger.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform } from '../support/harness.ts';
import { freePort } from './smtp.ts';

test('notifications log their id and event, never the address, the phone or the text — also when SMTP fails', async () => {
  const lines: string[] = [];
  const log = makeLogger({ level: 'trace', destination: { write: (l: string) => void lines.push(l) } });
  const port = await freePort(); // nothing listens: every e-mail attempt fails
  const t = await startTestPlatform('pglite', START, {
    log,
    notifications: { email: new SmtpNotifier(`smtp://127.0.0.1:${port}`, 'no-reply@dvc.example.vn'), sms: new LoggingSmsProvider(log), publicUrl: 'https://dvc.example.vn', intervalMs: 20, retryBaseMs: 50 },
  });
  try {
    const res = await t.p.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin: PEOPLE.mother })}` },
      payload: { group: 'birth', declaration: birthDeclaration({ contact: { email: 'secret.mother@example.vn', phone: '0912345678', language: 'vi' } }) },
    });
    const id = res.json().id as string;
    await eventually(async () => {
      const r = await t.p.db.query<{ channel: string; status: string; attempts: number }>('SELECT channel, status, attempts FROM hub.notifications WHERE dossier_id = $1', [id]);
      const smsSent = r.filter((x) => x.channel === 'sms' && x.status === 'sent').length;
      const mailTried = r.filter((x) => x.channel === 'email' && x.attempts >= 2).length;
      return smsSent === 3 && mailTried >= 1 ? true : undefined;
    }, 'SMS logged and e-mail retried');
  } finally {
    await t.close();
  }
  const all = lines.join('');
  assert.ok(all.includes('SMS notification'), 'the logging SMS provider logged');
  assert.ok(all.includes('notification not delivered'), 'the failed e-mail attempt logged');
  for (const secret of ['secret.mother', '@example.vn', '0912345678', PEOPLE.mother, 'Lê Minh An']) assert.ok(!all.includes(secret), `${secret.slice(0, 4)}… is not in the logs`);
});
