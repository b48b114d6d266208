/**
 * Read chosen columns of a CSV file straight into Float64Array columns (the fit/pca path).
 *
 * The file is streamed in chunks; only the asked-for columns are kept, so memory is
 * O(rows x needed columns) whatever the file's width. Chunks holding a quote character go to
 * papaparse (the general CSV grammar: quoted commas, quoted newlines, doubled quotes); chunks
 * with no quote character at all are split and their numbers parsed straight from the bytes,
 * which bench/README.md measures at several times papaparse's speed on the same chunks.
 * @module
 */
// @ts-types="@types/papaparse"
import Papa from "papaparse";
import { cellLocation, InputError } from "../../errors.ts";
import { columnIndex, parseNumber } from "./csv.ts";

/** Columns read from a CSV file by {@link readNumericColumns}. */
export interface NumericColumns {
  file: string;
  /** Data rows read. */
  n: number;
  /** Numeric columns by name; missing cells are NaN. */
  columns: Record<string, Float64Array>;
  /** Columns asked for as strings (e.g. cluster labels), by name. */
  strings: Record<string, string[]>;
}

/** Options for {@link readNumericColumns}. */
export interface ReadNumericOptions {
  /**
   * `"auto"` (default): quote-free chunks take the byte fast path, the rest papaparse;
   * `"papaparse"`: every chunk goes through papaparse (for comparison and benchmarks).
   */
  engine?: "auto" | "papaparse";
  /** Bytes read per chunk (default 1 MiB). */
  chunkBytes?: number;
}

const QUOTE = 0x22, COMMA = 0x2c, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09;
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Growing columns plus the per-row bookkeeping shared by both parsing paths. */
class Sink {
  header: string[] | null = null;
  /** For each field position: index into `num`, or -1 when the column is not read as a number. */
  slot: number[] = [];
  /** For each field position: index into `str`, or -1 when the column is not read as strings. */
  strSlot: number[] = [];
  num: Float64Array[] = [];
  str: string[][] = [];
  n = 0;
  cap = 0;
  constructor(
    readonly file: string,
    readonly numeric: string[],
    readonly strings: string[],
    readonly sizeHint: number,
  ) {}

  setHeader(fields: string[], firstChunkBytes: number, firstChunkRows: number): void {
    const header = fields.map((h, i) => (i === 0 ? h.replace(/^\ufeff/, "") : h).trim());
    this.header = header;
    const table = { file: this.file, header, rows: [] };
    this.slot = header.map(() => -1);
    this.strSlot = header.map(() => -1);
    this.numeric.forEach((name, k) => (this.slot[columnIndex(table, name)] = k));
    this.strings.forEach((name, k) => (this.strSlot[columnIndex(table, name)] = k));
    const perRow = firstChunkRows > 0 ? firstChunkBytes / firstChunkRows : 64;
    this.cap = Math.max(1024, Math.ceil((this.sizeHint / Math.max(perRow, 1)) * 1.02) + 16);
    this.num = this.numeric.map(() => new Float64Array(this.cap));
    // string columns are sized like the numeric ones (growing a pushed array leaves copies behind)
    this.str = this.strings.map(() => new Array<string>(this.cap));
  }

  /** Make room for one more row; returns the row's index. */
  next(): number {
    if (this.n === this.cap) {
      this.cap = Math.ceil(this.cap * 1.5) + 1024;
      this.num = this.num.map((a) => {
        const b = new Float64Array(this.cap);
        b.set(a);
        return b;
      });
      for (const a of this.str) a.length = this.cap;
    }
    return this.n++;
  }

  /** A row given as strings (the papaparse path). */
  row(fields: string[]): void {
    const header = this.header!;
    if (fields.length !== header.length) {
      throw new InputError(
        `${cellLocation(this.file, this.n + 2)}: ${fields.length} fields, ` +
          `but the header has ${header.length}`,
      );
    }
    const i = this.next();
    for (let j = 0; j < fields.length; j++) {
      const s = this.slot[j];
      if (s >= 0) this.num[s][i] = parseNumber(fields[j], this.file, i + 2, header[j]);
      const t = this.strSlot[j];
      if (t >= 0) this.str[t][i] = fields[j].trim();
    }
  }

  result(): NumericColumns {
    const columns: Record<string, Float64Array> = {};
    const strings: Record<string, string[]> = {};
    const n = this.n;
    this.numeric.forEach((name, k) => {
      const a = this.num[k] ?? new Float64Array(0);
      columns[name] = a.length > n * 1.25 ? a.slice(0, n) : a.subarray(0, n);
    });
    this.strings.forEach((name, k) => {
      const a = this.str[k] ?? [];
      a.length = n;
      strings[name] = a;
    });
    return { file: this.file, n, columns, strings };
  }
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Strings already made from short ASCII cells, by a hash of their bytes (see cellString). */
const interned = new Map<number, string>();

/**
 * The trimmed string of a cell. A cell of at most 64 printable ASCII bytes (no space or tab at
 * either end) is looked up by an FNV-1a hash of its bytes and checked byte for byte, so a value
 * repeated down a column (country codes, years) is decoded once and shared; any other cell, or a
 * hash taken by another value, is decoded as UTF-8 and trimmed.
 */
function cellString(buf: Uint8Array, s: number, e: number): string {
  const len = e - s;
  if (len > 0 && len <= 64 && buf[s] > SPACE && buf[e - 1] > SPACE) {
    let h = 0x811c9dc5 ^ len, ascii = true;
    for (let k = s; k < e; k++) {
      const b = buf[k];
      if (b < 0x20 || b > 0x7e) {
        ascii = false;
        break;
      }
      h = Math.imul(h ^ b, 16777619);
    }
    if (ascii) {
      const hit = interned.get(h);
      if (hit !== undefined && hit.length === len) {
        let same = true;
        for (let k = 0; k < len; k++) {
          if (hit.charCodeAt(k) !== buf[s + k]) {
            same = false;
            break;
          }
        }
        if (same) return hit;
      }
      const str = latin1.decode(buf.subarray(s, e));
      if (hit === undefined && interned.size < 1 << 16) interned.set(h, str);
      return str;
    }
  }
  return utf8.decode(buf.subarray(s, e)).trim();
}

/**
 * Parse complete lines `buf[0, end)` (no quote byte among them) straight from bytes.
 * Numbers with at most 15 significant digits and a decimal exponent within +-22 are computed
 * exactly as m * 10^e or m / 10^e (one correctly rounded operation, Clinger's fast path);
 * any other cell goes to Number() or to csv.ts's parseNumber, which gives NaN for a missing
 * token or the one-line error for a bad number.
 */
function parseBytes(sink: Sink, buf: Uint8Array, end: number): void {
  const width = sink.header!.length;
  const slot = sink.slot;
  const strSlot = sink.strSlot;
  const file = sink.file;
  // the chunk as latin1 text (a char per byte), decoded once when a cell first needs Number()
  const text = { value: null as string | null, buf, end };
  let p = 0;
  while (p < end) {
    let lineEnd = buf.indexOf(LF, p);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let e = lineEnd;
    if (e > p && buf[e - 1] === CR) e--;
    if (e === p) { // blank line: skipped, as papaparse's skipEmptyLines does
      p = lineEnd + 1;
      continue;
    }
    const i = sink.next();
    let field = 0;
    let s = p;
    for (;;) {
      let fe = s;
      while (fe < e && buf[fe] !== COMMA) fe++;
      if (field < width) {
        const k = slot[field];
        if (k >= 0) sink.num[k][i] = parseCell(buf, s, fe, file, i, sink.header![field], text);
        const t = strSlot[field];
        if (t >= 0) sink.str[t][i] = cellString(buf, s, fe);
      }
      field++;
      if (fe >= e) break;
      s = fe + 1;
    }
    if (field !== width) {
      sink.n--;
      throw new InputError(
        `${cellLocation(file, i + 2)}: ${field} fields, but the header has ${width}`,
      );
    }
    p = lineEnd + 1;
  }
}

function parseCell(
  buf: Uint8Array,
  start: number,
  end: number,
  file: string,
  i: number,
  column: string,
  text: { value: string | null; buf: Uint8Array; end: number },
): number {
  let s = start, e = end;
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  if (s === e) return NaN;
  let p = s;
  let neg = false;
  const c0 = buf[p];
  if (c0 === 0x2d || c0 === 0x2b) {
    neg = c0 === 0x2d;
    p++;
  }
  let m = 0, digits = 0, sig = 0, exp = 0;
  let c = buf[p];
  while (p < e && c >= 0x30 && c <= 0x39) {
    if (sig > 0 || c !== 0x30) sig++;
    m = m * 10 + (c - 0x30);
    digits++;
    c = buf[++p];
  }
  if (p < e && c === 0x2e) {
    c = buf[++p];
    while (p < e && c >= 0x30 && c <= 0x39) {
      if (sig > 0 || c !== 0x30) sig++;
      m = m * 10 + (c - 0x30);
      digits++;
      exp--;
      c = buf[++p];
    }
  }
  let ok = digits > 0;
  if (ok && p < e && (c === 0x65 || c === 0x45)) {
    c = buf[++p];
    let eneg = false;
    if (c === 0x2d || c === 0x2b) {
      eneg = c === 0x2d;
      c = buf[++p];
    }
    let x = 0, xd = 0;
    while (p < e && c >= 0x30 && c <= 0x39) {
      if (x < 1e6) x = x * 10 + (c - 0x30);
      xd++;
      c = buf[++p];
    }
    ok = xd > 0;
    exp += eneg ? -x : x;
  }
  if (ok && p === e) {
    if (sig <= 15 && exp >= -22 && exp <= 22) {
      const v = exp >= 0 ? m * POW10[exp] : m / POW10[-exp];
      return neg ? -v : v;
    }
    // the bytes are ASCII number syntax here: a slice of the chunk's text (decoded once) is
    // several times faster than a TextDecoder call or a string built char by char per cell
    text.value ??= latin1.decode(text.buf.subarray(0, text.end));
    return Number(text.value.slice(s, e));
  }
  // Missing tokens, bad numbers, non-ASCII: the strict rule of csv.ts decides.
  return parseNumber(utf8.decode(buf.subarray(start, end)), file, i + 2, column);
}

/**
 * Read the named columns of a CSV file: `numeric` ones as Float64Array (strictly parsed, a bad
 * cell is an InputError naming file, row and column), `strings` ones as trimmed strings.
 * The file is streamed: only the asked-for columns are held in memory. A UTF-8 BOM, CRLF line
 * ends and quoted fields (with commas or newlines) are accepted; blank lines are skipped; the
 * missing tokens of csv.ts (empty, `NA`, `..`, `NaN`, `N/A`) give NaN; rows are numbered as in a
 * spreadsheet (header = row 1).
 *
 * @example
 * ```ts
 * const { n, columns } = await readNumericColumns("data.csv", ["y", "x1"]);
 * ```
 */
export async function readNumericColumns(
  path: string,
  numeric: string[],
  strings: string[] = [],
  options: ReadNumericOptions = {},
): Promise<NumericColumns> {
  const engine = options.engine ?? "auto";
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  let file: Deno.FsFile;
  let size = 0;
  try {
    file = await Deno.open(path, { read: true });
    size = (await file.stat()).size;
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as Error).name})`);
  }
  const sink = new Sink(path, numeric, strings, size);
  let papa: Papa.Parser | null = null;
  const papaParse = (buf: Uint8Array, end: number, last: boolean): number => {
    // Decode only up to a line feed (never inside a UTF-8 sequence); papaparse says where the
    // last complete row ends, and the bytes after it are handed back as the next leftover.
    const text = utf8.decode(buf.subarray(0, end));
    if (papa === null) {
      const lf = text.indexOf("\n");
      const newline = lf > 0 && text[lf - 1] === "\r" ? "\r\n" : "\n";
      papa = new Papa.Parser({ delimiter: ",", newline, quoteChar: '"' });
    }
    const res = papa.parse(text, 0, !last) as Papa.ParseResult<string[]>;
    const bad = res.errors.find((er) => er.type === "Quotes");
    if (bad) {
      // papaparse counts rows within this parse call: from the header (row 1) in the first
      // chunk, from the next data row (spreadsheet row sink.n + 2) after it.
      const base = sink.header === null ? 1 : sink.n + 2;
      throw new InputError(
        `${cellLocation(path, base + (bad.row ?? 0))}: ${bad.message.toLowerCase()}`,
      );
    }
    for (const r of res.data) {
      if (r.length === 1 && r[0] === "") continue;
      if (sink.header === null) sink.setHeader(r, end, Math.max(1, res.data.length - 1));
      else sink.row(r);
    }
    if (last) return end;
    const cursor = res.meta.cursor;
    return cursor >= text.length ? end : end - new TextEncoder().encode(text.slice(cursor)).length;
  };

  try {
    // One reusable buffer: the unparsed tail of the last read (a partial row) is moved to its
    // front and the next read lands right after it, so no chunk is copied twice.
    let store = new Uint8Array(chunkBytes * 2);
    let have = 0;
    let first = true;
    for (;;) {
      if (store.length - have < chunkBytes) {
        const bigger = new Uint8Array(Math.max(store.length * 2, have + chunkBytes));
        bigger.set(store.subarray(0, have));
        store = bigger;
      }
      const got = await file.read(store.subarray(have, have + chunkBytes));
      const last = got === null;
      const len = have + (got ?? 0);
      if (first && len < 3 && !last) {
        have = len;
        continue;
      }
      const bom = first && len >= 3 && store[0] === 0xef && store[1] === 0xbb && store[2] === 0xbf;
      first = false;
      const buf = store.subarray(bom ? 3 : 0, len);
      // Complete lines end at the last line feed (or at the end of the file).
      const end = last ? buf.length : buf.lastIndexOf(LF) + 1;
      let used = 0;
      if (end > 0) {
        if (engine === "papaparse" || buf.subarray(0, end).indexOf(QUOTE) >= 0) {
          used = papaParse(buf, end, last);
        } else {
          let start = 0;
          if (sink.header === null) {
            const lf = buf.indexOf(LF);
            const headEnd = lf < 0 ? end : lf + 1;
            const head = Papa.parse<string[]>(utf8.decode(buf.subarray(0, headEnd)).trimEnd());
            const rows = lf < 0 ? 0 : countLines(buf, headEnd, end);
            sink.setHeader(head.data[0] ?? [""], end - headEnd, rows);
            start = headEnd;
          }
          parseBytes(sink, start === 0 ? buf : buf.subarray(start), end - start);
          used = end;
        }
      }
      if (last) break;
      const from = (bom ? 3 : 0) + used;
      store.copyWithin(0, from, len);
      have = len - from;
    }
  } finally {
    file.close();
  }
  if (sink.header === null) throw new InputError(`${path}: the file is empty (no header line)`);
  return sink.result();
}

function countLines(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let p = buf.indexOf(LF, from); p >= 0 && p < to; p = buf.indexOf(LF, p + 1)) n++;
  return n;
}
