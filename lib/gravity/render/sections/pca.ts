/**
 * The CBEC index table: the PCA's loadings, eigenvalues, retained components, weights, KMO and
 * Bartlett (or, when the PCA failed, each indicator's coverage and the reason).
 * @module
 */
import { formatCell, type TableSpec } from "../../../report/table.ts";
import { f3 } from "./formatters.ts";
import type { StudyResult } from "../../study/types.ts";

function droppedNote(r: StudyResult): string[] {
  const d = r.pca.dropped;
  if (!d.length) return [];
  return [
    `Dropped for coverage below ${r.config.cbec.minCoverage} of ${r.pca.sampleSize} ` +
    `country-years: ${d.map((x) => `${x.indicator} (${x.present})`).join(", ")}.`,
  ];
}

/**
 * PCA summary: eigenvalues, retained components, weights, KMO and Bartlett, and loadings.
 *
 * @example
 * ```ts
 * console.log(formatTable(pcaSpec(result), "markdown"));
 * ```
 */
export function pcaSpec(r: StudyResult): TableSpec {
  const p = r.pca;
  const rule = p.retention.rule === "cumulative"
    ? `cumulative share >= ${p.retention.share}`
    : p.retention.rule === "kaiser"
    ? "eigenvalue > 1"
    : "first component";
  if (!p.ok) {
    return {
      title: "CBEC index (PCA of the standardized CBEC indicators)",
      columns: [{ key: "indicator", label: "Indicator" }, {
        key: "present",
        label: `Present (of ${p.sampleSize})`,
      }],
      rows: p.coverage,
      notes: [`${p.reason}.`, ...droppedNote(r)],
    };
  }
  const nc = Math.min(p.eigenvalues.length, Math.max(p.retained, 2));
  const columns = [
    { key: "indicator", label: "Indicator" },
    ...Array.from({ length: nc }, (_, c) => ({
      key: `pc${c + 1}`,
      label: `PC${c + 1}${c < p.retained ? "*" : ""}`,
      format: f3,
    })),
    { key: "kmo", label: "KMO", format: f3 },
  ];
  const rows = p.indicators.map((ind, v) => {
    const row: Record<string, unknown> = { indicator: ind, kmo: p.kmo?.perVariable[v] };
    for (let c = 0; c < nc; c++) row[`pc${c + 1}`] = p.loadings[v][c];
    return row;
  });
  const eig = p.eigenvalues.map((e, c) =>
    `PC${c + 1} ${formatCell(e, 3)} (${formatCell(100 * p.proportion[c], 1)}%)`
  );
  return {
    title: "CBEC index (PCA of the standardized CBEC indicators): loadings",
    columns,
    rows,
    notes: [
      `N = ${p.n} of ${p.sampleSize} country-years (${p.excluded.length} excluded: an indicator ` +
      `missing). Eigenvalues: ${eig.join(", ")}.`,
      `Retained (${rule}): ${p.retained} (*); composite = ${
        p.weights.map((w, c) => `${formatCell(w, 3)} x PC${c + 1}`).join(" + ")
      } (eigenvalue shares among the retained; components oriented so loadings sum >= 0).`,
      `KMO overall ${formatCell(p.kmo?.overall ?? NaN, 3)}; Bartlett chi2(${p.bartlett?.df}) = ` +
      `${formatCell(p.bartlett?.chi2 ?? NaN, 2)}, p = ${formatCell(p.bartlett?.p ?? NaN, 4)}.`,
      ...droppedNote(r),
    ],
  };
}
