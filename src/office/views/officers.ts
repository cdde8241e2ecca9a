import { AGENCIES } from '../../contracts/parts.ts';
import { OFFICER_ROLES } from '../../platform/auth/principal.ts';
import { html, type Html } from '../../portal/html.ts';
import type { ApiFailure } from '../api.ts';
import type { SignedIn } from '../kit.ts';
import { actionButton, selectControl, type Typed } from './forms.ts';
import { failureBox, fmtDate, label, layout, notice, pager } from './layout.ts';

export interface OfficerRow {
  username: string;
  agency: string;
  role: string;
  area: { provinceCode: string; districtCode: string | null; communeCode: string | null };
  status: string;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Credentials {
  username: string;
  initialPassword: string;
  totpUri: string;
}

/**
 * Officer accounts (IT operator): the list, page by page, with disable, unlock and new credentials on each; and
 * the form for a new account. An agency's operator sees and manages that agency's accounts only (the API's rule).
 */
export function officersPage(c: SignedIn, v: { items: OfficerRow[]; total: number }, s: { page: number; pageSize: number; done?: string | undefined; failure?: ApiFailure | undefined; typed?: Typed | undefined }): Html {
  const { t } = c;
  const typed = s.typed ?? {};
  const back = `/office/officers${s.page > 1 ? `?page=${s.page}` : ''}`;
  const me = c.session.officer;
  const agencies = me.agency === 'hub' ? ['hub', ...AGENCIES] : [me.agency];
  const rows = v.items.map(
    (o) => html`<tr data-officer="${o.username}"><th scope="row" class="mono">${o.username}</th><td>${label(c, 'role', o.role)}</td><td>${label(c, 'agency', o.agency)}</td>
<td>${[o.area.provinceCode, o.area.districtCode, o.area.communeCode].filter(Boolean).join(' / ')}</td><td><span class="status status-${o.status}">${label(c, 'account', o.status)}</span></td><td>${fmtDate(o.lastSignInAt, c) || '—'}</td>
<td class="row-actions">${
      o.username === me.username
        ? html`<span class="hint">${t('yourAccount')}</span>`
        : html`${o.status === 'locked' ? actionButton(c, `/office/officers/${o.username}`, back, 'unlock', t('unlock'), { secondary: true }) : ''}${o.status !== 'disabled' ? actionButton(c, `/office/officers/${o.username}`, back, 'disable', t('disable'), { secondary: true }) : ''}${actionButton(c, `/office/officers/${o.username}`, back, 'reset-credentials', t('resetCredentials'), { secondary: true })}`
    }</td></tr>`,
  );
  return layout(
    c,
    t('officersTitle'),
    html`${notice(c, s.done)}${failureBox(c, s.failure)}
<div class="table-wrap" tabindex="0" role="region" aria-label="${t('officersCaption', { n: v.total })}"><table><caption>${t('officersCaption', { n: v.total })}</caption>
<thead><tr><th scope="col">${t('username')}</th><th scope="col">${t('role')}</th><th scope="col">${t('colAgency')}</th><th scope="col">${t('area')}</th><th scope="col">${t('colStatus')}</th><th scope="col">${t('lastSignIn')}</th><th scope="col">${t('colActions')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${pager(c, back, s.page, s.page * s.pageSize < v.total, v.total, s.pageSize)}
<h2 id="new-officer">${t('newOfficer')}</h2>
<form method="post" action="/office/officers" class="narrow" data-submit-once aria-labelledby="new-officer">
<input type="hidden" name="_csrf" value="${c.session.csrf}"><input type="hidden" name="_return" value="${back}">
<div class="field"><label for="n-username">${t('username')}</label><p class="hint" id="n-username-hint">${t('usernameHint')}</p><input id="n-username" name="username" type="text" required maxlength="64" pattern="[a-z0-9._\\-]{3,64}" autocapitalize="none" spellcheck="false" autocomplete="off" value="${typed.username ?? ''}" aria-describedby="n-username-hint"></div>
${selectControl(c, 'n-agency', 'agency', 'colAgency', typed.agency, agencies.map((a) => [a, label(c, 'agency', a)] as const))}
${selectControl(c, 'n-role', 'role', 'role', typed.role, OFFICER_ROLES.map((r) => [r, label(c, 'role', r)] as const))}
<div class="field"><label for="n-province">${t('provinceCode')}</label><input id="n-province" name="provinceCode" type="text" inputmode="numeric" pattern="\\d{2}" maxlength="2" required value="${typed.provinceCode ?? me.provinceCode ?? ''}"></div>
<div class="field"><label for="n-district">${t('districtCode')} <span class="muted">${t('optional')}</span></label><input id="n-district" name="districtCode" type="text" inputmode="numeric" pattern="\\d{3}" maxlength="3" value="${typed.districtCode ?? ''}"></div>
<div class="field"><label for="n-commune">${t('communeCode')} <span class="muted">${t('optional')}</span></label><input id="n-commune" name="communeCode" type="text" inputmode="numeric" pattern="\\d{5}" maxlength="5" value="${typed.communeCode ?? ''}"></div>
<div class="actions"><button type="submit">${t('createAccount')}</button></div>
</form>`,
    { wide: true },
  );
}

/** A new account's (or a reset's) one-time password and TOTP enrolment: shown once, never stored by the page. */
export function credentialsPage(c: SignedIn, cr: Credentials): Html {
  const { t } = c;
  const secret = new URL(cr.totpUri).searchParams.get('secret') ?? '';
  return layout(
    c,
    t('credentialsTitle', { username: cr.username }),
    html`<p class="notice" role="status">${t('credentialsOnce')}</p>
<dl class="facts">
<div><dt>${t('username')}</dt><dd class="mono" data-username>${cr.username}</dd></div>
<div><dt>${t('initialPassword')}</dt><dd class="mono" data-initial-password>${cr.initialPassword}</dd></div>
<div><dt>${t('totpSecret')}</dt><dd class="mono" data-totp-secret>${secret}</dd></div>
<div><dt>${t('totpUri')}</dt><dd class="mono">${cr.totpUri}</dd></div>
</dl>
<p>${t('credentialsHandOver')}</p>
<p><a class="button" href="/office/officers">${t('backToOfficers')}</a></p>`,
  );
}
