import { html, type Html } from '../../portal/html.ts';
import type { OfficeKey } from '../i18n/index.ts';
import type { OfficeContext, SignedIn } from '../kit.ts';
import { formBasics } from './layout.ts';

/** What an officer typed in a form the API refused: shown again as it was (the form keeps what was typed). */
export type Typed = Readonly<Record<string, string>>;

/** A filter bar: GET form, each control labelled; works without a script (the button applies it). */
export function filterBar(c: OfficeContext, action: string, controls: Html[]): Html {
  return html`<form method="get" action="${action}" class="filters" role="search" aria-label="${c.t('filters')}">
${controls}
<div class="filter-actions"><button type="submit" class="secondary">${c.t('applyFilters')}</button></div>
</form>`;
}

export function selectControl(c: OfficeContext, id: string, name: string, labelKey: OfficeKey, value: string | undefined, options: readonly (readonly [string, string])[]): Html {
  return html`<div class="field"><label for="${id}">${c.t(labelKey)}</label><select id="${id}" name="${name}">${options.map(([v, text]) => html`<option value="${v}"${(value ?? '') === v ? html` selected` : ''}>${text}</option>`)}</select></div>`;
}

export function inputControl(c: OfficeContext, id: string, name: string, labelKey: OfficeKey, value: string | undefined, attrs: Html, hint?: OfficeKey): Html {
  return html`<div class="field"><label for="${id}">${c.t(labelKey)}</label>${hint ? html`<p class="hint" id="${id}-hint">${c.t(hint)}</p>` : ''}<input id="${id}" name="${name}" value="${value ?? ''}" ${attrs}${hint ? html` aria-describedby="${id}-hint"` : ''}></div>`;
}

/** A one-button form (claim, release, disable…): CSRF, where to come back, the action. */
export function actionButton(c: SignedIn, action: string, back: string, act: string, text: string, opts: { secondary?: boolean; describedBy?: string } = {}): Html {
  return html`<form method="post" action="${action}" class="inline-action" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="${act}"><button type="submit"${opts.secondary ? html` class="secondary"` : ''}${opts.describedBy ? html` aria-describedby="${opts.describedBy}"` : ''}>${text}</button></form>`;
}

/**
 * A reason typed in the page's language, and optionally in the other one: the API keeps both (the citizen reads
 * the one of their portal), and uses the one given for both when only one is.
 */
export function reasonFields(c: OfficeContext, prefix: string, typed: Typed, required: boolean): Html {
  const other = c.lang === 'vi' ? c.t('inEnglish') : c.t('inVietnamese');
  return html`<div class="field"><label for="${prefix}-reason">${c.t('reason')}${required ? '' : html` <span class="muted">${c.t('optional')}</span>`}</label>
<textarea id="${prefix}-reason" name="reason" rows="3" maxlength="1000"${required ? html` required minlength="3"` : ''}>${typed.reason ?? ''}</textarea></div>
<div class="field"><label for="${prefix}-reason-other">${c.t('reasonOther', { lang: other })} <span class="muted">${c.t('optional')}</span></label>
<textarea id="${prefix}-reason-other" name="reasonOther" rows="2" maxlength="1000">${typed.reasonOther ?? ''}</textarea></div>`;
}

/** The two languages of a reason from the form: the page's language is the main one. */
export function reasonsOf(lang: 'vi' | 'en', body: Readonly<Record<string, string | undefined>>): { reason: string; reasonVi: string } | null {
  const main = (body.reason ?? '').trim();
  const other = (body.reasonOther ?? '').trim();
  if (!main) return null;
  return lang === 'vi' ? { reasonVi: main, reason: other || main } : { reason: main, reasonVi: other || main };
}

/** Rows of "which field, and why" for a supplement request (three rows, blank ones ignored: no script needed). */
export function supplementRows(c: OfficeContext, prefix: string, paths: readonly (readonly [string, OfficeKey])[], typed: Typed): Html {
  const rows = [0, 1, 2].map(
    (i) => html`<fieldset class="supplement-row"><legend>${c.t('supplementItem', { n: i + 1 })}${i > 0 ? html` <span class="muted">${c.t('optional')}</span>` : ''}</legend>
<div class="field"><label for="${prefix}-path-${i}">${c.t('supplementField')}</label><select id="${prefix}-path-${i}" name="path${i}"${i === 0 ? html` required` : ''}><option value=""></option>${paths.map(([p, k]) => html`<option value="${p}"${typed[`path${i}`] === p ? html` selected` : ''}>${c.t(k)}</option>`)}</select></div>
<div class="field"><label for="${prefix}-why-${i}">${c.t('supplementWhy')}</label><input id="${prefix}-why-${i}" name="why${i}" type="text" maxlength="1000" value="${typed[`why${i}`] ?? ''}"${i === 0 ? html` required minlength="3"` : ''}></div>
</fieldset>`,
  );
  return html`${rows}`;
}

/** The rows filled in, as the API takes them: the reason in the page's language, used for both. */
export function supplementFieldsOf(body: Readonly<Record<string, string | undefined>>): { path: string; reason: string; reasonVi: string }[] {
  const out: { path: string; reason: string; reasonVi: string }[] = [];
  for (const i of [0, 1, 2]) {
    const path = (body[`path${i}`] ?? '').trim();
    const why = (body[`why${i}`] ?? '').trim();
    if (!path && !why) continue;
    out.push({ path, reason: why, reasonVi: why });
  }
  return out;
}
