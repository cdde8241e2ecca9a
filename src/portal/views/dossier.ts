import type { DocumentListItem } from '../../hub/documents/service.ts';
import type { DossierView } from '../../hub/view.ts';
import { html, type Html } from '../html.ts';
import type { MessageKey } from '../i18n/index.ts';
import { GROUP_NAMES, STATUS_NAMES } from './home.ts';
import { fmtDate, layout, type PageContext } from './layout.ts';

const AGENCY_NAMES: Record<string, MessageKey> = {
  'civil-registry': 'agencyCivilRegistry',
  population: 'agencyPopulation',
  'social-security': 'agencySocialSecurity',
  health: 'agencyHealth',
};

/** The result fields a citizen reads, with their labels; the rest of a result is in its PDF. */
const RESULT_FIELDS: readonly (readonly [string, MessageKey, 'date' | 'text'])[] = [
  ['pin', 'resPin', 'text'],
  ['certificateNumber', 'resCertificateNumber', 'text'],
  ['book', 'resBook', 'text'],
  ['cardNumber', 'resCardNumber', 'text'],
  ['siCode', 'resSiCode', 'text'],
  ['householdId', 'resHouseholdId', 'text'],
  ['validFrom', 'resValidFrom', 'date'],
  ['validTo', 'resValidTo', 'date'],
  ['initialFacilityCode', 'resInitialFacilityCode', 'text'],
  ['registeredOn', 'resRegisteredOn', 'date'],
  ['issuedOn', 'resIssuedOn', 'date'],
];

const OPEN = new Set(['processing']);

export function dossierPage(c: PageContext, d: DossierView, docs: readonly DocumentListItem[], notice: MessageKey | null): Html {
  const { t, lang } = c;
  const status = (s: string) => (STATUS_NAMES[s] ? t(STATUS_NAMES[s]!) : s);
  const title = `${t('dossierTitle')}: ${GROUP_NAMES[d.group] ? t(GROUP_NAMES[d.group]!) : d.group}`;
  const procedures = d.procedures.map((p) => {
    const result = p.result
      ? RESULT_FIELDS.filter(([k]) => typeof p.result![k] === 'string').map(
          ([k, label, kind]) => html`<div><dt>${t(label)}</dt><dd>${kind === 'date' ? fmtDate(p.result![k] as string, lang) : (p.result![k] as string)}</dd></div>`,
        )
      : [];
    const supplement =
      p.status === 'awaiting-supplement' && p.reasons.length
        ? html`<form method="post" action="/portal/dossiers/${d.id}/supplements" class="supplement">
<input type="hidden" name="_csrf" value="${c.citizen!.csrf}"><input type="hidden" name="_procedure" value="${p.code}">
<h4>${t('supplementTitle')}</h4>
${p.reasons.map(
  (r, i) => html`<div class="field"><label for="sup-${p.code}-${i}">${lang === 'vi' ? r.reasonVi : r.reason}</label><input id="sup-${p.code}-${i}" name="answer.${r.path}" type="text" maxlength="200" required></div>`,
)}
<div class="actions"><button type="submit">${t('supplementSend')}</button></div></form>`
        : '';
    return html`<li class="procedure status-${p.status}">
<h3>${lang === 'vi' ? p.title.vi : p.title.en}</h3>
<dl>
<div><dt>${t('agency')}</dt><dd>${AGENCY_NAMES[p.agency] ? t(AGENCY_NAMES[p.agency]!) : p.agency}</dd></div>
<div><dt>${t('procStatus')}</dt><dd><span class="status status-${p.status}" data-procedure-status="${p.code}">${status(p.status)}</span>${p.inReview ? html` · ${t('inReview')}` : ''}</dd></div>
${p.deadline ? html`<div><dt>${t('procDeadline')}</dt><dd>${fmtDate(p.deadline, lang)}${p.overdue ? html` <strong class="overdue">${t('overdue')}</strong>` : ''}</dd></div>` : ''}
${p.finishedAt ? html`<div><dt>${t('procFinished')}</dt><dd>${fmtDate(p.finishedAt, lang)}</dd></div>` : ''}
</dl>
${result.length ? html`<h4>${t('procResult')}</h4><dl class="result">${result}</dl>` : ''}
${p.reasons.length && p.status !== 'awaiting-supplement' ? html`<h4>${t('procReasons')}</h4><ul>${p.reasons.map((r) => html`<li>${lang === 'vi' ? r.reasonVi : r.reason}</li>`)}</ul>` : ''}
${supplement}
</li>`;
  });
  const documents = docs.length
    ? html`<ul class="documents">${docs.map((doc) => {
        const name = lang === 'vi' ? doc.title.vi : doc.title.en;
        return html`<li><a href="/portal/dossiers/${d.id}/documents/${doc.code}.pdf" download data-document="${doc.kind}">${t('download', { title: name })}</a></li>`;
      })}</ul>`
    : html`<p>${t('noDocuments')}</p>`;
  const open = OPEN.has(d.status);
  return layout(
    c,
    title,
    html`${notice ? html`<p class="notice" role="status">${t(notice)}</p>` : ''}
<dl class="summary">
<div><dt>${t('dossierStatus')}</dt><dd><span class="status status-${d.status}" data-dossier-status="${d.status}">${status(d.status)}</span></dd></div>
<div><dt>${t('dossierSubmitted')}</dt><dd>${fmtDate(d.submittedAt, lang)}</dd></div>
<div><dt>${t('dossierDeadline')}</dt><dd>${fmtDate(d.deadline, lang)}</dd></div>
${d.finishedAt ? html`<div><dt>${t('dossierFinished')}</dt><dd>${fmtDate(d.finishedAt, lang)}</dd></div>` : ''}
</dl>
${open ? html`<p class="hint" data-auto-refresh="3000">${t('refreshHint')} <a href="/portal/dossiers/${d.id}">${t('refresh')}</a></p>` : ''}
${d.reasons.length ? html`<h2>${t('procReasons')}</h2><ul>${d.reasons.map((r) => html`<li>${lang === 'vi' ? r.reasonVi : r.reason}</li>`)}</ul>` : ''}
<h2>${t('timeline')}</h2>
<ol class="timeline">${procedures}</ol>
${d.notRequested.length ? html`<h2>${t('notRequested')}</h2><ul>${d.notRequested.map((p) => html`<li>${lang === 'vi' ? p.title.vi : p.title.en}</li>`)}</ul>` : ''}
<h2>${t('documents')}</h2>
${documents}`,
  );
}
