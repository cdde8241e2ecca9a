import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines } from '../support/databases.ts';
import { birthDeclaration, PEOPLE } from '../support/fixtures.ts';
import { eventually, startTestPlatform, type TestPlatform } from '../support/harness.ts';

const FINAL = new Set(['completed', 'partially-completed', 'rejected']);
type Item = { code: string; kind: string; issuer: string; issuedOn: string; pdf: string; verifyUrl: string; procedure: string };

for (const engine of await engines()) {
  describe(`documents: download, verify, and validity ended by a death (${engine})`, () => {
    let t: TestPlatform;
    let mother: string;
    let stranger: string;
    let birthId: string;
    let childPin: string;
    let items: Item[];
    let cardPdf: Buffer;
    before(async () => {
      t = await startTestPlatform(engine, undefined, { publicUrl: 'https://lienthong.example.vn' });
      mother = await t.token({ kind: 'citizen', pin: PEOPLE.mother });
      stranger = await t.token({ kind: 'citizen', pin: PEOPLE.stranger });
    });
    after(async () => t.close());

    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const inject: TestPlatform['p']['app']['inject'] = ((o: never) => t.p.app.inject(o)) as never;
    const settled = (id: string) =>
      eventually(async () => {
        const d = (await inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: auth(mother) })).json();
        return FINAL.has(d.status) ? d : undefined;
      }, `dossier ${id}`);
    const verify = async (code: string, headers: Record<string, string> = {}) => inject({ method: 'GET', url: `/verify/${code}`, headers });
    const codeOf = (kind: string) => items.find((x) => x.kind === kind)!.code;

    test('a completed birth dossier lists its three documents', async () => {
      const res = await inject({ method: 'POST', url: '/api/v1/dossiers', headers: auth(mother), payload: { group: 'birth', declaration: birthDeclaration() } });
      assert.equal(res.statusCode, 202, res.body);
      birthId = res.json().id;
      const d = await settled(birthId);
      assert.equal(d.status, 'completed');
      childPin = d.procedures.find((p: { code: string }) => p.code === 'birth-registration').result.pin;

      const list = await inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/documents`, headers: auth(mother) });
      assert.equal(list.statusCode, 200, list.body);
      items = list.json().items;
      assert.deepEqual(
        items.map((x) => [x.kind, x.issuer, x.procedure]),
        [
          ['birth-certificate-extract', 'civil-registry', 'birth-registration'],
          ['residence-confirmation', 'population', 'residence-registration'],
          ['hi-card', 'social-security', 'hi-card'],
        ],
      );
      for (const x of items) {
        assert.match(x.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        assert.equal(x.pdf, `/api/v1/dossiers/${birthId}/documents/${x.code}.pdf`);
        assert.equal(x.verifyUrl, `https://lienthong.example.vn/verify/${x.code}`);
      }
    });

    test('only who may read the dossier may list or download its documents', async () => {
      const code = codeOf('hi-card');
      for (const [url, headers] of [
        [`/api/v1/dossiers/${birthId}/documents`, auth(stranger)],
        [`/api/v1/dossiers/${birthId}/documents/${code}.pdf`, auth(stranger)],
        [`/api/v1/dossiers/${birthId}/documents/ZZZZ-ZZZZ-ZZZZ.pdf`, auth(mother)],
      ] as const) {
        const res = await inject({ method: 'GET', url, headers });
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().code, 'NOT_FOUND');
      }
      assert.equal((await inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/documents` })).statusCode, 401);
    });

    test('the HI card downloads as a signed PDF, the same bytes each time', async () => {
      const url = `/api/v1/dossiers/${birthId}/documents/${codeOf('hi-card')}.pdf`;
      const res = await inject({ method: 'GET', url, headers: auth(mother) });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /attachment; filename="[0-9A-Z-]+\.pdf"/);
      cardPdf = res.rawPayload;
      assert.equal(cardPdf.subarray(0, 5).toString(), '%PDF-');
      const again = await inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/documents/${codeOf('hi-card').toLowerCase()}.pdf`, headers: auth(mother) });
      assert.ok(again.rawPayload.equals(cardPdf), 'a code typed in lower case finds the same document, rendered identically');
    });

    test('/verify/{code}: genuine and valid, with nothing but what is needed to check it; no sign-in', async () => {
      const res = await verify(codeOf('hi-card'));
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.deepEqual(
        { ...v, checkedOn: undefined },
        {
          genuine: true,
          code: codeOf('hi-card'),
          kind: 'hi-card',
          title: v.title,
          issuer: { agency: 'social-security', name: { vi: 'Bảo hiểm xã hội Việt Nam', en: 'Vietnam Social Security' } },
          issuedOn: '2025-01-24',
          number: v.number,
          holder: { initials: 'L. M. A.', birthYear: '2025' },
          valid: true,
          status: 'valid',
          reason: null,
          checkedOn: undefined,
        },
      );
      assert.match(v.number, /^TE1\d{2}•+\d{4}$/);
      for (const secret of [childPin, 'Lê Minh An', PEOPLE.mother, 'Trần Thị Mai']) assert.ok(!res.body.includes(secret), `does not show ${secret}`);
    });

    test('/verify/{code} as a page for a phone: Vietnamese and English, its own strict CSP', async () => {
      const res = await verify(codeOf('birth-certificate-extract'), { accept: 'text/html,application/xhtml+xml' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'; style-src 'sha256-/);
      assert.match(res.body, /Văn bản do hệ thống cấp · Genuine/);
      assert.match(res.body, /Còn hiệu lực · Valid/);
      assert.match(res.body, /TRÍCH LỤC KHAI SINH|Trích lục khai sinh/);
      assert.match(res.body, /name="viewport"/);
      const missing = await verify('ZZZZ-ZZZZ-ZZZZ', { accept: 'text/html' });
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Không tìm thấy · Not found/);
    });

    test('a forged or malformed code: 404 with the uniform error', async () => {
      for (const code of ['ZZZZ-ZZZZ-ZZZZ', codeOf('hi-card').replace(/.$/, (c) => (c === '0' ? '1' : '0')), 'not-a-code']) {
        const res = await verify(code);
        assert.equal(res.statusCode, 404, code);
        assert.deepEqual(res.json(), { code: 'NOT_FOUND', message: 'Not found.', messageVi: 'Không tìm thấy.', fields: [] });
      }
    });

    test('POST /verify: the PDF as downloaded is genuine; one byte changed, it is not', async () => {
      const post = (body: Buffer, type = 'application/pdf') => inject({ method: 'POST', url: '/verify', headers: { 'content-type': type }, payload: body });
      const ok = await post(cardPdf);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().genuine, true);
      assert.equal(ok.json().document.code, codeOf('hi-card'));
      assert.equal(ok.json().document.valid, true);

      const altered = Buffer.from(cardPdf);
      const mid = Math.floor(altered.length / 2);
      altered[mid] = altered[mid]! ^ 0x20;
      assert.deepEqual((await post(altered)).json(), { genuine: false, problem: 'bad-signature', document: null });
      assert.deepEqual((await post(Buffer.from('%PDF-1.4\n%%EOF\n'))).json(), { genuine: false, problem: 'not-a-signed-document', document: null });
      const notPdf = await inject({ method: 'POST', url: '/verify', payload: { code: codeOf('hi-card') } });
      assert.equal(notPdf.statusCode, 400);
      assert.equal(notPdf.json().fields[0].code, 'not-a-pdf');
      const huge = await post(Buffer.concat([cardPdf, Buffer.alloc(2 * 1024 * 1024)]));
      assert.equal(huge.statusCode, 413);
    });

    test('the holder’s death registered through the death group ends the HI card and the residence; the birth extract stands', async () => {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: auth(mother),
        payload: {
          group: 'death',
          declaration: {
            declarant: { pin: PEOPLE.mother, relationship: 'parent' },
            deceased: { pin: childPin, dateOfDeath: '2025-01-24', placeOfDeath: 'Bệnh viện Đa khoa tỉnh Hà Nam', cause: 'illness' },
            requests: { residenceDeregistration: true, funeralAllowance: false, survivorBenefit: 'none' },
            relatives: [],
          },
        },
      });
      assert.equal(res.statusCode, 202, res.body);
      const d = await settled(res.json().id);
      assert.equal(d.status, 'completed', JSON.stringify(d.procedures.map((p: { code: string; status: string; reasons: unknown }) => [p.code, p.status, p.reasons])));

      const card = (await verify(codeOf('hi-card'))).json();
      assert.deepEqual([card.genuine, card.valid, card.status], [true, false, 'ended']);
      assert.match(card.reason.en, /ended on 2025-01-24: its holder has died \(death registered on 2025-01-24\)/);
      assert.match(card.reason.vi, /người có tên trên thẻ đã chết/);
      const residence = (await verify(codeOf('residence-confirmation'))).json();
      assert.deepEqual([residence.valid, residence.status], [false, 'ended']);
      const extract = (await verify(codeOf('birth-certificate-extract'))).json();
      assert.deepEqual([extract.valid, extract.status], [true, 'valid']);
      // The same PDF, checked again: still the genuine file, and now says the card is no longer valid.
      const again = (await inject({ method: 'POST', url: '/verify', headers: { 'content-type': 'application/pdf' }, payload: cardPdf })).json();
      assert.deepEqual([again.genuine, again.document.valid, again.document.status], [true, false, 'ended']);

      // The death dossier's own documents: the extract and the deregistration, both verifiable.
      const docs = (await inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/documents`, headers: auth(mother) })).json().items as Item[];
      assert.deepEqual(docs.map((x) => x.kind), ['death-certificate-extract', 'residence-deregistration-confirmation']);
      const deathExtract = (await verify(docs[0]!.code)).json();
      assert.deepEqual([deathExtract.kind, deathExtract.issuer.agency, deathExtract.valid, deathExtract.holder], ['death-certificate-extract', 'civil-registry', true, { initials: 'L. M. A.', birthYear: '2025' }]);
    });
  });
}
