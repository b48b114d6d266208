/**
 * Tables as one Excel workbook (.xlsx), one sheet per table, written with the maintained
 * `write-excel-file` library (its `universal` entry: bytes out, no file-system access of its
 * own). Each sheet holds the title, the column headers, the rows and the notes; numbers are
 * stored as numbers at full precision (never as text), so a formula can use them. The same tables
 * give the same bytes: the archive's entries are re-zipped (fflate, the library's own zip) with
 * one fixed modification time instead of the clock's.
 * @module
 */
import { unzipSync, zipSync } from "fflate";
import writeXlsxFile from "write-excel-file/universal";
import type { TableSpec } from "./table.ts";

/** One sheet of a workbook: its tab name and the table on it. */
export interface WorkbookSheet {
  name: string;
  spec: TableSpec;
}

/** One cell as write-excel-file takes it. */
type XlsxCell = { value: string | number; type: StringConstructor | NumberConstructor } | null;

const bold = { fontWeight: "bold" as const };

/**
 * A valid, unique sheet name: the characters Excel refuses (`[]:*?/\`) removed, at most 31
 * characters, a " (2)" suffix on a repeat.
 *
 * @example
 * ```ts
 * sheetName("Table 3b. K / benchmark", new Set()); // "Table 3b. K  benchmark"
 * ```
 */
export function sheetName(name: string, used: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, "").trim() || "Sheet").slice(0, 31);
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    out = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(out.toLowerCase());
  return out;
}

/**
 * The cell of a value: a finite number as a number, a string as text, missing (null, NaN,
 * infinite) as an empty cell, anything else (a yes/no, a fraction) as the column prints it.
 */
function cell(v: unknown, format?: (v: unknown) => string): XlsxCell {
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, type: Number } : null;
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return { value: v, type: String };
  return { value: format ? format(v) : String(v), type: String };
}

/**
 * The rows of one sheet: the title (bold), the column headers (bold), the table's rows with raw
 * values ({@link cell}), an empty row and one row per note.
 *
 * @example
 * ```ts
 * sheetRows({ title: "T", columns: [{ key: "b", label: "Coef." }], rows: [{ b: 0.5 }] });
 * // [[{ value: "T", ... }], [{ value: "Coef.", ... }], [{ value: 0.5, type: Number }]]
 * ```
 */
export function sheetRows(spec: TableSpec): (XlsxCell & Record<string, unknown>)[][] {
  const text = (s: string, style = {}) => ({ value: s, type: String, ...style });
  return [
    ...(spec.title ? [[text(spec.title, bold)]] : []),
    spec.columns.map((c) => text(c.label ?? c.key, bold)),
    ...spec.rows.map((r) => spec.columns.map((c) => cell(r[c.key], c.format))),
    ...(spec.notes?.length ? [[], ...spec.notes.map((n) => [text(n)])] : []),
  ] as (XlsxCell & Record<string, unknown>)[][];
}

/** Column widths (characters) from the headers and cells, 6 to 40. */
function widths(spec: TableSpec): { width: number }[] {
  return spec.columns.map((c) => {
    const lengths = spec.rows.map((r) => {
      const v = r[c.key];
      return typeof v === "number" ? String(v).length : (c.format ? c.format(v) : String(v)).length;
    });
    return { width: Math.min(40, Math.max(6, (c.label ?? c.key).length, ...lengths) + 1) };
  });
}

/** The time stamped on every entry of the archive (the earliest a zip can hold), so that a
 * workbook's bytes depend on its tables only. */
const ZIP_TIME = new Date(1980, 0, 1);

/**
 * An .xlsx workbook of tables, one sheet each (see {@link sheetRows}); the same tables give the
 * same bytes.
 *
 * @example
 * ```ts
 * const bytes = await xlsxWorkbook([{ name: "Table 2", spec: table2Spec(result) }]);
 * await Deno.writeFile("out/study/tables.xlsx", bytes);
 * ```
 */
export async function xlsxWorkbook(sheets: WorkbookSheet[]): Promise<Uint8Array> {
  const used = new Set<string>();
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: sheetName(s.name, used),
      data: sheetRows(s.spec),
      columns: widths(s.spec),
    })),
  ).toBlob();
  const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return zipSync(entries, { mtime: ZIP_TIME });
}
