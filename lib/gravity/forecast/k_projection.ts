/**
 * Projected K through the potential module's uncertainty machinery (lib/gravity/potential/intervals.ts):
 * the coefficient covariance chosen as for K (cluster-robust by partner by default, HC1 when
 * there are too few partners), coefficient draws from a multivariate t, K* per draw under the
 * study's K definition (actual / exp(x'b*), times the smearing factor recomputed per draw, or
 * ln(actual) / x'b*), the interval from the draws' quantiles and the class probabilities from
 * their shares.
 * The same method as the study's K intervals, applied to the projected K of a scenario.
 * @module
 */
import { simulateK } from "../potential/intervals.ts";
import { chooseCovariance } from "../potential/study_intervals.ts";
import type { KProjectionModel } from "./scenario.ts";
import { kValue } from "../potential/definition.ts";
import type { UncertaintyConfig } from "../config/uncertainty.ts";

/**
 * A {@link KProjectionModel} using the study's `uncertainty` settings (covariance type, draws,
 * seed); the interval level is the forecast's. `warnings` collects the covariance fall-backs.
 *
 * @example
 * ```ts
 * const model = uncertaintyKProjection(config.uncertainty);
 * runForecast(config, panel, { uncertainty: model });
 * ```
 */
export function uncertaintyKProjection(
  settings: UncertaintyConfig,
  warnings: string[] = [],
): KProjectionModel {
  return (targets, fit, level, thresholds, use = { applied: "level", factor: 1 }) => {
    const { cov, warnings: w } = chooseCovariance(
      fit.sample.x,
      fit.sample.residuals,
      fit.sample.country,
      settings.se,
    );
    for (const line of w) if (!warnings.includes(line)) warnings.push(line);
    const beta = fit.terms.map((t) => fit.coefficients[t]);
    const lin = (x: ArrayLike<number>) => {
      let f = 0;
      for (let a = 0; a < beta.length; a++) f += beta[a] * x[a];
      return f;
    };
    const y = fit.sample.x.map((x, i) => lin(x) + fit.sample.residuals[i]);
    const sims = simulateK(targets, beta, cov.matrix, cov.df, {
      level,
      thresholds,
      draws: settings.draws,
      seed: settings.seed,
      definition: use.applied,
      ...(use.applied === "smearing" ? { sample: { x: fit.sample.x, y } } : {}),
    });
    return sims.map((u, i) => {
      const fitted = lin(targets[i].x);
      return {
        median: kValue(targets[i].actual, fitted, use),
        lo: u.kLower,
        hi: u.kUpper,
        probabilities: u.classProbabilities,
      };
    });
  };
}
