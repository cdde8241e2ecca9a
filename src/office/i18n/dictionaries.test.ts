import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './en.ts';
import { translator } from './index.ts';
import { vi } from './vi.ts';

test('the back office’s Vietnamese and English have the same keys, each text non-empty, with the same placeholders', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(vi).sort());
  const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(vi) as (keyof typeof vi)[]) {
    assert.ok(vi[k].trim() && en[k].trim(), k);
    assert.deepEqual(holes(en[k]), holes(vi[k]), k);
  }
});

test('the translator fills placeholders and leaves unknown ones visible', () => {
  assert.equal(translator('vi')('pageOf', { n: 2, total: 5 }), 'Trang 2 / 5');
  assert.equal(translator('en')('pageOf', { n: 2 }), 'Page 2 of {total}');
});
