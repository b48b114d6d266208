/**
 * Several fitted models side by side, like fixest's `etable` or Stata's `esttab`: one column per
 * model, coefficients with significance stars and SEs in parentheses beneath, then the fixed-effect
 * rows, N, fit statistics and the SE type ({@link modelsSpec} lays out any model columns, e.g. ours
 * beside a paper's). Reads only {@link ModelResult}; computes nothing.
 * @module
 */
import type { ModelResult } from "../stats/model/fit.ts";
import { formatLatex } from "./latex.ts";
import { formatTable, type TableFormat, type TableSpec } from "./table.ts";

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
  hc0: "Robust (HC0)",
  hc1: "Robust (HC1)",
  hc2: "HC2",
  hc3: "HC3",
};

/** The SE type as a table label ("Clustered (pair_id)"). */
function seName(se: string): string {
  if (se.startsWith("cluster:")) return `Clustered (${se.slice(8)})`;
  return SE_NAMES[se] ?? se;
}

/** One column of a side-by-side table: a model's coefficients and the rows under them. */
export interface ModelColumn {
  title: string;
  coefficients: { term: string; estimate: number; stdError: number; p: number }[];
  /** Rows under the coefficients as [label, cell], in order (e.g. ["Observations", "27"]). */
  stats: [string, string][];
}

/** Options of {@link modelsSpec}. */
export interface ModelsSpecOptions {
  title?: string;
  /** Decimals of coefficients and SEs (default 3). */
  digits?: number;
  /** Notes after the significance codes. */
  notes?: string[];
}

/** The note under every side-by-side table. */
export const SIGNIF_NOTE =
  "Signif. codes: *** p < 0.01, ** p < 0.05, * p < 0.1; standard errors in parentheses.";

/**
 * Models side by side as a {@link TableSpec} (etable/esttab layout): per term a row of estimates
 * with stars and a row of SEs in parentheses, then a rule, then the models' `stats` rows (a label
 * a model lacks is left empty). Format it with `formatTable` or `formatLatex`.
 *
 * @example
 * ```ts
 * const spec = modelsSpec([
 *   { title: "Ours", coefficients: [{ term: "x", estimate: 0.5, stdError: 0.1, p: 0.001 }], stats: [["Observations", "27"]] },
 * ]);
 * spec.rows[0]; // { label: "x", m0: "0.500***" }
 * ```
 */
export function modelsSpec(models: ModelColumn[], options: ModelsSpecOptions = {}): TableSpec {
  const digits = options.digits ?? 3;
  const terms: string[] = [];
  for (const m of models) {
    for (const c of m.coefficients) if (!terms.includes(c.term)) terms.push(c.term);
  }
  const key = (j: number) => `m${j}`;
  const rows: Record<string, string>[] = [];
  for (const term of terms) {
    const est: Record<string, string> = { label: term };
    const se: Record<string, string> = { label: "" };
    models.forEach((m, j) => {
      const c = m.coefficients.find((c) => c.term === term);
      est[key(j)] = c ? `${c.estimate.toFixed(digits)}${stars(c.p)}` : "";
      se[key(j)] = c ? `(${c.stdError.toFixed(digits)})` : "";
    });
    rows.push(est, se);
  }
  const labels: string[] = [];
  for (const m of models) for (const [l] of m.stats) if (!labels.includes(l)) labels.push(l);
  for (const label of labels) {
    const row: Record<string, string> = { label };
    models.forEach((m, j) => (row[key(j)] = m.stats.find(([l]) => l === label)?.[1] ?? ""));
    rows.push(row);
  }
  const text = (v: unknown) => String(v ?? "");
  return {
    title: options.title,
    columns: [
      { key: "label", label: "", align: "left", format: text },
      ...models.map((m, j) => ({
        key: key(j),
        label: m.title,
        align: "right" as const,
        format: text,
      })),
    ],
    rows,
    notes: [SIGNIF_NOTE, ...(options.notes ?? [])],
    rules: [2 * terms.length],
  };
}

/**
 * Fitted models as {@link ModelColumn}s: the coefficients, then the estimator, the dependent
 * variable, one "FE: dim" row (Yes/No) per fixed effect any model absorbs, N, R2 or pseudo-R2,
 * the rows dropped and the SE type.
 *
 * @example
 * ```ts
 * modelColumns([olsFit], ["OLS"])[0].stats[0]; // ["Estimator", "OLS"]
 * ```
 */
export function modelColumns(results: ModelResult[], titles?: string[]): ModelColumn[] {
  const dims: string[] = [];
  for (const r of results) {
    for (const f of r.fe) if (!dims.includes(f.dimension)) dims.push(f.dimension);
  }
  const anySeparation = results.some((r) => r.separation);
  const anyPpml = results.some((r) => r.estimator === "ppml");
  const anyFeIterations = results.some((r) => r.feIterations !== undefined);
  return results.map((r, j) => {
    const stats: [string, string][] = [
      ["Estimator", r.estimator === "ppml" ? "PPML" : "OLS"],
      ["Dependent", r.dependent],
      ...dims.map((d): [string, string] => [
        `FE: ${d}`,
        r.fe.some((f) => f.dimension === d) ? "Yes" : "No",
      ]),
      ["Observations", String(r.n)],
      ["R2 / pseudo-R2", (r.estimator === "ppml" ? r.pseudoR2 ?? NaN : r.r2).toFixed(3)],
      ["Dropped (zeros / separated)", `${r.nZeroDropped} / ${r.separated}`],
    ];
    if (anySeparation) {
      stats.push([
        "Separated (FE / regressors)",
        r.separation
          ? `${r.separation.fixedEffects} / ${r.separation.regressors}` +
            (r.separation.rectifierSettled ? "" : " (check unsettled)")
          : "",
      ]);
    }
    if (anyPpml) {
      stats.push(["IRLS iterations", r.estimator === "ppml" ? String(r.iterations) : ""]);
    }
    if (anyFeIterations) {
      stats.push([
        "FE projections (CG iterations)",
        r.feIterations === undefined ? "" : `${r.feIterations}` +
          (r.feTolerance !== undefined ? ` to ${r.feTolerance.toExponential(0)}` : ""),
      ]);
    }
    stats.push(["Standard errors", seName(r.se)]);
    return { title: titles?.[j] ?? `(${j + 1})`, coefficients: r.coefficients, stats };
  });
}

/**
 * Format fitted models side by side (text, markdown, HTML, CSV or LaTeX).
 *
 * @example
 * ```ts
 * console.log(modelsTable([olsFit, ppmlFit], "text", { titles: ["OLS", "PPML"] }));
 * ```
 */
export function modelsTable(
  results: ModelResult[],
  format: TableFormat | "latex" = "text",
  options: ModelsTableOptions = {},
): string {
  const columns = modelColumns(results, options.titles);
  // a fit's warnings (e.g. model-based SEs on overdispersed PPML) are notes under the table
  const warnings = results.flatMap((r, j) =>
    (r.warnings ?? []).map((
      w,
    ) => (results.length > 1 ? `${columns[j].title}: ${w}` : `Warning: ${w}`))
  );
  const spec = modelsSpec(columns, {
    title: options.title,
    digits: options.digits,
    notes: warnings,
  });
  return format === "latex" ? formatLatex(spec) : formatTable(spec, format);
}
