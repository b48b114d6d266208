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

Deno.test("newtonStep = the weighted normal equations solved densely; null when they are singular", () => {
  const n = 12;
  const x1 = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const x2 = Float64Array.from({ length: n }, (_, i) => Math.cos(2 * i) + i / 5);
  const x3 = Float64Array.from({ length: n }, (_, i) => (i % 3) - 1);
  const x4 = Float64Array.from({ length: n }, (_, i) => Math.sqrt(i + 2));
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 4));
  const r = Float64Array.from({ length: n }, (_, i) => Math.tan(i / 7) - 0.3);
  for (const xs of [[x1], [x1, x2], [x1, x2, x3], [x1, x2, x3, x4]]) {
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
  const want = Array.from(eta, (e, i) => e + (Y[i] - w[i]) / w[i] - rt[i] + 0.3 * x[i]);
  const mu = new Float64Array(n);
  const dev = updateEta(eta, mu, Y, w, rt, d, [x]);
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
