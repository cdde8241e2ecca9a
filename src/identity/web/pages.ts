import type { FieldError } from '../../kernel/errors.ts';

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}input{display:block;width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}.en{display:block;font-weight:400;color:#555}
.error{border:2px solid #b00020;padding:.5rem 1rem;color:#b00020}.field-error{color:#b00020;font-weight:400}`;

/** A page in Vietnamese first, with the English beneath each text. */
export function page(titleVi: string, titleEn: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(titleVi)} · ${esc(titleEn)}</title><style>${STYLE}</style></head>
<body><main><h1>${esc(titleVi)} <span class="en" lang="en">${esc(titleEn)}</span></h1>${body}</main></body></html>`;
}

const bi = (vi: string, en: string) => `${esc(vi)} <span class="en" lang="en">${esc(en)}</span>`;

export interface LoginForm {
  readonly action: string;
  readonly csrf: string;
  readonly pin?: string;
  /** A refusal to show above the form (never which of the three was wrong). */
  readonly error?: { vi: string; en: string };
  readonly fields?: readonly FieldError[];
}

function input(name: string, labelVi: string, labelEn: string, attrs: string, fields: readonly FieldError[]): string {
  const err = fields.find((f) => f.path === name);
  const describedBy = err ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  return `<label for="${name}">${bi(labelVi, labelEn)}</label><input id="${name}" name="${name}" ${attrs}${describedBy}>${
    err ? `<span id="${name}-error" class="field-error">${bi(err.reasonVi, err.reason)}</span>` : ''
  }`;
}

/** The built-in identity provider's sign-in form: PIN, password, and the code from an authenticator app. */
export function loginPage(f: LoginForm): string {
  const fields = f.fields ?? [];
  return page(
    'Đăng nhập',
    'Sign in',
    `${f.error ? `<p class="error" role="alert">${bi(f.error.vi, f.error.en)}</p>` : ''}
<form method="post" action="${esc(f.action)}" novalidate>
<input type="hidden" name="_csrf" value="${esc(f.csrf)}">
${input('pin', 'Số định danh cá nhân', 'Personal identification number', `type="text" inputmode="numeric" autocomplete="username" pattern="\\d{12}" maxlength="12" required value="${esc(f.pin ?? '')}"`, fields)}
${input('password', 'Mật khẩu', 'Password', 'type="password" autocomplete="current-password" maxlength="256" required', fields)}
${input('totp', 'Mã xác thực (6 chữ số trên ứng dụng xác thực)', 'One-time code (6 digits from your authenticator app)', 'type="text" inputmode="numeric" autocomplete="one-time-code" pattern="\\d{6}" maxlength="6" required', fields)}
<button type="submit">${bi('Đăng nhập', 'Sign in')}</button>
</form>`,
  );
}

/** A page that says what went wrong and how to go on, with no internals. */
export function messagePage(titleVi: string, titleEn: string, textVi: string, textEn: string, extra = ''): string {
  return page(titleVi, titleEn, `<p role="status">${bi(textVi, textEn)}</p>${extra}`);
}

/** A signed-in citizen's page: the sign-out button (POST with the session's CSRF token). */
export function signedInPage(csrf: string): string {
  return messagePage(
    'Đã đăng nhập',
    'Signed in',
    'Bạn đã đăng nhập vào cổng dịch vụ công liên thông.',
    'You are signed in to the interlinked public services portal.',
    `<p><a href="/portal">${bi('Đến cổng dịch vụ công', 'Go to the portal')}</a></p><form method="post" action="/auth/sign-out"><input type="hidden" name="_csrf" value="${esc(csrf)}"><button type="submit">${bi('Đăng xuất', 'Sign out')}</button></form>`,
  );
}
