import { vnDateOf } from '../../../kernel/dates.ts';
import { AppError, fieldError } from '../../../kernel/errors.ts';
import { recordAll, type AuditRecorder } from '../../../platform/audit/audit-trail.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/db.ts';
import { REPORTS, reportByCode } from './catalogue.ts';
import { SUBJECT_PIN, totalsOf, type Area, type ReportDefinition, type Row } from './definition.ts';
import type { DrawnReport } from './model.ts';
import { isPeriod, parsePeriod } from './period.ts';
import { writePdf } from './pdf.ts';
import { writeXlsx } from './xlsx.ts';

type Officer = Extract<Principal, { kind: 'officer' }>;
export type ReportFormat = 'xlsx' | 'pdf';
export interface ReportQuery {
  period: string;
  provinceCode?: string;
  districtCode?: string;
  communeCode?: string;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Social security's statutory reports (docs/reports.md): drawn for the officer's own province, for a day, a month or a
 * quarter, as XLSX or PDF. A download is a read of personal data: one audit entry for the report (what, where, when, how
 * many rows, no one's PIN), and one `report.listed` entry for each person it lists, so that they can see it.
 */
export class SocialSecurityReports {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit?: AuditRecorder,
  ) {}

  list(officer: Officer) {
    return REPORTS.filter((r) => r.roles.includes(officer.role)).map((r) => ({
      code: r.code,
      title: r.title,
      purpose: r.purpose,
      legalBasis: r.legalBasis,
      periods: [...r.periods],
      roles: [...r.roles],
      subAreas: r.subAreas,
      formats: ['xlsx', 'pdf'],
    }));
  }

  /** The report's rows and totals, checked against the officer's role and province. */
  async draw(officer: Officer, code: string, format: ReportFormat, q: ReportQuery): Promise<DrawnReport> {
    const definition = reportByCode(code);
    if (!definition)
      throw new AppError('VALIDATION_FAILED', [fieldError('code', 'unknown-report', `No report has this code; known: ${REPORTS.map((r) => r.code).join(', ')}.`, `Không có báo cáo mã này; các mã: ${REPORTS.map((r) => r.code).join(', ')}.`)]);
    if (!definition.roles.includes(officer.role))
      throw new AppError('FORBIDDEN', [fieldError('code', 'role-not-allowed', `This report is drawn by: ${definition.roles.join(', ')}.`, `Báo cáo này do các chức danh sau lập: ${definition.roles.join(', ')}.`)]);
    const area = this.areaOf(officer, definition, q);
    const period = parsePeriod(q.period);
    if (!isPeriod(period)) throw new AppError('VALIDATION_FAILED', [period]);
    if (!definition.periods.includes(period.kind))
      throw new AppError('VALIDATION_FAILED', [fieldError('period', 'period-not-allowed', `${definition.code} is drawn by ${definition.periods.join(' or ')}.`, `Mẫu ${definition.code} lập theo ${definition.periods.map((k) => ({ day: 'ngày', month: 'tháng', quarter: 'quý' })[k]).join(' hoặc ')}.`)]);
    const drawnOn = vnDateOf(this.clock.now());
    return this.db.transaction(async (tx) => {
      const raw = await definition.query(tx, area, period);
      const rows = normalise(definition, raw);
      if (this.audit) {
        const purpose = `${definition.code}: ${definition.purpose.en} (${definition.legalBasis})`;
        const resource = `report/${definition.code}/${area.provinceCode}/${period.text}`;
        // The download, once; then each person the report lists, once (a person on several rows is listed once), so that
        // they see at /me/data-access that they were listed in it, by whom and why — in one batch append, not a round
        // trip per row (Decree 13/2023/ND-CP art. 9.1: the data subject's right to know how their data is processed).
        const listed = [...new Set(raw.map((r) => r[SUBJECT_PIN]).filter((p): p is string => typeof p === 'string' && p !== ''))];
        await recordAll(this.audit, tx, [
          { actor: officer, action: 'report.drawn', purpose, resource, details: { code: definition.code, format, area, period: period.text, rows: rows.length } },
          ...listed.map((pin) => ({ actor: officer, action: 'report.listed', purpose, subjectPin: pin, resource, details: { code: definition.code, format, period: period.text } })),
        ]);
      }
      return { definition, area, period, rows, totals: totalsOf(definition.columns, rows), drawnOn };
    });
  }

  async file(officer: Officer, code: string, format: ReportFormat, q: ReportQuery) {
    const drawn = await this.draw(officer, code, format, q);
    const body = format === 'xlsx' ? await writeXlsx(drawn) : await writePdf(drawn);
    const where = [drawn.area.provinceCode, drawn.area.districtCode, drawn.area.communeCode].filter(Boolean).join('-');
    return { body, contentType: CONTENT_TYPES[format], filename: `${drawn.definition.code}_${where}_${drawn.period.text}.${format}` };
  }

  private areaOf(officer: Officer, d: ReportDefinition, q: ReportQuery): Area {
    const provinceCode = q.provinceCode ?? officer.provinceCode;
    if (!provinceCode) throw new AppError('VALIDATION_FAILED', [fieldError('provinceCode', 'required', 'Name the province.', 'Cần chọn tỉnh/thành phố.')]);
    if (officer.provinceCode && officer.provinceCode !== provinceCode)
      throw new AppError('FORBIDDEN', [fieldError('provinceCode', 'outside-area', `Your reports are those of province ${officer.provinceCode}.`, `Anh/chị chỉ được lập báo cáo của tỉnh mã ${officer.provinceCode}.`)]);
    if (!d.subAreas && (q.districtCode || q.communeCode))
      throw new AppError('VALIDATION_FAILED', [
        fieldError(q.districtCode ? 'districtCode' : 'communeCode', 'not-applicable', `${d.code} is drawn by province only: the payments record no district or commune.`, `Mẫu ${d.code} chỉ lập theo tỉnh: khoản nộp không ghi quận/huyện, xã/phường.`),
      ]);
    return { provinceCode, districtCode: q.districtCode, communeCode: q.communeCode };
  }
}

/** Numbers as numbers (the database gives bigints as text). */
function normalise(d: ReportDefinition, rows: Row[]): Row[] {
  const numeric = d.columns.filter((c) => c.type === 'integer' || c.type === 'money').map((c) => c.key);
  return rows.map((r) => {
    const o: Record<string, string | number | null> = {};
    for (const c of d.columns) o[c.key] = r[c.key] ?? null;
    for (const k of numeric) if (o[k] !== null) o[k] = Number(o[k]);
    return o;
  });
}
