import type { JsonSchema } from './schema-arbitrary.ts';

export interface Param {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** One operation of the OpenAPI document, with what a request to it can carry. */
export interface Operation {
  /** `METHOD /path/:param`, the form route-policies.ts uses. */
  readonly key: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, `{param}` style. */
  readonly path: string;
  readonly pathParams: readonly Param[];
  readonly query: readonly Param[];
  readonly headers: readonly Param[];
  readonly body: JsonSchema | null;
  /** The operation takes input of some kind (body, query, path or header parameters). */
  readonly hasInput: boolean;
  /** A page of the portal or the back office: it answers HTML, and a refused form comes back as a page (400). */
  readonly page: boolean;
  /** Its body is flat text fields (a page's form): sent as `application/x-www-form-urlencoded`, as a browser does. */
  readonly form: boolean;
}

/** A body of text fields only: what an HTML form posts. */
function isFlatText(s: JsonSchema | null): boolean {
  if (!s || s.type !== 'object') return false;
  const text = (x: JsonSchema | boolean | undefined) => typeof x === 'object' && x.type === 'string';
  return Object.values(s.properties ?? {}).every(text) && (s.additionalProperties === undefined || s.additionalProperties === false || text(s.additionalProperties));
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Every operation of the document: walked, never listed by hand, so a new route is fuzzed (or fails the test) at once. */
export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const params = (where: string) => (op.parameters ?? []).filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema, required: p.required ?? false }));
      const body = op.requestBody?.content['application/json']?.schema ?? null;
      const pathParams = params('path');
      const query = params('query');
      const headers = params('header');
      out.push({
        key: `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        method: m.toUpperCase() as Operation['method'],
        path,
        pathParams,
        query,
        headers,
        body,
        hasInput: body !== null || pathParams.length + query.length + headers.length > 0,
        page: /^\/(portal|office)(\/|$)/.test(path),
        form: /^\/(portal|office)(\/|$)/.test(path) && isFlatText(body),
      });
    }
  }
  return out;
}
