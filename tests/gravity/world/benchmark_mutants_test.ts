// runBenchmark and parseBenchmarkConfig on a hand-made world panel whose trade lies exactly on a
// known gravity surface (so the OLS coefficients, K and the sample counts are known by hand),
// plus a fake PPML estimator. Written for the mutants of `deno task mutate
// lib/gravity/world/benchmark.ts` (tests/mutation-gravity-potential.md).
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  benchmarkTerm,
  type PpmlEstimator,
  runBenchmark,
} from "../../../lib/gravity/world/benchmark.ts";
import type { ChinaWorldPanel, ChinaWorldRow } from "../../../lib/gravity/world/china_world.ts";
import { InputError } from "../../../lib/errors.ts";
import {
  BENCHMARK_DEFAULTS,
  type BenchmarkConfig,
  parseBenchmarkConfig,
} from "../../../lib/gravity/config/benchmark.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";

const B = { "(Intercept)": 1, ln_gdp: 0.8, contig: 0.5, year_2011: 0.2 };
const surface = (gdp: number, contig: number, year: number) =>
  Math.exp(1 + 0.8 * Math.log(gdp) + 0.5 * contig + (year === 2011 ? 0.2 : 0));

function mk(
  partner: string,
  year: number,
  trade: number,
  gdp: number,
  contig: number,
): ChinaWorldRow {
  return {
    partner,
    year,
    trade,
    exports: trade / 2,
    imports: trade / 2,
    estimate: false,
    gdp,
    pop: 1e6,
    dist: 1000,
    distcap: 2000,
    distw: 3000,
    contig,
    comlang_off: 0,
    colony: 0,
    landlocked: 1,
  };
}

function world(): ChinaWorldPanel {
  const rows: ChinaWorldRow[] = [];
  const P: [string, number, number][] = [
    ["P1", 10, 1],
    ["P2", 20, 0],
    ["P3", 40, 1],
    ["P4", 80, 0],
    ["P5", 160, 0],
  ];
  for (const [p, g, c] of P) {
    for (const y of [2010, 2011]) rows.push(mk(p, y, surface(g, c, y), g, c));
  }
  rows.push(mk("P1", 2012, 1, 10, 1)); // outside the window
  rows.push(mk("P6", 2010, NaN, 50, 0)); // missing trade
  rows.push(mk("P6", 2011, 0, 50, 0)); // zero trade (OLS only)
  rows.push(mk("P7", 2010, 5, 0, 1)); // GDP 0: ln is NaN -> missing
  rows.push(mk("P7", 2011, surface(30, 1, 2011), 30, 1));
  rows.push(mk("S1", 2010, 2 * surface(100, 1, 2010), 100, 1)); // K = 2
  rows.push(mk("S1", 2011, 0, 100, 1)); // no K
  rows.push(mk("S2", 2010, 7, NaN, 0)); // no design row
  rows.push(mk("S2", 2011, 0.5 * surface(60, 0, 2011), 60, 0)); // K = 0.5
  return {
    reporter: "CHN",
    years: { from: 2010, to: 2012 },
    partners: ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "S1", "S2"],
    rows,
    coverage: [],
    dropped: [{ partner: "P9", missing: ["gdp"] }],
    notes: ["a note"],
  };
}

const config: BenchmarkConfig = {
  ...BENCHMARK_DEFAULTS,
  years: { from: 2010, to: 2011 },
  terms: ["ln_gdp", "contig"],
  estimators: ["ols"],
};
const options = {
  partners: ["S1", "S2"],
  thresholds: { huge: 0.8, remodelling: 1.2 },
  uncertainty: { ...UNCERTAINTY_DEFAULTS, draws: 200 },
};

function close(a: number | null, b: number, tol = 1e-9, what = "") {
  assert.ok(a !== null && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
}

Deno.test("benchmark OLS on an exact surface: counts, coefficients, K, classes, intervals", () => {
  const r = runBenchmark(world(), config, options);
  assert.equal(r.config, config);
  assert.deepEqual(r.panel, {
    reporter: "CHN",
    years: { from: 2010, to: 2012 },
    partners: ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "S1", "S2"],
    coverage: [],
    dropped: [{ partner: "P9", missing: ["gdp"] }],
    notes: ["a note"],
  });
  assert.equal(r.fits.length, 1);
  const f = r.fits[0];
  assert.equal(f.ok, true);
  assert.equal(f.reason, undefined);
  assert.equal(f.estimator, "ols");
  assert.equal(f.n, 11);
  assert.deepEqual(f.partners, ["P1", "P2", "P3", "P4", "P5", "P7"]);
  assert.deepEqual(f.years, [2010, 2011]);
  assert.deepEqual(f.excluded, { studyPartners: 4, missing: 2, zeroTrade: 1 });
  assert.deepEqual(f.coefficients.map((c) => c.term), Object.keys(B));
  f.coefficients.forEach((c) => close(c.estimate, B[c.term as keyof typeof B], 1e-9, c.term));
  assert.deepEqual(f.omitted, []);
  close(f.r2!, 1, 1e-12, "r2");
  assert.equal(f.se, "cluster");
  assert.equal(f.df, 5); // 6 partner clusters - 1
  assert.deepEqual(f.warnings, []);
  // S1 2010: K = 2 (remodelling); S1 2011: no trade; S2 2010 skipped (no GDP); S2 2011: K = 0.5
  assert.deepEqual(f.k.map((k) => [k.country, k.year, k.class]), [
    ["S1", 2010, "remodelling"],
    ["S1", 2011, null],
    ["S2", 2011, "huge"],
  ]);
  const [a, b, c] = f.k;
  close(a.k, 2, 1e-9, "K S1");
  close(a.fitted, Math.log(surface(100, 1, 2010)), 1e-9);
  close(a.predicted, surface(100, 1, 2010), 1e-6);
  close(a.actual, 2 * surface(100, 1, 2010), 1e-9);
  close(a.kLower, 2, 1e-6);
  close(a.kUpper, 2, 1e-6);
  assert.deepEqual(a.classProbabilities, { huge: 0, expanding: 0, remodelling: 1 });
  assert.equal(a.inSample, false);
  assert.deepEqual(a.x, { "(Intercept)": 1, ln_gdp: Math.log(100), contig: 1, year_2011: 0 });
  assert.deepEqual([b.actual, b.k, b.kLower, b.kUpper, b.classProbabilities], [
    null,
    null,
    null,
    null,
    null,
  ]);
  close(c.k, 0.5, 1e-9, "K S2");
  assert.deepEqual(c.classProbabilities, { huge: 1, expanding: 0, remodelling: 0 });
  assert.deepEqual(c.x, { "(Intercept)": 1, ln_gdp: Math.log(60), contig: 0, year_2011: 1 });
  // other thresholds and uncertainty off
  const g = runBenchmark(world(), config, {
    ...options,
    thresholds: { huge: 0.4, remodelling: 3 },
    uncertainty: { ...options.uncertainty, enabled: false },
  }).fits[0];
  assert.deepEqual(g.k.map((k) => k.class), ["expanding", null, "expanding"]);
  assert.ok(g.k.every((k) => k.kLower === null && k.classProbabilities === null));
});

Deno.test("benchmark: in-sample option, HC1 fallback warning, no year effects, other distances", () => {
  const inS = runBenchmark(world(), { ...config, outOfSample: false }, options).fits[0];
  assert.equal(inS.n, 13);
  assert.deepEqual(inS.excluded, { studyPartners: 0, missing: 3, zeroTrade: 2 });
  assert.ok(inS.k.every((k) => k.inSample));
  assert.equal(inS.df, 7);
  // three clusters for four coefficients: HC1 with a warning
  const w = world();
  w.rows = w.rows.filter((r) => ["P1", "P2", "P3", "S1", "S2"].includes(r.partner));
  const few = runBenchmark(w, config, options).fits[0];
  assert.equal(few.ok, true);
  assert.equal(few.se, "hc1");
  assert.equal(few.df, 6 - 4);
  assert.equal(few.warnings.length, 1);
  assert.match(few.warnings[0], /3 partner clusters for 4 coefficients/);
  // a one-year window has no year dummy
  const one =
    runBenchmark(world(), { ...config, years: { from: 2011, to: 2011 } }, options).fits[0];
  assert.deepEqual(one.coefficients.map((c) => c.term), ["(Intercept)", "ln_gdp", "contig"]);
  close(one.coefficients[0].estimate, 1.2, 1e-9, "intercept incl. 2011 effect");
  assert.deepEqual(one.years, [2011]);
  const row = mk("X", 2010, 1, 0, 1);
  assert.ok(Number.isNaN(benchmarkTerm(row, "ln_gdp")));
  assert.ok(Number.isNaN(benchmarkTerm({ ...row, pop: -1 }, "ln_pop")));
  assert.equal(benchmarkTerm(row, "ln_pop"), Math.log(1e6));
  assert.equal(benchmarkTerm(row, "ln_dist"), Math.log(1000));
  assert.equal(benchmarkTerm(row, "ln_dist", "distcap"), Math.log(2000));
  assert.equal(benchmarkTerm(row, "ln_dist", "distw"), Math.log(3000));
  assert.equal(benchmarkTerm(row, "contig"), 1);
  assert.equal(benchmarkTerm(row, "landlocked"), 1);
  // the configured distance reaches the design
  const d =
    runBenchmark(world(), { ...config, terms: ["ln_gdp", "ln_dist"], distance: "distcap" }, options)
      .fits[0];
  assert.deepEqual(d.omitted, ["ln_dist"]); // constant: collinear with the intercept
  assert.equal(Object.keys(d.k[0].x).includes("ln_dist"), false);
});

Deno.test("benchmark PPML through an injected estimator: inputs, omitted terms, coefficient table", () => {
  const calls: { y: number[]; names: string[]; cluster: string[]; n: number }[] = [];
  const ppml: PpmlEstimator = (y, x, names, cluster) => {
    calls.push({ y: Array.from(y), names, cluster, n: x.length });
    return {
      estimate: [1, 0.8, 0.2],
      cov: [[0.04, 0, 0], [0, 0.01, 0], [0, 0, 0.09]],
      df: Infinity,
      omitted: ["contig"],
      se: "cluster-robust (fake)",
    };
  };
  const cfg = { ...config, estimators: ["ols", "ppml"] as ("ols" | "ppml")[] };
  const r = runBenchmark(world(), cfg, { ...options, ppml });
  assert.equal(r.fits.length, 2);
  const p = r.fits[1];
  assert.equal(p.estimator, "ppml");
  assert.equal(p.ok, true);
  assert.equal(p.n, 12); // the zero-trade row enters PPML
  assert.deepEqual(p.excluded, { studyPartners: 4, missing: 2, zeroTrade: 0 });
  assert.deepEqual(calls[0].names, ["(Intercept)", "ln_gdp", "contig", "year_2011"]);
  assert.equal(calls[0].n, 12);
  assert.ok(calls[0].y.includes(0));
  assert.deepEqual(calls[0].cluster.slice(0, 2), ["P1", "P1"]);
  assert.deepEqual(p.omitted, ["contig"]);
  assert.equal(p.se, "cluster-robust (fake)");
  assert.equal(p.df, Infinity);
  assert.deepEqual(
    p.coefficients,
    [
      { term: "(Intercept)", estimate: 1, stdError: Math.sqrt(0.04), p: NaN },
      { term: "ln_gdp", estimate: 0.8, stdError: Math.sqrt(0.01), p: NaN },
      { term: "year_2011", estimate: 0.2, stdError: Math.sqrt(0.09), p: NaN },
    ],
  );
  // S1 2010 K = actual / exp(1 + 0.8 ln 100) without contig
  const k = p.k[0];
  close(k.k, 2 * surface(100, 1, 2010) / Math.exp(1 + 0.8 * Math.log(100)), 1e-9);
  assert.deepEqual(Object.keys(k.x), ["(Intercept)", "ln_gdp", "year_2011"]);
  // a table from the estimator is kept as is
  const table = [{ term: "(Intercept)", estimate: 1, stdError: 9, p: 0.5 }];
  const t = runBenchmark(world(), { ...config, estimators: ["ppml"] }, {
    ...options,
    ppml: (...a) => ({ ...ppml(...a), coefficients: table }),
  }).fits[0];
  assert.deepEqual(t.coefficients, table);
  // no estimator; an InputError becomes the reason; other errors propagate
  const none = runBenchmark(world(), { ...config, estimators: ["ppml"] }, options).fits[0];
  assert.equal(none.ok, false);
  assert.match(none.reason!, /^PPML is not available in this build/);
  const bad = runBenchmark(world(), { ...config, estimators: ["ppml"] }, {
    ...options,
    ppml: () => {
      throw new InputError("did not converge");
    },
  }).fits[0];
  assert.deepEqual([bad.ok, bad.reason, bad.n, bad.k], [false, "did not converge", 12, []]);
  assert.throws(
    () =>
      runBenchmark(world(), { ...config, estimators: ["ppml"] }, {
        ...options,
        ppml: () => {
          throw new TypeError("a bug");
        },
      }),
    TypeError,
  );
});

Deno.test("parseBenchmarkConfig: defaults, every field, and one-line errors", () => {
  assert.equal(parseBenchmarkConfig(undefined), null);
  assert.equal(parseBenchmarkConfig(null), null);
  assert.deepEqual(parseBenchmarkConfig({}), BENCHMARK_DEFAULTS);
  assert.deepEqual(BENCHMARK_DEFAULTS, {
    enabled: true,
    raw: "../shared/data/raw",
    years: { from: 2010, to: 2020 },
    outOfSample: true,
    estimators: ["ols", "ppml"],
    terms: ["ln_gdp", "ln_pop", "ln_dist", "contig", "comlang_off", "colony", "landlocked"],
    distance: "dist",
    fixedEffects: ["year"],
  });
  const full = {
    enabled: false,
    raw: "x/raw",
    years: { from: 2015, to: 2015 },
    outOfSample: false,
    estimators: ["ppml"],
    terms: ["contig"],
    distance: "distw",
    fixedEffects: ["year"],
  };
  assert.deepEqual(parseBenchmarkConfig(full), full);
  assert.equal(parseBenchmarkConfig({ distance: "distcap" })!.distance, "distcap");
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseBenchmarkConfig(raw, "c.json"), (e: Error) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `c.json: ${msg}`);
      return true;
    });
  err([], '"benchmark" must be an object');
  err("x", '"benchmark" must be an object');
  err(
    { foo: 1 },
    'unknown key "foo" in "benchmark" (allowed: enabled, raw, years, outOfSample, estimators, terms, distance, fixedEffects)',
  );
  err({ enabled: 1 }, '"benchmark.enabled" must be true or false');
  err({ outOfSample: "no" }, '"benchmark.outOfSample" must be true or false');
  err({ estimators: [] }, '"benchmark.estimators" must be a non-empty list');
  err({ estimators: "ols" }, '"benchmark.estimators" must be a non-empty list');
  err({ estimators: ["ols", "gmm"] }, '"benchmark.estimators[1]" "gmm" is not one of ols, ppml');
  err(
    { terms: ["ln_gdp", "rta"] },
    '"benchmark.terms[1]" "rta" is not one of ln_gdp, ln_pop, ln_dist, contig, comlang_off, colony, landlocked',
  );
  err(
    { fixedEffects: ["partner"] },
    '"benchmark.fixedEffects[0]" "partner" is not one of year',
  );
  err(
    { years: { from: 2016, to: 2015 } },
    '"benchmark.years.from" (2016) is after "benchmark.years.to" (2015)',
  );
  err(
    { years: { from: 2015.5, to: 2016 } },
    '"benchmark.years.from" must be a whole year, not 2015.5',
  );
  err({ years: { from: 2015, to: "2016" } }, '"benchmark.years.to" must be a number');
  err({ years: { to: 2016 } }, '"benchmark.years" has no "from" (it is required)');
  err({ years: 2015 }, '"benchmark.years" must be an object');
  err({ distance: "km" }, '"benchmark.distance" "km" is not one of dist, distcap, distw');
  err(
    { distance: "Distw" },
    '"benchmark.distance" "Distw" is not one of dist, distcap, distw; did you mean "distw"?',
  );
  err({ raw: "" }, '"benchmark.raw" must be a non-empty string');
  err({ raw: 3 }, '"benchmark.raw" must be a non-empty string');
  assert.throws(() => parseBenchmarkConfig([]), /^InputError: study config: /);
});

Deno.test("benchmark: partners and years sorted whatever the row order; early returns keep empty fields", () => {
  const w = world();
  w.rows.reverse();
  const f = runBenchmark(w, config, options).fits[0];
  assert.deepEqual(f.partners, ["P1", "P2", "P3", "P4", "P5", "P7"]);
  assert.deepEqual(f.years, [2010, 2011]);
  // the thresholds reach the class probabilities too: K = 2 is "expanding" between 0.4 and 3
  const t = runBenchmark(world(), config, { ...options, thresholds: { huge: 0.4, remodelling: 3 } })
    .fits[0];
  assert.deepEqual(t.k[0].classProbabilities, { huge: 0, expanding: 1, remodelling: 0 });
  const xs: number[][][] = [];
  const none = runBenchmark(world(), { ...config, estimators: ["ppml"] }, options).fits[0];
  assert.deepEqual([none.omitted, none.se, none.coefficients, none.df], [[], "", [], NaN]);
  assert.equal(
    none.reason,
    "PPML is not available in this build (it comes with the PPML estimator of " +
      'lib/stats, issue "Estimators")',
  );
  runBenchmark(world(), { ...config, estimators: ["ppml"] }, {
    ...options,
    ppml: (_y, x) => {
      xs.push(x);
      throw new InputError("stop");
    },
  });
  assert.deepEqual(xs[0][0], [1, Math.log(10), 1, 0]);
  assert.equal(xs[0].length, 12);
});
