import { html, type Html } from '../portal/html.ts';

/**
 * Charts drawn on the server as inline SVG: no chart library, no script, nothing fetched (the CSP allows none of
 * it anyway). Presentation attributes only (fill, font-size…) — an inline `style` would be refused by the CSP.
 * Each chart is an image with a title and a description for screen readers; the page puts a table of the same
 * figures next to it, which is what a screen-reader user or anyone who wants the exact numbers reads.
 * Colours: the series colours reach 3:1 against white (WCAG 1.4.11) and differ in lightness, and every bar
 * carries its value as text, so no figure depends on telling colours apart.
 */
export interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly (number | null)[];
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
  /** The value as printed at the end of its bar. */
  readonly format: (n: number) => string;
  /** The axis' top; default: the largest value (at least 1). */
  readonly max?: number;
  /** What a missing value reads as (e.g. no procedure measured). */
  readonly none: string;
}

const WIDTH = 400;
const LABEL_H = 16;
const BAR_H = 14;
const GAP = 12;
const LEGEND_H = 22;
const VALUE_W = 70;

/** Text that fits: long labels are cut with an ellipsis (the table beside the chart has them whole). */
function fit(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

function legend(series: readonly Series[], y: number): Html {
  let x = 0;
  const items = series.map((s) => {
    const at = x;
    x += 22 + s.name.length * 7 + 16;
    return html`<rect x="${num(at)}" y="${num(y)}" width="14" height="14" fill="${s.colour}"></rect><text x="${num(at + 20)}" y="${num(y + 12)}" font-size="12" fill="#1b1b1b">${s.name}</text>`;
  });
  return html`${items}`;
}

/**
 * Horizontal bars, one group per category (its label above, one bar per series below), each bar with its value
 * written after it. Reads well at 360 px: the labels have the whole width, not a cramped axis.
 */
export function barChart(c: BarChart): Html {
  const multi = c.series.length > 1;
  const top = multi ? LEGEND_H + 4 : 0;
  const groupH = LABEL_H + c.series.length * (BAR_H + 3) + GAP;
  const height = top + Math.max(1, c.categories.length) * groupH;
  const all = c.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = c.max ?? Math.max(1, ...all);
  const room = WIDTH - VALUE_W;
  const groups = c.categories.map((cat, i) => {
    const y0 = top + i * groupH;
    const bars = c.series.map((s, j) => {
      const v = s.values[i] ?? null;
      const y = y0 + LABEL_H + j * (BAR_H + 3);
      const w = v === null ? 0 : Math.max(v > 0 ? 2 : 0, (v / max) * room);
      return html`<rect x="0" y="${num(y)}" width="${num(w)}" height="${BAR_H}" fill="${s.colour}" data-value="${v === null ? '' : String(v)}"></rect><text x="${num(w + 4)}" y="${num(y + BAR_H - 3)}" font-size="11" fill="#1b1b1b">${v === null ? c.none : c.format(v)}</text>`;
    });
    return html`<text x="0" y="${num(y0 + LABEL_H - 4)}" font-size="12" font-weight="600" fill="#1b1b1b">${fit(cat, 60)}</text>${bars}`;
  });
  return html`<svg class="chart" id="${c.id}" viewBox="0 0 ${WIDTH} ${num(height)}" width="100%" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">
<title id="${c.id}-title">${c.title}</title><desc id="${c.id}-desc">${c.desc}</desc>
${multi ? legend(c.series, 0) : ''}${groups}
</svg>`;
}

export interface ColumnChart {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  /** One label per column (e.g. a day); only the first, the middle and the last are written under the axis. */
  readonly labels: readonly string[];
  /** Stacked from the bottom, in this order. */
  readonly series: readonly Series[];
}

/** Stacked columns over time (e.g. procedures ended per day: on time below, late above). */
export function columnChart(c: ColumnChart): Html {
  const height = 200;
  const top = LEGEND_H + 8;
  const bottom = 22;
  const left = 28;
  const plotH = height - top - bottom;
  const n = Math.max(1, c.labels.length);
  const step = (WIDTH - left) / n;
  const barW = Math.max(1, step * 0.7);
  const totals = c.labels.map((_, i) => c.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const columns = c.labels.map((_, i) => {
    let acc = 0;
    return c.series.map((s) => {
      const v = s.values[i] ?? 0;
      const h = (v / max) * plotH;
      const y = top + plotH - ((acc + v) / max) * plotH;
      acc += v;
      return v > 0 ? html`<rect x="${num(left + i * step + (step - barW) / 2)}" y="${num(y)}" width="${num(barW)}" height="${num(h)}" fill="${s.colour}"></rect>` : '';
    });
  });
  const ticks = [...new Set([0, Math.floor((c.labels.length - 1) / 2), c.labels.length - 1])].filter((i) => i >= 0 && i < c.labels.length);
  const xLabels = ticks.map((i) => {
    const x = left + i * step + step / 2;
    const anchor = i === 0 ? 'start' : i === c.labels.length - 1 ? 'end' : 'middle';
    return html`<text x="${num(i === 0 ? left : i === c.labels.length - 1 ? WIDTH : x)}" y="${num(height - 6)}" font-size="11" text-anchor="${anchor}" fill="#1b1b1b">${c.labels[i]!}</text>`;
  });
  return html`<svg class="chart" id="${c.id}" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${c.id}-title ${c.id}-desc" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">
<title id="${c.id}-title">${c.title}</title><desc id="${c.id}-desc">${c.desc}</desc>
${legend(c.series, 0)}
<line x1="${left}" y1="${top + plotH}" x2="${WIDTH}" y2="${top + plotH}" stroke="#4a4a4a" stroke-width="1"></line>
<text x="${left - 4}" y="${top + 8}" font-size="11" text-anchor="end" fill="#1b1b1b">${String(max)}</text>
<text x="${left - 4}" y="${top + plotH}" font-size="11" text-anchor="end" fill="#1b1b1b">0</text>
${columns}${xLabels}
</svg>`;
}
