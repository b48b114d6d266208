/**
 * The dense-design covariances of lib/stats/vcov_dense.ts against numpy
 * (tests/fixtures/mutants/uncertainty_truth.py, printed values pasted below), against `ols`'s own
 * standard errors (QR-based, lib/stats/vcov.ts) and piece by piece against values worked by hand:
 * the bread (X'WX)^-1, HC and CR1 meats, the symmetric sandwich, the rescaling to given SEs.
 */
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { InputError } from "../../lib/errors.ts";
import { ols } from "../../lib/stats/linear/ols.ts";
import { normalStream } from "../../lib/stats/random.ts";
import {
  crossProductInverse,
  denseClusterMeat,
  denseHcMeat,
  denseSandwich,
  olsCovariance,
  ppmlCovariance,
  rescaleCovariance,
} from "../../lib/stats/vcov_dense.ts";

// python3 tests/fixtures/mutants/uncertainty_truth.py
const TRUTH = {
  classical: [[0.0525, -0.0225], [-0.0225, 0.015]],
  hc1: [[0.0252, -0.0068], [-0.0068, 0.0062]],
  cr1_3: [[0.031050000000000008, -0.008325000000000004], [
    -0.008325000000000004,
    0.0029250000000000014,
  ]],
  ppml: [[0.011767895687095327, -0.004946420535804504], [
    -0.004946420535804511,
    0.003802417738753566,
  ]],
  // ("cr1_2", "ppml_2")
  cr1_2: [[0.007799999999999999, 0.00029999999999999846], [
    0.0003000000000000014,
    0.0002999999999999984,
  ]],
  ppml_2: [[0.02703933248731091, -0.012824979835878693], [
    -0.012824979835878691,
    0.006082994388559063,
  ]],
};
const X = [[1, 0], [1, 1], [1, 2], [1, 3]];
const E = [0.1, -0.2, 0.3, -0.1];

function close(a: number, b: number, tol: number, what = "") {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);
}
function matClose(a: ArrayLike<number>[], b: number[][], tol = 1e-12) {
  assert.equal(a.length, b.length);
  Array.from(a).forEach((r, i) =>
    Array.from(r).forEach((v, j) => close(v, b[i][j], tol, `[${i}][${j}]`))
  );
}

Deno.test("olsCovariance: classical, HC1 and CR1 equal numpy's on a 4 x 2 design", () => {
  const c = olsCovariance(X, E, { se: "classical" });
  matClose(c.matrix, TRUTH.classical);
  assert.deepEqual([c.df, c.se, c.clusters], [2, "classical", undefined]);
  assert.ok(!("clusters" in c));
  const h = olsCovariance(X, E, { se: "hc1" });
  matClose(h.matrix, TRUTH.hc1);
  assert.deepEqual([h.df, h.se], [2, "hc1"]);
  assert.ok(!("clusters" in h));
  const g = olsCovariance(X, E, { se: "cluster", cluster: ["a", "b", "c", "c"] });
  matClose(g.matrix, TRUTH.cr1_3);
  assert.deepEqual([g.df, g.se, g.clusters], [2, "cluster", 3]);
  assert.equal(g.matrix[0][1], g.matrix[1][0]);
  assert.throws(
    () => olsCovariance(X.slice(0, 2), E, { se: "classical" }),
    /2 rows for 2 coefficients/,
  );
  assert.throws(() => olsCovariance(X, E, { se: "cluster" }), /needs cluster labels/);
  assert.throws(
    () => olsCovariance(X, E, { se: "cluster", cluster: [1, 1, 1, 1] }),
    /at least 2 clusters, got 1/,
  );
});

Deno.test("ppmlCovariance: the CR1 sandwich equals numpy's; df Infinity; one cluster refused", () => {
  const v = ppmlCovariance(X, [1, 2, 4, 5], [1.2, 1.8, 3.5, 5.5], ["a", "a", "b", "c"]);
  matClose(v.matrix, TRUTH.ppml, 1e-12);
  assert.deepEqual([v.df, v.se, v.clusters], [Infinity, "cluster", 3]);
  assert.equal(v.matrix[0][1], v.matrix[1][0]);
  assert.throws(
    () => ppmlCovariance(X, [1, 2, 4, 5], [1, 2, 4, 5], ["a", "a", "a", "a"]),
    /at least 2 clusters, got 1/,
  );
});

Deno.test("two clusters are enough (numpy's CR1, OLS and PPML); empty designs are InputErrors", () => {
  const g = olsCovariance(X, E, { se: "cluster", cluster: ["a", "a", "b", "b"] });
  matClose(g.matrix, TRUTH.cr1_2);
  assert.deepEqual([g.df, g.clusters], [1, 2]);
  const p = ppmlCovariance(X, [1, 2, 4, 5], [1.2, 1.8, 3.5, 5.5], ["a", "a", "b", "b"]);
  matClose(p.matrix, TRUTH.ppml_2);
  assert.equal(p.clusters, 2);
  assert.throws(() => olsCovariance([], [], { se: "classical" }), InputError);
  assert.throws(() => ppmlCovariance([], [], [], []), InputError);
});

Deno.test("olsCovariance: its diagonal is ols's squared standard errors (classical, HC1, CR1)", () => {
  const z = normalStream(11);
  const n = 60;
  const x1 = Array.from({ length: n }, () => z());
  const x2 = Array.from({ length: n }, () => 3 + z());
  const y = x1.map((v, i) => 1 + 0.5 * v - 0.2 * x2[i] + 0.3 * z());
  const g = x1.map((_, i) => `c${i % 7}`);
  const design = x1.map((v, i) => [1, v, x2[i]]);
  for (const se of ["classical", "hc1", "cluster"] as const) {
    const fit = ols(y, [{ name: "a", values: x1 }, { name: "b", values: x2 }], {
      se,
      ...(se === "cluster" ? { cluster: g } : {}),
    });
    const v = olsCovariance(design, fit.residuals, { se, cluster: g });
    fit.coefficients.forEach((c, a) =>
      assert.ok(Math.abs(Math.sqrt(v.matrix[a][a]) / c.stdError - 1) < 1e-10, `${se} ${c.term}`)
    );
    assert.equal(v.df, se === "cluster" ? 6 : n - 3);
  }
});

Deno.test("the pieces by hand: (X'WX)^-1, the HC and CR1 meats, the symmetric sandwich, rescaling", () => {
  // X'X = [[4, 6], [6, 14]], det 20: inverse [[0.7, -0.3], [-0.3, 0.2]]
  matClose(crossProductInverse(X).to2DArray(), [[0.7, -0.3], [-0.3, 0.2]], 1e-15);
  // X'WX with w = (1, 2, 0, 1): [[4, 5], [5, 11]], det 19
  matClose(
    crossProductInverse(X, [1, 2, 0, 1]).to2DArray(),
    [[11 / 19, -5 / 19], [-5 / 19, 4 / 19]],
    1e-15,
  );
  // HC meat sum e^2 x x': e^2 = (0.01, 0.04, 0.09, 0.01)
  matClose([denseHcMeat(X, E)], [[0.15, 0.25, 0.25, 0.49]], 1e-15);
  // clusters {a: rows 0, 1}, {b: rows 2, 3}: s_a = (-0.1, -0.2), s_b = (0.2, 0.3);
  // factor 2/1 x 3/2 = 3: 3 x [[0.05, 0.08], [0.08, 0.13]]
  const cm = denseClusterMeat(X, E, ["a", "a", "b", "b"]);
  assert.equal(cm.clusters, 2);
  matClose([cm.meat], [[0.15, 0.24, 0.24, 0.39]], 1e-15);
  assert.throws(() => denseClusterMeat(X, E, [0, 0, 0, 0]), /at least 2 clusters, got 1/);
  // an asymmetric meat is symmetrised: B = I, M = [[1, 2], [0, 1]] -> [[1, 1], [1, 1]]
  assert.deepEqual(
    denseSandwich(new Matrix([[1, 0], [0, 1]]), new Float64Array([1, 2, 0, 1])),
    [[1, 1], [1, 1]],
  );
  assert.deepEqual(denseSandwich(new Matrix([[0.5]]), new Float64Array([4])), [[1]]);
  // correlation 0.5 kept, SEs (1, 3)
  assert.deepEqual(rescaleCovariance([[4, 2], [2, 4]], [1, 3]), [[1, 1.5], [1.5, 9]]);
});
