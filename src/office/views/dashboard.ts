import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import { barChart, columnChart } from '../charts.ts';
import type { SignedIn } from '../kit.ts';
import { filterBar, inputControl, selectControl } from './forms.ts';
import { failureBox, label, layout } from './layout.ts';

interface Figures {
  ended: number;
  onTime: number;
  late: number;
  notMeasured: number;
  onTimeRate: number | null;
  open: number;
  overdue: number;
  workingDays: { p50: number | null; p90: number | null; max: number | null };
}

export interface SlaView {
  from: string;
  to: string;
  today: string;
  provinceCode: string | null;
  group: string | null;
  totals: Figures;
  byProcedure: (Figures & { group: string; procedure: string; title: { vi: string; en: string }; agency: string; timeLimit: { workingDays?: number; calendarDays?: number } })[];
  byProvince: (Figures & { provinceCode: string | null })[];
  series: { date: string; ended: number; onTime: number; late: number }[];
}

export interface DashboardFilters {
  from?: string | undefined;
  to?: string | undefined;
  group?: string | undefined;
  provinceCode?: string | undefined;
}

const GREEN = '#1e6b2f';
const RED = '#b00020';
const BLUE = '#0b4f9c';
const ORANGE = '#a34a00';

const pct = (r: number | null, lang: 'vi' | 'en') => (r === null ? '—' : `${(r * 100).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`);
const dash = (n: number | null) => (n === null ? '—' : String(n));

/**
 * The SLA dashboard: the totals, then four charts — on-time rate by procedure, open and overdue by province,
 * working days to complete (median and 90th percentile) by procedure, procedures ended per day — each followed by
 * a table of the same figures (the accessible reading of the chart, and the exact numbers).
 */
export function dashboardPage(c: SignedIn, v: SlaView | null, f: DashboardFilters, failure?: ApiFailure): Html {
  const { t, lang } = c;
  const national = !c.session.officer.provinceCode;
  const bar = filterBar(c, '/office/dashboard', [
    inputControl(c, 'f-from', 'from', 'from', f.from ?? v?.from, html`type="date" max="2199-12-31"`),
    inputControl(c, 'f-to', 'to', 'to', f.to ?? v?.to, html`type="date" max="2199-12-31"`),
    selectControl(c, 'f-group', 'group', 'colGroup', f.group, [
      ['', t('allGroups')],
      ['birth', label(c, 'group', 'birth')],
      ['death', label(c, 'group', 'death')],
      ['voluntary-si', label(c, 'group', 'voluntary-si')],
    ]),
    ...(national ? [inputControl(c, 'f-province', 'provinceCode', 'provinceCode', f.provinceCode, html`type="text" inputmode="numeric" pattern="\\d{2}" maxlength="2"`, 'provinceAll')] : []),
  ]);
  if (!v) return layout(c, t('dashboardTitle'), html`${failureBox(c, failure)}${bar}`, { wide: true });
  const tot = v.totals;
  const procTitle = (p: SlaView['byProcedure'][number]) => p.title[lang];
  const provName = (code: string | null) => (code ? t('provinceN', { code }) : t('provinceUnknown'));
  const cards = html`<ul class="kpis">
<li><span class="kpi-value" data-kpi="onTimeRate">${pct(tot.onTimeRate, lang)}</span><span class="kpi-label">${t('kpiOnTime')}</span></li>
<li><span class="kpi-value" data-kpi="ended">${tot.ended}</span><span class="kpi-label">${t('kpiEnded')}</span></li>
<li><span class="kpi-value" data-kpi="open">${tot.open}</span><span class="kpi-label">${t('kpiOpen')}</span></li>
<li><span class="kpi-value${tot.overdue ? ' bad' : ''}" data-kpi="overdue">${tot.overdue}</span><span class="kpi-label">${t('kpiOverdue')}</span></li>
<li><span class="kpi-value" data-kpi="p50">${dash(tot.workingDays.p50)} / ${dash(tot.workingDays.p90)}</span><span class="kpi-label">${t('kpiDays')}</span></li>
</ul>`;

  const measured = v.byProcedure.filter((p) => p.ended > 0 || p.open > 0);
  const procs = measured.length ? measured : v.byProcedure;
  const onTime = barChart({
    id: 'chart-on-time',
    title: t('chartOnTime'),
    desc: t('chartOnTimeDesc', { from: v.from, to: v.to }),
    categories: procs.map(procTitle),
    series: [{ name: t('kpiOnTime'), colour: GREEN, values: procs.map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10)) }],
    max: 100,
    format: (n) => `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}%`,
    none: t('notMeasuredShort'),
  });
  const onTimeTable = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('chartOnTime')}"><table><caption>${t('chartOnTime')}</caption>
<thead><tr><th scope="col">${t('colProcedure')}</th><th scope="col">${t('colAgency')}</th><th scope="col">${t('kpiEnded')}</th><th scope="col">${t('colOnTime')}</th><th scope="col">${t('colLate')}</th><th scope="col">${t('colNotMeasured')}</th><th scope="col">${t('kpiOnTime')}</th></tr></thead>
<tbody>${v.byProcedure.map((p) => html`<tr><th scope="row">${procTitle(p)}</th><td>${label(c, 'agency', p.agency)}</td><td>${p.ended}</td><td>${p.onTime}</td><td>${p.late}</td><td>${p.notMeasured}</td><td>${pct(p.onTimeRate, lang)}</td></tr>`)}</tbody></table></div>`;

  const areas = v.byProvince;
  const overdue = barChart({
    id: 'chart-overdue',
    title: t('chartOverdue'),
    desc: t('chartOverdueDesc', { today: v.today }),
    categories: areas.map((a) => provName(a.provinceCode)),
    series: [
      { name: t('kpiOpen'), colour: BLUE, values: areas.map((a) => a.open) },
      { name: t('kpiOverdue'), colour: RED, values: areas.map((a) => a.overdue) },
    ],
    format: (n) => String(n),
    none: '—',
  });
  const overdueTable = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('chartOverdue')}"><table><caption>${t('chartOverdue')}</caption>
<thead><tr><th scope="col">${t('province')}</th><th scope="col">${t('kpiOpen')}</th><th scope="col">${t('kpiOverdue')}</th><th scope="col">${t('kpiEnded')}</th><th scope="col">${t('kpiOnTime')}</th></tr></thead>
<tbody>${areas.map((a) => html`<tr><th scope="row">${provName(a.provinceCode)}</th><td>${a.open}</td><td>${a.overdue}</td><td>${a.ended}</td><td>${pct(a.onTimeRate, lang)}</td></tr>`)}</tbody></table></div>`;

  const days = barChart({
    id: 'chart-days',
    title: t('chartDays'),
    desc: t('chartDaysDesc'),
    categories: procs.map(procTitle),
    series: [
      { name: t('median'), colour: BLUE, values: procs.map((p) => p.workingDays.p50) },
      { name: t('p90'), colour: ORANGE, values: procs.map((p) => p.workingDays.p90) },
    ],
    format: (n) => t('nDays', { n }),
    none: t('notMeasuredShort'),
  });
  const daysTable = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t('chartDays')}"><table><caption>${t('chartDays')}</caption>
<thead><tr><th scope="col">${t('colProcedure')}</th><th scope="col">${t('timeLimit')}</th><th scope="col">${t('median')}</th><th scope="col">${t('p90')}</th><th scope="col">${t('longest')}</th></tr></thead>
<tbody>${v.byProcedure.map((p) => html`<tr><th scope="row">${procTitle(p)}</th><td>${p.timeLimit.workingDays !== undefined ? t('nDays', { n: p.timeLimit.workingDays }) : p.timeLimit.calendarDays !== undefined ? t('nCalendarDays', { n: p.timeLimit.calendarDays }) : '—'}</td><td>${dash(p.workingDays.p50)}</td><td>${dash(p.workingDays.p90)}</td><td>${dash(p.workingDays.max)}</td></tr>`)}</tbody></table></div>`;

  // More than two months of days read better as months.
  const byMonth = v.series.length > 62;
  const buckets = new Map<string, { onTime: number; late: number; ended: number }>();
  for (const d of v.series) {
    const k = byMonth ? d.date.slice(0, 7) : d.date;
    const b = buckets.get(k) ?? { onTime: 0, late: 0, ended: 0 };
    b.onTime += d.onTime;
    b.late += d.late;
    b.ended += d.ended;
    buckets.set(k, b);
  }
  const keys = [...buckets.keys()];
  const short = (k: string) => (byMonth ? k : k.slice(5));
  const perDay = columnChart({
    id: 'chart-series',
    title: t(byMonth ? 'chartSeriesMonth' : 'chartSeries'),
    desc: t('chartSeriesDesc', { from: v.from, to: v.to }),
    labels: keys.map(short),
    series: [
      { name: t('colOnTime'), colour: GREEN, values: keys.map((k) => buckets.get(k)!.onTime) },
      { name: t('colLate'), colour: RED, values: keys.map((k) => buckets.get(k)!.late) },
    ],
  });
  const seriesRows = keys.filter((k) => buckets.get(k)!.ended > 0);
  const seriesTable = html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(byMonth ? 'chartSeriesMonth' : 'chartSeries')}"><table><caption>${t(byMonth ? 'chartSeriesMonth' : 'chartSeries')}</caption>
<thead><tr><th scope="col">${t(byMonth ? 'month' : 'day')}</th><th scope="col">${t('kpiEnded')}</th><th scope="col">${t('colOnTime')}</th><th scope="col">${t('colLate')}</th></tr></thead>
<tbody>${seriesRows.length ? seriesRows.map((k) => { const b = buckets.get(k)!; return html`<tr><th scope="row">${k}</th><td>${b.ended}</td><td>${b.onTime}</td><td>${b.late}</td></tr>`; }) : html`<tr><td colspan="4">${t('nothingEnded')}</td></tr>`}</tbody></table></div>`;

  const figure = (body: Html, table: Html) => html`<section class="chart-block">${body}${table}</section>`;
  return layout(
    c,
    t('dashboardTitle'),
    html`${failureBox(c, failure)}${bar}
<p>${t('dashboardPeriod', { from: v.from, to: v.to, area: v.provinceCode ? provName(v.provinceCode) : t('allProvinces'), today: v.today })}</p>
${cards}
<h2>${t('chartOnTime')}</h2>${figure(onTime, onTimeTable)}
<h2>${t('chartOverdue')}</h2>${figure(overdue, overdueTable)}
<h2>${t('chartDays')}</h2>${figure(days, daysTable)}
<h2>${t(byMonth ? 'chartSeriesMonth' : 'chartSeries')}</h2>${figure(perDay, seriesTable)}
<p class="hint">${t('dashboardClock')}</p>`,
    { wide: true },
  );
}
