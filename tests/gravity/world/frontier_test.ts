/**
 * The world frontier section against an independent fit: a synthetic China world panel with a
 * one-sided partner shortfall (tests/fixtures/gravity/world/frontier_world.csv), the rows and the
 * design built by pandas, the Battese-Coelli (1992) likelihood in numpy maximised by scipy, the
 * Horrace-Schmidt bounds from scipy's truncnorm (make_frontier_fixture.py, its output
 * frontier_expected.json). Then what the section leaves out and says when it cannot fit.
 */
import assert from "node:assert/strict";
import { FRONTIER_DEFAULTS, type FrontierConfig } from "../../../lib/gravity/config/frontier.ts";
import {
  FRONTIER_SOURCES,
  runWorldFrontier,
  type WorldFrontier,
} from "../../../lib/gravity/world/frontier.ts";
import { FIXTURES, fixtureWorld } from "./frontier_fixture.ts";

const REF = JSON.parse(Deno.readTextFileSync(new URL("frontier_expected.json", FIXTURES))).world;
const CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];
const CONFIG: FrontierConfig = { ...FRONTIER_DEFAULTS, years: { from: 2013, to: 2020 } };

/** The default fit on the fixture, made once for the tests that read it. */
let defaultFit: WorldFrontier | undefined;
const fitted = () => defaultFit ??= runWorldFrontier(fixtureWorld(), CONFIG, { partners: CA5 });

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

Deno.test("world frontier = pandas + numpy + scipy: sample, estimates, SEs, logLik, skewness", () => {
  const f = fitted();
  assert.ok(f.ok, f.reason ?? "");
  // the window (2012 left out), the missing GDP and the zero trade counted, colony dropped
  assert.equal(f.n, REF.n);
  assert.equal(f.partners, REF.partners);
  assert.deepEqual(f.years, REF.years);
  assert.deepEqual(f.excluded, REF.excluded);
  assert.deepEqual(f.excluded, { missing: 1, zeroTrade: 1 });
  assert.deepEqual(f.omitted, ["colony"]);
  assert.deepEqual(f.coefficients.map((c) => c.term), REF.terms);
  const est = [...f.coefficients, f.sigmaSq, f.gamma, f.eta!];
  assert.equal(est.length, REF.estimates.length);
  est.forEach((e, i) => {
    // two optimizers stop at slightly different points of the same maximum
    close(e.estimate, REF.estimates[i], 1e-4 * REF.stdErrors[i], `estimate ${i}`);
    close(e.stdError / REF.stdErrors[i], 1, 1e-3, `SE ${i}`);
  });
  close(f.logLik, REF.logLik, 1e-7, "logLik");
  close(f.skewness, REF.skewness, 1e-9, "OLS skewness");
  close(f.meanEfficiency, REF.meanEfficiency, 1e-6, "mean efficiency");
  assert.equal(f.meanEfficiencyByPeriod.length, REF.meanEfficiencyByPeriod.length);
  f.meanEfficiencyByPeriod.forEach((p, i) => {
    assert.equal(p.time, REF.meanEfficiencyByPeriod[i].time);
    close(p.mean, REF.meanEfficiencyByPeriod[i].mean, 1e-6, `mean efficiency ${p.time}`);
  });
  assert.deepEqual(f.warnings, []);
  // the data were drawn with a true one-sided shortfall: gamma and eta well inside their range
  assert.ok(f.gamma.estimate > 0.5 && f.gamma.estimate < 0.99);
});

Deno.test("world frontier: each study partner-year's TE, bounds, potential and rank = the reference", () => {
  const f = fitted();
  assert.equal(f.rows.length, REF.rows.length);
  assert.deepEqual(f.missingPartners, []);
  f.rows.forEach((r, i) => {
    const x = REF.rows[i];
    const at = `${r.country} ${r.year}`;
    assert.equal(r.country, x.country);
    assert.equal(r.year, x.year);
    assert.equal(r.actual, x.actual);
    assert.equal(r.rank, x.rank, `${at} rank`);
    assert.equal(r.of, x.of, `${at} of`);
    close(r.frontier / x.frontier, 1, 1e-5, `${at} frontier`);
    for (const k of ["efficiency", "lower", "upper"] as const) {
      close(r[k], x[k], 2e-6, `${at} ${k}`);
    }
    for (const k of ["potential", "potentialLower", "potentialUpper"] as const) {
      close(r[k] / x[k], 1, 1e-5, `${at} ${k}`);
    }
    assert.ok(r.lower < r.efficiency && r.efficiency < r.upper && r.upper <= 1, at);
  });
});

Deno.test("world frontier: the pooled cross-section beside it = scipy's cross-section fit", () => {
  const f = fitted();
  const cs = f.crossSection!;
  close(cs.gamma, REF.crossSection.gamma, 1e-4, "cross-section gamma");
  close(cs.meanEfficiency, REF.crossSection.meanEfficiency, 1e-5, "cross-section mean TE");
  close(cs.skewness, REF.skewness, 1e-9, "cross-section skewness");
  assert.ok(cs.lrStatistic > 0);
});

Deno.test("world frontier: a time-invariant, truncated-normal or JLMS setting reaches the estimator", () => {
  const world = fixtureWorld();
  const ti = runWorldFrontier(world, { ...CONFIG, timeVarying: false }, { partners: CA5 });
  assert.equal(ti.eta, undefined);
  for (const p of CA5) {
    const te = ti.rows.filter((r) => r.country === p).map((r) => r.efficiency);
    assert.ok(te.every((v) => Math.abs(v - te[0]) < 1e-12), `${p}: constant over the years`);
  }
  const tn = runWorldFrontier(world, { ...CONFIG, inefficiency: "truncnormal" }, {
    partners: CA5,
  });
  assert.ok(tn.mu !== undefined && tn.eta !== undefined);
  const bc = fitted();
  const jlms = runWorldFrontier(world, { ...CONFIG, efficiency: "jlms" }, { partners: CA5 });
  // JLMS exp(-E[u | e]) <= E[exp(-u) | e] (Jensen), at the same estimates
  jlms.rows.forEach((r, i) => assert.ok(r.efficiency <= bc.rows[i].efficiency));
  const noYears = runWorldFrontier(world, { ...CONFIG, fixedEffects: [] }, { partners: CA5 });
  assert.ok(noYears.coefficients.every((c) => !c.term.startsWith("year_")));
});

Deno.test("world frontier: a level other than 0.9 and a partner without rows", () => {
  const world = fixtureWorld();
  const f90 = fitted();
  const f50 = runWorldFrontier(world, { ...CONFIG, level: 0.5 }, { partners: [...CA5, "ZZZ"] });
  f50.rows.forEach((r, i) => {
    assert.ok(r.lower > f90.rows[i].lower && r.upper < f90.rows[i].upper);
  });
  assert.deepEqual(f50.missingPartners, ["ZZZ"]);
});

Deno.test("world frontier: a window too short for the model gives ok false and the reason", () => {
  const world = fixtureWorld();
  world.rows = world.rows.filter((r) => r.partner === "KAZ" || r.partner === "KGZ");
  const f = runWorldFrontier(world, CONFIG, { partners: CA5 });
  assert.equal(f.ok, false);
  assert.match(f.reason!, /too few observations: 16 complete row\(s\) for 1[0-9] parameter/);
  assert.deepEqual(f.rows, []);
  assert.deepEqual(f.missingPartners, CA5);
  assert.ok(Number.isNaN(f.gamma.estimate));
  // no estimates: nothing the estimator would have said, no coefficient, no test
  assert.equal(f.description, "");
  assert.deepEqual(f.coefficients, []);
  assert.deepEqual(f.lrTest, {
    statistic: NaN,
    df: 0,
    pValue: NaN,
    criticalValue5: NaN,
    distribution: "",
  });
  assert.deepEqual(f.meanEfficiencyByPeriod, []);
  assert.equal(f.converged, false);
  assert.deepEqual(f.warnings, []);
  assert.equal(f.crossSection, null);
});

Deno.test("world frontier: the window's last year bounds the sample (2020 left out of 2013-2019)", () => {
  // KAZ and KGZ have every year 2012-2020 complete in the fixture: 7 partner-years each
  const world = fixtureWorld();
  world.rows = world.rows.filter((r) => r.partner === "KAZ" || r.partner === "KGZ");
  const f = runWorldFrontier(world, { ...CONFIG, years: { from: 2013, to: 2019 } }, {
    partners: CA5,
  });
  assert.equal(f.n, 14);
  assert.equal(f.partners, 2);
  assert.deepEqual(f.years, [2013, 2014, 2015, 2016, 2017, 2018, 2019]);
  assert.deepEqual(f.excluded, { missing: 0, zeroTrade: 0 });
});

Deno.test("world frontier: rows in any order give the same year effects, fit and row order", () => {
  // the panel's rows from the last year back: the base year is still 2013, the study's rows
  // still come by country then year
  const world = fixtureWorld();
  world.rows = world.rows.toReversed();
  const f = runWorldFrontier(world, CONFIG, { partners: CA5 });
  assert.ok(f.ok, f.reason ?? "");
  assert.deepEqual(f.years, REF.years);
  assert.deepEqual(f.coefficients.map((c) => c.term), REF.terms);
  [...f.coefficients, f.sigmaSq, f.gamma, f.eta!].forEach((e, i) => {
    close(e.estimate, REF.estimates[i], 1e-4 * REF.stdErrors[i], `estimate ${i}`);
  });
  assert.deepEqual(
    f.rows.map((r) => `${r.country} ${r.year}`),
    REF.rows.map((r: { country: string; year: number }) => `${r.country} ${r.year}`),
  );
});

Deno.test("FRONTIER_SOURCES: the fit's code files (this module, the benchmark terms, bfgs, the estimator)", () => {
  const lib = new URL("../../../lib/", import.meta.url);
  const path = (p: string) => decodeURIComponent(new URL(p, lib).pathname);
  assert.deepEqual(FRONTIER_SOURCES, [
    path("gravity/world/frontier.ts"),
    path("gravity/world/benchmark.ts"),
    path("stats/bfgs.ts"),
    path("stats/frontier/efficiency.ts"),
    path("stats/frontier/fit.ts"),
    path("stats/frontier/inference.ts"),
    path("stats/frontier/likelihood.ts"),
    path("stats/frontier/problem.ts"),
    path("stats/frontier/start.ts"),
  ]);
  for (const f of FRONTIER_SOURCES) assert.ok(Deno.statSync(f).isFile, f);
});
