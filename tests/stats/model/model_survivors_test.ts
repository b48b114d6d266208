/**
 * lib/stats/model/fit.ts: the mutants of the first mutation run that the model-level tests left
 * alive. Standard errors with absorbed fixed effects are checked against the same regression
 * with the fixed effects as dummy columns, solved densely in this file (Gauss-Jordan on X'X),
 * with the small-sample factors of model.ts's documented conventions written out by hand: HC1
 * n / (n - K), cluster G / (G - 1) x (n - 1) / (n - K), K = slopes + FE degrees of freedom less
 * those of dimensions nested in the clusters (all levels for the first dimension, levels - 1 for
 * another), or slopes only with seK "slopes".
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { InputError } from "../../../lib/errors.ts";
import { fitModel, predict } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";

// 24 rows: g = 3 blocks of 8 rows, h = row % 4 (every h level in every g level)
const N = 24;
let seed = 5;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const G = Array.from({ length: N }, (_, i) => `g${Math.floor(i / 8)}`);
const H = Array.from({ length: N }, (_, i) => `h${i % 4}`);
const X = Array.from({ length: N }, () => rnd() * 4 - 2);
const Y = X.map((x, i) => 1 + 0.7 * x + 0.3 * (i % 4) - 0.5 * Math.floor(i / 8) + (rnd() - 0.5));
const data = { columns: { x: X, y: Y }, labels: { g: G, h: H } };

/** Dummies of a label column (all levels, or all but the first). */
function dummies(labels: string[], dropFirst: boolean): number[][] {
  const levels = [...new Set(labels)].slice(dropFirst ? 1 : 0);
  return levels.map((l) => labels.map((v) => (v === l ? 1 : 0)));
}

/** Dense OLS: (X'X)^-1 by Gauss-Jordan, coefficients and residuals. */
function dense(cols: number[][], y: number[]) {
  const p = cols.length, n = y.length;
  const a = cols.map((
    ci,
  ) => [
    ...cols.map((cj) => ci.reduce((s, v, t) => s + v * cj[t], 0)),
    ...cols.map((_, j) => (j === cols.indexOf(ci) ? 1 : 0)),
  ]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
    [a[c], a[piv]] = [a[piv], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * p; j++) a[c][j] /= d;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let j = 0; j < 2 * p; j++) a[r][j] -= f * a[c][j];
    }
  }
  const inv = a.map((row) => row.slice(p));
  const xty = cols.map((c) => c.reduce((s, v, t) => s + v * y[t], 0));
  const b = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0));
  const e = y.map((v, t) => v - cols.reduce((s, c, j) => s + c[t] * b[j], 0));
  return { inv, b, e, n };
}

/** Variance of coefficient 0 from a meat built of score groups (one group per row for HC0). */
function sandwich0(cols: number[][], e: number[], inv: number[][], group: (t: number) => string) {
  const p = cols.length;
  const sums = new Map<string, number[]>();
  e.forEach((et, t) => {
    const s = sums.get(group(t)) ?? new Array(p).fill(0);
    cols.forEach((c, j) => (s[j] += c[t] * et));
    sums.set(group(t), s);
  });
  // (A s)_0 for each group, squared and summed
  let v = 0;
  for (const s of sums.values()) v += inv[0].reduce((acc, a, j) => acc + a * s[j], 0) ** 2;
  return { v, groups: sums.size };
}

const fe1 = () => dense([X, ...dummies(G, false)], Y);
const fe2 = () => dense([X, ...dummies(H, false), ...dummies(G, true)], Y);
const fit = (s: Partial<ModelSpec>) =>
  fitModel({ dependent: "y", terms: ["x"], ...s } as ModelSpec, data);
const rel = (a: number, b: number, what: string, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b}`);

Deno.test("clustered SEs with absorbed FE: nested dimensions do not count in K (first: all levels, others: levels - 1)", () => {
  const cols1 = [X, ...dummies(G, false)];
  const d1 = fe1();
  const byG = sandwich0(cols1, d1.e, d1.inv, (t) => G[t]);
  const cr = (v: number, g: number, K: number) => Math.sqrt(v * g / (g - 1) * (N - 1) / (N - K));
  // fe g, cluster g: g nested, K = 1 + 3 - 3
  rel(fit({ fe: ["g"], se: "cluster:g" }).coefficients[0].stdError, cr(byG.v, 3, 1), "fe g | cl g");
  // seK slopes gives the same K here
  rel(
    fit({ fe: ["g"], se: "cluster:g", seK: "slopes" }).coefficients[0].stdError,
    cr(byG.v, 3, 1),
    "slopes",
  );
  // fe g, cluster h: g not nested in h, K = 1 + 3
  const byH = sandwich0(cols1, d1.e, d1.inv, (t) => H[t]);
  rel(fit({ fe: ["g"], se: "cluster:h" }).coefficients[0].stdError, cr(byH.v, 4, 4), "fe g | cl h");
  rel(
    fit({ fe: ["g"], se: "cluster:h", seK: "slopes" }).coefficients[0].stdError,
    cr(byH.v, 4, 1),
    "fe g | cl h slopes",
  );
  // two FE dimensions (dfFe = 4 + 3 - 1 = 6); cluster g: g nested
  const cols2 = [X, ...dummies(H, false), ...dummies(G, true)];
  const d2 = fe2();
  const v2 = sandwich0(cols2, d2.e, d2.inv, (t) => G[t]).v;
  // g second: K = 1 + 6 - (3 - 1) = 5
  rel(
    fit({ fe: ["h", "g"], se: "cluster:g" }).coefficients[0].stdError,
    cr(v2, 3, 5),
    "fe h,g | cl g",
  );
  // g first: K = 1 + 6 - 3 = 4
  rel(
    fit({ fe: ["g", "h"], se: "cluster:g" }).coefficients[0].stdError,
    cr(v2, 3, 4),
    "fe g,h | cl g",
  );
  rel(
    fit({ fe: ["g", "h"], se: "cluster:g", seK: "slopes" }).coefficients[0].stdError,
    cr(v2, 3, 1),
    "slopes 2",
  );
});

Deno.test("HC1 with absorbed FE: n / (n - K), K with or without the FE degrees of freedom", () => {
  const cols1 = [X, ...dummies(G, false)];
  const d1 = fe1();
  const v = sandwich0(cols1, d1.e, d1.inv, (t) => String(t)).v;
  rel(fit({ fe: ["g"], se: "hc1" }).coefficients[0].stdError, Math.sqrt(v * N / (N - 4)), "hc1");
  rel(
    fit({ fe: ["g"], se: "hc1", seK: "slopes" }).coefficients[0].stdError,
    Math.sqrt(v * N / (N - 1)),
    "hc1 slopes",
  );
  rel(fit({ fe: ["g"], se: "hc0" }).coefficients[0].stdError, Math.sqrt(v), "hc0");
});

Deno.test("two-way clustering: t inference with the smaller number of clusters less one", () => {
  const r = fit({ fe: ["g"], se: "cluster:g,h", level: 0.95 });
  assert.deepEqual(r.clusters, [3, 4]);
  const c = r.coefficients[0];
  rel((c.ciUpper - c.estimate) / c.stdError, jStat.studentt.inv(0.975, 2), "t quantile, 2 df");
});

Deno.test("OLS with absorbed FE and HC2/HC3: one-line error naming absorbed fixed effects", () => {
  for (const se of ["hc2", "hc3"]) {
    assert.throws(
      () => fit({ fe: ["g"], se }),
      (e) =>
        e instanceof InputError &&
        e.message ===
          `se ${se} needs the leverages of the full design: use hc0, hc1 or cluster with absorbed fixed effects`,
    );
  }
});

Deno.test("confidence level must lie strictly inside (0, 1)", () => {
  for (const level of [0, 1, 1.5, -0.2, NaN]) {
    assert.throws(
      () => fit({ level }),
      (e) => e instanceof InputError && e.message === "confidence level must be in (0, 1)",
    );
  }
  const r = fit({ level: 0.5 });
  const c = r.coefficients[0];
  rel((c.ciUpper - c.estimate) / c.stdError, jStat.studentt.inv(0.75, N - 2), "50% interval");
});

Deno.test("an omitted collinear term has coefficient 0 and is not needed to predict", () => {
  const x2 = X.map((x) => 2 * x);
  const r = fitModel({ dependent: "y", terms: ["x", "x2"] }, { columns: { x: X, x2, y: Y } });
  assert.deepEqual(r.omitted, ["x2"]);
  assert.equal(r.model.beta["x2"], 0);
  // simple regression closed form
  const mx = X.reduce((a, b) => a + b) / N, my = Y.reduce((a, b) => a + b) / N;
  const b = X.reduce((s, x, i) => s + (x - mx) * (Y[i] - my), 0) /
    X.reduce((s, x) => s + (x - mx) ** 2, 0);
  const p = predict(r, { columns: { x: [0, 1] } });
  assert.ok(Math.abs(p[0] - (my - b * mx)) < 1e-12 && Math.abs(p[1] - (my + b * (1 - mx))) < 1e-12);
  // a missing value in the omitted column does not matter either
  const q = predict(r, { columns: { x: [1], x2: [NaN] } });
  assert.ok(Math.abs(q[0] - (my + b * (1 - mx))) < 1e-12);
});

Deno.test("predict: FE labels may come from numeric columns; a missing FE column names the file", () => {
  const r = fit({ fe: ["g"] });
  // the g effect recovered: mean of y - b x over each g block
  const b = r.coefficients[0].estimate;
  const eff = [0, 1, 2].map((k) => {
    let s = 0;
    for (let t = 8 * k; t < 8 * k + 8; t++) s += Y[t] - b * X[t];
    return s / 8;
  });
  const num = fitModel({ dependent: "y", terms: ["x"], fe: ["gn"] }, {
    columns: { x: X, y: Y, gn: G.map((l) => Number(l.slice(1))) },
  });
  const p = predict(num, { columns: { x: [0, 0, 0], gn: [0, 1, 2] } });
  p.forEach((v, k) => assert.ok(Math.abs(v - eff[k]) < 1e-10, `level ${k}: ${v} vs ${eff[k]}`));
  assert.throws(
    () => predict(r, { columns: { x: [1] } }),
    (e) => e instanceof InputError && e.message === 'data: no column "g" (fixed effect g)',
  );
  assert.throws(
    () => predict(r, { file: "new.csv", columns: { x: [1] } }),
    (e) => e instanceof InputError && e.message === 'new.csv: no column "g" (fixed effect g)',
  );
});

Deno.test("two-way clustering: a FE nested in only one of the clusterings still counts in K", () => {
  // fe g, cluster g,h: g is nested in g but not in h, so K = 1 + 3 (Cameron-Gelbach-Miller,
  // each term with its own G / (G - 1) x (n - 1) / (n - K))
  const cols1 = [X, ...dummies(G, false)];
  const d1 = fe1();
  const term = (group: (t: number) => string) => {
    const s = sandwich0(cols1, d1.e, d1.inv, group);
    return s.v * s.groups / (s.groups - 1) * (N - 1) / (N - 4);
  };
  const v = term((t) => G[t]) + term((t) => H[t]) - term((t) => `${G[t]}^${H[t]}`);
  rel(fit({ fe: ["g"], se: "cluster:g,h" }).coefficients[0].stdError, Math.sqrt(v), "two-way");
});

Deno.test("predict from labels alone (a model of fixed effects only): the level means", () => {
  const r = fitModel({ dependent: "y", terms: [], fe: ["g"] }, {
    columns: { y: [1, 2, 4, 6] },
    labels: { g: ["a", "a", "b", "b"] },
  });
  assert.deepEqual([...predict(r, { columns: {}, labels: { g: ["b", "a"] } })], [5, 1.5]);
});
