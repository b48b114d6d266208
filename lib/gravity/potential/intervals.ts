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
 * the intervals match the regression's own t-based intervals; `coefficientDraws` of
 * lib/stats/random.ts), recompute K* = actual / predicted* per draw, and report the
 * (1 - level)/2 and (1 + level)/2 quantiles of K* (R type 7) and the share of draws in each
 * class. For the level definition this reproduces the closed form ln K +- t(df) sqrt(x'Vx) up to
 * simulation error (see {@link analyticInterval}).
 *
 * The residual variance (the idiosyncratic part of ln trade) is NOT part of K's uncertainty
 * under that definition: it is what K measures. Adding it (`residualSd` here, `residual: true` in the
 * config; log-OLS only) gives
 * a prediction interval instead: where the ratio of the actual value to a new draw of trade from
 * the model would fall. That answers "is this partner-year unusual given the model's noise?",
 * and it over-covers the true K (measured in tests/gravity/potential/uncertainty_test.ts).
 * @module
 */
import jStat from "jstat";
import { InputError } from "../../errors.ts";
import { coefficientDraws, normalStream } from "../../stats/random.ts";
import { quadraticForm } from "../../stats/prediction.ts";
import { classifyK } from "./k.ts";
import { kValue } from "./definition.ts";
import { UNCERTAINTY_DEFAULTS } from "../config/uncertainty.ts";
import type { KDefinition, PotentialClass, Thresholds } from "../types.ts";

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
      const k = kValue(t.actual, fitted, { applied: definition, factor: smear[d] });
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
  const s = Math.sqrt(quadraticForm(target.x, cov));
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
