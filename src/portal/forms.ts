import type { FieldError } from '../kernel/errors.ts';
import type { RuleBook } from '../kernel/rules/rule-book.ts';
import type { MessageKey } from './i18n/index.ts';

/**
 * A declaration as a guided form: fields named by their path in the declaration, grouped in steps, some steps with
 * repeated rows (the relatives of a death). The rules are not here: the hub checks the declaration the form builds
 * (HubService.check, the code submit runs), so the portal can never disagree with what submit accepts. What is here is
 * only how text typed in a page becomes the declaration's JSON, and where each of the hub's messages is shown.
 */
export type Choice = readonly [value: string, label: MessageKey];

export type FieldKind =
  | 'text'
  | 'date'
  | 'month'
  | 'pin'
  | 'facility'
  | 'integer'
  | 'money'
  | 'bank-bin'
  | 'account'
  | 'email'
  | 'phone'
  | 'uuid'
  | { readonly radio: readonly Choice[] }
  | { readonly select: readonly Choice[] };

export interface FormField {
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: FieldKind;
  readonly hint?: MessageKey;
  readonly optional?: boolean;
  /** Error paths shown at this field besides its own (a rule about the declarant's PIN, which the form fills in). */
  readonly alsoFor?: readonly string[];
  /** How the text becomes the declaration's value: `yes`/`no` → true/false; digits (thousands separators allowed) → a number. */
  readonly as?: 'boolean' | 'integer';
  /** What a schema refusal of this field says (default: by its kind). */
  readonly invalid?: MessageKey;
  /** Shown only when another field has one of these values (the script hides and disables it otherwise). */
  readonly showWhen?: { readonly field: string; readonly values: readonly string[] };
}

/** Rows of the same fields (`relatives.0.pin`, `relatives.1.pin`, …), added and removed by the citizen. */
export interface RepeatedRows {
  /** The declaration's array, and the prefix of the rows' field names. */
  readonly name: string;
  readonly label: MessageKey;
  /** A row's heading, with `{n}` its number. */
  readonly row: MessageKey;
  readonly add: MessageKey;
  readonly remove: MessageKey;
  /** The fields of one row, named relative to it (`pin`). */
  readonly fields: readonly FormField[];
  readonly max: number;
  /** What a new row starts with. */
  readonly defaults?: Readonly<Record<string, string>>;
  readonly hint?: MessageKey;
  /** When the citizen comes to the step with no row yet: whether to start them with one (rows are then expected). */
  readonly startWithOne?: (values: FormValues) => boolean;
}

export interface FormStep {
  readonly id: string;
  readonly title: MessageKey;
  readonly intro?: MessageKey;
  /** The step says who declares (the signed-in citizen, whose PIN the form fills in). */
  readonly showsDeclarant?: boolean;
  readonly fields: readonly FormField[];
  readonly rows?: RepeatedRows;
}

export interface DeclarationForm {
  /** The procedure group the declaration starts. */
  readonly group: string;
  /** The form's page (`/portal/birth`). */
  readonly path: string;
  readonly title: MessageKey;
  readonly reviewIntro: MessageKey;
  readonly steps: readonly FormStep[];
  /** Where the form puts the signed-in citizen's PIN (`declarant.pin`). */
  readonly declarantPin: string;
  /**
   * Stand-ins for the fields of the steps not filled in yet, so that the rules of the step at hand can run on a whole
   * declaration; their errors are never shown (only the step's own fields' are).
   */
  standIns(pin: string): FormValues;
  /** A further hint for a field that depends on what is typed (the income bounds of the start month). */
  extraHint?(name: string, values: FormValues, t: (key: MessageKey, vars?: Record<string, string | number>) => string, lang: 'vi' | 'en', today: string, rules?: RuleBook): string | undefined;
  /** What the review page adds after the fields (the contribution expected). */
  reviewExtra?(values: FormValues, t: (key: MessageKey, vars?: Record<string, string | number>) => string, lang: 'vi' | 'en'): { title: string; lines: readonly string[] } | undefined;
}

export type FormValues = Record<string, string>;

/** At most this many characters are kept of what is typed in one field (the schemas allow 200 at most for text). */
const MAX_TEXT = 200;

export const rowFieldName = (rows: RepeatedRows, i: number, field: string) => `${rows.name}.${i}.${field}`;

/** The number of rows the values hold (their indices are contiguous once read by `valuesFrom`). */
export function rowCount(values: FormValues, rows: RepeatedRows): number {
  let n = 0;
  const re = new RegExp(`^${rows.name}\\.(\\d+)\\.`);
  for (const k of Object.keys(values)) {
    const m = re.exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, rows.max);
}

/** The fields of row `i`, named in full. */
export function rowFields(rows: RepeatedRows, i: number): FormField[] {
  return rows.fields.map((f) => ({
    ...f,
    name: rowFieldName(rows, i, f.name),
    ...(f.alsoFor ? { alsoFor: f.alsoFor.map((p) => rowFieldName(rows, i, p)) } : {}),
    ...(f.showWhen ? { showWhen: { ...f.showWhen, field: rowFieldName(rows, i, f.showWhen.field) } } : {}),
  }));
}

/** The rows' own message (e.g. "name the relatives"): not an input, shown at the top of the rows. */
export const rowsField = (rows: RepeatedRows): FormField => ({ name: rows.name, label: rows.label, kind: 'text', optional: true });

/** A step's fields as the values make them: its own, then each row's, then the rows' own message. */
export function stepFields(step: FormStep, values: FormValues): FormField[] {
  if (!step.rows) return [...step.fields];
  const n = rowCount(values, step.rows);
  return [...step.fields, ...Array.from({ length: n }, (_, i) => rowFields(step.rows!, i)).flat(), rowsField(step.rows)];
}

export const formFields = (form: DeclarationForm, values: FormValues): FormField[] => form.steps.flatMap((s) => stepFields(s, values));

/** Every field name a form can post (rows up to their maximum): the body schema of its route. */
export function postableNames(form: DeclarationForm): string[] {
  return form.steps.flatMap((s) => [
    ...s.fields.map((f) => f.name),
    ...(s.rows ? Array.from({ length: s.rows.max }, (_, i) => rowFields(s.rows!, i).map((f) => f.name)).flat() : []),
  ]);
}

/**
 * The form's own values from a posted body: known fields only, trimmed, at most 200 characters each; rows renumbered
 * 0, 1, 2… in their order (a row removed by the script leaves no gap).
 */
export function valuesFrom(form: DeclarationForm, body: unknown): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, MAX_TEXT) : undefined);
  for (const s of form.steps) {
    for (const f of s.fields) {
      const v = text(b[f.name]);
      if (v !== undefined) out[f.name] = v;
    }
    const rows = s.rows;
    if (!rows) continue;
    const byIndex = new Map<number, FormValues>();
    const re = new RegExp(`^${rows.name}\\.(\\d{1,2})\\.(\\w+)$`);
    for (const [k, raw] of Object.entries(b)) {
      const m = re.exec(k);
      const v = text(raw);
      if (!m || v === undefined || !rows.fields.some((f) => f.name === m[2])) continue;
      const i = Number(m[1]);
      if (!byIndex.has(i)) byIndex.set(i, {});
      byIndex.get(i)![m[2]!] = v;
    }
    [...byIndex.keys()]
      .sort((x, y) => x - y)
      .slice(0, rows.max)
      .forEach((old, i) => {
        for (const [field, v] of Object.entries(byIndex.get(old)!)) out[rowFieldName(rows, i, field)] = v;
      });
  }
  return out;
}

/** A row appended with its defaults (nothing when the rows are full). */
export function addRow(values: FormValues, rows: RepeatedRows): FormValues {
  const n = rowCount(values, rows);
  if (n >= rows.max) return values;
  const out = { ...values };
  for (const f of rows.fields) out[rowFieldName(rows, n, f.name)] = rows.defaults?.[f.name] ?? '';
  return out;
}

/** Row `i` removed, the rows after it moved up. */
export function removeRow(values: FormValues, rows: RepeatedRows, i: number): FormValues {
  const n = rowCount(values, rows);
  if (i < 0 || i >= n) return values;
  const out: FormValues = {};
  const prefix = `${rows.name}.`;
  for (const [k, v] of Object.entries(values)) if (!k.startsWith(prefix)) out[k] = v;
  for (let j = 0, to = 0; j < n; j++) {
    if (j === i) continue;
    for (const f of rows.fields) {
      const v = values[rowFieldName(rows, j, f.name)];
      if (v !== undefined) out[rowFieldName(rows, to, f.name)] = v;
    }
    to++;
  }
  return out;
}

/** `1.500.000`, `1,500,000` and `1 500 000` are 1500000; anything else is left as typed (the schema then says so). */
function typed(f: FormField, v: string): unknown {
  if (f.as === 'boolean') return v === 'yes' ? true : v === 'no' ? false : v;
  if (f.as === 'integer') {
    const digits = /^\d{1,3}([.,\s]\d{3})+$/.test(v) ? v.replace(/[.,\s]/g, '') : v;
    return /^\d{1,15}$/.test(digits) ? Number(digits) : v;
  }
  return v;
}

/** Sets `a.b.0.c` in a nested object, making arrays for numeric segments. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.');
  let at: Record<string, unknown> | unknown[] = target;
  segs.forEach((seg, i) => {
    const key: string | number = /^\d+$/.test(seg) ? Number(seg) : seg;
    const container = at as Record<string | number, unknown>;
    if (i === segs.length - 1) {
      container[key] = value;
      return;
    }
    if (container[key] === undefined) container[key] = /^\d+$/.test(segs[i + 1]!) ? [] : {};
    at = container[key] as Record<string, unknown>;
  });
}

/**
 * The declaration the values make, the declarant being the signed-in citizen; empty fields are left out, every array
 * of rows is there (empty when no row). With `fillOthersThan`, the other steps' empty fields take their stand-ins.
 */
export function toDeclaration(form: DeclarationForm, values: FormValues, declarantPin: string, fillOthersThan?: FormStep): Record<string, unknown> {
  const filled: FormValues = { ...values };
  if (fillOthersThan) {
    const own = new Set(stepFields(fillOthersThan, values).map((f) => f.name));
    for (const [k, v] of Object.entries(form.standIns(declarantPin))) if (!own.has(k) && !filled[k]) filled[k] = v;
  }
  const d: Record<string, unknown> = {};
  setPath(d, form.declarantPin, declarantPin);
  for (const s of form.steps) if (s.rows) d[s.rows.name] = [];
  for (const f of formFields(form, filled)) {
    const v = filled[f.name];
    if (!v || f.name === form.declarantPin) continue;
    if (f.showWhen && !f.showWhen.values.includes(filled[f.showWhen.field] ?? '')) continue;
    setPath(d, f.name, typed(f, v));
  }
  // A row whose every field is empty is still a row: the schema then asks for its fields beside them.
  for (const s of form.steps) {
    if (!s.rows) continue;
    const arr = d[s.rows.name] as unknown[];
    for (let i = 0; i < rowCount(filled, s.rows); i++) arr[i] ??= {};
  }
  return d;
}

/** The field of the form an error belongs to, if any. */
export function fieldOf(form: DeclarationForm, values: FormValues, error: FieldError): FormField | undefined {
  const path = error.path.replace(/^declaration\.?/, '');
  const fields = formFields(form, values);
  return fields.find((f) => f.name === path) ?? fields.find((f) => f.alsoFor?.includes(path));
}

export function stepIndexOf(form: DeclarationForm, values: FormValues, field: FormField): number {
  return form.steps.findIndex((s) => stepFields(s, values).some((f) => f.name === field.name));
}

/** Errors keyed by field name, one per field, for the step given (all steps when none). */
export function errorsByField(form: DeclarationForm, values: FormValues, errors: readonly FieldError[], step?: FormStep): Map<string, FieldError> {
  const out = new Map<string, FieldError>();
  const mine = step ? new Set(stepFields(step, values).map((f) => f.name)) : null;
  for (const e of errors) {
    const f = fieldOf(form, values, e);
    if (!f || (mine && !mine.has(f.name)) || out.has(f.name)) continue;
    out.set(f.name, e);
  }
  return out;
}
