/**
 * One K definition for every K the study reports: the configured definition
 * (config.potential.definition: level, smearing, log-ratio) as it applies to a prediction from a
 * log-OLS fit (all three apply) or from PPML (which predicts the conditional mean in levels, so
 * Duan's smearing does not apply and the level ratio is used, with the reason stated), the factor
 * the prediction is multiplied by, and K from an actual value and a fitted log.
 * @module
 */
import type { KDefinition } from "../types.ts";

/** Where a prediction comes from: a regression of ln(trade) or PPML of trade in levels. */
export type KModel = "log-ols" | "ppml";

/** How one K column applies the configured definition (plain JSON, printed beside its table). */
export interface KDefinitionUse {
  /** The configured definition (config.potential.definition). */
  definition: KDefinition;
  /** The model the prediction comes from. */
  model: KModel;
  /** The definition applied: the configured one, or "level" for smearing on a PPML prediction. */
  applied: KDefinition;
  /** What exp(fitted) is multiplied by: Duan's smearing factor under "smearing" on log-OLS, else 1. */
  factor: number;
  /** The formula applied, in words. */
  formula: string;
  /** Why the configured definition is not the one applied (absent when it is). */
  reason?: string;
}

/** The formula of each definition (fitted = the linear prediction of ln trade). */
export const K_FORMULAS: Record<KDefinition, string> = {
  level: "K = actual / exp(fitted)",
  smearing:
    "K = actual / (exp(fitted) x s), s = Duan's smearing factor mean(exp(residual)) of the fit",
  "log-ratio": "K = ln(actual) / fitted (log ratio; unit-dependent)",
};

/** Why smearing does not apply to a PPML prediction. */
export const PPML_SMEARING_REASON =
  "Duan's smearing does not apply: PPML predicts the conditional mean of trade in levels, so " +
  "exp(fitted) needs no retransformation";

/**
 * Duan's smearing factor: mean of exp(residual) over the estimation sample.
 *
 * @example
 * ```ts
 * smearingFactor([0, 0]); // 1
 * ```
 */
export function smearingFactor(residuals: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < residuals.length; i++) s += Math.exp(residuals[i]);
  return s / residuals.length;
}

/**
 * The configured definition as it applies to one model's predictions: smearing on a log-OLS fit
 * takes its factor from the fit's residuals (required then), smearing on PPML falls back to the
 * level ratio with the reason.
 *
 * @example
 * ```ts
 * kDefinitionUse("smearing", "log-ols", [Math.log(2), Math.log(4)]).factor; // 3
 * kDefinitionUse("smearing", "ppml").applied; // "level"
 * ```
 */
export function kDefinitionUse(
  definition: KDefinition,
  model: KModel,
  residuals?: ArrayLike<number>,
): KDefinitionUse {
  if (definition === "smearing" && model === "ppml") {
    return {
      definition,
      model,
      applied: "level",
      factor: 1,
      formula: K_FORMULAS.level,
      reason: PPML_SMEARING_REASON,
    };
  }
  const factor = definition === "smearing" ? smearingFactor(residuals ?? []) : 1;
  return { definition, model, applied: definition, factor, formula: K_FORMULAS[definition] };
}

/**
 * K of an actual value against a fitted log under a definition as applied: ln(actual) / fitted
 * for the log ratio, actual / (exp(fitted) x factor) otherwise.
 *
 * @example
 * ```ts
 * kValue(6, Math.log(2), { applied: "smearing", factor: 1.5 }); // 2
 * kValue(Math.E ** 2, 4, { applied: "log-ratio", factor: 1 }); // 0.5
 * ```
 */
export function kValue(
  actual: number,
  fitted: number,
  use: Pick<KDefinitionUse, "applied" | "factor">,
): number {
  return use.applied === "log-ratio"
    ? Math.log(actual) / fitted
    : actual / (Math.exp(fitted) * use.factor);
}
