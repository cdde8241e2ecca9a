import type { FieldError } from '../../kernel/errors.ts';
import { BIRTH_FIELDS, BIRTH_STEPS, type FormStep, type FormValues } from '../birth-form.ts';
import { html, type Html } from '../html.ts';
import { errorSummary, fieldHtml } from './form-fields.ts';
import { layout, type PageContext } from './layout.ts';

export interface BirthFormState {
  /** 0..2 the steps, 3 the review. */
  readonly step: number;
  readonly values: FormValues;
  readonly errors: ReadonlyMap<string, FieldError>;
  /** The idempotency key of this declaration: a submit repeated (double click, slow network) makes one dossier. */
  readonly key: string;
}

const TOTAL = BIRTH_STEPS.length + 1;

/** The values of the other steps ride along as hidden fields: the form keeps everything typed, without scripts. */
function carried(values: FormValues, except?: FormStep): Html[] {
  return BIRTH_FIELDS.filter((f) => !except?.fields.includes(f)).map((f) => html`<input type="hidden" name="${f.name}" value="${values[f.name] ?? ''}">`);
}

function progress(c: PageContext, step: number): Html {
  const titles = [...BIRTH_STEPS.map((s) => s.title), 'stepReview' as const];
  return html`<ol class="steps" aria-label="${c.t('progress')}">${titles.map(
    (k, i) => html`<li${i === step ? html` aria-current="step" class="current"` : i < step ? html` class="done"` : ''}>${c.t(k)}</li>`,
  )}</ol>`;
}

export function birthPage(c: PageContext, s: BirthFormState): Html {
  const { t, lang } = c;
  const citizen = c.citizen!;
  const hidden = html`<input type="hidden" name="_csrf" value="${citizen.csrf}"><input type="hidden" name="_key" value="${s.key}"><input type="hidden" name="_step" value="${s.step}">`;
  const heading = html`<p class="step-of">${t('stepOf', { n: s.step + 1, total: TOTAL })}</p>${progress(c, s.step)}`;
  if (s.step >= BIRTH_STEPS.length) {
    const rows = BIRTH_STEPS.map(
      (st, i) => html`<section class="review-section"><h2>${t(st.title)}</h2><dl>${st.fields.map((f) => {
        const v = s.values[f.name];
        const shown = v ? (typeof f.kind === 'object' ? t(('radio' in f.kind ? f.kind.radio : f.kind.select).find(([x]) => x === v)?.[1] ?? 'notGiven') : v) : t('notGiven');
        return html`<div><dt>${t(f.label)}</dt><dd>${shown}</dd></div>`;
      })}</dl>
<button type="submit" name="_action" value="edit-${i}" class="secondary">${t('edit')} <span class="visually-hidden">${t(st.title)}</span></button></section>`,
    );
    return layout(
      c,
      t('birthTitle'),
      html`${heading}<h2>${t('stepReview')}</h2><p>${t('reviewIntro')}</p><p>${t('yourPin', { pin: citizen.pin })}</p>
<form method="post" action="/portal/birth" class="birth-form" data-submit-once>${hidden}${carried(s.values)}
${rows}
<div class="actions"><button type="submit" name="_action" value="submit">${t('submit')}</button><button type="submit" name="_action" value="back" class="secondary">${t('back')}</button></div>
</form>`,
    );
  }
  const step = BIRTH_STEPS[s.step]!;
  return layout(
    c,
    t('birthTitle'),
    html`${heading}${errorSummary(s.errors, t, lang)}
<form method="post" action="/portal/birth" class="birth-form" novalidate data-check="/portal/check/birth" data-step="${step.id}">${hidden}${carried(s.values, step)}
<h2>${t(step.title)}</h2>
${step.id === 'parents' ? html`<p>${t('yourPin', { pin: citizen.pin })}</p>` : ''}
${step.fields.map((f) => fieldHtml(f, s.values, s.errors.get(f.name), t, lang))}
<div class="actions"><button type="submit" name="_action" value="next">${t('next')}</button>${s.step > 0 ? html`<button type="submit" name="_action" value="back" class="secondary">${t('back')}</button>` : ''}</div>
</form>`,
  );
}
