/**
 * Annual oil prices (`Date,Price`, one row a year): a year-level series, the same value on every
 * country's row of the panel.
 * @module
 */
import { cellLocation, InputError } from "../../errors.ts";
import { columnIndex, parseCsv, parseNumber } from "../read/csv.ts";
import { assertOnePerYear, type Observation, type ReadResult } from "./wdi.ts";

/**
 * Read an annual price file (`Date,Price`, dates `YYYY-MM-DD`): one year-level observation
 * (iso3 "*") per row.
 *
 * @example
 * ```ts
 * readOilAnnual("Date,Price\n2015-06-30,52.32\n", "brent.csv").observations;
 * // [{ iso3: "*", year: 2015, value: 52.32, row: 2 }]
 * ```
 */
export function readOilAnnual(
  text: string,
  file: string,
  columns: { date?: string; value?: string } = {},
): ReadResult {
  const table = parseCsv(text, { file });
  const dName = columns.date ?? "Date";
  const vName = columns.value ?? "Price";
  const d = columnIndex(table, dName);
  const v = columnIndex(table, vName);
  const observations: Observation[] = [];
  table.rows.forEach((r, i) => {
    const row = i + 2;
    const m = /^(\d{4})(-\d{2}-\d{2})?$/.exec((r[d] ?? "").trim());
    if (!m) throw new InputError(`${cellLocation(file, row, dName)}: "${r[d]}" is not a date`);
    const value = parseNumber(r[v] ?? "", file, row, vName);
    if (!Number.isNaN(value)) observations.push({ iso3: "*", year: Number(m[1]), value, row });
  });
  assertOnePerYear(file, observations);
  return { observations, notes: [] };
}
