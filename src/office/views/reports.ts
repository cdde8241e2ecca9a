import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import type { SignedIn } from '../kit.ts';
import { failureBox, label, layout } from './layout.ts';

export interface ReportItem {
  code: string;
  title: { vi: string; en: string };
  purpose: { vi: string; en: string };
  legalBasis: string;
  periods: string[];
  roles: string[];
  subAreas: boolean;
  formats: string[];
}

export interface ReportTyped {
  readonly code: string;
  readonly period?: string | undefined;
  readonly provinceCode?: string | undefined;
  readonly districtCode?: string | undefined;
  readonly communeCode?: string | undefined;
}

/**
 * The statutory reports the officer's role may draw (the API lists them), each with its period and area, and a
 * button per format: the file comes through the back office with the officer's token (the API records the download).
 */
export function reportsPage(c: SignedIn, items: readonly ReportItem[], refused?: { failure: ApiFailure; typed: ReportTyped }): Html {
  const { t, lang } = c;
  const o = c.session.officer;
  const list = items.map((r) => {
    const typed = refused?.typed.code === r.code ? refused.typed : { code: r.code };
    const id = `r-${r.code}`;
    const periodHint = r.periods.map((p) => label(c, 'period', p)).join(', ');
    return html`<li class="item" id="report-${r.code}">
<h2 class="h3">${r.title[lang]} <span class="mono">${r.code}</span></h2>
<p>${r.purpose[lang]}</p>
<p class="hint">${t('legalBasis')}: ${r.legalBasis}</p>
<form method="get" action="/office/reports/${r.code}.xlsx" class="report-form">
<div class="field"><label for="${id}-period">${t('period')}</label><p class="hint" id="${id}-period-hint">${t('periodHint', { allowed: periodHint })}</p>
<input id="${id}-period" name="period" type="text" required maxlength="10" autocomplete="off" spellcheck="false" value="${typed.period ?? ''}" aria-describedby="${id}-period-hint"></div>
${o.provinceCode ? html`<input type="hidden" name="provinceCode" value="${o.provinceCode}">` : html`<div class="field"><label for="${id}-province">${t('provinceCode')}</label><input id="${id}-province" name="provinceCode" type="text" inputmode="numeric" pattern="\\d{2}" maxlength="2" required value="${typed.provinceCode ?? ''}"></div>`}
${
  r.subAreas
    ? html`<div class="field"><label for="${id}-district">${t('districtCode')} <span class="muted">${t('optional')}</span></label><input id="${id}-district" name="districtCode" type="text" inputmode="numeric" pattern="\\d{3}" maxlength="3" value="${typed.districtCode ?? ''}"></div>
<div class="field"><label for="${id}-commune">${t('communeCode')} <span class="muted">${t('optional')}</span></label><input id="${id}-commune" name="communeCode" type="text" inputmode="numeric" pattern="\\d{5}" maxlength="5" value="${typed.communeCode ?? ''}"></div>`
    : ''
}
<div class="actions">${r.formats.includes('xlsx') ? html`<button type="submit" formaction="/office/reports/${r.code}.xlsx" data-format="xlsx">${t('downloadXlsx')}<span class="visually-hidden"> ${r.code}</span></button>` : ''}${r.formats.includes('pdf') ? html`<button type="submit" class="secondary" formaction="/office/reports/${r.code}.pdf" data-format="pdf">${t('downloadPdf')}<span class="visually-hidden"> ${r.code}</span></button>` : ''}</div>
</form>
</li>`;
  });
  return layout(
    c,
    t('reportsTitle'),
    html`${failureBox(c, refused?.failure)}<p>${t('reportsIntro', { area: o.provinceCode ? t('provinceN', { code: o.provinceCode }) : t('national') })}</p>${items.length ? html`<ul class="worklist">${list}</ul>` : html`<p class="empty">${t('noReports')}</p>`}`,
    { wide: true },
  );
}
