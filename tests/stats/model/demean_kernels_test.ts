/**
 * lib/stats/model/demean_kernels.ts: the elimination plan and the passes over the rows of the
 * conjugate-gradient demeaning, for one, two and three solved dimensions and groups of one and
 * four columns, each against its documented formula computed densely (demean_dense.ts: dummy
 * matrices, one column at a time).
 */
import assert from "node:assert/strict";
import {
  crossToE,
  crossToR,
  makePlan,
  rowsToR,
  scaleLevels,
} from "../../../lib/stats/model/demean_kernels.ts";
import type { FeDimension } from "../../../lib/stats/model/fe.ts";
import {
  A,
  B,
  C,
  column,
  crossW,
  D,
  interleave,
  means,
  minus,
  N,
  same,
  sumRows,
  times,
  values,
  W,
} from "./demean_dense.ts";

/** The panels: one, two and three solved dimensions besides the eliminated B. */
const PANELS: FeDimension[][] = [[A, B], [A, B, C], [A, B, C, D]];

/** A level-major group array of G columns for each solved dimension (values differ per slot). */
const groupOf = (ds: FeDimension[], G: number, seed: number) =>
  ds.map((d, k) =>
    interleave(Array.from({ length: G }, (_, t) => values(d.levels, seed + 10 * k + t)))
  );

Deno.test("makePlan eliminates the dimension with the most levels (the first of equals), with level weights and reciprocals (0 for a level of no weight)", () => {
  const pl = makePlan([A, B, C, D], W);
  assert.equal(pl.n, N);
  assert.equal(pl.e, 1);
  assert.deepEqual(pl.r, [0, 2, 3]);
  const ones = new Array<number>(N).fill(1);
  [A, B, C, D].forEach((d, k) => {
    const sw = crossW(d, W, ones);
    same(pl.sw[k], sw, `sw of ${d.name}`);
    same(pl.inv[k], sw.map((s) => (s > 0 ? 1 / s : 0)), `inv of ${d.name}`);
  });
  // b's level 5 has no row, d's level 3 only a weightless one
  assert.equal(pl.inv[1][5], 0);
  assert.equal(pl.inv[3][3], 0);
  // the largest last, and the first of two equals
  const late = makePlan([C, A, B], W);
  assert.equal(late.e, 2);
  assert.deepEqual(late.r, [0, 1]);
  const tie = makePlan([C, A, { ...A, name: "a2" }], W);
  assert.equal(tie.e, 1);
  assert.deepEqual(tie.r, [0, 2]);
});

Deno.test("scaleLevels turns level sums of every column of a group into level means", () => {
  const a = interleave([[2, 4, 6], [1, 3, 5]]);
  scaleLevels(a, Float64Array.from([0.5, 0.25, 0]), 2);
  same(a, [1, 0.5, 1, 0.75, 0, 0], "scaled");
});

Deno.test("crossToE: te = A_ee^-1 D_e' W D_R p (the level means of the solved dimensions' p), groups of 1 and 4", () => {
  for (const dims of PANELS) {
    const pl = makePlan(dims, W);
    const R = pl.r.map((k) => dims[k]);
    for (const G of [1, 4]) {
      const p = groupOf(R, G, 3);
      // te starts dirty: the pass overwrites it
      const te = values(B.levels * G, 99);
      crossToE(pl, p, G, te);
      const want = Array.from(
        { length: G },
        (_, t) => means(B, W, sumRows(R, p.map((a) => column(a, G, t)))),
      );
      same(te, interleave(want), `${R.length} solved, G ${G}`);
    }
  }
});

Deno.test("crossToR: q -= D_R' W D_e te (one solved dimension), groups of 1 and 4", () => {
  const pl = makePlan([A, B], W);
  for (const G of [1, 4]) {
    const te = values(B.levels * G, 5);
    const q0 = values(A.levels * G, 7);
    const q = [Float64Array.from(q0)];
    crossToR(pl, te, G, q);
    const want = Array.from(
      { length: G },
      (_, t) => minus(column(q0, G, t), crossW(A, W, times(B, column(te, G, t)))),
    );
    same(q[0], interleave(want), `G ${G}`);
  }
});

Deno.test("rowsToR: q_d = D_d' W (D_R p - D_e te) for every solved dimension (two and three), groups of 1 and 4", () => {
  for (const dims of PANELS.slice(1)) {
    const pl = makePlan(dims, W);
    const R = pl.r.map((k) => dims[k]);
    for (const G of [1, 4]) {
      const p = groupOf(R, G, 11);
      const te = values(B.levels * G, 13);
      // q starts dirty: the pass overwrites it
      const q = R.map((d, k) => values(d.levels * G, 17 + k));
      rowsToR(pl, p, te, G, q);
      R.forEach((d, k) => {
        const want = Array.from({ length: G }, (_, t) => {
          const u = minus(sumRows(R, p.map((a) => column(a, G, t))), times(B, column(te, G, t)));
          return crossW(d, W, u);
        });
        same(q[k], interleave(want), `${R.length} solved, G ${G}, q of ${d.name}`);
      });
    }
  }
});
