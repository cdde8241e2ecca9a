import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { fieldError, type FieldError } from '../kernel/errors.ts';

/** Vietnamese for the schema keywords that can fail, so every field error reads in both languages. */
const VI: Record<string, string> = {
  required: 'Trường này là bắt buộc.',
  type: 'Sai kiểu dữ liệu.',
  pattern: 'Không đúng định dạng.',
  format: 'Không đúng định dạng.',
  const: 'Giá trị không được chấp nhận.',
  enum: 'Giá trị không được chấp nhận.',
  anyOf: 'Giá trị không được chấp nhận.',
  additionalProperties: 'Trường không được phép.',
  minLength: 'Quá ngắn.',
  maxLength: 'Quá dài.',
  minItems: 'Quá ít phần tử.',
  maxItems: 'Quá nhiều phần tử.',
  minimum: 'Giá trị quá nhỏ.',
  maximum: 'Giá trị quá lớn.',
};

/** "/child/dateOfBirth" under "declaration" → "declaration.child.dateOfBirth". */
export function dottedPath(base: string, pointer: string, extra?: string): string {
  const segs = pointer.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [base, ...segs, ...(extra ? [extra] : [])].filter(Boolean).join('.');
}

export interface SchemaError {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns schema errors into field errors, one per field, the most specific first. */
export function toFieldErrors(errors: readonly SchemaError[], base: string): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    if (e.keyword === 'boolean') continue; // TypeBox repeats additionalProperties as a boolean schema
    let extra: string | undefined;
    let reason = e.message ?? 'is not valid';
    if (e.keyword === 'required') {
      const props = (e.params?.requiredProperties ?? e.params?.missingProperty) as string[] | string | undefined;
      for (const prop of Array.isArray(props) ? props : [props]) {
        const path = dottedPath(base, e.instancePath, prop);
        if (!out.has(path)) out.set(path, fieldError(path, 'required', 'This field is required.', VI.required!));
      }
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const props = (e.params?.additionalProperties ?? e.params?.additionalProperty) as string[] | string | undefined;
      extra = Array.isArray(props) ? props[0] : props;
      reason = 'This field is not allowed.';
    }
    const path = dottedPath(base, e.instancePath, extra);
    if (!out.has(path)) out.set(path, fieldError(path, e.keyword, capitalise(reason), VI[e.keyword] ?? 'Giá trị không hợp lệ.'));
  }
  return [...out.values()];
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

/** Checks a value against a schema; the field errors, or none. */
export function validate(schema: TSchema, value: unknown, base: string): FieldError[] {
  let c = compiled.get(schema);
  if (!c) compiled.set(schema, (c = Compile(schema)));
  if (c.Check(value)) return [];
  return toFieldErrors([...c.Errors(value)] as SchemaError[], base);
}

function capitalise(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return t.endsWith('.') ? t : `${t}.`;
}
