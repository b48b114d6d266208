/**
 * The frontier log-likelihood: its analytic gradient against central differences of the
 * log-likelihood itself (every model, at points away from the optimum), and the likelihood of
 * one unit against a direct numerical integration of its defining integral.
 */
import assert from "node:assert/strict";
import { buildProblem } from "../../../lib/stats/frontier/problem.ts";
import { layout, logLikelihood, workspace } from "../../../lib/stats/frontier/likelihood.ts";
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
