import type { Area, Bilingual, ReportDefinition, Row } from './definition.ts';
import type { Period } from './period.ts';

/** A report drawn: what the XLSX and PDF writers lay out, and nothing else. */
export interface DrawnReport {
  readonly definition: ReportDefinition;
  readonly area: Area;
  readonly period: Period;
  readonly rows: readonly Row[];
  readonly totals: Readonly<Record<string, number>>;
  /** Vietnam date the report was drawn. */
  readonly drawnOn: string;
}

export const AGENCY: Bilingual = { vi: 'BẢO HIỂM XÃ HỘI VIỆT NAM', en: 'Vietnam Social Security' };
export const TOTAL_LABEL: Bilingual = { vi: 'Tổng cộng', en: 'Total' };

/** The lines of the title block, the same in both formats. */
export function titleLines(r: DrawnReport): string[] {
  const a = r.area;
  const where = [`tỉnh/thành phố mã ${a.provinceCode}`, a.districtCode ? `quận/huyện mã ${a.districtCode}` : '', a.communeCode ? `xã/phường mã ${a.communeCode}` : ''].filter(Boolean).join(', ');
  const whereEn = [`province ${a.provinceCode}`, a.districtCode ? `district ${a.districtCode}` : '', a.communeCode ? `commune ${a.communeCode}` : ''].filter(Boolean).join(', ');
  return [
    `${AGENCY.vi} — BHXH tỉnh mã ${a.provinceCode} / ${AGENCY.en}, province ${a.provinceCode}`,
    `Mẫu ${r.definition.code}: ${r.definition.title.vi}`,
    r.definition.title.en,
    `Địa bàn / Area: ${where} (${whereEn})`,
    `Kỳ báo cáo / Period: ${r.period.label.vi} (${r.period.label.en}) — ${r.period.from} → ${r.period.to}`,
    `Lập ngày / Drawn on: ${r.drawnOn} · ${r.definition.purpose.vi} · Căn cứ / Basis: ${r.definition.legalBasis}`,
  ];
}
