/**
 * runGravityStudy end to end on synthetic panels with a known truth: the true coefficients and K
 * come back (noise-free to 1e-10, and for any seed and spread), Duan smearing and the log ratio
 * follow their definitions, thin data and missing regressors are said, not thrown.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { classifyK } from "../../../lib/gravity/potential/k.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { SYNTHETIC_BETA, syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { thinSyntheticStudy } from "./thin_panel.ts";

const coefMap = (r: ReturnType<typeof runGravityStudy>) =>
  Object.fromEntries(r.regression.fit!.coefficients.map((c) => [c.term, c.estimate]));

Deno.test("noise-free synthetic panel: the true coefficients come back to 1e-10, every K is 1", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const r = runGravityStudy(config, panel);
  assert.equal(r.regression.estimable, true);
  assert.equal(r.regression.fit!.n, 40);
  assert.equal(r.pca.ok, true);
  const b = coefMap(r);
  for (const [term, truth] of Object.entries(SYNTHETIC_BETA)) {
    assert.ok(Math.abs(b[term] - truth) < 1e-10, `${term}: ${b[term]} vs ${truth}`);
  }
  assert.equal(r.potential.length, 40);
  for (const p of r.potential) {
    assert.ok(Math.abs(p.k! - 1) < 1e-10, `${p.country} ${p.year}: K = ${p.k}`);
    assert.equal(p.class, "expanding");
  }
});

Deno.test("synthetic panel with known K: coefficients and K recovered, classes follow thresholds", () => {
  const { config, panel, truth } = syntheticStudy({ spread: 0.4, seed: 7 });
  const r = runGravityStudy(config, panel);
  const b = coefMap(r);
  for (const [term, t] of Object.entries(truth.beta)) {
    assert.ok(Math.abs(b[term] - t) < 1e-9, `${term}: ${b[term]} vs ${t}`);
  }
  const trueK = new Map(truth.k.map((x) => [`${x.country}|${x.year}`, x.k]));
  const design = new Map(r.data.design.map((d) => [`${d.country}|${d.year}`, d]));
  const classes = new Set<string>();
  for (const p of r.potential) {
    const key = `${p.country}|${p.year}`;
    assert.ok(Math.abs(p.k! - trueK.get(key)!) < 1e-9, `${key}: ${p.k} vs ${trueK.get(key)}`);
    // K recomputed from the regression's coefficients and the design, to 1e-12
    const x = design.get(key)!.x;
    let fitted = b["(Intercept)"];
    for (const t of config.terms) fitted += b[t.name] * (x[t.name] as number);
    const k = p.actual! / Math.exp(fitted);
    assert.ok(Math.abs(p.k! - k) <= 1e-12 * Math.abs(k), `${key}: ${p.k} vs ${k}`);
    assert.equal(p.class, classifyK(p.k!, config.potential.thresholds));
    classes.add(p.class!);
  }
  assert.deepEqual([...classes].sort(), ["expanding", "huge", "remodelling"]);
  // the fit's own fitted values agree with the prediction used for K
  const fit = r.regression.fit!;
  fit.rows.forEach((row, i) => {
    const s = r.regression.sample[i];
    const p = r.potential.find((q) => q.country === s.country && q.year === s.year)!;
    assert.ok(Math.abs(p.fitted - fit.fitted[i]) < 1e-10, `row ${row}`);
  });
});

Deno.test("Duan smearing and the log ratio follow their definitions", () => {
  const base = syntheticStudy({ spread: 0.3, seed: 3 });
  const smear: StudyConfig = {
    ...base.config,
    potential: { ...base.config.potential, definition: "smearing" },
  };
  const r = runGravityStudy(smear, base.panel);
  const meanK = base.truth.k.reduce((a, x) => a + x.k, 0) / base.truth.k.length;
  const trueK = new Map(base.truth.k.map((x) => [`${x.country}|${x.year}`, x.k]));
  for (const p of r.potential) {
    const want = trueK.get(`${p.country}|${p.year}`)! / meanK;
    assert.ok(Math.abs(p.k! - want) < 1e-9, `${p.k} vs ${want}`);
  }
  const logr: StudyConfig = {
    ...base.config,
    potential: { ...base.config.potential, definition: "log-ratio" },
  };
  const r2 = runGravityStudy(logr, base.panel);
  for (const p of r2.potential) {
    assert.ok(Math.abs(p.k! - Math.log(p.actual!) / p.fitted) < 1e-12);
  }
  assert.ok(r2.warnings.some((w) => w.includes("depends on the unit of trade")));
});

Deno.test("thin data: the study runs, says why the regression cannot be estimated, lists exclusions", () => {
  const { config, panel } = thinSyntheticStudy();
  const r = runGravityStudy(config, panel);
  assert.equal(r.regression.estimable, false);
  assert.equal(r.regression.fit, null);
  assert.match(
    r.regression.reason!,
    /^the regression cannot be estimated: 5 country-years have the dependent variable and every term, k = 8 coefficients/,
  );
  assert.equal(r.data.withDependent, 5);
  assert.equal(r.data.excluded.length, 35);
  assert.ok(r.data.excluded.every((e) => e.missing.includes("etrade (dependent) missing")));
  assert.deepEqual(r.potential, []);
  assert.equal(r.data.coverage[0].partnerYears.present, 5);
  // plain JSON: survives a round trip unchanged (no NaN, undefined, functions or class instances)
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

Deno.test("missing regressors exclude a country-year, named, and it stays out-of-sample", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2, seed: 11 });
  const row = panel.rows.find((r) => r.iso3 === "CCC" && r.year === 2018)!;
  row.values.open = NaN;
  const row2 = panel.rows.find((r) => r.iso3 === "DDD" && r.year === 2019)!;
  row2.values.etrade = NaN;
  const r = runGravityStudy(config, panel);
  assert.equal(r.regression.fit!.n, 38);
  const ex = r.data.excluded.map((e) => `${e.country} ${e.year}: ${e.missing.join("; ")}`);
  assert.deepEqual(ex, [
    "CCC 2018: ln_open: open missing for CCC 2018",
    "DDD 2019: etrade (dependent) missing",
  ]);
  const oos = r.potential.filter((p) => p.outOfSample);
  assert.equal(oos.length, 1);
  assert.equal(oos[0].country, "DDD");
  assert.equal(oos[0].k, null);
  assert.ok(oos[0].predicted > 0);
});

Deno.test("property: for any seed and spread, K = actual/predicted and classes follow thresholds", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e6 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.double({ min: 0.5, max: 0.95, noNaN: true }),
      (seed, spread, huge) => {
        const { config, panel, truth } = syntheticStudy({ seed, spread });
        const cfg: StudyConfig = {
          ...config,
          potential: { definition: "level", thresholds: { huge, remodelling: huge + 0.3 } },
        };
        const r = runGravityStudy(cfg, panel);
        const trueK = new Map(truth.k.map((x) => [`${x.country}|${x.year}`, x.k]));
        for (const p of r.potential) {
          if (Math.abs(p.k! - p.actual! / p.predicted) > 1e-12 * p.k!) return false;
          if (Math.abs(p.k! - trueK.get(`${p.country}|${p.year}`)!) > 1e-8) return false;
          if (p.class !== classifyK(p.k!, cfg.potential.thresholds)) return false;
        }
        return r.potential.length === 40;
      },
    ),
    { numRuns: 25, seed: 42 },
  );
});
