import { html, type Html } from '../../portal/html.ts';
import type { SignedIn } from '../kit.ts';
import { fmtDate, label, layout, pager } from './layout.ts';

interface Issue {
  path: string;
  code: string;
  reason: string;
  reasonVi: string;
}

export interface DossierRow {
  id: string;
  group: string;
  status: string;
  submittedAt: string;
}

export function dossiersPage(c: SignedIn, rows: readonly DossierRow[] | null, p: { page: number; pageSize: number; base: string; notFound?: boolean }): Html {
  const { t } = c;
  const find = html`<form method="get" action="/office/dossiers" class="filters" role="search" aria-label="${t('findDossier')}">
<div class="field"><label for="f-id">${t('dossierNumber')}</label><p class="hint" id="f-id-hint">${t('dossierNumberHint')}</p><input id="f-id" name="id" type="text" maxlength="36" autocomplete="off" spellcheck="false" aria-describedby="f-id-hint"></div>
<div class="filter-actions"><button type="submit" class="secondary">${t('open')}</button></div></form>`;
  const table = !rows
    ? ''
    : rows.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('dossiersTitle')}"><table>
<caption class="visually-hidden">${t('dossiersTitle')}</caption>
<thead><tr><th scope="col">${t('colGroup')}</th><th scope="col">${t('colStatus')}</th><th scope="col">${t('colSubmitted')}</th><th scope="col">${t('colNumber')}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr><td>${label(c, 'group', r.group)}</td><td><span class="status status-${r.status}">${label(c, 'status', r.status)}</span></td><td>${fmtDate(r.submittedAt, c)}</td><td><a class="mono" href="/office/dossiers/${r.id}">${r.id.slice(0, 8)}<span class="visually-hidden"> ${t('openDossierOf', { date: fmtDate(r.submittedAt, c) })}</span></a></td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">${t('noDossiers')}</p>`;
  return layout(c, t('dossiersTitle'), html`${p.notFound ? html`<p class="error-summary" role="alert">${t('dossierNumberInvalid')}</p>` : ''}<p>${t(rows ? 'dossiersIntro' : 'dossiersFindOnly')}</p>${find}${table}${rows ? pager(c, p.base, p.page, rows.length === p.pageSize) : ''}`, { wide: true });
}

export interface DossierView {
  id: string;
  group: string;
  status: string;
  submittedAt: string;
  deadline: string;
  finishedAt: string | null;
  reasons: Issue[];
  procedures: {
    code: string;
    title: { vi: string; en: string };
    agency: string;
    status: string;
    inReview: boolean;
    deadline: string | null;
    overdue: boolean;
    dispatchedAt: string | null;
    finishedAt: string | null;
    result: Record<string, unknown> | null;
    reasons: Issue[];
  }[];
  notRequested: { code: string; title: { vi: string; en: string }; agency: string }[];
}

export interface HistoryView {
  events: { at: string; procedure: string | null; status: string; note: string | null; messageId: string | null }[];
  messages: { direction: 'sent' | 'received'; id: string; type: string; sender: string; recipient: string; at: string; causationId: string | null; payload?: unknown; omitted?: string[] }[];
}

export interface DocumentItem {
  code: string;
  kind: string;
  title: { vi: string; en: string };
}

/** A result as a short list of its plain values (the whole result is in its PDF and in the messages). */
function resultList(c: SignedIn, r: Record<string, unknown>): Html {
  const plain = Object.entries(r).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  if (!plain.length) return html``;
  return html`<dl class="facts compact">${plain.slice(0, 12).map(([k, v]) => html`<div><dt class="mono">${k}</dt><dd>${String(v)}</dd></div>`)}</dl>`;
}

/**
 * One dossier with its whole history: each procedure (agency, state, deadline, result, reasons), every state
 * change in order, and every message the hub sent and received (payloads as the API gives them: only to the hub's
 * officers, never a sensitive field — the paths left out are listed).
 */
export function dossierPage(c: SignedIn, d: DossierView, h: HistoryView, docs: readonly DocumentItem[]): Html {
  const { t, lang } = c;
  const title = `${t('dossierTitle')}: ${label(c, 'group', d.group)}`;
  const proc = (code: string | null) => (code ? (d.procedures.find((p) => p.code === code)?.title[lang] ?? code) : t('wholeDossier'));
  const procedures = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('proceduresCaption')}"><table>
<caption>${t('proceduresCaption')}</caption>
<thead><tr><th scope="col">${t('colProcedure')}</th><th scope="col">${t('colAgency')}</th><th scope="col">${t('colStatus')}</th><th scope="col">${t('deadline')}</th><th scope="col">${t('colFinished')}</th></tr></thead>
<tbody>${d.procedures.map(
    (p) => html`<tr data-procedure="${p.code}"><th scope="row">${p.title[lang]}</th><td>${label(c, 'agency', p.agency)}</td>
<td><span class="status status-${p.status}" data-procedure-status="${p.status}">${label(c, 'status', p.status)}</span>${p.inReview ? html` · ${t('inReview')}` : ''}</td>
<td>${fmtDate(p.deadline, c)}${p.overdue ? html` <strong class="overdue">${t('overdue')}</strong>` : ''}</td><td>${fmtDate(p.finishedAt, c)}</td></tr>
${p.result || p.reasons.length ? html`<tr class="detail"><td colspan="5">${p.result ? resultList(c, p.result) : ''}${p.reasons.length ? html`<ul class="findings">${p.reasons.map((r) => html`<li>${lang === 'vi' ? r.reasonVi : r.reason}</li>`)}</ul>` : ''}</td></tr>` : ''}`,
  )}</tbody></table></div>`;
  const events = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('eventsCaption', { n: h.events.length })}"><table>
<caption>${t('eventsCaption', { n: h.events.length })}</caption>
<thead><tr><th scope="col">${t('colAt')}</th><th scope="col">${t('colProcedure')}</th><th scope="col">${t('colStatus')}</th><th scope="col">${t('colNote')}</th></tr></thead>
<tbody>${h.events.map((e) => html`<tr><td>${fmtDate(e.at, c)}</td><td>${proc(e.procedure)}</td><td>${label(c, 'status', e.status)}</td><td>${e.note ?? ''}</td></tr>`)}</tbody></table></div>`;
  const messages = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('messagesCaption', { n: h.messages.length })}"><table class="messages">
<caption>${t('messagesCaption', { n: h.messages.length })}</caption>
<thead><tr><th scope="col">${t('colAt')}</th><th scope="col">${t('colDirection')}</th><th scope="col">${t('colType')}</th><th scope="col">${t('colFromTo')}</th></tr></thead>
<tbody>${h.messages.map(
    (m) => html`<tr data-message-type="${m.type}"><td>${fmtDate(m.at, c)}</td><td>${t(m.direction === 'sent' ? 'dirSent' : 'dirReceived')}</td>
<td><span class="mono">${m.type}</span>${
      m.payload !== undefined
        ? html`<details><summary>${t('payload')}</summary><pre>${JSON.stringify(m.payload, null, 2)}</pre>${m.omitted?.length ? html`<p class="hint">${t('omitted', { paths: m.omitted.join(', ') })}</p>` : ''}</details>`
        : ''
    }</td>
<td>${label(c, 'agency', m.sender)} → ${label(c, 'agency', m.recipient)}</td></tr>`,
  )}</tbody></table></div>`;
  const documents = docs.length
    ? html`<ul class="documents">${docs.map((doc) => html`<li><a href="/office/dossiers/${d.id}/documents/${doc.code}.pdf" download data-document="${doc.kind}">${t('download', { title: doc.title[lang] })}</a></li>`)}</ul>`
    : html`<p>${t('noDocuments')}</p>`;
  return layout(
    c,
    title,
    html`<dl class="facts summary">
<div><dt>${t('dossierNumber')}</dt><dd class="mono">${d.id}</dd></div>
<div><dt>${t('colStatus')}</dt><dd><span class="status status-${d.status}" data-dossier-status="${d.status}">${label(c, 'status', d.status)}</span></dd></div>
<div><dt>${t('colSubmitted')}</dt><dd>${fmtDate(d.submittedAt, c)}</dd></div>
<div><dt>${t('deadline')}</dt><dd>${fmtDate(d.deadline, c)}</dd></div>
${d.finishedAt ? html`<div><dt>${t('colFinished')}</dt><dd>${fmtDate(d.finishedAt, c)}</dd></div>` : ''}
</dl>
${d.reasons.length ? html`<h2>${t('reasons')}</h2><ul class="findings">${d.reasons.map((r) => html`<li>${lang === 'vi' ? r.reasonVi : r.reason}</li>`)}</ul>` : ''}
<h2>${t('procedures')}</h2>${procedures}
${d.notRequested.length ? html`<p>${t('notRequested')}: ${d.notRequested.map((p) => p.title[lang]).join(', ')}</p>` : ''}
<h2>${t('history')}</h2>${events}
<h2>${t('messages')}</h2><p class="hint">${t('messagesHint')}</p>${messages}
<h2>${t('documents')}</h2>${documents}`,
    { wide: true },
  );
}
