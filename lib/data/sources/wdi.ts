/**
 * World Bank indicator files in every layout the Bank (and its mirrors) serve: the per-indicator
 * API download (`API_<code>_DS2_en_csv_v2_*.csv`, metadata lines then wide years), the bulk
 * WDICSV (`Country Name,Country Code,Indicator Name,Indicator Code,1960,...`), the long layout
 * (`Country Name,Country Code,Year,Value`) and open-numbers DDF (`geo,time,<indicator>`).
 * @module
 */
import { cellLocation, InputError } from "../../errors.ts";
import { columnIndex, type CsvTable, parseCsv, parseNumber } from "../read/csv.ts";
import { assertUniqueHeader } from "../read/header.ts";

/** One value read from a source file. `year` null = the same for every year (e.g. a distance). */
export interface Observation {
  /** ISO3 code (upper case) of the country, or of the partner for bilateral values; "*" = world/year-level. */
  iso3: string;
  year: number | null;
  value: number;
  /** Spreadsheet row in the source file (header = row 1). */
  row: number;
}

/** A file read into observations, with the vintage found in it (if any). */
export interface ReadResult {
  observations: Observation[];
  /** Vintage stated in the file itself ("Last Updated Date" of API downloads). */
  vintage?: string;
  /** Human-readable remarks (mended rows, skipped rows) for the import report. */
  notes: string[];
}

/** Which rows to keep: upper-case ISO3 codes. */
export interface CountryFilter {
  countries: string[];
}

const YEAR = /^\d{4}$/;

function wideRows(
  table: CsvTable,
  indicator: string,
  filter: CountryFilter,
  rowOffset: number,
): Observation[] {
  const code = columnIndex(table, "Country Code");
  const ind = columnIndex(table, "Indicator Code");
  const yearCols = table.header.flatMap((h, j) => (YEAR.test(h) ? [j] : []));
  assertUniqueHeader(table.file, table.header, yearCols.map((j) => table.header[j]));
  if (yearCols.length === 0) {
    throw new InputError(`${table.file}: no year columns (1960, 1961, ...) in the header`);
  }
  const wanted = new Set(filter.countries);
  const out: Observation[] = [];
  let found = false;
  table.rows.forEach((r, i) => {
    if ((r[ind] ?? "").trim() !== indicator) return;
    found = true;
    const iso3 = (r[code] ?? "").trim().toUpperCase();
    if (!wanted.has(iso3)) return;
    for (const j of yearCols) {
      const row = i + 2 + rowOffset;
      const v = parseNumber(r[j] ?? "", table.file, row, table.header[j]);
      if (!Number.isNaN(v)) out.push({ iso3, year: Number(table.header[j]), value: v, row });
    }
  });
  if (!found) throw new InputError(`${table.file}: indicator "${indicator}" not found`);
  assertOnePerYear(table.file, out);
  return out;
}

/**
 * Read a World Bank API download (`API_<code>_DS2_en_csv_v2_*.csv`): metadata lines
 * ("Data Source", "Last Updated Date", blank), then a wide table whose header may end with an
 * empty column (trailing comma). The "Last Updated Date" is returned as the vintage.
 *
 * @example
 * ```ts
 * const r = readWdiApi(text, "API_SP.POP.TOTL_DS2_en_csv_v2_1.csv", "SP.POP.TOTL", { countries: ["KAZ"] });
 * r.vintage; // "2024-06-28"
 * ```
 */
export function readWdiApi(
  text: string,
  file: string,
  indicator: string,
  filter: CountryFilter,
): ReadResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^"?Country Name"?,/.test(l));
  if (start < 0) throw new InputError(`${file}: no header line starting with "Country Name"`);
  let vintage: string | undefined;
  for (const l of lines.slice(0, start)) {
    const m = /^"?Last Updated Date"?,"?([^",]*)"?/.exec(l);
    if (m) vintage = m[1].trim();
  }
  const table = parseCsv(lines.slice(start).join("\n"), { file });
  return { observations: wideRows(table, indicator, filter, start), vintage, notes: [] };
}

/**
 * Read the bulk WDI CSV (`WDICSV.csv` / `WDIData.csv`): one row per country and indicator,
 * one column per year.
 *
 * @example
 * ```ts
 * const r = readWdiBulk(text, "WDICSV.csv", "IT.NET.USER.ZS", { countries: ["CHN", "KAZ"] });
 * ```
 */
export function readWdiBulk(
  text: string,
  file: string,
  indicator: string,
  filter: CountryFilter,
): ReadResult {
  const table = parseCsv(text, { file });
  return { observations: wideRows(table, indicator, filter, 0), notes: [] };
}

/** Column names of a long-layout file (defaults: `Country Code`, `Year`, `Value`). */
export interface LongColumns {
  country?: string;
  year?: string;
  value?: string;
}

function parseYear(cell: string, file: string, row: number, column: string): number {
  const s = cell.trim();
  if (!YEAR.test(s)) {
    throw new InputError(`${cellLocation(file, row, column)}: "${cell}" is not a year`);
  }
  return Number(s);
}

/**
 * Refuse two values for the same country and year in one file (which would be used is a
 * guess): one line naming both rows.
 *
 * @example
 * ```ts
 * assertOnePerYear("f.csv", [{ iso3: "KAZ", year: 2015, value: 1, row: 2 }]); // ok
 * ```
 */
export function assertOnePerYear(file: string, obs: Observation[]): void {
  const first = new Map<string, number>();
  for (const o of obs) {
    const key = o.iso3 === "*"
      ? `year ${o.year}`
      : o.year === null
      ? o.iso3
      : `${o.iso3} ${o.year}`;
    const at = first.get(key);
    if (at !== undefined) {
      throw new InputError(
        `${cellLocation(file, o.row)}: ${key} appears twice (rows ${at}, ${o.row}); keep one`,
      );
    }
    first.set(key, o.row);
  }
}

/**
 * Read the long layout (`Country Name,Country Code,Year,Value`, one row per country-year); the
 * column names are chosen by `columns` (e.g. the inflation file's `Country,Country Code,Year,CPI`),
 * and `where` keeps only rows whose named columns equal the given values (e.g. a bilateral file's
 * `reporter` and `flow`).
 *
 * @example
 * ```ts
 * readWdiLong("Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2015,17.5\n", "f.csv",
 *   { countries: ["KAZ"] }).observations; // [{ iso3: "KAZ", year: 2015, value: 17.5, row: 2 }]
 * ```
 */
export function readWdiLong(
  text: string,
  file: string,
  filter: CountryFilter,
  columns: LongColumns = {},
  where: Record<string, string> = {},
): ReadResult {
  const table = parseCsv(text, { file });
  const conditions = Object.entries(where).map(([name, value]) =>
    [columnIndex(table, name), value] as const
  );
  const cName = columns.country ?? "Country Code";
  const yName = columns.year ?? "Year";
  const vName = columns.value ?? "Value";
  const c = columnIndex(table, cName);
  const y = columnIndex(table, yName);
  const v = columnIndex(table, vName);
  const wanted = new Set(filter.countries);
  const out: Observation[] = [];
  table.rows.forEach((r, i) => {
    const iso3 = (r[c] ?? "").trim().toUpperCase();
    if (!wanted.has(iso3)) return;
    if (conditions.some(([j, value]) => (r[j] ?? "").trim() !== value)) return;
    const row = i + 2;
    const value = parseNumber(r[v] ?? "", file, row, vName);
    if (Number.isNaN(value)) return;
    out.push({ iso3, year: parseYear(r[y] ?? "", file, row, yName), value, row });
  });
  assertOnePerYear(file, out);
  return { observations: out, notes: [] };
}

/**
 * Read an open-numbers DDF datapoints file (`geo,time,<indicator>`, lower-case ISO3 in `geo`).
 * `indicator` is the value column (e.g. `it_net_user_zs`).
 *
 * @example
 * ```ts
 * readDdf("geo,time,it_net_user_zs\nkaz,2015,70.8\n", "f.csv", "it_net_user_zs",
 *   { countries: ["KAZ"] }).observations; // [{ iso3: "KAZ", year: 2015, value: 70.8, row: 2 }]
 * ```
 */
export function readDdf(
  text: string,
  file: string,
  indicator: string,
  filter: CountryFilter,
): ReadResult {
  return readWdiLong(text, file, filter, { country: "geo", year: "time", value: indicator });
}
