import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import type { OfficeKey } from '../i18n/index.ts';
import type { SignedIn } from '../kit.ts';
import type { Typed } from './forms.ts';
import { failureBox, fmtDate, label, layout, notice, pager } from './layout.ts';

export interface TimeLimitsView {
  provinceCode: string;
  procedures: { group: string; procedure: string; default: { workingDays?: number; calendarDays?: number; legalBasis?: string }; inForce: { workingDays: number; effectiveFrom: string } | null }[];
  changes: { group: string; procedure: string; workingDays: number | null; effectiveFrom: string; setAt: string; setBy: string; reason: string }[];
}

/** The province asked for: fixed for an operator bound to one, chosen by a national operator. */
function provincePicker(c: SignedIn, action: string, provinceCode: string | undefined): Html {
  if (c.session.officer.provinceCode) return html`<p>${c.t('settingsFor', { area: c.t('provinceN', { code: c.session.officer.provinceCode }) })}</p>`;
  return html`<form method="get" action="${action}" class="filters" aria-label="${c.t('chooseProvince')}">
<div class="field"><label for="f-province">${c.t('provinceCode')}</label><input id="f-province" name="provinceCode" type="text" inputmode="numeric" pattern="\\d{2}" maxlength="2" required value="${provinceCode ?? ''}"></div>
<div class="filter-actions"><button type="submit" class="secondary">${c.t('open')}</button></div></form>`;
}

const limitText = (c: SignedIn, d: { workingDays?: number; calendarDays?: number }) =>
  d.workingDays !== undefined ? c.t('nDays', { n: d.workingDays }) : d.calendarDays !== undefined ? c.t('nCalendarDays', { n: d.calendarDays }) : '—';

export const procTitle = (c: SignedIn, group: string, procedure: string) => `${label(c, 'proc', procedure)} (${label(c, 'group', group)})`;
export const limitField = (group: string, procedure: string) => `wd.${group}.${procedure}`;
export const resetField = (group: string, procedure: string) => `reset.${group}.${procedure}`;

/**
 * Each procedure's time limit in the province: the group's default with its legal basis, the override in force,
 * a field for the new limit (blank: unchanged) and a box to go back to the default; the date from which it applies
 * and the reason; then every change made, newest first.
 */
export function timeLimitsPage(c: SignedIn, v: TimeLimitsView | null, s: { provinceCode?: string | undefined; done?: string | undefined; failure?: ApiFailure | undefined; typed?: Typed | undefined; page: number }): Html {
  const { t } = c;
  const picker = provincePicker(c, '/office/settings/time-limits', s.provinceCode);
  if (!v) return layout(c, t('timeLimitsTitle'), html`${failureBox(c, s.failure)}<p>${t('timeLimitsIntro')}</p>${picker}`, { wide: true });
  const typed = s.typed ?? {};
  const rows = v.procedures.map((p) => {
    const name = limitField(p.group, p.procedure);
    const reset = resetField(p.group, p.procedure);
    const id = `tl-${p.group}-${p.procedure}`;
    return html`<tr data-procedure="${p.procedure}">
<th scope="row" id="${id}-name">${procTitle(c, p.group, p.procedure)}</th>
<td>${limitText(c, p.default)}${p.default.legalBasis ? html`<br><span class="hint">${p.default.legalBasis}</span>` : ''}</td>
<td data-in-force>${p.inForce ? t('inForceFrom', { limit: t('nDays', { n: p.inForce.workingDays }), from: fmtDate(p.inForce.effectiveFrom, c) }) : t('theDefault')}</td>
<td><label class="visually-hidden" for="${id}">${t('newLimitFor', { name: procTitle(c, p.group, p.procedure) })}</label><input id="${id}" name="${name}" type="number" min="0" max="365" step="1" inputmode="numeric" class="short" value="${typed[name] ?? ''}"></td>
<td>${p.inForce ? html`<div class="choice"><input type="checkbox" id="${id}-reset" name="${reset}" value="1"${typed[reset] ? html` checked` : ''}><label for="${id}-reset">${t('backToDefault')}<span class="visually-hidden"> ${procTitle(c, p.group, p.procedure)}</span></label></div>` : ''}</td>
</tr>`;
  });
  const changes = [...v.changes].reverse();
  const size = 20;
  const shown = changes.slice((s.page - 1) * size, s.page * size);
  const base = `/office/settings/time-limits?provinceCode=${v.provinceCode}`;
  return layout(
    c,
    t('timeLimitsTitle'),
    html`${notice(c, s.done)}${failureBox(c, s.failure)}<p>${t('timeLimitsIntro')}</p>${picker}
<form method="post" action="/office/settings/time-limits" data-submit-once>
<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="provinceCode" value="${v.provinceCode}">
<div class="table-wrap" tabindex="0" role="region" aria-label="${t('timeLimitsCaption', { code: v.provinceCode })}"><table class="settings">
<caption>${t('timeLimitsCaption', { code: v.provinceCode })}</caption>
<thead><tr><th scope="col">${t('colProcedure')}</th><th scope="col">${t('defaultLimit')}</th><th scope="col">${t('inForce')}</th><th scope="col">${t('newLimit')}</th><th scope="col">${t('reset')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<div class="field"><label for="effectiveFrom">${t('effectiveFrom')}</label><p class="hint" id="effectiveFrom-hint">${t('effectiveFromHint')}</p><input id="effectiveFrom" name="effectiveFrom" type="date" required value="${typed.effectiveFrom ?? ''}" aria-describedby="effectiveFrom-hint"></div>
<div class="field"><label for="reason">${t('changeReason')}</label><p class="hint" id="reason-hint">${t('changeReasonHint')}</p><textarea id="reason" name="reason" rows="2" required minlength="3" maxlength="500" aria-describedby="reason-hint">${typed.reason ?? ''}</textarea></div>
<div class="actions"><button type="submit">${t('saveChanges')}</button></div>
</form>
<h2>${t('changesTitle')}</h2>
${
  shown.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('changesTitle')}"><table><caption class="visually-hidden">${t('changesTitle')}</caption>
<thead><tr><th scope="col">${t('colAt')}</th><th scope="col">${t('colProcedure')}</th><th scope="col">${t('newLimit')}</th><th scope="col">${t('effectiveFrom')}</th><th scope="col">${t('colBy')}</th><th scope="col">${t('changeReason')}</th></tr></thead>
<tbody>${shown.map((x) => html`<tr data-change><td>${fmtDate(x.setAt, c)}</td><td>${procTitle(c, x.group, x.procedure)}</td><td>${x.workingDays === null ? t('theDefault') : t('nDays', { n: x.workingDays })}</td><td>${fmtDate(x.effectiveFrom, c)}</td><td>${x.setBy}</td><td>${x.reason}</td></tr>`)}</tbody></table></div>
${pager(c, base, s.page, s.page * size < changes.length, changes.length, size)}`
    : html`<p class="empty">${t('noChanges')}</p>`
}`,
    { wide: true },
  );
}

export interface ApprovalView {
  provinceCode: string;
  hiCardApproval: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Social security's per-province switch: HI cards issued at once, or after the collector's check and the director's approval. */
export function hiCardApprovalPage(c: SignedIn, v: ApprovalView | null, s: { provinceCode?: string | undefined; done?: string | undefined; failure?: ApiFailure | undefined; typed?: Typed | undefined }): Html {
  const { t } = c;
  const picker = provincePicker(c, '/office/settings/hi-card-approval', s.provinceCode);
  if (!v) return layout(c, t('approvalTitle'), html`${failureBox(c, s.failure)}<p>${t('approvalIntro')}</p>${picker}`);
  const typed = s.typed ?? {};
  const chosen = typed.hiCardApproval ?? v.hiCardApproval;
  const option = (value: string, key: OfficeKey, hint: OfficeKey) =>
    html`<div class="choice"><input type="radio" id="a-${value}" name="hiCardApproval" value="${value}" aria-describedby="a-${value}-hint"${chosen === value ? html` checked` : ''} required><label for="a-${value}">${t(key)}</label></div><p class="hint indent" id="a-${value}-hint">${t(hint)}</p>`;
  return layout(
    c,
    t('approvalTitle'),
    html`${notice(c, s.done)}${failureBox(c, s.failure)}<p>${t('approvalIntro')}</p>${picker}
<p data-current="${v.hiCardApproval}">${t('approvalNow', { mode: t(v.hiCardApproval === 'director' ? 'approvalDirector' : 'approvalAutomatic') })}${v.updatedAt ? ` ${t('lastChanged', { at: fmtDate(v.updatedAt, c), by: v.updatedBy ?? '' })}` : ''}</p>
<form method="post" action="/office/settings/hi-card-approval" data-submit-once class="narrow">
<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="provinceCode" value="${v.provinceCode}">
<fieldset class="field"><legend>${t('approvalQuestion', { code: v.provinceCode })}</legend>
${option('automatic', 'approvalAutomatic', 'approvalAutomaticHint')}
${option('director', 'approvalDirector', 'approvalDirectorHint')}
</fieldset>
<div class="field"><label for="reason">${t('changeReason')}</label><p class="hint" id="reason-hint">${t('changeReasonHint')}</p><textarea id="reason" name="reason" rows="2" required minlength="3" maxlength="500" aria-describedby="reason-hint">${typed.reason ?? ''}</textarea></div>
<div class="actions"><button type="submit">${t('saveChanges')}</button></div>
</form>`,
  );
}
