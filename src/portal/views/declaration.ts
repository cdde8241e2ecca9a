import type { FieldError } from '../../kernel/errors.ts';
import type { RuleBook } from '../../kernel/rules/rule-book.ts';
import { formFields, rowCount, rowFields, rowsField, stepFields, type DeclarationForm, type FormField, type FormStep, type FormValues, type RepeatedRows } from '../forms.ts';
import { html, type Html } from '../html.ts';
import { errorSummary, fieldHtml, idOf, messageOf } from './form-fields.ts';
import { layout, type PageContext } from './layout.ts';

export interface DeclarationFormState {
  /** 0..n-1 the steps, n the review. */
  readonly step: number;
  readonly values: FormValues;
  readonly errors: ReadonlyMap<string, FieldError>;
  /** The idempotency key of this declaration: a submit repeated (double click, slow network) makes one dossier. */
  readonly key: string;
  /** Today in Vietnam (YYYY-MM-DD), for hints that depend on the date. */
  readonly today: string;
  /** The rule book the hub checks amounts with, for the hints that quote it. */
  readonly rules?: RuleBook | undefined;
  /** The field that takes the focus (the first of a row just added, or the add button after a removal). */
  readonly focus?: string;
}

/** The actions of a step's buttons: `add-relatives`, `remove-relatives-2`. */
export const addAction = (rows: RepeatedRows) => `add-${rows.name}`;
export const removeAction = (rows: RepeatedRows, i: number) => `remove-${rows.name}-${i}`;

/** The values of the other steps ride along as hidden fields: the form keeps everything typed, without scripts. */
function carried(form: DeclarationForm, values: FormValues, except?: FormStep): Html[] {
  const own = new Set(except ? stepFields(except, values).map((f) => f.name) : []);
  const pseudo = new Set(form.steps.flatMap((s) => (s.rows ? [s.rows.name] : [])));
  return formFields(form, values)
    .filter((f) => !own.has(f.name) && !pseudo.has(f.name))
    .map((f) => html`<input type="hidden" name="${f.name}" value="${values[f.name] ?? ''}">`);
}

function progress(c: PageContext, form: DeclarationForm, step: number): Html {
  const titles = [...form.steps.map((s) => s.title), 'stepReview' as const];
  return html`<ol class="steps" aria-label="${c.t('progress')}">${titles.map(
    (k, i) => html`<li${i === step ? html` aria-current="step" class="current"` : i < step ? html` class="done"` : ''}>${c.t(k)}</li>`,
  )}</ol>`;
}

/** How a field is named in the error summary and the review: a row's field says which row. */
function labeller(c: PageContext, form: DeclarationForm) {
  return (f: FormField) => {
    for (const s of form.steps) {
      if (!s.rows) continue;
      const m = new RegExp(`^${s.rows.name}\\.(\\d+)\\.`).exec(f.name);
      if (m) return `${c.t(s.rows.row, { n: Number(m[1]) + 1 })}: ${c.t(f.label)}`;
    }
    return c.t(f.label);
  };
}

/** What a value reads as on the review page: a choice by its label. */
function shown(c: PageContext, f: FormField, v: string | undefined): string {
  if (!v) return c.t('notGiven');
  if (typeof f.kind !== 'object') return v;
  const choices = 'radio' in f.kind ? f.kind.radio : f.kind.select;
  return c.t(choices.find(([x]) => x === v)?.[1] ?? 'notGiven');
}

/** The rows of a step: one fieldset per row, each with its remove button, then the add button (none when full). */
function rowsHtml(c: PageContext, rows: RepeatedRows, s: DeclarationFormState): Html {
  const { t, lang } = c;
  const n = rowCount(s.values, rows);
  const own = rowsField(rows);
  const error = s.errors.get(own.name);
  const list = Array.from({ length: n }, (_, i) => {
    const fields = rowFields(rows, i);
    return html`<fieldset class="row" data-row="${rows.name}" id="${idOf(`${rows.name}.${i}`)}">
<legend><span data-row-title>${t(rows.row, { n: i + 1 })}</span></legend>
${fields.map((f, j) => fieldHtml(f, s.values, s.errors.get(f.name), t, lang, { autofocus: j === 0 && s.focus === f.name }))}
<div class="actions"><button type="submit" name="_action" value="${removeAction(rows, i)}" class="secondary" data-remove-row>${t(rows.remove, { n: i + 1 })}</button></div>
</fieldset>`;
  });
  return html`<div class="field${error ? ' has-error' : ''}" id="${idOf(own.name)}" data-field="${own.name}" tabindex="-1">
${rows.hint ? html`<p class="hint">${t(rows.hint)}</p>` : ''}
<p class="field-error" id="${idOf(own.name)}-error" data-error-for="${own.name}" aria-live="polite">${error ? messageOf(error, own, t, lang) : ''}</p>
</div>
<div data-rows="${rows.name}" data-max="${rows.max}">${n ? list : html`<p data-no-rows>${t('noRelatives')}</p>`}</div>
${n < rows.max ? html`<p><button type="submit" name="_action" value="${addAction(rows)}" class="secondary" data-add-row${s.focus === addAction(rows) ? html` autofocus` : ''}>${t(rows.add)}</button></p>` : ''}`;
}

function reviewPage(c: PageContext, form: DeclarationForm, s: DeclarationFormState, hidden: Html, heading: Html): Html {
  const { t } = c;
  const label = labeller(c, form);
  const sections = form.steps.map((st, i) => {
    const fields = stepFields(st, s.values).filter((f) => f.name !== st.rows?.name);
    const rows = st.rows && rowCount(s.values, st.rows) === 0 ? html`<p>${t('noRelatives')}</p>` : '';
    return html`<section class="review-section"><h2>${t(st.title)}</h2>${rows}<dl>${fields
      .filter((f) => !f.showWhen || f.showWhen.values.includes(s.values[f.showWhen.field] ?? ''))
      .map((f) => html`<div><dt>${label(f)}</dt><dd>${shown(c, f, s.values[f.name])}</dd></div>`)}</dl>
<button type="submit" name="_action" value="edit-${i}" class="secondary">${t('edit')} <span class="visually-hidden">${t(st.title)}</span></button></section>`;
  });
  const extra = form.reviewExtra?.(s.values, t, c.lang);
  return layout(
    c,
    t(form.title),
    html`${heading}<h2>${t('stepReview')}</h2><p>${t(form.reviewIntro)}</p><p>${t('yourPin', { pin: c.citizen!.pin })}</p>
<form method="post" action="${form.path}" class="declaration-form" data-submit-once>${hidden}${carried(form, s.values)}
${sections}
${extra ? html`<section class="estimate" data-estimate><h2>${extra.title}</h2>${extra.lines.map((l) => html`<p>${l}</p>`)}</section>` : ''}
<div class="actions"><button type="submit" name="_action" value="submit">${t('submit')}</button><button type="submit" name="_action" value="back" class="secondary">${t('back')}</button></div>
</form>`,
  );
}

/** A declaration form's page: one step (with the hub's messages beside the fields), or the review before submitting. */
export function declarationPage(c: PageContext, form: DeclarationForm, s: DeclarationFormState): Html {
  const { t, lang } = c;
  const citizen = c.citizen!;
  const hidden = html`<input type="hidden" name="_csrf" value="${citizen.csrf}"><input type="hidden" name="_key" value="${s.key}"><input type="hidden" name="_step" value="${s.step}">`;
  const heading = html`<p class="step-of">${t('stepOf', { n: s.step + 1, total: form.steps.length + 1 })}</p>${progress(c, form, s.step)}`;
  if (s.step >= form.steps.length) return reviewPage(c, form, s, hidden, heading);
  const step = form.steps[s.step]!;
  const fields = step.fields.map((f) => fieldHtml(f, s.values, s.errors.get(f.name), t, lang, { extraHint: form.extraHint?.(f.name, s.values, t, lang, s.today, s.rules) }));
  return layout(
    c,
    t(form.title),
    html`${heading}${errorSummary(s.errors, t, lang, stepFields(step, s.values), labeller(c, form))}
<form method="post" action="${form.path}" class="declaration-form" novalidate data-check="/portal/check/${form.group}" data-step="${step.id}">${hidden}${carried(form, s.values, step)}
${step.rows ? html`<button type="submit" name="_action" value="next" class="visually-hidden" tabindex="-1" aria-hidden="true">${t('next')}</button>` : ''}
<h2>${t(step.title)}</h2>
${step.intro ? html`<p>${t(step.intro)}</p>` : ''}
${step.showsDeclarant ? html`<p>${t('yourPin', { pin: citizen.pin })}</p>` : ''}
${fields}
${step.rows ? rowsHtml(c, step.rows, s) : ''}
<div class="actions"><button type="submit" name="_action" value="next">${t('next')}</button>${s.step > 0 ? html`<button type="submit" name="_action" value="back" class="secondary">${t('back')}</button>` : ''}</div>
</form>`,
  );
}
