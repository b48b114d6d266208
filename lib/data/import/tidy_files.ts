/**
 * The contents of the tidy files the import writes, from the filled grid and the selection logs:
 * panel.csv, panel-flags.csv, the dictionary of variables.json, trade-selection.csv and
 * totals-selection.csv (deterministic: fixed order, numbers as `String(x)`).
 * @module
 */
import { formatCsv, type VariableInfo } from "../panel.ts";
import type { ImportConfig } from "./config.ts";
import type { Cell } from "./grid.ts";
import { sourceLabel } from "./read_sources.ts";

/**
 * panel.csv (one row a country-year) and panel-flags.csv (one row a cell).
 *
 * @example
 * ```ts
 * const { "panel.csv": panel } = panelFiles(cfg, years, cellOf);
 * ```
 */
export function panelFiles(
  cfg: ImportConfig,
  years: number[],
  cellOf: (name: string, iso3: string, i: number) => Cell,
): { "panel.csv": string; "panel-flags.csv": string } {
  const names = cfg.variables.map((v) => v.name);
  const panelRows: (string | number)[][] = [["iso3", "year", ...names]];
  const flagRows: (string | number)[][] = [["iso3", "year", "variable", "flag", "source"]];
  for (const c of cfg.countries) {
    years.forEach((y, i) => {
      panelRows.push([c, y, ...names.map((n) => cellOf(n, c, i).value)]);
      for (const n of names) {
        const cell = cellOf(n, c, i);
        flagRows.push([c, y, n, cell.flag, cell.source]);
      }
    });
  }
  return { "panel.csv": formatCsv(panelRows), "panel-flags.csv": formatCsv(flagRows) };
}

/**
 * The data dictionary (variables.json): meaning, unit, sources and vintages of each variable.
 *
 * @example
 * ```ts
 * JSON.stringify(variableDictionary(cfg, vintages), null, 2); // the text of variables.json
 * ```
 */
export function variableDictionary(
  cfg: ImportConfig,
  vintages: Map<string, [string, string][]>,
): VariableInfo[] {
  return cfg.variables.map((v) => {
    const srcs = cfg.sources.filter((s) => s.variable === v.name);
    return {
      name: v.name,
      meaning: v.meaning,
      unit: v.unit,
      source: v.derive
        ? `derived: ${v.derive.formula}`
        : srcs.length
        ? srcs.map(sourceLabel).join("; ")
        : "NO SOURCE in raw/",
      file: srcs.map((s) => s.file).join("; "),
      indicator: srcs.map((s) => s.code ?? s.indicator ?? s.columns?.value ?? "").filter((x) => x)
        .join("; "),
      vintage: vintageText(vintages.get(v.name) ?? []),
      proxy: v.proxy ?? false,
      note: v.note ?? "",
    };
  });
}

/**
 * trade-selection.csv and totals-selection.csv: every source row read, kept or rejected.
 *
 * @example
 * ```ts
 * const { "trade-selection.csv": trade } = selectionFiles(tradeLog, totalsLog);
 * ```
 */
export function selectionFiles(
  tradeLog: string[][],
  totalsLog: string[][],
): { "trade-selection.csv": string; "totals-selection.csv": string } {
  return {
    "trade-selection.csv": formatCsv([
      [
        "file",
        "row",
        "year",
        "partner",
        "flow",
        "reporter_basis",
        "side",
        "value",
        "unit",
        "value_usd",
        "decision",
        "reason",
        "variable",
      ],
      ...tradeLog.map((r) => r.slice(0, 13)),
    ]),
    "totals-selection.csv": formatCsv([
      [
        "variable",
        "file",
        "row",
        "year",
        "indicator",
        "value",
        "unit",
        "value_converted",
        "decision",
        "reason",
      ],
      ...totalsLog,
    ]),
  };
}

/** The vintage of a variable: its one source's, or each source's named by its label. */
function vintageText(list: [string, string][]): string {
  return list.length === 1 ? list[0][1] : list.map(([l, v]) => `${l}: ${v}`).join("; ");
}
