import type { Area } from './definition.ts';

/**
 * The area filter of the card reports, on the D103-TS listing row (alias `l`), which records the province, district
 * and commune of the child's residence when the card was issued. Parameters $1–$3; the caller's start at $4.
 */
export const CARD_AREA_SQL = `l.province_code = $1 AND ($2::text IS NULL OR l.district_code = $2) AND ($3::text IS NULL OR l.commune_code = $3)`;
export const cardAreaParams = (a: Area) => [a.provinceCode, a.districtCode ?? null, a.communeCode ?? null];

/** The money reports know only the province of the payment reference (voluntary_dues.province_code). */
export const MONEY_AREA_SQL = `d.province_code = $1`;
