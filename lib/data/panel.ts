/**
 * The tidy country-year panel shipped in data/: `panel.csv` (values), `panel-flags.csv`
 * (provenance of every cell) and `variables.json` (the data dictionary).
 * @module
 */
import { cellLocation, InputError } from "../errors.ts";
import { columnIndex, parseNumber, readCsv } from "./read/csv.ts";
import { assertNoRepeats } from "./read/strict_json.ts";

/** One entry of the data dictionary (`data/variables.json`). */
export interface VariableInfo {
  name: string;
  meaning: string;
  unit: string;
  source: string;
  file: string;
  indicator: string;
  vintage: string;
  /** True when the variable stands in for something the paper uses but no source gives. */
  proxy: boolean;
  note: string;
}

/** The panel: countries x years, values (NaN = missing) and a flag per cell. */
export interface Panel {
  countries: string[];
  years: number[];
  variables: VariableInfo[];
  rows: { iso3: string; year: number; values: Record<string, number> }[];
  /** Keyed `${iso3}|${year}|${variable}`. */
  flags: Record<string, Flag>;
}

const FLAGS: ReadonlySet<string> = new Set([
  "observed",
  "interpolated",
  "extrapolated",
  "missing",
  "not-applicable",
  "rebased",
  "mirror",
]);

/**
 * Load the panel written by `deno task import` from `dir` (default "data").
 *
 * @example
 * ```ts
 * const panel = await loadPanel();
 * panelValue(panel, "KAZ", 2020, "pop"); // a number, or NaN when missing
 * ```
 */
export async function loadPanel(dir: string = "data"): Promise<Panel> {
  const file = `${dir}/variables.json`;
  let variables: VariableInfo[];
  try {
    variables = JSON.parse(await Deno.readTextFile(file));
  } catch (e) {
    throw new InputError(
      `${file}: cannot read the data dictionary (${(e as Error).message.split("\n")[0]})`,
    );
  }
  if (!Array.isArray(variables)) throw new InputError(`${file}: not a list of variables`);
  assertNoRepeats(file, variables.map((v) => v?.name), "the variable names");
  const table = await readCsv(`${dir}/panel.csv`);
  const iIso = columnIndex(table, "iso3");
  const iYear = columnIndex(table, "year");
  const names = variables.map((v) => v.name);
  const cols = names.map((n) => columnIndex(table, n));
  const countries: string[] = [];
  const years: number[] = [];
  const seenRows = new Map<string, number>();
  const rows = table.rows.map((r, i) => {
    const iso3 = r[iIso].trim();
    const year = parseNumber(r[iYear], table.file, i + 2, "year");
    const first = seenRows.get(`${iso3}|${year}`);
    if (first !== undefined) {
      throw new InputError(
        `${cellLocation(table.file, i + 2)}: ${iso3} ${year} appears twice ` +
          `(rows ${first}, ${i + 2}); keep one`,
      );
    }
    seenRows.set(`${iso3}|${year}`, i + 2);
    if (!countries.includes(iso3)) countries.push(iso3);
    if (!years.includes(year)) years.push(year);
    const values: Record<string, number> = {};
    names.forEach((n, k) => (values[n] = parseNumber(r[cols[k]] ?? "", table.file, i + 2, n)));
    return { iso3, year, values };
  });
  years.sort((a, b) => a - b);
  const ft = await readCsv(`${dir}/panel-flags.csv`);
  const [fi, fy, fv, ff] = ["iso3", "year", "variable", "flag"].map((c) => columnIndex(ft, c));
  const flags: Record<string, Flag> = {};
  ft.rows.forEach((r, i) => {
    if (!FLAGS.has(r[ff])) {
      throw new InputError(`${ft.file}: row ${i + 2}, column "flag": unknown flag "${r[ff]}"`);
    }
    flags[`${r[fi]}|${r[fy]}|${r[fv]}`] = r[ff] as Flag;
  });
  return { countries, years, variables, rows, flags };
}

/**
 * The value of one cell (NaN when missing or absent).
 *
 * @example
 * ```ts
 * panelValue(panel, "CHN", 2019, "oil_price");
 * ```
 */
export function panelValue(panel: Panel, iso3: string, year: number, variable: string): number {
  const row = panel.rows.find((r) => r.iso3 === iso3 && r.year === year);
  return row?.values[variable] ?? NaN;
}

/**
 * Format a number for the shipped files: JS shortest round-trip (`String(x)`), empty when NaN.
 *
 * @example
 * ```ts
 * formatNumber(0.1 + 0.2); // "0.30000000000000004"
 * formatNumber(NaN);       // ""
 * ```
 */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}

/**
 * Format rows as CSV (LF line ends; fields with a comma, quote or line break are quoted).
 *
 * @example
 * ```ts
 * formatCsv([["a", "b"], ["1", "x, y"]]); // 'a,b\n1,"x, y"\n'
 * ```
 */
export function formatCsv(rows: (string | number)[][]): string {
  const cell = (c: string | number) => {
    const s = typeof c === "number" ? formatNumber(c) : c;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

/** Provenance of one panel cell. */
export type Flag =
  | "observed"
  | "interpolated"
  | "extrapolated"
  | "missing"
  | "not-applicable"
  | "rebased"
  /** A partner-reported (mirror) value standing in for a missing reporter-side one. */
  | "mirror";
