import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Db, Queryable } from '../db/db.ts';
import type { FieldError } from '../../kernel/errors.ts';

export type Outcome = 'inserted' | 'updated' | 'unchanged';

/** What an agency provides to import a JSON-Lines file of its records. */
export interface ImportTarget<R> {
  readonly name: string;
  /** Schema and rules for one line; no I/O. */
  check(value: unknown): { record: R } | { errors: FieldError[] };
  /** Writes a batch in one transaction; per record, what happened or why it was refused. */
  apply(tx: Queryable, batch: R[]): Promise<(Outcome | FieldError[])[]>;
}

export interface BadLine {
  readonly line: number;
  readonly errors: readonly FieldError[];
}

export interface ImportReport {
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  bad: BadLine[];
}

/**
 * Reads a JSON-Lines file and applies its good lines in batches, each batch in one transaction.
 * A bad line is reported by number and field and skipped; the good ones go in. Upserts that
 * compare before they write make re-importing the same file change nothing.
 */
export async function importJsonl<R>(
  db: Db,
  file: string,
  target: ImportTarget<R>,
  onProgress?: (bytesRead: number, totalBytes: number, report: ImportReport) => void,
  batchSize = 500,
): Promise<ImportReport> {
  const total = statSync(file).size;
  const report: ImportReport = { lines: 0, inserted: 0, updated: 0, unchanged: 0, bad: [] };
  const stream = createReadStream(file, { encoding: 'utf8' });
  let bytes = 0;
  const batch = new ImportBatch(db, target, report, () => onProgress?.(bytes, total, report));
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    report.lines++;
    bytes += Buffer.byteLength(text, 'utf8') + 1;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      report.bad.push({ line: report.lines, errors: [{ path: '', code: 'json', reason: 'The line is not valid JSON.', reasonVi: 'Dòng không phải JSON hợp lệ.' }] });
      continue;
    }
    const checked = target.check(value);
    if ('errors' in checked) report.bad.push({ line: report.lines, errors: checked.errors });
    else batch.push(report.lines, checked.record);
    if (batch.size >= batchSize) await batch.flush();
  }
  await batch.flush();
  report.bad.sort((a, b) => a.line - b.line);
  onProgress?.(total, total, report);
  return report;
}

/**
 * Records checked line by line, applied in batches of one transaction each; each record's outcome is counted in the
 * report, and a record the target refuses is reported with its line. Shared by the JSONL and CSV imports.
 */
export class ImportBatch<R> {
  private pending: { line: number; record: R }[] = [];
  constructor(
    private readonly db: Db,
    private readonly target: ImportTarget<R>,
    private readonly report: ImportReport,
    private readonly progress: () => void,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  push(line: number, record: R): void {
    this.pending.push({ line, record });
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const current = this.pending;
    this.pending = [];
    const outcomes = await this.db.transaction((tx) => this.target.apply(tx, current.map((b) => b.record)));
    outcomes.forEach((o, i) => {
      if (Array.isArray(o)) this.report.bad.push({ line: current[i]!.line, errors: o });
      else this.report[o]++;
    });
    this.progress();
  }
}
