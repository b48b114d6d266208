/**
 * Dense references for the passes of the conjugate-gradient demeaning (lib/stats/model/
 * demean_kernels.ts, demean_ends.ts), written from their documented formulas one column at a
 * time on plain arrays: D_d is the n x L_d dummy matrix of dimension d, W the row weights, a
 * level-major group array holds level l of column t at l * G + t. A small four-dimension panel
 * (weights, an empty level and a zero-weight level) to run them on.
 */
import assert from "node:assert/strict";
import type { FeDimension } from "../../../lib/stats/model/fe.ts";

const dim = (name: string, codes: number[], levels: number): FeDimension => ({
  name,
  codes: Int32Array.from(codes),
  levels,
  labels: Array.from({ length: levels }, (_, l) => `${name}${l}`),
});

/**
 * 13 rows, four dimensions: a (3 levels), b (6 levels, the largest: level 5 has no row), c (2
 * levels), d (4 levels, level 3 only on the zero-weight row 12).
 */
export const A = dim("a", [0, 0, 1, 1, 2, 2, 0, 1, 2, 0, 1, 2, 1], 3);
export const B = dim("b", [0, 1, 1, 2, 2, 3, 3, 4, 4, 0, 0, 1, 2], 6);
export const C = dim("c", [0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1], 2);
export const D = dim("d", [0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0, 3], 4);
export const N = 13;
/** Row weights: unequal, the last row weightless. */
export const W = Float64Array.from({ length: N }, (_, i) => (i === N - 1 ? 0 : 0.5 + (i % 4) / 3));

/** Deterministic values that differ in every slot (no two columns alike). */
export const values = (len: number, seed: number) =>
  Float64Array.from({ length: len }, (_, i) => Math.sin(seed + 1.7 * i) * 3 + (i % 3) - 1);

/** Column t of a level-major array with stride G. */
export const column = (a: ArrayLike<number>, G: number, t: number) =>
  Array.from({ length: a.length / G }, (_, l) => a[l * G + t]);

/** Level-major array with stride G from G columns of equal length. */
export const interleave = (cols: ArrayLike<number>[]) => {
  const G = cols.length, L = cols[0].length;
  const out = new Float64Array(L * G);
  for (let t = 0; t < G; t++) for (let l = 0; l < L; l++) out[l * G + t] = cols[t][l];
  return out;
};

/** The n x L dummy matrix of a dimension. */
export const dummies = (d: FeDimension) =>
  Array.from(d.codes, (c) => Array.from({ length: d.levels }, (_, l): number => (l === c ? 1 : 0)));

/** D x: the rows of a level vector. */
export const times = (d: FeDimension, x: ArrayLike<number>) =>
  dummies(d).map((row) => row.reduce((s: number, v, l) => s + v * x[l], 0));

/** D' W u: the weighted level sums of a row vector. */
export const crossW = (d: FeDimension, w: ArrayLike<number>, u: ArrayLike<number>) => {
  const m = dummies(d);
  return Array.from(
    { length: d.levels },
    (_, l) => m.reduce((s, row, i) => s + row[l] * w[i] * u[i], 0),
  );
};

/** (D' W D)^-1 D' W u: the weighted level means (0 for a level of no weight). */
export const means = (d: FeDimension, w: ArrayLike<number>, u: ArrayLike<number>) => {
  const m = dummies(d);
  const diag = Array.from(
    { length: d.levels },
    (_, l) => m.reduce((s, row, i) => s + row[l] * w[i], 0),
  );
  return crossW(d, w, u).map((s, l) => (diag[l] > 0 ? s / diag[l] : 0));
};

/** a - b elementwise. */
export const minus = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a, (v, i) => v - b[i]);

/** sum_k D_k x_k over several dimensions. */
export const sumRows = (ds: FeDimension[], xs: ArrayLike<number>[]) =>
  Array.from({ length: N }, (_, i) => ds.reduce((s, d, k) => s + times(d, xs[k])[i], 0));

/**
 * `actual` holds exactly the expected numbers (to 1e-12 relative) and nothing else: no value
 * written under a key that is no index ("undefined": a code read past the end used as an index).
 */
export function same(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  assert.deepEqual(
    Object.keys(actual),
    Array.from({ length: actual.length }, (_, i) => `${i}`),
    `${what}: keys`,
  );
  for (let i = 0; i < expected.length; i++) {
    const tol = 1e-12 * (1 + Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol,
      `${what}[${i}]: ${actual[i]} != ${expected[i]}`,
    );
  }
}
