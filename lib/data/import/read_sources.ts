/**
 * Reading the sources of the import config: each source file by its layout (WDI, DDF, oil prices,
 * capitals, CEPII, the page-typed figures, GMD, IMF DOTS and UN Comtrade workbooks), the last
 * panel year (pass 1), and every source into the grid by priority (pass 2), with the rows of the
 * trade and totals selection logs.
 * @module
 */
import { InputError } from "../../errors.ts";
import { formatNumber } from "../panel.ts";
import { readXlsx } from "../read/xlsx.ts";
import { bilateralTotals, comtradeFlowCells, dotsFlowCells } from "../sources/bilateral.ts";
import { readCapitals } from "../sources/capitals.ts";
import { readCepii } from "../sources/cepii.ts";
import { parseComtrade } from "../sources/comtrade.ts";
import {
  COUNTRY_NAMES_FILE,
  type CountryNames,
  loadCountryNames,
} from "../sources/country_names.ts";
import { parseDots } from "../sources/dots.ts";
import { readGmd } from "../sources/macro.ts";
import { readOilAnnual } from "../sources/oil_prices.ts";
import { type SelectionRow, selectTotalsPages, selectTradePages } from "../sources/pages.ts";
import { readDdf, type ReadResult, readWdiApi, readWdiBulk, readWdiLong } from "../sources/wdi.ts";
import type { ImportConfig, SourceConfig, VariableConfig } from "./config.ts";
import { type Cell, type Grid, linkSource, placeObservations } from "./grid.ts";

/**
 * How the dictionary and the flags name a source: its file(s), with `../shared/data/raw/` shown
 * as `raw/`, and the indicator or value column it reads.
 *
 * @example
 * ```ts
 * sourceLabel({ variable: "pop", file: "../shared/data/raw/wdi.csv", layout: "wdi-bulk", indicator: "SP.POP.TOTL" });
 * // "raw/wdi.csv:SP.POP.TOTL"
 * ```
 */
export function sourceLabel(s: SourceConfig): string {
  const base = [s.file, ...(s.with ?? [])].map((f) =>
    f.replace(/^(\.\.\/)*shared\/data\/raw\//, "raw/")
  ).join(" + ");
  return s.indicator
    ? `${base}:${s.indicator}`
    : s.columns?.value
    ? `${base}:${s.columns.value}`
    : base;
}

/** What one source gives: its observations, notes and, for the selection layouts, the row log. */
interface SourceRead extends ReadResult {
  log?: SelectionRow[];
}

/** The country-name tables read so far, by file (read once per run of the process). */
const namesCache = new Map<string, Promise<CountryNames>>();

/**
 * The country-name table of the config (`countryNames`, default data/country-names.csv), read
 * once and shared by every imf-dots and comtrade-report source and the world panel.
 *
 * @example
 * ```ts
 * const names = await countryNames(cfg);
 * ```
 */
export function countryNames(cfg: ImportConfig): Promise<CountryNames> {
  const file = cfg.countryNames ?? COUNTRY_NAMES_FILE;
  if (!namesCache.has(file)) namesCache.set(file, loadCountryNames(file));
  const p = namesCache.get(file)!;
  p.catch(() => namesCache.delete(file));
  return p;
}

/** Trade totals from an imf-dots workbook or comtrade-report files (see lib/data/sources/bilateral.ts). */
async function readTradeFile(
  s: SourceConfig,
  cfg: ImportConfig,
  years: number[] | undefined,
): Promise<SourceRead> {
  const names = await countryNames(cfg);
  const partners = cfg.countries.filter((c) => c !== cfg.reporter);
  const label = (f: string) => f.replace(/^(\.\.\/)*shared\/data\/raw\//, "raw/");
  const options = {
    reporter: cfg.reporter,
    partners,
    years: years ?? Array.from({ length: 300 }, (_, i) => 1900 + i),
    reportedBy: s.reportedBy!,
    rejectCells: s.rejectCells,
  };
  if (s.layout === "imf-dots") {
    const wb = parseDots(await readXlsx(s.file), s.file, names);
    const expect = s.reportedBy === "reporter" ? [cfg.reporter] : partners;
    if (!expect.includes(wb.reporter)) {
      throw new InputError(
        `${s.file}: the workbook's reporter is "${wb.reporterName}" (${
          wb.reporter || "aggregate"
        }), ` +
          `but the config says reportedBy "${s.reportedBy}" (${expect.join(", ")})`,
      );
    }
    const dyad = s.reportedBy === "reporter" ? partners : [cfg.reporter];
    return bilateralTotals(dotsFlowCells(wb, label(s.file), dyad), 1e6, "IMF DOTS", options);
  }
  const reports = [];
  for (const f of [s.file, ...(s.with ?? [])]) {
    reports.push({ ...parseComtrade(await readXlsx(f), f, names), file: label(f) });
  }
  return bilateralTotals(comtradeFlowCells(reports, cfg.countries), 1, "UN Comtrade", options);
}

/** Read one source file of the config into observations (and the selection log of its rows). */
async function readSource(
  s: SourceConfig,
  cfg: ImportConfig,
  scope: VariableConfig["scope"],
  years: number[] | undefined,
): Promise<SourceRead> {
  if (s.layout === "imf-dots" || s.layout === "comtrade-report") {
    return await readTradeFile(s, cfg, years);
  }
  let text: string;
  try {
    text = await Deno.readTextFile(s.file);
  } catch (e) {
    throw new InputError(`${s.file}: cannot read the file (${(e as Error).name})`);
  }
  const partners = cfg.countries.filter((c) => c !== cfg.reporter);
  const countries = scope === "bilateral" ? partners : cfg.countries;
  const filter = { countries };
  const allYears = years ?? Array.from({ length: 300 }, (_, i) => 1900 + i);
  switch (s.layout) {
    case "wdi-api":
      return readWdiApi(text, s.file, s.indicator!, filter);
    case "wdi-bulk":
      return readWdiBulk(text, s.file, s.indicator!, filter);
    case "wdi-long":
      return readWdiLong(text, s.file, filter, s.columns ?? {}, s.where ?? {});
    case "ddf":
      return readDdf(text, s.file, s.indicator!, filter);
    case "oil-annual":
      return readOilAnnual(text, s.file, s.columns ?? {});
    case "capitals":
      if (!s.iso2 || !s.columns?.value) {
        throw new InputError(
          `${s.file}: a "capitals" source needs "iso2" and "columns.value" in the config`,
        );
      }
      return readCapitals(text, s.file, { iso2: s.iso2, column: s.columns.value });
    case "cepii":
      return readCepii(text, s.file, { reporter: cfg.reporter, partners, column: s.indicator! });
    case "trade-pages":
      return selectTradePages(text, s.file, { partners, years: allYears, ...s.selection });
    case "cbec-pages":
      return selectTotalsPages(text, s.file, {
        indicator: s.indicator!,
        units: s.selection?.units ?? {},
        reject: s.selection?.reject,
        years: allYears,
      });
    case "gmd":
      return readGmd(text, s.file, { column: s.indicator!, countries, float32: s.float32 });
    default:
      throw new InputError(`${s.file}: layout "${s.layout}" is not a text layout`);
  }
}

/**
 * The last panel year: `years.to`, or for "latest" the latest year any country or bilateral
 * source has for the panel countries (pass 1 over the sources).
 *
 * @example
 * ```ts
 * const years = { from: 2010, to: await lastYear(cfg) };
 * ```
 */
export async function lastYear(cfg: ImportConfig): Promise<number> {
  const scopeOf = new Map(cfg.variables.map((v) => [v.name, v.scope]));
  const to = cfg.years.to;
  if (to !== "latest") return to;
  let max = cfg.years.from;
  for (const s of cfg.sources) {
    const scope = scopeOf.get(s.variable)!;
    if (scope === "year") continue;
    for (const o of (await readSource(s, cfg, scope, undefined)).observations) {
      if (o.year !== null && o.year > max) max = o.year;
    }
  }
  return max;
}

/**
 * Pass 2: read every source into the grid (earlier config entries win); returns the notes, the
 * trade and totals selection logs and the vintages of each variable's sources.
 *
 * @example
 * ```ts
 * const grid = emptyGrid(cfg, years);
 * const { notes, tradeLog } = await readSources(cfg, grid, years, new Map(years.map((y, i) => [y, i])));
 * ```
 */
export async function readSources(
  cfg: ImportConfig,
  grid: Grid,
  years: number[],
  yi: Map<number, number>,
): Promise<{
  notes: string[];
  tradeLog: string[][];
  totalsLog: string[][];
  vintages: Map<string, [string, string][]>;
}> {
  const notes: string[] = [];
  const tradeLog: string[][] = [];
  const totalsLog: string[][] = [];
  const vintages = new Map<string, [string, string][]>();
  for (const s of cfg.sources) {
    const v = cfg.variables.find((x) => x.name === s.variable)!;
    const r = await readSource(s, cfg, v.scope, years);
    notes.push(...r.notes);
    const label = sourceLabel(s);
    const vint = r.vintage ?? s.vintage ?? "";
    vintages.set(v.name, [...(vintages.get(v.name) ?? []), [label, vint || "not stated"]]);
    const m = grid.get(v.name)!;
    if (s.rebase) {
      notes.push(...linkSource(s, r, m, years, yi, label));
      continue;
    }
    placeObservations(r, m, v, years, yi, label);
    tradeLog.push(...tradeLogRows(s, r, v, label));
    totalsLog.push(...totalsLogRows(s, r, v));
  }
  return { notes, tradeLog, totalsLog, vintages };
}

/** The path of a raw file as the data README names it (`raw/...`). */
function rawPath(file: string): string {
  return file.replace(/^(\.\.\/)*shared\/data\/raw\//, "raw/");
}

/** The trade-selection log rows of a trade source (with its variable and label appended). */
function tradeLogRows(
  s: SourceConfig,
  r: Awaited<ReturnType<typeof readSource>>,
  v: VariableConfig,
  label: string,
): string[][] {
  if (!(s.layout === "trade-pages" || s.layout === "imf-dots" || s.layout === "comtrade-report")) {
    return [];
  }
  const files = [s.file, ...(s.with ?? [])].map(rawPath);
  const file = files.length > 1 ? files.join(" + ") : rawPath(s.file);
  return r.log!.map((l) => [
    file,
    String(l.row),
    l.year,
    l.key,
    l.label,
    l.basis,
    l.side,
    l.value,
    l.unit,
    formatNumber(l.converted),
    l.decision,
    l.reason,
    v.name,
    label,
  ]);
}

/** The totals-selection log rows of a `cbec-pages` source. */
function totalsLogRows(
  s: SourceConfig,
  r: Awaited<ReturnType<typeof readSource>>,
  v: VariableConfig,
): string[][] {
  if (s.layout !== "cbec-pages") return [];
  return r.log!.map((l) => [
    v.name,
    rawPath(s.file),
    String(l.row),
    l.year,
    l.label,
    l.value,
    l.unit,
    formatNumber(l.converted),
    l.decision,
    l.reason,
  ]);
}

/**
 * A trade row its source "used" but a higher-ranked source filled first becomes "superseded"
 * (the rows of {@link readSources}'s trade log, after every source is read).
 *
 * @example
 * ```ts
 * markSuperseded(tradeLog, grid, new Map(years.map((y, i) => [y, i])));
 * ```
 */
export function markSuperseded(
  tradeLog: string[][],
  grid: Map<string, Map<string, Cell[]>>,
  yi: Map<number, number>,
): void {
  for (const r of tradeLog) {
    if (r[10] !== "used") continue;
    const i = yi.get(Number(r[2]));
    const cell = i === undefined ? undefined : grid.get(r[12])?.get(r[3])?.[i];
    if (cell && cell.source !== r[13]) {
      r[10] = "superseded";
      r[11] = `a higher-ranked source (config order) gives this cell: ${cell.source}; ${r[11]}`;
    }
  }
}
