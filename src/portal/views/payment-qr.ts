import { formatVnd } from '../../kernel/rules/voluntary-money.ts';
import { qrDataUrl } from '../../platform/documents/qr-svg.ts';
import { html, type Html } from '../html.ts';
import type { PageContext } from './layout.ts';

export interface PaymentQr {
  /** The VietQR (EMVCo) payload social security sent with the due. */
  readonly payload: string;
  readonly amount: number;
  readonly account: string;
  readonly reference: string;
  /** Makes the payload field's id unique on the page. */
  readonly id: string;
}

/**
 * A due's VietQR code as an image — an SVG drawn here from the payload social security sent (platform/documents/qr-svg.ts,
 * no other service), in an `<img>` whose alt text names the amount, the account and the reference — and the payload as
 * text to copy. Shared by the dossier page (the first payment) and the participant's voluntary SI page (every due).
 */
export function paymentQrHtml(c: PageContext, q: PaymentQr): Html {
  const { t, lang } = c;
  const alt = t('qrAlt', { amount: formatVnd(q.amount, lang), account: q.account, reference: q.reference });
  return html`<figure class="qr"><img src="${qrDataUrl(q.payload)}" alt="${alt}" width="240" height="240" data-payment-qr><figcaption>${t('qrHelp')}</figcaption></figure>
<div class="field"><label for="qr-payload-${q.id}">${t('qrPayload')}</label><textarea id="qr-payload-${q.id}" readonly rows="3" data-qr-payload>${q.payload}</textarea></div>`;
}
