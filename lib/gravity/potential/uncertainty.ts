/**
 * Uncertainty of trade potential K: an interval and the probability of each class for every K,
 * by simulation of the prediction from the estimated coefficient covariance.
 *
 * Method. K = actual / predicted with predicted = exp(x'b) (times Duan's smearing factor under
 * the "smearing" definition). The actual value is observed; what is uncertain is the benchmark
 * it is divided by, the model's prediction with the TRUE coefficients. The true K is therefore
 * actual / exp(x'beta), and ln K(true) - ln K(estimated) = x'(b - beta): its uncertainty is the
 * sampling error of the coefficients, nothing else. We draw beta* = b + L z / sqrt(w / df) with
 * L L' = V (the coefficient covariance, cluster-robust by partner by default), z standard normal
 * and w chi-squared(df) (a multivariate t with the fit's inference degrees of freedom, so that
 * the intervals match the regression's own t-based intervals), recompute K* = actual / predicted*
 * per draw, and report the (1 - level)/2 and (1 + level)/2 quantiles of K* (R type 7) and the
 * share of draws in each class. For the level definition this reproduces the closed form
 * ln K +- t(df) sqrt(x'Vx) up to simulation error (see {@link analyticInterval}).
 *
 * The residual variance (the idiosyncratic part of ln trade) is NOT part of K's uncertainty
 * under that definition: it is what K measures. Adding it (`residual: true`, log-OLS only) gives
 * a prediction interval instead: where the ratio of the actual value to a new draw of trade from
 * the model would fall. That answers "is this partner-year unusual given the model's noise?",
 * and it over-covers the true K (measured in tests/gravity/potential/uncertainty_test.ts).
 * @module
 */
import jStat from "jstat";
import { EigenvalueDecomposition, inverse, Matrix } from "ml-matrix";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { InputError } from "../../errors.ts";
import { classifyK } from "./k.ts";
import type { PotentialClass } from "../types.ts";
import {
  UNCERTAINTY_DEFAULTS,
  type UncertaintyConfig,
  type UncertaintySe,
} from "../config/uncertainty.ts";
import type { KDefinition, Thresholds } from "../types.ts";

/** A coefficient covariance with the degrees of freedom its inference uses. */
export interface CoefficientCovariance {
  /** k x k, in the order of the design columns. */
  matrix: number[][];
  /** Degrees of freedom of the t reference (n - k; G - 1 when clustered). */
  df: number;
  se: UncertaintySe;
  /** Clusters when se is "cluster". */
  clusters?: number;
}

/**
 * The least-squares coefficient covariance from the design and the residuals: classical
 * s^2 (X'X)^-1, HC1, or CR1 clustered (Stata's G/(G-1) (n-1)/(n-k)), as `ols` reports in its
 * standard errors (the diagonal agrees with them; tested).
 *
 * @example
 * ```ts
 * const v = olsCovariance([[1, 0], [1, 1], [1, 2]], [0.1, -0.2, 0.1], { se: "classical" });
 * v.df; // 1
 * ```
 */
export function olsCovariance(
  x: number[][],
  residuals: ArrayLike<number>,
  options: { se: UncertaintySe; cluster?: ArrayLike<string | number> },
): CoefficientCovariance {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  if (n <= k) throw new InputError(`covariance: ${n} rows for ${k} coefficients`);
  const X = new Matrix(x);
  const bread = inverse(X.transpose().mmul(X));
  if (options.se === "classical") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += residuals[i] ** 2;
    return { matrix: bread.mul(rss / (n - k)).to2DArray(), df: n - k, se: "classical" };
  }
  const meat = Matrix.zeros(k, k);
  let df = n - k;
  let clusters: number | undefined;
  if (options.se === "hc1") {
    for (let i = 0; i < n; i++) {
      const e2 = residuals[i] ** 2;
      for (let a = 0; a < k; a++) {
        for (let c = 0; c < k; c++) meat.set(a, c, meat.get(a, c) + e2 * x[i][a] * x[i][c]);
      }
    }
    meat.mul(n / (n - k));
  } else {
    if (!options.cluster) throw new InputError(`covariance "cluster" needs cluster labels`);
    const sums = new Map<string | number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = options.cluster[i];
      let s = sums.get(g);
      if (!s) sums.set(g, s = new Array(k).fill(0));
      for (let a = 0; a < k; a++) s[a] += x[i][a] * residuals[i];
    }
    const G = sums.size;
    if (G < 2) throw new InputError(`cluster covariance needs at least 2 clusters, got ${G}`);
    for (const s of sums.values()) {
      for (let a = 0; a < k; a++) {
        for (let c = 0; c < k; c++) meat.set(a, c, meat.get(a, c) + s[a] * s[c]);
      }
    }
    meat.mul((G / (G - 1)) * ((n - 1) / (n - k)));
    df = G - 1;
    clusters = G;
  }
  const v = bread.mmul(meat).mmul(bread);
  const sym = v.add(v.transpose()).mul(0.5);
  return {
    matrix: sym.to2DArray(),
    df,
    se: options.se,
    ...(clusters !== undefined ? { clusters } : {}),
  };
}

/** One K to put an interval on: the actual value and the prediction's pieces. */
export interface KTarget {
  /** Observed value in levels (> 0). */
  actual: number;
  /** Design row in the order of the coefficients (intercept column included). */
  x: ArrayLike<number>;
  /** A part of the linear prediction held fixed (e.g. absorbed fixed effects); default 0. */
  offset?: number;
}

/** Interval and class probabilities of one K. */
export interface KUncertainty {
  kLower: number;
  kUpper: number;
  /** Share of draws in each class (sums to 1). */
  classProbabilities: Record<PotentialClass, number>;
}

/** The fields each potential row gains (null where the row has no K). */
export interface KUncertaintyFields {
  kLower: number | null;
  kUpper: number | null;
  classProbabilities: Record<PotentialClass, number> | null;
}

/** Options of {@link simulateK}. */
export interface SimulateOptions {
  definition?: KDefinition;
  thresholds?: Thresholds;
  level?: number;
  draws?: number;
  seed?: number;
  /**
   * The estimation sample (design rows and ln y), needed for the smearing definition: the
   * smearing factor mean(exp(ln y - x'beta*)) is recomputed per draw.
   */
  sample?: { x: ArrayLike<number>[]; y: ArrayLike<number>; offset?: ArrayLike<number> };
  /** Residual standard deviation to add per draw (a prediction interval; default 0 = none). */
  residualSd?: number;
}

/**
 * A seeded stream of standard normal numbers: pure-rand's xoroshiro128+ for uniforms (53 bits),
 * jstat's normal quantile for the transform (inversion).
 *
 * @example
 * ```ts
 * const z = normalStream(1); z(); // the same number for seed 1 every time
 * ```
 */
export function normalStream(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => {
    let u = uniformFloat64(rng);
    while (u === 0) u = uniformFloat64(rng);
    return jStat.normal.inv(u, 0, 1);
  };
}

/** A square root L (L L' = V) of a symmetric positive semi-definite matrix, by eigenvalues. */
function psdRoot(v: number[][]): number[][] {
  const k = v.length;
  const evd = new EigenvalueDecomposition(new Matrix(v), { assumeSymmetric: true });
  const vec = evd.eigenvectorMatrix;
  const lambda = evd.realEigenvalues;
  const scale = Math.max(...lambda.map(Math.abs), 0);
  return Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, c) => {
      const l = lambda[c] > 1e-14 * scale ? lambda[c] : 0; // clip round-off negatives
      return vec.get(a, c) * Math.sqrt(l);
    }));
}

/**
 * Draw coefficient vectors beta* = b + L z / sqrt(w / df) (multivariate t; normal when df is
 * Infinity), reproducibly from `seed`.
 *
 * @example
 * ```ts
 * const draws = coefficientDraws([1, 2], [[0.1, 0], [0, 0.2]], 30, 1000, 7);
 * draws.length; // 1000
 * ```
 */
export function coefficientDraws(
  beta: ArrayLike<number>,
  cov: number[][],
  df: number,
  draws: number,
  seed: number,
): Float64Array[] {
  const k = beta.length;
  const L = psdRoot(cov);
  const normal = normalStream(seed);
  const uniform = xoroshiro128plus(seed ^ 0x5bd1e995);
  const out: Float64Array[] = [];
  const z = new Float64Array(k);
  for (let d = 0; d < draws; d++) {
    for (let a = 0; a < k; a++) z[a] = normal();
    let scale = 1;
    if (Number.isFinite(df)) {
      let u = uniformFloat64(uniform);
      while (u === 0) u = uniformFloat64(uniform);
      scale = 1 / Math.sqrt(jStat.chisquare.inv(u, df) / df);
    }
    const b = new Float64Array(k);
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += L[a][c] * z[c];
      b[a] = beta[a] + s * scale;
    }
    out.push(b);
  }
  return out;
}

function dot(x: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let a = 0; a < b.length; a++) s += x[a] * b[a];
  return s;
}

/**
 * Interval and class probabilities for each target K by simulation: every draw of the
 * coefficients gives predicted* and K* = actual / predicted* (or ln(actual) / fitted* under
 * "log-ratio"); the interval is the pair of (1 -+ level)/2 quantiles of K* (R type 7), the class
 * probabilities the shares of draws in each class.
 *
 * @example
 * ```ts
 * const [u] = simulateK([{ actual: 2, x: [1] }], [0], [[0.01]], Infinity, { seed: 1 });
 * u.classProbabilities.remodelling; // 1 (K = 2, ln K sd 0.1)
 * ```
 */
export function simulateK(
  targets: KTarget[],
  beta: ArrayLike<number>,
  cov: number[][],
  df: number,
  options: SimulateOptions = {},
): KUncertainty[] {
  const definition = options.definition ?? "level";
  const thresholds = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const level = options.level ?? 0.9;
  const draws = options.draws ?? 2000;
  const seed = options.seed ?? UNCERTAINTY_DEFAULTS.seed;
  const residualSd = options.residualSd ?? 0;
  if (definition === "smearing" && !options.sample) {
    throw new InputError("the smearing definition needs the estimation sample");
  }
  const betas = coefficientDraws(beta, cov, df, draws, seed);
  const smear = betas.map((b) => {
    if (definition !== "smearing") return 1;
    const s = options.sample!;
    let m = 0;
    for (let i = 0; i < s.x.length; i++) {
      m += Math.exp(s.y[i] - dot(s.x[i], b) - (s.offset?.[i] ?? 0));
    }
    return m / s.x.length;
  });
  const noise = residualSd > 0 ? normalStream(seed ^ 0x2545f491) : null;
  const ks = new Float64Array(draws);
  return targets.map((t) => {
    const counts = { huge: 0, expanding: 0, remodelling: 0 };
    for (let d = 0; d < draws; d++) {
      let fitted = dot(t.x, betas[d]) + (t.offset ?? 0);
      if (noise) fitted += residualSd * noise();
      const k = definition === "log-ratio"
        ? Math.log(t.actual) / fitted
        : t.actual / (Math.exp(fitted) * smear[d]);
      ks[d] = k;
      counts[classifyK(k, thresholds)]++;
    }
    // a typed array sorts numerically and natively; jstat's own (comparator) sort then meets
    // sorted input, which costs one pass instead of 3x the whole simulation
    const sorted = Array.from(ks.slice().sort());
    const [kLower, kUpper] = jStat.quantiles(sorted, [(1 - level) / 2, (1 + level) / 2], 1, 1);
    return {
      kLower,
      kUpper,
      classProbabilities: {
        huge: counts.huge / draws,
        expanding: counts.expanding / draws,
        remodelling: counts.remodelling / draws,
      },
    };
  });
}

/**
 * The closed form behind the simulation for the level definition: ln K +- t(df) sqrt(x'Vx), and
 * the class probabilities from the t distribution of ln K(true). Used to check the simulation.
 *
 * @example
 * ```ts
 * analyticInterval({ actual: 1, x: [1] }, [0], [[0.01]], Infinity).kUpper; // exp(1.645 x 0.1)
 * ```
 */
export function analyticInterval(
  target: KTarget,
  beta: ArrayLike<number>,
  cov: number[][],
  df: number,
  options: { level?: number; thresholds?: Thresholds } = {},
): KUncertainty {
  const level = options.level ?? 0.9;
  const th = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const lnK = Math.log(target.actual) - dot(target.x, beta) - (target.offset ?? 0);
  let v = 0;
  for (let a = 0; a < beta.length; a++) {
    for (let c = 0; c < beta.length; c++) v += target.x[a] * cov[a][c] * target.x[c];
  }
  const s = Math.sqrt(v);
  const cdf = (q: number) =>
    Number.isFinite(df) ? jStat.studentt.cdf(q, df) : jStat.normal.cdf(q, 0, 1);
  const inv = (p: number) =>
    Number.isFinite(df) ? jStat.studentt.inv(p, df) : jStat.normal.inv(p, 0, 1);
  const q = inv((1 + level) / 2);
  const pHuge = cdf((Math.log(th.huge) - lnK) / s);
  const pRem = 1 - cdf((Math.log(th.remodelling) - lnK) / s);
  return {
    kLower: Math.exp(lnK - q * s),
    kUpper: Math.exp(lnK + q * s),
    classProbabilities: { huge: pHuge, expanding: 1 - pHuge - pRem, remodelling: pRem },
  };
}

/** What {@link studyUncertainty} adds to the study result. */
export interface StudyUncertainty {
  /** The method, in one paragraph (printed under Table 3 and in the report). */
  method: string;
  level: number;
  draws: number;
  seed: number;
  /** CoefficientCovariance actually used (after any fallback) and its t degrees of freedom. */
  se: UncertaintySe;
  df: number;
  clusters?: number;
  /** Interval and class probabilities per `${country}|${year}` with an actual value. */
  byKey: Record<string, KUncertainty>;
  warnings: string[];
}

/** A design row as the study builds it (country, year, actual, term values). */
export interface UncertaintyRow {
  country: string;
  year: number;
  actual: number | null;
  x: Record<string, number | null>;
}

/**
 * The covariance the config asks for on a fitted sample, falling back from "cluster" to "hc1"
 * when there are no more clusters than coefficients (the CR1 matrix then has rank <= G - 1 < k).
 *
 * @example
 * ```ts
 * const { cov, warnings } = chooseCovariance(x, residuals, countries, "cluster");
 * ```
 */
export function chooseCovariance(
  x: number[][],
  residuals: ArrayLike<number>,
  clusters: ArrayLike<string>,
  se: UncertaintySe,
): { cov: CoefficientCovariance; warnings: string[] } {
  const warnings: string[] = [];
  let use = se;
  const k = x[0]?.length ?? 0;
  if (se === "cluster") {
    const G = new Set(Array.from(clusters)).size;
    if (G <= k) {
      warnings.push(
        `uncertainty: ${G} partner clusters for ${k} coefficients make the cluster-robust ` +
          `covariance rank-deficient (rank <= ${G - 1}); K intervals use HC1 instead`,
      );
      use = "hc1";
    }
  }
  return { cov: olsCovariance(x, residuals, { se: use, cluster: clusters }), warnings };
}

/**
 * Intervals and class probabilities for the study's K: the covariance of the fitted
 * coefficients (from the design rows of the sample), then {@link simulateK} on every row with an
 * actual value, in sample or not.
 *
 * @example
 * ```ts
 * const u = studyUncertainty(design, sample, coefficients, residuals, config);
 * u.byKey["KAZ|2018"].kLower;
 * ```
 */
export function studyUncertainty(
  rows: UncertaintyRow[],
  sample: UncertaintyRow[],
  coefficients: { term: string; estimate: number }[],
  residuals: ArrayLike<number>,
  options: {
    uncertainty: UncertaintyConfig;
    definition: KDefinition;
    thresholds: Thresholds;
  },
): StudyUncertainty {
  const u = options.uncertainty;
  const terms = coefficients.map((c) => c.term);
  const beta = coefficients.map((c) => c.estimate);
  const row = (r: UncertaintyRow) =>
    terms.map((t) => (t === "(Intercept)" ? 1 : (r.x[t] ?? NaN) as number));
  const X = sample.map(row);
  const { cov, warnings } = chooseCovariance(X, residuals, sample.map((r) => r.country), u.se);
  let residualSd = 0;
  if (u.residual) {
    let rss = 0;
    for (let i = 0; i < residuals.length; i++) rss += residuals[i] ** 2;
    residualSd = Math.sqrt(rss / (X.length - beta.length));
  }
  const targets = rows.filter((r) => r.actual !== null && r.actual > 0 && row(r).every(isFinite));
  const sims = simulateK(
    targets.map((r) => ({ actual: r.actual as number, x: row(r) })),
    beta,
    cov.matrix,
    cov.df,
    {
      definition: options.definition,
      thresholds: options.thresholds,
      level: u.level,
      draws: u.draws,
      seed: u.seed,
      residualSd,
      sample: { x: X, y: sample.map((r) => Math.log(r.actual as number)) },
    },
  );
  const byKey: Record<string, KUncertainty> = {};
  targets.forEach((r, i) => byKey[`${r.country}|${r.year}`] = sims[i]);
  const seText = {
    classical: "classical",
    hc1: "HC1 robust",
    cluster: "cluster-robust (CR1, by partner)",
  }[cov.se];
  const method =
    `${Math.round(u.level * 100)}% intervals and class probabilities from ${u.draws} ` +
    `draws (seed ${u.seed}) of the coefficients from a ${
      Number.isFinite(cov.df) ? `multivariate t(${cov.df})` : "multivariate normal"
    } around the ` +
    `estimates with the ${seText} covariance; K* = actual / predicted* per draw. ` +
    (u.residual
      ? `The residual variance is added (a prediction interval for trade, wider than K's).`
      : `Only coefficient uncertainty enters: the actual value is observed, and the residual is ` +
        `what K measures.`);
  return {
    method,
    level: u.level,
    draws: u.draws,
    seed: u.seed,
    se: cov.se,
    df: cov.df,
    ...(cov.clusters !== undefined ? { clusters: cov.clusters } : {}),
    byKey,
    warnings,
  };
}

/** How firmly a K's class is established by its probability. */
export type ClassConfidence = "robust" | "likely" | "noise";

/**
 * Read a class probability: "robust" when P(class) >= `robust` (default 0.9), "likely" when it is
 * at least `likely` (default 0.5), "noise" below that (the class shown is less probable than the
 * others together: the data cannot tell the classes apart).
 *
 * @example
 * ```ts
 * classConfidence({ huge: 0.02, expanding: 0.95, remodelling: 0.03 }, "expanding"); // "robust"
 * ```
 */
export function classConfidence(
  probabilities: Record<PotentialClass, number>,
  cls: PotentialClass,
  cut: { robust?: number; likely?: number } = {},
): ClassConfidence {
  const p = probabilities[cls];
  if (p >= (cut.robust ?? 0.9)) return "robust";
  if (p >= (cut.likely ?? 0.5)) return "likely";
  return "noise";
}

/**
 * The PPML (Poisson pseudo-maximum-likelihood) coefficient covariance from the design, the
 * dependent variable and the fitted means: the sandwich (X'MX)^-1 (sum_g s_g s_g') (X'MX)^-1 with
 * M = diag(mu) and scores s_g = sum over cluster g of x_i (y_i - mu_i), times
 * G/(G-1) (n-1)/(n-k) (CR1, as Stata and statsmodels); inference is normal (df Infinity).
 *
 * @example
 * ```ts
 * const v = ppmlCovariance(x, y, mu, partners); // v.df === Infinity
 * ```
 */
export function ppmlCovariance(
  x: number[][],
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  cluster: ArrayLike<string | number>,
): CoefficientCovariance {
  const n = x.length;
  const k = x[0]?.length ?? 0;
  const hessian = Matrix.zeros(k, k);
  const sums = new Map<string | number, number[]>();
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    for (let a = 0; a < k; a++) {
      const w = mu[i] * xi[a];
      for (let c = a; c < k; c++) hessian.set(a, c, hessian.get(a, c) + w * xi[c]);
    }
    let s = sums.get(cluster[i]);
    if (!s) sums.set(cluster[i], s = new Array(k).fill(0));
    const e = y[i] - mu[i];
    for (let a = 0; a < k; a++) s[a] += xi[a] * e;
  }
  for (let a = 0; a < k; a++) for (let c = 0; c < a; c++) hessian.set(a, c, hessian.get(c, a));
  const G = sums.size;
  if (G < 2) throw new InputError(`cluster covariance needs at least 2 clusters, got ${G}`);
  const meat = Matrix.zeros(k, k);
  for (const s of sums.values()) {
    for (let a = 0; a < k; a++) {
      for (let c = 0; c < k; c++) meat.set(a, c, meat.get(a, c) + s[a] * s[c]);
    }
  }
  meat.mul((G / (G - 1)) * ((n - 1) / (n - k)));
  const bread = inverse(hessian);
  const v = bread.mmul(meat).mmul(bread);
  return {
    matrix: v.add(v.transpose()).mul(0.5).to2DArray(),
    df: Infinity,
    se: "cluster",
    clusters: G,
  };
}

/** A class reading of one K: the class and its probabilities. */
export interface ClassReading {
  class: PotentialClass | null;
  classProbabilities: Record<PotentialClass, number> | null;
}

/**
 * Verdict over several readings of the same partner-year (e.g. in-sample, benchmark OLS and
 * PPML, structural): "robust" when every reading gives the same class with probability >= 0.9,
 * "same class" when they agree but some less surely, "noise" when they disagree or a reading's
 * class is below 0.5. Readings without a class are ignored; none gives "-".
 *
 * @example
 * ```ts
 * classVerdict([{ class: "huge", classProbabilities: { huge: 0.95, expanding: 0.05, remodelling: 0 } }]);
 * // "robust"
 * ```
 */
export function classVerdict(readings: ClassReading[]): "robust" | "same class" | "noise" | "-" {
  const r = readings.filter((x) => x.class && x.classProbabilities);
  if (!r.length) return "-";
  const p = r.map((x) => x.classProbabilities![x.class!]);
  if (new Set(r.map((x) => x.class)).size > 1 || p.some((v) => v < 0.5)) return "noise";
  return p.every((v) => v >= 0.9) ? "robust" : "same class";
}
