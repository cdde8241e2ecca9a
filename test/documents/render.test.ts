import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { documentsOf } from '../../src/hub/documents/catalogue.ts';
import { checkPdf } from '../../src/platform/documents/pdf-signature.ts';
import { renderDocument } from '../../src/platform/documents/render.ts';
import { documentKeys, ephemeralDocumentKeys } from '../../src/platform/documents/signer.ts';
import { DOCUMENT_KINDS, documentDigest } from '../../src/platform/documents/model.ts';
import { birth, death, voluntary } from './samples.ts';

const keys = ephemeralDocumentKeys();
const URL = 'https://lienthong.example.vn';
const all = [birth, death, voluntary].flatMap((s) => documentsOf(s.dossier, s.procedures));

/** pdftotext (poppler) when the machine has it: the text layer proves the embedded font maps back to Vietnamese. */
const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  } catch {
    return null;
  }
})();

test('every kind of document is derived from the sample results, each with its own code', () => {
  assert.deepEqual([...new Set(all.map((d) => d.spec.kind))].sort(), [...DOCUMENT_KINDS].sort());
  assert.deepEqual(
    all.map((d) => [d.spec.kind, d.spec.code, d.spec.issuer.agency, d.spec.issuedOn]),
    [
      ['birth-certificate-extract', 'B1RT-H000-0001', 'civil-registry', '2025-01-24'],
      ['residence-confirmation', 'RES1-0000-0001', 'population', '2025-01-24'],
      ['hi-card', 'HC1D-0000-0001', 'social-security', '2025-01-24'],
      ['death-certificate-extract', 'DEAT-H000-0001', 'civil-registry', '2025-01-24'],
      ['residence-deregistration-confirmation', 'DERE-G000-0001', 'population', '2025-01-24'],
      ['vss-decision', 'DEC0-0000-0001', 'social-security', '2025-01-24'],
      ['vss-decision', 'DEC0-0000-0002', 'social-security', '2025-01-24'],
      ['vss-decision', 'DEC0-0000-0003', 'social-security', '2025-01-24'],
      ['voluntary-si-registration', 'VSI0-0000-0001', 'social-security', '2025-01-24'],
      ['si-book-cover-sheet', 'B00K-0000-0001', 'social-security', '2025-02-03'],
      ['payment-voucher', 'PAY0-0000-0001', 'social-security', '2025-02-03'],
    ],
  );
  // The HI card's holder is the child whose PIN the birth registration gave; decisions are about the deceased.
  assert.equal(all.find((d) => d.spec.kind === 'hi-card')!.holder.pin, '035225000101');
  assert.equal(all.find((d) => d.spec.kind === 'vss-decision')!.holder.pin, '035040000011');
});

test('while a voluntary SI registration awaits payment, its notice is a document; voucher and book come with the payment', () => {
  const [proc] = voluntary.procedures;
  const { voucher: _v, participation: _p, coverSheet: _c, ...notice } = proc!.result as Record<string, unknown>;
  const waiting = documentsOf(voluntary.dossier, [{ ...proc!, status: 'awaiting-payment', result: notice }]);
  assert.deepEqual(waiting.map((d) => [d.spec.kind, d.spec.code]), [['voluntary-si-registration', 'VSI0-0000-0001']]);
  assert.deepEqual(documentsOf(voluntary.dossier, [{ ...proc!, status: 'rejected' }]), [], 'a refused procedure issues nothing');
  const voucher = all.find((d) => d.spec.kind === 'payment-voucher')!;
  assert.deepEqual(voucher.spec.notes.map((n) => n.en), ['The excess of 3.000 đồng is listed for refund.']);
});

test('the cause of death and the full bank account are never printed', () => {
  const printed = JSON.stringify(all.map((d) => d.spec));
  assert.doesNotMatch(printed, /sealed:|illness/);
  assert.doesNotMatch(printed, /0011004321987.*Paid to|Tài khoản","en":"Bank account"},"value":"970436 · 0011004321987/);
  const payee = all.find((d) => d.spec.code === 'DEC0-0000-0001')!.spec.sections.flatMap((s) => s.rows).find((r) => r.label.en === 'Bank account')!;
  assert.equal(payee.value, '970436 · ••••1987');
});

for (const doc of all) {
  test(`${doc.spec.kind} ${doc.spec.code}: a signed A4 PDF, the same bytes every time, any change detected`, async () => {
    const pdf = await renderDocument(doc.spec, { publicUrl: URL, keys });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-8).toString(), /%%EOF/);
    assert.match(pdf.toString('latin1'), /\/Type \/Page\b/);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
    assert.match(pdf.toString('latin1'), /DejaVuSans/, 'the font is embedded');
    assert.ok((await renderDocument(doc.spec, { publicUrl: URL, keys })).equals(pdf), 'deterministic');

    const ok = checkPdf(pdf, keys);
    assert.ok(ok.ok);
    assert.deepEqual(ok.ok && ok.digest, documentDigest(doc.spec));

    // One byte flipped anywhere (here: inside the compressed page content), bytes appended, or another key.
    const flipped = Buffer.from(pdf);
    const at = Math.floor(pdf.length / 3);
    flipped[at] = flipped[at]! ^ 0x01;
    assert.deepEqual(checkPdf(flipped, keys), { ok: false, problem: 'bad-signature' });
    assert.deepEqual(checkPdf(Buffer.concat([pdf, Buffer.from('\n% appended\n')]), keys), { ok: false, problem: 'bad-signature' });
    assert.deepEqual(checkPdf(pdf, ephemeralDocumentKeys()), { ok: false, problem: 'unknown-key' });
    assert.deepEqual(checkPdf(Buffer.from('%PDF-1.3\nnot ours'), keys), { ok: false, problem: 'not-a-signed-document' });

    if (pdftotext) {
      const text = pdftotext(pdf).normalize('NFC');
      assert.ok(text.includes(doc.spec.code), 'the code is printed');
      assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the national heading, with its diacritics');
      assert.ok(text.includes(`${URL}/verify/${doc.spec.code}`), 'the verification address');
    }
  });
}

/** Every character the PDF's fonts map back to Unicode (their ToUnicode CMaps): what a reader can copy out of it. */
function mappedCharacters(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  const text = pdf.toString('latin1');
  for (const m of text.matchAll(/stream\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('\nendstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('beginbfrange')) continue;
    for (const arr of body.matchAll(/\[([^\]]*)\]/g))
      for (const h of arr[1]!.matchAll(/<([0-9a-fA-F]+)>/g)) chars.add(Buffer.from(h[1]!, 'hex').swap16().toString('utf16le'));
  }
  return chars;
}

test('Vietnamese names and labels are embedded with their diacritics and come back out of the PDF as written', async () => {
  const extract = all.find((d) => d.spec.kind === 'birth-certificate-extract')!;
  const card = all.find((d) => d.spec.kind === 'hi-card')!;
  const [extractPdf, cardPdf] = await Promise.all([renderDocument(extract.spec, { publicUrl: URL, keys }), renderDocument(card.spec, { publicUrl: URL, keys })]);
  const wanted = ['TRÍCH LỤC KHAI SINH', 'Lê Minh Đức', 'Trần Thị Mai', 'Bệnh viện Đa khoa tỉnh Hà Nam', 'ỦY BAN NHÂN DÂN XÃ THANH PHONG', 'ngày 24 tháng 01 năm 2025'];
  const mapped = mappedCharacters(extractPdf);
  assert.ok(!mapped.has('Ж') && !mapped.has('ẞ'), 'only what is printed is embedded (the check can fail)');
  for (const s of wanted) for (const ch of s.replace(/\s/g, '')) assert.ok(mapped.has(ch), `${ch} of “${s}” is in the embedded font and maps back`);
  const cardWanted = ['THẺ BẢO HIỂM Y TẾ', 'LÊ MINH ĐỨC', 'TE1 35 3525000101', 'từ 20/01/2025 đến 31/01/2031', 'NHỮNG ĐIỀU CẦN CHÚ Ý'];
  const cardMapped = mappedCharacters(cardPdf);
  for (const s of cardWanted) for (const ch of s.replace(/\s/g, '')) assert.ok(cardMapped.has(ch), `${ch} of “${s}”`);
  // With poppler on the machine, the whole strings too, in reading order.
  if (pdftotext) {
    const text = pdftotext(extractPdf).normalize('NFC');
    for (const s of wanted) assert.ok(text.includes(s), s);
    const cardText = pdftotext(cardPdf).normalize('NFC');
    for (const s of cardWanted) assert.ok(cardText.includes(s), s);
  }
});

test('a rotated key: documents signed with the previous one still verify when it is listed', async () => {
  const old = ephemeralDocumentKeys();
  const pdf = await renderDocument(all[0]!.spec, { publicUrl: URL, keys: old });
  const next = ephemeralDocumentKeys();
  const { createPublicKey } = await import('node:crypto');
  assert.deepEqual(checkPdf(pdf, next), { ok: false, problem: 'unknown-key' });
  assert.ok(checkPdf(pdf, documentKeys(next.privateKey, [createPublicKey(old.privateKey)])).ok);
});
