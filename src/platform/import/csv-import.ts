import { createReadStream, statSync } from 'node:fs';
import type { Db } from '../db/db.ts';
import { ImportBatch, type ImportReport, type ImportTarget } from './jsonl-import.ts';

/** An import whose file is CSV: the columns it needs, by header name; other columns are ignored. */
export interface CsvImportTarget<R> extends ImportTarget<R> {
  readonly columns: readonly string[];
}

/**
 * A streaming RFC 4180 reader: comma-separated, fields in double quotes may hold commas, line breaks and doubled
 * quotes (""); CRLF or LF line ends; a UTF-8 byte-order mark is skipped. Each record comes with the line it starts on.
 */
export class CsvReader {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private started = false;
  private out: { line: number; fields: string[] }[] = [];

  push(chunk: string): { line: number; fields: string[] }[] {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (!this.started) {
        this.started = true;
        if (c === '\uFEFF') continue;
      }
      if (this.quoted) {
        if (c === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else {
          if (c === '\n') this.line++;
          this.field += c;
        }
        continue;
      }
      if (c === '"') {
        if (this.afterQuote) this.field += '"'; // a doubled quote inside a quoted field
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (c === ',') {
        this.record.push(this.field);
        this.field = '';
      } else if (c === '\n') {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else if (c !== '\r') {
        this.field += c; // a CR outside quotes belongs to the line end
      }
    }
    const done = this.out;
    this.out = [];
    return done;
  }

  end(): { line: number; fields: string[] }[] {
    if (this.field !== '' || this.record.length > 0) this.endRecord();
    const done = this.out;
    this.out = [];
    return done;
  }

  private endRecord() {
    this.record.push(this.field);
    this.field = '';
    const blank = this.record.length === 1 && this.record[0]!.trim() === '';
    if (!blank) this.out.push({ line: this.recordLine, fields: this.record });
    this.record = [];
  }
}

/**
 * Reads a CSV file with a header row and applies its good records in batches, each batch in one transaction, as
 * importJsonl does: a bad record is reported by its line and field and skipped. A header lacking a needed column
 * is reported on line 1 and nothing is imported.
 */
export async function importCsv<R>(
  db: Db,
  file: string,
  target: CsvImportTarget<R>,
  onProgress?: (bytesRead: number, totalBytes: number, report: ImportReport) => void,
  batchSize = 200,
): Promise<ImportReport> {
  const total = statSync(file).size;
  const report: ImportReport = { lines: 0, inserted: 0, updated: 0, unchanged: 0, bad: [] };
  const reader = new CsvReader();
  let header: Map<string, number> | null = null;
  let stop = false;
  let bytes = 0;
  const batch = new ImportBatch(db, target, report, () => onProgress?.(bytes, total, report));
  const take = async (records: { line: number; fields: string[] }[]) => {
    for (const r of records) {
      if (stop) return;
      if (!header) {
        header = new Map(r.fields.map((h, i) => [h.trim().toLowerCase(), i]));
        const missing = target.columns.filter((c) => !header!.has(c));
        if (missing.length) {
          report.bad.push({ line: r.line, errors: missing.map((c) => ({ path: c, code: 'missing-column', reason: `The header has no column ${c}.`, reasonVi: `Dòng tiêu đề thiếu cột ${c}.` })) });
          stop = true;
        }
        continue;
      }
      report.lines++;
      const cols: Map<string, number> = header;
      const value = Object.fromEntries(target.columns.map((c) => [c, (r.fields[cols.get(c)!] ?? '').trim()]));
      const checked = target.check(value);
      if ('errors' in checked) report.bad.push({ line: r.line, errors: checked.errors });
      else batch.push(r.line, checked.record);
      if (batch.size >= batchSize) await batch.flush();
    }
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    bytes += Buffer.byteLength(chunk as string, 'utf8');
    await take(reader.push(chunk as string));
    if (stop) break;
  }
  if (!stop) await take(reader.end());
  if (!stop) await batch.flush();
  report.bad.sort((a, b) => a.line - b.line);
  onProgress?.(total, total, report);
  return report;
}
