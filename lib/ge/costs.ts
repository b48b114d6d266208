/**
 * Trade costs from an estimated gravity equation: ln t_ij = sum_k b_k x_ijk over the regressors,
 * at their observed values (baseline) and at counterfactual values (`TERM=VALUE` sets a term to a
 * number for every pair; `TERM=COLUMN` takes the term from another column, pair by pair, e.g. a
 * border removed for one pair only). The partial effect of the scenario is ln B = counterfactual
 * - baseline (what `ge_gravity` calls beta).
 * @module
 */
import { cellLocation, InputError, repeatedEntry } from "../errors.ts";
import { evalTerm, parseTerm, type TermTable } from "../stats/formula.ts";

/** One counterfactual setting: a term set to a number, or read from another column. */
export interface CounterfactualSetting {
  /** The term as the model names it (`INTL_BRDR`, `ln(DIST)`). */
  term: string;
  /** The term's value for every pair (for `ln(X)`, the value of ln X). */
  value?: number;
  /** For `ln(X)=COL`: the column holding the counterfactual X (the term's transform applies). */
  column?: string;
}

/**
 * Parse `TERM=VALUE|TERM=COLUMN[,...]` against the model's terms (each named once, each in the
 * model); a problem is a one-line InputError.
 *
 * @example
 * ```ts
 * parseCounterfactual("INTL_BRDR=0,ln(DIST)=DIST_NEW", ["ln(DIST)", "CNTG", "INTL_BRDR"]);
 * // [{ term: "INTL_BRDR", value: 0 }, { term: "ln(DIST)", column: "DIST_NEW" }]
 * ```
 */
export function parseCounterfactual(text: string, terms: string[]): CounterfactualSetting[] {
  const parts = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (parts.length === 0) {
    throw new InputError(`the counterfactual sets no term (TERM=VALUE or TERM=COLUMN)`);
  }
  const seen = new Set<string>();
  return parts.map((p) => {
    const eq = p.lastIndexOf("=");
    if (eq <= 0 || eq === p.length - 1) {
      throw new InputError(
        `counterfactual "${p}" not understood (expected TERM=VALUE or TERM=COLUMN)`,
      );
    }
    const term = parseTerm(p.slice(0, eq)).name;
    if (!terms.includes(term)) {
      throw new InputError(
        `counterfactual term "${term}" is not a regressor of the model (--x terms: ${
          terms.join(", ")
        })`,
      );
    }
    if (seen.has(term)) throw repeatedEntry("--counterfactual", term, "the counterfactual");
    seen.add(term);
    const rhs = p.slice(eq + 1).trim();
    const value = Number(rhs);
    if (rhs !== "" && Number.isFinite(value)) return { term, value };
    if (!/^[A-Za-z_][\w.]*$/.test(rhs)) {
      throw new InputError(`counterfactual "${p}": "${rhs}" is neither a number nor a column name`);
    }
    return { term, column: rhs };
  });
}

/** Baseline and counterfactual ln t per row. */
export interface TradeCosts {
  baseline: Float64Array;
  counterfactual: Float64Array;
}

/**
 * ln t = sum_k b_k x_k per row, at the observed and the counterfactual regressors. Every row
 * needs every regressor (the GE covers all pairs): a missing value is a one-line InputError.
 *
 * @example
 * ```ts
 * tradeCosts({ "ln(DIST)": -0.8, INTL_BRDR: -2.5 }, ["ln(DIST)", "INTL_BRDR"],
 *   { file: "f.csv", columns: { DIST: [100, 900], INTL_BRDR: [0, 1] } },
 *   [{ term: "INTL_BRDR", value: 0 }]);
 * ```
 */
export function tradeCosts(
  beta: Record<string, number>,
  terms: string[],
  table: TermTable,
  settings: CounterfactualSetting[],
): TradeCosts {
  const n = Object.values(table.columns)[0]?.length ?? 0;
  const baseline = new Float64Array(n), counterfactual = new Float64Array(n);
  for (const name of terms) {
    const b = beta[name] ?? 0;
    const term = parseTerm(name);
    const x = evalTerm(term, table);
    const set = settings.find((s) => s.term === name);
    const xc = !set
      ? x
      : set.value !== undefined
      ? new Float64Array(n).fill(set.value)
      : evalTerm({ ...term, column: set.column! }, table);
    for (let r = 0; r < n; r++) {
      for (const [v, col] of [[x[r], term.column], [xc[r], set?.column ?? term.column]] as const) {
        if (Number.isNaN(v)) {
          throw new InputError(
            `${
              cellLocation(table.file, r + 2, col)
            }: missing value; the GE needs the trade costs of every pair`,
          );
        }
      }
      baseline[r] += b * x[r];
      counterfactual[r] += b * xc[r];
    }
  }
  return { baseline, counterfactual };
}
