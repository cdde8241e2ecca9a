import type { FieldError } from '../../kernel/errors.ts';
import type { FormField, FormValues } from '../forms.ts';
import { html, type Html } from '../html.ts';
import type { Lang, MessageKey, T } from '../i18n/index.ts';

const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;
export const reasonIn = (e: FieldError, lang: Lang) => (lang === 'vi' ? e.reasonVi : e.reason);

/** The schema's keywords: their messages are technical (a pattern), so the field says what it expects instead. */
const SCHEMA_CODES = new Set(['required', 'pattern', 'format', 'minLength', 'maxLength', 'type', 'anyOf', 'const', 'enum', 'additionalProperties']);

/** The schema's own words for a missing field (platform/validation.ts). */
const SCHEMA_REQUIRED = 'This field is required.';

/** What a schema refusal says, by the kind of field. */
const INVALID: Record<string, MessageKey> = {
  pin: 'errPin',
  facility: 'errFacility',
  date: 'errDate',
  month: 'errMonth',
  integer: 'errNumber',
  money: 'errMoney',
  'bank-bin': 'errBankBin',
  account: 'errAccount',
  email: 'errEmail',
  phone: 'errPhone',
  uuid: 'errUuid',
};

/** What the citizen reads beside a field: the hub's rule message as it is, a schema refusal in the field's terms. */
export function messageOf(e: FieldError, f: FormField, t: T, lang: Lang): string {
  if (!SCHEMA_CODES.has(e.code)) return reasonIn(e, lang);
  // A rule may say `required` too (name the relatives, say who is paid): its own words say more than the schema's.
  if (e.code === 'required' && e.reason !== SCHEMA_REQUIRED) return reasonIn(e, lang);
  if (typeof f.kind === 'object') return t('errChoose');
  if (e.code === 'required') return t('errRequired');
  return t(f.invalid ?? INVALID[f.kind] ?? 'errText');
}

/** The input's type and hints for phones' keyboards and for autofill, by the kind of field. */
function inputAttrs(f: FormField): Html {
  switch (f.kind) {
    case 'date':
      return html`type="date"`;
    case 'month':
      return html`type="month"`;
    case 'pin':
      return html`type="text" inputmode="numeric" pattern="\\d{12}" maxlength="12" autocomplete="off"`;
    case 'facility':
      return html`type="text" inputmode="numeric" pattern="\\d{5}" maxlength="5" autocomplete="off"`;
    case 'bank-bin':
      return html`type="text" inputmode="numeric" pattern="\\d{6}" maxlength="6" autocomplete="off"`;
    case 'integer':
      return html`type="text" inputmode="numeric" maxlength="15" autocomplete="off"`;
    case 'money':
      return html`type="text" inputmode="numeric" maxlength="20" autocomplete="off"`;
    case 'account':
      return html`type="text" maxlength="19" autocomplete="off" spellcheck="false"`;
    case 'email':
      return html`type="email" maxlength="200" autocomplete="email" spellcheck="false"`;
    case 'phone':
      return html`type="tel" maxlength="16" autocomplete="tel"`;
    case 'uuid':
      return html`type="text" maxlength="36" autocomplete="off" spellcheck="false"`;
    default:
      return html`type="text" maxlength="200"`;
  }
}

export interface FieldOptions {
  /** The label as shown (a row's field says which row it is in). */
  readonly label?: Html | string;
  /** A further hint after the field's own (the income bounds for the start month). */
  readonly extraHint?: string;
  readonly autofocus?: boolean;
}

/**
 * One field with its label, hint and the message beside it (`aria-describedby`, `aria-invalid`); the message
 * element is always there (empty when valid) so the script can fill it as the citizen types.
 */
export function fieldHtml(f: FormField, values: FormValues, error: FieldError | undefined, t: T, lang: Lang, o: FieldOptions = {}): Html {
  const id = idOf(f.name);
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const hasHint = !!(f.hint || o.extraHint);
  const describedBy = [hasHint ? hintId : '', errId].filter(Boolean).join(' ');
  const value = values[f.name] ?? '';
  const label = html`${o.label ?? t(f.label)} <span class="muted">${f.optional ? t('optional') : t('required')}</span>`;
  const extra = o.extraHint ? html`${f.hint ? ' ' : ''}<span data-hint-for="${f.name}">${o.extraHint}</span>` : '';
  const hint = hasHint ? html`<p class="hint" id="${hintId}">${f.hint ? t(f.hint) : ''}${extra}</p>` : '';
  const message = html`<p class="field-error" id="${errId}" data-error-for="${f.name}" aria-live="polite">${error ? messageOf(error, f, t, lang) : ''}</p>`;
  const invalid = error ? html` aria-invalid="true"` : '';
  const cls = html`field${error ? ' has-error' : ''}`;
  const shown = f.showWhen ? html` data-show-when="${f.showWhen.field}" data-show-values="${f.showWhen.values.join(' ')}"` : '';
  const focus = o.autofocus ? html` autofocus` : '';
  if (typeof f.kind === 'object' && 'radio' in f.kind) {
    return html`<fieldset class="${cls}" id="${id}" aria-describedby="${describedBy}" data-field="${f.name}"${invalid}${shown}>
<legend>${label}</legend>${hint}${message}
${f.kind.radio.map(
  ([v, k], i) =>
    html`<div class="choice"><input type="radio" id="${id}-${i}" name="${f.name}" value="${v}"${value === v ? html` checked` : ''}${f.optional ? '' : html` required`}${i === 0 ? focus : ''}><label for="${id}-${i}">${t(k)}</label></div>`,
)}
</fieldset>`;
  }
  let control: Html;
  if (typeof f.kind === 'object' && 'select' in f.kind) {
    control = html`<select id="${id}" name="${f.name}" aria-describedby="${describedBy}"${invalid}${f.optional ? '' : html` required`}${focus}>
<option value=""></option>
${f.kind.select.map(([v, k]) => html`<option value="${v}"${value === v ? html` selected` : ''}>${t(k)}</option>`)}
</select>`;
  } else {
    control = html`<input id="${id}" name="${f.name}" ${inputAttrs(f)} value="${value}" aria-describedby="${describedBy}"${invalid}${f.optional ? '' : html` required`}${focus}>`;
  }
  return html`<div class="${cls}" data-field="${f.name}"${shown}><label for="${id}">${label}</label>${hint}${control}${message}</div>`;
}

/**
 * The error summary at the top of a refused form: focused by the script, each message a link to its field.
 * `fields` are the form's fields as the values make them (rows included); `labelOf` names one as the page does.
 */
export function errorSummary(
  errors: ReadonlyMap<string, FieldError>,
  t: T,
  lang: Lang,
  fields: readonly FormField[],
  labelOf: (f: FormField) => string = (f) => t(f.label),
): Html {
  if (!errors.size) return html``;
  const field = (name: string) => fields.find((f) => f.name === name);
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary>
<h2>${t('errorSummaryTitle', { n: errors.size })}</h2>
<ul>${[...errors].map(([name, e]) => {
    const f = field(name);
    return html`<li><a href="#${idOf(name)}">${f ? `${labelOf(f)}: ${messageOf(e, f, t, lang)}` : reasonIn(e, lang)}</a></li>`;
  })}</ul>
</div>`;
}

export { idOf };
