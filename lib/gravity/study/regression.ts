/**
 * Table 2 of the study: the OLS gravity regression on the complete rows of the design, or the
 * reason it cannot be estimated (too few rows, terms missing everywhere, or the fit failed).
 * @module
 */
import { ols } from "../../stats/linear/ols.ts";
import { regressionJson } from "../../stats/linear/ols_json.ts";
import type { StudyConfig } from "../config/study.ts";
import type { DesignRow } from "../types.ts";
import type { StudyRegression } from "./types.ts";

/**
 * Fit the OLS regression on the complete rows of the design, or say why it cannot be estimated
 * (too few rows, or the fit failed). Appends its warnings to `warnings`; never throws on thin
 * data.
 *
 * @example
 * ```ts
 * const design = buildDesign(config, panel, cbecMap);
 * const reg = estimateRegression(config, design, design.filter((r) => r.complete), []);
 * reg.estimable ? reg.fit!.coefficients : reg.reason;
 * ```
 */
export function estimateRegression(
  config: StudyConfig,
  design: DesignRow[],
  complete: DesignRow[],
  warnings: string[],
): StudyRegression {
  const kCoefficients = config.terms.length + 1;
  const terms = config.terms.map((t) => t.name);
  const regression: StudyRegression = {
    estimable: false,
    dependent: config.dependent.variable,
    nComplete: complete.length,
    kCoefficients,
    fit: null,
    sample: complete.map((r) => ({ country: r.country, year: r.year })),
  };
  if (complete.length <= kCoefficients) {
    regression.reason = notEstimable(design, complete, terms, kCoefficients);
    return regression;
  }
  try {
    const fit = ols(
      complete.map((r) => r.y as number),
      terms.map((t) => ({ name: t, values: complete.map((r) => r.x[t] as number) })),
      {
        intercept: true,
        se: config.se,
        ...(config.se === "cluster" ? { cluster: complete.map((r) => r.country) } : {}),
      },
    );
    regression.fit = {
      ...regressionJson(fit),
      fitted: fit.fitted,
      residuals: fit.residuals,
      rows: fit.rows,
    };
    regression.estimable = true;
    regression.sample = fit.rows.map((i) => ({
      country: complete[i].country,
      year: complete[i].year,
    }));
    if (fit.dfResidual <= 0) {
      warnings.push("the regression has no residual degrees of freedom: no inference");
    }
  } catch (e) {
    regression.reason = `the regression cannot be estimated: ${
      (e as Error).message.split("\n")[0]
    }`;
  }
  return regression;
}

/** Why N <= k: the count, the few complete rows (up to 12) and the terms missing everywhere. */
function notEstimable(
  design: DesignRow[],
  complete: DesignRow[],
  terms: string[],
  kCoefficients: number,
): string {
  const termMissing = terms.filter((t) => design.every((r) => r.x[t] === null));
  return `the regression cannot be estimated: ${complete.length} country-years ` +
    `have the dependent variable and every term, k = ${kCoefficients} coefficients ` +
    `(need N > k)` +
    (complete.length && complete.length <= 12
      ? ` [${complete.map((r) => `${r.country} ${r.year}`).join(", ")}]`
      : "") +
    (termMissing.length ? `; missing in every country-year: ${termMissing.join(", ")}` : "");
}
