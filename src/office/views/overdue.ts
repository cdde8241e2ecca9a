import { AGENCIES } from '../../contracts/parts.ts';
import { html, type Html } from '../../portal/html.ts';
import type { SignedIn } from '../kit.ts';
import { filterBar, selectControl } from './forms.ts';
import { fmtDate, label, layout, pager } from './layout.ts';

export interface OverdueItem {
  dossierId: string;
  group: string;
  procedure: string;
  title: { vi: string; en: string };
  agency: string;
  provinceCode: string | null;
  dispatchedAt: string;
  lastDay: string;
  workingDaysLate: number;
  overdueSince: string | null;
  heldBy: { agency: string; inReview: boolean };
}

export interface OverdueView {
  today: string;
  agency: string | null;
  provinceCode: string | null;
  items: OverdueItem[];
}

export const OVERDUE_GROUPS = ['', 'birth', 'death', 'voluntary-si'] as const;

/**
 * The procedures still with an agency after their last day (the hub's deadlines, in working days): an agency's
 * officers see their agency's in their province, the hub's officers every agency's. Most late first by default.
 */
export function overduePage(c: SignedIn, v: OverdueView, s: { page: number; pageSize: number; base: string; agency?: string | undefined; group?: string | undefined; sort?: string | undefined }): Html {
  const { t, lang } = c;
  const hubOfficer = c.session.officer.agency === 'hub';
  const bar = filterBar(c, '/office/overdue', [
    ...(hubOfficer ? [selectControl(c, 'f-agency', 'agency', 'colAgency', s.agency, [['', t('allAgencies')] as const, ...AGENCIES.map((a) => [a, label(c, 'agency', a)] as const)])] : []),
    selectControl(c, 'f-group', 'group', 'colGroup', s.group, OVERDUE_GROUPS.map((g) => [g, g ? label(c, 'group', g) : t('allGroups')] as const)),
    selectControl(c, 'f-sort', 'sort', 'sortBy', s.sort, [
      ['', t('sortLastDay')],
      ['dispatched', t('sortDispatched')],
    ]),
  ]);
  const table = v.items.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('overdueCaption')}"><table><caption>${t('overdueCaption')}</caption>
<thead><tr><th scope="col">${t('colProcedure')}</th><th scope="col">${t('colAgency')}</th><th scope="col">${t('province')}</th><th scope="col">${t('lastDay')}</th><th scope="col">${t('daysLate')}</th><th scope="col">${t('colDispatched')}</th><th scope="col">${t('colDossier')}</th></tr></thead>
<tbody>${v.items.map(
        (i) => html`<tr data-overdue="${i.dossierId}"><th scope="row">${i.title[lang]}${i.heldBy.inReview ? html`<br><span class="hint">${t('inReview')}</span>` : ''}</th><td>${label(c, 'agency', i.agency)}</td><td>${i.provinceCode ?? '—'}</td>
<td>${fmtDate(i.lastDay, c)}</td><td><strong class="overdue">${t('nDays', { n: i.workingDaysLate })}</strong></td><td>${fmtDate(i.dispatchedAt, c)}</td>
<td><a class="mono" href="/office/dossiers/${i.dossierId}">${i.dossierId.slice(0, 8)}<span class="visually-hidden"> ${t('openDossier')}</span></a></td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="empty">${t('nothingOverdue')}</p>`;
  return layout(
    c,
    t('overdueTitle'),
    html`<p>${t('overdueIntro', { today: fmtDate(v.today, c) })}</p>${bar}${table}${pager(c, s.base, s.page, v.items.length === s.pageSize)}`,
    { wide: true },
  );
}
