/**
 * lib/stats/vcov.ts: the cluster pieces that the QR-based covariances (clusterMeat, clusteredCov)
 * and the dense ones (vcov_dense.ts) share, worked by hand (per-cluster score sums, plain or
 * double-double; the outer-product meat; CR1's factor and its refusal of one cluster); then piece
 * by piece against the textbook matrix formulas, computed here with plain Gauss-Jordan inversion of
 * X'X (no QR, no triangular solves): bread, sandwich, HC0/HC2/HC3 meats with leverages, one- and
 * two-way cluster covariances with their small-sample factors, p-values and intervals.
 */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";
import {
  bread,
  clusteredCov,
  clusterMeat,
  clusterScoreSums,
  coefficientRows,
  cr1Factor,
  criticalValue,
  hcMeat,
  outerSum,
  sandwich,
  type ScoreRows,
  twoSidedP,
} from "../../lib/stats/vcov.ts";
import type { TriFactor } from "../../lib/stats/qr.ts";

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

type M = number[][];
const mul = (a: M, b: M): M =>
  a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
const tr = (a: M): M => a[0].map((_, j) => a.map((r) => r[j]));
function inv(a: M): M {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...r.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    m[c] = m[c].map((v) => v / d);
    for (let r = 0; r < n; r++) {
      if (r !== c) {
        const f = m[r][c];
        m[r] = m[r].map((v, j) => v - f * m[c][j]);
      }
    }
  }
  return m.map((r) => r.slice(n));
}
/** Upper Cholesky factor R of a symmetric positive definite S (S = R'R), row-major. */
function cholUpper(s: M): TriFactor {
  const p = s.length;
  const r = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let v = s[i][j];
      for (let k = 0; k < i; k++) v -= r[k * p + i] * r[k * p + j];
      r[i * p + j] = i === j ? Math.sqrt(v) : v / r[i * p + i];
    }
  }
  return { p, r };
}
const flat = (a: M) => Float64Array.from(a.flat());
const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-10, what = "") => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    assert.ok(d <= tol, `${what}[${i}] ${a[i]} != ${b[i]}`);
  }
};

/** A small regression: intercept and two regressors, 9 rows, OLS residuals, two cluster keys. */
function problem() {
  const x1 = [1, 2, 3, 4, 5, 6, 7, 8, 9.5];
  const x2 = [2, -1, 0.5, 3, -2, 1, 0, 4, -3];
  const y = [1.2, 2.9, 3.1, 5.5, 4.2, 7.9, 7.1, 10.4, 8.3];
  const X: M = x1.map((v, i) => [1, v, x2[i]]);
  const XtX = mul(tr(X), X);
  const XtXi = inv(XtX);
  const b = mul(XtXi, mul(tr(X), y.map((v) => [v]))).map((r) => r[0]);
  const e = y.map((v, i) => v - X[i].reduce((s, x, k) => s + x * b[k], 0));
  const g1 = ["a", "a", "b", "b", "b", "c", "c", "d", "d"];
  const g2 = [1, 2, 1, 2, 1, 2, 1, 2, 2];
  const scores: ScoreRows = {
    n: 9,
    load: (t, x) => {
      X[t].forEach((v, k) => (x[k] = v));
      return e[t];
    },
  };
  const h = X.map((xi) => mul(mul([xi], XtXi), tr([xi]))[0][0]);
  return { X, XtX, XtXi, b, e, g1, g2, scores, h, R: cholUpper(XtX), n: 9, k: 3 };
}

/** X' diag(w) X */
const meatOf = (X: M, w: number[]): M => mul(tr(X), X.map((r, i) => r.map((v) => v * w[i])));
/** sum_g s_g s_g' with s_g = X_g' e_g */
function clusterMeatOf(X: M, e: number[], key: (t: number) => string | number): M {
  const sums = new Map<string | number, number[]>();
  X.forEach((r, t) => {
    const s = sums.get(key(t)) ?? [0, 0, 0];
    r.forEach((v, k) => (s[k] += v * e[t]));
    sums.set(key(t), s);
  });
  let m: M = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const s of sums.values()) m = m.map((r, i) => r.map((v, j) => v + s[i] * s[j]));
  return m;
}
const sw = (p: ReturnType<typeof problem>, meat: M) => flat(mul(mul(p.XtXi, meat), p.XtXi));

Deno.test("bread = (X'X)^-1 and sandwich = (X'X)^-1 M (X'X)^-1 (explicit inverses)", () => {
  const p = problem();
  near(bread(p.R), flat(p.XtXi), 1e-10, "bread");
  const M0: M = [[2, 0.5, -0.3], [0.5, 3, 0.7], [-0.3, 0.7, 1.5]];
  // sandwich takes the meat in the rotated basis: M = R^-T M0 R^-1 gives (X'X)^-1 M0 (X'X)^-1
  const Ri = inv(
    Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => p.R.r[i * 3 + j])),
  );
  const rot = mul(mul(tr(Ri), M0), Ri);
  near(sandwich(p.R, flat(rot)), sw(p, M0), 1e-10, "sandwich");
  // a plain check of the rotated identity: sandwich(R, R R') = I... via R = chol(X'X):
  // sandwich(R, I) = R^-1 R^-T = bread
  near(sandwich(p.R, flat([[1, 0, 0], [0, 1, 0], [0, 0, 1]])), bread(p.R), 1e-12, "sandwich(I)");
});

Deno.test("hcMeat: HC0, HC2, HC3 sandwiches = (X'X)^-1 X' diag(w) X (X'X)^-1 with leverages", () => {
  const p = problem();
  const e2 = p.e.map((v) => v * v);
  const cases = {
    hc0: e2,
    hc2: e2.map((v, i) => v / (1 - p.h[i])),
    hc3: e2.map((v, i) => v / (1 - p.h[i]) ** 2),
  } as const;
  for (const [kind, w] of Object.entries(cases)) {
    const meat = hcMeat(p.R, p.scores, kind as "hc0" | "hc2" | "hc3");
    // the meat is symmetric
    for (let a = 0; a < 3; a++) {
      for (let c = 0; c < 3; c++) assert.equal(meat[a * 3 + c], meat[c * 3 + a]);
    }
    near(sandwich(p.R, meat), sw(p, meatOf(p.X, w)), 1e-9, kind);
  }
  // the leverages are not negligible here (HC3 differs from HC0 by more than 10%)
  const v0 = sandwich(p.R, hcMeat(p.R, p.scores, "hc0"));
  const v3 = sandwich(p.R, hcMeat(p.R, p.scores, "hc3"));
  assert.ok(v3[4] > 1.1 * v0[4], `${v3[4]} vs ${v0[4]}`);
});

Deno.test("clusterMeat and clusteredCov: one-way CR1 and two-way CGM with per-term factors", () => {
  const p = problem();
  const l1 = (t: number) => p.g1[t], l2 = (t: number) => p.g2[t];
  const m = clusterMeat(p.R, p.scores, l1);
  assert.equal(m.clusters, 4);
  near(sandwich(p.R, m.meat), sw(p, clusterMeatOf(p.X, p.e, l1)), 1e-9, "cluster meat");
  const f = (G: number) => (G / (G - 1)) * ((p.n - 1) / (p.n - p.k));
  const one = clusteredCov(p.R, p.scores, [l1], p.n, p.k);
  assert.deepEqual(one.clusters, [4]);
  near(one.cov, sw(p, clusterMeatOf(p.X, p.e, l1)).map((v) => v * f(4)), 1e-9, "CR1");
  // two-way: V(g1) f(4) + V(g2) f(2) - V(g1 x g2) f(G12)
  const l12 = (t: number) => `${p.g1[t]}|${p.g2[t]}`;
  const G12 = new Set(p.g1.map((_, t) => l12(t))).size;
  assert.equal(G12, 7);
  const two = clusteredCov(p.R, p.scores, [l1, l2], p.n, p.k);
  assert.deepEqual(two.clusters, [4, 2]);
  const V1 = sw(p, clusterMeatOf(p.X, p.e, l1)), V2 = sw(p, clusterMeatOf(p.X, p.e, l2));
  const V12 = sw(p, clusterMeatOf(p.X, p.e, l12));
  near(two.cov, V1.map((v, i) => v * f(4) + V2[i] * f(2) - V12[i] * f(G12)), 1e-9, "two-way");
  // kDf enters (n - 1) / (n - kDf)
  const k5 = clusteredCov(p.R, p.scores, [l1], p.n, 5);
  near(k5.cov, one.cov.map((v) => (v * (p.n - p.k)) / (p.n - 5)), 1e-12, "kDf");
  // the interaction key must not merge ("a", 12) with ("a1", 2)
  const ka = (t: number) => ["a", "a1"][t % 2], kb = (t: number) => [12, 2][t % 2];
  const merged = clusteredCov(p.R, p.scores, [ka, kb], p.n, p.k);
  const sep = (t: number) => `${ka(t)}#${kb(t)}`;
  const Va = sw(p, clusterMeatOf(p.X, p.e, ka)), Vb = sw(p, clusterMeatOf(p.X, p.e, kb));
  const Vab = sw(p, clusterMeatOf(p.X, p.e, sep));
  near(merged.cov, Va.map((v, i) => v * f(2) + Vb[i] * f(2) - Vab[i] * f(2)), 1e-9, "keys");
});

Deno.test("clusteredCov errors: fewer than 2 clusters, zero or three dimensions; identical dimensions", () => {
  const p = problem();
  assert.throws(
    () => clusteredCov(p.R, p.scores, [() => "all"], p.n, p.k),
    (e) =>
      e instanceof InputError && e.message === "cluster-robust SEs need at least 2 clusters, got 1",
  );
  assert.throws(
    () => clusteredCov(p.R, p.scores, [], p.n, p.k),
    (e) => e instanceof InputError && /one or two dimensions/.test(e.message),
  );
  const l = (t: number) => t % 2;
  assert.throws(() => clusteredCov(p.R, p.scores, [l, l, l], p.n, p.k), InputError);
  // two identical dimensions: the interaction has the same 2 clusters, so V = V1 f + V1 f - V1 f
  const same = clusteredCov(p.R, p.scores, [l, l], p.n, p.k);
  const one = clusteredCov(p.R, p.scores, [l], p.n, p.k);
  near(same.cov, one.cov, 1e-9, "same dims");
  // two dimensions that partition the rows alike: the interaction has the same clusters
  const c1 = (t: number) => (t < 5 ? "x" : "y"), c2 = (t: number) => (t < 5 ? 1 : 2);
  const nested = clusteredCov(p.R, p.scores, [c1, c2], p.n, p.k);
  near(nested.cov, clusteredCov(p.R, p.scores, [c1], p.n, p.k).cov, 1e-9, "nested");
  const all = (t: number) => (t < 100 ? "x" : "y");
  assert.throws(() => clusteredCov(p.R, p.scores, [l, all], p.n, p.k), /got 1/);
});

Deno.test("twoSidedP, criticalValue and coefficientRows: normal and t inference", () => {
  // standard normal: P(|Z| > 1.959963984540054) = 0.05, P(|Z| > 0) = 1
  assert.ok(Math.abs(twoSidedP(1.959963984540054, Infinity) - 0.05) < 1e-12);
  assert.ok(Math.abs(twoSidedP(-1.959963984540054, Infinity) - 0.05) < 1e-12);
  assert.equal(twoSidedP(Infinity, Infinity), 0);
  assert.equal(twoSidedP(-Infinity, Infinity), 0);
  assert.ok(Number.isNaN(twoSidedP(NaN, Infinity)));
  // t with 1 df (Cauchy): P(|T| > 1) = 0.5
  assert.ok(Math.abs(twoSidedP(1, 1) - 0.5) < 1e-12);
  assert.ok(Math.abs(criticalValue(0.95, Infinity) - 1.959963984540054) < 1e-9);
  assert.ok(Math.abs(criticalValue(0.9, Infinity) - 1.6448536269514722) < 1e-9);
  // t_1 quantile at 0.975 = tan(pi (0.975 - 0.5))
  assert.ok(Math.abs(criticalValue(0.95, 1) - Math.tan(Math.PI * 0.475)) < 1e-8);
  const rows = coefficientRows(["a", "b"], [2, -3], new Float64Array([0.25, 0.1, 0.1, 4]), 1, 0.95);
  const c = Math.tan(Math.PI * 0.475);
  assert.deepEqual(rows.map((r) => r.term), ["a", "b"]);
  assert.equal(rows[0].stdError, 0.5);
  assert.equal(rows[1].stdError, 2);
  assert.equal(rows[0].t, 4);
  assert.equal(rows[1].t, -1.5);
  // Cauchy: P(|T| > t) = 1 - 2 atan(t) / pi
  assert.ok(Math.abs(rows[0].p - (1 - (2 * Math.atan(4)) / Math.PI)) < 1e-12);
  assert.ok(Math.abs(rows[1].p - (1 - (2 * Math.atan(1.5)) / Math.PI)) < 1e-12);
  assert.ok(Math.abs(rows[0].ciLower - (2 - c * 0.5)) < 1e-8);
  assert.ok(Math.abs(rows[0].ciUpper - (2 + c * 0.5)) < 1e-8);
  assert.ok(Math.abs(rows[1].ciLower - (-3 - c * 2)) < 1e-8);
  assert.ok(Math.abs(rows[1].ciUpper - (-3 + c * 2)) < 1e-8);
});
