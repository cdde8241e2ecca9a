import type { FastifyInstance } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode, type FieldError } from '../kernel/errors.ts';

/**
 * The back-office pages read and act only through the platform's own HTTP API, with the signed-in officer's
 * bearer token: the same authorisation (route-policies.ts and each service's area rule), the same validation and
 * the same audit trail as any other client, and no import of the hub's or an agency's code (the pages sit above
 * them, like the portal, but need several agencies at once — which only the API offers without breaking the
 * dependency direction). Which process answers a path is the client's business: in embedded mode every path goes
 * to this process (Fastify `inject`, no socket); in distributed mode each part's routes go to that part's URL.
 */
export type ApiPart = 'hub' | 'identity' | 'civil-registry' | 'social-security';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The path without query, e.g. `/api/v1/agencies/civil-registry/reviews`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly token?: string | undefined;
  /** The browser's address, so per-address limits (sign-in) count the officer, not this process. */
  readonly ip?: string | undefined;
}

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly contentDisposition: string | undefined;
  readonly body: Buffer;
}

export interface OfficeApi {
  send(r: ApiRequest): Promise<ApiResponse>;
}

/** The part that serves a path (docs/back-office-web.md); anything not an agency's or identity's is the hub's. */
export function partOf(path: string): ApiPart {
  if (path.startsWith('/api/v1/agencies/civil-registry/')) return 'civil-registry';
  // The participant's own voluntary SI is social security's route too, outside its prefix (payments/routes.ts).
  if (path.startsWith('/api/v1/agencies/social-security/') || path === '/api/v1/me/voluntary-si') return 'social-security';
  if (/^\/api\/v1\/(officers|clients|auth)(\/|$)/.test(path)) return 'identity';
  return 'hub';
}

export function urlOf(r: ApiRequest): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${r.path}?${s}` : r.path;
}

const headersOf = (r: ApiRequest): Record<string, string> => ({
  accept: 'application/json',
  ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
  ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
});

/** Embedded mode: the request goes through this process's own Fastify instance (every hook, policy and schema). */
export function injectApi(app: () => FastifyInstance): OfficeApi {
  return {
    async send(r) {
      const res = await app().inject({
        method: r.method,
        url: urlOf(r),
        headers: headersOf(r),
        ...(r.body === undefined ? {} : { payload: JSON.stringify(r.body) }),
        ...(r.ip ? { remoteAddress: r.ip } : {}),
      });
      const cd = res.headers['content-disposition'];
      return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), contentDisposition: cd === undefined ? undefined : String(cd), body: res.rawPayload };
    },
  };
}

/**
 * Distributed mode: each part's base URL (`hub` is required; a part not named falls back to it). The browser's
 * address is passed on as `X-Forwarded-For`, which a part honours only if its operator configured it to trust
 * this process.
 */
export function httpApi(bases: Partial<Record<ApiPart, string>> & { hub: string }, timeoutMs = 15_000): OfficeApi {
  return {
    async send(r) {
      const base = (bases[partOf(r.path)] ?? bases.hub).replace(/\/$/, '');
      const res = await fetch(base + urlOf(r), {
        method: r.method,
        headers: { ...headersOf(r), ...(r.ip ? { 'x-forwarded-for': r.ip } : {}) },
        ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        contentDisposition: res.headers.get('content-disposition') ?? undefined,
        body: Buffer.from(await res.arrayBuffer()),
      };
    },
  };
}

/**
 * Distributed mode's portal process: the parts it serves itself (the hub's routes, identity) through `local`, the
 * agencies' routes to the URLs their processes listen on (`remote`).
 */
export function routedApi(local: OfficeApi, remote: Partial<Record<ApiPart, string>>): OfficeApi {
  const bases = Object.fromEntries(Object.entries(remote).filter(([, url]) => url)) as Partial<Record<ApiPart, string>>;
  const far = Object.keys(bases).length ? httpApi({ hub: 'http://unused.invalid', ...bases }) : null;
  return { send: (r) => (far && bases[partOf(r.path)] ? far.send(r) : local.send(r)) };
}

/** The base URLs of distributed mode from `LIENTHONG_OFFICE_API` (`hub=http://…,civil-registry=http://…`). */
export function apiBasesFrom(spec: string): Partial<Record<ApiPart, string>> & { hub: string } {
  const out: Partial<Record<ApiPart, string>> = {};
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = pair.indexOf('=');
    const part = pair.slice(0, i) as ApiPart;
    const url = pair.slice(i + 1);
    if (i < 1 || !['hub', 'identity', 'civil-registry', 'social-security'].includes(part)) throw new Error(`LIENTHONG_OFFICE_API: "${pair}" is not part=url`);
    new URL(url); // throws on a malformed URL
    out[part] = url;
  }
  if (!out.hub) throw new Error('LIENTHONG_OFFICE_API must name the hub (hub=http://…)');
  return out as Partial<Record<ApiPart, string>> & { hub: string };
}

/**
 * The agencies' processes the portal's back office calls in distributed mode, from `LIENTHONG_OFFICE_API`
 * (`civil-registry=http://…,social-security=http://…`); empty when unset (every path then stays in this process).
 */
export function agencyUrlsFrom(spec: string | undefined): Partial<Record<ApiPart, string>> {
  if (!spec?.trim()) return {};
  const { hub: _hub, ...rest } = apiBasesFrom(`hub=http://self.invalid,${spec}`);
  return rest;
}

/** An API refusal as the pages show it: the catalogue code and each field's reason in both languages. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'UNKNOWN',
    readonly messageVi: string,
    readonly messageEn: string,
    readonly fields: readonly FieldError[],
  ) {
    super(`${status} ${code}`);
  }
}

function failureOf(res: ApiResponse): ApiFailure {
  try {
    const b = JSON.parse(res.body.toString('utf8')) as { code?: string; message?: string; messageVi?: string; fields?: FieldError[] };
    const code = (b.code && b.code in ERROR_CATALOGUE ? b.code : 'UNKNOWN') as ErrorCode | 'UNKNOWN';
    return new ApiFailure(res.status, code, b.messageVi ?? b.message ?? '', b.message ?? '', Array.isArray(b.fields) ? b.fields : []);
  } catch {
    return new ApiFailure(res.status, 'UNKNOWN', '', '', []);
  }
}

/** JSON of a 2xx answer, or an ApiFailure. */
export async function callJson<T>(api: OfficeApi, r: ApiRequest): Promise<T> {
  const res = await api.send(r);
  if (res.status < 200 || res.status >= 300) throw failureOf(res);
  return JSON.parse(res.body.toString('utf8')) as T;
}

/** A file (a report, a PDF): the bytes and their headers, or an ApiFailure. */
export async function callFile(api: OfficeApi, r: ApiRequest): Promise<ApiResponse> {
  const res = await api.send(r);
  if (res.status < 200 || res.status >= 300) throw failureOf(res);
  return res;
}
