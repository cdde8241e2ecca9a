import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldError } from '../../kernel/errors.ts';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  messageVi: string;
  fields: FieldError[];
}

export function errorBody(code: ErrorCode, fields: readonly FieldError[] = [], detail?: string): ErrorBody {
  const c = ERROR_CATALOGUE[code];
  return { code, message: detail ?? c.en, messageVi: c.vi, fields: [...fields] };
}

/** Fastify's own 4xx errors (bad JSON, wrong media type, too large) in our catalogue's terms. */
function fromFastify(e: FastifyError): { code: ErrorCode; detail?: string } | null {
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { code: 'UNSUPPORTED_MEDIA_TYPE' };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { code: 'PAYLOAD_TOO_LARGE' };
  if (e.statusCode === 429) return { code: 'RATE_LIMITED' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return { code: 'VALIDATION_FAILED', detail: e.message };
  return null;
}

/** Every error leaves as `{ code, message, messageVi, fields }`; nothing a user sends yields a 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const status = ERROR_CATALOGUE[err.code].status;
      return reply.status(status).send(errorBody(err.code, err.fields, err.code === 'VALIDATION_FAILED' && !err.fields.length ? err.message : undefined));
    }
    const mapped = fromFastify(err);
    if (mapped) return reply.status(ERROR_CATALOGUE[mapped.code].status).send(errorBody(mapped.code, [], mapped.detail));
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL'));
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(errorBody('NOT_FOUND')));
}
