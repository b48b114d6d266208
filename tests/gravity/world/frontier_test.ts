/**
 * The world frontier section against an independent fit: a synthetic China world panel with a
 * one-sided partner shortfall (tests/fixtures/gravity/world/frontier_world.csv), the rows and the
 * design built by pandas, the Battese-Coelli (1992) likelihood in numpy maximised by scipy, the
 * Horrace-Schmidt bounds from scipy's truncnorm (make_frontier_fixture.py, its output
 * frontier_expected.json). Then what the section leaves out and says when it cannot fit.
 */
import assert from "node:assert/strict";
import { FRONTIER_DEFAULTS, type FrontierConfig } from "../../../lib/gravity/config/frontier.ts";
import { runWorldFrontier } from "../../../lib/gravity/world/frontier.ts";
import { FIXTURES, fixtureWorld } from "./frontier_fixture.ts";

const REF = JSON.parse(Deno.readTextFileSync(new URL("frontier_expected.json", FIXTURES))).world;
const CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];
const CONFIG: FrontierConfig = { ...FRONTIER_DEFAULTS, years: { from: 2013, to: 2020 } };

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tolerance ${tol})`);

Deno.test("world frontier = pandas + numpy + scipy: sample, estimates, SEs, logLik, skewness", () => {
  const f = runWorldFrontier(fixtureWorld(), CONFIG, { partners: CA5 });
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
  f.meanEfficiencyByPeriod.forEach((p, i) => {
    assert.equal(p.time, REF.meanEfficiencyByPeriod[i].time);
    close(p.mean, REF.meanEfficiencyByPeriod[i].mean, 1e-6, `mean efficiency ${p.time}`);
  });
  assert.deepEqual(f.warnings, []);
  // the data were drawn with a true one-sided shortfall: gamma and eta well inside their range
  assert.ok(f.gamma.estimate > 0.5 && f.gamma.estimate < 0.99);
});

Deno.test("world frontier: each study partner-year's TE, bounds, potential and rank = the reference", () => {
  const f = runWorldFrontier(fixtureWorld(), CONFIG, { partners: CA5 });
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
  const f = runWorldFrontier(fixtureWorld(), CONFIG, { partners: CA5 });
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
  const bc = runWorldFrontier(world, CONFIG, { partners: CA5 });
  const jlms = runWorldFrontier(world, { ...CONFIG, efficiency: "jlms" }, { partners: CA5 });
  // JLMS exp(-E[u | e]) <= E[exp(-u) | e] (Jensen), at the same estimates
  jlms.rows.forEach((r, i) => assert.ok(r.efficiency <= bc.rows[i].efficiency));
  const noYears = runWorldFrontier(world, { ...CONFIG, fixedEffects: [] }, { partners: CA5 });
  assert.ok(noYears.coefficients.every((c) => !c.term.startsWith("year_")));
});

Deno.test("world frontier: a level other than 0.9 and a partner without rows", () => {
  const world = fixtureWorld();
  const f90 = runWorldFrontier(world, CONFIG, { partners: CA5 });
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
});
