import type { OfficerRole } from '../../../platform/auth/principal.ts';
import type { Queryable } from '../../../platform/db/db.ts';
import type { Period, PeriodKind } from './period.ts';

export type Cell = string | number | null;
export type Row = Readonly<Record<string, Cell>>;
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/**
 * One column of a report, as data: change a layout by editing the list (order, header, width) — the writers and the
 * totals read nothing else. `source` says where the value comes from, for docs/reports.md and whoever checks a figure.
 */
export interface Column {
  readonly key: string;
  readonly header: Bilingual;
  /** Width in characters (XLSX); the PDF shares the page in proportion. */
  readonly width: number;
  readonly type: 'text' | 'date' | 'integer' | 'money';
  readonly source: string;
  /** What the totals row shows under it: the sum of the values, or how many rows have one. */
  readonly total?: 'sum' | 'count';
}

/** Where a report is drawn for: a province, narrowed to a district or a commune for reports that hold those. */
export interface Area {
  readonly provinceCode: string;
  readonly districtCode?: string | undefined;
  readonly communeCode?: string | undefined;
}

export interface ReportDefinition {
  readonly code: string;
  readonly title: Bilingual;
  /** Who it is for, and the form it stands in for. */
  readonly purpose: Bilingual;
  readonly legalBasis: string;
  readonly periods: readonly PeriodKind[];
  readonly roles: readonly OfficerRole[];
  /** Whether the rows carry district and commune (card reports do; money reports know only the province). */
  readonly subAreas: boolean;
  readonly columns: readonly Column[];
  /** The rows, each an object keyed by the columns' keys. */
  query(tx: Queryable, area: Area, period: Period): Promise<Row[]>;
}

/**
 * The key under which a report's query may give, beside the columns, the PIN of the person a row lists. It is never
 * laid out (it is no column: the service keeps only the columns' keys), only used to record, for each person listed,
 * that the report was drawn (reports/service.ts).
 */
export const SUBJECT_PIN = 'subjectPin';

/** The totals row: for each column with a `total`, the sum of its values or the count of rows that have one. */
export function totalsOf(columns: readonly Column[], rows: readonly Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of columns) {
    if (!c.total) continue;
    let t = 0;
    for (const r of rows) {
      const v = r[c.key];
      if (v === null || v === undefined || v === '') continue;
      t += c.total === 'count' ? 1 : Number(v);
    }
    out[c.key] = t;
  }
  return out;
}
