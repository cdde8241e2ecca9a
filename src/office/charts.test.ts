import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, columnChart } from './charts.ts';

const widths = (svg: string) => [...svg.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)" height="14" fill="([^"]+)" data-value="([^"]*)"/g)].map((m) => [Number(m[1]), m[2], m[3]]);

test('bars are proportional to their values on the axis given, each with its value written; a missing value reads as such', () => {
  const svg = barChart({
    id: 'c',
    title: 'Tỷ lệ <đúng hạn>',
    desc: 'mô tả',
    categories: ['Khai sinh', 'Thường trú', 'Thẻ BHYT'],
    series: [{ name: 'Đúng hạn', colour: '#1e6b2f', values: [100, 50, null] }],
    max: 100,
    format: (n) => `${n}%`,
    none: 'chưa đo được',
  }).value;
  // 400 wide, 70 kept for the value's text: 100% is 330, 50% is 165.
  assert.deepEqual(widths(svg), [
    [330, '#1e6b2f', '100'],
    [165, '#1e6b2f', '50'],
    [0, '#1e6b2f', ''],
  ]);
  assert.match(svg, />100%<\/text>/);
  assert.match(svg, />chưa đo được<\/text>/);
  // An image with a name and a description for screen readers; text escaped; no style attribute (the CSP).
  assert.match(svg, /<svg class="chart" id="c" [^>]*role="img" aria-labelledby="c-title c-desc"/);
  assert.match(svg, /<title id="c-title">Tỷ lệ &lt;đúng hạn&gt;<\/title>/);
  assert.doesNotMatch(svg, /style=/);
});

test('without an axis given the largest value fills the width; two series get a legend and a bar each per category', () => {
  const svg = barChart({
    id: 'o',
    title: 't',
    desc: 'd',
    categories: ['01', '35'],
    series: [
      { name: 'Open', colour: '#0b4f9c', values: [4, 2] },
      { name: 'Overdue', colour: '#b00020', values: [1, 0] },
    ],
    format: String,
    none: '—',
  }).value;
  assert.deepEqual(
    widths(svg).map(([w, c]) => [w, c]),
    [
      [330, '#0b4f9c'],
      [82.5, '#b00020'],
      [165, '#0b4f9c'],
      [0, '#b00020'],
    ],
  );
  assert.match(svg, />Open<\/text>[\s\S]*>Overdue<\/text>/);
});

test('stacked columns: each day’s series stacked from the base line, heights in proportion to the largest total', () => {
  const svg = columnChart({
    id: 's',
    title: 't',
    desc: 'd',
    labels: ['01-22', '01-23', '01-24'],
    series: [
      { name: 'On time', colour: '#1e6b2f', values: [2, 0, 4] },
      { name: 'Late', colour: '#b00020', values: [0, 0, 1] },
    ],
  }).value;
  const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="(#1e6b2f|#b00020)"><\/rect>/g)].filter((m) => m[2] !== '0') // the legend's swatches sit on the top line
    .map((m) => [Number(m[3]), m[4]]);
  // Plot height 200 − 30 − 22 = 148; the largest total is 5.
  assert.deepEqual(rects, [
    [59.2, '#1e6b2f'],
    [118.4, '#1e6b2f'],
    [29.6, '#b00020'],
  ]);
  assert.match(svg, />01-22<\/text>[\s\S]*>01-23<\/text>[\s\S]*>01-24<\/text>/);
});
