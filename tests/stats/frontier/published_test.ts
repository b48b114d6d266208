/**
 * The stochastic frontier against published output (numbers copied into
 * tests/fixtures/stats/frontier/published.json with their repository, commit and file):
 * - FRONTIER 4.1's example EG1 (cran/frontier inst/front41/EG1.OUT), half-normal cross-section;
 * - the R package frontier's saved test output on the Philippine rice panel
 *   (cran/frontier tests/frontierTest.Rout.save): Battese-Coelli (1992) time-invariant and
 *   time-varying, half-normal and truncated normal, and Battese-Coelli (1995) with z = EDYRS,
 *   BANRAT.
 */
import assert from "node:assert/strict";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import type { FrontierOptions, FrontierResult } from "../../../lib/stats/frontier/types.ts";
import { front41, PUBLISHED, rice } from "./data.ts";

/** Every estimate of a result in FRONTIER's order, by name. */
function estimatesOf(r: FrontierResult): Map<string, { estimate: number; stdError: number }> {
  const m = new Map<string, { estimate: number; stdError: number }>();
  for (const c of r.coefficients) m.set(c.term, c);
  for (const c of r.inefficiency ?? []) m.set(`Z_${c.term}`, c); // R frontier's names
  m.set("sigmaSq", r.sigmaSq);
  m.set("gamma", r.gamma);
  if (r.mu) m.set("mu", r.mu);
  if (r.eta) m.set("eta", r.eta);
  return m;
}

Deno.test("FRONTIER 4.1 EG1: estimates, log-likelihood and every firm's efficiency", () => {
  const pub = PUBLISHED.eg1;
  const { y, x } = front41();
  const r = stochasticFrontier(y, x);
  assert.deepEqual(r.warnings, []);
  const ours = estimatesOf(r);
  const names = ["(Intercept)", "ln(capital)", "ln(labour)", "sigmaSq", "gamma"];
  pub.mle.forEach((p: { estimate: number; stdError: number }, i: number) => {
    const o = ours.get(names[i])!;
    const rel = Math.abs(o.estimate - p.estimate) / Math.abs(p.estimate);
    assert.ok(rel < 5e-5, `${names[i]}: ${o.estimate} vs FRONTIER ${p.estimate} (rel ${rel})`);
    // FRONTIER's SEs come from its DFP quasi-Newton matrix, ours from the Hessian
    const seRel = Math.abs(o.stdError - p.stdError) / p.stdError;
    assert.ok(seRel < 0.03, `${names[i]} SE: ${o.stdError} vs ${p.stdError} (${seRel})`);
  });
  assert.ok(Math.abs(r.logLik - pub.logLik) < 1e-5, `logLik ${r.logLik} vs ${pub.logLik}`);
  assert.ok(r.logLik >= pub.logLik - 1e-6, "ours is at least FRONTIER's maximum");
  assert.ok(Math.abs(r.meanEfficiency - pub.meanEfficiency) < 2e-6, `${r.meanEfficiency}`);
  let worst = 0;
  pub.efficiency.forEach((e: number, i: number) => {
    worst = Math.max(worst, Math.abs(r.efficiency[i].efficiency - e));
  });
  console.log(`  worst firm efficiency difference ${worst.toExponential(2)}`);
  assert.ok(worst < 2e-6, `${worst}`);
  assert.equal(r.efficiency.length, 60);
  assert.deepEqual(r.efficiency.slice(0, 3).map((e) => e.row), [1, 2, 3]);
});

Deno.test("FRONTIER 4.1 EG1: the OLS start, the grid's gamma and the LR test", () => {
  const pub = PUBLISHED.eg1;
  const { y, x } = front41();
  const r = stochasticFrontier(y, x);
  // FRONTIER's OLS differs from exact least squares in the 7th digit (4e-7 relative; its input
  // file's precision), so 2e-6 relative and the 1e-5 on the log-likelihood
  r.ols.coefficients.forEach((c, i) => {
    assert.ok(Math.abs(c.estimate / pub.ols.estimates[i] - 1) < 2e-6, `${c.term}`);
    assert.ok(Math.abs(c.stdError / pub.ols.stdErrors[i] - 1) < 2e-6, `${c.term} SE`);
  });
  assert.ok(Math.abs(r.ols.sigmaSq / pub.ols.sigmaSq - 1) < 2e-6);
  assert.ok(Math.abs(r.ols.logLik - pub.ols.logLik) < 1e-5, `${r.ols.logLik}`);
  assert.ok(Math.abs(r.lrTest.statistic - pub.lrStatistic) < 2e-5, `${r.lrTest.statistic}`);
  assert.equal(r.lrTest.df, 1);
  // the mixed chi-square 1/2 chi2(0) + 1/2 chi2(1): half the chi2(1) tail (R frontier's lrtest
  // prints 0.046 for this test)
  assert.equal(r.lrTest.pValue.toFixed(3), "0.046");
  // FRONTIER's grid start is reproduced: same gamma, sigmaSq and intercept at the chosen point
  const grid = stochasticFrontier(y, x, { start: pub.grid.estimates, maxIterations: 0 });
  assert.ok(Math.abs(grid.logLik - pub.grid.logLik) < 1e-5, `${grid.logLik}`);
});

/** One unit of the last printed digit of a value printed to 5 significant digits. */
const sig5Unit = (v: number) => 10 ** (Math.floor(Math.log10(Math.abs(v))) - 4);

/**
 * Parameters on which FRONTIER stopped short of the maximum (its tolerance is 1e-5 on the
 * log-likelihood and parameters; on these flat ridges of the truncated-normal models that
 * leaves the 5th-6th digit unsettled). There we check that ours is within 1e-4 standard errors
 * and that our log-likelihood is at least the one at FRONTIER's printed point.
 */
const FLAT: Record<string, string[]> = {
  b2: ["gamma", "mu"],
  // every b4 parameter moves: FRONTIER's point is 3.6e-9 below our maximum in log-likelihood,
  // and the 6-decimal printout shows its 1e-6 .. 5e-5 offsets
  b4: ["(Intercept)", "lAREA", "lLABOR", "lNPK", "sigmaSq", "gamma", "mu", "eta"],
};

/**
 * SE tolerance against FRONTIER's quasi-Newton SEs: 3%, and 7% on b2's flat sigmaSq, gamma and
 * mu (ours are from the Hessian itself; tests/stats/frontier/inference_test.ts checks them
 * against differences of the log-likelihood).
 */
const SE_TOLERANCE: Record<string, number> = {
  "b2:sigmaSq": 0.07,
  "b2:gamma": 0.07,
  "b2:mu": 0.07,
};

const RICE_MODELS: [string, FrontierOptions][] = [
  ["b1", {}],
  ["b2", { inefficiency: "truncnormal" }],
  ["b3", { timeVarying: true }],
  ["b4", { inefficiency: "truncnormal", timeVarying: true }],
  ["b5", {}],
];

for (const [name, extra] of RICE_MODELS) {
  Deno.test(`R frontier rice panel ${name}: every printed estimate, logLik and mean efficiency`, () => {
    const pub = PUBLISHED.rice[name];
    const d = rice();
    const options: FrontierOptions = {
      panel: d.panel,
      ...extra,
      ...(name === "b5" ? { z: d.z } : {}),
    };
    const r = stochasticFrontier(d.y, d.x, options);
    assert.equal(r.converged, true);
    const ours = estimatesOf(r);
    const unit = 10 ** -pub.estimateDecimals;
    for (const p of pub.mle) {
      const term = p.term === "time" ? "eta" : p.term;
      const o = ours.get(term);
      assert.ok(o, `${term} missing (have ${[...ours.keys()]})`);
      const diff = Math.abs(o.estimate - p.estimate);
      if (FLAT[name]?.includes(term)) {
        assert.ok(diff < 1e-4 * p.stdError, `${name} ${term}: ${o.estimate} vs ${p.estimate}`);
      } else {
        assert.ok(diff <= unit, `${name} ${term}: ${o.estimate} vs printed ${p.estimate}`);
      }
      const tol = SE_TOLERANCE[`${name}:${term}`] ?? 0.03;
      const seRel = Math.abs(o.stdError / p.stdError - 1);
      assert.ok(seRel < tol, `${name} ${term} SE: ${o.stdError} vs ${p.stdError} (${seRel})`);
    }
    if (FLAT[name]) {
      const start = pub.mle.map((p: { estimate: number }) => p.estimate);
      const atPublished = stochasticFrontier(d.y, d.x, { ...options, start, maxIterations: 0 });
      assert.ok(r.logLik >= atPublished.logLik, `${r.logLik} < ${atPublished.logLik}`);
    }
    assert.ok(Math.abs(r.logLik - pub.logLik) <= sig5Unit(pub.logLik), `logLik ${r.logLik}`);
    assert.ok(
      Math.abs(r.meanEfficiency - pub.meanEfficiency) <= sig5Unit(pub.meanEfficiency),
      `mean efficiency ${r.meanEfficiency} vs ${pub.meanEfficiency}`,
    );
    assert.ok(Math.abs(r.ols.logLik - PUBLISHED.rice.olsLogLik) <= sig5Unit(-104.91));
    if (pub.meanEfficiencyByYear) {
      assert.deepEqual(r.meanEfficiencyByPeriod!.map((p) => p.time), [1, 2, 3, 4, 5, 6, 7, 8]);
      r.meanEfficiencyByPeriod!.forEach((p, i) => {
        const e = pub.meanEfficiencyByYear[i];
        assert.ok(Math.abs(p.mean - e) <= 1e-5, `year ${p.time}: ${p.mean} vs ${e}`);
      });
    }
  });
}

Deno.test("R frontier rice panel: each farm's efficiency (b1, b2) and farm-year (b5)", () => {
  const d = rice();
  for (const [name, extra] of RICE_MODELS.slice(0, 2)) {
    const r = stochasticFrontier(d.y, d.x, { panel: d.panel, ...extra });
    const byFarm = new Map(r.efficiency.map((e) => [Number(e.id), e.efficiency]));
    PUBLISHED.rice[name].farmEfficiency3.forEach((e: number, i: number) => {
      const ours = byFarm.get(i + 1)!;
      assert.ok(Math.abs(ours - e) <= 1e-3, `${name} farm ${i + 1}: ${ours} vs ${e}`);
    });
  }
  const r = stochasticFrontier(d.y, d.x, { panel: d.panel, z: d.z });
  let worst = 0;
  for (const e of r.efficiency) {
    const pub = PUBLISHED.rice.b5.efficiencyFarmByYear[Number(e.id) - 1][e.time! - 1];
    worst = Math.max(worst, Math.abs(e.efficiency - pub));
  }
  console.log(`  b5: worst farm-year efficiency difference ${worst.toExponential(2)}`);
  assert.ok(worst <= 1e-5, `${worst}`);
});
