import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import type { OfficeKey } from '../i18n/index.ts';
import type { OfficeContext, SignedIn } from '../kit.ts';
import { actionButton, filterBar, inputControl, reasonFields, selectControl, supplementRows, type Typed } from './forms.ts';
import { claimText, failureBox, fmtDate, formBasics, label, layout, notice, pager } from './layout.ts';

type Claim = { mine: boolean; since: string; until: string } | null;
interface Issue {
  path: string;
  code: string;
  reason: string;
  reasonVi: string;
}

/** What an action the API refused leaves for the page: the refusal, which item, what was typed, in which form. */
export interface Refused {
  readonly failure: ApiFailure;
  readonly itemId: string;
  readonly form: string;
  readonly typed: Typed;
}

const reasonOf = (c: OfficeContext, i: Issue) => (c.lang === 'vi' ? i.reasonVi : i.reason);

/** The fields of a birth declaration an officer may ask the citizen to provide again or prove. */
export const BIRTH_SUPPLEMENT_PATHS: readonly (readonly [string, OfficeKey])[] = [
  ['declaration.child.fullName', 'path.child.fullName'],
  ['declaration.child.dateOfBirth', 'path.child.dateOfBirth'],
  ['declaration.child.placeOfBirth', 'path.child.placeOfBirth'],
  ['declaration.mother.pin', 'path.mother.pin'],
  ['declaration.father.pin', 'path.father.pin'],
  ['declaration.declarant.pin', 'path.declarant.pin'],
  ['declaration.residence.householdOf', 'path.residence.householdOf'],
  ['declaration.healthInsurance.initialFacilityCode', 'path.healthInsurance.initialFacilityCode'],
];

function decisionBlock(c: SignedIn, id: string, refused: Refused | undefined, forms: { key: string; title: OfficeKey; body: Html }[]): Html {
  const open = refused?.itemId === id;
  return html`<details class="decide"${open ? html` open` : ''}><summary>${c.t('decide')}</summary>
${forms.map((f) => html`<section class="decision" aria-labelledby="h-${f.key}-${id}"><h3 class="h4" id="h-${f.key}-${id}">${c.t(f.title)}</h3>${f.body}</section>`)}
</details>`;
}

const typedFor = (refused: Refused | undefined, id: string, form: string): Typed => (refused && refused.itemId === id && refused.form === form ? refused.typed : {});

// ——— civil registry: births the checks sent to an officer ———

export interface ReviewItem {
  id: string;
  dossierId: string;
  receivedAt: string;
  provinceCode: string;
  child: { fullName: string; sex: string; dateOfBirth: string; placeOfBirth: string };
  motherPin: string;
  findings: Issue[];
  supplement: { fields: Issue[]; requestedBy: string; requestedAt: string; answers: Record<string, unknown> | null } | null;
  claim: Claim;
  /** Present when the API says so (a supplement answered comes back flagged). */
  answered?: boolean;
  status?: string;
}

export interface ListState {
  readonly page: number;
  readonly pageSize: number;
  readonly base: string;
  readonly done?: string | undefined;
  readonly refused?: Refused | undefined;
}

export const ANSWERED = ['', 'true', 'false'] as const;

const answeredControl = (c: OfficeContext, value: string | undefined) =>
  selectControl(c, 'f-answered', 'answered', 'filterAnswered', value, [
    ['', c.t('answeredAll')],
    ['true', c.t('answeredOnly')],
    ['false', c.t('answeredNot')],
  ]);

/** Flags an item carries: back with the citizen's answer, past its deadline. */
const flags = (c: OfficeContext, r: { answered?: boolean; overdue?: boolean }) =>
  html`${r.answered ? html` <span class="flag flag-answered" data-flag="answered">${c.t('flagAnswered')}</span>` : ''}${r.overdue ? html` <span class="flag flag-overdue" data-flag="overdue">${c.t('overdue')}</span>` : ''}`;

export function reviewsPage(c: SignedIn, items: readonly ReviewItem[], s: ListState, filters: { answered?: string | undefined }): Html {
  const { t } = c;
  const back = s.base;
  const list = items.length
    ? html`<ol class="worklist">${items.map((r) => {
        const action = `/office/reviews/${r.id}`;
        const claimId = `claim-${r.id}`;
        const decide = !r.claim || r.claim.mine;
        return html`<li class="item" id="item-${r.id}" data-item="${r.id}">
<h2 class="h3">${r.child.fullName}${flags(c, r)}</h2>
<dl class="facts">
<div><dt>${t('received')}</dt><dd>${fmtDate(r.receivedAt, c)}</dd></div>
<div><dt>${t('childBorn')}</dt><dd>${fmtDate(r.child.dateOfBirth, c)} · ${label(c, 'sex', r.child.sex)} · ${r.child.placeOfBirth}</dd></div>
<div><dt>${t('motherPin')}</dt><dd>${r.motherPin}</dd></div>
<div><dt>${t('province')}</dt><dd>${r.provinceCode}</dd></div>
<div><dt>${t('claim')}</dt><dd id="${claimId}">${claimText(c, r.claim)}</dd></div>
</dl>
${r.findings.length ? html`<h3 class="h4">${t('findings')}</h3><ul class="findings">${r.findings.map((f) => html`<li>${reasonOf(c, f)}</li>`)}</ul>` : ''}
${r.supplement ? supplementBox(c, r.supplement) : ''}
<div class="item-actions">
${r.claim?.mine ? actionButton(c, action, back, 'release', t('release'), { secondary: true, describedBy: claimId }) : actionButton(c, action, back, 'claim', t('claimAction'), { describedBy: claimId })}
<a class="button secondary" href="/office/dossiers/${r.dossierId}">${t('openDossier')}</a>
</div>
${
  decide
    ? decisionBlock(c, r.id, s.refused, [
        { key: 'approve', title: 'approveTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="approve"><div class="field"><label for="note-${r.id}">${t('note')} <span class="muted">${t('optional')}</span></label><input id="note-${r.id}" name="note" type="text" maxlength="1000" value="${typedFor(s.refused, r.id, 'approve').note ?? ''}"></div><button type="submit">${t('approve')}</button></form>` },
        { key: 'refuse', title: 'refuseTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="refuse">${reasonFields(c, `refuse-${r.id}`, typedFor(s.refused, r.id, 'refuse'), true)}<button type="submit" class="danger">${t('refuse')}</button></form>` },
        { key: 'supplement', title: 'supplementTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="request-supplement">${supplementRows(c, `sup-${r.id}`, BIRTH_SUPPLEMENT_PATHS, typedFor(s.refused, r.id, 'request-supplement'))}<button type="submit" class="secondary">${t('requestSupplement')}</button></form>` },
      ])
    : html`<p class="hint">${t('claimedElsewhere')}</p>`
}
</li>`;
      })}</ol>`
    : html`<p class="empty">${t('nothingWaiting')}</p>`;
  return layout(c, t('reviewsTitle'), html`${notice(c, s.done)}${failureBox(c, s.refused?.failure)}<p>${t('reviewsIntro')}</p>${filterBar(c, '/office/reviews', [answeredControl(c, filters.answered)])}${list}${pager(c, s.base, s.page, items.length === s.pageSize)}`, { wide: true });
}

function supplementBox(c: OfficeContext, sup: NonNullable<ReviewItem['supplement']>): Html {
  const { t } = c;
  const answers = sup.answers ? Object.entries(sup.answers) : [];
  return html`<div class="supplement-box"><h3 class="h4">${sup.answers ? t('supplementAnswered') : t('supplementAsked')}</h3>
<ul>${sup.fields.map((f) => html`<li><span class="mono">${f.path}</span>: ${reasonOf(c, f)}</li>`)}</ul>
<p class="hint">${t('askedBy', { who: sup.requestedBy, at: fmtDate(sup.requestedAt, c) })}</p>
${answers.length ? html`<dl class="facts">${answers.map(([k, v]) => html`<div><dt class="mono">${k}</dt><dd>${typeof v === 'string' ? v : JSON.stringify(v)}</dd></div>`)}</dl>` : ''}
</div>`;
}

// ——— social security: HI cards awaiting the collector's check or the director's approval ———

export interface HiCardItem {
  id: string;
  kind: string;
  dossierId: string;
  provinceCode: string;
  status: string;
  receivedAt: string;
  deadline: string;
  child: { pin: string; fullName: string; dateOfBirth: string };
  initialFacilityCode: string;
  claim: Claim;
  decisions: Record<string, unknown>[];
  supplement: Record<string, unknown> | null;
  answered?: boolean;
  overdue?: boolean;
}

export const HI_CARD_STATUSES = ['', 'mine', 'open', 'to-check', 'to-approve', 'awaiting-supplement', 'approved', 'refused'] as const;

const HI_CARD_SUPPLEMENT_PATHS: readonly (readonly [string, OfficeKey])[] = [
  ['declaration.healthInsurance.initialFacilityCode', 'path.healthInsurance.initialFacilityCode'],
  ['declaration.child.fullName', 'path.child.fullName'],
  ['declaration.child.dateOfBirth', 'path.child.dateOfBirth'],
  ['declaration.mother.pin', 'path.mother.pin'],
  ['declaration.father.pin', 'path.father.pin'],
];

export function hiCardsPage(c: SignedIn, items: readonly HiCardItem[], s: ListState, filters: { status?: string | undefined; sort?: string | undefined; answered?: string | undefined }): Html {
  const { t } = c;
  const director = c.session.officer.role === 'vss-director';
  const back = s.base;
  const list = items.length
    ? html`<ol class="worklist">${items.map((r) => {
        const action = `/office/hi-cards/${r.id}`;
        const claimId = `claim-${r.id}`;
        const open = r.status === 'to-check' || r.status === 'to-approve';
        const forward = director ? { key: 'approve', title: 'approveCardTitle' as const, act: 'approve', text: t('approveCard') } : { key: 'submit', title: 'submitTitle' as const, act: 'submit-for-approval', text: t('submitForApproval') };
        return html`<li class="item" id="item-${r.id}" data-item="${r.id}">
<h2 class="h3">${r.child.fullName} <span class="status status-${r.status}">${label(c, 'itemStatus', r.status)}</span>${flags(c, r)}</h2>
<dl class="facts">
<div><dt>${t('childPin')}</dt><dd>${r.child.pin}</dd></div>
<div><dt>${t('dateOfBirth')}</dt><dd>${fmtDate(r.child.dateOfBirth, c)}</dd></div>
<div><dt>${t('initialFacility')}</dt><dd>${r.initialFacilityCode}</dd></div>
<div><dt>${t('received')}</dt><dd>${fmtDate(r.receivedAt, c)}</dd></div>
<div><dt>${t('deadline')}</dt><dd>${fmtDate(r.deadline, c)}</dd></div>
<div><dt>${t('claim')}</dt><dd id="${claimId}">${claimText(c, r.claim)}</dd></div>
</dl>
${r.decisions.length ? html`<h3 class="h4">${t('decisionsSoFar')}</h3><ul class="findings">${r.decisions.map((d) => html`<li>${label(c, 'decision', String(d.decision ?? ''))} — ${String(d.by ?? '')}, ${fmtDate(String(d.at ?? ''), c)}${d.reason ? html`: ${String(d.reason)}` : ''}</li>`)}</ul>` : ''}
<div class="item-actions">
${open ? (r.claim?.mine ? actionButton(c, action, back, 'release', t('release'), { secondary: true, describedBy: claimId }) : actionButton(c, action, back, 'claim', t('claimAction'), { describedBy: claimId })) : ''}
<a class="button secondary" href="/office/dossiers/${r.dossierId}">${t('openDossier')}</a>
</div>
${
  open && r.claim?.mine
    ? decisionBlock(c, r.id, s.refused, [
        { key: forward.key, title: forward.title, body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="${forward.act}"><button type="submit">${forward.text}</button></form>` },
        { key: 'refuse', title: 'refuseTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="refuse">${reasonFields(c, `refuse-${r.id}`, typedFor(s.refused, r.id, 'refuse'), true)}<button type="submit" class="danger">${t('refuse')}</button></form>` },
        { key: 'supplement', title: 'supplementTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="request-supplement">${supplementRows(c, `sup-${r.id}`, HI_CARD_SUPPLEMENT_PATHS, typedFor(s.refused, r.id, 'request-supplement'))}<button type="submit" class="secondary">${t('requestSupplement')}</button></form>` },
      ])
    : open
      ? html`<p class="hint">${t('claimToDecide')}</p>`
      : ''
}
</li>`;
      })}</ol>`
    : html`<p class="empty">${t('nothingWaiting')}</p>`;
  const bar = filterBar(c, '/office/hi-cards', [
    selectControl(c, 'f-status', 'status', 'filterStatus', filters.status, HI_CARD_STATUSES.map((v) => [v, v ? label(c, 'itemStatus', v) : t(director ? 'waitingDirector' : 'waitingCollector')] as const)),
    selectControl(c, 'f-sort', 'sort', 'sortBy', filters.sort, [
      ['', t('sortDeadline')],
      ['received', t('sortReceived')],
    ]),
    answeredControl(c, filters.answered),
  ]);
  return layout(c, t('hiCardsTitle'), html`${notice(c, s.done)}${failureBox(c, s.refused?.failure)}<p>${t(director ? 'hiCardsIntroDirector' : 'hiCardsIntroCollector')}</p>${bar}${list}${pager(c, s.base, s.page, items.length === s.pageSize)}`, { wide: true });
}

// ——— social security: payments not (wholly) credited ———

export interface PaymentItem {
  id: string;
  kind: string;
  channel: string;
  transactionId: string;
  valueDate: string;
  amount: number;
  credited: number;
  toResolve: number;
  reference: string | null;
  payerName: string | null;
  payerAccount: string | null;
  description: string;
  note: string | null;
  provinceCode: string | null;
  source: string;
  recordedAt: string;
  resolution: Record<string, unknown> | null;
  claim: Claim;
}

export const PAYMENT_KINDS = ['', 'partial', 'overpaid', 'duplicate', 'late', 'unmatched'] as const;
export const PAYMENT_STATUSES = ['', 'mine', 'resolved', 'all'] as const;
export const PAYMENT_CHANNELS = ['', 'bank-transfer', 'cash'] as const;
export const PAYMENT_SORTS = ['', 'received-desc', 'value-date', 'amount', 'amount-desc'] as const;

const vnd = (c: OfficeContext, n: number) => `${n.toLocaleString(c.lang === 'vi' ? 'vi-VN' : 'en-GB')} ₫`;

export function paymentsPage(c: SignedIn, items: readonly PaymentItem[], s: ListState, filters: { kind?: string | undefined; status?: string | undefined; channel?: string | undefined; sort?: string | undefined }): Html {
  const { t } = c;
  const back = s.base;
  const list = items.length
    ? html`<ol class="worklist">${items.map((p) => {
        const action = `/office/payments/${p.id}`;
        const typed = (form: string) => typedFor(s.refused, p.id, form);
        return html`<li class="item" id="item-${p.id}" data-item="${p.id}">
<h2 class="h3">${vnd(c, p.amount)} <span class="status status-${p.kind}">${label(c, 'paymentKind', p.kind)}</span></h2>
<dl class="facts">
<div><dt>${t('valueDate')}</dt><dd>${fmtDate(p.valueDate, c)}</dd></div>
<div><dt>${t('reference')}</dt><dd class="mono">${p.reference ?? '—'}</dd></div>
<div><dt>${t('credited')}</dt><dd>${vnd(c, p.credited)}</dd></div>
<div><dt>${t('toResolve')}</dt><dd><strong>${vnd(c, p.toResolve)}</strong></dd></div>
<div><dt>${t('channel')}</dt><dd>${label(c, 'channel', p.channel)} · <span class="mono">${p.transactionId}</span></dd></div>
<div><dt>${t('payer')}</dt><dd>${p.payerName ?? '—'}${p.payerAccount ? ` (…${p.payerAccount})` : ''}</dd></div>
<div><dt>${t('transferText')}</dt><dd>${p.description}</dd></div>
${p.note ? html`<div><dt>${t('note')}</dt><dd>${p.note}</dd></div>` : ''}
${p.resolution ? '' : html`<div><dt>${t('claim')}</dt><dd id="claim-${p.id}">${claimText(c, p.claim)}</dd></div>`}
</dl>
${p.resolution ? html`<p class="resolution">${t('resolvedAs', { action: label(c, 'resolution', String(p.resolution.action ?? '')), by: String(p.resolution.by ?? ''), at: fmtDate(String(p.resolution.at ?? ''), c) })}</p>` : ''}
${
  p.resolution
    ? ''
    : html`<div class="item-actions">${p.claim?.mine ? actionButton(c, action, back, 'release', t('release'), { secondary: true, describedBy: `claim-${p.id}` }) : actionButton(c, action, back, 'claim', t('claimAction'), { describedBy: `claim-${p.id}` })}</div>
${p.claim?.mine ? decisionBlock(c, p.id, s.refused, [
  { key: 'refund', title: 'refundTitle', body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="refund">${reasonFields(c, `refund-${p.id}`, typed('refund'), true)}<button type="submit">${t('refund')}</button></form>` },
  {
    key: 'assign',
    title: 'assignTitle',
    body: html`<form method="post" action="${action}" data-submit-once>${formBasics(c, back)}<input type="hidden" name="_action" value="assign">${inputControl(c, `assign-ref-${p.id}`, 'reference', 'reference', typed('assign').reference, html`type="text" required pattern="BHXHTN\\d{13}" maxlength="19" autocomplete="off"`, 'referenceHint')}${reasonFields(c, `assign-${p.id}`, typed('assign'), true)}<button type="submit">${t('assign')}</button></form>`,
  },
]) : html`<p class="hint">${t('claimToDecide')}</p>`}`
}
</li>`;
      })}</ol>`
    : html`<p class="empty">${t('nothingWaiting')}</p>`;
  const bar = filterBar(c, '/office/payments', [
    selectControl(c, 'f-kind', 'kind', 'filterKind', filters.kind, PAYMENT_KINDS.map((v) => [v, v ? label(c, 'paymentKind', v) : t('allKinds')] as const)),
    selectControl(c, 'f-status', 'status', 'filterStatus', filters.status, PAYMENT_STATUSES.map((v) => [v, t(v === '' ? 'paymentsOpen' : v === 'mine' ? 'paymentsMine' : v === 'resolved' ? 'paymentsResolved' : 'paymentsAll')] as const)),
    selectControl(c, 'f-channel', 'channel', 'channel', filters.channel, PAYMENT_CHANNELS.map((v) => [v, v ? label(c, 'channel', v) : t('allChannels')] as const)),
    selectControl(c, 'f-sort', 'sort', 'sortBy', filters.sort, [
      ['', t('sortReceived')],
      ['received-desc', t('sortReceivedNewest')],
      ['value-date', t('sortValueDate')],
      ['amount', t('sortAmount')],
      ['amount-desc', t('sortAmountDesc')],
    ]),
  ]);
  return layout(c, t('paymentsTitle'), html`${notice(c, s.done)}${failureBox(c, s.refused?.failure)}<p>${t('paymentsIntro')}</p>${bar}${list}${pager(c, s.base, s.page, items.length === s.pageSize)}`, { wide: true });
}
