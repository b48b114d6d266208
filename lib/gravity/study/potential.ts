/**
 * Table 3 of the study: trade potential K and its class for every partner-year from the fitted
 * regression, with the K intervals and class probabilities when they are configured.
 * @module
 */
import type { StudyConfig } from "../config/study.ts";
import { potentialTable } from "../potential/k.ts";
import { type KDefinitionUse, kDefinitionUse } from "../potential/definition.ts";
import { type StudyUncertainty, studyUncertainty } from "../potential/study_intervals.ts";
import type { DesignRow } from "../types.ts";
import type { StudyRegression, StudyResult } from "./types.ts";

/**
 * The sentence that says how K is defined (config.potential.definition), shown with Table 3.
 *
 * @example
 * ```ts
 * potentialNote("level"); // "K = actual / exp(fitted)"
 * ```
 */
export function potentialNote(definition: StudyConfig["potential"]["definition"]): string {
  return {
    level: "K = actual / exp(fitted)",
    smearing: "K = actual / (exp(fitted) x mean(exp(residuals))) (Duan's smearing)",
    "log-ratio": "K = ln(actual) / fitted (paper-compatible log ratio; unit-dependent)",
  }[definition];
}

/**
 * The fitted coefficients by term, the point K table (both empty when there is no fit) and how
 * the K applies the configured definition (null without a fit).
 *
 * @example
 * ```ts
 * const { coefficients, potential, kDefinition } = studyPotential(config, design, regression);
 * potential[0].k; // actual / exp(fitted)
 * ```
 */
export function studyPotential(
  config: StudyConfig,
  design: DesignRow[],
  regression: StudyRegression,
): {
  coefficients: Record<string, number>;
  potential: StudyResult["potential"];
  kDefinition: KDefinitionUse | null;
} {
  const coefficients: Record<string, number> = {};
  let potential: StudyResult["potential"] = [];
  let kDefinition: KDefinitionUse | null = null;
  if (regression.fit) {
    kDefinition = kDefinitionUse(
      config.potential.definition,
      "log-ols",
      regression.fit.residuals,
    );
    for (const c of regression.fit.coefficients) coefficients[c.term] = c.estimate;
    potential = potentialTable(design, coefficients, {
      definition: config.potential.definition,
      thresholds: config.potential.thresholds,
      residuals: regression.fit.residuals,
    }).map((r) => ({ ...r, outOfSample: !r.inSample }));
  }
  return { coefficients, potential, kDefinition };
}

/**
 * The K intervals and class probabilities (config.uncertainty), merged into the K table; the
 * table is returned unchanged when they are off or there is no inference. Appends its warnings.
 *
 * @example
 * ```ts
 * const { uncertainty, potential } = studyIntervals(config, design, complete, regression, k, []);
 * potential[0].kLower; // null when the row has no interval
 * ```
 */
export function studyIntervals(
  config: StudyConfig,
  design: DesignRow[],
  complete: DesignRow[],
  regression: StudyRegression,
  potential: StudyResult["potential"],
  warnings: string[],
): { uncertainty: StudyUncertainty | null; potential: StudyResult["potential"] } {
  if (!(regression.fit && config.uncertainty.enabled && regression.fit.dfResidual > 0)) {
    return { uncertainty: null, potential };
  }
  const uncertainty = studyUncertainty(
    design,
    regression.fit.rows.map((i) => complete[i]),
    regression.fit.coefficients,
    regression.fit.residuals,
    { ...config.potential, uncertainty: config.uncertainty },
  );
  warnings.push(...uncertainty.warnings);
  const byKey = uncertainty.byKey;
  return {
    uncertainty,
    potential: potential.map((p) => ({
      ...p,
      ...(byKey[`${p.country}|${p.year}`] ??
        { kLower: null, kUpper: null, classProbabilities: null }),
    })),
  };
}
