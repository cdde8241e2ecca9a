import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Envelope } from '../../src/contracts/envelope.ts';
import type { HubRuntime } from '../../src/hub/runtime.ts';
import { SmtpNotifier, type OutgoingSms } from '../../src/hub/notifications/notifier.ts';
import { notificationStore } from '../../src/hub/notifications/store.ts';
import { runningClockFrom } from '../../src/platform/clock.ts';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, START, startTestPlatform, type TestPlatform } from '../support/harness.ts';
import { freePort, startSmtp, type ReceivedMail } from './smtp.ts';

const DAY = 86_400_000;
const PUBLIC = 'https://dvc.example.vn';
const FROM = 'Cổng dịch vụ công <no-reply@dvc.example.vn>';

interface Row {
  procedure: string;
  event: string;
  channel: string;
  status: string;
  attempts: number;
}

for (const engine of await engines()) {
  describe(`notifications: e-mail over a real SMTP server, once per event (${engine})`, () => {
    let t: TestPlatform;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const sms: OutgoingSms[] = [];
    let shift = 0;
    let completed = '';
    before(async () => {
      const port = await freePort();
      smtp = await startSmtp(port);
      const running = runningClockFrom(new Date(START));
      t = await startTestPlatform(engine, START, {
        clock: { now: () => new Date(running.now().getTime() + shift) },
        notifications: {
          email: new SmtpNotifier(`smtp://127.0.0.1:${port}`, FROM),
          sms: { send: async (m) => void sms.push(m) },
          publicUrl: PUBLIC,
          intervalMs: 20,
          retryBaseMs: 50,
        },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const submit = async (pin: string, declaration: unknown) => {
      const res = await t.p.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin })}` },
        payload: { group: 'birth', declaration },
      });
      assert.equal(res.statusCode, 202, res.body);
      return res.json().id as string;
    };
    const rows = (id: string) =>
      t.p.db.query<Row>('SELECT procedure, event, channel, status, attempts FROM hub.notifications WHERE dossier_id = $1 ORDER BY id', [id]);
    /** The dossier's notifications once all `n` are sent. */
    const allSent = (id: string, n: number) =>
      eventually(async () => {
        const r = await rows(id);
        return r.length === n && r.every((x) => x.status === 'sent') ? r : undefined;
      }, `${n} notifications of ${id} sent`);
    const mailsOf = (id: string): ReceivedMail[] => smtp.mails.filter((m) => m.text.includes(id));

    test('a birth dossier that completes: one e-mail per completed procedure, in English, and one SMS each', async () => {
      const id = await submit(PEOPLE.mother, birthDeclaration({ contact: { email: 'lan.me@example.vn', phone: '+84912345678', language: 'en' } }));
      const r = await allSent(id, 6);
      completed = id;
      assert.deepEqual(
        r.filter((x) => x.channel === 'email').map((x) => `${x.procedure} ${x.event}`).sort(),
        ['birth-registration completed', 'hi-card completed', 'residence-registration completed'],
      );
      assert.deepEqual(r.map((x) => x.channel).sort(), ['email', 'email', 'email', 'sms', 'sms', 'sms']);
      const mails = mailsOf(id);
      assert.equal(mails.length, 3);
      assert.deepEqual(mails.map((m) => m.subject).sort(), [
        `Dossier ${id.slice(0, 8)}: Birth registration completed`,
        `Dossier ${id.slice(0, 8)}: HI card for a child under 6 completed`,
        `Dossier ${id.slice(0, 8)}: Permanent residence registration completed`,
      ]);
      for (const m of mails) {
        assert.deepEqual(m.to, ['lan.me@example.vn']);
        assert.match(m.headers.from ?? '', /no-reply@dvc\.example\.vn/);
        assert.ok(m.text.includes(`${PUBLIC}/portal/dossiers/${id}`), m.text);
        assert.ok(!m.text.includes('Lê Minh An') && !m.text.includes(PEOPLE.mother), 'no name, no PIN in the message');
      }
      const texts = sms.filter((s) => s.text.includes(id));
      assert.equal(texts.length, 3);
      assert.ok(texts.every((s) => s.to === '+84912345678'));
    });

    test('a redelivered agency reply, the same message or a copy, writes and sends nothing more', async () => {
      const id = completed;
      assert.ok(id, 'the completed dossier of the test above');
      const [row] = await t.p.db.query<{ envelope: Envelope }>(
        `SELECT envelope FROM civil_registry.outbox WHERE dossier_id = $1 AND type = 'procedure.completed'`,
        [id],
      );
      assert.ok(row, 'the civil registry replied');
      await t.p.transport.publish(row.envelope); // the same id: deduplicated by the bus or the hub's inbox
      const copy = { ...row.envelope, id: crypto.randomUUID() }; // a copy under a new id: reaches the handler
      await t.p.transport.publish(copy);
      const [seen] = await t.p.db.query('SELECT 1 FROM hub.inbox WHERE message_id = $1', [copy.id]);
      assert.ok(seen, 'the copy was applied by the hub (and found nothing to do)');
      const r = await rows(id);
      assert.equal(r.length, 6);
      assert.ok(r.every((x) => x.status === 'sent'));
      assert.equal(mailsOf(id).length, 3);
      assert.equal(sms.filter((s) => s.text.includes(id)).length, 3);
      // And below the handlers' own guard, the table's unique key: the same event written again adds no row.
      await t.p.db.transaction((tx) => notificationStore.enqueue(tx, { dossierId: id, procedure: 'birth-registration', event: 'completed', details: {}, at: new Date().toISOString() }));
      assert.equal((await rows(id)).length, 6);
    });

    test('a refusal: one e-mail in Vietnamese with the reason; cancelled procedures tell nothing', async () => {
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.father, relationship: 'father' },
        mother: { pin: PEOPLE.deceasedMother },
        residence: { householdOf: 'father' },
        contact: { email: 'bo@example.vn', language: 'vi' },
      });
      const id = await submit(PEOPLE.father, decl);
      const r = await allSent(id, 1);
      assert.deepEqual([r[0]!.procedure, r[0]!.event], ['birth-registration', 'rejected']);
      const [m] = mailsOf(id);
      assert.equal(m!.subject, `Hồ sơ ${id.slice(0, 8)}: Đăng ký khai sinh bị từ chối`);
      assert.match(m!.text, /bị từ chối vì:\n- \S/);
      assert.ok(m!.text.includes(`${PUBLIC}/portal/dossiers/${id}`));
    });

    test('a supplement request: the fields and the last day; then overdue once, however many sweeps', async () => {
      const mother = await t.token({ kind: 'citizen', pin: PEOPLE.youngMother });
      const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
      const decl = birthDeclaration({
        declarant: { pin: PEOPLE.youngMother, relationship: 'mother' },
        mother: { pin: PEOPLE.youngMother },
        child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' },
        contact: { email: 'hoa@example.vn', language: 'vi' },
      });
      delete (decl as { father?: unknown }).father;
      const id = await submit(PEOPLE.youngMother, decl);
      const get = async () => (await t.p.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${mother}` } })).json();
      await eventually(async () => ((d) => (d.procedures[0].inReview ? d : undefined))(await get()), 'review');

      // Overdue: the birth registration's last day is the day of receipt (Fri 24 Jan 2025); the officer has not decided.
      const hub = t.p.parts.find((p) => p.name === 'hub') as HubRuntime;
      const overdue = () => t.p.db.query('SELECT procedure FROM hub.history WHERE dossier_id = $1 AND status = $2', [id, 'overdue']);
      await hub.sweepNow();
      assert.equal((await overdue()).length, 0, 'not overdue on its last day');
      shift = 4 * DAY; // Tue 28 Jan 2025 (in the Tết break): the last day has passed
      await hub.sweepNow();
      await hub.sweepNow();
      assert.deepEqual(await overdue(), [{ procedure: 'birth-registration' }]);
      shift = 0;

      const reviews = (await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${officer}` } })).json();
      const review = reviews.items.find((x: { dossierId: string }) => x.dossierId === id);
      const ask = await t.p.app.inject({
        method: 'POST',
        url: `/api/v1/agencies/civil-registry/reviews/${review.id}/decision`,
        headers: { authorization: `Bearer ${officer}` },
        payload: { decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: "Send the number of the mother's ID card.", reasonVi: 'Bổ sung số CCCD của người mẹ.' }] },
      });
      assert.equal(ask.statusCode, 200, ask.body);
      const r = await allSent(id, 1);
      assert.deepEqual([r[0]!.procedure, r[0]!.event], ['birth-registration', 'supplement-requested']);
      const [m] = mailsOf(id);
      assert.equal(m!.subject, `Hồ sơ ${id.slice(0, 8)}: cần bổ sung cho Đăng ký khai sinh`);
      assert.ok(m!.text.includes('- Bổ sung số CCCD của người mẹ.'), m!.text);
      assert.ok(m!.text.includes('Hạn bổ sung: hết ngày 11/02/2025'), m!.text);
    });
  });

  describe(`notifications: the SMTP server is down at first (${engine})`, () => {
    test('the e-mail is retried and delivered once the server answers', async () => {
      const port = await freePort();
      const t = await startTestPlatform(engine, START, {
        notifications: { email: new SmtpNotifier(`smtp://127.0.0.1:${port}`, FROM), sms: { send: async () => undefined }, publicUrl: PUBLIC, intervalMs: 20, retryBaseMs: 50 },
      });
      let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
      try {
        const res = await t.p.app.inject({
          method: 'POST',
          url: '/api/v1/dossiers',
          headers: { authorization: `Bearer ${await t.token({ kind: 'citizen', pin: PEOPLE.mother })}` },
          payload: { group: 'birth', declaration: birthDeclaration({ contact: { email: 'lan.retry@example.vn', language: 'en' } }) },
        });
        const id = res.json().id as string;
        const failedOnce = await eventually(async () => {
          // Failed, not merely claimed: a claim holds the row 5 minutes ahead, a failure schedules a retry in milliseconds.
          const r = await t.p.db.query<Row>(
            `SELECT procedure, status, attempts FROM hub.notifications
             WHERE dossier_id = $1 AND attempts >= 1 AND status = 'pending' AND next_attempt_at < created_at + interval '2 minutes'`,
            [id],
          );
          return r.length > 0 ? r : undefined;
        }, 'a failed attempt');
        assert.ok(failedOnce.length > 0);
        smtp = await startSmtp(port);
        const r = await eventually(async () => {
          const x = await t.p.db.query<Row>('SELECT procedure, status, attempts FROM hub.notifications WHERE dossier_id = $1', [id]);
          return x.length === 3 && x.every((y) => y.status === 'sent') ? x : undefined;
        }, 'all sent');
        const retried = r.find((x) => x.procedure === failedOnce[0]!.procedure)!;
        assert.ok(retried.attempts >= 2, 'the failed one was tried again');
        const mails = smtp.mails.filter((m) => m.text.includes(id));
        assert.equal(mails.length, 3, 'one e-mail per completed procedure, none twice');
        assert.equal(new Set(mails.map((m) => m.subject)).size, 3);
      } finally {
        await t.close();
        await smtp?.close();
      }
    });
  });
}
