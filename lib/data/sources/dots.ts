/**
 * The `imf-dots` layout: one IMF Direction of Trade Statistics workbook per reporting country.
 * Two sheets, "Exports, FOB" (title "Exports, FOB to Partner Countries") and "Imports, CIF"
 * ("Imports, CIF from Partner Countries"); in column B: row 2 the title, row 4 the reporter
 * (IMF spelling), row 5 the units ("US Dollars, Millions"); row 7 the years (column B blank,
 * years from column C); rows 8+ one partner each (name in column B), aggregates included.
 * A value suffixed " e" is an IMF estimate (the flag is kept); "1,234.5" thousands separators
 * are read. Anything else is an error naming the workbook, sheet, row (and column).
 * @module
 */
import { InputError, repeatedColumn } from "../../errors.ts";
import type { CountryNames } from "./country_names.ts";
import { columnLetter, type XlsxSheet } from "../read/xlsx.ts";

/** The two sheets of a DOTS workbook: name, expected title, flow code. */
export const DOTS_SHEETS = [
  { name: "Exports, FOB", title: "Exports, FOB to Partner Countries", flow: "X" },
  { name: "Imports, CIF", title: "Imports, CIF from Partner Countries", flow: "M" },
] as const;

/** The only unit the layout accepts (row 5, column B). */
export const DOTS_UNITS = "US Dollars, Millions";

/** One non-aggregate cell of a DOTS workbook. */
export interface DotsCell {
  /** "X" = reporter's exports to the partner (FOB), "M" = imports from the partner (CIF). */
  flow: "X" | "M";
  /** ISO3 of the partner. */
  partner: string;
  year: number;
  /** US$ millions. */
  value: number;
  /** The cell's text as stored (e.g. "5480.1369999999997", "12.5 e"). */
  text: string;
  /** True when the value carries the IMF's " e" (estimate) suffix. */
  estimate: boolean;
  /** Sheet row (1-based) and column letter. */
  row: number;
  column: string;
}

/** A DOTS workbook read and checked. */
export interface DotsWorkbook {
  file: string;
  /** Reporter as printed in row 4. */
  reporterName: string;
  /** ISO3 of the reporter, "" when the reporter is an aggregate (e.g. SACCA). */
  reporter: string;
  reporterKind: "country" | "aggregate";
  /** Every non-empty cell whose partner is a country. */
  cells: DotsCell[];
  /** Non-empty cells of aggregate partner rows (not in `cells`). */
  aggregateCells: number;
  /** Partner rows dropped because an identical row with the same name is in the same sheet, with their non-empty cells (0 for an aggregate's row). */
  duplicateRows: { sheet: string; row: number; name: string; cells: number }[];
}

const NUM = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Parse a DOTS cell's text: `{ value, estimate }`, or null when the text is not a number.
 *
 * @example
 * ```ts
 * parseDotsValue("1,234.5 e"); // { value: 1234.5, estimate: true }
 * parseDotsValue("n.a.");      // null
 * ```
 */
export function parseDotsValue(text: string): { value: number; estimate: boolean } | null {
  let s = text.trim();
  const estimate = / e$/.test(s);
  if (estimate) s = s.slice(0, -2).trim();
  if (!NUM.test(s)) return null;
  return { value: Number(s.replace(/,/g, "")), estimate };
}

function at(file: string, sheet: string, row: number): string {
  return `${file}, sheet "${sheet}", row ${row}`;
}

/**
 * Check the layout of a DOTS workbook and read every cell of every country partner.
 *
 * @example
 * ```ts
 * const wb = parseDots(await readXlsx("DOTS_40.xlsx"), "DOTS_40.xlsx", await loadCountryNames());
 * wb.reporter; // "CHN"
 * ```
 */
export function parseDots(sheets: XlsxSheet[], file: string, names: CountryNames): DotsWorkbook {
  const out: DotsWorkbook = {
    file,
    reporterName: "",
    reporter: "",
    reporterKind: "country",
    cells: [],
    aggregateCells: 0,
    duplicateRows: [],
  };
  for (const spec of DOTS_SHEETS) {
    const sheet = sheets.find((s) => s.name === spec.name);
    if (!sheet) {
      throw new InputError(
        `${file}: no sheet "${spec.name}" (sheets: ${
          sheets.map((s) => `"${s.name}"`).join(", ")
        })` +
          ` - not the imf-dots layout`,
      );
    }
    const b = (row: number) => (sheet.rows[row - 1]?.[1] ?? "").trim();
    if (b(2) !== spec.title) {
      throw new InputError(`${at(file, spec.name, 2)}: title "${b(2)}" is not "${spec.title}"`);
    }
    const reporterName = b(4);
    const rep = names.get(reporterName);
    if (!reporterName || !rep) {
      throw new InputError(
        `${at(file, spec.name, 4)}: unknown reporter name "${reporterName}" ` +
          `(add it to data/country-names.csv)`,
      );
    }
    if (out.reporterName && out.reporterName !== reporterName) {
      throw new InputError(
        `${at(file, spec.name, 4)}: reporter "${reporterName}" differs from "${out.reporterName}"`,
      );
    }
    out.reporterName = reporterName;
    out.reporter = rep.iso3;
    out.reporterKind = rep.kind;
    if (b(5) !== DOTS_UNITS) {
      throw new InputError(`${at(file, spec.name, 5)}: units "${b(5)}" are not "${DOTS_UNITS}"`);
    }
    const years = yearRow(sheet, file);
    readPartners(sheet, file, spec.flow, years, names, out);
  }
  return out;
}

function yearRow(sheet: XlsxSheet, file: string): Map<number, number> {
  const r = sheet.rows[6] ?? [];
  const years = new Map<number, number>();
  let last = -Infinity;
  r.forEach((c, j) => {
    if (j < 2 || c === null || c.trim() === "") return;
    const y = Number(c.trim());
    const twice = [...years].find(([, v]) => v === y);
    if (twice) {
      const where = `row 7 (the year row)`;
      throw repeatedColumn(
        `${file}, sheet "${sheet.name}"`,
        c.trim(),
        [twice[0], j].map(columnLetter),
        where,
      );
    }
    if (!/^\d{4}$/.test(c.trim()) || y <= last) {
      throw new InputError(
        `${at(file, sheet.name, 7)}, column ${columnLetter(j)}: "${c}" is not a year ` +
          `(row 7 must hold increasing years from column C)`,
      );
    }
    last = y;
    years.set(j, y);
  });
  if ((r[1] ?? "").trim() !== "" || years.size === 0) {
    throw new InputError(
      `${at(file, sheet.name, 7)}: no year row (column B blank, years from column C)`,
    );
  }
  return years;
}

function readPartners(
  sheet: XlsxSheet,
  file: string,
  flow: "X" | "M",
  years: Map<number, number>,
  names: CountryNames,
  out: DotsWorkbook,
): void {
  const seen = new Map<string, string>();
  for (let i = 7; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    const row = i + 1;
    const name = (r[1] ?? "").trim();
    const filled = r.some((c, j) => j >= 2 && c !== null && c.trim() !== "");
    if (!name) {
      if (filled) throw new InputError(`${at(file, sheet.name, row)}: values but no partner name`);
      continue;
    }
    const p = names.get(name);
    if (!p) {
      throw new InputError(
        `${at(file, sheet.name, row)}: unknown country name "${name}" ` +
          `(add it to data/country-names.csv)`,
      );
    }
    const key = JSON.stringify(r.slice(2));
    if (seen.has(name)) {
      if (seen.get(name) !== key) {
        throw new InputError(
          `${at(file, sheet.name, row)}: partner "${name}" repeats with different values`,
        );
      }
      const cells = p.kind === "aggregate"
        ? 0
        : [...years.keys()].filter((j) => (r[j] ?? "").trim() !== "").length;
      out.duplicateRows.push({ sheet: sheet.name, row, name, cells });
      continue;
    }
    seen.set(name, key);
    for (const [j, year] of years) {
      const text = r[j];
      if (text === null || text === undefined || text.trim() === "") continue;
      const v = parseDotsValue(text);
      if (!v) {
        throw new InputError(
          `${at(file, sheet.name, row)}, column ${columnLetter(j)} (${name}, ${year}): ` +
            `"${text}" is not a number`,
        );
      }
      if (p.kind === "aggregate") {
        out.aggregateCells++;
        continue;
      }
      out.cells.push({
        flow,
        partner: p.iso3,
        year,
        value: v.value,
        text,
        estimate: v.estimate,
        row,
        column: columnLetter(j),
      });
    }
  }
}
