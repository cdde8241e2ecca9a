/**
 * What the portal asks of the platform's HTTP API, for what lives in an agency's part rather than the hub's: today the
 * participant's own voluntary SI (`GET /api/v1/me/voluntary-si`, social security's). The portal does not import the
 * agency (dependency direction: portal sits on the hub and identity only); it calls the route with a bearer token for
 * the session's citizen, so the route's own policy, schema and audit apply as for any other client. The composition
 * root passes the back office's clients (office/api.ts), which fit this shape: in embedded mode Fastify `inject` into
 * the same process; in distributed mode HTTP to social security's process.
 */
export interface PortalApiRequest {
  readonly method: 'GET';
  /** The path without query, e.g. `/api/v1/me/voluntary-si`. */
  readonly path: string;
  readonly token: string;
}

export interface PortalApiResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface PortalApi {
  send(r: PortalApiRequest): Promise<PortalApiResponse>;
}

/** The path of the participant's own voluntary SI, served by social security's part. */
export const MY_VOLUNTARY_SI_PATH = '/api/v1/me/voluntary-si';

/**
 * The JSON of a 200 answer, or null when the API did not answer one (a part down, a timeout, a refusal): the page
 * then says the information is unavailable for now, instead of a server error.
 */
export async function getJson<T>(api: PortalApi, path: string, token: string): Promise<T | null> {
  try {
    const res = await api.send({ method: 'GET', path, token });
    if (res.status !== 200) return null;
    return JSON.parse(res.body.toString('utf8')) as T;
  } catch {
    return null;
  }
}
