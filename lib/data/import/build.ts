/**
 * The import pipeline: read every source named in the import config, merge them by priority
 * (config order), fill gaps by the stated rule, compute derived variables, and write data/:
 * panel.csv, panel-flags.csv, variables.json, trade-selection.csv, totals-selection.csv, README.md.
 * Output is deterministic (fixed ordering, numbers as `String(x)`, no run-time stamps).
 * @module
 */
import { InputError } from "../../errors.ts";
import { IMPORT_CONFIG_KEYS } from "./keys.ts";
import { writeFilesAtomic } from "../../io/atomic.ts";
import { assertKnownKeys, assertNoRepeats, parseStrictJson } from "../read/strict_json.ts";
import { haversineKm } from "../sources/geo.ts";
import { fillSeries } from "./interpolate.ts";
import { type Flag, formatCsv, formatNumber, type VariableInfo } from "../panel.ts";
import {
  readCapitals,
  readCepii,
  readOilAnnual,
  type RejectRule,
  type ReportingSide,
  type SelectionRow,
  selectTotalsPages,
  selectTradePages,
  type SideRule,
} from "../sources/pages.ts";
import { readDdf, type ReadResult, readWdiApi, readWdiBulk, readWdiLong } from "../sources/wdi.ts";
import { linkSeries, readGmd, type RebaseRule } from "../sources/macro.ts";
import {
  bilateralTotals,
  type CellRejectRule,
  comtradeFlowCells,
  dotsFlowCells,
} from "../sources/bilateral.ts";
import { parseComtrade } from "../sources/comtrade.ts";
import {
  COUNTRY_NAMES_FILE,
  type CountryNames,
  loadCountryNames,
} from "../sources/country_names.ts";
import { parseDots } from "../sources/dots.ts";
import { readXlsx } from "../read/xlsx.ts";
import { buildWorldPanel, worldReadme } from "./world_build.ts";

/** Layouts the importer reads. */
export const LAYOUTS = [
  "wdi-api",
  "wdi-bulk",
  "wdi-long",
  "ddf",
  "oil-annual",
  "capitals",
  "cepii",
  "trade-pages",
  "cbec-pages",
  "gmd",
  "imf-dots",
  "comtrade-report",
] as const;
/** One of {@link LAYOUTS}. */
export type Layout = typeof LAYOUTS[number];

/** A derived variable: computed after gap filling of its inputs. */
export interface DeriveConfig {
  /** `sum` (inputs + constant), `product`, `ratio` (first / second), `haversine` (inputs: lat, lon; reporter to partner), `fill` (the first input where present, else the second, flagged `mirror`). */
  op: "sum" | "product" | "ratio" | "haversine" | "fill";
  inputs: string[];
  constant?: number;
  /** The formula in words, written to the dictionary. */
  formula: string;
}

/** One panel variable (column). */
export interface VariableConfig {
  name: string;
  meaning: string;
  unit: string;
  /** country: a value per country-year; year: one value per year (copied to every row); bilateral: reporter-partner (reporter row not applicable). */
  scope: "country" | "year" | "bilateral";
  /** Linear interpolation between observed years (default: the first source's `interpolate`, else true). */
  interpolate?: boolean;
  /** Carry the nearest observed value to edge years, flagged "extrapolated" (default false). */
  extrapolate?: boolean;
  proxy?: boolean;
  /** A variable of the paper's model (listed in the README coverage). */
  paper?: boolean;
  note?: string;
  /** Why cells are missing (written next to every missing cell in the README). */
  gap?: string;
  derive?: DeriveConfig;
}

/** One source file feeding one variable. */
export interface SourceConfig {
  variable: string;
  /** Path relative to the repository root (the working directory). */
  file: string;
  layout: Layout;
  /** Indicator code (wdi-api, wdi-bulk), value column (ddf, cepii, gmd: the source column such as `WB_CC`), or indicator value (cbec-pages). */
  indicator?: string;
  /** The indicator's official code for the dictionary when `indicator` is a file-specific name (e.g. DDF `it_net_user_zs` = `IT.NET.USER.ZS`). */
  code?: string;
  /** Column names (wdi-long: country/year/value; oil-annual: date/value; capitals: value). */
  columns?: Record<string, string>;
  unit?: string;
  /** Vintage from SOURCES.md (API downloads state their own "Last Updated Date", which wins). */
  vintage?: string;
  interpolate?: boolean;
  /** wdi-long: keep only rows whose named columns equal these values (e.g. {"reporter": "CHN", "flow": "total"}). */
  where?: Record<string, string>;
  /** gmd: undo float32 renderings (default true). */
  float32?: boolean;
  /**
   * An index in its own base: link it (ratio splice at the latest year both have) onto the
   * cells earlier sources filled, or, for a country they left empty, rebase it so that
   * `year` = `value`. Cells it fills are flagged `rebased`.
   */
  rebase?: RebaseRule;
  /** capitals: ISO3 -> ISO2 code in the file. */
  iso2?: Record<string, string>;
  /** trade-pages / cbec-pages selection rule. */
  selection?: {
    flows?: string[];
    units?: Record<string, number>;
    reject?: RejectRule[];
    sides?: SideRule[];
    allowSides?: ReportingSide[];
  };
  note?: string;
  /** imf-dots / comtrade-report: whose statistics the file is ("reporter" = the panel reporter's own, "partner" = the partners', i.e. mirror data). */
  reportedBy?: "reporter" | "partner";
  /** comtrade-report: more files of the same layout read together with `file` (e.g. the exports report and the imports report). */
  with?: string[];
  /** imf-dots / comtrade-report: flow cells rejected by rule, each with its reason. */
  rejectCells?: CellRejectRule[];
}

/** The import config (`data/import.config.json`). */
export interface ImportConfig {
  reporter: string;
  /** Panel countries (reporter included), in output order. */
  countries: string[];
  /** `to: "latest"` = the last year any country or bilateral source has for these countries. */
  years: { from: number; to: number | "latest" };
  /** Years the README coverage covers (default the paper's 2015-2022). */
  coverageYears?: { from: number; to: number };
  /** Variable that is the model's dependent variable (and its proxy), for the README. */
  dependent?: string[];
  variables: VariableConfig[];
  sources: SourceConfig[];
  /** Extra paragraphs for the README (rules stated in words). */
  notes?: string[];
  /** The country-name table for imf-dots and comtrade-report files (default data/country-names.csv). */
  countryNames?: string;
  /** The world bilateral panel built from every DOTS workbook in a folder (see lib/data/world.ts). */
  world?: WorldConfig;
}

/** Where the world bilateral panel comes from and goes. */
export interface WorldConfig {
  /** Folder of imf-dots workbooks (relative to the repository root). */
  dir: string;
  /** File names to read (regular expression; default `^DOTS_\\d+\\.xlsx$`), read in natural order. */
  pattern?: string;
  /** Output file name in data/ (default `world-trade.csv.gz`). */
  output?: string;
  /** First and last year kept (default: every year). */
  from?: number;
  to?: number;
  vintage?: string;
}

/** Generated text files by name (relative to the output directory). */
export type ImportFiles = Record<string, string>;

/** Options for {@link buildImport}. */
export interface BuildOptions {
  /**
   * Receives the binary outputs (the gzip'd world panel) by name. The world panel (config
   * `world`) is built, and the README's section on it written, only when this is given.
   */
  binary?: Record<string, Uint8Array>;
  /** Progress of the world panel (workbooks done, total, file). */
  onProgress?: (done: number, total: number, file: string) => void;
}

function fail(file: string, msg: string): never {
  throw new InputError(`${file}: ${msg}`);
}

/**
 * Parse and validate an import config (JSON text).
 *
 * @example
 * ```ts
 * const cfg = parseImportConfig(await Deno.readTextFile("data/import.config.json"), "data/import.config.json");
 * ```
 */
export function parseImportConfig(text: string, file: string): ImportConfig {
  const cfg = parseStrictJson(text, file) as ImportConfig;
  assertKnownKeys(file, cfg, IMPORT_CONFIG_KEYS);
  assertNoRepeats(file, cfg.countries, '"countries"');
  assertNoRepeats(file, cfg.dependent, '"dependent"');
  if (!cfg.reporter || !Array.isArray(cfg.countries) || !cfg.countries.includes(cfg.reporter)) {
    fail(file, `"reporter" must be one of "countries"`);
  }
  if (!cfg.years || typeof cfg.years.from !== "number") fail(file, `"years.from" must be a number`);
  if (!Array.isArray(cfg.variables) || !Array.isArray(cfg.sources)) {
    fail(file, `"variables" and "sources" must be arrays`);
  }
  const names = new Set<string>();
  cfg.variables.forEach((v, i) => {
    if (!v.name || names.has(v.name)) {
      fail(file, `variables[${i}]: missing or duplicate name "${v.name}"`);
    }
    if (!["country", "year", "bilateral"].includes(v.scope)) {
      fail(
        file,
        `variables[${i}] ("${v.name}"): unknown scope "${v.scope}" (country, year, bilateral)`,
      );
    }
    if (v.derive) {
      if (!["sum", "product", "ratio", "haversine", "fill"].includes(v.derive.op)) {
        fail(file, `variables[${i}] ("${v.name}"): unknown derive op "${v.derive.op}"`);
      }
      for (const inp of v.derive.inputs) {
        if (!names.has(inp)) {
          fail(file, `variables[${i}] ("${v.name}"): input "${inp}" must be defined before it`);
        }
      }
    }
    names.add(v.name);
  });
  cfg.sources.forEach((s, i) => {
    const at = `sources[${i}] ("${s.variable}")`;
    if (!names.has(s.variable)) fail(file, `${at}: unknown variable "${s.variable}"`);
    if (!(LAYOUTS as readonly string[]).includes(s.layout)) {
      fail(file, `${at}: unknown layout "${s.layout}" (known: ${LAYOUTS.join(", ")})`);
    }
    if (!s.file) fail(file, `${at}: no "file"`);
    const needs = ["wdi-api", "wdi-bulk", "ddf", "cepii", "cbec-pages", "gmd"].includes(s.layout);
    if (
      (s.layout === "imf-dots" || s.layout === "comtrade-report") &&
      s.reportedBy !== "reporter" && s.reportedBy !== "partner"
    ) {
      fail(file, `${at}: layout "${s.layout}" needs "reportedBy": "reporter" or "partner"`);
    }
    if (needs && !s.indicator) fail(file, `${at}: layout "${s.layout}" needs "indicator"`);
    if (cfg.variables.find((v) => v.name === s.variable)?.derive) {
      fail(file, `${at}: "${s.variable}" is derived; it takes no source`);
    }
  });
  return cfg;
}

function sourceLabel(s: SourceConfig): string {
  const base = [s.file, ...(s.with ?? [])].map((f) =>
    f.replace(/^(\.\.\/)*shared\/data\/raw\//, "raw/")
  ).join(" + ");
  return s.indicator
    ? `${base}:${s.indicator}`
    : s.columns?.value
    ? `${base}:${s.columns.value}`
    : base;
}

interface SourceRead extends ReadResult {
  log?: SelectionRow[];
}

const namesCache = new Map<string, Promise<CountryNames>>();

function countryNames(cfg: ImportConfig): Promise<CountryNames> {
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

interface Cell {
  value: number;
  flag: Flag;
  source: string;
}

/**
 * Run the whole import in memory: returns the generated files (name -> text). Paths in the
 * config are read relative to the working directory.
 *
 * @example
 * ```ts
 * const cfg = parseImportConfig(await Deno.readTextFile("data/import.config.json"), "data/import.config.json");
 * const files = await buildImport(cfg);
 * Object.keys(files); // ["panel.csv", "panel-flags.csv", "variables.json", ...]
 * ```
 */
export async function buildImport(
  cfg: ImportConfig,
  options: BuildOptions = {},
): Promise<ImportFiles> {
  const to = await lastYear(cfg);
  const years = Array.from({ length: to - cfg.years.from + 1 }, (_, i) => cfg.years.from + i);
  const yi = new Map(years.map((y, i) => [y, i]));
  const grid = emptyGrid(cfg, years);
  const { notes, tradeLog, totalsLog, vintages } = await readSources(cfg, grid, years, yi);
  markSuperseded(tradeLog, grid, yi);
  fillGrid(cfg, grid, years);
  const cellOf = (name: string, iso3: string, i: number): Cell => {
    const v = cfg.variables.find((x) => x.name === name)!;
    return grid.get(name)!.get(v.scope === "year" ? "*" : iso3)![i];
  };
  const dictionary = variableDictionary(cfg, vintages);
  const files: ImportFiles = {
    ...panelFiles(cfg, years, cellOf),
    "variables.json": JSON.stringify(dictionary, null, 2) + "\n",
    ...selectionFiles(tradeLog, totalsLog),
  };
  files["README.md"] = readme(cfg, years, dictionary, cellOf, notes, tradeLog, totalsLog);
  if (cfg.world && options.binary) {
    const out = cfg.world.output ?? "world-trade.csv.gz";
    const built = await buildWorldPanel(await countryNames(cfg), {
      ...cfg.world,
      onProgress: options.onProgress,
    });
    options.binary[out] = built.bytes;
    files[out.replace(/\.csv\.gz$/, "") + ".json"] = JSON.stringify(built.stats, null, 2) + "\n";
    files["README.md"] += worldReadme(built.stats, out, cfg.world.vintage ?? "").join("\n") + "\n";
  }
  return files;
}

/** The panel's series of cells: variable -> country (or "*" for year-scope) -> one cell a year. */
type Grid = Map<string, Map<string, Cell[]>>;

/** The keys of a variable's series: "*" for a year-scope variable, else the panel countries. */
function gridKeys(cfg: ImportConfig, scope: VariableConfig["scope"]): string[] {
  return scope === "year" ? ["*"] : cfg.countries;
}

/**
 * The last panel year: `years.to`, or for "latest" the latest year any country or bilateral
 * source has for the panel countries (pass 1 over the sources).
 */
async function lastYear(cfg: ImportConfig): Promise<number> {
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

/** A grid with every cell missing. */
function emptyGrid(cfg: ImportConfig, years: number[]): Grid {
  const grid: Grid = new Map();
  for (const v of cfg.variables) {
    const m = new Map<string, Cell[]>();
    for (const k of gridKeys(cfg, v.scope)) {
      m.set(k, years.map(() => ({ value: NaN, flag: "missing" as Flag, source: "" })));
    }
    grid.set(v.name, m);
  }
  return grid;
}

/**
 * Pass 2: read every source into the grid (earlier config entries win); returns the notes, the
 * trade and totals selection logs and the vintages of each variable's sources.
 */
async function readSources(
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

/** Put a source's observations into the cells earlier sources left missing. */
function placeObservations(
  r: Awaited<ReturnType<typeof readSource>>,
  m: Map<string, Cell[]>,
  v: VariableConfig,
  years: number[],
  yi: Map<number, number>,
  label: string,
): void {
  for (const o of r.observations) {
    const series = m.get(v.scope === "year" ? "*" : o.iso3);
    if (!series) continue;
    const idx = o.year === null ? years.map((_, i) => i) : yi.has(o.year) ? [yi.get(o.year)!] : [];
    for (const i of idx) {
      if (series[i].flag === "missing") {
        series[i] = { value: o.value, flag: "observed", source: label };
      }
    }
  }
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
 * Gap filling (sources only, flagged interpolated / extrapolated), then derived variables in
 * config order; the reporter's bilateral cells become not-applicable.
 */
function fillGrid(cfg: ImportConfig, grid: Grid, years: number[]): void {
  for (const v of cfg.variables) {
    const m = grid.get(v.name)!;
    if (v.derive) {
      for (const k of gridKeys(cfg, v.scope)) m.set(k, derive(v, k, cfg, grid, years));
      continue;
    }
    const first = cfg.sources.find((s) => s.variable === v.name);
    const interpolate = v.interpolate ?? first?.interpolate ?? true;
    for (const [k, series] of m) {
      const filled = fillSeries(years, series.map((c) => c.value), {
        interpolate,
        extrapolate: v.extrapolate,
      });
      filled.flags.forEach((f, i) => {
        if (f === "interpolated" || f === "extrapolated") {
          const near = series.filter((c) => c.flag === "observed" || c.flag === "rebased").map((
            c,
          ) => c.source);
          series[i] = { value: filled.values[i], flag: f, source: [...new Set(near)].join(" + ") };
        }
      });
      if (v.scope === "bilateral" && k === cfg.reporter) {
        m.set(k, years.map(() => ({ value: NaN, flag: "not-applicable", source: "" })));
      }
    }
  }
}

/** panel.csv (one row a country-year) and panel-flags.csv (one row a cell). */
function panelFiles(
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

/** The data dictionary (variables.json): meaning, unit, sources and vintages of each variable. */
function variableDictionary(
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

/** trade-selection.csv and totals-selection.csv: every source row read, kept or rejected. */
function selectionFiles(
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

/**
 * Fill the cells earlier sources left empty from an index in its own base, linked or rebased
 * country by country (see `linkSeries`); returns one note per country it filled.
 */
function linkSource(
  s: SourceConfig,
  r: ReadResult,
  m: Map<string, Cell[]>,
  years: number[],
  yi: Map<number, number>,
  label: string,
): string[] {
  const notes: string[] = [];
  const rule = s.rebase!;
  for (const [iso3, series] of m) {
    const incoming = years.map(() => NaN);
    for (const o of r.observations) {
      if (o.iso3 === iso3 && o.year !== null && yi.has(o.year)) incoming[yi.get(o.year)!] = o.value;
    }
    if (incoming.every((x) => Number.isNaN(x))) continue;
    const link = linkSeries(years, series.map((c) => c.value), incoming, rule);
    const how = link.method === "splice"
      ? `linked at ${link.at} (x ${link.factor}) to ${series[yi.get(link.at!)!].source}`
      : `rebased to ${rule.year} = ${rule.value} (x ${link.factor})`;
    const filled: number[] = [];
    series.forEach((c, i) => {
      if (c.flag !== "missing" || Number.isNaN(link.values[i])) return;
      series[i] = { value: link.values[i], flag: "rebased", source: `${label} ${how}` };
      filled.push(years[i]);
    });
    if (link.method === "none") {
      notes.push(
        `${label}: ${iso3} not used: no overlap with earlier sources and no value in the base year ${rule.year}`,
      );
    } else if (filled.length) {
      notes.push(
        `${label}: ${iso3} ${filled[0]}-${
          filled[filled.length - 1]
        } (${filled.length} cells) ${how}`,
      );
    }
  }
  return notes;
}

/** A trade row its source "used" but a higher-ranked source filled first becomes "superseded". */
function markSuperseded(
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

function vintageText(list: [string, string][]): string {
  return list.length === 1 ? list[0][1] : list.map(([l, v]) => `${l}: ${v}`).join("; ");
}

function derive(
  v: VariableConfig,
  key: string,
  cfg: ImportConfig,
  grid: Map<string, Map<string, Cell[]>>,
  years: number[],
): Cell[] {
  const d = v.derive!;
  const scopeOf = (n: string) => cfg.variables.find((x) => x.name === n)!.scope;
  const get = (n: string, k: string, i: number) =>
    grid.get(n)!.get(scopeOf(n) === "year" ? "*" : k)![i];
  return years.map((_, i) => {
    if (v.scope === "bilateral" && key === cfg.reporter) {
      return { value: NaN, flag: "not-applicable", source: "" };
    }
    const inputs: Cell[] = d.op === "haversine"
      ? [
        get(d.inputs[0], cfg.reporter, i),
        get(d.inputs[1], cfg.reporter, i),
        get(d.inputs[0], key, i),
        get(d.inputs[1], key, i),
      ]
      : d.inputs.map((n) => get(n, key, i));
    if (d.op === "fill") {
      const [a, b] = inputs;
      if (!Number.isNaN(a.value)) return { ...a };
      if (!Number.isNaN(b.value)) return { value: b.value, flag: "mirror", source: b.source };
      return { value: NaN, flag: "missing", source: "" };
    }
    const xs = inputs.map((c) => c.value);
    let value: number;
    if (d.op === "sum") value = xs.reduce((a, b) => a + b, d.constant ?? 0);
    else if (d.op === "product") value = xs.reduce((a, b) => a * b, d.constant ?? 1);
    else if (d.op === "ratio") value = xs[0] / xs[1];
    else value = haversineKm(xs[0], xs[1], xs[2], xs[3]);
    const source = `derived: ${d.formula}`;
    if (xs.some((x) => Number.isNaN(x))) return { value: NaN, flag: "missing", source: "" };
    const flags = inputs.map((c) => c.flag);
    const flag: Flag = flags.includes("extrapolated")
      ? "extrapolated"
      : flags.includes("interpolated")
      ? "interpolated"
      : flags.includes("rebased")
      ? "rebased"
      : "observed";
    return { value, flag, source };
  });
}

function readme(
  cfg: ImportConfig,
  years: number[],
  dictionary: VariableInfo[],
  cellOf: (name: string, iso3: string, i: number) => Cell,
  notes: string[],
  tradeLog: string[][],
  totalsLog: string[][],
): string {
  const cov = cfg.coverageYears ?? { from: 2015, to: 2022 };
  const ctx: ReadmeContext = {
    cfg,
    years,
    cellOf,
    cov,
    covYears: years.filter((y) => y >= cov.from && y <= cov.to),
    idx: (y: number) => years.indexOf(y),
    paper: cfg.variables.filter((v) => v.paper),
  };
  return [
    ...readmeFiles(cfg, years),
    ...readmeDictionary(dictionary),
    ...readmeRules(cfg, notes),
    ...readmeCoverage(ctx),
    ...readmeMissing(ctx),
    ...readmeDependent(ctx, tradeLog, totalsLog),
  ].join("\n") + "\n";
}

/** What the sections of data/README.md read: the panel's years, cells and the coverage window. */
interface ReadmeContext {
  cfg: ImportConfig;
  years: number[];
  cellOf: (name: string, iso3: string, i: number) => Cell;
  /** The coverage window (config coverageYears, default 2015-2022). */
  cov: { from: number; to: number };
  /** The panel years inside the coverage window. */
  covYears: number[];
  /** The index of a year in `years`. */
  idx: (y: number) => number;
  /** The paper's variables. */
  paper: VariableConfig[];
}

/** Escape a markdown table cell. */
function esc(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The README's title, provenance and list of files. */
function readmeFiles(cfg: ImportConfig, years: number[]): string[] {
  const L: string[] = [];
  L.push("# data/: the tidy panel (generated by `deno task import`; do not edit by hand)", "");
  L.push(
    `Countries: ${cfg.countries.join(", ")} (reporter ${cfg.reporter}); years ${years[0]}-${
      years[years.length - 1]
    }. ` +
      "Built from the raw files in ../shared/data/raw (see ../shared/data/SOURCES.md) by the config `data/import.config.json`. " +
      "Regenerate with `deno task import` (byte-identical).",
    "",
  );
  L.push("Files:", "");
  L.push("- `panel.csv`: one row per country-year; empty cell = missing.");
  L.push(
    "- `panel-flags.csv`: the flag of every cell (observed, interpolated, extrapolated, rebased, missing, not-applicable) and the source it came from.",
  );
  L.push("- `variables.json`: this dictionary, machine-readable.");
  L.push(
    "- `trade-selection.csv`: every trade row read for the bilateral trade variables (page-typed figures, DOTS and Comtrade flow cells of the panel's dyads) with its decision: used, superseded (a higher-ranked source fills the cell) or rejected, and why; `variable` names the column it feeds.",
  );
  if (cfg.world) {
    const out = cfg.world.output ?? "world-trade.csv.gz";
    L.push(
      `- \`${out}\` and \`${
        out.replace(/\.csv\.gz$/, "")
      }.json\`: the world bilateral trade panel (every DOTS workbook) and its counts; see the last section.`,
    );
  }
  L.push(
    "- `country-names.csv`: IMF DOTS and UN Comtrade country names -> ISO3, kind (country / aggregate), the sources that use each name and how the code was found (CEPII name match or hand); curated input, not generated (tools/country_names.ts rebuilds it).",
  );
  L.push(
    "- `totals-selection.csv`: every row of the page-typed national totals (CBEC, goods trade) with its decision.",
    "",
  );
  return L;
}

/** The column dictionary table. */
function readmeDictionary(dictionary: VariableInfo[]): string[] {
  const L: string[] = [];
  L.push("## Column dictionary", "");
  L.push(
    "| name | meaning | unit | source | indicator | vintage | proxy | note |",
    "|---|---|---|---|---|---|---|---|",
  );
  for (const d of dictionary) {
    L.push(
      `| ${
        [
          d.name,
          d.meaning,
          d.unit,
          d.source,
          d.indicator,
          d.vintage,
          d.proxy ? "PROXY" : "",
          d.note,
        ].map(esc).join(" | ")
      } |`,
    );
  }
  return L;
}

/** The priority, gap-filling, rebasing and derivation rules, and the import notes. */
function readmeRules(cfg: ImportConfig, notes: string[]): string[] {
  const L: string[] = [];
  L.push("", "## Rules", "");
  L.push(
    "- Priority: where several sources give a variable, the first in the config wins cell by cell; the flags file names the source of every cell.",
    "- Gaps: linear interpolation in the year between the two nearest observed years of the same country (or of the year-level series), flagged `interpolated`; never across the ends of a series. " +
      "Extrapolation only where the config sets `extrapolate` (none does by default): the nearest observed value, flagged `extrapolated`.",
    `- Not interpolated (config): ${
      cfg.variables.filter((v) =>
        !v.derive &&
        (v.interpolate ?? cfg.sources.find((s) => s.variable === v.name)?.interpolate ??
            true) === false
      ).map((v) => v.name).join(", ") || "none"
    }.`,
    ...(cfg.sources.some((s) => s.rebase)
      ? [
        "- Rebased: a source with a `rebase` rule is an index in its own base. It fills only the cells earlier sources left empty: linked (ratio splice) at the latest year it shares with them, or, for a country they never cover, rebased so that the stated base year has the stated value. Its year-on-year changes are kept exactly; its cells are flagged `rebased` and their source names the link year and factor.",
      ]
      : []),
    "- Derived variables are computed after the gap filling of their inputs; a derived cell is `interpolated` (or `extrapolated`) if any input was, `missing` if any input is.",
    "- Bilateral variables are reporter-partner values on the partner's row; the reporter's own row is `not-applicable`. Year-level variables repeat on every country's row.",
    ...(cfg.notes ?? []).map((n) => `- ${n}`),
  );
  if (notes.length) L.push("", "## Import notes", "", ...[...new Set(notes)].map((n) => `- ${n}`));
  return L;
}

/** Coverage of the paper variables, per variable x country and per country-year. */
function readmeCoverage(ctx: ReadmeContext): string[] {
  const { cfg, cellOf, cov, covYears, idx, paper } = ctx;
  const L: string[] = [];
  // Coverage per variable x country
  L.push(
    "",
    `## Coverage ${cov.from}-${cov.to} (paper variables): observed / interpolated / missing`,
    "",
  );
  L.push(
    `| variable | ${cfg.countries.join(" | ")} |`,
    `|---|${cfg.countries.map(() => "---").join("|")}|`,
  );
  for (const v of paper) {
    const cells = cfg.countries.map((c) => {
      const f = covYears.map((y) => cellOf(v.name, c, idx(y)).flag);
      if (f.every((x) => x === "not-applicable")) return "n/a";
      const n = (k: Flag) => f.filter((x) => x === k).length;
      const ex = (n("extrapolated") ? ` (+${n("extrapolated")} extrap.)` : "") +
        (n("rebased") ? ` (+${n("rebased")} rebased)` : "");
      return `${n("observed")} / ${n("interpolated")} / ${n("missing")}${ex}`;
    });
    L.push(`| ${v.name} | ${cells.join(" | ")} |`);
  }
  L.push(
    "",
    `### Per country-year (${paper.length} paper variables): observed / interpolated / missing`,
    "",
  );
  L.push(`| country | ${covYears.join(" | ")} |`, `|---|${covYears.map(() => "---").join("|")}|`);
  for (const c of cfg.countries) {
    const cells = covYears.map((y) => {
      const f = paper.map((v) => cellOf(v.name, c, idx(y)).flag);
      const n = (k: Flag) => f.filter((x) => x === k).length;
      return `${n("observed") + n("rebased")}/${n("interpolated")}/${n("missing")}`;
    });
    L.push(`| ${c} | ${cells.join(" | ")} |`);
  }
  L.push(
    "",
    "(not-applicable cells, e.g. bilateral variables on the reporter's row, are not counted.)",
  );
  return L;
}

/** Every missing cell of the paper variables in the coverage window, and why. */
function readmeMissing(ctx: ReadmeContext): string[] {
  const { cfg, cellOf, cov, covYears, idx, paper } = ctx;
  const L: string[] = [];
  // Missing cells and why
  L.push("", `## Every missing cell ${cov.from}-${cov.to} of the paper variables, and why`, "");
  for (const v of paper) {
    const missing: string[] = [];
    for (const c of cfg.countries) {
      for (const y of covYears) {
        if (cellOf(v.name, c, idx(y)).flag === "missing") missing.push(`${c} ${y}`);
      }
    }
    if (!missing.length) continue;
    let why = v.gap ?? "";
    if (v.derive) {
      const ins = v.derive.inputs.filter((n) =>
        cfg.countries.some((c) => covYears.some((y) => cellOf(n, c, idx(y)).flag === "missing"))
      );
      why = `${
        why ? why + " " : ""
      }Derived (${v.derive.formula}); missing where an input is missing (inputs with gaps: ${
        ins.join(", ") || "none"
      }).`;
    } else if (!why) {
      why =
        "no value for these country-years in the source file(s) and no observed year on both sides to interpolate from.";
    }
    L.push(`- **${v.name}** (${missing.length} cells): ${missing.join(", ")}. Why: ${why}`);
  }
  return L;
}

/** The dependent variable(s): where present, and the trade and totals rows read. */
function readmeDependent(
  ctx: ReadmeContext,
  tradeLog: string[][],
  totalsLog: string[][],
): string[] {
  const { cfg, cellOf, cov, covYears, idx } = ctx;
  const L: string[] = [];
  // Dependent variable
  const dep = cfg.dependent ?? [];
  if (dep.length) {
    L.push("", "## The dependent variable", "");
    for (const name of dep) {
      const v = cfg.variables.find((x) => x.name === name);
      if (!v) continue;
      const have: string[] = [];
      let total = 0;
      for (const c of cfg.countries) {
        if (c === cfg.reporter && v.scope === "bilateral") continue;
        for (const y of covYears) {
          total++;
          const cell = cellOf(name, c, idx(y));
          if (!Number.isNaN(cell.value)) {
            have.push(`${c} ${y}${cell.flag === "observed" ? "" : ` (${cell.flag})`}`);
          }
        }
      }
      L.push(
        `- **${name}**${v.proxy ? " (PROXY)" : ""}: ${v.meaning}. ${
          v.derive ? `Construction: ${v.derive.formula}.` : ""
        } ${v.note ?? ""}`.trim(),
        `  Present for ${have.length} of ${total} partner-years ${cov.from}-${cov.to}: ${
          have.join(", ") || "none"
        }.`,
      );
    }
    const byFile = new Map<string, number[]>();
    for (const r of tradeLog) {
      const c = byFile.get(r[0]) ?? [0, 0, 0, 0];
      c[0]++;
      c[r[10] === "used" ? 1 : r[10] === "superseded" ? 2 : 3]++;
      byFile.set(r[0], c);
    }
    L.push(
      "",
      "Trade rows (trade-selection.csv, every row with its decision and reason): " +
        [...byFile].map(([f, c]) =>
          `${f}: ${c[0]} read, ${c[1]} used, ${c[2]} superseded, ${c[3]} rejected`
        ).join("; ") + ". " +
        `National totals pages: ${totalsLog.length} rows read, ${
          totalsLog.filter((r) => r[8] === "used").length
        } used.`,
    );
  }
  return L;
}
/**
 * Run the import from a config file and write the files into `outDir` (created if needed).
 * Returns the names written.
 *
 * @example
 * ```ts
 * await writeImport({ config: "data/import.config.json", outDir: "out/test-tmp/data" });
 * ```
 */
export async function writeImport(
  options: {
    config?: string;
    outDir?: string;
    onProgress?: (done: number, total: number, file: string) => void;
  } = {},
): Promise<string[]> {
  const config = options.config ?? "data/import.config.json";
  const outDir = options.outDir ?? "data";
  let text: string;
  try {
    text = await Deno.readTextFile(config);
  } catch (e) {
    throw new InputError(`${config}: cannot read the import config (${(e as Error).name})`);
  }
  const binary: Record<string, Uint8Array> = {};
  const files = await buildImport(parseImportConfig(text, config), {
    onProgress: options.onProgress,
    binary,
  });
  const all = { ...files, ...binary };
  await writeFilesAtomic(outDir, all); // a temporary directory in outDir, then renames
  return Object.keys(all);
}
