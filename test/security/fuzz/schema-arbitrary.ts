import fc from 'fast-check';

/** The JSON Schema subset the OpenAPI document uses (TypeBox's output). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
}

/**
 * Values an operation's test knows exist (a dossier's id, an officer's username), offered alongside random ones
 * so that some requests get past "not found" into the handler's deeper paths. Keyed by format or pattern.
 */
export type Known = Readonly<Record<string, readonly string[]>>;

const dateArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(s: JsonSchema, known: Known): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  let base: fc.Arbitrary<string>;
  if (s.format === 'uuid') base = fc.uuid();
  else if (s.format === 'date') base = dateArb.map((d) => d.toISOString().slice(0, 10));
  else if (s.format === 'date-time') base = dateArb.map((d) => d.toISOString());
  else if (s.format === 'email') base = fc.emailAddress();
  else if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, 'u');
    base = fc.stringMatching(re).filter((x) => x.length >= min && x.length <= max);
  } else base = fc.string({ minLength: min, maxLength: Math.min(max, min + 40), unit: 'grapheme' });
  const seen = [...(known[s.format ?? ''] ?? []), ...(known[s.pattern ?? ''] ?? [])];
  return seen.length ? fc.oneof({ arbitrary: fc.constantFrom(...seen), weight: 2 }, { arbitrary: base, weight: 1 }) : base;
}

/** Random values that the schema accepts (as far as its keywords go: formats beyond shape are approximated). */
export function validValue(s: JsonSchema, known: Known = {}, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => validValue(a, known, depth)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, known);
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? -1_000_000), max: Math.floor(s.maximum ?? 1_000_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = s.minItems ?? 0;
      return fc.array(s.items ? validValue(s.items, known, depth + 1) : fc.jsonValue({ maxDepth: 2 }), { minLength, maxLength: Math.min(s.maxItems ?? 4, minLength + 3) });
    }
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return fc.jsonValue({ maxDepth: 2 }); // `{}`: anything
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = validValue(v, known, depth + 1);
      const requiredKeys = Object.keys(props).filter((k) => required.has(k));
      let obj: fc.Arbitrary<Record<string, unknown>> = fc.record(record, { requiredKeys });
      // An open record (`additionalProperties: {}` or a schema): a few keys of its own, within min/maxProperties.
      if (s.additionalProperties && Object.keys(props).length === 0) {
        const value = s.additionalProperties === true ? fc.jsonValue({ maxDepth: 2 }) : validValue(s.additionalProperties, known, depth + 1);
        const minKeys = s.minProperties ?? 0;
        obj = fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom(...(known['record-key'] ?? ['key']))), value, {
          minKeys,
          maxKeys: Math.min(s.maxProperties ?? 4, minKeys + 3),
        });
      }
      return obj;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
