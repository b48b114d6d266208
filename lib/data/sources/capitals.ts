/**
 * Capital coordinates (techslides `country-capitals.csv`): the latitude or longitude of each
 * panel country's capital, time-invariant, with the file's unquoted-comma rows mended.
 * @module
 */
import { cellLocation, InputError } from "../../errors.ts";
import { columnIndex, parseCsv, parseNumber } from "../read/csv.ts";
import type { Observation, ReadResult } from "./wdi.ts";

/** Options for {@link readCapitals}. */
export interface CapitalsOptions {
  /** ISO3 -> ISO2 code as in the file's `CountryCode` column. */
  iso2: Record<string, string>;
  /** Value column: `CapitalLatitude` or `CapitalLongitude`. */
  column: string;
}

/**
 * Read the techslides country-capitals file. Rows with more fields than the header (an unquoted
 * comma in the capital name, e.g. `Washington, D.C.`) are mended by joining the extra fields into
 * `CapitalName` when the coordinates then parse; rows that cannot be mended are counted in
 * `notes` (and are an error if they belong to a wanted country).
 *
 * @example
 * ```ts
 * const r = readCapitals(text, "capitals.csv", { iso2: { KAZ: "KZ" }, column: "CapitalLatitude" });
 * ```
 */
export function readCapitals(text: string, file: string, options: CapitalsOptions): ReadResult {
  const table = parseCsv(text, { file, fieldMismatch: "keep" });
  const n = table.header.length;
  const nameCol = columnIndex(table, "CapitalName");
  const codeCol = columnIndex(table, "CountryCode");
  const valCol = columnIndex(table, options.column);
  const latCol = columnIndex(table, "CapitalLatitude");
  const lonCol = columnIndex(table, "CapitalLongitude");
  const byIso2 = new Map(Object.entries(options.iso2).map(([iso3, iso2]) => [iso2, iso3]));
  const mended: number[] = [];
  const unmendable: number[] = [];
  const observations: Observation[] = [];
  const isNum = (s: string | undefined) => /^[+-]?\d+(\.\d+)?$/.test((s ?? "").trim());
  table.rows.forEach((raw, i) => {
    const row = i + 2;
    let r = raw;
    if (r.length > n && nameCol < latCol && latCol < lonCol) {
      const extra = r.length - n;
      const joined = [
        ...r.slice(0, nameCol),
        r.slice(nameCol, nameCol + extra + 1).join(","),
        ...r.slice(nameCol + extra + 1),
      ];
      if (isNum(joined[latCol]) && isNum(joined[lonCol])) {
        r = joined;
        mended.push(row);
      }
    }
    if (r.length !== n) {
      unmendable.push(row);
      const code = raw.map((s) => s.trim()).find((s) => byIso2.has(s));
      if (code) {
        throw new InputError(
          `${
            cellLocation(file, row)
          }: ${raw.length} fields, header has ${n}, and the row cannot be mended`,
        );
      }
      return;
    }
    const iso3 = byIso2.get((r[codeCol] ?? "").trim());
    if (!iso3) return;
    const value = parseNumber(r[valCol] ?? "", file, row, options.column);
    if (!Number.isNaN(value)) observations.push({ iso3, year: null, value, row });
  });
  const notes = [
    `${file}: ${mended.length} row(s) with an unquoted comma in CapitalName mended` +
    (mended.length ? ` (rows ${mended.join(", ")})` : "") +
    `; ${unmendable.length} row(s) could not be mended` +
    (unmendable.length ? ` (rows ${unmendable.join(", ")}; none is a panel country)` : ""),
  ];
  return { observations, notes };
}
