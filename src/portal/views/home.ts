import { html, type Html } from '../html.ts';
import type { MessageKey } from '../i18n/index.ts';
import { fmtDate, layout, type PageContext } from './layout.ts';

export const GROUP_NAMES: Record<string, MessageKey> = { birth: 'groupBirth', death: 'groupDeath', 'voluntary-si': 'groupVoluntarySi' };
export const STATUS_NAMES: Record<string, MessageKey> = {
  processing: 'statusProcessing',
  'awaiting-supplement': 'statusAwaitingSupplement',
  'awaiting-payment': 'statusAwaitingPayment',
  completed: 'statusCompleted',
  'partially-completed': 'statusPartiallyCompleted',
  rejected: 'statusRejected',
  pending: 'statusPending',
  dispatched: 'statusDispatched',
  cancelled: 'statusCancelled',
};

export function welcomePage(c: PageContext): Html {
  return layout(c, c.t('welcomeTitle'), html`<p>${c.t('welcomeText')}</p><p><a class="button" href="/auth/citizen/sign-in">${c.t('signIn')}</a></p>`);
}

export interface DossierRow {
  readonly id: string;
  readonly group: string;
  readonly status: string;
  readonly submittedAt: string;
}

/** The citizen's dossiers, newest first, a page at a time (the list has one more row than shown when a next page exists). */
export function homePage(c: PageContext, rows: readonly DossierRow[], page: number, hasNext: boolean): Html {
  const { t, lang } = c;
  const table = rows.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('colGroup')}</th><th scope="col">${t('colStatus')}</th><th scope="col">${t('colSubmitted')}</th><th scope="col">${t('colAction')}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr><td>${GROUP_NAMES[r.group] ? t(GROUP_NAMES[r.group]!) : r.group}</td><td><span class="status status-${r.status}">${STATUS_NAMES[r.status] ? t(STATUS_NAMES[r.status]!) : r.status}</span></td><td>${fmtDate(r.submittedAt, lang)}</td>
<td><a href="/portal/dossiers/${r.id}">${t('colAction')}<span class="visually-hidden"> ${t('viewDossier', { date: fmtDate(r.submittedAt, lang) })}</span></a></td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t('noDossiers')}</p>`;
  const pager =
    page > 1 || hasNext
      ? html`<nav class="pager" aria-label="${t('pagination')}"><ul>
${page > 1 ? html`<li><a href="/portal?page=${page - 1}" rel="prev">${t('previousPage')}</a></li>` : ''}
<li aria-current="page">${t('pageNumber', { n: page })}</li>
${hasNext ? html`<li><a href="/portal?page=${page + 1}" rel="next">${t('nextPage')}</a></li>` : ''}
</ul></nav>`
      : '';
  const declare = html`<ul class="declare">
<li><a class="button" href="/portal/birth">${t('declareBirth')}</a></li>
<li><a class="button" href="/portal/death">${t('declareDeath')}</a></li>
<li><a class="button" href="/portal/voluntary-si">${t('declareVoluntary')}</a></li>
</ul>`;
  // What social security keeps on the citizen outside any dossier: renewals due, suspension notices (views/voluntary-si.ts).
  const mine = html`<p class="my-links"><a class="button secondary" href="/portal/me/voluntary-si" data-my-voluntary>${t('myVoluntaryLink')}</a></p>`;
  return layout(c, t('homeTitle'), html`${declare}${mine}${table}${pager}`);
}

export function messagePage(c: PageContext, title: string, text: string): Html {
  return layout(c, title, html`<p>${text}</p><p><a href="/portal">${c.t('navHome')}</a></p>`);
}
