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
      values: ["ols", "ppml", "sfa"],
      default: "ols",
      group: "model",
      help: "OLS on the terms as given, Poisson pseudo-maximum likelihood (PPML), or a " +
        "stochastic frontier by maximum likelihood (sfa)",
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
      name: "inefficiency",
      type: "string",
      values: ["halfnormal", "truncnormal"],
      default: "halfnormal",
      group: "model",
      help: "(sfa) the one-sided error u: half-normal, or truncated normal N+(mu, sigma_u^2)",
    },
    {
      name: "panel",
      type: "string",
      arg: "ID,TIME",
      group: "model",
      help: "(sfa) a panel, Battese-Coelli (1992): u_it = exp(-eta (t - T_i)) u_i",
    },
    {
      name: "time-varying",
      type: "boolean",
      group: "model",
      help: "(sfa, with --panel) estimate eta (time-varying inefficiency; eta = 0 otherwise)",
    },
    {
      name: "z",
      type: "string",
      arg: "TERM[,TERM...]",
      group: "model",
      help: "(sfa) inefficiency effects, Battese-Coelli (1995): u ~ N+(z'delta, sigma_u^2)",
    },
    {
      name: "z-intercept",
      type: "boolean",
      group: "model",
      help: "(sfa, with --z) a constant in z'delta",
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
    {
      name: "efficiency",
      type: "string",
      values: ["bc", "jlms"],
      default: "bc",
      group: "output",
      help: "(sfa) efficiency per row: Battese-Coelli E[exp(-u) | e] or JLMS exp(-E[u | e])",
    },
    format(),
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
    {
      args: [
        "cli",
        "fit",
        "--data",
        "../shared/data/raw/frontier/front41Data.csv",
        "--y",
        "ln(output)",
        "--x",
        "ln(capital),ln(labour)",
        "--estimator",
        "sfa",
      ],
      about: "FRONTIER 4.1's example EG1: a half-normal production frontier and each firm's " +
        "efficiency",
    },
  ],
};

/** The options of `fit` that only `--estimator sfa` takes. */
export const SFA_ONLY = ["inefficiency", "panel", "time-varying", "z", "z-intercept", "efficiency"];

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
    "Reads the config, the tidy panel in data/ and the paper's tables; prints the results and",
    "writes results.json, table2.csv, table3.csv, tables.md, figures/*.svg and report.html.",
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
    format(["text", "markdown", "json", "html"]),
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
    { args: ["study"], about: "the study on the bundled data" },
    {
      args: [
        "study",
        "--config",
        "data/study.eq1.config.json",
        "--format",
        "markdown",
        "--out",
        "out/study-eq1",
      ],
      about: "the classic equation (1), as markdown, files in out/study-eq1/",
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

/** The example worlds of `ge` (tests/fixtures/ge/make_examples.ts writes them from ../shared). */
const GE_DATA = "tests/fixtures/ge/";

/** `deno task cli ge`. */
export const GE_COMMAND: CommandSpec = {
  name: "ge",
  invoke: "deno task cli ge",
  about: "general-equilibrium counterfactual: trade and real income after a trade-cost change",
  description: [
    "The data: one row per exporter-importer pair of one year, domestic flows (i = i) included.",
    "The change in trade costs is --partial COL (ln change per pair, as ge_gravity's beta), or",
    "--x TERMS with --counterfactual: a PPML with exporter and importer effects (or --fe) is",
    "fitted and the terms are set to their new values. --method exact solves the equilibrium in",
    "changes (ge_gravity's hat algebra); --method book replicates the GEPPML do-files of Yotov",
    "et al. (2016), a replication mode.",
  ],
  options: [
    {
      name: "data",
      type: "string",
      arg: "FILE.csv",
      required: true,
      group: "data",
      help: "the pairs of one year, domestic flows included",
    },
    {
      name: "exporter",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of exporter codes",
    },
    {
      name: "importer",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of importer codes",
    },
    {
      name: "y",
      type: "string",
      arg: "COL",
      required: true,
      group: "data",
      help: "the column of baseline flows (>= 0; every domestic flow > 0)",
    },
    {
      name: "partial",
      type: "string",
      arg: "COL",
      group: "model",
      help: "the column of partial effects: ln change in trade costs x (-theta) per pair",
    },
    {
      name: "x",
      type: "string",
      arg: "TERM[,TERM...]",
      group: "model",
      help: "the regressors of the trade-cost PPML (COL or ln(COL))",
    },
    {
      name: "fe",
      type: "string",
      arg: "DIM[,DIM...]",
      group: "model",
      help: "the fixed effects of that PPML (default: the exporter and importer columns)",
    },
    {
      name: "counterfactual",
      type: "string",
      arg: "TERM=VALUE|TERM=COLUMN[,...]",
      group: "model",
      help: "the terms' new values: one number for every pair, or a column pair by pair",
    },
    {
      name: "theta",
      type: "string",
      arg: "T",
      group: "model",
      help: "the trade elasticity theta > 0 (or give --sigma)",
    },
    {
      name: "sigma",
      type: "string",
      arg: "S",
      group: "model",
      help: "the elasticity of substitution sigma > 1 (theta = sigma - 1)",
    },
    {
      name: "deficits",
      type: "string",
      values: ["additive", "multiplicative"],
      default: "additive (book: multiplicative)",
      group: "model",
      help: "trade deficits held fixed in levels, or as a share of output",
    },
    {
      name: "reference",
      type: "string",
      arg: "ISO3",
      group: "model",
      help: "the country whose consumer price index is the numeraire (default: world output; " +
        "book: required)",
    },
    {
      name: "method",
      type: "string",
      values: ["exact", "book"],
      default: "exact",
      group: "model",
      help: "the exact equilibrium in changes, or the book's GEPPML loop (replication mode)",
    },
    format(["text", "markdown", "html", "csv", "json"]),
  ],
  examples: [
    {
      args: [
        "cli",
        "ge",
        "--data",
        `${GE_DATA}eu_2000.csv`,
        "--exporter",
        "exporter",
        "--importer",
        "importer",
        "--y",
        "trade",
        "--partial",
        "eu_effect",
        "--theta",
        "4",
      ],
      about: "ge_gravity's example: the EU enlargements' trade-cost cut on the 2000 world, " +
        "welfare per country",
    },
    {
      args: [
        "cli",
        "ge",
        "--data",
        `${GE_DATA}border_2006.csv`,
        "--exporter",
        "exporter",
        "--importer",
        "importer",
        "--y",
        "trade",
        "--x",
        "ln(DIST),CNTG,INTL_BRDR",
        "--counterfactual",
        "INTL_BRDR=0",
        "--sigma",
        "7",
        "--reference",
        "DEU",
        "--method",
        "book",
      ],
      about: "the book's 'trade without borders' (2006, 69 countries) as its do-file runs it",
    },
  ],
};

/** Every command of `deno task cli`, in the order `--help` lists them. */
export const COMMANDS: CommandSpec[] = [
  STUDY_COMMAND,
  FIT_COMMAND,
  GE_COMMAND,
  PCA_COMMAND,
  IMPORT_COMMAND,
];
