import fc from 'fast-check';

/** Injection strings: SQL (in the forms that break naive string building), script, template, path, header. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE hub.dossiers; --",
  "1; SELECT pg_sleep(5) --",
  "' UNION SELECT username, password_hash FROM identity.officers --",
  '$1',
  '%',
  '\\',
  "%' --",
  '"; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'x\r\nset-cookie: a=b',
] as const;

/** Text that is not well-formed in one way or another: control characters, NUL, lone surrogates, bidi overrides. */
export const BAD_TEXT = ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '\u202Eevil', '\u0007\u001B[31m', '\uFEFF', '\uFFFF', 'é'.normalize('NFD'), '𝕏'.repeat(10)] as const;

/** Numbers at and past every edge, and the strings that look like numbers. */
export const BAD_NUMBERS = [1e308, -1e308, 5e-324, -0, 0.5, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), Number.MAX_SAFE_INTEGER, 'NaN', 'Infinity', '-Infinity', '1e308', '0x10', '1_000', ' 1', ''] as const;

/** An object nested `depth` levels deep. */
export function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** A value to put where a field was: each kind of hostility, weighted towards the ones most likely to break a handler. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...INJECTIONS), weight: 4 },
  { arbitrary: fc.constantFrom(...BAD_TEXT), weight: 4 },
  { arbitrary: fc.constantFrom(...BAD_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [[[]]], [null], { '': '' }), weight: 2 },
  { arbitrary: fc.constantFrom(10_000, 200_000).map((n) => 'a'.repeat(n)), weight: 1 },
  { arbitrary: fc.constantFrom(5_000, 70_000).map((n) => 'ễ'.repeat(n)), weight: 1 },
  { arbitrary: fc.constantFrom(50, 2_000).map(nested), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);

/** Field names no schema declares, including the ones that poke at prototypes. */
export const extraKey = fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', '', ' ', '$where', 'a.b', 'ễ', '\u0000');

/**
 * Whole bodies no JSON parser should accept, or that arrive under the wrong media type. `raw` is sent as is;
 * the invalid UTF-8 bytes sit inside a JSON string so the parser (not the framing) has to deal with them.
 */
export interface RawBody {
  readonly what: string;
  readonly contentType: string | undefined;
  readonly raw: Buffer | string;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

export const RAW_BODIES: readonly RawBody[] = [
  { what: 'truncated JSON', contentType: 'application/json', raw: '{"group":"birth","declaration":{' },
  { what: 'trailing garbage', contentType: 'application/json', raw: '{"a":1} x' },
  { what: 'single quotes', contentType: 'application/json', raw: "{'a':1}" },
  { what: 'empty body', contentType: 'application/json', raw: '' },
  { what: 'JSON null', contentType: 'application/json', raw: 'null' },
  { what: 'JSON array', contentType: 'application/json', raw: '[1,2,3]' },
  { what: 'JSON string', contentType: 'application/json', raw: '"text"' },
  { what: 'JSON number 1e400', contentType: 'application/json', raw: '1e400' },
  { what: 'number 1e400 in a field', contentType: 'application/json', raw: '{"limit":1e400,"monthlyIncome":1e400,"decision":1e400}' },
  { what: '__proto__ key', contentType: 'application/json', raw: '{"__proto__":{"admin":true},"group":"birth"}' },
  { what: 'constructor.prototype key', contentType: 'application/json', raw: '{"constructor":{"prototype":{"admin":true}}}' },
  { what: 'duplicate keys', contentType: 'application/json', raw: '{"group":"birth","group":"death"}' },
  { what: 'invalid UTF-8 (0xFF)', contentType: 'application/json', raw: bytes('{"procedure":"', [0xff, 0xfe], '","username":"', [0xff], '"}') },
  { what: 'invalid UTF-8 (overlong NUL)', contentType: 'application/json', raw: bytes('{"procedure":"', [0xc0, 0x80], '"}') },
  { what: 'invalid UTF-8 (encoded surrogate)', contentType: 'application/json', raw: bytes('{"procedure":"', [0xed, 0xa0, 0x80], '"}') },
  { what: 'invalid UTF-8 (truncated sequence)', contentType: 'application/json', raw: bytes('{"procedure":"', [0xe1, 0xbb], '"}') },
  { what: 'escaped lone surrogate', contentType: 'application/json', raw: '{"procedure":"\\ud800","answers":{"\\udfff":"\\ud800"},"password":"\\ud800"}' },
  { what: 'escaped NUL', contentType: 'application/json', raw: '{"procedure":"\\u0000","answers":{"\\u0000":"\\u0000"},"grant_type":"\\u0000"}' },
  { what: 'deeply nested arrays', contentType: 'application/json', raw: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { what: 'deeply nested objects', contentType: 'application/json', raw: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  { what: 'over the body limit', contentType: 'application/json', raw: `{"a":"${'x'.repeat(1_100_000)}"}` },
  { what: 'text/plain', contentType: 'text/plain', raw: 'hello' },
  { what: 'XML', contentType: 'application/xml', raw: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
  { what: 'form-urlencoded junk', contentType: 'application/x-www-form-urlencoded', raw: 'a=%ZZ&b=%00&c[]=1&c[x]=2&%E0%A4%A=1' },
  { what: 'multipart', contentType: 'multipart/form-data; boundary=x', raw: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { what: 'JSON under a bogus charset', contentType: 'application/json; charset=utf-7', raw: '{"a":"+ADw-script+AD4-"}' },
  { what: 'no content-type', contentType: undefined, raw: '{"a":1}' },
  { what: 'JSON with BOM', contentType: 'application/json', raw: '\uFEFF{"a":1}' },
];

/** Raw text for a path segment or a query value: percent-encoded invalid UTF-8, broken escapes, traversal. */
export const RAW_URL_PIECES = ['%FF', '%C0%80', '%ED%A0%80', '%E0%A4%A', '%', '%%', '%00', '..%2F..%2Fetc', '%2e%2e', 'a%20b', '%F0%9F%98', '\u00e9'] as const;
