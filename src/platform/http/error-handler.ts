import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE, fieldError, type ErrorCode, type FieldError } from '../../kernel/errors.ts';

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

/**
 * A body the JSON parser refused, as a field error in both languages (the parser's own error names no field,
 * and its message is English only). Thrown from the parser, so every route's error handler sees an AppError.
 */
export function bodyNotJson(err: FastifyError): AppError {
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return new AppError('VALIDATION_FAILED', [fieldError('body', 'empty', 'The body is empty; send a JSON object.', 'Nội dung trống; hãy gửi một đối tượng JSON.')]);
  return new AppError('VALIDATION_FAILED', [
    fieldError('body', 'malformed-json', 'The body is not valid JSON (or uses __proto__ or constructor as a key).', 'Nội dung không phải JSON hợp lệ (hoặc dùng khóa __proto__ hay constructor).'),
  ]);
}

/**
 * The router's own refusals — a URL that is not valid percent-encoded UTF-8, a path parameter over the length
 * limit — in the uniform error shape (Fastify's `frameworkErrors`; otherwise they leave in Fastify's own shape).
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const field =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? fieldError('url', 'too-long', 'A part of the address is too long.', 'Một phần của địa chỉ quá dài.')
      : fieldError('url', 'malformed-url', 'The address is not valid (bad percent-encoding or invalid UTF-8).', 'Địa chỉ không hợp lệ (mã hóa phần trăm sai hoặc UTF-8 không hợp lệ).');
  void reply.status(400).send(errorBody('VALIDATION_FAILED', [field]));
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
