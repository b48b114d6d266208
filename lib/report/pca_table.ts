/**
 * Lay out a PCA result (eigenvalues, loadings, KMO, Bartlett) as text, markdown, HTML or JSON.
 * @module
 */
import type { PcaResult } from "../stats/types.ts";
import { formatCell, formatTable } from "./table.ts";

/** Output formats of {@link formatPca}. */
export type PcaFormat = "text" | "markdown" | "html" | "json";

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

/**
 * Format a PCA result. `json` is the whole result (the `pca` command's contract: n, variables,
 * scaled, eigenvalues, proportion, cumulative, loadings, scores, plus nDropped, rows, kmo,
 * bartlett); the other formats show the eigenvalue table, the loadings and the adequacy tests
 * (scores only in JSON).
 *
 * @example
 * ```ts
 * console.log(formatPca(pca(columns), "markdown"));
 * ```
 */
export function formatPca(result: PcaResult, format: PcaFormat = "text"): string {
  if (format === "json") {
    return JSON.stringify(
      {
        ...result,
        kmo: {
          overall: finiteOrNull(result.kmo.overall),
          perVariable: result.kmo.perVariable.map(finiteOrNull),
        },
        bartlett: {
          ...result.bartlett,
          chi2: finiteOrNull(result.bartlett.chi2),
          p: finiteOrNull(result.bartlett.p),
        },
      },
      null,
      2,
    );
  }
  const f4 = (v: unknown) => formatCell(v, 4);
  const comps = result.eigenvalues.map((_, c) => `PC${c + 1}`);
  const eig = formatTable({
    title: `Principal components (${result.scaled ? "correlation" : "covariance"} matrix), ` +
      `n = ${result.n}${
        result.nDropped ? `, ${result.nDropped} row(s) dropped for missing values` : ""
      }`,
    columns: [
      { key: "component", label: "Component", align: "left" },
      { key: "eigenvalue", label: "Eigenvalue", format: f4 },
      { key: "proportion", label: "Proportion", format: f4 },
      { key: "cumulative", label: "Cumulative", format: f4 },
    ],
    rows: comps.map((component, c) => ({
      component,
      eigenvalue: result.eigenvalues[c],
      proportion: result.proportion[c],
      cumulative: result.cumulative[c],
    })),
  }, format);
  const load = formatTable({
    title: "Loadings (unit-length eigenvectors) and KMO per variable",
    columns: [
      { key: "variable", label: "Variable", align: "left" },
      ...comps.map((c) => ({ key: c, format: f4 })),
      { key: "kmo", label: "KMO", format: f4 },
    ],
    rows: result.variables.map((variable, v) => ({
      variable,
      ...Object.fromEntries(comps.map((c, j) => [c, result.loadings[v][j]])),
      kmo: result.kmo.perVariable[v],
    })),
    notes: [
      `KMO overall = ${formatCell(result.kmo.overall, 4)}; Bartlett's test of sphericity: ` +
      `chi2(${result.bartlett.df}) = ${formatCell(result.bartlett.chi2, 4)}, ` +
      `p = ${formatCell(result.bartlett.p, 4)}`,
    ],
  }, format);
  return `${eig}\n\n${load}`;
}
