/**
 * The frontier log-likelihood: its analytic gradient against central differences of the
 * log-likelihood itself (every model, at points away from the optimum), and the likelihood of
 * one unit against a direct numerical integration of its defining integral; on a hand-made
 * unbalanced panel, every unit's likelihood and mu*, sigma* against scipy's quad and the textbook
 * formulas (make_efficiency_fixture.py); -Infinity outside the parameter space.
 */
import assert from "node:assert/strict";
import { buildProblem } from "../../../lib/stats/frontier/problem.ts";
import {
  conditionals,
  layout,
  logLikelihood,
  workspace,
} from "../../../lib/stats/frontier/likelihood.ts";
import type { FrontierProblem } from "../../../lib/stats/frontier/problem.ts";
import { fixturePanel, fixtureTheta, PANEL_REF } from "./panel_fixture.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";
import { rice } from "./data.ts";

const MODELS: [string, FrontierOptions, number[]][] = [
  ["cross-section half-normal", {}, []],
  ["cross-section truncated normal", { inefficiency: "truncnormal" }, [-0.4]],
  ["BC92 time-invariant", { panel: rice().panel }, []],
  ["BC92 truncated, time-varying", {
    panel: rice().panel,
    inefficiency: "truncnormal",
    timeVarying: true,
  }, [0.3, 0.07]],
  ["BC95 effects", { panel: rice().panel, z: rice().z, zIntercept: true }, []],
];

for (const [name, options, extra] of MODELS) {
  Deno.test(`frontier likelihood, ${name}: analytic gradient = differences of the likelihood`, () => {
    const d = rice();
    const b = buildProblem(d.y, d.x, options);
    const L = layout(b.problem);
    const ws = workspace(b.problem);
    const theta = new Float64Array(L.p);
    theta.set([0.3, 0.4, 0.3, 0.2]); // standardised beta, away from the optimum
    for (let j = 0; j < b.problem.m; j++) theta[4 + j] = 0.1 * (j + 1);
    theta[L.sigmaSq] = 0.18;
    theta[L.gamma] = 0.6;
    extra.forEach((v, i) => (theta[L.gamma + 1 + i] = v));
    const g = new Float64Array(L.p);
    logLikelihood(b.problem, theta, g, ws);
    let worst = 0;
    for (let i = 0; i < L.p; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(theta[i]));
      const tp = Float64Array.from(theta), tm = Float64Array.from(theta);
      tp[i] += h;
      tm[i] -= h;
      const fd = (logLikelihood(b.problem, tp, null, ws) - logLikelihood(b.problem, tm, null, ws)) /
        (2 * h);
      worst = Math.max(worst, Math.abs(fd - g[i]) / Math.max(1, Math.abs(g[i])));
    }
    console.log(`  worst relative gradient difference ${worst.toExponential(1)}`);
    assert.ok(worst < 1e-6, `${worst}`);
  });
}

Deno.test("frontier likelihood of one panel unit = the integral over u of its density", () => {
  // unit: T = 3 rows, truncated normal u ~ N+(mu, s2u), weights h_t = exp(-eta (t - 3))
  const e = [-0.3, 0.1, -0.5], t = [1, 2, 3];
  const mu = 0.2, sv = 0.05, su = 0.15, eta = 0.1;
  const y = e, x: { name: string; values: number[] }[] = [];
  const b = buildProblem(
    [...y, 0, 0, 0, 0, 0],
    [{ name: "c", values: [0, 0, 0, 1, 1, 1, 1, 1] }],
    {
      intercept: false,
      inefficiency: "truncnormal",
      timeVarying: true,
      panel: { id: ["a", "a", "a", "b", "c", "d", "e", "f"], time: [...t, 1, 1, 1, 1, 1] },
    },
  );
  void x;
  // only unit "a" matters for the comparison: evaluate on a problem restricted to it
  const one = { ...b.problem, groupStart: b.problem.groupStart.slice(0, 2) };
  const theta = [0, sv + su, su / (sv + su), mu, eta];
  const ll = logLikelihood(one, theta, null, workspace(one));
  // direct integration (Simpson, fine grid) of prod_t phi_v(e_t + h_t u) f_u(u) over u > 0
  const phi = (z: number, s2: number) => Math.exp(-z * z / (2 * s2)) / Math.sqrt(2 * Math.PI * s2);
  const cdf0 = 0.5 * (1 + erf(mu / Math.sqrt(2 * su)));
  const f = (u: number) => {
    let p = phi(u - mu, su) / cdf0;
    t.forEach((ti, i) => (p *= phi(e[i] + Math.exp(-eta * (ti - 3)) * u, sv)));
    return p;
  };
  const N = 20000, top = 6;
  let s = f(0) + f(top);
  for (let i = 1; i < N; i++) s += (i % 2 ? 4 : 2) * f((i * top) / N);
  const integral = (s * top) / (3 * N);
  assert.ok(Math.abs(ll - Math.log(integral)) < 1e-10, `${ll} vs ${Math.log(integral)}`);
});

/** erf by its Taylor series (|x| small here). */
function erf(x: number): number {
  let sum = 0, term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The largest relative difference between the analytic gradient and central differences. */
function gradientGap(pr: FrontierProblem, theta: ArrayLike<number>): number {
  const ws = workspace(pr);
  const g = new Float64Array(theta.length);
  logLikelihood(pr, theta, g, ws);
  let worst = 0;
  for (let i = 0; i < theta.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[i]));
    const tp = Float64Array.from(theta), tm = Float64Array.from(theta);
    tp[i] += h;
    tm[i] -= h;
    const fd = (logLikelihood(pr, tp, null, ws) - logLikelihood(pr, tm, null, ws)) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - g[i]) / Math.max(1, Math.abs(g[i])));
  }
  return worst;
}

const PANELS: [string, string, FrontierOptions, string[]?][] = [
  ["truncated normal, time-varying", "unitReference", {
    inefficiency: "truncnormal",
    timeVarying: true,
  }],
  ["weights against the panel's last period", "panelReference", {
    inefficiency: "truncnormal",
    timeVarying: true,
    timeReference: "panel",
  }],
  ["half-normal, time-invariant", "halfNormalInvariant", {}],
  ["every row its own unit, weights against the panel's last period", "oneRowUnits", {
    inefficiency: "truncnormal",
    timeVarying: true,
    timeReference: "panel",
  }, PANEL_REF.data.id.map((_: string, i: number) => `u${i}`)],
];

for (const [what, key, options, ids] of PANELS) {
  Deno.test(`frontier likelihood of an unbalanced panel, ${what} = scipy's integrals`, () => {
    const ref = PANEL_REF[key];
    const pr = fixturePanel(options, ids).problem;
    const theta = fixtureTheta(options);
    const ll = logLikelihood(pr, theta, null, workspace(pr));
    assert.ok(Math.abs(ll - ref.logLik) < 1e-9, `${ll} vs ${ref.logLik}`);
    // u_i | e_i ~ N+(mu*_i, sigma*_i^2), units in order of first appearance
    const c = conditionals(pr, theta);
    assert.equal(c.muStar.length, ref.muStar.length);
    c.muStar.forEach((v, g) => assert.ok(Math.abs(v - ref.muStar[g]) < 1e-12, `mu* ${g}`));
    c.sigmaStar.forEach((v, g) => assert.ok(Math.abs(v - ref.sigmaStar[g]) < 1e-12, `s* ${g}`));
    assert.ok(gradientGap(pr, theta) < 1e-6);
  });
}

Deno.test("frontier likelihood with unit-level inefficiency effects: gradient = differences", () => {
  // the panel's units with u_i ~ N+(z_i delta, s2u), z_i on each unit's first row
  const pr = { ...fixturePanel({}).problem, m: 1, effects: true };
  pr.Z = Float64Array.from({ length: pr.n }, (_, r) => 0.5 + 0.25 * r);
  const theta = [1.0, 0.5, 0.4, 0.3, 0.7];
  assert.equal(layout(pr).gamma, 4);
  const worst = gradientGap(pr, theta);
  assert.ok(worst < 1e-6, `${worst}`);
});

Deno.test("frontier likelihood is -Infinity outside sigmaSq > 0, 0 < gamma < 1", () => {
  const section = buildProblem(PANEL_REF.data.y, [{ name: "x", values: PANEL_REF.data.x }], {});
  for (const pr of [section.problem, fixturePanel({}).problem]) {
    const ws = workspace(pr);
    const g = new Float64Array(4);
    for (
      const [sigmaSq, gamma] of [
        [0.3, 0],
        [0.3, 1],
        [0.3, -0.2],
        [0.3, 1.5],
        [0, 0.5],
        [-0.3, 0.5],
        [-0.3, -0.5],
        [NaN, 0.5],
        [0.3, NaN],
        // s2u = gamma sigmaSq and s2v = (1 - gamma) sigmaSq underflow to 0
        [0.5, 5e-324],
        [1e-310, 1 - 2 ** -53],
      ]
    ) {
      assert.equal(
        logLikelihood(pr, [1, 0.5, sigmaSq, gamma], g, ws),
        -Infinity,
        `${sigmaSq} ${gamma}`,
      );
    }
    assert.ok(Number.isFinite(logLikelihood(pr, [1, 0.5, 0.3, 0.7], g, ws)));
  }
});

Deno.test("frontier workspace is sized for the largest unit and the distinct weights", () => {
  const ws = workspace(fixturePanel({ timeVarying: true }).problem);
  // units A (3 rows), B, C (2), D (1); t - T_i takes the values -1, -2, 0
  assert.deepEqual([ws.e.length, ws.h.length, ws.hTable.length], [3, 3, 3]);
  const section = workspace(buildProblem([1, 2, 3, 4, 5], [], {}).problem);
  assert.deepEqual([section.e.length, section.h.length, section.hTable.length], [1, 1, 0]);
});
