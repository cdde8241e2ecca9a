import { createHash } from 'node:crypto';
import type { Verification } from './service.ts';

/**
 * The verification page a phone opens from the QR code: one screen, Vietnamese first and English under it,
 * no script, one inline style allowed by its hash in the page's own Content-Security-Policy.
 */
const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f5f8;color:#111}
main{max-width:32rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1rem 1.2rem;box-shadow:0 1px 4px #0002}
.badge{display:inline-block;padding:.35rem .8rem;border-radius:999px;font-weight:700;margin:.2rem 0}
.ok{background:#d9f5e3;color:#0b6b2f}.no{background:#fde2e1;color:#9b1c16}.warn{background:#fff1d1;color:#7a5300}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem .8rem;margin:1rem 0 0}dt{color:#555}dd{margin:0;font-weight:600}
.en{color:#666;font-size:.85em;font-weight:400}h1{font-size:1.2rem;margin:.2rem 0 .6rem}code{font-size:1.05em}`;

export const VERIFY_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const item = (vi: string, en: string, value: string) => `<dt>${esc(vi)}<br><span class="en">${esc(en)}</span></dt><dd>${value}</dd>`;

export function verificationPage(v: Verification): string {
  const state = v.valid
    ? `<span class="badge ok">✔ Còn hiệu lực · Valid</span>`
    : `<span class="badge warn">⚠ Không còn hiệu lực · No longer valid</span>`;
  return page(
    `Xác thực văn bản ${v.code}`,
    `<div class="card"><span class="badge ok">✔ Văn bản do hệ thống cấp · Genuine</span>
<h1>${esc(v.title.vi)}<br><span class="en">${esc(v.title.en)}</span></h1>${state}
${v.reason ? `<p>${esc(v.reason.vi)}<br><span class="en">${esc(v.reason.en)}</span></p>` : ''}
<dl>${item('Mã xác thực', 'Verification code', `<code>${esc(v.code)}</code>`)}
${item('Cơ quan cấp', 'Issued by', `${esc(v.issuer.name.vi)}<br><span class="en">${esc(v.issuer.name.en)}</span>`)}
${item('Ngày cấp', 'Issued on', esc(dmy(v.issuedOn)))}
${v.number ? item('Số', 'Number', esc(v.number)) : ''}
${v.holder.initials ? item('Người có tên', 'Holder (initials)', esc(v.holder.initials)) : ''}
${v.holder.birthYear ? item('Năm sinh', 'Year of birth', esc(v.holder.birthYear)) : ''}
${item('Kiểm tra ngày', 'Checked on', esc(dmy(v.checkedOn)))}</dl>
<p class="en">Đối chiếu các thông tin trên với văn bản bạn đang cầm. Compare these details with the paper in your hand.</p></div>`,
  );
}

export function notFoundPage(): string {
  return page(
    'Không tìm thấy văn bản',
    `<div class="card"><span class="badge no">✘ Không tìm thấy · Not found</span>
<h1>Mã xác thực không thuộc văn bản nào do hệ thống cấp.<br><span class="en">This code belongs to no document the platform issued.</span></h1>
<p>Kiểm tra lại mã đã nhập. Nếu mã đúng, văn bản có thể là giả mạo.<br><span class="en">Check the code you typed. If it is right, the document may be forged.</span></p></div>`,
  );
}
