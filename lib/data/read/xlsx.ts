/**
 * Read `.xlsx` workbooks into plain string grids, on the maintained `read-excel-file` library
 * (its `universal` entry: an ArrayBuffer in, no file-system or network access of its own, so a
 * task needs only `--allow-read`). Numbers are kept as the text stored in the workbook
 * (e.g. `"5480.1369999999997"`), so callers decide how to parse them and can quote them exactly.
 * @module
 */
import readXlsxFile from "read-excel-file/universal";
import { InputError } from "../../errors.ts";

/** One cell: the stored text, or null for an empty cell. */
export type XlsxCell = string | null;

/** One worksheet: its name and rows (row 1 of the sheet = `rows[0]`). */
export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
}

/**
 * Parse workbook bytes into sheets of text cells. A file that is not a readable `.xlsx`
 * (corrupt zip, missing parts) is an {@link InputError} naming `file`.
 *
 * @example
 * ```ts
 * const sheets = await parseXlsx(await Deno.readFile("book.xlsx"), "book.xlsx");
 * sheets[0].rows[4][1]; // "US Dollars, Millions"
 * ```
 */
export async function parseXlsx(bytes: Uint8Array, file: string): Promise<XlsxSheet[]> {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let sheets;
  try {
    sheets = await readXlsxFile(buf as ArrayBuffer, {
      parseNumber: (s: string) => s,
      trim: false,
    });
  } catch (e) {
    const msg = (e as Error).message?.split("\n")[0] || (e as Error).name || String(e);
    throw new InputError(`${file}: not a readable .xlsx workbook (${msg})`);
  }
  return sheets.map((s) => ({
    name: s.sheet,
    rows: s.data.map((r) => r.map(cellText)),
  }));
}

function cellText(c: unknown): XlsxCell {
  if (c === null || c === undefined) return null;
  if (c instanceof Date) return c.toISOString();
  return String(c);
}

/**
 * Read a workbook from disk (see {@link parseXlsx}); a missing file is a one-line
 * {@link InputError}.
 *
 * @example
 * ```ts
 * const sheets = await readXlsx("../shared/data/raw/trade/imf-dots/DOTS_40.xlsx");
 * sheets.map((s) => s.name); // ["Exports, FOB", "Imports, CIF"]
 * ```
 */
export async function readXlsx(file: string): Promise<XlsxSheet[]> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as Error).name})`);
  }
  return await parseXlsx(bytes, file);
}

/**
 * Spreadsheet column letters for a 0-based column index (0 -> "A", 27 -> "AB"), for messages.
 *
 * @example
 * ```ts
 * columnLetter(2); // "C"
 * ```
 */
export function columnLetter(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}
