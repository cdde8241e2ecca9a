import type { FieldError } from '../../kernel/errors.ts';
import { BIRTH_FIELDS, type FormField, type FormValues } from '../birth-form.ts';
import { html, type Html } from '../html.ts';
import type { Lang, T } from '../i18n/index.ts';

const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;
export const reasonIn = (e: FieldError, lang: Lang) => (lang === 'vi' ? e.reasonVi : e.reason);

/** The schema's keywords: their messages are technical (a pattern), so the field says what it expects instead. */
const SCHEMA_CODES = new Set(['required', 'pattern', 'format', 'minLength', 'maxLength', 'type', 'anyOf', 'const', 'enum', 'additionalProperties']);

/** What the citizen reads beside a field: the hub's rule message as it is, a schema refusal in the field's terms. */
export function messageOf(e: FieldError, f: FormField, t: T, lang: Lang): string {
  if (!SCHEMA_CODES.has(e.code)) return reasonIn(e, lang);
  if (typeof f.kind === 'object') return t('errChoose');
  if (e.code === 'required') return t('errRequired');
  if (f.kind === 'pin') return t('errPin');
  if (f.kind === 'facility') return t('errFacility');
  if (f.kind === 'date') return t('errDate');
  return t(f.name === 'child.fullName' ? 'errName' : 'errText');
}

/**
 * One field with its label, hint and the message beside it (`aria-describedby`, `aria-invalid`); the message
 * element is always there (empty when valid) so the script can fill it as the citizen types.
 */
export function fieldHtml(f: FormField, values: FormValues, error: FieldError | undefined, t: T, lang: Lang): Html {
  const id = idOf(f.name);
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const describedBy = [f.hint ? hintId : '', errId].filter(Boolean).join(' ');
  const value = values[f.name] ?? '';
  const label = html`${t(f.label)} <span class="muted">${f.optional ? t('optional') : t('required')}</span>`;
  const hint = f.hint ? html`<p class="hint" id="${hintId}">${t(f.hint)}</p>` : '';
  const message = html`<p class="field-error" id="${errId}" data-error-for="${f.name}" aria-live="polite">${error ? messageOf(error, f, t, lang) : ''}</p>`;
  const invalid = error ? html` aria-invalid="true"` : '';
  const cls = html`field${error ? ' has-error' : ''}`;
  if (typeof f.kind === 'object' && 'radio' in f.kind) {
    return html`<fieldset class="${cls}" id="${id}" aria-describedby="${describedBy}" data-field="${f.name}"${invalid}>
<legend>${label}</legend>${hint}${message}
${f.kind.radio.map(
  ([v, k], i) =>
    html`<div class="choice"><input type="radio" id="${id}-${i}" name="${f.name}" value="${v}"${value === v ? html` checked` : ''}${f.optional ? '' : html` required`}><label for="${id}-${i}">${t(k)}</label></div>`,
)}
</fieldset>`;
  }
  let control: Html;
  if (typeof f.kind === 'object' && 'select' in f.kind) {
    control = html`<select id="${id}" name="${f.name}" aria-describedby="${describedBy}"${invalid}${f.optional ? '' : html` required`}>
<option value=""></option>
${f.kind.select.map(([v, k]) => html`<option value="${v}"${value === v ? html` selected` : ''}>${t(k)}</option>`)}
</select>`;
  } else {
    const attrs =
      f.kind === 'date'
        ? html`type="date"`
        : f.kind === 'pin'
          ? html`type="text" inputmode="numeric" pattern="\\d{12}" maxlength="12" autocomplete="off"`
          : f.kind === 'facility'
            ? html`type="text" inputmode="numeric" pattern="\\d{5}" maxlength="5" autocomplete="off"`
            : html`type="text" maxlength="200"`;
    control = html`<input id="${id}" name="${f.name}" ${attrs} value="${value}" aria-describedby="${describedBy}"${invalid}${f.optional ? '' : html` required`}>`;
  }
  return html`<div class="${cls}" data-field="${f.name}"><label for="${id}">${label}</label>${hint}${control}${message}</div>`;
}

/** The error summary at the top of a refused form: focused by the script, each message a link to its field. */
export function errorSummary(errors: ReadonlyMap<string, FieldError>, t: T, lang: Lang): Html {
  const field = (name: string) => BIRTH_FIELDS.find((f) => f.name === name)!;
  if (!errors.size) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary>
<h2>${t('errorSummaryTitle', { n: errors.size })}</h2>
<ul>${[...errors].map(([name, e]) => html`<li><a href="#${idOf(name)}">${t(field(name).label)}: ${messageOf(e, field(name), t, lang)}</a></li>`)}</ul>
</div>`;
}

export { idOf };
