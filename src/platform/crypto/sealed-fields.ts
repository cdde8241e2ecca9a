import type { SecretBox } from './secret-box.ts';

/** A sealed value in a JSON document: the JSON text of the original value, in a SecretBox. */
export interface Sealed {
  readonly $sealed: string;
}

function isSealed(v: unknown): v is Sealed {
  return typeof v === 'object' && v !== null && typeof (v as Sealed).$sealed === 'string' && Object.keys(v).length === 1;
}

/**
 * Applies `f` to the value at each of `paths` in a deep copy of `doc` (paths as in contracts/sensitive-fields.ts:
 * dot-separated, `*` for every element or key). Missing or null values are left alone.
 */
function mapPaths(doc: unknown, paths: readonly string[], f: (v: unknown, path: string) => unknown): unknown {
  if (paths.length === 0) return doc;
  const copy = structuredClone(doc);
  for (const path of paths) visit(copy, path.split('.'), [], f);
  return copy;
}

function visit(node: unknown, rest: readonly string[], at: string[], f: (v: unknown, path: string) => unknown): void {
  if (typeof node !== 'object' || node === null || rest.length === 0) return;
  const [head, ...tail] = rest as [string, ...string[]];
  const o = node as Record<string, unknown>;
  const keys = head === '*' ? Object.keys(o) : Object.hasOwn(o, head) ? [head] : [];
  for (const k of keys) {
    if (tail.length > 0) visit(o[k], tail, [...at, k], f);
    else if (o[k] !== undefined && o[k] !== null) o[k] = f(o[k], [...at, k].join('.'));
  }
}

/**
 * Seals the values at `paths`. The associated data binds each value to its document and path (`aad` + path), so a
 * sealed value moved to another row or another field does not open.
 */
export function sealPaths<T>(doc: T, paths: readonly string[], box: SecretBox, aad: string): T {
  return mapPaths(doc, paths, (v, path) => (isSealed(v) ? v : ({ $sealed: box.seal(JSON.stringify(v), `${aad}|${path}`) } satisfies Sealed))) as T;
}

/** The document as it was before sealing. A value that will not open is an integrity failure, not a missing field. */
export function openPaths<T>(doc: T, paths: readonly string[], box: SecretBox, aad: string): T {
  return mapPaths(doc, paths, (v, path) => {
    if (!isSealed(v)) return v;
    const plain = box.open(v.$sealed, `${aad}|${path}`);
    if (plain === null) throw new Error(`a sealed field (${path}) does not open: altered, moved, or sealed with another data key`);
    return JSON.parse(plain) as unknown;
  }) as T;
}
