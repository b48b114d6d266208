/**
 * The import config (`data/import.config.json`): its types, the layouts the importer reads,
 * every key it may have (an unknown key is refused with the allowed ones listed and the nearest
 * suggested, a value of the wrong type or a missing required key (`!`) with one line; see
 * strict_json.ts), and the parser that checks it. A new config field is added to its type and to
 * {@link IMPORT_CONFIG_KEYS}, both in this file.
 * @module
 */
import { InputError } from "../../errors.ts";
import {
  assertKnownKeys,
  assertNoRepeats,
  type KeySchema,
  parseStrictJson,
} from "../read/strict_json.ts";
import type { RejectRule, ReportingSide, SideRule } from "../sources/pages.ts";
import type { RebaseRule } from "../sources/macro.ts";
import type { CellRejectRule } from "../sources/bilateral.ts";

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

const RULE: KeySchema = {
  "field!": "string",
  "pattern!": "regex",
  reason: "string",
  side: "string",
};

/** The import config's keys, nested as in the file. */
export const IMPORT_CONFIG_KEYS: KeySchema = {
  "reporter!": "string",
  "countries!": "strings",
  "years!": { "from!": "number", "to!": "number|latest" },
  coverageYears: { from: "number", to: "number" },
  dependent: "strings",
  notes: "strings",
  countryNames: "string",
  world: {
    "dir!": "string",
    pattern: "regex",
    output: "string",
    from: "number",
    to: "number",
    vintage: "string",
  },
  "variables!": [{
    "name!": "string",
    "meaning!": "string",
    "unit!": "string",
    "scope!": "string",
    interpolate: "boolean",
    extrapolate: "boolean",
    proxy: "boolean",
    paper: "boolean",
    note: "string",
    gap: "string",
    derive: { "op!": "string", "inputs!": "strings", constant: "number", formula: "string" },
  }],
  "sources!": [{
    "variable!": "string",
    "file!": "string",
    "layout!": "string",
    indicator: "string",
    code: "string",
    columns: { country: "string", year: "string", value: "string", date: "string" },
    unit: "string",
    vintage: "string",
    interpolate: "boolean",
    where: "string-map",
    iso2: "string-map",
    selection: {
      flows: "strings",
      units: "number-map",
      reject: [RULE],
      sides: [RULE],
      allowSides: "strings",
    },
    note: "string",
    reportedBy: "string",
    // Being added by other branches (i9-cpi: the gmd layout); their parsers check the contents.
    float32: "boolean",
    rebase: "any",
    with: "strings",
    rejectCells: [{
      reporter: "string",
      partner: "string",
      flow: "string",
      from: "number",
      to: "number",
      "reason!": "string",
    }],
  }],
};

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
