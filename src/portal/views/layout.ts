import { html, type Html } from '../html.ts';
import type { Lang, T } from '../i18n/index.ts';

export interface PageContext {
  readonly lang: Lang;
  readonly t: T;
  /** The signed-in citizen, with the session's CSRF token for the forms. */
  readonly citizen: { readonly pin: string; readonly csrf: string } | null;
  /** This page's path and query without `lang`, for the language switch. */
  readonly path: string;
}

/** The same page in the other language: the switch is a plain link, so it works without scripts. */
function switchHref(c: PageContext): string {
  const other = c.lang === 'vi' ? 'en' : 'vi';
  return `${c.path}${c.path.includes('?') ? '&' : '?'}lang=${other}`;
}

/**
 * Every page's frame: the language attribute, a skip link to the main content, the header with the language
 * switch and sign-out, one stylesheet and one deferred script served by the platform (no inline code: the CSP
 * allows only this origin's files).
 */
export function layout(c: PageContext, title: string, body: Html): Html {
  const { t } = c;
  return html`<!doctype html>
<html lang="${c.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('appName')}</title>
<link rel="stylesheet" href="/portal/assets/portal.css">
<script src="/portal/assets/portal.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t('skipToContent')}</a>
<header class="site-header">
  <a class="brand" href="/portal">${t('appName')}</a>
  <nav aria-label="${t('appName')}">
    <ul>
      ${c.citizen ? html`<li><a href="/portal">${t('navHome')}</a></li><li><a href="/portal/birth">${t('navBirth')}</a></li><li><a href="/portal/death">${t('navDeath')}</a></li><li><a href="/portal/voluntary-si">${t('navVoluntary')}</a></li>` : ''}
      <li><a href="${switchHref(c)}" lang="${c.lang === 'vi' ? 'en' : 'vi'}" hreflang="${c.lang === 'vi' ? 'en' : 'vi'}" data-lang-switch>${t('switchLanguage')}</a></li>
      ${
        c.citizen
          ? html`<li><form method="post" action="/auth/sign-out" class="inline"><input type="hidden" name="_csrf" value="${c.citizen.csrf}"><button type="submit" class="link">${t('signOut')}</button></form></li>`
          : html`<li><a href="/auth/citizen/sign-in">${t('signIn')}</a></li>`
      }
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
${c.citizen ? html`<footer class="site-footer"><p>${t('signedInAs', { pin: c.citizen.pin })}</p></footer>` : ''}
</body>
</html>`;
}

/** An ISO date (a day) or instant, as the citizen reads it: in Vietnam's time zone, in the page's language. */
export function fmtDate(s: string | null, lang: Lang): string {
  if (!s) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = new Date(day ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: day ? 'UTC' : 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(day ? {} : { hour: '2-digit', minute: '2-digit' }),
  });
}
