/**
 * CSV reading with papaparse: UTF-8 BOM, CRLF and quoted fields with commas are handled; every
 * bad cell is an error naming file, row and column.
 * @module
 */
// @ts-types="@types/papaparse"
import Papa from "papaparse";
import { cellLocation, InputError } from "../../errors.ts";
import { findColumn } from "./header.ts";

/** A parsed CSV file: the header and the data rows as strings, with the file name kept for errors. */
export interface CsvTable {
  /** File name (or label) used in error messages. */
  file: string;
  /** Column names from the first line, trimmed, BOM removed. */
  header: string[];
  /** Data rows; `rows[i]` is spreadsheet row `i + 2`. */
  rows: string[][];
}

/** Options for {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Label used in error messages (default `"<input>"`). */
  file?: string;
  /**
   * What to do with a row whose field count differs from the header: `"error"` (default) throws
   * an InputError naming the row; `"keep"` keeps the row as it is for the caller to mend.
   */
  fieldMismatch?: "error" | "keep";
}

/**
 * Parse CSV text. Blank lines are skipped; a leading UTF-8 BOM is removed; CRLF and LF both work.
 *
 * @example
 * ```ts
 * const t = parseCsv('\ufeffa,b\r\n1,"x, y"\r\n');
 * t.header; // ["a", "b"]
 * t.rows;   // [["1", "x, y"]]
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const file = options.file ?? "<input>";
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    throw new InputError(
      `${cellLocation(file, (quoteError.row ?? 0) + 1)}: ${quoteError.message.toLowerCase()}`,
    );
  }
  const [head, ...rows] = parsed.data;
  if (!head) throw new InputError(`${file}: the file is empty (no header line)`);
  const header = head.map((h) => h.trim());
  if ((options.fieldMismatch ?? "error") === "error") {
    rows.forEach((r, i) => {
      if (r.length !== header.length) {
        throw new InputError(
          `${cellLocation(file, i + 2)}: ${r.length} fields, but the header has ${header.length}`,
        );
      }
    });
  }
  return { file, header, rows };
}

/**
 * Read and parse a CSV file from disk.
 *
 * @example
 * ```ts
 * const t = await readCsv("data/panel.csv");
 * ```
 */
export async function readCsv(path: string, options: ParseCsvOptions = {}): Promise<CsvTable> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as Error).name})`);
  }
  return parseCsv(text, { file: path, ...options });
}

/** Cells read as missing values (NaN) by {@link parseNumber}. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(["", "NA", "..", "NaN", "N/A"]);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse one numeric cell strictly: a decimal number, or a missing token (empty, `NA`, `..`,
 * `NaN`, `N/A`) which gives NaN. Anything else (`1.2.3`, `12abc`, `0x10`) is an InputError
 * naming file, row and column.
 *
 * @example
 * ```ts
 * parseNumber(" 3.5e2 ", "f.csv", 2, "x"); // 350
 * parseNumber("..", "f.csv", 2, "x");      // NaN
 * ```
 */
export function parseNumber(cell: string, file: string, row: number, column: string): number {
  const s = cell.trim();
  if (MISSING_TOKENS.has(s)) return NaN;
  if (!NUMBER.test(s)) {
    throw new InputError(`${cellLocation(file, row, column)}: "${cell}" is not a number`);
  }
  return Number(s);
}

/**
 * Index of a named column, or an InputError listing the columns the file has. A column named
 * twice in the header, or an empty name, is refused with one line (see header.ts).
 *
 * @example
 * ```ts
 * columnIndex({ file: "f.csv", header: ["a", "b"], rows: [] }, "b"); // 1
 * ```
 */
export function columnIndex(table: CsvTable, name: string): number {
  return findColumn(table.file, table.header, name);
}

/**
 * A named column parsed as numbers (missing cells are NaN).
 *
 * @example
 * ```ts
 * numericColumn(parseCsv("x\n1\n\n2"), "x"); // Float64Array [1, 2]
 * ```
 */
export function numericColumn(table: CsvTable, name: string): Float64Array {
  const j = columnIndex(table, name);
  const out = new Float64Array(table.rows.length);
  table.rows.forEach((r, i) => {
    out[i] = parseNumber(r[j] ?? "", table.file, i + 2, name);
  });
  return out;
}

/**
 * A named column as trimmed strings.
 *
 * @example
 * ```ts
 * stringColumn(parseCsv("c\nKAZ\n"), "c"); // ["KAZ"]
 * ```
 */
export function stringColumn(table: CsvTable, name: string): string[] {
  const j = columnIndex(table, name);
  return table.rows.map((r) => (r[j] ?? "").trim());
}
