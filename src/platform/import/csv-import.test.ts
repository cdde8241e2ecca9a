import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvReader } from './csv-import.ts';

const read = (...chunks: string[]) => {
  const r = new CsvReader();
  return [...chunks.flatMap((c) => r.push(c)), ...r.end()].map((x) => [x.line, ...x.fields]);
};

test('CSV records per RFC 4180, with the line each starts on', () => {
  assert.deepEqual(read('a,b\n1,2\n'), [[1, 'a', 'b'], [2, '1', '2']]);
  assert.deepEqual(read('\uFEFFa,b\r\n1,2'), [[1, 'a', 'b'], [2, '1', '2']], 'BOM and CRLF; no final line end');
  assert.deepEqual(read('a\n"x, y","say ""hi"""\n'), [[1, 'a'], [2, 'x, y', 'say "hi"']]);
  assert.deepEqual(read('a\n"two\nlines",z\nnext\n'), [[1, 'a'], [2, 'two\nlines', 'z'], [4, 'next']]);
  assert.deepEqual(read('a\n\n\nb\n'), [[1, 'a'], [4, 'b']], 'blank lines skipped');
  assert.deepEqual(read('a,"b', 'c",d\n1,', '2\n'), [[1, 'a', 'bc', 'd'], [2, '1', '2']], 'records split across chunks');
  assert.deepEqual(read('x,,""\n'), [[1, 'x', '', '']]);
});
