/**
 * lib/stats/model/ppml_steps.ts and the step control of ppml_fe.ts, against values computed in
 * this file from their definitions: the proportional fit of the fixed effects (one dimension:
 * the closed form, level means of y; two: every level's fitted total equals its observed one),
 * the Newton step (the weighted normal equations solved by Gauss-Jordan here), the IRLS update of
 * eta, mu and the deviance row by row, one sweep of proportional fitting, and, on the fits,
 * step halving (the deviance never rises from one iteration to the next) and a regressor
 * collinear with the fixed effects (omitted, the rest as without it; PPML and weighted least
 * squares).
 */
import assert from "node:assert/strict";
import { encodeFactor } from "../../../lib/stats/model/fe.ts";
import { fitModel } from "../../../lib/stats/model/fit.ts";
import { poissonDeviance } from "../../../lib/stats/model/poisson.ts";
import {
  levelTotals,
  newtonStep,
  proportionalFit,
  refitEffects,
  updateEta,
} from "../../../lib/stats/model/ppml_steps.ts";
import { border2006 } from "../agtpa.ts";
import { data as smData, ex } from "./statsmodels_panel.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const G = ["a", "a", "a", "b", "b", "b", "c", "c", "c", "a", "b", "c"];
const H = ["p", "q", "r", "p", "q", "r", "p", "q", "r", "q", "r", "p"];
const Y = Float64Array.from([1, 3, 2, 5, 4, 6, 8, 7, 9, 2, 0, 6]);

Deno.test("proportionalFit: one dimension is the level means of y after a sweep; two dimensions fit every level total", () => {
  const g = encodeFactor("g", [G]);
  const one = proportionalFit(Y, [g], 10, 1e-12);
  assert.equal(one.sweeps, 2); // the second sweep finds nothing left to scale
  const mean = (l: string) => {
    const ys = G.map((v, i) => (v === l ? Y[i] : NaN)).filter((v) => !isNaN(v));
    return ys.reduce((a, b) => a + b) / ys.length;
  };
  one.mu.forEach((m, i) => assert.ok(rel(m, mean(G[i])) < 1e-14, `row ${i}`));
  const dims = [g, encodeFactor("h", [H])];
  const two = proportionalFit(Y, dims, 100, 1e-12);
  assert.ok(two.gap < 1e-12 && two.sweeps < 100, `${two.sweeps} sweeps, gap ${two.gap}`);
  for (const d of dims) {
    const obs = new Float64Array(d.levels), fit = new Float64Array(d.levels);
    Y.forEach((v, i) => {
      obs[d.codes[i]] += v;
      fit[d.codes[i]] += two.mu[i];
    });
    obs.forEach((o, l) => assert.ok(rel(fit[l], o) < 1e-11, `${d.name} level ${l}`));
  }
  // capped: the sweeps asked for, and the gap of the last one
  const capped = proportionalFit(Y, dims, 1, 1e-12);
  assert.equal(capped.sweeps, 1);
  assert.ok(capped.gap > 1e-6);
  assert.deepEqual(levelTotals(Y, [g]).map((a) => Array.from(a)), [[8, 15, 30]]);
});

Deno.test("proportionalFit: the overall mean (times exp(offset)) without dimensions, and on the levels whose total is zero", () => {
  const y = Float64Array.from([0, 0, 3, 1, 4, 2]);
  const mean = 10 / 6;
  // no dimension: one sweep, nothing to scale
  const none = proportionalFit(y, [], 10, 1e-8);
  assert.deepEqual([none.sweeps, none.gap], [1, 0]);
  none.mu.forEach((m) => assert.ok(rel(m, mean) < 1e-15));
  // level a (rows 0, 1) has total 0: its rows keep the overall mean; b and c are their means
  const g = encodeFactor("g", [["a", "a", "b", "b", "c", "c"]]);
  const fit = proportionalFit(y, [g], 10, 1e-8);
  [mean, mean, 2, 2, 3, 3].forEach((v, i) => assert.ok(rel(fit.mu[i], v) < 1e-14, `row ${i}`));
  // an offset o: the start is exp(o) times total / sum exp(o), and each level is scaled to its
  // total: mu = exp(o) total_l / sum_l exp(o), the zero level keeping the overall start
  const o = Float64Array.from([0.5, -1, 0.2, 1.1, -0.3, 0]);
  const e = Array.from(o, Math.exp), se = e.reduce((a, b) => a + b);
  const off0 = proportionalFit(y, [], 10, 1e-8, o);
  e.forEach((v, i) => assert.ok(rel(off0.mu[i], (v * 10) / se) < 1e-14, `row ${i}`));
  const off = proportionalFit(y, [g], 10, 1e-8, o);
  const want = [
    (e[0] * 10) / se,
    (e[1] * 10) / se,
    (e[2] * 4) / (e[2] + e[3]),
    (e[3] * 4) / (e[2] + e[3]),
    (e[4] * 6) / (e[4] + e[5]),
    (e[5] * 6) / (e[4] + e[5]),
  ];
  want.forEach((v, i) => assert.ok(rel(off.mu[i], v) < 1e-14, `offset row ${i}`));
  // the gap is compared with "below the tolerance": a tolerance of 0 never stops the sweeps,
  // even when the first one leaves every level exact (y = 1, 3 | 2, 2: means 2 = overall mean)
  const exact = Float64Array.from([1, 3, 2, 2]);
  const h = encodeFactor("h", [["a", "a", "b", "b"]]);
  assert.deepEqual([
    proportionalFit(exact, [h], 7, 1e-12).sweeps,
    proportionalFit(exact, [h], 7, 0).sweeps,
  ], [1, 7]);
});

Deno.test("refitEffects: a level whose total is zero keeps its rows' mu and eta; the deviance after several sweeps is the one at the last mu", () => {
  const y = Float64Array.from([0, 0, 3, 1, 4, 2]);
  const g = encodeFactor("g", [["a", "a", "b", "b", "c", "c"]]);
  const mu0 = [0.5, 2, 1, 3, 2, 2];
  const mu = Float64Array.from(mu0), eta = mu.map(Math.log);
  const dev = refitEffects(y, mu, eta, [g], levelTotals(y, [g]), 1);
  // level a: unchanged; b: x 4 / 4 = 1; c: x 6 / 4
  [0.5, 2, 1, 3, 3, 3].forEach((v, i) => {
    assert.ok(rel(mu[i], v) < 1e-15, `mu ${i}`);
    assert.ok(Math.abs(eta[i] - Math.log(v)) < 1e-15, `eta ${i}`);
  });
  // 2 sum(y ln(y / mu) - (y - mu)): rows 0, 1 give mu, the others their terms
  const byHand = 2 * (0.5 + 2 + [3, 1, 4, 2].reduce((s, v, t) => {
    const m = [1, 3, 3, 3][t];
    return s + v * Math.log(v / m) - (v - m);
  }, 0));
  assert.ok(rel(dev, byHand) < 1e-14, `${dev} vs ${byHand}`);
  // two dimensions, three sweeps: the deviance returned is that of the final mu only
  const dims = [encodeFactor("g", [G]), encodeFactor("h", [H])];
  const m2 = new Float64Array(Y.length).fill(4), e2 = m2.map(Math.log);
  const d2 = refitEffects(Y, m2, e2, dims, levelTotals(Y, dims), 3);
  assert.ok(rel(d2, poissonDeviance(Y, m2)) < 1e-13, `${d2} vs ${poissonDeviance(Y, m2)}`);
});

Deno.test("newtonStep = the weighted normal equations solved densely; null when they are singular", () => {
  const n = 12;
  const x1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const x2 = Float64Array.from({ length: n }, (_, i) => Math.cos(2 * i) + i / 5);
  const x3 = Float64Array.from({ length: n }, (_, i) => (i % 3) - 1);
  const x4 = Float64Array.from({ length: n }, (_, i) => Math.sqrt(i + 2));
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 4));
  const r = Float64Array.from({ length: n }, (_, i) => Math.tan(i / 7) - 0.3);
  // five to seven columns: the 4 x 4 blocks off the diagonal ([X~ r~] has 6 to 8 columns)
  const x5 = Float64Array.from({ length: n }, (_, i) => Math.log(i + 1.5) * ((i % 2) - 0.4));
  const x6 = Float64Array.from({ length: n }, (_, i) => Math.cos(i * i / 3));
  const x7 = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 5) / 3 - Math.sin(i / 2));
  for (
    const xs of [
      [x1],
      [x1, x2],
      [x1, x2, x3],
      [x1, x2, x3, x4],
      [x1, x2, x3, x4, x5],
      [x1, x2, x3, x4, x5, x6],
      [x1, x2, x3, x4, x5, x6, x7],
    ]
  ) {
    const k = xs.length;
    // A d = b by Gauss-Jordan
    const A = xs.map((a) => [
      ...xs.map((b) => a.reduce((s, v, i) => s + w[i] * v * b[i], 0)),
      a.reduce((s, v, i) => s + w[i] * v * r[i], 0),
    ]);
    for (let c = 0; c < k; c++) {
      for (let rr = 0; rr < k; rr++) {
        if (rr === c) continue;
        const f = A[rr][c] / A[c][c];
        for (let j = c; j <= k; j++) A[rr][j] -= f * A[c][j];
      }
    }
    const want = A.map((row, c) => row[k] / row[c]);
    const d = newtonStep(r, xs, w)!;
    want.forEach((v, c) => assert.ok(rel(d[c], v) < 1e-12, `k ${k}, d${c} ${d[c]} vs ${v}`));
  }
  // the scaling to unit diagonal: a column 1e-7 times x1 is no closer to singular, its step is
  // 1e7 times x1's (the pivots are compared with 1e-12 after the scaling)
  const small = Float64Array.from(x1, (v) => 1e-7 * v);
  const both = newtonStep(r, [x1, x2], w)!, tiny = newtonStep(r, [small, x2], w)!;
  assert.ok(tiny !== null, "a small column is not singular");
  assert.ok(rel(tiny[0], 1e7 * both[0]) < 1e-9 && rel(tiny[1], both[1]) < 1e-9, `${tiny}`);
  assert.equal(newtonStep(r, [x1, Float64Array.from(x1, (v) => 2 * v)], w), null);
  assert.equal(newtonStep(r, [new Float64Array(n)], w), null);
  assert.deepEqual(Array.from(newtonStep(r, [], w)!), []);
});

Deno.test("updateEta and refitEffects: the documented updates row by row, and the deviance at the new mu", () => {
  const n = Y.length;
  const eta = Float64Array.from({ length: n }, (_, i) => 0.5 + i / 10);
  const w = eta.map(Math.exp);
  const rt = Float64Array.from({ length: n }, (_, i) => 0.01 * (i - 6));
  const x = Float64Array.from({ length: n }, (_, i) => (i % 5) / 4);
  const d = [0.3];
  // the fixed effects' correction c = r - r~, r = (y - w) / w
  const c = Float64Array.from({ length: n }, (_, i) => (Y[i] - w[i]) / w[i] - rt[i]);
  const want = Array.from(eta, (e, i) => e + c[i] + 0.3 * x[i]);
  const mu = new Float64Array(n);
  const dev = updateEta(eta, mu, Y, c, d, [x]);
  want.forEach((v, i) => {
    assert.ok(Math.abs(eta[i] - v) < 1e-14, `eta ${i}`);
    assert.equal(mu[i], Math.exp(eta[i]));
  });
  assert.ok(rel(dev, poissonDeviance(Y, mu)) < 1e-13);
  // one sweep on two dimensions: after it the last dimension's fitted totals are the observed
  const dims = [encodeFactor("g", [G]), encodeFactor("h", [H])];
  const before = Float64Array.from(eta);
  const dev2 = refitEffects(Y, mu, eta, dims, levelTotals(Y, dims), 1);
  const h = dims[1], obs = new Float64Array(h.levels), fit = new Float64Array(h.levels);
  Y.forEach((v, i) => {
    obs[h.codes[i]] += v;
    fit[h.codes[i]] += mu[i];
  });
  obs.forEach((o, l) => assert.ok(rel(fit[l], o) < 1e-13, `level ${l}`));
  mu.forEach((m, i) => assert.ok(rel(m, Math.exp(eta[i])) < 1e-13, `mu ${i}`));
  // eta moved by level effects only: eta - before is g-effect + h-effect (two-way additive)
  const delta = Array.from(eta, (e, i) => e - before[i]);
  const dg = new Map<string, number>(), dh = new Map<string, number>();
  delta.forEach((v, i) => {
    if (!dg.has(G[i])) dg.set(G[i], v - (dh.get(H[i]) ?? 0));
    if (!dh.has(H[i])) dh.set(H[i], v - dg.get(G[i])!);
  });
  delta.forEach((v, i) => assert.ok(Math.abs(v - dg.get(G[i])! - dh.get(H[i])!) < 1e-12));
  assert.ok(dev2 < dev, `${dev2} < ${dev}`);
  assert.ok(rel(dev2, poissonDeviance(Y, mu)) < 1e-13);
});

Deno.test("step halving: the deviance never rises from one iteration to the next (2006 border model: the first full step would)", async () => {
  const lines: string[] = [];
  const r = fitModel(
    {
      dependent: "trade",
      terms: ["ln(DIST)", "CNTG", "INTL_BRDR"],
      fe: ["exporter", "importer"],
      estimator: "ppml",
      se: "hc0",
    },
    await border2006(),
    { progress: (l) => lines.push(l) },
  );
  const dev = lines.map((l) => Number(/deviance (\S+?)(,|$)/.exec(l)![1]));
  for (let k = 1; k < dev.length; k++) {
    assert.ok(dev[k] <= dev[k - 1] * (1 + 1e-9), `iteration ${k}: ${dev[k]} > ${dev[k - 1]}`);
  }
  assert.ok(lines.some((l) => /, step x 0\.\d+$/.test(l)), "a halved step");
  assert.equal(r.converged, true);
});

Deno.test("a regressor collinear with the fixed effects is omitted; the others are as without it", () => {
  const x = [0.1, 0.5, 0.3, 0.9, 0.2, 0.4, 0.8, 0.6, 0.7, 0.3, 0.5, 0.1];
  const cg = G.map((l) => ({ a: 1, b: 2.5, c: -1 })[l]!);
  const data = { columns: { y: Array.from(Y), x, cg }, labels: { g: G, h: H } };
  const spec = { dependent: "y", fe: ["g", "h"], estimator: "ppml" as const, se: "hc0" };
  const a = fitModel({ ...spec, terms: ["x", "cg"] }, data);
  const b = fitModel({ ...spec, terms: ["x"] }, data);
  assert.deepEqual(a.omitted, ["cg"]);
  assert.deepEqual(a.coefficients.map((c) => c.term), ["x"]);
  assert.ok(rel(a.coefficients[0].estimate, b.coefficients[0].estimate) < 1e-10);
  assert.ok(rel(a.coefficients[0].stdError, b.coefficients[0].stdError) < 1e-8);
  // before: the demeaned column (rounding, not zero) was kept, with an estimate of -2e31; weighted
  // least squares with absorbed FE had the same trap, closed the same way
  const wdata = { ...data, columns: { ...data.columns, y: Array.from(Y, (v) => v + 1), wt: x } };
  const o = fitModel({ dependent: "y", terms: ["x", "cg"], fe: ["g", "h"], weights: "wt" }, wdata);
  const p = fitModel({ dependent: "y", terms: ["x"], fe: ["g", "h"], weights: "wt" }, wdata);
  assert.deepEqual(o.omitted, ["cg"]);
  assert.ok(rel(o.coefficients[0].estimate, p.coefficients[0].estimate) < 1e-10);
});

Deno.test("regressors collinear with each other (not with the fixed effects): the Newton step falls back to QR, which omits the sum; the rest = statsmodels", () => {
  // x1 + x2 as a third column: X'WX is singular, so newtonStep gives null at the first iteration
  // and the step comes from the QR core, which omits the last of the collinear columns
  const c = smData.columns;
  const data = {
    ...smData,
    columns: { ...c, xs: c.x1.map((v, i) => v + c.x2[i]) },
  };
  const r = fitModel({
    dependent: "count",
    terms: ["x1", "x2", "xs"],
    fe: ["g"],
    estimator: "ppml",
    se: "hc0",
  }, data);
  assert.deepEqual(r.omitted, ["xs"]);
  assert.deepEqual(r.coefficients.map((c) => c.term), ["x1", "x2"]);
  r.coefficients.forEach((c, a) => {
    assert.ok(rel(c.estimate, ex.ppmlFe.HC0.estimate[a]) < 1e-7, c.term);
    assert.ok(rel(c.stdError, ex.ppmlFe.HC0.stdError[a]) < 1e-6, c.term);
  });
  assert.ok(rel(r.deviance!, ex.ppmlFe.deviance) < 1e-9);
  r.fitted.forEach((m, t) => assert.ok(rel(m, ex.ppmlFe.fitted[t]) < 1e-7, `row ${t}`));
});

Deno.test("regressors nearly collinear (the normal equations' pivot below 1e-12, the QR core keeps both): every step by QR from the current slopes; = statsmodels after reparameterising", () => {
  // x3 = x1 + 2^-26 x2: the scaled pivot of x3 given x1 is about (2^-26)^2 < 1e-12, so newtonStep
  // gives null at every iteration, while the QR core (tolerance 1e-10 on |R_jj| / |x_j|) keeps
  // it. b1 x1 + b3 x3 = (b1 + b3) x1 + 2^-26 b3 x2: statsmodels' x1 and x2 slopes are b1 + b3
  // and 2^-26 b3, its fit the same (to the rounding of x3, about 1e-8 of the x2 direction)
  const c = smData.columns, e = 2 ** -26;
  const data = { ...smData, columns: { ...c, x3: c.x1.map((v, i) => v + e * c.x2[i]) } };
  const r = fitModel({
    dependent: "count",
    terms: ["x1", "x3"],
    fe: ["g"],
    estimator: "ppml",
    se: "hc0",
  }, data);
  assert.deepEqual(r.omitted, []);
  const [b1, b3] = r.coefficients.map((c) => c.estimate);
  const want = ex.ppmlFe.HC0.estimate as number[];
  assert.ok(rel(b1 + b3, want[0]) < 1e-7, `x1: ${b1 + b3} vs ${want[0]}`);
  assert.ok(rel(e * b3, want[1]) < 1e-7, `x2: ${e * b3} vs ${want[1]}`);
  assert.ok(rel(r.deviance!, ex.ppmlFe.deviance) < 1e-7);
  r.fitted.forEach((m, t) => assert.ok(rel(m, ex.ppmlFe.fitted[t]) < 1e-7, `row ${t}`));
});
