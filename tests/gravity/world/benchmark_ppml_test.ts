/**
 * The PPML benchmark through lib/stats (`fitModel`, estimator "ppml"): its coefficient
 * covariance for the K intervals, and the intervals' coverage on synthetic worlds with known
 * coefficients.
 */
import assert from "node:assert/strict";
import { runBenchmark } from "../../../lib/gravity/world/benchmark.ts";
import { loadPpml } from "../../../lib/gravity/world/load.ts";
import { buildChinaWorldPanel } from "../../../lib/gravity/world/china_world.ts";
import { normalStream } from "../../../lib/stats/random.ts";
import { CA5, syntheticWorld } from "./world_fixture.ts";
import { BENCHMARK_DEFAULTS } from "../../../lib/gravity/config/benchmark.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";

const ppml = loadPpml();

Deno.test({
  name: "PPML covariance for the K intervals: its SEs equal lib/stats PPML's cluster-robust SEs",

  fn() {
    const z = normalStream(3);
    const n = 400;
    const x = Array.from({ length: n }, (_, i) => [1, z(), 2 * z(), i % 3 === 0 ? 1 : 0]);
    const effect = Array.from({ length: 40 }, () => 0.3 * z());
    const cluster = x.map((_, i) => `g${i % 40}`);
    const y = x.map((r, i) =>
      Math.exp(0.5 + 0.3 * r[1] - 0.2 * r[2] + 0.4 * r[3] + effect[i % 40] + 0.3 * z())
    );
    const fit = ppml!(y, x, ["(Intercept)", "a", "b", "d"], cluster);
    fit.coefficients!.forEach((c, a) => {
      assert.ok(Math.abs(Math.sqrt(fit.cov[a][a]) / c.stdError - 1) < 1e-8, c.term);
    });
    assert.equal(fit.df, Infinity);
  },
});

/** Coverage of the PPML benchmark's K intervals over `reps` synthetic worlds. */
function ppmlCoverage(reps: number, noise: "lognormal" | "poisson") {
  // lognormal: true K = actual / E[trade | x] = exp(u) / E[exp(u)], E[exp(u)] = exp((0.2^2 +
  // 0.3^2) / 2); poisson: true K = actual / mean
  const mean = noise === "lognormal" ? Math.exp((0.04 + 0.09) / 2) : 1;
  let covered = 0, total = 0, firstCovered = 0;
  for (let r = 0; r < reps; r++) {
    const w = syntheticWorld(500 + r, 60, noise);
    const panel = buildChinaWorldPanel(w, { reporter: "CHN", years: { from: 2010, to: 2020 } });
    const fit = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ppml"] }, {
      partners: CA5,
      thresholds: { huge: 0.8, remodelling: 1.2 },
      uncertainty: { ...UNCERTAINTY_DEFAULTS, draws: 400, seed: r + 1 },
      ppml,
    }).fits[0];
    assert.ok(fit.ok, fit.reason ?? "");
    fit.k.forEach((k, i) => {
      const trueK = Math.exp(w.trueLnK.get(`${k.country}|${k.year}`)!) / mean;
      const hit = k.kLower! <= trueK && trueK <= k.kUpper!;
      covered += hit ? 1 : 0;
      total++;
      if (i === 0) firstCovered += hit ? 1 : 0;
    });
  }
  return { pooled: covered / total, first: firstCovered / reps };
}

Deno.test({
  name:
    "PPML benchmark: 90% K intervals cover the true K in 85-95% of 100 worlds with PPML's variance",

  fn() {
    const c = ppmlCoverage(100, "poisson");
    console.log(`PPML, variance proportional to the mean: first K ${c.first}, pooled ${c.pooled}`);
    assert.ok(c.pooled >= 0.85 && c.pooled <= 0.95, `pooled ${c.pooled}`);
    assert.ok(c.first >= 0.85 && c.first <= 0.95, `first ${c.first}`);
  },
});

Deno.test({
  name:
    "PPML benchmark with lognormal trade: the cluster-robust intervals under-cover (measured, stated in the README)",

  fn() {
    // With multiplicative (lognormal) errors PPML weights the largest partners heavily and its
    // CR1 standard errors with 55 partner clusters are too small (measured: about half the
    // Monte Carlo SD of the slopes), so the 90% intervals cover about 75% of the time.
    const c = ppmlCoverage(100, "lognormal");
    console.log(`PPML, lognormal trade: first K ${c.first}, pooled ${c.pooled}`);
    assert.ok(c.pooled >= 0.65 && c.pooled <= 0.85, `pooled ${c.pooled}`);
  },
});
