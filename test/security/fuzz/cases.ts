import fc from 'fast-check';
import { BAD_TEXT, extraKey, hostileValue, INJECTIONS, RAW_BODIES, RAW_URL_PIECES, type RawBody } from './hostile.ts';
import type { Operation } from './operations.ts';
import { validValue, type JsonSchema, type Known } from './schema-arbitrary.ts';

type Path = readonly (string | number)[];

/** What is wrong with the request: exactly one thing, on a request that is otherwise well-formed. */
export type Mutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'path'; readonly name: string; readonly raw: string }
  | { readonly kind: 'query'; readonly name: string; readonly raw: string }
  | { readonly kind: 'query-extra'; readonly raw: string }
  | { readonly kind: 'header'; readonly name: string; readonly value: string }
  | { readonly kind: 'auth'; readonly value: string }
  | { readonly kind: 'cookie'; readonly value: string }
  | { readonly kind: 'body-field'; readonly at: Path; readonly value: unknown }
  | { readonly kind: 'body-missing'; readonly at: Path }
  | { readonly kind: 'body-extra'; readonly at: Path; readonly key: string; readonly value: unknown }
  | { readonly kind: 'body-whole'; readonly value: unknown }
  | { readonly kind: 'body-raw'; readonly raw: RawBody }
  | { readonly kind: 'body-form' };

export interface Caller {
  readonly name: string;
  /** The bearer token, or none. */
  readonly token: string | null;
  /** A page's signed-in browser: its session cookie and the session's CSRF token (put in the form, or the header). */
  readonly session?: { readonly cookie: string; readonly csrf: string };
}

export interface FuzzCase {
  readonly caller: Caller;
  readonly pathValues: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly mutation: Mutation;
}

export interface Target {
  readonly op: Operation;
  /** Callers the policy lets through, so that requests reach validation and the handler. */
  readonly callers: readonly Caller[];
  /** Known-good bodies: mutating one field of these reaches the handler's rules, not only the schema. */
  readonly examples: readonly unknown[];
  readonly known: Known;
}

/** A value as it would sit in a URL: percent-encoded, and where it cannot be (a lone surrogate), its raw UTF-8 bytes. */
export function urlText(v: unknown): string {
  const s = typeof v === 'string' ? v : Object.is(v, -0) ? '-0' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: encode it as the invalid bytes it would be
  }
}

const hostileText = fc.oneof(fc.constantFrom(...INJECTIONS, ...BAD_TEXT), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), fc.constantFrom(...INJECTIONS).map((x) => `Lê ${x}`));
const hostileUrlText = fc.oneof(fc.constantFrom(...RAW_URL_PIECES), hostileValue.map(urlText));

/** Every node below the root: [path, isObject, parentIsObject]. */
function nodes(v: unknown, at: Path = [], out: { at: Path; object: boolean; inObject: boolean }[] = []) {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push({ at: [...at, i], object: isObject(x), inObject: false }), nodes(x, [...at, i], out)));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) (out.push({ at: [...at, k], object: isObject(x), inObject: true }), nodes(x, [...at, k], out));
  return out;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The branch of a union a value is meant for: the one whose constants (`group: 'birth'`) it carries. */
function branchFor(alts: readonly JsonSchema[], v: unknown): JsonSchema | undefined {
  const fits = (a: JsonSchema) =>
    isObject(v) && Object.entries(a.properties ?? {}).every(([k, p]) => (p.enum ? p.enum.includes(v[k]) : p.const !== undefined ? p.const === v[k] : true));
  return alts.find(fits) ?? alts[0];
}

/**
 * The places in a body where any text is accepted (a string with no pattern, format or list of values; any value
 * of an open record): hostile text there passes the schema and goes on to the rules, the database and the bus.
 */
export function freeTextPaths(schema: JsonSchema | undefined, v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (!schema) return out;
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) return freeTextPaths(branchFor(alts, v), v, at, out);
  if (typeof v === 'string' && !schema.pattern && !schema.format && !schema.enum && schema.const === undefined) out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => freeTextPaths(schema.items, x, [...at, i], out));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      const open = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : schema.additionalProperties === true ? {} : undefined;
      const sub = schema.properties?.[k] ?? open;
      if (sub && Object.keys(sub).length === 0) out.push([...at, k]); // `{}`: anything goes
      else freeTextPaths(sub, x, [...at, k], out);
    }
  return out;
}

function mutations(t: Target, body: unknown): fc.Arbitrary<Mutation> {
  const { op } = t;
  const choices: fc.WeightedArbitrary<Mutation>[] = [
    { arbitrary: fc.constant({ kind: 'none' } as const), weight: 1 },
    { arbitrary: fc.constantFrom('Bearer', "Bearer ' OR 1=1 --", 'Bearer eyJhbGciOiJub25lIn0.eyJraW5kIjoiY2l0aXplbiJ9.', 'Basic %%%', `Bearer ${'a'.repeat(9000)}`).map((value) => ({ kind: 'auth', value }) as const), weight: 1 },
    { arbitrary: fc.constantFrom('lt_session=%FF', 'lt_session=\'; DROP TABLE identity.sessions; --', `lt_session=${'x'.repeat(5000)}`, 'a', '=;=;', 'lt_session=%E0%A4%A').map((value) => ({ kind: 'cookie', value }) as const), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('limit', 'offset', 'id', 'x', 'code', 'state', '__proto__', 'a[b]', ''), hostileUrlText).map(([k, v]) => ({ kind: 'query-extra', raw: `${k}=${v}` }) as const), weight: 1 },
  ];
  for (const p of op.pathParams) choices.push({ arbitrary: hostileUrlText.map((raw) => ({ kind: 'path', name: p.name, raw }) as const), weight: 4 });
  for (const p of op.query) choices.push({ arbitrary: hostileUrlText.map((raw) => ({ kind: 'query', name: p.name, raw }) as const), weight: 3 });
  for (const p of op.headers)
    choices.push({
      arbitrary: fc.oneof(fc.constantFrom(...INJECTIONS, ...BAD_TEXT, '', 'x'.repeat(300)), fc.string({ unit: 'binary', maxLength: 20 })).map((value) => ({ kind: 'header', name: p.name, value }) as const),
      weight: 1,
    });
  if (op.method !== 'GET') {
    choices.push({ arbitrary: fc.constantFrom(...RAW_BODIES).map((raw) => ({ kind: 'body-raw', raw }) as const), weight: 3 });
    choices.push({ arbitrary: hostileValue.map((value) => ({ kind: 'body-whole', value }) as const), weight: 1 });
  }
  if (op.body) {
    const all = nodes(body);
    const keys = all.filter((n) => n.inObject);
    const objects = [{ at: [] as Path }, ...all.filter((n) => n.object)];
    if (all.length) choices.push({ arbitrary: fc.tuple(fc.constantFrom(...all), hostileValue).map(([n, value]) => ({ kind: 'body-field', at: n.at, value }) as const), weight: 8 });
    // Text where text is expected: the likeliest to pass the schema and reach the handler, the store and the bus.
    const texts = all.filter((n) => typeof getAt(body, n.at) === 'string');
    if (texts.length) choices.push({ arbitrary: fc.tuple(fc.constantFrom(...texts), hostileText).map(([n, value]) => ({ kind: 'body-field', at: n.at, value }) as const), weight: 6 });
    const free = freeTextPaths(op.body, body);
    if (free.length) choices.push({ arbitrary: fc.tuple(fc.constantFrom(...free), hostileText).map(([at, value]) => ({ kind: 'body-field', at, value }) as const), weight: 8 });
    if (keys.length) choices.push({ arbitrary: fc.constantFrom(...keys).map((n) => ({ kind: 'body-missing', at: n.at }) as const), weight: 2 });
    choices.push({ arbitrary: fc.tuple(fc.constantFrom(...objects), extraKey, hostileValue).map(([n, key, value]) => ({ kind: 'body-extra', at: n.at, key, value }) as const), weight: 2 });
    choices.push({ arbitrary: fc.constant({ kind: 'body-form' } as const), weight: 1 });
  }
  return fc.oneof(...choices);
}

/** Requests for one operation: a well-formed base from its schema (or a known-good example) with one thing made hostile. */
export function casesFor(t: Target): fc.Arbitrary<FuzzCase> {
  const { op, known } = t;
  const params = (ps: Operation['pathParams'], all: boolean) =>
    fc.record(Object.fromEntries(ps.map((p) => [p.name, all || p.required ? validValue(p.schema, known) : fc.option(validValue(p.schema, known), { nil: undefined })])));
  const body = op.body
    ? t.examples.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...t.examples), weight: 2 }, { arbitrary: validValue(op.body, known), weight: 1 })
      : validValue(op.body, known)
    : fc.constant(undefined);
  return fc
    .record({ caller: fc.constantFrom(...t.callers), pathValues: params(op.pathParams, true), query: params(op.query, false), headers: params(op.headers, false), body })
    .map((base) => ({ ...base, body: withCsrf(op, base.caller, base.body) }))
    .chain((base) => mutations(t, base.body).map((mutation) => ({ ...base, mutation })));
}

/** A form of a signed-in page carries the session's CSRF token (before any mutation, which may then take it away). */
function withCsrf(op: Operation, caller: Caller, body: unknown): unknown {
  if (!caller.session || !isObject(body) || !op.body) return body;
  const open = op.body.additionalProperties !== undefined && op.body.additionalProperties !== false;
  return op.body.properties?._csrf || open ? { ...body, _csrf: caller.session.csrf } : body;
}

function setAt(v: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  // defineProperty, so that a key such as __proto__ becomes an own field of the JSON rather than the prototype
  Object.defineProperty(copy, at[0]!, { value: setAt(copy[at[0]!], at.slice(1), value), enumerable: true, writable: true, configurable: true });
  return copy;
}

function deleteAt(v: unknown, at: Path): unknown {
  if (at.length === 1) {
    const copy = { ...(v as Record<string, unknown>) };
    delete copy[at[0] as string];
    return copy;
  }
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[at[0]!] = deleteAt(copy[at[0]!], at.slice(1));
  return copy;
}

function getAt(v: unknown, at: Path): unknown {
  return at.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], v);
}

export interface Request {
  readonly method: Operation['method'];
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
}

/** The HTTP request a case stands for. */
export function requestOf(op: Operation, c: FuzzCase): Request {
  const m = c.mutation;
  const path = op.path.replace(/\{(\w+)\}/g, (_x, name: string) => (m.kind === 'path' && m.name === name ? m.raw : urlText(c.pathValues[name])));
  const query: string[] = [];
  for (const [k, v] of Object.entries(c.query)) if (v !== undefined && !(m.kind === 'query' && m.name === k)) query.push(`${k}=${urlText(v)}`);
  if (m.kind === 'query') query.push(`${m.name}=${m.raw}`);
  if (m.kind === 'query-extra') query.push(m.raw);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (c.caller.token) headers.authorization = `Bearer ${c.caller.token}`;
  if (c.caller.session) {
    headers.cookie = c.caller.session.cookie;
    // The dry run's script sends the token in a header; a page's form in its body (withCsrf).
    if (op.method !== 'GET' && !op.form) headers['x-csrf-token'] = c.caller.session.csrf;
  }
  for (const [k, v] of Object.entries(c.headers)) if (v !== undefined) headers[k] = String(v);
  if (m.kind === 'header') headers[m.name] = m.value;
  if (m.kind === 'auth') headers.authorization = m.value;
  if (m.kind === 'cookie') headers.cookie = m.value;
  const url = query.length ? `${path}?${query.join('&')}` : path;
  if (op.method === 'GET') return { method: op.method, url, headers };
  let body = c.body;
  if (m.kind === 'body-raw') {
    if (m.raw.contentType) headers['content-type'] = m.raw.contentType;
    return { method: op.method, url, headers, payload: m.raw.raw };
  }
  if (m.kind === 'body-form') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = Object.entries(isObject(body) ? body : { body }).map(([k, v]) => `${urlText(k)}=${urlText(v)}`);
    return { method: op.method, url, headers, payload: form.join('&') };
  }
  if (m.kind === 'body-field') body = setAt(body, m.at, m.value);
  if (m.kind === 'body-missing') body = deleteAt(body, m.at);
  if (m.kind === 'body-extra') body = setAt(body, [...m.at, m.key], m.value);
  if (m.kind === 'body-whole') body = m.value;
  if (body === undefined) return { method: op.method, url, headers };
  if (op.form && isObject(body)) {
    // As a browser posts a form: every value as text.
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { method: op.method, url, headers, payload: Object.entries(body).map(([k, v]) => `${urlText(k)}=${urlText(v)}`).join('&') };
  }
  headers['content-type'] = 'application/json';
  return { method: op.method, url, headers, payload: JSON.stringify(body) };
}

/** A short, printable account of a case for a failure message (values cut, nothing sent in full). */
export function describeCase(op: Operation, c: FuzzCase): string {
  const cut = (v: unknown) => {
    const s = v === undefined ? 'undefined' : (JSON.stringify(v) ?? String(v));
    return s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s;
  };
  const m = c.mutation;
  const what =
    m.kind === 'body-field' ? `body.${m.at.join('.')} := ${cut(m.value)} (was ${cut(getAt(c.body, m.at))})`
    : m.kind === 'body-missing' ? `body.${m.at.join('.')} removed`
    : m.kind === 'body-extra' ? `body.${[...m.at, m.key].join('.')} added := ${cut(m.value)}`
    : m.kind === 'body-whole' ? `body := ${cut(m.value)}`
    : m.kind === 'body-raw' ? `raw body: ${m.raw.what}`
    : m.kind === 'none' ? 'nothing (well-formed)'
    : `${m.kind} ${cut(m)}`;
  return `${op.key} as ${c.caller.name}: ${what}; path ${cut(c.pathValues)} query ${cut(c.query)} body ${cut(c.body)}`;
}

/** The schema a value at `at` of the body is checked against (following the branch of a union the value is meant for). */
function schemaAt(schema: JsonSchema | undefined, v: unknown, at: Path): JsonSchema | undefined {
  let s = schema;
  let x = v;
  for (const k of at) {
    if (!s) return undefined;
    const alts = s.anyOf ?? s.oneOf;
    if (alts) s = branchFor(alts, x);
    if (!s) return undefined;
    if (typeof k === 'number') s = s.items;
    else s = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    x = (x as Record<string | number, unknown> | undefined)?.[k];
  }
  return s;
}

/** What the server receives for a value sent as JSON (undefined: the key is dropped), or as a form (text). */
function received(op: Operation, v: unknown): unknown {
  if (op.form) return v === undefined ? undefined : typeof v === 'string' ? v : decodeURIComponentSafe(urlText(v));
  const parsed = JSON.parse(JSON.stringify({ v }) ?? '{}') as { v?: unknown };
  return parsed.v;
}
const decodeURIComponentSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Why a value breaks its schema, as far as simple keywords tell (a union, a pattern or a format: not judged here). */
function breaks(s: JsonSchema | undefined, v: unknown): string | null {
  if (!s || s.anyOf || s.oneOf || v === undefined) return null;
  if (s.const !== undefined && v !== s.const) return `is not ${JSON.stringify(s.const)}`;
  if (s.enum && !s.enum.includes(v)) return 'is not one of the listed values';
  const t = s.type;
  if (typeof t !== 'string') return null;
  const ok =
    t === 'string' ? typeof v === 'string'
    : t === 'integer' ? Number.isInteger(v)
    : t === 'number' ? typeof v === 'number'
    : t === 'boolean' ? typeof v === 'boolean'
    : t === 'null' ? v === null
    : t === 'array' ? Array.isArray(v)
    : t === 'object' ? isObject(v)
    : true;
  if (!ok) return `is not of type ${t}`;
  if (typeof v === 'string' && s.maxLength !== undefined && [...v].length > s.maxLength) return `is longer than ${s.maxLength}`;
  if (typeof v === 'number' && ((s.maximum !== undefined && v > s.maximum) || (s.minimum !== undefined && v < s.minimum))) return 'is out of range';
  return null;
}

/**
 * Why a case must be refused, if it must: an unknown query parameter or body field where the schema is closed, a
 * required field taken away, a value of the wrong type (or past a limit) its schema states, a bad bearer token on a
 * route that needs one, a form post with no session. An answer below 400 to such a case is a failure: the schema
 * or the gate let through what it says it refuses. `redirect`: a 3xx (to the sign-in page) is a refusal too.
 */
export function mustRefuse(op: Operation, c: FuzzCase, openToAnyone: boolean): { reason: string; redirect: boolean } | null {
  const m = c.mutation;
  if (m.kind === 'query-extra') {
    const key = decodeURIComponentSafe(m.raw.split('=')[0] ?? '');
    // `__proto__` and an empty name never reach the schema as a field (the query parser drops or keeps them as it will).
    if (key && key !== '__proto__' && !op.query.some((q) => q.name === key)) return { reason: `an unknown query parameter ${JSON.stringify(key)}`, redirect: false };
  }
  if (m.kind === 'body-extra' && op.body && (m.at.length === 0 || !op.form)) {
    const parent = schemaAt(op.body, c.body, m.at);
    // Keys a parser may drop or refuse on its own are left out: what is sent must be what arrives.
    const dropped = ['__proto__', 'constructor', 'prototype', ''].includes(m.key) || (op.form && m.key.trim() === '');
    if (parent && parent.additionalProperties === false && !parent.properties?.[m.key] && !dropped && !(op.form && received(op, m.value) === undefined))
      return { reason: `an unknown field ${JSON.stringify(m.key)}`, redirect: false };
  }
  if (m.kind === 'body-missing' && op.body) {
    const parent = schemaAt(op.body, c.body, m.at.slice(0, -1));
    const key = m.at[m.at.length - 1];
    if (typeof key === 'string' && parent?.required?.includes(key)) return { reason: `the required field ${m.at.join('.')} removed`, redirect: false };
  }
  if (m.kind === 'body-field' && op.body && m.at.length > 0) {
    const why = breaks(schemaAt(op.body, c.body, m.at), received(op, m.value));
    if (why) return { reason: `body.${m.at.join('.')} ${why}`, redirect: false };
  }
  if (m.kind === 'auth' && !openToAnyone && !op.page) return { reason: 'a bad bearer token', redirect: false };
  if (m.kind === 'cookie' && op.page && op.method !== 'GET' && c.caller.session && !op.key.includes('/sign-in')) return { reason: 'a form post without a session', redirect: true };
  return null;
}
