import { html, type Html } from '../../portal/html.ts';
import { fmtDate as portalDate } from '../../portal/views/layout.ts';
import type { ApiFailure } from '../api.ts';
import { known, type OfficeKey } from '../i18n/index.ts';
import type { OfficeContext, SignedIn } from '../kit.ts';
import type { OfficerIdentity } from '../session.ts';

export const fmtDate = (s: string | null | undefined, c: OfficeContext): string => portalDate(s ?? null, c.lang);

/** A code from the API (a status, a role, an agency) in the page's language, when the dictionary has it. */
export function label(c: OfficeContext, prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  return known(key) ? c.t(key) : code;
}

interface MenuItem {
  readonly href: string;
  readonly key: OfficeKey;
  readonly hint: OfficeKey;
}

/** What each officer may open: the worklists of their role, then what every officer shares. */
export function menuFor(o: OfficerIdentity): MenuItem[] {
  const items: MenuItem[] = [];
  const add = (href: string, key: OfficeKey, hint: OfficeKey) => items.push({ href, key, hint });
  if (o.role === 'civil-registry-officer') add('/office/reviews', 'navReviews', 'hintReviews');
  if (o.role === 'vss-collector' || o.role === 'vss-director') add('/office/hi-cards', 'navHiCards', 'hintHiCards');
  if (o.role === 'vss-collector' || o.role === 'planning-finance-officer') add('/office/payments', 'navPayments', 'hintPayments');
  if (o.role === 'vss-collector' || o.role === 'vss-director' || o.role === 'planning-finance-officer') add('/office/reports', 'navReports', 'hintReports');
  if (o.role !== 'it-operator') add('/office/overdue', 'navOverdue', 'hintOverdue');
  if (o.role !== 'it-operator') add('/office/dossiers', 'navDossiers', 'hintDossiers');
  add('/office/dashboard', 'navDashboard', 'hintDashboard');
  if (o.role === 'it-operator') {
    if (o.agency === 'hub') add('/office/settings/time-limits', 'navTimeLimits', 'hintTimeLimits');
    if (o.agency === 'hub') add('/office/settings/calendar', 'navCalendar', 'hintCalendar');
    if (o.agency === 'social-security') add('/office/settings/hi-card-approval', 'navHiCardApproval', 'hintHiCardApproval');
    if (o.agency === 'social-security') add('/office/settings/rules', 'navRules', 'hintRules');
    add('/office/officers', 'navOfficers', 'hintOfficers');
  }
  return items;
}

function switchHref(c: OfficeContext): string {
  const other = c.lang === 'vi' ? 'en' : 'vi';
  return `${c.path}${c.path.includes('?') ? '&' : '?'}lang=${other}`;
}

/** Whether a menu entry is the page shown (or one of its sub-pages). */
const current = (c: OfficeContext, href: string) => c.path === href || c.path.startsWith(`${href}?`) || c.path.startsWith(`${href}/`);

/**
 * Every back-office page's frame: the language, a skip link, the header with the officer's menu, the language
 * switch and sign-out (a form with the session's CSRF token), one stylesheet and one deferred script served by
 * the platform (the CSP allows this origin's files only: no inline code, no CDN).
 */
export function layout(c: OfficeContext, title: string, body: Html, opts: { wide?: boolean } = {}): Html {
  const { t } = c;
  const s = c.session;
  const menu = s ? menuFor(s.officer) : [];
  return html`<!doctype html>
<html lang="${c.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('appName')}</title>
<link rel="stylesheet" href="/office/assets/office.css">
<script src="/office/assets/office.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t('skipToContent')}</a>
<header class="site-header">
  <a class="brand" href="/office">${t('appName')}</a>
  <nav aria-label="${t('navMain')}">
    <ul>
      ${menu.map((m) => html`<li><a href="${m.href}"${current(c, m.href) ? html` aria-current="page"` : ''}>${t(m.key)}</a></li>`)}
      <li><a href="${switchHref(c)}" lang="${c.lang === 'vi' ? 'en' : 'vi'}" hreflang="${c.lang === 'vi' ? 'en' : 'vi'}" data-lang-switch>${t('switchLanguage')}</a></li>
      ${s ? html`<li><form method="post" action="/office/sign-out" class="inline"><input type="hidden" name="_csrf" value="${s.csrf}"><button type="submit" class="link">${t('signOut')}</button></form></li>` : ''}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1"${opts.wide ? html` class="wide"` : ''}>
<h1>${title}</h1>
${body}
</main>
${s ? html`<footer class="site-footer"><p>${signedInLine(c as SignedIn)}</p></footer>` : ''}
</body>
</html>`;
}

function signedInLine(c: SignedIn): string {
  const o = c.session.officer;
  return c.t('signedInAs', {
    username: o.username,
    role: label(c, 'role', o.role),
    agency: label(c, 'agency', o.agency),
    area: o.provinceCode ? c.t('provinceN', { code: o.provinceCode }) : c.t('national'),
  });
}

/** A notice after an action (`?done=`), only for the codes the dictionary knows. */
export function notice(c: OfficeContext, done: string | undefined): Html | '' {
  if (!done || !known(`done.${done}`)) return '';
  return html`<p class="notice" role="status">${c.t(`done.${done}` as OfficeKey)}</p>`;
}

/**
 * What the API refused, in the page's language: its message, then each field's reason — e.g. the colleague who
 * holds a claim and until when. Focused by the script, announced by screen readers.
 */
export function failureBox(c: OfficeContext, f: ApiFailure | null | undefined, id = 'action-error'): Html | '' {
  if (!f) return '';
  const headline = known(`error.${f.code}`) ? c.t(`error.${f.code}` as OfficeKey) : c.lang === 'vi' ? f.messageVi : f.messageEn;
  const codes = f.fields.map((x) => x.code).filter((code) => known(`errorCode.${code}`));
  return html`<div class="error-summary" role="alert" tabindex="-1" id="${id}" data-error-summary data-error-code="${f.code}"${codes.length ? html` data-field-codes="${codes.join(' ')}"` : ''}>
<h2>${headline}</h2>
${f.fields.length ? html`<ul>${f.fields.map((x) => html`<li>${known(`errorCode.${x.code}`) ? html`<strong>${c.t(`errorCode.${x.code}` as OfficeKey)}</strong> ` : ''}${localTimes(c, c.lang === 'vi' ? x.reasonVi : x.reason)}</li>`)}</ul>` : ''}
</div>`;
}

/** The instants an API reason carries (UTC, ISO 8601) as the officer reads them: Vietnam's time, the page's language. */
export function localTimes(c: OfficeContext, text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, (iso) => fmtDate(iso, c));
}

/**
 * Offset pagination for lists the API pages without a total: a next page is offered when this one is full (so
 * no extra row is ever read — worklist reads are audited per person shown).
 */
export function pager(c: OfficeContext, base: string, page: number, hasNext: boolean, total?: number, pageSize?: number): Html | '' {
  if (page <= 1 && !hasNext) return '';
  const href = (n: number) => {
    const u = new URL(base, 'http://office');
    u.searchParams.delete('done');
    if (n <= 1) u.searchParams.delete('page');
    else u.searchParams.set('page', String(n));
    return u.pathname + u.search;
  };
  const of = total !== undefined && pageSize ? c.t('pageOf', { n: page, total: Math.max(1, Math.ceil(total / pageSize)) }) : c.t('pageNumber', { n: page });
  return html`<nav class="pager" aria-label="${c.t('pagination')}"><ul>
${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">${c.t('previousPage')}</a></li>` : ''}
<li aria-current="page">${of}</li>
${hasNext ? html`<li><a href="${href(page + 1)}" rel="next">${c.t('nextPage')}</a></li>` : ''}
</ul></nav>`;
}

/** The claim an item carries, as the worklists show it. */
export function claimText(c: OfficeContext, claim: { mine: boolean; since: string; until: string } | null): Html {
  if (!claim) return html`<span class="claim claim-free">${c.t('claimFree')}</span>`;
  if (claim.mine) return html`<span class="claim claim-mine">${c.t('claimMine', { until: fmtDate(claim.until, c) })}</span>`;
  return html`<span class="claim claim-other">${c.t('claimOther', { until: fmtDate(claim.until, c) })}</span>`;
}

export function messagePage(c: OfficeContext, title: string, text: string): Html {
  return layout(c, title, html`<p>${text}</p><p><a href="/office">${c.t('backHome')}</a></p>`);
}

/** A hidden input set of a form that posts and comes back: CSRF and the page to return to. */
export function formBasics(c: SignedIn, back: string): Html {
  return html`<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="_return" value="${back}">`;
}
