import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package, resolved through node_modules at run time: it has every
 * precomposed Vietnamese letter (ă, ơ, ư, đ and the five tones on each vowel), and pdfkit embeds the subset used.
 */
const require = createRequire(import.meta.url);
let cache: { regular: Buffer; bold: Buffer } | undefined;

export function documentFonts(): { regular: Buffer; bold: Buffer } {
  cache ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return cache;
}
