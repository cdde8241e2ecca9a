import { ERROR_CATALOGUE } from '../../../src/kernel/errors.ts';

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

/**
 * What is wrong with a 4xx answer, if anything: it must be the uniform `{ code, message, messageVi, fields }` of
 * src/platform/http/error-handler.ts, its code from the catalogue with the catalogue's status, and each field error
 * with a path, a code and the reason in English and Vietnamese. A VALIDATION_FAILED names at least one field,
 * so that the person who filled in the form knows what to change.
 */
export function errorShapeProblems(status: number, contentType: string | undefined, text: string): string[] {
  if (!/^application\/json\b/.test(contentType ?? '')) return [`content-type ${contentType ?? '(none)'}, not JSON`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return ['the body is not JSON'];
  }
  const out: string[] = [];
  const code = body.code as keyof typeof ERROR_CATALOGUE;
  if (typeof code !== 'string' || !(code in ERROR_CATALOGUE)) out.push(`code ${JSON.stringify(body.code)} is not in the catalogue`);
  else if (ERROR_CATALOGUE[code].status !== status) out.push(`code ${code} answered with ${status}, the catalogue says ${ERROR_CATALOGUE[code].status}`);
  if (!nonEmpty(body.message)) out.push('no message');
  if (!nonEmpty(body.messageVi)) out.push('no messageVi');
  if (!Array.isArray(body.fields)) return [...out, 'no fields array'];
  for (const f of body.fields as Record<string, unknown>[])
    for (const k of ['path', 'code', 'reason', 'reasonVi']) if (!(k === 'path' ? typeof f?.path === 'string' && f.path.length > 0 : nonEmpty(f?.[k]))) out.push(`a field error without ${k}: ${JSON.stringify(f).slice(0, 200)}`);
  if (code === 'VALIDATION_FAILED' && body.fields.length === 0) out.push(`VALIDATION_FAILED names no field (message: ${String(body.message).slice(0, 200)})`);
  return out;
}
