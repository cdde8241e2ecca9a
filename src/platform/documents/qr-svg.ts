import { qrMatrix, type QrMatrix } from './qr-vector.ts';

/** The quiet zone around a code: 4 modules, as ISO/IEC 18004 asks, so that a phone's camera finds the code on any background. */
export const QUIET_ZONE = 4;

/**
 * A QR code as an SVG image: one path of unit squares on a white square, the quiet zone included, scaled by the
 * viewer (crisp at any size, a few kilobytes). The same text always gives the same bytes.
 */
export function qrSvg(text: string): string {
  return svgOf(qrMatrix(text));
}

export function svgOf(m: QrMatrix): string {
  const side = m.size + 2 * QUIET_ZONE;
  let d = '';
  for (let r = 0; r < m.size; r++) {
    // One run of dark modules in a row is one rectangle: fewer path commands than one per module.
    for (let c = 0; c < m.size; ) {
      if (!m.dark[r * m.size + c]) {
        c++;
        continue;
      }
      let end = c;
      while (end < m.size && m.dark[r * m.size + end]) end++;
      d += `M${c + QUIET_ZONE} ${r + QUIET_ZONE}h${end - c}v1h-${end - c}z`;
      c = end;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

/** The SVG as a `data:` URL, for an `<img>` on a page whose policy allows `img-src data:`. */
export function qrDataUrl(text: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(qrSvg(text)).toString('base64')}`;
}
