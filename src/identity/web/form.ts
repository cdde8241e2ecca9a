import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, fieldError } from '../../kernel/errors.ts';

/** Parses application/x-www-form-urlencoded bodies (pages' forms, OAuth requests); a field given twice is refused. */
function parseForm(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body.toString())) {
    if (k in out) return done(new AppError('VALIDATION_FAILED', [fieldError(k, 'repeated', 'This field is given twice.', 'Trường này bị lặp lại.')]));
    out[k] = v;
  }
  done(null, out);
}

/** Lets the routes of one plugin take form bodies (8 KiB at most). */
export function acceptForms(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, parseForm);
}
