/**
 * The option table of `deno task cli fit`: OLS, PPML, fixed effects and stochastic frontiers.
 * @module
 */
import type { CommandSpec } from "./spec.ts";
import { format, FORMATS, SYNTHETIC } from "./shared.ts";

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
      arg: "classical|iid|hc0|hc1|hc2|hc3|cluster:COL[,COL]",
      default: "classical (OLS), hc0 (PPML)",
      group: "inference",
      help: "standard errors: classical (= iid, model-based), heteroskedasticity-robust hc0-hc3, " +
        "clustered (cluster:A,B = two-way); PPML defaults to hc0 because trade flows are " +
        "overdispersed, and iid on PPML prints the Pearson dispersion as a warning",
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
