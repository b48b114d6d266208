/**
 * The cluster pieces of lib/stats/vcov.ts that the QR-based covariances (clusterMeat,
 * clusteredCov) and the dense ones (vcov_dense.ts) share, worked by hand: per-cluster score sums
 * (plain or double-double), the outer-product meat, CR1's factor and its refusal of one cluster.
 * (The covariances themselves: vcov_mutants_test.ts and vcov_dense_test.ts.)
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";
import { clusterScoreSums, cr1Factor, outerSum, type ScoreRows } from "../../lib/stats/vcov.ts";

/** Score rows of a dense design. */
const rows = (x: number[][], e: number[]): ScoreRows => ({
  n: x.length,
  load: (t, out) => {
    out.set(x[t]);
    return e[t];
  },
});

Deno.test("clusterScoreSums: X_g' e_g per cluster in first-seen order, plain or double-double", () => {
  const x = [[1, 0], [1, 1], [1, 2], [1, 3]];
  const e = [0.5, -1, 2, 4];
  const g = ["b", "a", "b", "c"];
  // b: (0.5 + 2, 0 + 4) = (2.5, 4); a: (-1, -1); c: (4, 12)
  const want = [[2.5, 4], [-1, -1], [4, 12]];
  for (const compensated of [true, false]) {
    const s = clusterScoreSums(rows(x, e), 2, (t) => g[t], compensated);
    assert.deepEqual(s.map((v) => Array.from(v)), want, `compensated ${compensated}`);
  }
  // cancellation: 1e16 + 1 - 1e16 is 1 in double-double, 0 in plain double arithmetic
  const big = rows([[1], [1], [1]], [1e16, 1, -1e16]);
  assert.deepEqual(Array.from(clusterScoreSums(big, 1, () => 0)[0]), [1]);
  assert.deepEqual(Array.from(clusterScoreSums(big, 1, () => 0, false)[0]), [0]);
});

Deno.test("outerSum: sum of v v' (rotated first when asked); cr1Factor: G/(G-1) (n-1)/(n-k), G >= 2", () => {
  const v = [new Float64Array([1, 2]), new Float64Array([3, -1])];
  assert.deepEqual(Array.from(outerSum(v, 2)), [10, -1, -1, 5]);
  // rotate by doubling: 4 x the sum
  assert.deepEqual(Array.from(outerSum(v, 2, (u) => u.map((a) => 2 * a))), [40, -4, -4, 20]);
  assert.deepEqual(Array.from(outerSum([], 2)), [0, 0, 0, 0]);
  assert.equal(cr1Factor(3, 4, 2), 2.25);
  assert.equal(cr1Factor(2, 11, 1), 2);
  assert.equal(cr1Factor(2, 11, 6), 4);
  assert.throws(
    () => cr1Factor(1, 10, 2),
    (e) =>
      e instanceof InputError && e.message === "cluster-robust SEs need at least 2 clusters, got 1",
  );
  assert.throws(() => cr1Factor(0, 10, 2), /got 0/);
});
