import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AppError, ERROR_CATALOGUE, fieldError, type ErrorCode } from '../kernel/errors.ts';
import { errorBody } from '../platform/http/error-handler.ts';
import { ErrorSchema } from '../platform/http/schemas.ts';
import { invalidClient, type SystemClients } from './clients.ts';
import { USERNAME_PATTERN } from './domain/officer-rules.ts';
import type { OfficerAccounts } from './officers.ts';
import { acceptForms } from './web/form.ts';

const OfficerSignIn = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totp: Type.String({ pattern: '^\\d{6}$', description: 'the 6-digit code from the authenticator app' }),
  },
  { additionalProperties: false },
);

const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ minLength: 1, maxLength: 100 }),
    client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    // RFC 6749 §3.3: scope tokens are printable ASCII without space, quote or backslash, separated by spaces.
    scope: Type.Optional(Type.String({ maxLength: 1000, pattern: '^([\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*)?$' })),
  },
  { additionalProperties: false },
);

const OAuthError = Type.Object({ ...ErrorSchema.properties, error: Type.String(), error_description: Type.String() });

/** RFC 6749 §5.2's error for each of our codes. */
const OAUTH_ERRORS: Partial<Record<ErrorCode, string>> = {
  INVALID_CLIENT: 'invalid_client',
  INVALID_SCOPE: 'invalid_scope',
  UNSUPPORTED_GRANT_TYPE: 'unsupported_grant_type',
};

/** Client credentials from an HTTP Basic header (RFC 6749 §2.3.1: each half form-urlencoded), if one was sent. */
function basicCredentials(req: FastifyRequest): { id: string; secret: string } | null | 'malformed' {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return 'malformed';
  try {
    return { id: decodeURIComponent(decoded.slice(0, i).replace(/\+/g, ' ')), secret: decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, ' ')) };
  } catch {
    return 'malformed';
  }
}

/** The token endpoint answers in our error shape plus OAuth's `error`, and never lets a response be cached. */
function oauthErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let code: ErrorCode | null = null;
  let fields: readonly { path: string; code: string; reason: string; reasonVi: string }[] = [];
  if (err instanceof AppError) ({ code, fields } = err);
  else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') code = 'UNSUPPORTED_MEDIA_TYPE';
  else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') code = 'PAYLOAD_TOO_LARGE';
  else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) code = 'VALIDATION_FAILED';
  if (code === null || ERROR_CATALOGUE[code].status >= 500) throw err;
  const body = errorBody(code, fields, code === 'VALIDATION_FAILED' && !fields.length ? err.message : undefined);
  if (code === 'INVALID_CLIENT' && req.headers.authorization?.startsWith('Basic ')) reply.header('www-authenticate', 'Basic realm="lienthong"');
  return reply
    .status(ERROR_CATALOGUE[code].status)
    .header('cache-control', 'no-store')
    .send({ ...body, error: OAUTH_ERRORS[code] ?? 'invalid_request', error_description: body.message });
}

/** Sign-in for officers (password + TOTP) and the OAuth2 token endpoint for system clients. */
export function signInRoutes(officers: OfficerAccounts, clients: SystemClients) {
  return async (app: FastifyInstance) => {
    acceptForms(app); // RFC 6749 uses form bodies; JSON is accepted too

    app.post(
      '/api/v1/auth/officer/sign-in',
      {
        schema: {
          tags: ['identity'],
          summary: 'Officer sign-in with password and TOTP code → a bearer token (every refusal is the same 401)',
          body: OfficerSignIn,
          response: { 200: Type.Object({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresIn: Type.Integer() }), '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        const { username, password, totp } = req.body as { username: string; password: string; totp: string };
        const { token, expiresIn } = await officers.signIn(username, password, totp);
        return reply.header('cache-control', 'no-store').send({ token, tokenType: 'Bearer' as const, expiresIn });
      },
    );

    app.post(
      '/api/v1/auth/token',
      {
        schema: {
          tags: ['identity'],
          summary: 'OAuth2 client credentials (RFC 6749 §4.4): client_secret_basic or client_secret_post; form or JSON body',
          body: TokenRequest,
          response: {
            200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer(), scope: Type.String() }),
            '4xx': OAuthError,
          },
        },
        errorHandler: oauthErrorHandler,
      },
      async (req, reply) => {
        const body = req.body as { grant_type: string; client_id?: string; client_secret?: string; scope?: string };
        if (body.grant_type !== 'client_credentials')
          throw new AppError('UNSUPPORTED_GRANT_TYPE', [fieldError('grant_type', 'unsupported', 'Use client_credentials.', 'Hãy dùng client_credentials.')]);
        const basic = basicCredentials(req);
        if (basic === 'malformed') throw invalidClient();
        if (basic && (body.client_secret !== undefined || (body.client_id !== undefined && body.client_id !== basic.id)))
          throw new AppError('VALIDATION_FAILED', [fieldError('client_secret', 'two-methods', 'Authenticate the client one way only.', 'Chỉ xác thực ứng dụng khách bằng một cách.')]);
        const id = basic?.id ?? body.client_id;
        const secret = basic?.secret ?? body.client_secret;
        if (id === undefined || secret === undefined) throw invalidClient();
        return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(await clients.issueToken(id, secret, body.scope));
      },
    );
  };
}
