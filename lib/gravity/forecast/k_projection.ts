/**
 * Projected K through the potential module's uncertainty machinery (lib/gravity/potential/intervals.ts):
 * the coefficient covariance chosen as for K (cluster-robust by partner by default, HC1 when
 * there are too few partners), coefficient draws from a multivariate t, K* = actual / exp(x'b*)
 * per draw, the interval from the draws' quantiles and the class probabilities from their shares.
 * The same method as the study's K intervals, applied to the projected K of a scenario.
 * @module
 */
import { simulateK } from "../potential/intervals.ts";
import { chooseCovariance } from "../potential/study_intervals.ts";
import type { KProjectionModel } from "./scenario.ts";
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
  return (targets, fit, level, thresholds) => {
    const { cov, warnings: w } = chooseCovariance(
      fit.sample.x,
      fit.sample.residuals,
      fit.sample.country,
      settings.se,
    );
    for (const line of w) if (!warnings.includes(line)) warnings.push(line);
    const beta = fit.terms.map((t) => fit.coefficients[t]);
    const sims = simulateK(targets, beta, cov.matrix, cov.df, {
      level,
      thresholds,
      draws: settings.draws,
      seed: settings.seed,
    });
    return sims.map((u, i) => {
      let fitted = 0;
      targets[i].x.forEach((x, a) => (fitted += beta[a] * x));
      return {
        median: targets[i].actual / Math.exp(fitted),
        lo: u.kLower,
        hi: u.kUpper,
        probabilities: u.classProbabilities,
      };
    });
  };
}
