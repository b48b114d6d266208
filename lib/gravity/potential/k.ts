/**
 * Trade potential K per country-year and its class. K = actual / predicted with
 * predicted = exp(fitted) (default), or exp(fitted) x Duan's smearing factor, or the
 * paper-compatible log ratio ln(actual) / fitted (unit-dependent; the only reading that can
 * give the negative K of the paper's Table 3).
 * @module
 */
import type { PotentialClass } from "../types.ts";
import type { DesignRow, KDefinition, Thresholds } from "../types.ts";
import { kDefinitionUse, kValue } from "./definition.ts";

export { smearingFactor } from "./definition.ts";

/** One row of Table 3. */
export interface PotentialRow {
  country: string;
  year: number;
  /** Dependent variable in levels (null when missing). */
  actual: number | null;
  /** Linear prediction of ln(actual). */
  fitted: number;
  /** Predicted level: exp(fitted), times the smearing factor when definition is "smearing". */
  predicted: number;
  /** Trade potential (null without an actual value). */
  k: number | null;
  class: PotentialClass | null;
  /** True when the row was in the estimation sample; false = out-of-sample prediction. */
  inSample: boolean;
}

/**
 * Class of a K: K <= huge "huge", K >= remodelling "remodelling", between "expanding".
 *
 * @example
 * ```ts
 * classifyK(0.8); // "huge"
 * classifyK(1.0); // "expanding"
 * classifyK(1.2); // "remodelling"
 * ```
 */
export function classifyK(
  k: number,
  thresholds: Thresholds = { huge: 0.8, remodelling: 1.2 },
): PotentialClass {
  if (k <= thresholds.huge) return "huge";
  if (k >= thresholds.remodelling) return "remodelling";
  return "expanding";
}

/**
 * The linear prediction b0 + sum b_t x_t for a design row (omitted terms have no coefficient
 * and are skipped, as in the fit). `coefficients` maps term name to estimate; the intercept key
 * is `intercept`.
 *
 * @example
 * ```ts
 * linearPrediction({ "(Intercept)": 1, ln_pop: 2 }, { ln_pop: 3 }, "(Intercept)"); // 7
 * ```
 */
export function linearPrediction(
  coefficients: Record<string, number>,
  x: Record<string, number | null>,
  intercept = "(Intercept)",
): number {
  let f = coefficients[intercept] ?? 0;
  for (const [term, b] of Object.entries(coefficients)) {
    if (term === intercept) continue;
    const v = x[term];
    if (v === null || v === undefined) return NaN;
    f += b * v;
  }
  return f;
}

/** Options of {@link potentialTable}. */
export interface PotentialOptions {
  definition?: KDefinition;
  thresholds?: Thresholds;
  /** Residuals of the estimation sample (for Duan's smearing). */
  residuals?: ArrayLike<number>;
  intercept?: string;
}

/**
 * K and class for every design row where all regressors exist (rows outside the estimation
 * sample are kept as out-of-sample predictions, flagged `inSample: false`).
 *
 * @example
 * ```ts
 * const rows = potentialTable(design, { "(Intercept)": 0.5, ln_pop: 1 }, { definition: "level" });
 * rows[0].k === rows[0].actual! / rows[0].predicted; // true
 * ```
 */
export function potentialTable(
  design: DesignRow[],
  coefficients: Record<string, number>,
  options: PotentialOptions = {},
): PotentialRow[] {
  const use = kDefinitionUse(options.definition ?? "level", "log-ols", options.residuals);
  const thresholds = options.thresholds ?? { huge: 0.8, remodelling: 1.2 };
  const out: PotentialRow[] = [];
  for (const row of design) {
    if (!row.predictable) continue;
    const fitted = linearPrediction(coefficients, row.x, options.intercept);
    const predicted = Math.exp(fitted) * use.factor;
    const k = row.actual === null ? null : kValue(row.actual, fitted, use);
    out.push({
      country: row.country,
      year: row.year,
      actual: row.actual,
      fitted,
      predicted,
      k,
      class: k === null || !Number.isFinite(k) ? null : classifyK(k, thresholds),
      inSample: row.complete,
    });
  }
  return out;
}

/** The warning printed with the log-ratio K. */
export const LOG_RATIO_WARNING =
  "K = ln(actual)/fitted depends on the unit of trade (rescaling trade from USD to thousand USD " +
  "changes every K) and is negative whenever the fitted log is; it is shown only because it is " +
  "the one reading that can give the negative K of the paper's Table 3.";
