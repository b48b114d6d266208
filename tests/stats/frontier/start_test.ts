/**
 * The frontier's starting values (OLS, then FRONTIER's grid over gamma) against an independent
 * computation: numpy's least squares, statsmodels' OLS log-likelihood, scipy.stats.skew and bench/sfa_scipy.py's grid with its
 * numpy likelihood (tests/fixtures/stats/frontier/make_start_fixture.py, start_expected.json), and
 * FRONTIER 4.1's own printout of EG1's grid point.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";
import { formulaData, front41, PUBLISHED, rice } from "./data.ts";

const EXPECTED = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/stats/frontier/start_expected.json", import.meta.url),
  ),
);

const d41 = front41(), dr = rice();
const CASES: [string, () => [number[], { name: string; values: number[] }[], FrontierOptions]][] = [
  ["eg1", () => [d41.y, d41.x, {}]],
  ["eg1Truncnormal", () => [d41.y, d41.x, { inefficiency: "truncnormal" }]],
  ["b1", () => [dr.y, dr.x, { panel: dr.panel }]],
  ["b3", () => [dr.y, dr.x, { panel: dr.panel, timeVarying: true }]],
  ["riceCrossSection", () => [dr.y, dr.x, {}]],
  ["wrongSkew", () => {
    const d = formulaData(200, 0.2, true);
    return [d.y, d.x, {}];
  }],
  ["noNoise", () => {
    const d = formulaData(200, 0.002, false);
    return [d.y, d.x, {}];
  }],
];

for (const [name, make] of CASES) {
  Deno.test(`frontier start, ${name}: FRONTIER's grid over gamma = numpy + scipy`, () => {
    const e = EXPECTED[name];
    const [y, x, options] = make();
    // no iterations: the result is the start itself, in the user's units
    const r = stochasticFrontier(y, x, { ...options, maxIterations: 0 });
    const rel = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    rel(r.gamma.estimate, e.gamma, "gamma");
    rel(r.sigmaSq.estimate, e.sigmaSq, "sigmaSq");
    r.coefficients.forEach((c, j) => rel(c.estimate, e.beta[j], c.term));
    rel(r.logLik, e.logLik, "logLik");
    rel(r.ols.skewness, e.olsSkewness, "skewness");
    rel(r.ols.logLik, e.olsLogLik, "OLS logLik");
    if (r.mu) assert.equal(r.mu.estimate, 0);
    if (r.eta) assert.equal(r.eta.estimate, 0);
    assert.deepEqual(r.ols.coefficients.map((c) => c.term), [
      "(Intercept)",
      ...x.map((c) => c.name),
    ]);
  });
}

Deno.test("frontier start on EG1 = FRONTIER 4.1's printed grid point", () => {
  // EG1.OUT: "the estimates after the grid search were" beta0 0.58014216 (the OLS intercept
  // raised by sqrt(2 gamma sigmaSq / pi)), the OLS slopes, sigmaSq 0.22067413, gamma 0.8; FRONTIER
  // reads its data to 7-8 digits, so 1e-6 relative
  const pub = PUBLISHED.eg1.grid;
  const r = stochasticFrontier(d41.y, d41.x, { maxIterations: 0 });
  const ours = [...r.coefficients.map((c) => c.estimate), r.sigmaSq.estimate, r.gamma.estimate];
  ours.forEach((v, i) => assert.ok(Math.abs(v / pub.estimates[i] - 1) < 1e-6, `${i}: ${v}`));
  assert.ok(Math.abs(r.logLik - pub.logLik) < 1e-5);
});

Deno.test("frontier start without an intercept keeps the OLS slope through the origin", () => {
  // y = 2 x - u: the slope through the origin is sum(x y) / sum(x x), and with no intercept
  // there is nothing to raise by the mean of u
  const d = formulaData(50, 0.05, false);
  const xs = d.x[0].values.map((v) => v + 1);
  const y = xs.map((v, i) => 2 * v + d.y[i] - 1 - 0.5 * d.x[0].values[i]);
  const slope = xs.reduce((s, v, i) => s + v * y[i], 0) / xs.reduce((s, v) => s + v * v, 0);
  const r = stochasticFrontier(y, [{ name: "x", values: xs }], {
    intercept: false,
    maxIterations: 0,
  });
  assert.ok(Math.abs(r.coefficients[0].estimate - slope) < 1e-12, `${r.coefficients[0].estimate}`);
  assert.ok(Math.abs(r.ols.coefficients[0].estimate - slope) < 1e-12);
});

Deno.test("frontier start: collinear terms are named in the error", () => {
  const d = formulaData(30, 0.05, false);
  const x = d.x[0].values;
  assert.throws(
    () =>
      stochasticFrontier(d.y, [
        { name: "x", values: x },
        { name: "a", values: x.map((v) => 1 + v) },
        { name: "b", values: x.map((v) => 2 - 3 * v) },
      ]),
    (e) => {
      assert.ok(e instanceof InputError);
      assert.equal(
        e.message,
        'term(s) "a", "b" collinear with the others on the rows used; drop them',
      );
      return true;
    },
  );
});
