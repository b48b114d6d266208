/**
 * What a least-squares prediction interval needs: (X'X)^-1 from the design by QR, the quadratic
 * form x0' V x0 of a new row, and the standard OLS interval of a new observation,
 * fitted ± t(df, (1 + level) / 2) · s · sqrt(1 + x0' (X'X)^-1 x0) (and the fitted mean's
 * s · sqrt(x0' (X'X)^-1 x0)).
 * @module
 */
import { inverse, Matrix, QrDecomposition } from "ml-matrix";
import { tQuantile } from "./distributions.ts";

/**
 * (X'X)^-1 of a full-rank design with n >= k rows, by QR: X = QR, so (X'X)^-1 = R^-1 R^-T (no
 * explicit X'X; R is k x k).
 *
 * @example
 * ```ts
 * xtxInverse([[1, 0], [1, 1], [1, 2]]); // [[5/6, -1/2], [-1/2, 1/2]]
 * ```
 */
export function xtxInverse(x: number[][]): number[][] {
  const rInv = inverse(new QrDecomposition(new Matrix(x)).upperTriangularMatrix);
  return rInv.mmul(rInv.transpose()).to2DArray();
}

/**
 * The quadratic form x' V y (x' V x without `y`), summed row by row of V.
 *
 * @example
 * ```ts
 * quadraticForm([1, 2], [[1, 0], [0, 3]]); // 13
 * ```
 */
export function quadraticForm(
  x: ArrayLike<number>,
  v: ArrayLike<number>[],
  y: ArrayLike<number> = x,
): number {
  let q = 0;
  for (let a = 0; a < x.length; a++) {
    for (let c = 0; c < y.length; c++) q += x[a] * v[a][c] * y[c];
  }
  return q;
}

/** A prediction's standard errors and interval, in the units of the fitted value. */
export interface PredictionInterval {
  /** Standard error of the fitted mean: s sqrt(q). */
  seMean: number;
  /** Standard error of a new observation: s sqrt(1 + q). */
  sePrediction: number;
  /** fitted -+ t(df, (1 + level) / 2) sePrediction. */
  lower: number;
  upper: number;
}

/**
 * The OLS prediction interval of a new observation from its fitted value, q = x0' (X'X)^-1 x0
 * ({@link quadraticForm}; round-off negatives count as 0), the residual standard error `sigma`
 * and its degrees of freedom.
 *
 * @example
 * ```ts
 * predictionInterval(2, 0, 1, 10, 0.95).upper; // 2 + 2.228139
 * ```
 */
export function predictionInterval(
  fitted: number,
  q: number,
  sigma: number,
  df: number,
  level: number,
): PredictionInterval {
  const seMean = sigma * Math.sqrt(Math.max(0, q));
  const sePrediction = sigma * Math.sqrt(1 + Math.max(0, q));
  const t = tQuantile((1 + level) / 2, df);
  return {
    seMean,
    sePrediction,
    lower: fitted - t * sePrediction,
    upper: fitted + t * sePrediction,
  };
}
