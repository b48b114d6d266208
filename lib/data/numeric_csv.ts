/**
 * Read chosen columns of a CSV file straight into Float64Array columns (the fit/pca path).
 * @module
 */
import { columnIndex, parseNumber, readCsv } from "./csv.ts";

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

/**
 * Read the named columns of a CSV file: `numeric` ones as Float64Array (strictly parsed, a bad
 * cell is an InputError naming file, row and column), `strings` ones as trimmed strings.
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
): Promise<NumericColumns> {
  const table = await readCsv(path);
  const columns: Record<string, Float64Array> = {};
  for (const name of numeric) {
    const j = columnIndex(table, name);
    const out = new Float64Array(table.rows.length);
    table.rows.forEach((r, i) => {
      out[i] = parseNumber(r[j] ?? "", path, i + 2, name);
    });
    columns[name] = out;
  }
  const text: Record<string, string[]> = {};
  for (const name of strings) {
    const j = columnIndex(table, name);
    text[name] = table.rows.map((r) => (r[j] ?? "").trim());
  }
  return { file: path, n: table.rows.length, columns, strings: text };
}
