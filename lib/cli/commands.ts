/**
 * The option table of every command: what the parser accepts, what `--help` prints and what the
 * README's command table shows (tests/cli/help_test.ts holds the three together).
 * @module
 */
import type { CommandSpec, OptionSpec } from "./options.ts";

/** Output formats shared by fit, pca and study. */
export const FORMATS = ["text", "json", "markdown", "html"] as const;

const format = (values: readonly string[] = FORMATS): OptionSpec => ({
  name: "format",
  type: "string",
  values,
  default: "text",
  group: "output",
  help: "what to print on stdout",
});

/** The synthetic gravity panel the fit examples use (2,400 flows, known coefficients). */
const SYNTHETIC = "tests/fixtures/stats/gravity_synthetic.csv";

/** Yotov et al. (2016)'s teaching data, beside the repository (not shipped in it). */
const AGTPA = "../shared/data/raw/gravity-teaching/agtpa/";

/** `deno task cli fit`. */
export const FIT_COMMAND: CommandSpec = {
  name: "fit",
  invoke: "deno task cli fit",
  about: "OLS, PPML and absorbed fixed effects on any CSV, with full inference",
  description: [
    "A TERM is a column name or ln(COLUMN). Without --estimator, --fe or --compare it is least",
    "squares by Householder QR (Stata regress-like output); with them, the model layer: OLS or",
    "PPML with fixed effects absorbed (DIM = COLUMN or an interaction COLUMN^COLUMN).",
  ],
  options: [
    {
      name: "data",
      type: "string",
      arg: "FILE.csv",
      required: true,
      group: "data",
      help: "the CSV file (a header row, one row per observation)",
    },
    {
      name: "y",
      type: "string",
      arg: "TERM",
      required: true,
      group: "model",
      help: "the dependent variable: COLUMN or ln(COLUMN)",
    },
    {
      name: "x",
      type: "string",
      arg: "TERM[,TERM...]",
      required: true,
      group: "model",
      help: "the regressors, comma-separated",
    },
    {
      name: "no-intercept",
      type: "boolean",
      group: "model",
      help: "fit without a constant",
    },
    {
      name: "estimator",
      type: "string",
      values: ["ols", "ppml"],
      default: "ols",
      group: "model",
      help: "OLS on the terms as given, or Poisson pseudo-maximum likelihood (PPML)",
    },
    {
      name: "fe",
      type: "string",
      arg: "DIM[,DIM...]",
      group: "model",
      help: "fixed effects to absorb: a column or an interaction a^b (e.g. exporter^year)",
    },
    {
      name: "compare",
      type: "boolean",
      group: "model",
      help: "OLS of ln(y), OLS + FE, PPML of y and PPML + FE side by side",
    },
    {
      name: "se",
      type: "string",
      arg: "classical|hc0|hc1|hc2|hc3|cluster:COL[,COL]",
      default: "classical",
      group: "inference",
      help: "standard errors (cluster:A,B = two-way clustering)",
    },
    {
      name: "level",
      type: "string",
      arg: "P",
      default: "0.95",
      group: "inference",
      help: "confidence level of the intervals",
    },
    format([...FORMATS, "latex"]),
  ],
  examples: [
    {
      args: [
        "cli",
        "fit",
        "--data",
        `${AGTPA}Chapter1Exercise1.csv`,
        "--y",
        "ln(trade)",
        "--x",
        "ln(DIST),CNTG,LANG,CLNY,RTA",
        "--fe",
        "exporter^year,importer^year",
      ],
      about: "log-OLS gravity with exporter-year and importer-year effects on Yotov et al. " +
        "(2016)'s 65 countries (zero flows dropped and counted)",
    },
    {
      args: [
        "cli",
        "fit",
        "--data",
        SYNTHETIC,
        "--y",
        "trade",
        "--x",
        "ln(dist),cntg,rta",
        "--estimator",
        "ppml",
        "--fe",
        "exporter^year,importer^year",
        "--se",
        "cluster:pair",
      ],
      about: "PPML with exporter-year and importer-year effects, SEs clustered by pair",
    },
    {
      args: [
        "cli",
        "fit",
        "--data",
        SYNTHETIC,
        "--y",
        "trade",
        "--x",
        "ln(dist),cntg,rta",
        "--fe",
        "exporter^year,importer^year",
        "--compare",
        "--format",
        "markdown",
      ],
      about: "four models side by side as a markdown table",
    },
  ],
};

/** `deno task cli pca`. */
export const PCA_COMMAND: CommandSpec = {
  name: "pca",
  invoke: "deno task cli pca",
  about: "principal components with KMO and Bartlett's test on any CSV",
  description: [
    "Rows with a missing value in any listed column are left out (and counted).",
  ],
  options: [
    {
      name: "data",
      type: "string",
      arg: "FILE.csv",
      required: true,
      group: "data",
      help: "the CSV file",
    },
    {
      name: "columns",
      type: "string",
      arg: "COL,COL[,COL...]",
      required: true,
      group: "model",
      help: "the variables, comma-separated",
    },
    {
      name: "no-scale",
      type: "boolean",
      group: "model",
      help: "use the covariance matrix instead of the correlation matrix",
    },
    format(),
  ],
  examples: [
    {
      args: ["cli", "pca", "--data", SYNTHETIC, "--columns", "trade,dist,cntg,rta"],
      about: "components of four columns of the synthetic panel",
    },
  ],
};

/** `deno task study` (also `deno task cli study`). */
export const STUDY_COMMAND: CommandSpec = {
  name: "study",
  invoke: "deno task study",
  about: "the whole study: Tables 1-3 beside the paper's, trade potential K, benchmark, forecasts",
  description: [
    "Reads the config, the tidy panel in data/ and the paper's tables; prints what we found",
    "(--full: every table) and writes results.json, table2.csv, table3.csv, tables.md,",
    "tables.tex (LaTeX), tables.xlsx (Excel), figures/*.svg and report.html.",
  ],
  options: [
    {
      name: "config",
      type: "string",
      arg: "FILE",
      default: "data/study.config.json",
      group: "data",
      help: "the study config (partners, years, terms, K thresholds, sections)",
    },
    format(["text", "markdown", "json", "html", "latex"]),
    {
      name: "full",
      type: "boolean",
      group: "output",
      help: "print every table (text), not the one-screen summary",
    },
    {
      name: "out",
      type: "string",
      arg: "DIR",
      default: "out/study",
      group: "output",
      help: "where the files are written (the task may write below out/ only)",
    },
  ],
  examples: [
    { args: ["study"], about: "the study on the bundled data: what we found, on one screen" },
    { args: ["study", "--full"], about: "every table in the terminal" },
    {
      args: ["study", "--config", "data/study.eq1.config.json", "--format", "markdown"],
      about: "the classic equation (1), as markdown",
    },
    {
      args: ["study", "--format", "json", "--out", "out/study-json"],
      about: "the result as JSON on stdout, files in out/study-json/",
    },
  ],
};

/** `deno task import` (also `deno task cli import`). */
export const IMPORT_COMMAND: CommandSpec = {
  name: "import",
  invoke: "deno task import",
  about: "build the tidy panel, the world panel and the selection logs from the raw source files",
  description: [
    "Reads the raw files the import config names (../shared/data/raw); writes the outputs",
    "atomically (all or nothing). The same inputs give byte-identical outputs.",
  ],
  options: [
    {
      name: "config",
      type: "string",
      arg: "FILE",
      default: "data/import.config.json",
      group: "data",
      help: "the import config (countries, years, variables, sources, rules)",
    },
    {
      name: "out",
      type: "string",
      arg: "DIR",
      default: "data",
      group: "output",
      help: "where the tidy files are written",
    },
  ],
  examples: [
    {
      args: [
        "import",
        "--config",
        "tests/fixtures/data/import.config.json",
        "--out",
        "out/import-example",
      ],
      about: "a two-country import (CHN, KAZ) into out/import-example/",
    },
  ],
};

/** Every command of `deno task cli`, in the order `--help` lists them. */
export const COMMANDS: CommandSpec[] = [STUDY_COMMAND, FIT_COMMAND, PCA_COMMAND, IMPORT_COMMAND];
