/**
 * Pearson correlation matrix of named columns (listwise complete rows), e.g. for the correlation
 * heatmap of the CBEC indicators before their PCA.
 * @module
 */
import { InputError } from "../errors.ts";
import { completeRows } from "./complete.ts";
import type { NamedColumn } from "./types.ts";

/** A correlation matrix with the rows it was computed on. */
export interface CorrelationResult {
  variables: string[];
  /** matrix[a][b] = Pearson r of variables a and b (1 on the diagonal). */
  matrix: number[][];
  /** Rows complete in every column (used). */
  n: number;
  /** Rows dropped because some column was missing there (NaN). */
  nDropped: number;
}

/**
 * Pearson correlations of the columns over the rows complete in all of them (NaN = missing,
 * dropped listwise, as `pca` does, so the matrix is the one the PCA decomposes). A column with
 * zero variance is an InputError naming it.
 *
 * @example
 * ```ts
 * const r = correlationMatrix([{ name: "a", values: [1, 2, 3] }, { name: "b", values: [2, 4, 7] }]);
 * r.matrix[0][1]; // 0.9934
 * ```
 */
export function correlationMatrix(columns: NamedColumn[]): CorrelationResult {
  const { N, rows } = completeRows(columns, "correlationMatrix");
  const n = rows.length;
  const centered = columns.map((c) => {
    const xs = rows.map((i) => c.values[i]);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const d = xs.map((x) => x - mean);
    const ss = d.reduce((a, b) => a + b * b, 0);
    if (!(ss > 0)) throw new InputError(`column "${c.name}" has zero variance: no correlation`);
    return { d, norm: Math.sqrt(ss) };
  });
  const matrix = centered.map((a, i) =>
    centered.map((b, j) => {
      if (i === j) return 1;
      let s = 0;
      for (let t = 0; t < n; t++) s += a.d[t] * b.d[t];
      return s / (a.norm * b.norm);
    })
  );
  return { variables: columns.map((c) => c.name), matrix, n, nDropped: N - n };
}
