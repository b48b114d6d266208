/**
 * Several fitted models side by side, like fixest's `etable` or Stata's `esttab`: one column per
 * model, coefficients with significance stars and SEs in parentheses beneath, then the fixed-effect
 * rows, N, fit statistics and the SE type. Reads only {@link ModelResult}; computes nothing.
 * @module
 */
import type { ModelResult } from "../stats/model/fit.ts";
import { formatTable, type TableFormat } from "./table.ts";

/** Options of {@link modelsTable}. */
export interface ModelsTableOptions {
  /** Column titles (default "(1)", "(2)", ...). */
  titles?: string[];
  /** Decimals of coefficients and SEs (default 3). */
  digits?: number;
  title?: string;
}

/**
 * Stars as fixest's etable: *** p < 0.01, ** p < 0.05, * p < 0.1.
 *
 * @example
 * ```ts
 * stars(0.03); // "**"
 * ```
 */
export function stars(p: number): string {
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

const SE_NAMES: Record<string, string> = {
  classical: "IID",
  hc0: "Heteroskedasticity-robust (HC0)",
  hc1: "Heteroskedasticity-robust (HC1)",
  hc2: "HC2",
  hc3: "HC3",
};

/** The SE type as a table label ("Clustered (pair_id)"). */
function seName(se: string): string {
  if (se.startsWith("cluster:")) return `Clustered (${se.slice(8)})`;
  return SE_NAMES[se] ?? se;
}

/** Rows of the table as plain strings: terms, FE, N and statistics. */
function tableRows(results: ModelResult[], digits: number): Record<string, string>[] {
  const terms: string[] = [];
  for (const r of results) {
    for (const c of r.coefficients) if (!terms.includes(c.term)) terms.push(c.term);
  }
  const key = (j: number) => `m${j}`;
  const rows: Record<string, string>[] = [];
  for (const term of terms) {
    const est: Record<string, string> = { label: term };
    const se: Record<string, string> = { label: "" };
    results.forEach((r, j) => {
      const c = r.coefficients.find((c) => c.term === term);
      est[key(j)] = c ? `${c.estimate.toFixed(digits)}${stars(c.p)}` : "";
      se[key(j)] = c ? `(${c.stdError.toFixed(digits)})` : "";
    });
    rows.push(est, se);
  }
  const dims: string[] = [];
  for (const r of results) {
    for (const f of r.fe) if (!dims.includes(f.dimension)) dims.push(f.dimension);
  }
  const line = (label: string, f: (r: ModelResult) => string) => {
    const row: Record<string, string> = { label };
    results.forEach((r, j) => (row[key(j)] = f(r)));
    rows.push(row);
  };
  line("Estimator", (r) => r.estimator === "ppml" ? "PPML" : "OLS");
  line("Dependent", (r) => r.dependent);
  for (const d of dims) {
    line(`FE: ${d}`, (r) => (r.fe.some((f) => f.dimension === d) ? "Yes" : "No"));
  }
  line("Observations", (r) => String(r.n));
  line("R2 / pseudo-R2", (r) => (r.estimator === "ppml" ? r.pseudoR2 ?? NaN : r.r2).toFixed(3));
  line("Dropped (zeros / separated)", (r) => `${r.nZeroDropped} / ${r.separated}`);
  if (results.some((r) => r.separation)) {
    line(
      "Separated (FE / regressors)",
      (r) =>
        r.separation
          ? `${r.separation.fixedEffects} / ${r.separation.regressors}` +
            (r.separation.rectifierSettled ? "" : " (check unsettled)")
          : "",
    );
  }
  if (results.some((r) => r.estimator === "ppml")) {
    line("IRLS iterations", (r) => (r.estimator === "ppml" ? String(r.iterations) : ""));
  }
  if (results.some((r) => r.feIterations !== undefined)) {
    line(
      "FE projections (CG iterations)",
      (r) =>
        r.feIterations === undefined ? "" : `${r.feIterations}` +
          (r.feTolerance !== undefined ? ` to ${r.feTolerance.toExponential(0)}` : ""),
    );
  }
  line("Standard errors", (r) => seName(r.se));
  return rows;
}

/**
 * Format fitted models side by side (text, markdown, HTML or CSV).
 *
 * @example
 * ```ts
 * console.log(modelsTable([olsFit, ppmlFit], "text", { titles: ["OLS", "PPML"] }));
 * ```
 */
export function modelsTable(
  results: ModelResult[],
  format: TableFormat = "text",
  options: ModelsTableOptions = {},
): string {
  const digits = options.digits ?? 3;
  const titles = options.titles ?? results.map((_, j) => `(${j + 1})`);
  return formatTable({
    title: options.title,
    columns: [
      { key: "label", label: "", align: "left", format: (v) => String(v ?? "") },
      ...results.map((_, j) => ({
        key: `m${j}`,
        label: titles[j],
        align: "right" as const,
        format: (v: unknown) => String(v ?? ""),
      })),
    ],
    rows: tableRows(results, digits),
    notes: ["Signif. codes: *** p < 0.01, ** p < 0.05, * p < 0.1; standard errors in parentheses."],
  }, format);
}
