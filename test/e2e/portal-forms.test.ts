import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEATH, VOLUNTARY } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * The death and voluntary SI declarations through the portal's pages with no script at all (so this runs on a
 * machine without Chromium too): each step posted, checked by the hub, re-rendered with the values kept and the
 * messages beside the fields; relatives added and removed by posting; the supplement answered with the parts of a
 * record; the payment QR drawn on the dossier page, and the voucher once paid. The clock is Fri 24 Jan 2025.
 */
describe('citizen portal pages: death and voluntary SI declarations (server-rendered, no script)', () => {
  let t: TestPlatform;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  before(async () => {
    t = await startTestPlatform('pglite');
  });
  after(async () => t.close());

  async function as(pin: string) {
    if (!sessions.has(pin)) {
      const s = await t.p.identity.sessions.start(pin, { issuer: 'test' });
      sessions.set(pin, { cookie: `__Host-lienthong-session=${s.id}`, csrf: s.csrfToken });
    }
    const { cookie, csrf } = sessions.get(pin)!;
    return {
      csrf,
      get: (url: string) => t.p.app.inject({ method: 'GET', url, headers: { cookie } }),
      post: (url: string, fields: Record<string, string>) =>
        t.p.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString() }),
    };
  }
  /** The text of the message beside a field (empty when none). */
  const messageAt = (body: string, name: string) => new RegExp(`data-error-for="${name.replace(/\./g, '\\.')}" aria-live="polite">([^<]*)</p>`).exec(body)?.[1];
  const valueOf = (body: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]* value="([^"]*)"`).exec(body)?.[1];

  test('a death declared step by step: a refused date, a relative added and removed, a payee who is no party, the review, submit', async () => {
    const me = await as(DEATH.disabledSon);
    const form = await me.get('/portal/death');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form method="post" action="\/portal\/death" class="declaration-form" novalidate data-check="\/portal\/check\/death" data-step="deceased">/);
    const key = /name="_key" value="([^"]+)"/.exec(form.body)![1]!;
    const deceased = {
      _key: key,
      'declarant.relationship': 'child',
      'deceased.pin': DEATH.supplementPensioner,
      'deceased.dateOfDeath': '2025-01-18',
      'deceased.placeOfDeath': 'Tại nhà',
      'deceased.cause': 'illness',
    };
    const future = await me.post('/portal/death', { ...deceased, 'deceased.dateOfDeath': '2025-02-01', _step: '0', _action: 'next' });
    assert.equal(future.statusCode, 400);
    assert.equal(messageAt(future.body, 'deceased.dateOfDeath'), 'Ngày chết ở tương lai.');
    assert.equal(valueOf(future.body, 'deceased.placeOfDeath'), 'Tại nhà', 'what was typed is kept');
    assert.match(future.body, /<input type="radio" id="f-deceased-cause-0" name="deceased.cause" value="illness" checked/);

    const requests = { 'requests.residenceDeregistration': 'no', 'requests.funeralAllowance': 'yes', 'requests.survivorBenefit': 'monthly' };
    const s2 = await me.post('/portal/death', { ...deceased, _step: '0', _action: 'next' });
    assert.equal(s2.statusCode, 200);
    assert.match(s2.body, /data-step="requests"/);
    // A survivor benefit asked: the relatives' step opens with one row to fill in.
    const s3 = await me.post('/portal/death', { ...deceased, ...requests, _step: '1', _action: 'next' });
    assert.match(s3.body, /data-step="relatives"/);
    assert.match(s3.body, /<legend><span data-row-title>Thân nhân 1<\/span><\/legend>/);
    assert.equal(valueOf(s3.body, 'relatives.0.incapacityPercent'), '0');
    const son = { 'relatives.0.pin': DEATH.disabledSon, 'relatives.0.relationship': 'child', 'relatives.0.hasDirectCaretaker': 'no', 'relatives.0.incapacityPercent': '85', 'relatives.0.monthlyIncome': '' };
    const added = await me.post('/portal/death', { ...deceased, ...requests, ...son, _step: '2', _action: 'add-relatives' });
    assert.match(added.body, /Thân nhân 2/);
    assert.match(added.body, /id="f-relatives-1-pin" name="relatives.1.pin"[^>]* required autofocus>/, 'the new row takes the focus');
    assert.equal(valueOf(added.body, 'relatives.0.pin'), DEATH.disabledSon);
    // The first row removed: the second moves up, with what was typed in it.
    const removed = await me.post('/portal/death', { ...deceased, ...requests, ...son, 'relatives.1.pin': DEATH.disabledDaughter, _step: '2', _action: 'remove-relatives-0' });
    assert.equal(valueOf(removed.body, 'relatives.0.pin'), DEATH.disabledDaughter);
    assert.doesNotMatch(removed.body, /Thân nhân 2/);
    // An empty row: each of its fields says what it needs.
    const empty = await me.post('/portal/death', { ...deceased, ...requests, ...son, 'relatives.1.pin': '', _step: '2', _action: 'next' });
    assert.equal(empty.statusCode, 400);
    assert.equal(messageAt(empty.body, 'relatives.1.pin'), 'Hãy điền mục này.');
    assert.match(empty.body, /<a href="#f-relatives-1-pin">Thân nhân 2: Số định danh cá nhân của thân nhân: Hãy điền mục này.<\/a>/);

    const s4 = await me.post('/portal/death', { ...deceased, ...requests, ...son, _step: '2', _action: 'next' });
    assert.match(s4.body, /data-step="payee"/);
    const account = { 'payee.bankAccount.bankBin': '970436', 'payee.bankAccount.accountNumber': '44556677' };
    const stranger = await me.post('/portal/death', { ...deceased, ...requests, ...son, 'payee.pin': DEATH.workerWidow, ...account, _step: '3', _action: 'next' });
    assert.equal(stranger.statusCode, 400);
    assert.equal(messageAt(stranger.body, 'payee.pin'), 'Người nhận trợ cấp phải là người khai hoặc thân nhân đã khai.');
    const all = { ...deceased, ...requests, ...son, 'payee.pin': DEATH.disabledSon, ...account };
    const review = await me.post('/portal/death', { ...all, _step: '3', _action: 'next' });
    assert.match(review.body, /Kiểm tra lại và nộp/);
    for (const s of ['Tại nhà', 'Ốm đau, bệnh tật', 'Trợ cấp tuất hằng tháng', '<dt>Thân nhân 1: Mức suy giảm khả năng lao động (%)</dt><dd>85</dd>', '44556677'])
      assert.ok(review.body.includes(s), s);

    const submitted = await me.post('/portal/death', { ...all, _step: '4', _action: 'submit' });
    assert.equal(submitted.statusCode, 303, submitted.body);
    const again = await me.post('/portal/death', { ...all, _step: '4', _action: 'submit' });
    assert.equal(again.headers.location, submitted.headers.location, 'the same key: the same dossier');
    const id = /\/portal\/dossiers\/([0-9a-f-]{36})/.exec(String(submitted.headers.location))![1]!;
    const citizen = { kind: 'citizen' as const, pin: DEATH.disabledSon };
    await eventually(async () => ((await t.p.hub.get(citizen, id)).status === 'awaiting-supplement' ? true : undefined), 'the supplement request');

    // The supplement: the medical assessment record, one input per part; a wrong part is shown beside its input.
    const page = await me.get(`/portal/dossiers/${id}`);
    assert.match(page.body, /<fieldset class="field record" data-answer="declaration.relatives.0.incapacityPercent"><legend>Biên bản giám định y khoa<\/legend>/);
    const part = (p: string) => `answer.declaration.relatives.0.incapacityPercent.${p}`;
    const wrong = await me.post(`/portal/dossiers/${id}/supplements`, { _procedure: 'death-benefits', [part('assessmentNumber')]: 'GĐYK-35/2024-117', [part('assessedOn')]: '', [part('incapacityPercent')]: 'chín mươi' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Thông tin bổ sung chưa được gửi/);
    assert.equal(messageAt(wrong.body, part('assessedOn')), 'Hãy điền mục này.');
    assert.equal(messageAt(wrong.body, part('incapacityPercent')), 'Hãy nhập một số nguyên, chỉ gồm chữ số.');
    assert.equal(valueOf(wrong.body, part('assessmentNumber')), 'GĐYK-35/2024-117');
    assert.equal((await t.p.hub.get(citizen, id)).status, 'awaiting-supplement', 'nothing sent');
    const ok = await me.post(`/portal/dossiers/${id}/supplements`, { _procedure: 'death-benefits', [part('assessmentNumber')]: 'GĐYK-35/2024-117', [part('assessedOn')]: '2024-06-10', [part('incapacityPercent')]: '90' });
    assert.equal(ok.statusCode, 303, ok.body);
    await eventually(async () => ((await t.p.hub.get(citizen, id)).status === 'completed' ? true : undefined), 'completion');
    const done = await me.get(`/portal/dossiers/${id}?lang=en`);
    assert.match(done.body, /data-dossier-status="completed"/);
    assert.match(done.body, /<li data-decision="survivor-monthly">/);
    assert.match(done.body, /<dt>Monthly amount<\/dt><dd>1,638,000 VND<\/dd>/);
    assert.match(done.body, /<dt>Death certificate extract number<\/dt><dd>\d{10}-2025-KT\d{6}<\/dd>/);
    assert.match(done.body, /data-document="death-certificate-extract"/);
  });

  test('a form accepts its own fields only, needs the session’s CSRF token, and a browser gets refusals as a page', async () => {
    const me = await as(DEATH.workerWidow);
    const unknown = await me.post('/portal/death', { _step: '0', _action: 'next', 'relatives.0.secret': 'x' });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['relatives.0.secret', 'additionalProperties']]);
    const forged = await t.p.app.inject({
      method: 'POST', url: '/portal/voluntary-si', headers: { cookie: `__Host-lienthong-session=${(await t.p.identity.sessions.start(DEATH.workerWidow, { issuer: 'test' })).id}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'forged', _step: '2', _action: 'submit' }).toString(),
    });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /<html lang="vi">[\s\S]*Biểu mẫu đã hết hạn/);
    const signedOut = await t.p.app.inject({ method: 'GET', url: '/portal/death' });
    assert.deepEqual([signedOut.statusCode, signedOut.headers.location], [303, '/auth/citizen/sign-in']);
    assert.equal((await t.p.hub.list({ kind: 'citizen', pin: DEATH.workerWidow }, 10, 0)).length, 0, 'nothing stored');
  });

  test('the dry run of the relatives’ step answers for each row', async () => {
    const s = await t.p.identity.sessions.start(DEATH.disabledDaughter, { issuer: 'test' });
    const wrong = await t.p.app.inject({ method: 'POST', url: '/portal/check/death', headers: { cookie: `__Host-lienthong-session=${s.id}`, 'x-csrf-token': 'wrong' }, payload: { step: 'relatives', values: {} } });
    assert.equal(wrong.statusCode, 403, 'the CSRF header of the session');
    const check = async (values: Record<string, string>) => {
      const res = await t.p.app.inject({ method: 'POST', url: '/portal/check/death?lang=en', headers: { cookie: `__Host-lienthong-session=${s.id}`, 'x-csrf-token': s.csrfToken }, payload: { step: 'relatives', values } });
      assert.equal(res.statusCode, 200, res.body);
      return Object.fromEntries((res.json().fields as { name: string; message: string | null }[]).map((f) => [f.name, f.message]));
    };
    const died = { 'deceased.pin': DEATH.expiryPensioner, 'deceased.dateOfDeath': '2025-01-20', 'requests.survivorBenefit': 'monthly' };
    const row = (i: number, pin: string) => ({ [`relatives.${i}.pin`]: pin, [`relatives.${i}.relationship`]: 'child', [`relatives.${i}.hasDirectCaretaker`]: 'yes', [`relatives.${i}.incapacityPercent`]: '0' });
    // The schema first: a row's own fields, in the field's terms.
    const schema = await check({ ...died, ...row(0, DEATH.disabledDaughter), 'relatives.1.pin': '12' });
    assert.deepEqual([schema['relatives.0.pin'], schema['relatives.1.pin'], schema['relatives.1.relationship'], schema['relatives.1.hasDirectCaretaker']], [null, 'A personal identification number is exactly 12 digits.', 'Choose one.', 'Choose one.']);
    // Then the rules, on a declaration the schema accepts: each message at its row.
    const rules = await check({ ...died, ...row(0, DEATH.disabledDaughter), ...row(1, DEATH.expiryPensioner), ...row(2, DEATH.disabledDaughter) });
    assert.deepEqual([rules['relatives.0.pin'], rules['relatives.1.pin'], rules['relatives.2.pin'], rules.relatives], [null, 'This relative is the deceased.', 'This relative is declared twice.', null]);
    assert.equal((await check(died)).relatives, 'Name the relatives who claim the survivor benefit.');
    assert.equal((await t.p.app.inject({ method: 'POST', url: '/portal/check/nothing', headers: { cookie: `__Host-lienthong-session=${s.id}`, 'x-csrf-token': s.csrfToken }, payload: { step: 'x', values: {} } })).statusCode, 404);
  });

  test('voluntary SI: the income bounds of the start month, a refused income, the expected contribution, then the amount due, the QR, and the voucher once paid', async () => {
    const me = await as(VOLUNTARY.newcomer);
    const form = await me.get('/portal/voluntary-si');
    assert.equal(form.statusCode, 200);
    const key = /name="_key" value="([^"]+)"/.exec(form.body)![1]!;
    const participant = { _key: key, 'participant.phone': '0912 345', 'participant.email': 'hong@example.vn' };
    const phone = await me.post('/portal/voluntary-si', { ...participant, _step: '0', _action: 'next' });
    assert.equal(phone.statusCode, 400);
    assert.equal(messageAt(phone.body, 'participant.phone'), 'Số điện thoại gồm từ 9 đến 15 chữ số.');
    const s2 = await me.post('/portal/voluntary-si', { ...participant, 'participant.phone': '0912345678', _step: '0', _action: 'next' });
    assert.match(s2.body, /data-step="contribution"/);
    // Floor and ceiling for the current month (January 2025): the rural poverty line and 20 × 2,340,000.
    assert.match(s2.body, /Với tháng bắt đầu 2025-01: từ 1\.500\.000 đồng đến 46\.800\.000 đồng\./);
    const contribution = { ...participant, 'participant.phone': '0912345678', startMonth: '2025-02', paymentMethod: 'monthly', supportGroup: 'other', years: '' };
    const low = await me.post('/portal/voluntary-si', { ...contribution, monthlyIncome: '1.000.000', _step: '1', _action: 'next' });
    assert.equal(low.statusCode, 400);
    assert.match(messageAt(low.body, 'monthlyIncome') ?? '', /^Thu nhập tháng phải từ 1\.500\.000 đồng trở lên/);
    assert.match(low.body, /Với tháng bắt đầu 2025-02/);
    // The dry run sends the bounds of the start month typed back with the messages (the script puts them in the hint).
    const dry = await t.p.app.inject({ method: 'POST', url: '/portal/check/voluntary-si', headers: { cookie: `__Host-lienthong-session=${(await t.p.identity.sessions.start(VOLUNTARY.newcomer, { issuer: 'test' })).id}`, 'x-csrf-token': '' }, payload: { step: 'contribution', values: {} } });
    assert.equal(dry.statusCode, 403);
    const checked = await t.p.app.inject({ method: 'POST', url: '/portal/check/voluntary-si?lang=en', headers: { cookie: sessions.get(VOLUNTARY.newcomer)!.cookie, 'x-csrf-token': me.csrf }, payload: { step: 'contribution', values: { startMonth: '2025-03', monthlyIncome: '1000000' } } });
    const income = (checked.json().fields as { name: string; message: string | null; hint?: string }[]).find((f) => f.name === 'monthlyIncome')!;
    assert.match(income.hint ?? '', /^For a start in 2025-03: from 1,500,000 VND to 46,800,000 VND\.$/);
    assert.match(income.message ?? '', /^The monthly income must be at least 1,500,000 VND/, 'judged before the method and the group are chosen');
    // Years do not apply to a monthly payment: ignored (the script hides the field).
    const review = await me.post('/portal/voluntary-si', { ...contribution, monthlyIncome: '1.500.000', years: '3', _step: '1', _action: 'next' });
    assert.equal(review.statusCode, 200, review.body);
    assert.match(review.body, /Mỗi tháng: 22% × 1\.500\.000 đồng = 330\.000 đồng, trước phần Nhà nước hỗ trợ\./);
    assert.doesNotMatch(review.body, /<dt>Số năm đóng trước<\/dt>/);
    const submitted = await me.post('/portal/voluntary-si', { ...contribution, monthlyIncome: '1.500.000', _step: '2', _action: 'submit' });
    assert.equal(submitted.statusCode, 303, submitted.body);
    const id = /\/portal\/dossiers\/([0-9a-f-]{36})/.exec(String(submitted.headers.location))![1]!;
    const citizen = { kind: 'citizen' as const, pin: VOLUNTARY.newcomer };
    const d = await eventually(async () => {
      const x = await t.p.hub.get(citizen, id);
      return x.status === 'awaiting-payment' ? x : undefined;
    }, 'awaiting payment');
    const payment = d.procedures[0]!.result!.payment as { reference: string; qrPayload: string };

    const page = await me.get(`/portal/dossiers/${id}`);
    assert.match(page.body, /<dd data-amount-due><strong>297\.000 đồng<\/strong><\/dd>/);
    assert.match(page.body, /<dt>Hạn đóng<\/dt><dd>28\/02\/2025<\/dd>/);
    assert.match(page.body, new RegExp(`<code>${payment.reference}</code>`));
    const img = /<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)" width="240" height="240" data-payment-qr>/.exec(page.body);
    assert.ok(img, 'the QR as an image');
    assert.match(Buffer.from(img[1]!, 'base64').toString(), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    assert.equal(img[2], `Mã QR VietQR để chuyển 297.000 đồng vào tài khoản ${(d.procedures[0]!.result!.payment as { accountNumber: string }).accountNumber}, nội dung ${payment.reference}`);
    assert.ok(page.body.includes(`data-qr-payload>${payment.qrPayload}</textarea>`), 'the payload as text to copy');

    const collector = await t.token({ kind: 'officer', username: 'vc-35', agency: 'social-security', role: 'vss-collector', provinceCode: '35' });
    const cash = await t.p.app.inject({ method: 'POST', url: '/api/v1/agencies/social-security/cash-receipts', headers: { authorization: `Bearer ${collector}` }, payload: { reference: payment.reference, amount: 297_000, receiptNumber: 'BL-PORTAL-1' } });
    assert.equal(cash.statusCode, 200, cash.body);
    await eventually(async () => ((await t.p.hub.get(citizen, id)).status === 'completed' ? true : undefined), 'paid');
    const paid = await me.get(`/portal/dossiers/${id}`);
    assert.match(paid.body, /<section class="payment paid" data-paid><h4>Đã nộp tiền<\/h4>/);
    assert.doesNotMatch(paid.body, /data-payment-qr/);
    assert.match(paid.body, /<dt>Số phiếu thu<\/dt><dd>PT-2025-\d{7}<\/dd>/);
    const voucher = /href="(\/portal\/dossiers\/[^"]+\.pdf)" download data-document="payment-voucher"/.exec(paid.body);
    assert.ok(voucher, 'the voucher PDF is offered');
    assert.match(paid.body, /data-document="si-book-cover-sheet"/, 'a first participation: the SI book cover sheet');
    const pdf = await me.get(voucher[1]!);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
  });
});
