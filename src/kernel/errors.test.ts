import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CATALOGUE } from './errors.ts';

// docs/errors.md is what integrators read; the catalogue is what the API sends. They must say the same.
const rows = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => /^\| `([A-Z_]+)` \| (\d{3}) \| (.+?) \| (.+?) \|$/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ code: m[1]!, status: Number(m[2]), en: m[3]!, vi: m[4]! }));

test('docs/errors.md lists every catalogue code, with its status and both messages', () => {
  const documented = new Map(rows.map((r) => [r.code, r]));
  for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
    const d = documented.get(code);
    assert.ok(d, `${code} is missing from docs/errors.md`);
    assert.deepEqual({ status: d.status, en: d.en, vi: d.vi }, { status: e.status, en: e.en, vi: e.vi }, code);
  }
});

test('docs/errors.md lists no code the catalogue does not have', () => {
  for (const r of rows) assert.ok(r.code in ERROR_CATALOGUE, `${r.code} is documented but not in the catalogue`);
  assert.equal(rows.length, Object.keys(ERROR_CATALOGUE).length);
});

test('every status is a client or server error', () => {
  for (const [code, e] of Object.entries(ERROR_CATALOGUE)) assert.ok(e.status >= 400 && e.status < 600, code);
});
