import { formatVnd } from '../../kernel/rules/voluntary-money.ts';
import { html, type Html } from '../html.ts';
import type { MessageKey } from '../i18n/index.ts';
import { fmtMonth } from './dossier.ts';
import { STATUS_NAMES } from './home.ts';
import { fmtDate, layout, type PageContext } from './layout.ts';
import { paymentQrHtml } from './payment-qr.ts';

/**
 * The participant's voluntary SI as social security's API gives it (`GET /api/v1/me/voluntary-si`,
 * agencies/social-security/payments/service.ts `mine`). Read from JSON: every field is checked before it is shown.
 */
export interface MyVoluntarySi {
  readonly participation: Participation | null;
  readonly notices: readonly Notice[];
}

interface Participation {
  status?: string;
  since?: string;
  dossierId?: string;
  siCode?: string;
  method?: string;
  monthlyIncome?: number;
  supportGroup?: string;
  registeredOn?: string;
  paidThrough?: string | null;
  periods?: readonly Period[];
  nextDue?: Due | null;
  coverSheet?: { bookNumber?: string; issuedOn?: string } | null;
}

interface Period {
  from?: string;
  to?: string;
  months?: number;
  monthlyIncome?: number;
  voucherNumber?: string;
  recordedOn?: string;
}

interface Due {
  reference?: string;
  kind?: string;
  periodFrom?: string;
  periodTo?: string;
  months?: number;
  amountDue?: number;
  dueBy?: string;
  qrPayload?: string;
  bankBin?: string;
  accountNumber?: string;
  accountName?: string;
}

interface Notice {
  at?: string;
  code?: string;
  reference?: string;
  message?: string;
  messageVi?: string;
}

/** Social security's participation statuses (voluntary-store.ts): awaiting the first payment, active, suspended, void. */
const PARTICIPATION_STATUS: Record<string, MessageKey> = {
  'awaiting-payment': STATUS_NAMES['awaiting-payment']!,
  active: 'vsiStatusActive',
  suspended: 'vsiStatusSuspended',
  lapsed: 'vsiStatusLapsed',
};
/** The declaration's payment methods and support groups (contracts/declarations/voluntary-si.ts), as the form names them. */
const METHODS: Record<string, MessageKey> = {
  monthly: 'methodMonthly',
  '3-months': 'method3Months',
  '6-months': 'method6Months',
  '12-months': 'method12Months',
  'advance-years': 'methodAdvanceYears',
  'missing-period': 'methodMissingPeriod',
};
const GROUPS: Record<string, MessageKey> = {
  poor: 'supportPoor',
  'near-poor': 'supportNearPoor',
  'ethnic-minority': 'supportEthnicMinority',
  'island-commune': 'supportIslandCommune',
  other: 'supportOther',
};
/** A participation that has ended: to go on, the participant registers again (Law on SI 2014 art. 87; DOMAIN.md §5). */
const ENDED = new Set(['suspended', 'lapsed']);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function row(label: string, value: string | Html, attr?: Html): Html | '' {
  return value ? html`<div><dt>${label}</dt><dd${attr ?? ''}>${value}</dd></div>` : '';
}

/** `02/2025`, or `02/2025 – 04/2025` for several months. */
const months = (from: string, to: string) => (!to || to === from ? fmtMonth(from) : `${fmtMonth(from)} – ${fmtMonth(to)}`);

function period(c: PageContext, from: string, to: string, n: number | null): string {
  if (!from) return '';
  return n ? `${months(from, to)} (${c.t('paymentMonths', { n })})` : months(from, to);
}

/** Social security's notices (a suspension after a missed renewal, a renewal it could not compute), newest first. */
function noticesHtml(c: PageContext, notices: readonly Notice[]): Html | '' {
  const { t, lang } = c;
  const shown = notices.filter((n) => str(lang === 'vi' ? n.messageVi : n.message));
  if (!shown.length) return '';
  return html`<section class="alert" aria-labelledby="vsi-notices" data-notices>
<h2 id="vsi-notices">${t('vsiNoticesTitle')}</h2>
<ul>${shown.map((n) => html`<li data-notice="${str(n.code)}">${n.at ? html`<p class="notice-date">${fmtDate(str(n.at), lang)}</p>` : ''}<p>${str(lang === 'vi' ? n.messageVi : n.message)}</p></li>`)}</ul>
</section>`;
}

/** What is due next — the first payment or a renewal — and how to pay it: the amount, the last day, the reference, the QR. */
function dueHtml(c: PageContext, d: Due): Html {
  const { t, lang } = c;
  const amount = num(d.amountDue);
  const reference = str(d.reference);
  const payload = str(d.qrPayload);
  return html`<section class="payment" aria-labelledby="vsi-due" data-next-due="${str(d.kind)}">
<h2 id="vsi-due">${t(d.kind === 'registration' ? 'vsiFirstDueTitle' : 'vsiNextDueTitle')}</h2>
<dl class="result">
${row(t('amountDue'), amount === null ? '' : html`<strong>${t('moneyVnd', { amount: formatVnd(amount, lang) })}</strong>`, html` data-amount-due`)}
${row(t('paymentDueBy'), d.dueBy ? fmtDate(str(d.dueBy), lang) : '', html` data-due-by`)}
${row(t('vsiDueMonths'), period(c, str(d.periodFrom), str(d.periodTo), num(d.months)))}
${row(t('paymentReference'), reference ? html`<code>${reference}</code>` : '', html` data-payment-reference`)}
${row(t('paymentBankBin'), str(d.bankBin))}
${row(t('paymentAccount'), str(d.accountNumber))}
${row(t('paymentAccountName'), str(d.accountName))}
</dl>
${payload ? paymentQrHtml(c, { payload, amount: amount ?? 0, account: str(d.accountNumber), reference, id: 'next-due' }) : ''}
</section>`;
}

function periodsHtml(c: PageContext, periods: readonly Period[]): Html {
  const { t, lang } = c;
  if (!periods.length) return html`<h2>${t('vsiPeriodsTitle')}</h2><p data-periods="0">${t('vsiNoPeriods')}</p>`;
  return html`<h2 id="vsi-periods">${t('vsiPeriodsTitle')}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="vsi-periods"><table data-periods="${periods.length}">
<thead><tr><th scope="col">${t('vsiColPeriod')}</th><th scope="col">${t('vsiColMonths')}</th><th scope="col">${t('vsiColIncome')}</th><th scope="col">${t('voucherNumber')}</th><th scope="col">${t('vsiColRecorded')}</th></tr></thead>
<tbody>${periods.map((p) => {
    const income = num(p.monthlyIncome);
    return html`<tr data-period="${str(p.from)}"><td>${months(str(p.from), str(p.to))}</td><td>${num(p.months) ?? ''}</td><td>${income === null ? '' : t('moneyVnd', { amount: formatVnd(income, lang) })}</td><td>${str(p.voucherNumber)}</td><td>${p.recordedOn ? fmtDate(str(p.recordedOn), lang) : ''}</td></tr>`;
  })}</tbody></table></div>`;
}

/**
 * "My voluntary social insurance": the notices first (a suspension is what the participant must not miss), then the
 * participation (status, SI code, what was registered), what is due next with its QR code, and the periods paid.
 * A citizen who never registered is invited to.
 */
export function myVoluntarySiPage(c: PageContext, data: MyVoluntarySi): Html {
  const { t, lang } = c;
  const notices = noticesHtml(c, Array.isArray(data.notices) ? data.notices : []);
  const p = data.participation;
  if (!p) {
    return layout(c, t('myVoluntaryTitle'), html`${notices}<section class="empty-state" data-participation="none">
<p><strong>${t('vsiNone')}</strong></p><p>${t('vsiNoneHelp')}</p>
<p><a class="button" href="/portal/voluntary-si">${t('declareVoluntary')}</a></p></section>`);
  }
  const status = str(p.status);
  const income = num(p.monthlyIncome);
  const periods = Array.isArray(p.periods) ? p.periods : [];
  const due = p.nextDue && typeof p.nextDue === 'object' ? p.nextDue : null;
  const dossierId = str(p.dossierId);
  const cover = p.coverSheet && typeof p.coverSheet === 'object' ? p.coverSheet : null;
  return layout(
    c,
    t('myVoluntaryTitle'),
    html`${notices}
<dl class="summary" data-participation="${status}">
${row(t('vsiStatus'), html`<span class="status status-${status}" data-participation-status="${status}">${PARTICIPATION_STATUS[status] ? t(PARTICIPATION_STATUS[status]!) : status}</span>`)}
${row(t('vsiSince'), p.since ? fmtDate(str(p.since), lang) : '')}
${row(t('resSiCode'), str(p.siCode), html` data-si-code`)}
${row(t('resRegisteredOn'), p.registeredOn ? fmtDate(str(p.registeredOn), lang) : '')}
${row(t('fieldPaymentMethod'), METHODS[str(p.method)] ? t(METHODS[str(p.method)]!) : str(p.method))}
${row(t('vsiIncome'), income === null ? '' : t('moneyVnd', { amount: formatVnd(income, lang) }))}
${row(t('fieldSupportGroup'), GROUPS[str(p.supportGroup)] ? t(GROUPS[str(p.supportGroup)]!) : str(p.supportGroup))}
${row(t('vsiPaidThrough'), p.paidThrough ? fmtMonth(str(p.paidThrough)) : '', html` data-paid-through`)}
</dl>
${ENDED.has(status) ? html`<p><a class="button" href="/portal/voluntary-si" data-register-again>${t('vsiRegisterAgain')}</a></p>` : ''}
${due ? dueHtml(c, due) : ENDED.has(status) ? '' : html`<p data-next-due="none">${t('vsiNoNextDue')}</p>`}
${periodsHtml(c, periods)}
${cover?.bookNumber ? html`<p data-cover-sheet>${t('vsiCoverSheet', { number: str(cover.bookNumber), date: fmtDate(str(cover.issuedOn), lang) })}</p>` : ''}
${/^[0-9a-f-]{36}$/.test(dossierId) ? html`<p><a href="/portal/dossiers/${dossierId}">${t('vsiDossierLink')}</a></p>` : ''}`,
  );
}
