/**
 * The model layer: specification -> design -> estimator -> inference -> one result type that
 * every table, figure and JSON writer reads; and predictions (fixed effects included) for new
 * rows from a fitted model.
 *
 * Standard-error conventions (K = slopes + the fixed-effect degrees of freedom, see
 * fe.ts `feDegreesOfFreedom`):
 * - `classical`: OLS sigma^2 (X'X)^-1 with sigma^2 = RSS / (n - K); PPML the model-based
 *   (X'WX)^-1 (GLM dispersion 1).
 * - `hc0`: the sandwich with no small-sample factor. `hc1`: times n / (n - K).
 *   `hc2`/`hc3`: OLS without absorbed fixed effects only (they need the leverages).
 * - `cluster:COL` (and two-way `cluster:A,B`, Cameron-Gelbach-Miller): the sandwich times
 *   G/(G-1) x (n-1)/(n-K) for each clustering (statsmodels / Stata CR1), where fixed-effect
 *   dimensions nested in the clusters do not count in K (fixest's and reghdfe's rule).
 * - `seK: "slopes"` counts the slopes only in K (fixest's fixef.K = "none").
 * - Inference: OLS t with n - K df (clustered: G - 1, the smallest G); PPML z (normal).
 * @module
 */
import jStat from "jstat";
import { InputError } from "../../errors.ts";
import { buildModelDesign, type ModelData } from "./design.ts";
import { encodeFactor, type FeDimension, nestedIn, parseFe, rowComponents } from "./fe.ts";
import { absorb, notConverged } from "./demean.ts";
import { type Estimate, olsEstimate, ppmlEstimate } from "./estimate.ts";
import type { SeparationReport } from "./separation.ts";
import { bread, clusteredCov, coefficientRows, hcMeat, sandwich } from "../vcov.ts";
import type { ModelSpec, SeSpec } from "./spec.ts";
import { evalTerm, parseTerm } from "../formula.ts";
import type { Coefficient } from "../types.ts";

export type { ModelData } from "./design.ts";

/** One absorbed fixed-effect dimension as reported. */
export interface FeReport {
  dimension: string;
  levels: number;
}

/** A fitted model: what every writer reads (plain, JSON-serialisable). */
export interface ModelResult {
  estimator: "ols" | "ppml";
  dependent: string;
  /** Observations used, coefficients estimated, residual df (n - K). */
  n: number;
  k: number;
  dfResidual: number;
  coefficients: Coefficient[];
  /** SE type as requested ("classical", "hc1", "cluster:pair_id", ...). */
  se: string;
  /** Clusters per clustering dimension. */
  clusters?: number[];
  /** Rows dropped: missing values; ln of a zero dependent (log-linear OLS). */
  nDropped: number;
  nZeroDropped: number;
  /** Singletons dropped and observations dropped as separated (PPML). */
  singletons: number;
  separated: number;
  omitted: string[];
  fe: FeReport[];
  /** Degrees of freedom used by the fixed effects. */
  dfFe: number;
  /** OLS: R2 (with the fixed effects' share), adjusted R2, root MSE. PPML: squared corr(y, mu). */
  r2: number;
  adjR2?: number;
  sigma?: number;
  /** PPML convergence report and fit. */
  iterations?: number;
  converged?: boolean;
  deviance?: number;
  tolerance?: number;
  /** PPML: tolerance the fixed-effect projections reached in the last iteration. */
  feTolerance?: number;
  /**
   * Conjugate-gradient iterations of the fixed-effect projections (PPML: over every IRLS
   * iteration); present when fixed effects are absorbed.
   */
  feIterations?: number;
  /** PPML: observations dropped as separated, by reason, and the rectifier's work. */
  separation?: SeparationReport;
  pseudoR2?: number;
  logLik?: number;
  /**
   * PPML: the Pearson dispersion sum (y - mu)^2 / mu / (n - K), 1 when the variance equals the
   * mean as the model-based (classical) SEs assume.
   */
  dispersion?: number;
  /** One-line warnings about the fit (e.g. model-based SEs on overdispersed PPML). */
  warnings?: string[];
  /** Input row of each used row, and the fitted dependent there (mu for PPML). */
  rows: number[];
  fitted: number[];
  /** What `predict` needs: the terms, the estimates and the fixed effects by level label. */
  model: FittedModel;
}

/** The pieces of a fit that make predictions. */
export interface FittedModel {
  estimator: "ols" | "ppml";
  terms: string[];
  /** Coefficient by term ("(Intercept)" included when fitted; omitted terms are 0). */
  beta: Record<string, number>;
  /** Fixed-effect dimensions: the columns interacted and the effect of each level label. */
  fe: { dimension: string; columns: string[]; effects: Record<string, number> }[];
  /** PPML offset column (coefficient 1), added to predictions when set. */
  offset?: string;
}

/** Covariance (scaled units), test df and clusters for the requested SE type. */
function covariance(est: Estimate, se: SeSpec, clusters: FeDimension[], seK: string) {
  const { fit, n } = est;
  const K = fit.k + (seK === "slopes" ? 0 : est.dfFe);
  const zTests = est.estimator === "ppml";
  const df = zTests ? Infinity : est.dfResidual;
  if (se.type === "classical") {
    return { cov: bread(fit.R).map((v) => v * est.classicalScale), df };
  }
  if (se.type === "cluster") {
    const labels = clusters.map((c) => (t: number) => c.codes[t]);
    // fixed effects nested in (every) clustering do not count in K
    const nested = est.fe.filter((f) => labels.every((l) => nestedIn(f, l)));
    const kDf = K - (nested.length && seK !== "slopes" ? nestedDf(est, nested) : 0);
    const r = clusteredCov(fit.R, est.scores, labels, n, kDf);
    return {
      cov: r.cov,
      df: zTests ? Infinity : Math.min(...r.clusters) - 1,
      clusters: r.clusters,
    };
  }
  if ((se.type === "hc2" || se.type === "hc3") && !est.leverageOk) {
    throw new InputError(
      `se ${se.type} needs the leverages of the full design: use hc0, hc1 or cluster with ${
        est.estimator === "ppml" ? "PPML" : "absorbed fixed effects"
      }`,
    );
  }
  const meat = hcMeat(fit.R, est.scores, se.type === "hc1" ? "hc0" : se.type);
  if (se.type === "hc1") { for (let a = 0; a < meat.length; a++) meat[a] *= n / (n - K); }
  return { cov: sandwich(fit.R, meat), df };
}

/** Degrees of freedom of the nested dimensions (their levels, less one if not the first). */
function nestedDf(est: Estimate, nested: FeDimension[]): number {
  return nested.reduce((s, f) => s + f.levels - (f === est.fe[0] ? 0 : 1), 0);
}

/** Estimates and covariance in original units. */
function unscaled(est: Estimate, cov: Float64Array) {
  const { k, kept, scale, yScale, b } = est.fit;
  const beta = new Float64Array(k);
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    beta[a] = (b[a] * yScale) / scale[kept[a]];
    for (let c = 0; c < k; c++) {
      out[a * k + c] = (cov[a * k + c] * yScale * yScale) / (scale[kept[a]] * scale[kept[c]]);
    }
  }
  return { beta, cov: out };
}

/**
 * Fixed effects by level label: the coefficients of (linear predictor - X b) on the dimensions
 * (unweighted projection), normalised so that in each connected component every dimension after
 * the first sums to zero over the rows (the first takes the level; with two dimensions this is
 * the limit alternating projections from zero reach).
 */
function recoverFe(
  est: Estimate,
  xb: Float64Array,
  spec: ModelSpec,
  unit?: Float64Array,
): FittedModel["fe"] {
  if (est.fe.length === 0) return [];
  // formed in place of X b (not read again)
  const r = xb;
  for (let t = 0; t < r.length; t++) {
    r[t] = est.linear[t] - xb[t] - (est.offset ? est.offset[t] : 0);
  }
  // unit weights: in a spare column when there is one (absorb's own is as long as the data)
  const a = absorb([r], est.fe, unit ? unit.fill(1) : null, {
    tolerance: 1e-14,
    coefficients: true,
  });
  if (!a.converged) {
    throw notConverged(a, est.fe, { tolerance: 1e-14, names: ["the fixed effects of the fit"] });
  }
  const alphas = a.coefficients![0];
  normaliseEffects(est.fe, alphas);
  const dims = (spec.fe ?? []).flatMap((d) => parseFe(d));
  return est.fe.map((f, d) => ({
    dimension: f.name,
    columns: dims[d],
    effects: Object.fromEntries(f.labels.map((l, j) => [l, alphas[d][j]])),
  }));
}

/**
 * Shift the effects within each connected component so that every dimension after the first
 * sums to zero over the component's rows; the first dimension takes the shifts (every row's sum
 * of effects is unchanged).
 */
function normaliseEffects(fe: FeDimension[], alphas: Float64Array[]): void {
  const comp = rowComponents(fe);
  const count = new Float64Array(comp.count);
  for (let t = 0; t < comp.row.length; t++) count[comp.row[t]]++;
  const first = new Int32Array(fe[0].levels);
  for (let t = 0; t < comp.row.length; t++) first[fe[0].codes[t]] = comp.row[t];
  for (let d = 1; d < fe.length; d++) {
    const sum = new Float64Array(comp.count);
    const codes = fe[d].codes, a = alphas[d];
    for (let t = 0; t < codes.length; t++) sum[comp.row[t]] += a[codes[t]];
    const shift = sum.map((s, c) => s / count[c]);
    const owner = new Int32Array(fe[d].levels);
    for (let t = 0; t < codes.length; t++) owner[codes[t]] = comp.row[t];
    for (let l = 0; l < a.length; l++) a[l] -= shift[owner[l]];
    for (let l = 0; l < alphas[0].length; l++) alphas[0][l] += shift[first[l]];
  }
}

/**
 * Linear index X b over the used rows (original units), omitted terms contributing nothing;
 * written into `out` when given (overwritten).
 */
function linearIndex(
  est: Estimate,
  beta: Float64Array,
  design: { x: ArrayLike<number>[] },
  out?: Float64Array,
) {
  const xb = out ? out.fill(0) : new Float64Array(est.n);
  const off = est.names[0] === "(Intercept)" ? 1 : 0;
  est.fit.kept.forEach((j, a) => {
    if (j < off) { for (let t = 0; t < est.n; t++) xb[t] += beta[a]; }
    else {
      const col = design.x[j - off];
      for (let t = 0; t < est.n; t++) xb[t] += beta[a] * col[est.rows[t]];
    }
  });
  return xb;
}

/**
 * Goodness of fit: OLS R2 / within R2 / adj R2 / sigma; PPML corr^2, pseudo-R2, deviance (from
 * the fitted means `mu` = exp(linear)).
 */
function fitStatistics(est: Estimate, mu: number[]) {
  const { y, linear, n } = est;
  let my = 0;
  for (let t = 0; t < n; t++) my += y[t];
  my /= n;
  if (est.estimator === "ols") {
    const hasConst = est.fe.length > 0 || est.names[0] === "(Intercept)";
    let tss = 0;
    for (let t = 0; t < n; t++) tss += hasConst ? (y[t] - my) ** 2 : y[t] ** 2;
    const rss = est.rss!;
    const r2 = 1 - rss / tss;
    const adjR2 = 1 - (1 - r2) * (n - (hasConst ? 1 : 0)) / est.dfResidual;
    return { r2, adjR2, sigma: Math.sqrt(rss / est.dfResidual) };
  }
  let mm = 0, sxy = 0, sxx = 0, syy = 0, ll = 0, ll0 = 0;
  for (let t = 0; t < n; t++) mm += mu[t];
  mm /= n;
  for (let t = 0; t < n; t++) {
    const m = mu[t];
    sxy += (y[t] - my) * (m - mm);
    sxx += (m - mm) ** 2;
    syy += (y[t] - my) ** 2;
    const lgy = y[t] > 0 ? jStat.gammaln(y[t] + 1) : 0;
    ll += y[t] * linear[t] - m - lgy;
    ll0 += (y[t] > 0 ? y[t] * Math.log(my) : 0) - my - lgy;
  }
  // Poisson log-likelihoods (ln y! included, as ppmlhdfe): McFadden's pseudo-R2
  return { r2: (sxy * sxy) / (sxx * syy), pseudoR2: 1 - ll / ll0, logLik: ll };
}

/**
 * Fit a model: build the design, run the estimator, compute the requested standard errors.
 * `hooks.progress` receives a one-line report per PPML iteration (the CLI prints them on stderr).
 *
 * @example
 * ```ts
 * const r = fitModel(
 *   { dependent: "trade", terms: ["ln(dist)"], fe: ["exporter", "importer"], estimator: "ppml", se: "hc0" },
 *   { columns: { trade, dist }, labels: { exporter, importer } },
 * );
 * r.coefficients[0].estimate; // the distance elasticity
 * ```
 */
export function fitModel(
  spec: ModelSpec,
  data: ModelData,
  hooks: { progress?: (line: string) => void } = {},
): ModelResult {
  const design = buildModelDesign(spec, data);
  const level = spec.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InputError(`confidence level must be in (0, 1)`);
  const opts = {
    intercept: spec.intercept ?? true,
    tolerance: spec.tolerance,
    maxIterations: spec.maxIterations,
    dropSingletons: spec.dropSingletons ?? true,
    progress: hooks.progress,
  };
  const est = (spec.estimator ?? "ols") === "ppml"
    ? ppmlEstimate(design, opts)
    : olsEstimate(design, opts);
  const clusters = design.clusters.map((c) => ({
    ...c,
    codes: Int32Array.from(est.rows, (i) => c.codes[i]),
  }));
  const inf = covariance(est, design.se, clusters, spec.seK ?? "nested");
  const u = unscaled(est, inf.cov);
  const terms = est.fit.kept.map((j) => est.names[j]);
  // the estimator's work columns are free from here on (the covariance was their last reader)
  const spare = est.spare ?? [];
  const xb = linearIndex(est, u.beta, design, spare.pop());
  // fitted values: the means exp(linear) for PPML (an array made at its full length at once)
  const fitted = doubles(est.n);
  for (let t = 0; t < est.n; t++) {
    fitted[t] = est.estimator === "ppml" ? Math.exp(est.linear[t]) : est.linear[t];
  }
  const stats = fitStatistics(est, fitted);
  const dispersion = est.estimator === "ppml" ? pearsonDispersion(est, fitted) : undefined;
  const warnings = dispersion !== undefined && design.se.type === "classical"
    ? [
      `model-based (IID) Poisson SEs assume the variance equals the mean; the Pearson dispersion ` +
      `is ${dispersion.toPrecision(4)}, so they are about ${Math.sqrt(dispersion).toPrecision(3)}` +
      ` times too small if it is constant (the default, hc0, is robust to it)`,
    ]
    : [];
  return {
    estimator: est.estimator,
    dependent: design.dependent,
    n: est.n,
    k: est.fit.k,
    dfResidual: est.dfResidual,
    coefficients: coefficientRows(terms, u.beta, u.cov, inf.df, level),
    se: design.se.label,
    ...(inf.clusters ? { clusters: inf.clusters } : {}),
    nDropped: design.nMissing,
    nZeroDropped: design.nZeroLog,
    singletons: est.singletons,
    separated: est.separated,
    omitted: est.fit.omitted,
    fe: est.fe.map((f) => ({ dimension: f.name, levels: f.levels })),
    dfFe: est.dfFe,
    ...stats,
    ...(est.ppml ?? {}),
    ...(est.feIterations !== undefined ? { feIterations: est.feIterations } : {}),
    ...(est.separation ? { separation: { ...est.separation } } : {}),
    ...(dispersion !== undefined ? { dispersion } : {}),
    ...(warnings.length ? { warnings } : {}),
    rows: est.rows,
    fitted,
    model: {
      estimator: est.estimator,
      terms: est.names,
      beta: Object.fromEntries(
        est.names.map((t) => [t, 0]).concat(terms.map((t, a) => [t, u.beta[a]])),
      ),
      fe: recoverFe(est, xb, spec, spare.pop()),
      ...(spec.offset ? { offset: spec.offset } : {}),
    },
  };
}

/**
 * An array of n numbers to be filled, made once at its full length with room for doubles (a
 * one-element double array stretched: `new Array(n)` would hold small integers first and copy
 * itself when the first fraction arrives).
 */
function doubles(n: number): number[] {
  const a = [0.5];
  a.length = n;
  return a;
}

/** Pearson chi-square / residual df (n - slopes - fixed-effect df) of a PPML fit. */
function pearsonDispersion(est: Estimate, mu: number[]): number {
  let chi2 = 0;
  for (let t = 0; t < mu.length; t++) chi2 += (est.y[t] - mu[t]) ** 2 / mu[t];
  return chi2 / est.dfResidual;
}

/**
 * Predict for new rows: the linear index of the terms plus the fixed effects of each row's
 * levels (exp of it for PPML). A level the fit never saw gives NaN, as does a missing value.
 *
 * @example
 * ```ts
 * const mu = predict(fit, { columns: { dist }, labels: { exporter, importer } });
 * ```
 */
export function predict(fit: ModelResult | FittedModel, data: ModelData): Float64Array {
  const m = "model" in fit ? fit.model : fit;
  const file = data.file ?? "data";
  const anyCol = Object.values(data.columns)[0] ?? Object.values(data.labels ?? {})[0];
  const N = anyCol ? anyCol.length : 0;
  const eta = new Float64Array(N);
  for (const term of m.terms) {
    const b = m.beta[term];
    if (term === "(Intercept)") {
      for (let i = 0; i < N; i++) eta[i] += b;
      continue;
    }
    if (b === 0) continue;
    const x = evalTerm(parseTerm(term), { file, columns: data.columns });
    for (let i = 0; i < N; i++) eta[i] += b * x[i];
  }
  if (m.offset) {
    const o = data.columns[m.offset];
    if (!o) throw new InputError(`${file}: no column "${m.offset}" (offset)`);
    for (let i = 0; i < N; i++) eta[i] += o[i];
  }
  for (const d of m.fe) {
    const parts = d.columns.map((c) => {
      const v = data.labels?.[c] ?? data.columns[c];
      if (!v) throw new InputError(`${file}: no column "${c}" (fixed effect ${d.dimension})`);
      return v;
    });
    const codes = encodeFactor(d.dimension, parts);
    const effect = codes.labels.map((l) => d.effects[l] ?? NaN);
    for (let i = 0; i < N; i++) eta[i] += codes.codes[i] < 0 ? NaN : effect[codes.codes[i]];
  }
  return m.estimator === "ppml" ? eta.map(Math.exp) : eta;
}
