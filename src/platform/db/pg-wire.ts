/**
 * The few PostgreSQL wire-protocol messages the PGlite driver (pglite-db.ts) sends, and a parser for what comes back.
 * Written here rather than taken from PGlite because its generic encoder and parser (a copy and a TextDecoder per
 * field, an object per message) were a sixth of the platform's CPU under load (docs/performance.md).
 * Text format only, in both directions: values go as text, rows come back as text and are turned into JavaScript
 * values by the same per-type parsers PGlite's own `query()` uses, so results are identical.
 *
 * Protocol reference: https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

/** Builds one frontend message: a type byte, a length, then the body. */
class Writer {
  private buf = Buffer.allocUnsafe(256);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
  byte(b: number): this {
    this.room(1);
    this.buf[this.at++] = b;
    return this;
  }
  int16(n: number): this {
    this.room(2);
    this.buf.writeInt16BE(n, this.at);
    this.at += 2;
    return this;
  }
  int32(n: number): this {
    this.room(4);
    this.buf.writeInt32BE(n, this.at);
    this.at += 4;
    return this;
  }
  cstring(s: string): this {
    const n = Buffer.byteLength(s);
    this.room(n + 1);
    this.buf.write(s, this.at, 'utf8');
    this.at += n;
    this.buf[this.at++] = 0;
    return this;
  }
  /** A length-prefixed value; null is length -1. */
  value(s: string | null): this {
    if (s === null) return this.int32(-1);
    const n = Buffer.byteLength(s);
    this.room(n + 4);
    this.buf.writeInt32BE(n, this.at);
    this.buf.write(s, this.at + 4, 'utf8');
    this.at += n + 4;
    return this;
  }
  /** Starts a message of this type; `end` fills its length in. */
  begin(type: string): number {
    this.byte(type.charCodeAt(0));
    const lengthAt = this.at;
    this.int32(0);
    return lengthAt;
  }
  end(lengthAt: number): this {
    this.buf.writeInt32BE(this.at - lengthAt, lengthAt);
    return this;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

/** Parse + Describe(S) + Sync for a named statement. */
export function buildPrepare(name: string, sql: string): Uint8Array {
  const w = new Writer();
  let l = w.begin('P');
  w.cstring(name).cstring(sql).int16(0).end(l);
  l = w.begin('D');
  w.byte(0x53 /* S */).cstring(name).end(l);
  l = w.begin('S');
  w.end(l);
  return w.done();
}

/** Bind (unnamed portal, text values, text results) + Describe(P) + Execute(all rows) + Sync. */
export function buildExecute(name: string, values: readonly (string | null)[]): Uint8Array {
  const w = new Writer();
  let l = w.begin('B');
  w.cstring('').cstring(name).int16(0).int16(values.length);
  for (const v of values) w.value(v);
  w.int16(0).end(l);
  l = w.begin('D');
  w.byte(0x50 /* P */).cstring('').end(l);
  l = w.begin('E');
  w.cstring('').int32(0).end(l);
  l = w.begin('S');
  w.end(l);
  return w.done();
}

/** Close(S) + Sync: forgets a prepared statement. */
export function buildClose(name: string): Uint8Array {
  const w = new Writer();
  let l = w.begin('C');
  w.byte(0x53 /* S */).cstring(name).end(l);
  l = w.begin('S');
  w.end(l);
  return w.done();
}

/** An ErrorResponse as an Error carrying PostgreSQL's fields (`code` is the SQLSTATE the platform tests for). */
export class PgError extends Error {
  override readonly name = 'PgError';
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
}

const ERROR_FIELDS: Record<string, keyof PgError> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  R: 'routine',
};

export interface WireResult {
  rows: Record<string, unknown>[];
  /** The command tag's verb (INSERT, UPDATE, SELECT, BEGIN, COMMIT, ROLLBACK…), as PGlite's results have it. */
  command: string | undefined;
  affectedRows: number;
  /** From a ParameterDescription (the answer to buildPrepare). */
  paramTypes: number[];
  error: PgError | undefined;
}

export type TypeParsers = Record<number | string, ((text: string, typeId: number) => unknown) | undefined>;

/**
 * Reads every backend message in `buf` (the whole answer to one call, ending with ReadyForQuery). Rows become objects
 * keyed by column name, each value parsed by `parsers[typeOid]` (or left as text). Notices are ignored.
 */
export function parseAnswer(buf: Buffer, parsers: TypeParsers): WireResult {
  const out: WireResult = { rows: [], command: undefined, affectedRows: 0, paramTypes: [], error: undefined };
  let names: string[] = [];
  let types: number[] = [];
  let at = 0;
  while (at + 5 <= buf.length) {
    const type = buf[at]!;
    const len = buf.readInt32BE(at + 1);
    const body = at + 5;
    const end = at + 1 + len;
    at = end;
    switch (type) {
      case 0x54: {
        // RowDescription
        const n = buf.readInt16BE(body);
        names = new Array<string>(n);
        types = new Array<number>(n);
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const z = buf.indexOf(0, p);
          names[i] = buf.toString('utf8', p, z);
          p = z + 1;
          types[i] = buf.readInt32BE(p + 6);
          p += 18;
        }
        break;
      }
      case 0x44: {
        // DataRow
        const n = buf.readInt16BE(body);
        const row: Record<string, unknown> = {};
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const l = buf.readInt32BE(p);
          p += 4;
          if (l < 0) {
            row[names[i]!] = null;
            continue;
          }
          const text = buf.toString('utf8', p, p + l);
          p += l;
          const parse = parsers[types[i]!];
          row[names[i]!] = parse ? parse(text, types[i]!) : text;
        }
        out.rows.push(row);
        break;
      }
      case 0x43: {
        // CommandComplete: "INSERT 0 5", "UPDATE 3", "SELECT 2", "BEGIN"…
        const tag = buf.toString('utf8', body, end - 1);
        const words = tag.split(' ');
        out.command = words[0];
        const count = Number.parseInt(words[words.length - 1]!, 10);
        if (!Number.isNaN(count) && ['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(words[0]!)) out.affectedRows += count;
        break;
      }
      case 0x74: {
        // ParameterDescription
        const n = buf.readInt16BE(body);
        for (let i = 0; i < n; i++) out.paramTypes.push(buf.readInt32BE(body + 2 + 4 * i));
        break;
      }
      case 0x45: {
        // ErrorResponse: the first error counts (the server skips to Sync after it)
        if (out.error) break;
        const fields: Record<string, string> = {};
        let p = body;
        while (p < end && buf[p] !== 0) {
          const code = String.fromCharCode(buf[p]!);
          const z = buf.indexOf(0, p + 1);
          fields[code] = buf.toString('utf8', p + 1, z);
          p = z + 1;
        }
        const e = new PgError(fields.M ?? 'database error');
        for (const [k, prop] of Object.entries(ERROR_FIELDS)) if (fields[k] !== undefined) (e as unknown as Record<string, string>)[prop] = fields[k]!;
        out.error = e;
        break;
      }
      default:
        // ParseComplete, BindComplete, CloseComplete, NoData, EmptyQuery, PortalSuspended, Notice, ReadyForQuery…
        break;
    }
  }
  return out;
}
