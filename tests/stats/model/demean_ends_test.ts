/**
 * lib/stats/model/demean_ends.ts: the first pass (the Schur residual at a warm start, the
 * columns' weighted norms) and the last pass (the columns less every dimension's coefficients) of
 * the conjugate-gradient demeaning, for zero to three solved dimensions and groups of one and
 * four columns (and two: the general pass takes any group size), each against its documented
 * formula computed densely (demean_dense.ts).
 */
import assert from "node:assert/strict";
import { finishPass, residualPass } from "../../../lib/stats/model/demean_ends.ts";
import { makePlan } from "../../../lib/stats/model/demean_kernels.ts";
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

/** G columns of the panel's length, all different. */
const columnsOf = (G: number, seed: number) =>
  Array.from({ length: G }, (_, t) => values(N, seed + 5 * t));

/** A warm start: a level-major group array of G columns for each solved dimension. */
const startOf = (ds: FeDimension[], G: number, seed: number) =>
  ds.map((d, k) =>
    interleave(Array.from({ length: G }, (_, t) => values(d.levels, seed + 10 * k + t)))
  );

Deno.test("residualPass: te = A_ee^-1 D_e' W (v - D_R x), r_k = D_k' W (v - D_R x - D_e te), norm2 = sum w v^2, from a warm start (groups of 1, 2 and 4)", () => {
  for (const dims of [[A, B], [A, B, C], [A, B, C, D]]) {
    const pl = makePlan(dims, W);
    const R = pl.r.map((k) => dims[k]);
    for (const G of [1, 2, 4]) {
      const v = columnsOf(G, 1);
      const x = startOf(R, G, 21);
      // te and r start dirty: the pass overwrites them
      const te = values(B.levels * G, 31), r = R.map((d, k) => values(d.levels * G, 41 + k));
      const norm2 = new Float64Array(G);
      residualPass(pl, v, x, G, te, r, norm2);
      const what = `${R.length} solved, G ${G}`;
      const g = v.map((vt, t) => minus(vt, sumRows(R, x.map((a) => column(a, G, t)))));
      const teT = g.map((gt) => means(B, W, gt));
      same(te, interleave(teT), `${what}: te`);
      R.forEach((d, k) => {
        const want = g.map((gt, t) => crossW(d, W, minus(gt, times(B, teT[t]))));
        same(r[k], interleave(want), `${what}: r of ${d.name}`);
      });
      same(norm2, v.map((vt) => vt.reduce((s, u, i) => s + W[i] * u * u, 0)), `${what}: norm2`);
    }
  }
});

Deno.test("residualPass: a padding column of zeros (no start) has zero residual and norm", () => {
  const pl = makePlan([A, B], W);
  const v = [...columnsOf(3, 2), new Float64Array(N)];
  const x = [interleave([values(3, 1), values(3, 2), values(3, 3), new Float64Array(3)])];
  const te = new Float64Array(B.levels * 4), r = [new Float64Array(A.levels * 4)];
  const norm2 = new Float64Array(4);
  residualPass(pl, v, x, 4, te, r, norm2);
  assert.deepEqual(column(te, 4, 3), new Array(B.levels).fill(0));
  assert.deepEqual(column(r[0], 4, 3), new Array(A.levels).fill(0));
  assert.equal(norm2[3], 0);
});

Deno.test("finishPass: v - D_R x, less its weighted level means on e (= ae); padding (null) skipped; one dimension is plain demeaning", () => {
  for (const dims of [[A], [A, B], [A, B, C], [A, B, C, D]]) {
    const pl = makePlan(dims, W);
    const R = pl.r.map((k) => dims[k]), E = dims[pl.e];
    for (const G of [1, 2, 4]) {
      const v0 = columnsOf(G, 3);
      // with four, the last slot is padding
      const v: (Float64Array | null)[] = v0.map((
        c,
        t,
      ) => (G === 4 && t === 3 ? null : Float64Array.from(c)));
      const x = startOf(R, G, 51);
      const ae = values(E.levels * G, 61);
      finishPass(pl, v, x, G, ae);
      const what = `${R.length} solved, G ${G}`;
      const want = v0.map((vt, t) => {
        if (!v[t]) return { ae: new Array<number>(E.levels).fill(0), v: null };
        const g = minus(vt, sumRows(R, x.map((a) => column(a, G, t))));
        const a = means(E, W, g);
        return { ae: a, v: minus(g, times(E, a)) };
      });
      same(ae, interleave(want.map((s) => s.ae)), `${what}: ae`);
      want.forEach((s, t) => {
        if (s.v) same(v[t]!, s.v, `${what}: column ${t}`);
      });
    }
  }
});
