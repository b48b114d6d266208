/**
 * The `comtrade-report` layout: a UN Comtrade extract as a one-sheet `.xlsx` table with a header
 * row naming at least `refYear`, `flowCode` (X = the reporter's exports, M = its imports),
 * `reporterDesc`, `partnerDesc` and `partner_sum` (the trade value in US dollars), one row per
 * reporter-partner-flow-year (the layout of the cipf-comtrade "top partners" reports).
 * Country names are Comtrade's English names, mapped by the country-name table.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { CountryNames } from "./country_names.ts";
import type { XlsxSheet } from "../read/xlsx.ts";
import { assertUniqueHeader } from "../read/header.ts";

/** The columns the layout needs. */
export const COMTRADE_COLUMNS = [
  "refYear",
  "flowCode",
  "reporterDesc",
  "partnerDesc",
  "partner_sum",
] as const;

/** One row of a Comtrade report between two countries. */
export interface ComtradeRow {
  /** Sheet row (header = row 1). */
  row: number;
  year: number;
  flow: "X" | "M";
  reporter: string;
  partner: string;
  /** US dollars. */
  value: number;
  /** The value as stored. */
  text: string;
}

/** A Comtrade report read and checked. */
export interface ComtradeReport {
  file: string;
  rows: ComtradeRow[];
  /** Rows whose reporter or partner is an aggregate (not in `rows`). */
  aggregateRows: number;
}

/**
 * Check the layout of a Comtrade report and read its rows.
 *
 * @example
 * ```ts
 * const r = parseComtrade(await readXlsx("China_3.1.1_top_import_partners.xlsx"), "3.1.1.xlsx", names);
 * r.rows.find((x) => x.reporter === "KAZ" && x.year === 2015)?.value; // 5480137487
 * ```
 */
export function parseComtrade(
  sheets: XlsxSheet[],
  file: string,
  names: CountryNames,
): ComtradeReport {
  const sheet = sheets[0];
  if (!sheet || sheet.rows.length === 0) throw new InputError(`${file}: no sheet with a table`);
  const header = sheet.rows[0].map((c) => (c ?? "").trim());
  assertUniqueHeader(`${file}, sheet "${sheet.name}"`, header, COMTRADE_COLUMNS, "row 1");
  const col = Object.fromEntries(COMTRADE_COLUMNS.map((c) => [c, header.indexOf(c)]));
  const missing = COMTRADE_COLUMNS.filter((c) => col[c] < 0);
  if (missing.length) {
    throw new InputError(
      `${file}, sheet "${sheet.name}", row 1: no column ${
        missing.map((m) => `"${m}"`).join(", ")
      } - not the comtrade-report layout`,
    );
  }
  const out: ComtradeReport = { file, rows: [], aggregateRows: 0 };
  sheet.rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    const at = `${file}, sheet "${sheet.name}", row ${row}`;
    const cell = (c: string) => (r[col[c]] ?? "").trim();
    if (r.every((c) => c === null || c.trim() === "")) return;
    const year = cell("refYear");
    if (!/^\d{4}$/.test(year)) throw new InputError(`${at}: refYear "${year}" is not a year`);
    const flow = cell("flowCode");
    if (flow !== "X" && flow !== "M") {
      throw new InputError(`${at}: flowCode "${flow}" is not X or M`);
    }
    const ends = ["reporterDesc", "partnerDesc"].map((c) => {
      const name = cell(c);
      const e = names.get(name);
      if (!e) {
        throw new InputError(
          `${at}, column "${c}": unknown country name "${name}" (add it to data/country-names.csv)`,
        );
      }
      return e;
    });
    const text = cell("partner_sum");
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
      throw new InputError(`${at}, column "partner_sum": "${text}" is not a number`);
    }
    if (ends.some((e) => e.kind === "aggregate")) {
      out.aggregateRows++;
      return;
    }
    out.rows.push({
      row,
      year: Number(year),
      flow,
      reporter: ends[0].iso3,
      partner: ends[1].iso3,
      value: Number(text),
      text,
    });
  });
  return out;
}
