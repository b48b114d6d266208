/**
 * lib/stats/model/fit.ts: fitModel's statistics and predict.
 *
 * Against statsmodels (tests/fixtures/stats/make_model_mutants_fixture.py, fixed effects as dummy
 * columns, on the panel of statsmodels_panel.ts): OLS with classical, HC0-HC3 and clustered SEs at
 * the 90% level, without an intercept, weighted, and with an absorbed fixed effect (R2, adjusted
 * R2, root MSE, fitted values); PPML with model-based and HC0 SEs (z tests), log-likelihood,
 * McFadden pseudo-R2, deviance, corr(y, mu)^2 and fitted values, without and with a fixed effect.
 *
 * Standard errors with absorbed fixed effects against the same regression with the fixed effects
 * as dummy columns, solved densely in this file (Gauss-Jordan on X'X), with the small-sample
 * factors of fit.ts's documented conventions written out by hand: HC1 n / (n - K), cluster
 * G / (G - 1) x (n - 1) / (n - K), K = slopes + FE degrees of freedom less those of dimensions
 * nested in the clusters (all levels for the first dimension, levels - 1 for another), or slopes
 * only with seK "slopes".
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { InputError } from "../../../lib/errors.ts";
import { fitModel, type ModelResult, predict } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { data, ex } from "./statsmodels_panel.ts";

interface Block {
  estimate: number[];
  stdError: number[];
  t: number[];
  p: number[];
  ciLower: number[];
  ciUpper: number[];
}

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(
    Math.abs(a - b) <= tol * Math.max(1e-3, Math.abs(b)),
    `${what}: ${a} vs ${b} (rel ${Math.abs(a - b) / Math.abs(b)})`,
  );

/** Every column of a statsmodels block, term by term (tolerance relative). */
function same(r: ModelResult, ref: Block, what: string, tol = 1e-7) {
  assert.equal(r.coefficients.length, ref.estimate.length, `${what}: terms`);
  r.coefficients.forEach((c, i) => {
    close(c.estimate, ref.estimate[i], tol, `${what} ${c.term} estimate`);
    close(c.stdError, ref.stdError[i], tol, `${what} ${c.term} se`);
    close(c.t, ref.t[i], tol, `${what} ${c.term} t`);
    close(c.p, ref.p[i], 1e-6, `${what} ${c.term} p`);
    close(c.ciLower, ref.ciLower[i], tol, `${what} ${c.term} ciLower`);
    close(c.ciUpper, ref.ciUpper[i], tol, `${what} ${c.term} ciUpper`);
  });
}

/** A fit of the statsmodels panel at the 90% level. */
const fit90 = (s: Partial<ModelSpec>) =>
  fitModel({ dependent: "y", terms: ["x1", "x2"], level: 0.9, ...s } as ModelSpec, data);

Deno.test("OLS with an intercept: classical, HC0-HC3 and clustered SEs, t inference at 90% = statsmodels", () => {
  const map = { classical: "nonrobust", hc0: "HC0", hc1: "HC1", hc2: "HC2", hc3: "HC3" };
  for (const [se, key] of Object.entries(map)) {
    const r = fit90({ se });
    assert.deepEqual(r.coefficients.map((c) => c.term), ["(Intercept)", "x1", "x2"]);
    assert.equal(r.se, se);
    assert.equal(r.n, 48);
    assert.equal(r.k, 3);
    assert.equal(r.dfResidual, 45);
    same(r, ex.ols[key], se);
  }
  const r = fit90({});
  close(r.r2, ex.ols.r2, 1e-10, "R2");
  close(r.adjR2!, ex.ols.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ex.ols.sigma, 1e-10, "sigma");
  assert.equal(r.se, "classical");
  assert.equal(r.clusters, undefined);
  // clustered by h (4 clusters): t with G - 1 = 3 df
  const c = fit90({ se: "cluster:h" });
  assert.deepEqual(c.clusters, [4]);
  same(c, ex.ols.clusterH, "cluster:h");
  // the default level is 95%: wider intervals than at 90%
  const d = fitModel({ dependent: "y", terms: ["x1", "x2"] }, data);
  assert.ok(d.coefficients[1].ciUpper > r.coefficients[1].ciUpper);
});

Deno.test("OLS without an intercept: uncentred R2 and adjusted R2 = statsmodels", () => {
  const r = fit90({ intercept: false });
  assert.deepEqual(r.coefficients.map((c) => c.term), ["x1", "x2"]);
  const ref = ex.olsNoIntercept;
  r.coefficients.forEach((c, i) => {
    close(c.estimate, ref.estimate[i], 1e-9, `${c.term}`);
    close(c.stdError, ref.stdError[i], 1e-9, `${c.term} se`);
  });
  close(r.r2, ref.r2, 1e-10, "R2");
  close(r.adjR2!, ref.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ref.sigma, 1e-10, "sigma");
  assert.equal(r.model.beta["(Intercept)"], undefined);
});

Deno.test("weighted least squares: classical, HC0, HC1, HC3 = statsmodels WLS", () => {
  const map = { classical: "nonrobust", hc0: "HC0", hc1: "HC1", hc3: "HC3" };
  for (const [se, key] of Object.entries(map)) {
    same(fit90({ se, weights: "w" }), ex.wls[key], `wls ${se}`);
  }
});

Deno.test("OLS with an absorbed fixed effect: slopes, classical and HC1 SEs, R2 with the FE share, fitted values = statsmodels with dummies", () => {
  const r = fit90({ fe: ["g"] });
  assert.equal(r.dfFe, 6);
  assert.equal(r.k, 2);
  assert.equal(r.dfResidual, 48 - 8);
  assert.deepEqual(r.fe, [{ dimension: "g", levels: 6 }]);
  same(r, ex.olsFe.classical, "fe classical");
  same(fit90({ fe: ["g"], se: "hc1" }), ex.olsFe.hc1, "fe hc1");
  close(r.r2, ex.olsFe.r2, 1e-10, "R2");
  close(r.adjR2!, ex.olsFe.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ex.olsFe.sigma, 1e-10, "sigma");
  assert.deepEqual(r.rows, [...Array(48).keys()]);
  r.fitted.forEach((v, i) => close(v, ex.olsFe.fitted[i], 1e-9, `fitted ${i}`));
  const p = predict(r, data);
  p.forEach((v, i) => close(v, ex.olsFe.fitted[i], 1e-9, `predicted ${i}`));
});

Deno.test("PPML without fixed effects: model-based and HC0 SEs with z tests, log-likelihood, pseudo-R2, deviance = statsmodels GLM", () => {
  for (const [se, key] of [["classical", "nonrobust"], ["hc0", "HC0"]]) {
    const r = fit90({ dependent: "count", estimator: "ppml", se });
    assert.equal(r.estimator, "ppml");
    assert.equal(r.dependent, "count");
    same(r, ex.ppml[key], `ppml ${se}`, 1e-6);
  }
  const r = fit90({ dependent: "count", estimator: "ppml" });
  close(r.logLik!, ex.ppml.logLik, 1e-10, "logLik");
  close(r.pseudoR2!, ex.ppml.pseudoR2, 1e-9, "pseudo R2");
  close(r.deviance!, ex.ppml.deviance, 1e-9, "deviance");
  close(r.r2, ex.ppml.r2, 1e-9, "corr2");
  assert.equal(r.converged, true);
  assert.equal(r.tolerance, 1e-10);
  assert.equal(r.separated, 0);
  r.fitted.forEach((v, i) => close(v, ex.ppml.fitted[i], 1e-8, `mu ${i}`));
  predict(r, data).forEach((v, i) => close(v, ex.ppml.fitted[i], 1e-8, `predicted ${i}`));
});

Deno.test("PPML with an absorbed fixed effect: slopes, model-based and HC0 SEs, deviance, log-likelihood, fitted = statsmodels GLM with dummies", () => {
  for (const [se, key] of [["classical", "nonrobust"], ["hc0", "HC0"]]) {
    const r = fit90({ dependent: "count", estimator: "ppml", se, fe: ["g"] });
    same(r, ex.ppmlFe[key], `ppml fe ${se}`, 1e-6);
  }
  const r = fit90({ dependent: "count", estimator: "ppml", fe: ["g"] });
  close(r.deviance!, ex.ppmlFe.deviance, 1e-9, "deviance");
  close(r.logLik!, ex.ppmlFe.logLik, 1e-10, "logLik");
  close(r.r2, ex.ppmlFe.r2, 1e-9, "corr2");
  r.fitted.forEach((v, i) => close(v, ex.ppmlFe.fitted[i], 1e-8, `mu ${i}`));
  predict(r, data).forEach((v, i) => close(v, ex.ppmlFe.fitted[i], 1e-8, `predicted ${i}`));
});

// 24 rows: g = 3 blocks of 8 rows, h = row % 4 (every h level in every g level)
const N = 24;
let seed = 5;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const G = Array.from({ length: N }, (_, i) => `g${Math.floor(i / 8)}`);
const H = Array.from({ length: N }, (_, i) => `h${i % 4}`);
const X = Array.from({ length: N }, () => rnd() * 4 - 2);
const Y = X.map((x, i) => 1 + 0.7 * x + 0.3 * (i % 4) - 0.5 * Math.floor(i / 8) + (rnd() - 0.5));
const panel24 = { columns: { x: X, y: Y }, labels: { g: G, h: H } };

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
  fitModel({ dependent: "y", terms: ["x"], ...s } as ModelSpec, panel24);
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

Deno.test("PPML Pearson dispersion = sum (y - mu)^2 / mu / (n - K) at statsmodels' mu; the warning only with model-based SEs", () => {
  const y = data.columns.count;
  const pearson = (mu: number[], df: number) =>
    mu.reduce((s, m, t) => s + (y[t] - m) ** 2 / m, 0) / df;
  const want = pearson(ex.ppml.fitted, 48 - 3);
  const iid = fit90({ dependent: "count", estimator: "ppml", se: "classical" });
  close(iid.dispersion!, want, 1e-8, "dispersion");
  assert.deepEqual(iid.warnings, [
    `model-based (IID) Poisson SEs assume the variance equals the mean; the Pearson dispersion ` +
    `is ${want.toPrecision(4)}, so they are about ${Math.sqrt(want).toPrecision(3)} times too ` +
    `small if it is constant (the default, hc0, is robust to it)`,
  ]);
  const robust = fit90({ dependent: "count", estimator: "ppml" });
  assert.equal(robust.se, "hc0");
  close(robust.dispersion!, want, 1e-8, "dispersion with hc0");
  assert.equal("warnings" in robust, false);
  const fe = fit90({ dependent: "count", estimator: "ppml", fe: ["g"] });
  close(fe.dispersion!, pearson(ex.ppmlFe.fitted, 48 - 2 - 6), 1e-8, "dispersion with FE g");
  const ols = fit90({ se: "classical" });
  assert.equal("dispersion" in ols, false);
  assert.equal("warnings" in ols, false);
});

Deno.test("predict with a PPML offset: exp(a + o) on new rows, a = ln(sum y / sum exp(o)); a missing offset column names the file", () => {
  const y = [1, 3, 0, 5, 2], o = [1, 2, 1, 4, 2].map(Math.log);
  const r = fitModel({ dependent: "y", terms: [], estimator: "ppml", offset: "o" }, {
    columns: { y, o },
  });
  assert.equal(r.model.offset, "o");
  const p = predict(r, { columns: { o: [0, Math.log(3)] } });
  assert.ok(Math.abs(p[0] - 1.1) < 1e-12 && Math.abs(p[1] - 3.3) < 1e-12, `${p}`);
  assert.throws(
    () => predict(r, { file: "new.csv", columns: { x: [1] } }),
    (e) => e instanceof InputError && e.message === 'new.csv: no column "o" (offset)',
  );
  const plain = fitModel({ dependent: "y", terms: [], estimator: "ppml" }, { columns: { y } });
  assert.equal("offset" in plain.model, false);
});
