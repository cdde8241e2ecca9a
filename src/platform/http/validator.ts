import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Convert } from 'typebox/value';
import { AppError } from '../../kernel/errors.ts';
import { toFieldErrors, type SchemaError } from '../validation.ts';

/**
 * Fastify validates with the same TypeBox schemas that produce the OpenAPI document, and a failure
 * becomes our VALIDATION_FAILED error with one entry per field, in English and Vietnamese.
 * Query strings and path parameters arrive as text: they are converted to the schema's types first.
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const convert = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers';
  const base = httpPart === 'body' ? '' : httpPart === 'querystring' ? 'query' : (httpPart ?? '');
  return (data: unknown) => {
    const value = convert ? Convert(schema, data) : data;
    if (check.Check(value)) return { value };
    // An error about the whole body (not an object, no branch of a union fits) is named after the body itself.
    const fields = toFieldErrors([...check.Errors(value)] as SchemaError[], base).map((f) => (f.path ? f : { ...f, path: base || 'body' }));
    return { error: new AppError('VALIDATION_FAILED', fields) };
  };
};
