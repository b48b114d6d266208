/**
 * The study's K intervals: the coefficient covariance the config asks for on the fitted sample
 * (with its fall-back), intervals and class probabilities for every partner-year with an actual
 * value ({@link studyUncertainty}, by lib/gravity/potential/intervals.ts's simulation), and the
 * verdict over several readings of one partner-year ({@link classVerdict}).
 * @module
 */
import { type CoefficientCovariance, olsCovariance } from "../../stats/vcov_dense.ts";
import { type KUncertainty, simulateK } from "./intervals.ts";
import type { UncertaintyConfig, UncertaintySe } from "../config/uncertainty.ts";
import type { KDefinition, PotentialClass, Thresholds } from "../types.ts";

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
