import type { Address } from '../../contracts/common.ts';
import type { Bilingual } from '../../platform/documents/model.ts';

/** Words and formats shared by the documents (Vietnamese as printed on official forms, English alongside). */
export const L = (vi: string, en: string): Bilingual => ({ vi, en });

/** 2025-01-20 → 20/01/2025, how Vietnamese documents write a date. */
export const dmy = (iso: string | null | undefined) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—');
/** 2025-02 → 02/2025. */
export const my = (m: string | null | undefined) => (m && /^\d{4}-\d{2}$/.test(m) ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '—');
/** 23400000 → "23.400.000 đồng" (Vietnamese thousands separator). */
export const vnd = (n: number | null | undefined) => (typeof n === 'number' ? `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng` : '—');

export const sexText = (s: string | undefined) => (s === 'male' ? 'Nam / Male' : s === 'female' ? 'Nữ / Female' : '—');

const RELATIONSHIPS: Record<string, string> = {
  mother: 'Mẹ / Mother',
  father: 'Cha / Father',
  grandparent: 'Ông, bà / Grandparent',
  sibling: 'Anh, chị, em / Sibling',
  relative: 'Người thân / Relative',
  guardian: 'Người giám hộ / Guardian',
  spouse: 'Vợ, chồng / Spouse',
  child: 'Con / Child',
  parent: 'Cha, mẹ / Parent',
  grandchild: 'Cháu / Grandchild',
  'father-in-law': 'Cha vợ, cha chồng / Father-in-law',
  'mother-in-law': 'Mẹ vợ, mẹ chồng / Mother-in-law',
  dependant: 'Người nuôi dưỡng / Dependant',
};
export const relationshipText = (r: string | undefined) => (r ? (RELATIONSHIPS[r] ?? r) : '—');

/** An address as printed: its line, else the administrative codes the register holds. */
export function addressText(a: Address | null | undefined): string {
  if (!a) return '—';
  if (a.line) return a.line;
  return [a.communeCode && `mã xã ${a.communeCode}`, a.districtCode && `mã huyện ${a.districtCode}`, `mã tỉnh ${a.provinceCode}`].filter(Boolean).join(', ');
}

/**
 * The commune named in an address line ("Thôn 2, xã Thanh Phong" → "xã Thanh Phong"), if any: the civil registry
 * and the residence registration are the commune's (Law on Civil Status 2014 art. 13; Law on Residence 2020 art. 2.4).
 */
export function communeOf(a: Address | null | undefined): string | null {
  const seg = a?.line?.split(',').map((s) => s.trim()).reverse().find((s) => /^(xã|phường|thị trấn|đặc khu)\s/i.test(s));
  return seg ?? null;
}

/** "xã Thanh Phong" → "Thanh Phong": the place a document is dated at. */
export const placeOf = (commune: string | null) => (commune ? commune.replace(/^(xã|phường|thị trấn|đặc khu)\s+/i, '') : null);

/** A bank account on paper: the bank's BIN and the last four digits only. */
export const maskedAccount = (bankBin: string, account: string) => `${bankBin} · ••••${account.slice(-4)}`;
