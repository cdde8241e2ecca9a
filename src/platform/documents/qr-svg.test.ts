import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qrDataUrl, qrSvg, QUIET_ZONE, svgOf } from './qr-svg.ts';
import { qrMatrix } from './qr-vector.ts';

/** A text shaped like a VietQR payload (EMVCo TLV, about 130 characters): a larger code than the reference alone. */
const vietQrPayloadSample = '00020101021238570010A000000727012700069704180113123456789012302080QRIBFTTA53037045406297000540200580VN62230819BHXHTN3500000123001630400AB';

/** The modules an SVG draws, read back from its path (`M x y h w v1 h-w z` runs), as a matrix of the code's size. */
function modulesOf(svg: string, size: number): Uint8Array {
  const out = new Uint8Array(size * size);
  const d = /<path fill="#000" d="([^"]*)"/.exec(svg)![1]!;
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w, back] = [Number(m[1]) - QUIET_ZONE, Number(m[2]) - QUIET_ZONE, Number(m[3]), Number(m[4])];
    assert.equal(w, back, 'each run closes on itself');
    for (let c = x; c < x + w; c++) out[y * size + c] = 1;
  }
  return out;
}

test('the SVG draws exactly the dark modules of the code, inside a 4-module quiet zone', () => {
  for (const text of ['BHXHTN3500000123001', vietQrPayloadSample, 'x']) {
    const m = qrMatrix(text);
    const svg = qrSvg(text);
    assert.match(svg, new RegExp(`viewBox="0 0 ${m.size + 2 * QUIET_ZONE} ${m.size + 2 * QUIET_ZONE}"`));
    assert.deepEqual(modulesOf(svg, m.size), m.dark, text);
  }
});

test('a run is one rectangle, and the same text gives the same bytes', () => {
  const svg = svgOf({ size: 3, dark: Uint8Array.from([1, 1, 1, 0, 1, 0, 1, 0, 1]) });
  assert.match(svg, /d="M4 4h3v1h-3zM5 5h1v1h-1zM4 6h1v1h-1zM6 6h1v1h-1z"/);
  assert.equal(qrSvg(vietQrPayloadSample), qrSvg(vietQrPayloadSample));
  assert.match(qrDataUrl('x'), /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
  assert.equal(Buffer.from(qrDataUrl('x').split(',')[1]!, 'base64').toString(), qrSvg('x'));
});
