import type { DocumentListItem } from '../../hub/documents/service.ts';
import type { DossierView, ProcedureView } from '../../hub/view.ts';
import type { FieldError } from '../../kernel/errors.ts';
import { formatVnd } from '../../kernel/rules/voluntary-money.ts';
import { html, type Html } from '../html.ts';
import type { MessageKey } from '../i18n/index.ts';
import { answerLegend, answerName, answerParts } from '../supplement-form.ts';
import { fieldHtml, reasonIn } from './form-fields.ts';
import { GROUP_NAMES, STATUS_NAMES } from './home.ts';
import { fmtDate, layout, type PageContext } from './layout.ts';
import { paymentQrHtml } from './payment-qr.ts';

const AGENCY_NAMES: Record<string, MessageKey> = {
  'civil-registry': 'agencyCivilRegistry',
  population: 'agencyPopulation',
  'social-security': 'agencySocialSecurity',
  health: 'agencyHealth',
};

type Shown = 'date' | 'text' | 'yes';
type ResultField = readonly [key: string, label: MessageKey, shown: Shown];

/** The result fields a citizen reads, per procedure, with their labels; the rest of a result is in its PDF. */
const RESULTS: Record<string, readonly ResultField[]> = {
  'birth-registration': [
    ['pin', 'resPin', 'text'],
    ['certificateNumber', 'resCertificateNumber', 'text'],
    ['book', 'resBook', 'text'],
    ['registeredOn', 'resRegisteredOn', 'date'],
  ],
  'residence-registration': [
    ['householdId', 'resHouseholdId', 'text'],
    ['registeredOn', 'resRegisteredOn', 'date'],
  ],
  'hi-card': [
    ['cardNumber', 'resCardNumber', 'text'],
    ['siCode', 'resSiCode', 'text'],
    ['validFrom', 'resValidFrom', 'date'],
    ['validTo', 'resValidTo', 'date'],
    ['initialFacilityCode', 'resInitialFacilityCode', 'text'],
    ['issuedOn', 'resIssuedOn', 'date'],
  ],
  'death-registration': [
    ['certificateNumber', 'resDeathCertificateNumber', 'text'],
    ['book', 'resBook', 'text'],
    ['dateOfDeath', 'resDateOfDeath', 'date'],
    ['registeredOn', 'resRegisteredOn', 'date'],
    ['lateRegistration', 'resLateRegistration', 'yes'],
  ],
  'residence-deregistration': [
    ['householdId', 'resHouseholdId', 'text'],
    ['deregisteredOn', 'resDeregisteredOn', 'date'],
    ['householdNeedsNewHead', 'resHouseholdNeedsNewHead', 'yes'],
  ],
  'death-benefits': [['decidedOn', 'resDecidedOn', 'date']],
  'voluntary-si-registration': [['siCode', 'resSiCode', 'text']],
};
/** For a procedure the portal does not know yet: the fields any result may have. */
const ANY_RESULT: readonly ResultField[] = Object.values(RESULTS).flat();

const OPEN = new Set(['processing']);

export const fmtMonth = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? `${m.slice(5)}/${m.slice(0, 4)}` : m);

/** A supplement answer refused by the page or the hub: the procedure, what was typed, and the messages by input. */
export interface SupplementState {
  readonly procedure: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: ReadonlyMap<string, FieldError>;
}

function dl(rows: readonly (Html | '')[]): Html {
  return html`<dl class="result">${rows}</dl>`;
}

function resultRows(c: PageContext, code: string, r: Record<string, unknown>): Html[] {
  const { t, lang } = c;
  return (RESULTS[code] ?? ANY_RESULT)
    .filter(([k, , kind]) => (kind === 'yes' ? r[k] === true : typeof r[k] === 'string'))
    .map(([k, label, kind]) => {
      const v = r[k];
      const text = kind === 'date' ? fmtDate(v as string, lang) : kind === 'yes' ? t('yes') : (v as string);
      return html`<div><dt>${t(label)}</dt><dd>${text}</dd></div>`;
    });
}

/** VSS's decisions on a death, each with its explanation and its figures. */
function decisionsHtml(c: PageContext, r: Record<string, unknown>): Html | '' {
  const { t, lang } = c;
  const decisions = Array.isArray(r.decisions) ? (r.decisions as Record<string, unknown>[]) : [];
  const summary = r.summary as { vi?: string; en?: string } | undefined;
  if (!decisions.length && !summary) return '';
  const money = (n: unknown) => (typeof n === 'number' ? t('moneyVnd', { amount: formatVnd(n, lang) }) : null);
  return html`<h4>${t('decisionsTitle')}</h4>
${summary ? html`<p>${lang === 'vi' ? summary.vi : summary.en}</p>` : ''}
<ul class="decisions">${decisions.map((d) => {
    const explanation = d.explanation as { vi?: string; en?: string } | undefined;
    return html`<li data-decision="${String(d.kind)}"><p>${explanation ? (lang === 'vi' ? explanation.vi : explanation.en) : ''}</p>${dl([
      typeof d.decisionNumber === 'string' ? html`<div><dt>${t('resDecisionNumber')}</dt><dd>${d.decisionNumber}</dd></div>` : '',
      money(d.amount) ? html`<div><dt>${t('resAmount')}</dt><dd>${money(d.amount)}</dd></div>` : '',
      money(d.monthlyAmount) ? html`<div><dt>${t('resMonthlyAmount')}</dt><dd>${money(d.monthlyAmount)}</dd></div>` : '',
      typeof d.fromMonth === 'string' ? html`<div><dt>${t('resFromMonth')}</dt><dd>${fmtMonth(d.fromMonth)}</dd></div>` : '',
      typeof d.hiCardEndsOn === 'string' ? html`<div><dt>${t('resHiCardEndsOn')}</dt><dd>${fmtDate(d.hiCardEndsOn, lang)}</dd></div>` : '',
    ])}</li>`;
  })}</ul>`;
}

interface Payment {
  contribution?: { monthlyIncome?: number; monthlyContribution?: number; monthlyStateSupport?: number; months?: number; periodFrom?: string; periodTo?: string; amountDue?: number; dueBy?: string };
  payment?: { reference?: string; qrPayload?: string; bankBin?: string; accountNumber?: string; accountName?: string };
  voucher?: { number?: string; issuedOn?: string; amount?: number; periodFrom?: string; periodTo?: string };
  participation?: { from?: string; to?: string; months?: number };
  coverSheet?: unknown;
}

/**
 * A voluntary SI registration's money: while it awaits payment, the amount due, the last day and how to pay — the
 * VietQR code as an image drawn here from the payload social security sent (an SVG, no other service), and the
 * payload as text to copy; once paid, the voucher.
 */
function paymentHtml(c: PageContext, p: ProcedureView): Html | '' {
  const { t, lang } = c;
  const r = (p.result ?? {}) as Payment;
  const money = (n: number | undefined) => (typeof n === 'number' ? t('moneyVnd', { amount: formatVnd(n, lang) }) : '');
  const row = (label: MessageKey, value: string | Html, attr?: string) =>
    value ? html`<div><dt>${t(label)}</dt><dd${attr ? html` ${attr}` : ''}>${value}</dd></div>` : '';
  const k = r.contribution;
  const pay = r.payment;
  if (r.voucher) {
    const v = r.voucher;
    const period = r.participation?.from ? `${fmtMonth(r.participation.from)} – ${fmtMonth(r.participation.to ?? r.participation.from)}` : '';
    return html`<section class="payment paid" data-paid><h4>${t('paidTitle')}</h4>${dl([
      row('voucherNumber', v.number ?? ''),
      row('voucherIssuedOn', v.issuedOn ? fmtDate(v.issuedOn, lang) : ''),
      row('voucherAmount', money(v.amount)),
      row('participationPeriod', period),
    ])}${r.coverSheet ? html`<p>${t('coverSheetIssued')}</p>` : ''}<p><a href="/portal/me/voluntary-si" data-my-voluntary>${t('myVoluntaryLink')}</a></p></section>`;
  }
  if (p.status !== 'awaiting-payment' || !k || !pay) return '';
  const period = k.periodFrom ? `${fmtMonth(k.periodFrom)} – ${fmtMonth(k.periodTo ?? k.periodFrom)}${k.months ? ` (${t('paymentMonths', { n: k.months })})` : ''}` : '';
  return html`<section class="payment" data-payment><h4>${t('paymentTitle')}</h4>${dl([
    row('amountDue', html`<strong>${money(k.amountDue)}</strong>`, 'data-amount-due'),
    row('paymentDueBy', k.dueBy ? fmtDate(k.dueBy, lang) : ''),
    row('paymentPeriod', period),
    row('monthlyContribution', money(k.monthlyContribution)),
    k.monthlyStateSupport ? row('stateSupport', money(k.monthlyStateSupport)) : '',
    row('paymentReference', html`<code>${pay.reference ?? ''}</code>`, 'data-payment-reference'),
    row('paymentBankBin', pay.bankBin ?? ''),
    row('paymentAccount', pay.accountNumber ?? ''),
    row('paymentAccountName', pay.accountName ?? ''),
  ])}
${pay.qrPayload ? paymentQrHtml(c, { payload: pay.qrPayload, amount: k.amountDue ?? 0, account: pay.accountNumber ?? '', reference: pay.reference ?? '', id: p.code }) : ''}
</section>`;
}

/** The form answering an agency's supplement request: one input per field asked for, or one per part of a record. */
function supplementHtml(c: PageContext, d: DossierView, p: ProcedureView, again: SupplementState | undefined): Html | '' {
  const { t, lang } = c;
  if (p.status !== 'awaiting-supplement' || !p.reasons.length) return '';
  const mine = again?.procedure === p.code ? again : undefined;
  const values = mine?.values ?? {};
  return html`<form method="post" action="/portal/dossiers/${d.id}/supplements" class="supplement" novalidate>
<input type="hidden" name="_csrf" value="${c.citizen!.csrf}"><input type="hidden" name="_procedure" value="${p.code}">
<h4>${t('supplementTitle')}</h4>
${mine?.errors.size ? html`<p class="field-error" role="alert">${t('supplementNotSent')}</p>` : ''}
${p.reasons.map((r, i) => {
    const parts = answerParts(r.path);
    const name = answerName(r.path);
    const own = mine?.errors.get(name);
    if (!parts.length) {
      const id = `sup-${p.code}-${i}`;
      return html`<div class="field${own ? ' has-error' : ''}"><label for="${id}">${reasonIn(r, lang)}</label><input id="${id}" name="${name}" type="text" maxlength="200" required value="${values[name] ?? ''}" aria-describedby="${id}-error"${own ? html` aria-invalid="true"` : ''}><p class="field-error" id="${id}-error">${own ? reasonIn(own, lang) : ''}</p></div>`;
    }
    return html`<fieldset class="field record" data-answer="${r.path}"><legend>${t(answerLegend(r.path))}</legend><p class="hint">${reasonIn(r, lang)}</p>
${own ? html`<p class="field-error">${reasonIn(own, lang)}</p>` : ''}
${parts.map((part) => fieldHtml({ ...part, name: answerName(r.path, part.name) }, values, mine?.errors.get(answerName(r.path, part.name)), t, lang))}
</fieldset>`;
  })}
<div class="actions"><button type="submit">${t('supplementSend')}</button></div></form>`;
}

export function dossierPage(c: PageContext, d: DossierView, docs: readonly DocumentListItem[], notice: MessageKey | null, supplement?: SupplementState): Html {
  const { t, lang } = c;
  const status = (s: string) => (STATUS_NAMES[s] ? t(STATUS_NAMES[s]!) : s);
  const title = `${t('dossierTitle')}: ${GROUP_NAMES[d.group] ? t(GROUP_NAMES[d.group]!) : d.group}`;
  const procedures = d.procedures.map((p) => {
    const rows = p.result ? resultRows(c, p.code, p.result) : [];
    return html`<li class="procedure status-${p.status}">
<h3>${lang === 'vi' ? p.title.vi : p.title.en}</h3>
<dl>
<div><dt>${t('agency')}</dt><dd>${AGENCY_NAMES[p.agency] ? t(AGENCY_NAMES[p.agency]!) : p.agency}</dd></div>
<div><dt>${t('procStatus')}</dt><dd><span class="status status-${p.status}" data-procedure-status="${p.code}">${status(p.status)}</span>${p.inReview ? html` · ${t('inReview')}` : ''}</dd></div>
${p.deadline ? html`<div><dt>${p.status === 'awaiting-payment' ? t('paymentDueBy') : t('procDeadline')}</dt><dd>${fmtDate(p.deadline, lang)}${p.overdue ? html` <strong class="overdue">${t('overdue')}</strong>` : ''}</dd></div>` : ''}
${p.finishedAt ? html`<div><dt>${t('procFinished')}</dt><dd>${fmtDate(p.finishedAt, lang)}</dd></div>` : ''}
</dl>
${rows.length ? html`<h4>${t('procResult')}</h4>${dl(rows)}` : ''}
${p.result ? decisionsHtml(c, p.result) : ''}
${p.code === 'voluntary-si-registration' ? paymentHtml(c, p) : ''}
${p.reasons.length && p.status !== 'awaiting-supplement' ? html`<h4>${t('procReasons')}</h4><ul>${p.reasons.map((r) => html`<li>${reasonIn(r, lang)}</li>`)}</ul>` : ''}
${supplementHtml(c, d, p, supplement)}
</li>`;
  });
  const documents = docs.length
    ? html`<ul class="documents">${docs.map((doc) => {
        const name = lang === 'vi' ? doc.title.vi : doc.title.en;
        return html`<li><a href="/portal/dossiers/${d.id}/documents/${doc.code}.pdf" download data-document="${doc.kind}">${t('download', { title: name })}</a></li>`;
      })}</ul>`
    : html`<p>${t('noDocuments')}</p>`;
  const open = OPEN.has(d.status);
  return layout(
    c,
    title,
    html`${notice ? html`<p class="notice" role="status">${t(notice)}</p>` : ''}
<dl class="summary">
<div><dt>${t('dossierStatus')}</dt><dd><span class="status status-${d.status}" data-dossier-status="${d.status}">${status(d.status)}</span></dd></div>
<div><dt>${t('dossierSubmitted')}</dt><dd>${fmtDate(d.submittedAt, lang)}</dd></div>
<div><dt>${t('dossierDeadline')}</dt><dd>${fmtDate(d.deadline, lang)}</dd></div>
${d.finishedAt ? html`<div><dt>${t('dossierFinished')}</dt><dd>${fmtDate(d.finishedAt, lang)}</dd></div>` : ''}
</dl>
${open ? html`<p class="hint" data-auto-refresh="3000">${t('refreshHint')} <a href="/portal/dossiers/${d.id}">${t('refresh')}</a></p>` : ''}
${d.reasons.length ? html`<h2>${t('procReasons')}</h2><ul>${d.reasons.map((r) => html`<li>${reasonIn(r, lang)}</li>`)}</ul>` : ''}
<h2>${t('timeline')}</h2>
<ol class="timeline">${procedures}</ol>
${d.notRequested.length ? html`<h2>${t('notRequested')}</h2><ul>${d.notRequested.map((p) => html`<li>${lang === 'vi' ? p.title.vi : p.title.en}</li>`)}</ul>` : ''}
<h2>${t('documents')}</h2>
${documents}`,
  );
}
