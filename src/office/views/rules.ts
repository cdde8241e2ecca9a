import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import type { SignedIn } from '../kit.ts';
import type { Typed } from './forms.ts';
import { failureBox, fmtDate, layout, notice } from './layout.ts';

export interface RuleVersion {
  version: string;
  effectiveFrom: string;
  value: number | Record<string, number>;
  legalBasis: string;
  source: string;
  inForce: boolean;
  supersededBy: string | null;
  addedBy: string | null;
  addedAt: string | null;
  reason: string | null;
}

export interface RuleTable {
  table: string;
  title: { vi: string; en: string };
  unit: string;
  inForce: string | null;
  versions: RuleVersion[];
}

export interface Refusal {
  readonly failure: ApiFailure;
  readonly table?: string;
  readonly typed: Typed;
}

const money = (c: SignedIn, n: number) => n.toLocaleString(c.lang === 'vi' ? 'vi-VN' : 'en-GB');

function valueText(c: SignedIn, v: RuleVersion['value']): Html {
  if (typeof v === 'number') return html`${money(c, v)}`;
  // The SI fund rate (kernel/rules/si-fund-rates.ts): the year it was published for and parts per million a month.
  if (typeof v.monthlyRatePpm === 'number' && typeof v.year === 'number')
    return html`${c.t('fundRateValue', { year: String(v.year), rate: (v.monthlyRatePpm / 10_000).toLocaleString(c.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 4 }) })}`;
  return html`<ul class="plain">${Object.entries(v).map(([k, n]) => html`<li><span class="mono">${k}</span>: ${(n / 100).toLocaleString(c.lang === 'vi' ? 'vi-VN' : 'en-GB')}%</li>`)}</ul>`;
}

/** The groups a support-rate value names, from the versions already there (the API's own shape). */
const groupsOf = (t: RuleTable): string[] => {
  const last = t.versions.at(-1)?.value;
  return last && typeof last === 'object' ? Object.keys(last) : [];
};

/**
 * Social security's effective-dated rule tables (base salary, rural poverty line, support rates, SI fund rate): every version
 * with its legal basis, the one in force marked; a national IT operator adds the next version from a future date.
 */
export function rulesPage(c: SignedIn, v: { today: string; tables: RuleTable[] }, s: { done?: string | undefined; refusal?: Refusal | undefined }): Html {
  const { t, lang } = c;
  const national = !c.session.officer.provinceCode;
  const sections = v.tables.map((tb) => {
    const typed = s.refusal?.table === tb.table ? s.refusal.typed : {};
    const groups = groupsOf(tb);
    const id = `t-${tb.table}`;
    const form = national
      ? html`<details class="decide"${s.refusal?.table === tb.table ? html` open` : ''}><summary>${t('addVersion')}</summary>
<form method="post" action="/office/settings/rules" class="narrow" data-submit-once>
<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="table" value="${tb.table}">
<div class="field"><label for="${id}-version">${t('versionId')}</label><p class="hint" id="${id}-version-hint">${t('versionIdHint', { example: `${tb.table}-2027-07` })}</p><input id="${id}-version" name="version" type="text" required maxlength="80" pattern="[a-z0-9][a-z0-9.\\-]{2,79}" autocomplete="off" spellcheck="false" value="${typed.version ?? ''}" aria-describedby="${id}-version-hint"></div>
<div class="field"><label for="${id}-from">${t('effectiveFrom')}</label><p class="hint" id="${id}-from-hint">${t('futureDateHint')}</p><input id="${id}-from" name="effectiveFrom" type="date" required value="${typed.effectiveFrom ?? ''}" aria-describedby="${id}-from-hint"></div>
${
  tb.table === 'si-fund-rate'
    ? html`<fieldset class="field"><legend>${t('fundRateFields')}</legend><p class="hint">${t('fundRateHint')}</p><div class="field"><label for="${id}-year">${t('fundRateYear')}</label><input id="${id}-year" name="value.year" type="number" min="2000" max="9999" step="1" required class="short" value="${typed['value.year'] ?? ''}"></div><div class="field"><label for="${id}-ppm">${t('fundRatePpm')}</label><input id="${id}-ppm" name="value.monthlyRatePpm" type="number" min="0" max="20000" step="1" required class="short" value="${typed['value.monthlyRatePpm'] ?? ''}"></div></fieldset>`
    : groups.length
    ? html`<fieldset class="field"><legend>${t('ratesBasisPoints')}</legend><p class="hint">${t('ratesHint')}</p>${groups.map((g) => html`<div class="field"><label for="${id}-${g}">${g}</label><input id="${id}-${g}" name="value.${g}" type="number" min="0" max="10000" step="1" required class="short" value="${typed[`value.${g}`] ?? ''}"></div>`)}</fieldset>`
    : html`<div class="field"><label for="${id}-value">${t('valueVnd')}</label><input id="${id}-value" name="value" type="number" min="1" step="1" required value="${typed.value ?? ''}"></div>`
}
<div class="field"><label for="${id}-basis">${t('legalBasis')}</label><input id="${id}-basis" name="legalBasis" type="text" required minlength="3" maxlength="300" value="${typed.legalBasis ?? ''}"></div>
<div class="field"><label for="${id}-reason">${t('changeReason')}</label><textarea id="${id}-reason" name="reason" rows="2" required minlength="3" maxlength="500">${typed.reason ?? ''}</textarea></div>
<div class="actions"><button type="submit">${t('addVersion')}</button></div>
</form></details>`
      : '';
    return html`<section class="item" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${tb.title[lang]} <span class="muted">(${tb.unit})</span></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="${tb.title[lang]}"><table><caption class="visually-hidden">${tb.title[lang]}</caption>
<thead><tr><th scope="col">${t('versionId')}</th><th scope="col">${t('effectiveFrom')}</th><th scope="col">${t('value')}</th><th scope="col">${t('legalBasis')}</th><th scope="col">${t('source')}</th></tr></thead>
<tbody>${tb.versions.map(
      (x) => html`<tr data-version="${x.version}"${x.inForce ? html` class="in-force"` : ''}><th scope="row" class="mono">${x.version}${x.inForce ? html` <span class="flag flag-answered">${t('inForce')}</span>` : ''}${x.supersededBy ? html`<br><span class="hint">${t('supersededBy', { v: x.supersededBy })}</span>` : ''}</th>
<td>${fmtDate(x.effectiveFrom, c)}</td><td>${valueText(c, x.value)}</td><td>${x.legalBasis}</td><td>${x.source === 'operator' ? t('addedByAt', { by: x.addedBy ?? '', at: fmtDate(x.addedAt, c) }) : t('builtIn')}${x.reason ? html`<br><span class="hint">${x.reason}</span>` : ''}</td></tr>`,
    )}</tbody></table></div>${form}</section>`;
  });
  return layout(
    c,
    t('rulesTitle'),
    html`${notice(c, s.done)}${failureBox(c, s.refusal?.failure)}<p>${t('rulesIntro', { today: fmtDate(v.today, c) })}</p>${national ? '' : html`<p class="hint">${t('nationalOnly')}</p>`}${sections}`,
    { wide: true },
  );
}

export interface CalendarView {
  year: number;
  source: string;
  legalBasis: string;
  off: string[][];
  daysOff: string[];
  workingSaturdays: string[];
  statutoryHolidays: { date: string; name: string }[];
  changes: { setAt: string; setBy: string; reason: string; legalBasis: string; off: string[][]; workingSaturdays: string[] }[];
}

const ranges = (r: string[][]) => r.map(([a, b]) => (a === b ? a! : `${a} ${b}`)).join('\n');

/** The hub's working-day calendar of a year: days off and working Saturdays, where they come from, every change. */
export function calendarPage(c: SignedIn, v: CalendarView, s: { done?: string | undefined; refusal?: Refusal | undefined }): Html {
  const { t } = c;
  const national = !c.session.officer.provinceCode;
  const typed = s.refusal?.typed ?? {};
  const form = national
    ? html`<h2>${t('changeCalendar')}</h2>
<form method="post" action="/office/settings/calendar" class="narrow" data-submit-once>
<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="year" value="${String(v.year)}">
<div class="field"><label for="c-off">${t('daysOffRanges')}</label><p class="hint" id="c-off-hint">${t('daysOffHint')}</p><textarea id="c-off" name="off" rows="8" aria-describedby="c-off-hint" spellcheck="false">${typed.off ?? ranges(v.off)}</textarea></div>
<div class="field"><label for="c-sat">${t('workingSaturdays')}</label><p class="hint" id="c-sat-hint">${t('workingSaturdaysHint')}</p><textarea id="c-sat" name="workingSaturdays" rows="3" aria-describedby="c-sat-hint" spellcheck="false">${typed.workingSaturdays ?? v.workingSaturdays.join('\n')}</textarea></div>
<div class="field"><label for="c-basis">${t('legalBasis')}</label><input id="c-basis" name="legalBasis" type="text" required minlength="3" maxlength="300" value="${typed.legalBasis ?? ''}"></div>
<div class="field"><label for="c-reason">${t('changeReason')}</label><textarea id="c-reason" name="reason" rows="2" required minlength="3" maxlength="500">${typed.reason ?? ''}</textarea></div>
<div class="actions"><button type="submit">${t('saveChanges')}</button></div>
</form>`
    : html`<p class="hint">${t('nationalOnly')}</p>`;
  return layout(
    c,
    t('calendarTitle', { year: v.year }),
    html`${notice(c, s.done)}${failureBox(c, s.refusal?.failure)}
<nav class="pager" aria-label="${t('chooseYear')}"><ul><li><a href="/office/settings/calendar?year=${v.year - 1}" rel="prev">${String(v.year - 1)}</a></li><li aria-current="page">${String(v.year)}</li><li><a href="/office/settings/calendar?year=${v.year + 1}" rel="next">${String(v.year + 1)}</a></li></ul></nav>
<p>${t('calendarIntro')}</p>
<dl class="facts"><div><dt>${t('source')}</dt><dd data-source="${v.source}">${t(v.source === 'operator' ? 'sourceOperator' : v.source === 'published' ? 'sourcePublished' : 'sourceComputed')}</dd></div><div><dt>${t('legalBasis')}</dt><dd>${v.legalBasis}</dd></div></dl>
<h2>${t('daysOff')}</h2><ul class="findings" data-days-off>${v.off.map(([a, b]) => html`<li>${a === b ? fmtDate(a!, c) : `${fmtDate(a!, c)} – ${fmtDate(b!, c)}`}</li>`)}</ul>
<h2>${t('workingSaturdays')}</h2>${v.workingSaturdays.length ? html`<ul class="findings">${v.workingSaturdays.map((d) => html`<li>${fmtDate(d, c)}</li>`)}</ul>` : html`<p class="empty">${t('none')}</p>`}
${form}
<h2>${t('changesTitle')}</h2>${
      v.changes.length
        ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('changesTitle')}"><table><caption class="visually-hidden">${t('changesTitle')}</caption><thead><tr><th scope="col">${t('colAt')}</th><th scope="col">${t('colBy')}</th><th scope="col">${t('legalBasis')}</th><th scope="col">${t('changeReason')}</th></tr></thead>
<tbody>${[...v.changes].reverse().map((x) => html`<tr><td>${fmtDate(x.setAt, c)}</td><td>${x.setBy}</td><td>${x.legalBasis}</td><td>${x.reason}</td></tr>`)}</tbody></table></div>`
        : html`<p class="empty">${t('noChanges')}</p>`
    }`,
    { wide: true },
  );
}
