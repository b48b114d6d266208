/**
 * The world benchmark for trade potential: a gravity model of China's trade with every partner
 * (the China world panel), fitted with the study's partners left out (out of sample, after
 * Egger 2002) or in, by log-OLS or PPML with year fixed effects. K for each study partner-year
 * = actual / the benchmark's prediction under the study's one K definition (Duan's smearing with
 * the log-OLS fit's own factor; not applicable to PPML, lib/gravity/potential/definition.ts), with
 * the study's classes, intervals and class probabilities (lib/gravity/potential/intervals.ts).
 * @module
 */
import { InputError } from "../../errors.ts";
import { ols } from "../../stats/linear/ols.ts";
import type { ChinaWorldPanel, ChinaWorldRow } from "./china_world.ts";
import { classifyK, type PotentialRow } from "../potential/k.ts";
import type { CoefficientCovariance } from "../../stats/vcov_dense.ts";
import { type KUncertaintyFields, simulateK } from "../potential/intervals.ts";
import { chooseCovariance } from "../potential/study_intervals.ts";
import type { BenchmarkConfig, BenchmarkEstimator, BenchmarkTerm } from "../config/benchmark.ts";
import type { UncertaintyConfig } from "../config/uncertainty.ts";
import type { KDefinition, Thresholds } from "../types.ts";
import { type KDefinitionUse, kDefinitionUse, kValue } from "../potential/definition.ts";

/** One K of the benchmark (a study partner-year). */
export interface BenchmarkK extends PotentialRow, KUncertaintyFields {
  /** True when the row entered the fit (outOfSample false). */
  inSample: boolean;
  /** Regressor values of the row (term name -> value; year effects included). */
  x: Record<string, number>;
}

/** One fitted benchmark (per estimator). */
export interface BenchmarkFit {
  estimator: BenchmarkEstimator;
  ok: boolean;
  reason?: string;
  /** Observations in the fit, the partners and years they come from. */
  n: number;
  partners: string[];
  years: number[];
  /** Partner-years left out, by reason (counts). */
  excluded: { studyPartners: number; missing: number; zeroTrade: number };
  coefficients: { term: string; estimate: number; stdError: number; p: number }[];
  omitted: string[];
  /** CoefficientCovariance used for the intervals, its t degrees of freedom and the clusters. */
  se: string;
  df: number;
  r2?: number;
  /** How this fit's K applies the study's definition (absent when the fit failed). */
  kDefinition?: KDefinitionUse;
  k: BenchmarkK[];
  warnings: string[];
}

/** What the study gets from the benchmark. */
export interface BenchmarkResult {
  config: BenchmarkConfig;
  /** The world panel's coverage and dropped partners (Table 1 style). */
  panel: Pick<
    ChinaWorldPanel,
    "reporter" | "years" | "partners" | "coverage" | "dropped" | "notes"
  >;
  fits: BenchmarkFit[];
}

/**
 * The value of a benchmark term on a panel row (NaN when missing or not loggable).
 *
 * @example
 * ```ts
 * benchmarkTerm(row, "ln_dist"); // Math.log(row.dist)
 * ```
 */
export function benchmarkTerm(
  row: ChinaWorldRow,
  term: BenchmarkTerm,
  distance: BenchmarkConfig["distance"] = "dist",
): number {
  const ln = (v: number) => (v > 0 ? Math.log(v) : NaN);
  switch (term) {
    case "ln_gdp":
      return ln(row.gdp);
    case "ln_pop":
      return ln(row.pop);
    case "ln_dist":
      return ln(row[distance]);
    default:
      return row[term];
  }
}

/** Design of the benchmark: term values plus year dummies (first year the base). */
function designOf(
  config: BenchmarkConfig,
): { names: string[]; x: (r: ChinaWorldRow) => number[] } {
  const years: number[] = [];
  for (let y = config.years.from + 1; y <= config.years.to; y++) years.push(y);
  const fe = config.fixedEffects.includes("year");
  const names = [
    "(Intercept)",
    ...config.terms,
    ...(fe ? years.map((y) => `year_${y}`) : []),
  ];
  return {
    names,
    x: (r) => [
      1,
      ...config.terms.map((t) => benchmarkTerm(r, t, config.distance)),
      ...(fe ? years.map((y) => (r.year === y ? 1 : 0)) : []),
    ],
  };
}

/** Options of {@link runBenchmark}. */
export interface BenchmarkOptions {
  /** The study's partners (the CA5): left out of the fit when outOfSample, and given K. */
  partners: string[];
  thresholds: Thresholds;
  uncertainty: UncertaintyConfig;
  /** The study's K definition (config.potential.definition; default "level"). */
  definition?: KDefinition;
  /** A PPML estimator (lib/stats), when available. */
  ppml?: PpmlEstimator;
}

/** The PPML estimator the benchmark needs: coefficients and their covariance. */
export type PpmlEstimator = (
  y: ArrayLike<number>,
  x: number[][],
  names: string[],
  cluster: string[],
) => {
  estimate: number[];
  cov: number[][];
  df: number;
  omitted: string[];
  se: string;
  /** The estimator's own coefficient table (estimate, SE, p), when it reports one. */
  coefficients?: { term: string; estimate: number; stdError: number; p: number }[];
};

/**
 * Fit the benchmark by each configured estimator and compute K, its interval and class
 * probabilities for every study partner-year of the window.
 *
 * @example
 * ```ts
 * const b = runBenchmark(worldPanel, benchmarkConfig, { partners: ["KAZ"], thresholds, uncertainty });
 * b.fits[0].k[0].k; // actual / benchmark prediction
 * ```
 */
export function runBenchmark(
  world: ChinaWorldPanel,
  config: BenchmarkConfig,
  options: BenchmarkOptions,
): BenchmarkResult {
  const study = new Set(options.partners);
  const inWindow = world.rows.filter((r) =>
    r.year >= config.years.from && r.year <= config.years.to
  );
  const { partners: _p, rows: _r, ...panelInfo } = world;
  return {
    config,
    panel: { ...panelInfo, partners: world.partners },
    fits: config.estimators.map((e) => fitOne(e, inWindow, study, config, options)),
  };
}

/** One row of the fit: the world panel row and its design values. */
type SampleRow = { row: ChinaWorldRow; x: number[] };

/** The benchmark's design (from {@link designOf}). */
type Design = ReturnType<typeof designOf>;

/**
 * The rows that enter the fit, and the counts left out: the study's partners (out of sample),
 * rows with a missing variable, and (OLS only) zero trade.
 */
function benchmarkSample(
  estimator: BenchmarkEstimator,
  rows: ChinaWorldRow[],
  study: Set<string>,
  config: BenchmarkConfig,
  design: Design,
): { sample: SampleRow[]; excluded: BenchmarkFit["excluded"] } {
  const excluded = { studyPartners: 0, missing: 0, zeroTrade: 0 };
  const sample: SampleRow[] = [];
  for (const row of rows) {
    if (config.outOfSample && study.has(row.partner)) {
      excluded.studyPartners++;
      continue;
    }
    const x = design.x(row);
    if (Number.isNaN(row.trade) || x.some(Number.isNaN)) {
      excluded.missing++;
      continue;
    }
    if (estimator === "ols" && !(row.trade > 0)) {
      excluded.zeroTrade++;
      continue;
    }
    sample.push({ row, x });
  }
  return { sample, excluded };
}

/** What either estimator gives the K computation: coefficients kept, names, covariance. */
interface Estimates {
  beta: number[];
  names: string[];
  cov: CoefficientCovariance;
  omitted: string[];
  se: string;
  r2?: number;
  /** The estimator's coefficient table, when it reports one. */
  coefficients?: BenchmarkFit["coefficients"];
  /** log-OLS: the sample's design rows over the kept coefficients, ln trade and the residuals. */
  sample?: { x: number[][]; y: number[]; residuals: ArrayLike<number> };
  warnings: string[];
}

/** The PPML fit by the caller's estimator (cluster-robust by partner). */
function ppmlFit(
  ppml: PpmlEstimator,
  sample: SampleRow[],
  names: string[],
  cluster: string[],
): Estimates {
  const fit = ppml(sample.map((s) => s.row.trade), sample.map((s) => s.x), names, cluster);
  return {
    beta: fit.estimate,
    names: names.filter((n) => !fit.omitted.includes(n)),
    cov: { matrix: fit.cov, df: fit.df, se: "cluster" },
    omitted: fit.omitted,
    se: fit.se,
    ...(fit.coefficients ? { coefficients: fit.coefficients } : {}),
    warnings: [],
  };
}

/** The fit of one estimator, or the reason it failed (an InputError's message; others throw). */
function estimate(
  estimator: BenchmarkEstimator,
  sample: SampleRow[],
  design: Design,
  options: BenchmarkOptions,
): Estimates | { reason: string } {
  const cluster = sample.map((s) => s.row.partner);
  if (estimator === "ppml" && !options.ppml) {
    return {
      reason: "PPML is not available in this build (it comes with the PPML estimator of " +
        'lib/stats, issue "Estimators")',
    };
  }
  try {
    return estimator === "ppml"
      ? ppmlFit(options.ppml!, sample, design.names, cluster)
      : olsFit(sample, design.names, cluster, options.uncertainty);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { reason: e.message };
  }
}

/**
 * Fit one estimator on the window's rows and compute K, its interval and P(class) for the study's
 * partners.
 */
function fitOne(
  estimator: BenchmarkEstimator,
  rows: ChinaWorldRow[],
  study: Set<string>,
  config: BenchmarkConfig,
  options: BenchmarkOptions,
): BenchmarkFit {
  const design = designOf(config);
  const { sample, excluded } = benchmarkSample(estimator, rows, study, config, design);
  const base: BenchmarkFit = {
    estimator,
    ok: false,
    n: sample.length,
    partners: [...new Set(sample.map((s) => s.row.partner))].sort(),
    years: [...new Set(sample.map((s) => s.row.year))].sort((a, b) => a - b),
    excluded,
    coefficients: [],
    omitted: [],
    se: "",
    df: NaN,
    k: [],
    warnings: [],
  };
  const e = estimate(estimator, sample, design, options);
  if ("reason" in e) return { ...base, reason: e.reason };
  const { beta, names, cov } = e;
  base.omitted = e.omitted;
  if (e.r2 !== undefined) base.r2 = e.r2;
  base.se = e.se;
  base.warnings.push(...e.warnings);
  base.df = cov.df;
  base.coefficients = e.coefficients?.length ? e.coefficients : names.map((term, a) => ({
    term,
    estimate: beta[a],
    stdError: Math.sqrt(cov.matrix[a][a]),
    p: NaN,
  }));
  const keep = design.names.map((n) => names.includes(n));
  const use = kDefinitionUse(
    options.definition ?? "level",
    estimator === "ols" ? "log-ols" : "ppml",
    e.sample?.residuals,
  );
  base.kDefinition = use;
  base.k = studyK(
    rows,
    study,
    { design, keep, names, beta, cov, use, sample: e.sample },
    config,
    options,
  );
  return { ...base, ok: true };
}

/** The log-OLS fit (cluster-robust by partner) with the covariance chosen for the intervals. */
function olsFit(
  sample: SampleRow[],
  names: string[],
  cluster: string[],
  u: UncertaintyConfig,
): Estimates {
  const fit = ols(
    sample.map((s) => Math.log(s.row.trade)),
    names.slice(1).map((name, j) => ({ name, values: sample.map((s) => s.x[j + 1]) })),
    { se: "cluster", cluster },
  );
  const kept = fit.coefficients.map((c) => c.term);
  const idx = kept.map((t) => names.indexOf(t));
  const x = sample.map((s) => idx.map((j) => s.x[j]));
  const { cov, warnings } = chooseCovariance(x, fit.residuals, cluster, u.se);
  const y = sample.map((s) => Math.log(s.row.trade));
  return {
    beta: fit.coefficients.map((c) => c.estimate),
    names: kept,
    cov,
    omitted: fit.omitted,
    se: cov.se,
    r2: fit.r2,
    coefficients: fit.coefficients.map((c) => ({
      term: c.term,
      estimate: c.estimate,
      stdError: c.stdError,
      p: c.p,
    })),
    sample: { x, y, residuals: fit.residuals },
    warnings,
  };
}

/** What the K of a fit needs from it: the design, kept terms, estimates and the K definition. */
interface KInputs {
  design: Design;
  keep: boolean[];
  names: string[];
  beta: number[];
  cov: CoefficientCovariance;
  use: KDefinitionUse;
  sample?: Estimates["sample"];
}

/** K, class, interval and P(class) of every study partner-year under the fit's K definition. */
function studyK(
  rows: ChinaWorldRow[],
  study: Set<string>,
  fit: KInputs,
  config: BenchmarkConfig,
  options: BenchmarkOptions,
): BenchmarkK[] {
  const { design, keep, names, beta, cov, use } = fit;
  const out: BenchmarkK[] = [];
  const targets: { i: number; actual: number; x: number[] }[] = [];
  for (const row of rows.filter((r) => study.has(r.partner))) {
    const full = design.x(row);
    const x = full.filter((_, j) => keep[j]);
    if (x.some(Number.isNaN)) continue;
    const fitted = x.reduce((a, v, j) => a + v * beta[j], 0);
    const predicted = Math.exp(fitted) * use.factor;
    const actual = row.trade > 0 ? row.trade : null;
    const k = actual === null ? null : kValue(actual, fitted, use);
    if (actual !== null) targets.push({ i: out.length, actual, x });
    out.push({
      country: row.partner,
      year: row.year,
      actual,
      fitted,
      predicted,
      k,
      class: k === null || !Number.isFinite(k) ? null : classifyK(k, options.thresholds),
      inSample: !config.outOfSample,
      x: Object.fromEntries(names.map((n, j) => [n, x[j]])),
      kLower: null,
      kUpper: null,
      classProbabilities: null,
    });
  }
  const u = options.uncertainty;
  if (u.enabled && targets.length) {
    const sims = simulateK(targets, beta, cov.matrix, cov.df, {
      definition: use.applied,
      ...(use.applied === "smearing" && fit.sample ? { sample: fit.sample } : {}),
      thresholds: options.thresholds,
      level: u.level,
      draws: u.draws,
      seed: u.seed,
    });
    targets.forEach((t, j) => Object.assign(out[t.i], sims[j]));
  }
  return out;
}
