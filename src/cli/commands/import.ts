import { populationImport } from '../../agencies/population/import.ts';
import { siRecordsImport } from '../../agencies/social-security/import.ts';
import { bankStatementImport } from '../../agencies/social-security/payments/bank-statement-import.ts';
import { poorHouseholdsImport } from '../../agencies/social-security/poor-households-import.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import { importCsv } from '../../platform/import/csv-import.ts';
import { importJsonl, type ImportReport, type ImportTarget } from '../../platform/import/jsonl-import.ts';
import { progressBar } from '../progress.ts';

export const IMPORT_KINDS = ['population', 'si-records', 'poor-households', 'bank-statement'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
type JsonlKind = Exclude<ImportKind, 'bank-statement'>;

export function importTarget(kind: JsonlKind, clock: Clock): ImportTarget<unknown> {
  const targets = { population: () => populationImport(clock.now()), 'si-records': () => siRecordsImport(), 'poor-households': () => poorHouseholdsImport() };
  return targets[kind]() as ImportTarget<unknown>;
}

/** Imports one file with a progress bar and prints what happened, bad lines by number and field. */
export async function runImport(db: Db, kind: ImportKind, file: string, clock: Clock, out: (s: string) => void = console.log): Promise<ImportReport> {
  const bar = progressBar(`import ${kind}`, 'bytes');
  const progress = (read: number, total: number, r: ImportReport) =>
    bar.update(read, total, `${r.inserted} new, ${r.updated} changed, ${r.unchanged} unchanged, ${r.bad.length} bad`);
  let report: ImportReport;
  if (kind === 'bank-statement') {
    const target = bankStatementImport(clock, file);
    report = await importCsv(db, file, target, progress);
    bar.stop();
    const t = target.tally;
    out(`bank-statement: ${report.lines} transactions — ${report.inserted} new, ${report.unchanged} already imported, ${report.bad.length} bad`);
    out(`  of the new: ${t.matched} matched and ${t.overpaid} overpaid (a voucher each), ${t.partial} partial, ${t.duplicate} duplicate, ${t.late} late, ${t.unmatched} unmatched`);
    const listed = t.partial + t.overpaid + t.duplicate + t.late + t.unmatched;
    if (listed) out(`  ${listed} listed for an officer: GET /api/v1/agencies/social-security/payments/exceptions`);
  } else {
    report = await importJsonl(db, file, importTarget(kind, clock), progress);
    bar.stop();
    out(`${kind}: ${report.lines} lines — ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged, ${report.bad.length} bad`);
  }
  for (const b of report.bad.slice(0, 50)) out(`  line ${b.line}: ${b.errors.map((e) => `${e.path || '(line)'}: ${e.reason}`).join('; ')}`);
  if (report.bad.length > 50) out(`  … and ${report.bad.length - 50} more bad lines`);
  return report;
}
