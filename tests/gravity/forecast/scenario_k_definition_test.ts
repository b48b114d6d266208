/**
 * Scenario K under the study's one K definition: the projected K of the own trend against the
 * model's projection is the level ratio, Duan's smearing with the scenario fit's own factor
 * (recomputed here from an OLS of the same rows), or the log ratio, in the simulation and in the
 * closed form (which agree); the closed form of the log ratio worked by hand.
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { runForecast } from "../../../lib/gravity/forecast/run.ts";
import { tKProjection, tLogRatioDistribution } from "../../../lib/gravity/forecast/scenario.ts";
import { uncertaintyKProjection } from "../../../lib/gravity/forecast/k_projection.ts";
import { forecastDesign } from "../../../lib/gravity/forecast/validate.ts";
import { syntheticForecastStudy } from "../../../lib/gravity/synthetic/forecast.ts";
import { ols } from "../../../lib/stats/linear/ols.ts";
import type { KDefinition } from "../../../lib/gravity/types.ts";

const TH = { huge: 0.8, remodelling: 1.2 };
const rel = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a / b - 1) < tol, `${what}: ${a} vs ${b}`);

function study(definition: KDefinition) {
  const { config, panel } = syntheticForecastStudy({ partners: 8, seed: 4 });
  return { config: { ...config, potential: { ...config.potential, definition } }, panel };
}

Deno.test("scenario K follows the K definition: level, smearing with the fit's own factor, log ratio", () => {
  for (const definition of ["level", "smearing", "log-ratio"] as const) {
    const { config, panel } = study(definition);
    const f = runForecast(config, panel);
    const s = f.scenarios[0];
    // Duan's factor of the scenario fit, from an OLS of the same rows
    const rows = forecastDesign(config, panel, f.settings.trainFrom, Math.max(...panel.years))
      .design.filter((r) => r.complete);
    const fit = ols(
      rows.map((r) => r.y!),
      config.terms.map((t) => ({ name: t.name, values: rows.map((r) => r.x[t.name]!) })),
    );
    assert.equal(fit.n, s.fit!.n);
    const duan = fit.residuals.reduce((a, e) => a + Math.exp(e), 0) / fit.residuals.length;
    assert.equal(s.kDefinition!.applied, definition);
    const factor = definition === "smearing" ? duan : 1;
    rel(s.kDefinition!.factor, factor, 1e-9, `${definition} factor`);
    if (definition === "smearing") assert.ok(duan > 1.001);
    let n = 0;
    for (const r of s.rows) {
      if (!r.k) continue;
      const fitted = Math.log(r.predicted!);
      const want = definition === "log-ratio"
        ? Math.log(r.trend!) / fitted
        : r.trend! / (r.predicted! * factor);
      rel(r.k.median, want, 1e-9, `${definition} ${r.country} ${r.year}`);
      assert.ok(r.k.lo <= r.k.median && r.k.median <= r.k.hi);
      n++;
    }
    assert.ok(n >= 8);
    assert.ok(f.notes.some((x) => x.includes(`potential.definition "${definition}"`)));
  }
});

Deno.test("scenario K closed form agrees with the simulation under smearing and the log ratio", () => {
  for (const definition of ["smearing", "log-ratio"] as const) {
    const { config, panel } = study(definition);
    const closed = runForecast(config, panel, { uncertainty: tKProjection }).scenarios[0].rows;
    const settings = { ...config.uncertainty, se: "classical" as const, draws: 20000, seed: 3 };
    const sim = runForecast(config, panel, { uncertainty: uncertaintyKProjection(settings) })
      .scenarios[0].rows;
    sim.forEach((r, i) => {
      if (!r.k) return;
      const c = closed[i].k!;
      rel(r.k.median, c.median, 1e-12, `${definition} median`);
      // the closed form moves Duan's factor with the coefficients to first order (delta
      // method); the simulation recomputes it per draw
      rel(r.k.lo, c.lo, 0.03, `${definition} lo`);
      rel(r.k.hi, c.hi, 0.03, `${definition} hi`);
      for (const cls of ["huge", "expanding", "remodelling"] as const) {
        assert.ok(Math.abs(r.k.probabilities[cls] - c.probabilities[cls]) < 0.03, cls);
      }
    });
  }
});

Deno.test("tLogRatioDistribution: K = L / F with F = fitted + se T, by hand", () => {
  const T = (q: number) => jStat.studentt.cdf(q, 10);
  // L = 20, fitted 19, se 1: P(K <= 0.8) = P(F >= 25) + P(F <= 0); P(K <= 1.2) with L/h = 16.67
  const d = tLogRatioDistribution(20, 19, 1, 10, 0.9, TH);
  const q = jStat.studentt.inv(0.95, 10);
  rel(d.median, 20 / 19, 1e-15, "median");
  // (jStat and lib/stats agree on t quantiles and tails to about 1e-9)
  rel(d.lo, 20 / (19 + q), 1e-8, "lo");
  rel(d.hi, 20 / (19 - q), 1e-8, "hi");
  const pHuge = 1 - T(6) + T(-19);
  const pBelow = 1 - T(20 / 1.2 - 19) + T(-19);
  rel(d.probabilities.huge, pHuge, 1e-8, "P(huge)");
  rel(d.probabilities.remodelling, 1 - pBelow, 1e-8, "P(remodelling)");
  rel(d.probabilities.expanding, pBelow - pHuge, 1e-8, "P(expanding)");
  // a negative log actual (actual < 1): K < 0 when F > 0; F < 0 gives K = -2 / F > 0
  const n = tLogRatioDistribution(-2, 4, 1, 10, 0.9, TH);
  rel(n.probabilities.huge, 1 - T(-4) + T(-2.5 - 4), 1e-8, "negative L P(huge)");
  // an interval of F that holds 0: K is unbounded
  const z = tLogRatioDistribution(20, 0.5, 1, 10, 0.9, TH);
  assert.deepEqual([z.lo, z.hi], [-Infinity, Infinity]);
  // no uncertainty: K itself, its class for sure
  const e = tLogRatioDistribution(20, 19, 0, 10, 0.9, TH);
  assert.deepEqual([e.lo, e.hi], [20 / 19, 20 / 19]);
  assert.deepEqual(e.probabilities, { huge: 0, expanding: 1, remodelling: 0 });
  // a threshold below zero: P(K <= h) = |P(F <= L/h) - P(F <= 0)|
  const neg = tLogRatioDistribution(20, 19, 1, 10, 0.9, { huge: -1, remodelling: 1.2 });
  rel(neg.probabilities.huge, Math.abs(T(-20 - 19) - T(-19)), 1e-9, "h < 0");
});
