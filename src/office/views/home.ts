import { html, type Html } from '../../portal/html.ts';
import type { OfficeContext, SignedIn } from '../kit.ts';
import { layout, menuFor, notice } from './layout.ts';

export interface SignInForm {
  readonly csrf: string;
  readonly next: string;
  readonly username?: string;
  /** Which fields are wrong (shape only: a refused sign-in never says which of the three was wrong). */
  readonly fields?: readonly ('username' | 'password' | 'totp')[];
  readonly failed?: 'credentials' | 'expired' | 'rate-limited' | null;
  readonly info?: 'signed-out' | 'session-ended' | null;
}

/**
 * The officer sign-in form: username, password, the 6-digit code of the authenticator app. Labelled fields with
 * `autocomplete` hints, errors tied to their fields, an error summary that takes focus.
 */
export function signInPage(c: OfficeContext, f: SignInForm): Html {
  const { t } = c;
  const bad = new Set(f.fields ?? []);
  const field = (name: 'username' | 'password' | 'totp', type: string, extra: Html) => {
    const err = bad.has(name) ? t(name === 'username' ? 'errUsername' : name === 'password' ? 'errPassword' : 'errTotp') : '';
    return html`<div class="field${err ? ' has-error' : ''}">
<label for="${name}">${t(name === 'username' ? 'username' : name === 'password' ? 'password' : 'totp')}</label>
${name === 'totp' ? html`<p class="hint" id="totp-hint">${t('totpHint')}</p>` : ''}
<input id="${name}" name="${name}" type="${type}" ${extra} aria-describedby="${name === 'totp' ? 'totp-hint ' : ''}${name}-error"${err ? html` aria-invalid="true"` : ''} required>
<p class="field-error" id="${name}-error">${err}</p>
</div>`;
  };
  const failed = f.failed
    ? html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary><h2>${t(f.failed === 'credentials' ? 'signInFailed' : f.failed === 'expired' ? 'formExpired' : 'tooManyAttempts')}</h2></div>`
    : bad.size
      ? html`<div class="error-summary" role="alert" tabindex="-1" data-error-summary><h2>${t('fixFields')}</h2><ul>${[...bad].map((n) => html`<li><a href="#${n}">${t(n === 'username' ? 'errUsername' : n === 'password' ? 'errPassword' : 'errTotp')}</a></li>`)}</ul></div>`
      : '';
  const info = f.info ? html`<p class="notice" role="status">${t(f.info === 'signed-out' ? 'signedOut' : 'sessionEnded')}</p>` : '';
  return layout(
    c,
    t('signInTitle'),
    html`${info}${failed}<p>${t('signInIntro')}</p>
<form method="post" action="/office/sign-in" class="narrow" data-submit-once>
<input type="hidden" name="_csrf" value="${f.csrf}"><input type="hidden" name="next" value="${f.next}">
${field('username', 'text', html`autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" value="${f.username ?? ''}"`)}
${field('password', 'password', html`autocomplete="current-password" maxlength="256"`)}
${field('totp', 'text', html`inputmode="numeric" autocomplete="one-time-code" pattern="\\d{6}" maxlength="6"`)}
<div class="actions"><button type="submit">${t('signIn')}</button></div>
</form>`,
  );
}

/** The officer's start page: what their role may open, each with a line saying what it is for. */
export function homePage(c: SignedIn, done: string | undefined): Html {
  const { t } = c;
  return layout(
    c,
    t('homeTitle'),
    html`${notice(c, done)}<ul class="cards">${menuFor(c.session.officer).map((m) => html`<li><a href="${m.href}">${t(m.key)}</a><p>${t(m.hint)}</p></li>`)}</ul>`,
  );
}
