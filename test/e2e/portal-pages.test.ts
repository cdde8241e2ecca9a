import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

/**
 * The portal's pages without a browser (so this runs on a machine without Chromium too): the forms work with no
 * script at all — posted, checked by the hub, re-rendered with the values kept — and every state change needs the
 * session's CSRF token. PGlite only: the pages add no SQL of their own (the flows run on both engines elsewhere).
 */
describe('citizen portal pages (server-rendered, no script)', () => {
  let t: TestPlatform;
  let cookie: string;
  let csrf: string;
  const child = { 'child.fullName': 'Lê Minh An', 'child.sex': 'male', 'child.dateOfBirth': '2025-01-20', 'child.placeOfBirth': 'Bệnh viện Đa khoa tỉnh Hà Nam' };
  const parents = { 'declarant.relationship': 'mother', 'mother.pin': PEOPLE.mother, 'father.pin': PEOPLE.father };
  const residence = { 'residence.householdOf': 'mother', 'healthInsurance.initialFacilityCode': '35001' };

  before(async () => {
    t = await startTestPlatform('pglite');
    const s = await t.p.identity.sessions.start(PEOPLE.mother, { issuer: 'test' });
    cookie = `__Host-lienthong-session=${s.id}`;
    csrf = s.csrfToken;
  });
  after(async () => t.close());

  const post = (url: string, fields: Record<string, string>, c = cookie) =>
    t.p.app.inject({ method: 'POST', url, headers: { cookie: c, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const get = (url: string, c = cookie) => t.p.app.inject({ method: 'GET', url, headers: { cookie: c } });

  test('signed out: the welcome page in Vietnamese, English on request and remembered; pages that need a citizen send to sign-in', async () => {
    const home = await get('/portal', '');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<html lang="vi">/);
    assert.match(home.body, /href="\/auth\/citizen\/sign-in"/);
    assert.match(home.body, /<a class="skip-link" href="#main">/);
    assert.doesNotMatch(home.body, /<script>|style="/, 'no inline script or style (the CSP allows only files)');
    assert.match(String(home.headers['content-security-policy']), /script-src 'self'/);
    const en = await get('/portal?lang=en', '');
    assert.match(en.body, /<html lang="en">/);
    const langCookie = [en.headers['set-cookie']].flat().find((c) => String(c).startsWith('__Host-lienthong-lang=en'));
    assert.ok(langCookie);
    assert.match((await get('/portal', '__Host-lienthong-lang=en')).body, /<html lang="en">/);
    const birth = await get('/portal/birth', '');
    assert.equal(birth.statusCode, 303);
    assert.equal(birth.headers.location, '/auth/citizen/sign-in');
    assert.equal((await get('/portal/assets/portal.css', '')).statusCode, 200);
    assert.match(String((await get('/portal/assets/portal.js', '')).headers['content-type']), /javascript/);
  });

  test('a step refused: 400, the message beside the field, the typed values kept; nothing without the CSRF token', async () => {
    const form = await get('/portal/birth');
    const key = /name="_key" value="([^"]+)"/.exec(form.body)![1]!;
    const res = await post('/portal/birth', { _csrf: csrf, _key: key, _step: '0', _action: 'next', ...child, 'child.dateOfBirth': '2025-02-20' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p class="field-error" id="f-child-dateOfBirth-error" data-error-for="child.dateOfBirth" aria-live="polite">Ngày sinh ở tương lai.<\/p>/);
    assert.match(res.body, /id="f-child-dateOfBirth" name="child.dateOfBirth" type="date" value="2025-02-20" aria-describedby="f-child-dateOfBirth-hint f-child-dateOfBirth-error" aria-invalid="true"/);
    assert.match(res.body, /value="Lê Minh An"/);
    assert.match(res.body, /<a href="#f-child-dateOfBirth">Ngày sinh: Ngày sinh ở tương lai.<\/a>/);
    // The schema's refusals read in the field's own terms, not as a pattern.
    const { 'child.sex': _sex, ...noSex } = child;
    const schema = await post('/portal/birth', { _csrf: csrf, _key: key, _step: '0', _action: 'next', ...noSex, 'child.fullName': 'An 2' });
    assert.equal(schema.statusCode, 400);
    assert.match(schema.body, /data-error-for="child.fullName" aria-live="polite">Họ tên chỉ gồm chữ cái/);
    assert.match(schema.body, /data-error-for="child.sex" aria-live="polite">Hãy chọn một mục.<\/p>/);
    assert.doesNotMatch(schema.body, /pattern &quot;|Must match/);
    // A name a citizen types is text, never markup.
    const tricky = await post('/portal/birth', { _csrf: csrf, _key: key, _step: '0', _action: 'next', ...child, 'child.fullName': '<img src=x onerror=alert(1)>' });
    assert.doesNotMatch(tricky.body, /<img src=x/);
    const forged = await post('/portal/birth', { _key: key, _step: '3', _action: 'submit', ...child, ...parents, ...residence });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().code, 'CSRF_FAILED');
    // A browser gets the refusal as a page, in its language.
    const forgedPage = await t.p.app.inject({
      method: 'POST', url: '/portal/birth', headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _key: key, _step: '3', _action: 'submit' }).toString(),
    });
    assert.equal(forgedPage.statusCode, 403);
    assert.match(forgedPage.body, /<html lang="vi">[\s\S]*Biểu mẫu đã hết hạn/);
    assert.equal((await t.p.hub.list({ kind: 'citizen', pin: PEOPLE.mother }, 10, 0)).length, 0);
  });

  test('the dry run answers per field of a step, in the page’s language, and needs the CSRF header', async () => {
    const check = (headers: Record<string, string>, lang = 'vi') =>
      t.p.app.inject({ method: 'POST', url: `/portal/check/birth?lang=${lang}`, headers: { cookie, ...headers }, payload: { step: 'child', values: { ...child, 'child.dateOfBirth': '2025-02-20' } } });
    const res = await check({ 'x-csrf-token': csrf });
    assert.equal(res.statusCode, 200);
    const byName = Object.fromEntries((res.json().fields as { name: string; message: string | null }[]).map((f) => [f.name, f.message]));
    assert.deepEqual(byName, { 'child.fullName': null, 'child.sex': null, 'child.dateOfBirth': 'Ngày sinh ở tương lai.', 'child.placeOfBirth': null });
    assert.equal((await check({ 'x-csrf-token': csrf }, 'en')).json().fields[2].message, 'The date of birth is in the future.');
    assert.equal((await check({})).statusCode, 403);
  });

  test('four steps, then the same submission twice (a retry): one dossier, both sent to it; another citizen’s is not found', async () => {
    const key = 'portal-test-key-0001';
    const base = { _csrf: csrf, _key: key, ...child };
    const s1 = await post('/portal/birth', { ...base, _step: '0', _action: 'next' });
    assert.equal(s1.statusCode, 200);
    assert.match(s1.body, /aria-current="step"[^>]*>Cha, mẹ và người khai/);
    const s2 = await post('/portal/birth', { ...base, ...parents, _step: '1', _action: 'next' });
    assert.match(s2.body, /aria-current="step"[^>]*>Thường trú và thẻ BHYT/);
    const back = await post('/portal/birth', { ...base, ...parents, ...residence, _step: '2', _action: 'back' });
    assert.match(back.body, new RegExp(`value="${PEOPLE.father}"`), 'back keeps what was typed');
    const review = await post('/portal/birth', { ...base, ...parents, ...residence, _step: '2', _action: 'next' });
    assert.match(review.body, /Kiểm tra lại và nộp/);
    assert.match(review.body, /<dd>Bệnh viện Đa khoa tỉnh Hà Nam<\/dd>/);
    const submit = () => post('/portal/birth', { ...base, ...parents, ...residence, _step: '3', _action: 'submit' });
    const first = await submit();
    const second = await submit();
    assert.equal(first.statusCode, 303);
    assert.equal(second.headers.location, first.headers.location);
    const id = /\/portal\/dossiers\/([0-9a-f-]{36})\?submitted=1$/.exec(String(first.headers.location))![1]!;
    assert.equal((await t.p.hub.list({ kind: 'citizen', pin: PEOPLE.mother }, 10, 0)).length, 1);

    await eventually(async () => ((await t.p.hub.get({ kind: 'citizen', pin: PEOPLE.mother }, id)).status === 'completed' ? true : undefined), 'completion');
    const page = await get(`/portal/dossiers/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-dossier-status="completed"/);
    const pdfHref = /href="(\/portal\/dossiers\/[^"]+\.pdf)" download data-document="hi-card"/.exec(page.body)![1]!;
    const pdf = await get(pdfHref);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');

    const other = await t.p.identity.sessions.start(PEOPLE.stranger, { issuer: 'test' });
    const strangerCookie = `__Host-lienthong-session=${other.id}`;
    assert.equal((await get(`/portal/dossiers/${id}`, strangerCookie)).statusCode, 404);
    assert.equal((await get(pdfHref, strangerCookie)).statusCode, 404);
    assert.equal((await get(pdfHref, '')).statusCode, 401);
  });

  test('a supplement asked for is answered from the dossier page; the procedure goes back to the officer', async () => {
    const s = await t.p.identity.sessions.start(PEOPLE.youngMother, { issuer: 'test' });
    const c = `__Host-lienthong-session=${s.id}`;
    const me = { kind: 'citizen' as const, pin: PEOPLE.youngMother };
    const decl = birthDeclaration({ declarant: { pin: PEOPLE.youngMother, relationship: 'mother' }, mother: { pin: PEOPLE.youngMother }, child: { fullName: 'Ngô Gia Huy', sex: 'male', dateOfBirth: '2025-01-18', placeOfBirth: 'Hà Nội' } });
    delete (decl as { father?: unknown }).father;
    const { id } = await t.p.hub.submit(me, 'birth', decl);
    await eventually(async () => ((await t.p.hub.get(me, id)).procedures[0]!.inReview ? true : undefined), 'review');
    const officer = await t.token({ kind: 'officer', username: 'cr-hanoi', agency: 'civil-registry', role: 'civil-registry-officer', provinceCode: '01' });
    const reviews = await t.p.app.inject({ method: 'GET', url: '/api/v1/agencies/civil-registry/reviews', headers: { authorization: `Bearer ${officer}` } });
    const review = reviews.json().items.find((x: { dossierId: string }) => x.dossierId === id);
    const ask = await t.p.app.inject({
      method: 'POST', url: `/api/v1/agencies/civil-registry/reviews/${review.id}/decision`, headers: { authorization: `Bearer ${officer}` },
      payload: { decision: 'request-supplement', fields: [{ path: 'declaration.mother.pin', reason: "Send the number of the mother's ID card.", reasonVi: 'Bổ sung số CCCD của người mẹ.' }] },
    });
    assert.equal(ask.statusCode, 200, ask.body);
    await eventually(async () => ((await t.p.hub.get(me, id)).status === 'awaiting-supplement' ? true : undefined), 'the request');
    const page = await get(`/portal/dossiers/${id}`, c);
    assert.match(page.body, /<label for="sup-birth-registration-0">Bổ sung số CCCD của người mẹ.<\/label><input id="sup-birth-registration-0" name="answer.declaration.mother.pin"/);
    // An empty answer: the hub's refusal beside the input, nothing sent.
    const empty = await post(`/portal/dossiers/${id}/supplements`, { _csrf: s.csrfToken, _procedure: 'birth-registration', 'answer.declaration.mother.pin': ' ' }, c);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /<p class="field-error" id="sup-birth-registration-0-error">Hãy bổ sung: Bổ sung số CCCD của người mẹ.<\/p>/);
    assert.equal((await t.p.hub.get(me, id)).status, 'awaiting-supplement');
    const answered = await post(`/portal/dossiers/${id}/supplements`, { _csrf: s.csrfToken, _procedure: 'birth-registration', 'answer.declaration.mother.pin': PEOPLE.youngMother }, c);
    assert.equal(answered.statusCode, 303, answered.body);
    assert.equal(answered.headers.location, `/portal/dossiers/${id}?sent=1`);
    await eventually(async () => ((await t.p.hub.get(me, id)).status === 'processing' ? true : undefined), 'back in review');
  });

  test('the list pages ten at a time', async () => {
    const me = { kind: 'citizen' as const, pin: PEOPLE.mother };
    const have = (await t.p.hub.list(me, 100, 0)).length;
    for (let i = have; i < 11; i++)
      await t.p.hub.submit(me, 'birth', birthDeclaration({ child: { fullName: `Lê Minh ${String.fromCharCode(65 + i)}`, sex: 'female', dateOfBirth: '2025-01-20', placeOfBirth: 'Hà Nam' } }));
    const one = await get('/portal');
    assert.equal([...one.body.matchAll(/<tr><td>/g)].length, 10);
    assert.match(one.body, /href="\/portal\?page=2" rel="next"/);
    const two = await get('/portal?page=2');
    assert.equal([...two.body.matchAll(/<tr><td>/g)].length, 1);
    assert.match(two.body, /href="\/portal\?page=1" rel="prev"/);
    assert.doesNotMatch(two.body, /rel="next"/);
  });
});
