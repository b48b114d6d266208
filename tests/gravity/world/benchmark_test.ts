/**
 * The world benchmark (lib/gravity/world/benchmark.ts) on three worlds: the synthetic world of
 * world_fixture.ts (out of sample, K recomputed from the stored coefficients, the China world
 * panel); a hand-made world whose trade lies exactly on a known gravity surface, so the OLS
 * coefficients, K and the sample counts are known by hand, with a fake PPML estimator; and a noisy
 * world fitted by statsmodels (tests/fixtures/mutants/benchmark_cr1.py: OLS with cluster-robust CR1
 * SEs by partner, t(G-1)).
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  benchmarkTerm,
  type PpmlEstimator,
  runBenchmark,
} from "../../../lib/gravity/world/benchmark.ts";
import {
  buildChinaWorldPanel,
  type ChinaWorldPanel,
  type ChinaWorldRow,
} from "../../../lib/gravity/world/china_world.ts";
import { CA5, syntheticWorld, TRUE_BETA } from "./world_fixture.ts";
import {
  BENCHMARK_DEFAULTS,
  type BenchmarkConfig,
  parseBenchmarkConfig,
} from "../../../lib/gravity/config/benchmark.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";
import { InputError } from "../../../lib/errors.ts";
import { simulateK } from "../../../lib/gravity/potential/intervals.ts";

const thresholds = { huge: 0.8, remodelling: 1.2 };
const uncertainty = { ...UNCERTAINTY_DEFAULTS, draws: 500 };

function world(seed = 7) {
  const inputs = syntheticWorld(seed);
  return {
    inputs,
    panel: buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2010, to: 2020 } }),
  };
}

Deno.test("benchmark out of sample: no CA5 observation enters the fit; N, partners, years reported", () => {
  const { panel } = world();
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  const fit = b.fits[0];
  assert.ok(fit.ok, fit.reason ?? "");
  for (const p of CA5) assert.ok(!fit.partners.includes(p), p);
  assert.equal(fit.partners.length, 55);
  assert.equal(fit.n, 55 * 11);
  assert.equal(fit.excluded.studyPartners, 5 * 11);
  assert.deepEqual(fit.years, Array.from({ length: 11 }, (_, i) => 2010 + i));
  assert.equal(fit.k.length, 55);
  assert.ok(fit.k.every((k) => !k.inSample));
  // colony is 0 everywhere: omitted as collinear with the intercept, Stata-style
  assert.deepEqual(fit.omitted, ["colony"]);
  // the known coefficients are recovered within 3 standard errors
  for (const [term, b0] of Object.entries(TRUE_BETA)) {
    const c = fit.coefficients.find((c) => c.term === term);
    if (!c) continue;
    assert.ok(Math.abs(c.estimate - b0) < 3 * c.stdError, `${term} ${c.estimate} vs ${b0}`);
  }
  // in-sample option: the CA5 enter
  const inS =
    runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"], outOfSample: false }, {
      partners: CA5,
      thresholds,
      uncertainty,
    }).fits[0];
  assert.equal(inS.n, 60 * 11);
  assert.ok(CA5.every((p) => inS.partners.includes(p)));
  assert.ok(inS.k.every((k) => k.inSample));
});

Deno.test("benchmark K = actual / exp(prediction) recomputed from the stored coefficients and the panel to 1e-9", () => {
  const { panel } = world(3);
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  const fit = b.fits[0];
  const coef = new Map(fit.coefficients.map((c) => [c.term, c.estimate]));
  for (const k of fit.k) {
    const row = panel.rows.find((r) => r.partner === k.country && r.year === k.year)!;
    let lin = coef.get("(Intercept)")!;
    for (const t of BENCHMARK_DEFAULTS.terms) {
      if (coef.has(t)) lin += coef.get(t)! * benchmarkTerm(row, t);
    }
    lin += coef.get(`year_${k.year}`) ?? 0;
    const recomputed = (row.exports + row.imports) / Math.exp(lin);
    assert.ok(Math.abs(k.k! / recomputed - 1) < 1e-9, `${k.country} ${k.year}`);
    assert.ok(k.kLower! < k.k! && k.k! < k.kUpper!);
  }
});

Deno.test("benchmark: PPML without an estimator says so; config errors name the field", () => {
  const { panel } = world();
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ppml"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  assert.equal(b.fits[0].ok, false);
  assert.match(b.fits[0].reason!, /PPML is not available/);
  assert.equal(parseBenchmarkConfig(undefined), null);
  assert.deepEqual(parseBenchmarkConfig({})!.terms, BENCHMARK_DEFAULTS.terms);
  assert.throws(
    () => parseBenchmarkConfig({ estimators: ["iv"] }, "c.json"),
    /c\.json: "benchmark\.estimators\[0\]" "iv" is not one of ols, ppml$/,
  );
  assert.throws(
    () => parseBenchmarkConfig({ outofsample: true }, "c.json"),
    /unknown key "outofsample" in "benchmark" \(allowed: .*\); did you mean "outOfSample"\?$/,
  );
  assert.throws(
    () => parseBenchmarkConfig({ years: { from: 2020, to: 2010 } }),
    /"benchmark\.years\.from" \(2020\) is after "benchmark\.years\.to" \(2010\)$/,
  );
});

Deno.test("world panel: trade = exports + imports; coverage names partners dropped for a missing variable", () => {
  const inputs = syntheticWorld(5, 12);
  // X00 loses its GDP, X01 its geography
  inputs.gdp = inputs.gdp.filter((o) => o.iso3 !== "X00");
  inputs.geo = inputs.geo.filter((g) => g.destination !== "X01");
  const p = buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2012, to: 2014 } });
  assert.equal(p.partners.length, 12);
  assert.equal(p.rows.length, 36);
  const kaz = p.rows.find((r) => r.partner === "KAZ" && r.year === 2013)!;
  const flows = [];
  for (let i = 0; i < inputs.trade.reporter.length; i++) {
    if (inputs.trade.partner[i] === "KAZ" && inputs.trade.year[i] === 2013) {
      flows.push(inputs.trade.value[i]);
    }
  }
  assert.equal(kaz.trade, flows[0] + flows[1]);
  assert.deepEqual(p.dropped, [
    { partner: "X00", missing: ["gdp"] },
    { partner: "X01", missing: ["dist", "contig", "comlang_off", "colony", "landlocked"] },
  ]);
  const gdp = p.coverage.find((c) => c.variable === "gdp")!;
  assert.equal(gdp.present, 33);
  assert.equal(gdp.total, 36);
});

// ---- A hand-made world panel whose trade lies exactly on a known gravity surface (so the OLS
// coefficients, K and the sample counts are known by hand), plus a fake PPML estimator.

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

function surfaceWorld(): ChinaWorldPanel {
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

const surfaceConfig: BenchmarkConfig = {
  ...BENCHMARK_DEFAULTS,
  years: { from: 2010, to: 2011 },
  terms: ["ln_gdp", "contig"],
  estimators: ["ols"],
};
const surfaceOptions = {
  partners: ["S1", "S2"],
  thresholds: { huge: 0.8, remodelling: 1.2 },
  uncertainty: { ...UNCERTAINTY_DEFAULTS, draws: 200 },
};

function closeAbs(a: number | null, b: number, tol = 1e-9, what = "") {
  assert.ok(a !== null && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
}

Deno.test("benchmark OLS on an exact surface: counts, coefficients, K, classes, intervals", () => {
  const r = runBenchmark(surfaceWorld(), surfaceConfig, surfaceOptions);
  assert.equal(r.config, surfaceConfig);
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
  f.coefficients.forEach((c) => closeAbs(c.estimate, B[c.term as keyof typeof B], 1e-9, c.term));
  assert.deepEqual(f.omitted, []);
  closeAbs(f.r2!, 1, 1e-12, "r2");
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
  closeAbs(a.k, 2, 1e-9, "K S1");
  closeAbs(a.fitted, Math.log(surface(100, 1, 2010)), 1e-9);
  closeAbs(a.predicted, surface(100, 1, 2010), 1e-6);
  closeAbs(a.actual, 2 * surface(100, 1, 2010), 1e-9);
  closeAbs(a.kLower, 2, 1e-6);
  closeAbs(a.kUpper, 2, 1e-6);
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
  closeAbs(c.k, 0.5, 1e-9, "K S2");
  assert.deepEqual(c.classProbabilities, { huge: 1, expanding: 0, remodelling: 0 });
  assert.deepEqual(c.x, { "(Intercept)": 1, ln_gdp: Math.log(60), contig: 0, year_2011: 1 });
  // other thresholds and uncertainty off
  const g = runBenchmark(surfaceWorld(), surfaceConfig, {
    ...surfaceOptions,
    thresholds: { huge: 0.4, remodelling: 3 },
    uncertainty: { ...surfaceOptions.uncertainty, enabled: false },
  }).fits[0];
  assert.deepEqual(g.k.map((k) => k.class), ["expanding", null, "expanding"]);
  assert.ok(g.k.every((k) => k.kLower === null && k.classProbabilities === null));
});

Deno.test("benchmark: in-sample option, HC1 fallback warning, no year effects, other distances", () => {
  const inS =
    runBenchmark(surfaceWorld(), { ...surfaceConfig, outOfSample: false }, surfaceOptions).fits[0];
  assert.equal(inS.n, 13);
  assert.deepEqual(inS.excluded, { studyPartners: 0, missing: 3, zeroTrade: 2 });
  assert.ok(inS.k.every((k) => k.inSample));
  assert.equal(inS.df, 7);
  // three clusters for four coefficients: HC1 with a warning
  const w = surfaceWorld();
  w.rows = w.rows.filter((r) => ["P1", "P2", "P3", "S1", "S2"].includes(r.partner));
  const few = runBenchmark(w, surfaceConfig, surfaceOptions).fits[0];
  assert.equal(few.ok, true);
  assert.equal(few.se, "hc1");
  assert.equal(few.df, 6 - 4);
  assert.equal(few.warnings.length, 1);
  assert.match(few.warnings[0], /3 partner clusters for 4 coefficients/);
  // a one-year window has no year dummy
  const one = runBenchmark(
    surfaceWorld(),
    { ...surfaceConfig, years: { from: 2011, to: 2011 } },
    surfaceOptions,
  ).fits[0];
  assert.deepEqual(one.coefficients.map((c) => c.term), ["(Intercept)", "ln_gdp", "contig"]);
  closeAbs(one.coefficients[0].estimate, 1.2, 1e-9, "intercept incl. 2011 effect");
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
  const d = runBenchmark(surfaceWorld(), {
    ...surfaceConfig,
    terms: ["ln_gdp", "ln_dist"],
    distance: "distcap",
  }, surfaceOptions)
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
  const cfg = { ...surfaceConfig, estimators: ["ols", "ppml"] as ("ols" | "ppml")[] };
  const r = runBenchmark(surfaceWorld(), cfg, { ...surfaceOptions, ppml });
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
  closeAbs(k.k, 2 * surface(100, 1, 2010) / Math.exp(1 + 0.8 * Math.log(100)), 1e-9);
  assert.deepEqual(Object.keys(k.x), ["(Intercept)", "ln_gdp", "year_2011"]);
  // a table from the estimator is kept as is
  const table = [{ term: "(Intercept)", estimate: 1, stdError: 9, p: 0.5 }];
  const t = runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, {
    ...surfaceOptions,
    ppml: (...a) => ({ ...ppml(...a), coefficients: table }),
  }).fits[0];
  assert.deepEqual(t.coefficients, table);
  // no estimator; an InputError becomes the reason; other errors propagate
  const none =
    runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, surfaceOptions)
      .fits[0];
  assert.equal(none.ok, false);
  assert.match(none.reason!, /^PPML is not available in this build/);
  const bad = runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, {
    ...surfaceOptions,
    ppml: () => {
      throw new InputError("did not converge");
    },
  }).fits[0];
  assert.deepEqual([bad.ok, bad.reason, bad.n, bad.k], [false, "did not converge", 12, []]);
  assert.throws(
    () =>
      runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, {
        ...surfaceOptions,
        ppml: () => {
          throw new TypeError("a bug");
        },
      }),
    TypeError,
  );
});

Deno.test("benchmark: partners and years sorted whatever the row order; early returns keep empty fields", () => {
  const w = surfaceWorld();
  w.rows.reverse();
  const f = runBenchmark(w, surfaceConfig, surfaceOptions).fits[0];
  assert.deepEqual(f.partners, ["P1", "P2", "P3", "P4", "P5", "P7"]);
  assert.deepEqual(f.years, [2010, 2011]);
  // the thresholds reach the class probabilities too: K = 2 is "expanding" between 0.4 and 3
  const t = runBenchmark(surfaceWorld(), surfaceConfig, {
    ...surfaceOptions,
    thresholds: { huge: 0.4, remodelling: 3 },
  })
    .fits[0];
  assert.deepEqual(t.k[0].classProbabilities, { huge: 0, expanding: 1, remodelling: 0 });
  const xs: number[][][] = [];
  const none =
    runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, surfaceOptions)
      .fits[0];
  assert.deepEqual([none.omitted, none.se, none.coefficients, none.df], [[], "", [], NaN]);
  assert.equal(
    none.reason,
    "PPML is not available in this build (it comes with the PPML estimator of " +
      'lib/stats, issue "Estimators")',
  );
  runBenchmark(surfaceWorld(), { ...surfaceConfig, estimators: ["ppml"] }, {
    ...surfaceOptions,
    ppml: (_y, x) => {
      xs.push(x);
      throw new InputError("stop");
    },
  });
  assert.deepEqual(xs[0][0], [1, Math.log(10), 1, 0]);
  assert.equal(xs[0].length, 12);
});

// ---- A noisy world fitted by statsmodels (tests/fixtures/mutants/benchmark_cr1.json, made by the
// committed script benchmark_cr1.py: OLS with cluster-robust CR1 SEs by partner, t(G-1)). The first
// test checks values against statsmodels. The second is a plumbing check, stated as such: its
// expected K intervals come from our own simulateK fed statsmodels' coefficients and covariance, so
// it shows that runBenchmark hands its thresholds, level, draws and seed (and an equal covariance)
// to the simulation, not that the simulation is right. The simulation itself is checked against
// independent code elsewhere: its streams and draws against an independent xoroshiro128+ with
// scipy's quantiles (tests/stats/random_test.ts, and simulateK's residual draws in
// tests/gravity/potential/intervals_test.ts), its intervals and class probabilities against scipy's
// closed form (same file), its coverage of the true K on synthetic panels
// (tests/gravity/potential/uncertainty_test.ts). An independent re-simulation of this 5 x 5 case is
// not possible value by value: the draws use an eigenvector square root of V whose signs are the
// eigen-solver's own (for this V, numpy's eigh flips 2 of ml-matrix's 5 eigenvectors), so only
// their distribution is implementation-free.

interface Fixture {
  rows: { partner: string; year: number; trade: number; gdp: number; contig: number }[];
  study: { partner: string; year: number; trade: number; gdp: number; contig: number }[];
  terms: string[];
  estimate: number[];
  se: number[];
  p: number[];
  cov: number[][];
  classicalSe: number[];
  df: number;
}
const fx: Fixture = JSON.parse(
  Deno.readTextFileSync(new URL("../../fixtures/mutants/benchmark_cr1.json", import.meta.url)),
);

function row(r: Fixture["rows"][number]): ChinaWorldRow {
  return {
    ...r,
    exports: r.trade / 2,
    imports: r.trade / 2,
    estimate: false,
    pop: 1e6,
    dist: 1000,
    distcap: 2000,
    distw: 3000,
    comlang_off: 0,
    colony: 0,
    landlocked: 0,
  };
}

function cr1World(): ChinaWorldPanel {
  const rows = [...fx.rows, ...fx.study].map(row);
  return {
    reporter: "CHN",
    years: { from: 2010, to: 2012 },
    partners: [...new Set(rows.map((r) => r.partner))],
    rows,
    coverage: [],
    dropped: [],
    notes: [],
  };
}

const cr1Config: BenchmarkConfig = {
  ...BENCHMARK_DEFAULTS,
  years: { from: 2010, to: 2012 },
  terms: ["ln_gdp", "contig"],
  estimators: ["ols"],
};

function closeRel(a: number, b: number, rel: number, what: string) {
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b}`);
}

Deno.test("benchmark OLS: the coefficient table has statsmodels' CR1 SEs and t(G-1) p", () => {
  const f = runBenchmark(cr1World(), cr1Config, {
    partners: ["S1", "S2"],
    thresholds: { huge: 0.8, remodelling: 1.2 },
    uncertainty: { ...UNCERTAINTY_DEFAULTS, enabled: false },
  }).fits[0];
  assert.equal(f.ok, true);
  assert.equal(f.n, 30);
  assert.equal(f.se, "cluster");
  assert.equal(f.df, fx.df);
  assert.deepEqual(f.coefficients.map((c) => c.term), fx.terms);
  f.coefficients.forEach((c, j) => {
    closeRel(c.estimate, fx.estimate[j], 1e-9, `estimate ${c.term}`);
    closeRel(c.stdError, fx.se[j], 1e-8, `CR1 se ${c.term}`);
    closeRel(c.p, fx.p[j], 1e-6, `p ${c.term}`);
    // the classical SEs (what the fit would report without the cluster option) differ by > 10%
    assert.ok(Math.abs(c.stdError / fx.classicalSe[j] - 1) > 0.1, c.term);
  });
});

Deno.test("benchmark (plumbing): thresholds, level, draws and seed reach simulateK", () => {
  const thresholds = { huge: 0.9, remodelling: 1.1 };
  const u = { ...UNCERTAINTY_DEFAULTS, level: 0.5, draws: 40, seed: 7 };
  const f =
    runBenchmark(cr1World(), cr1Config, { partners: ["S1", "S2"], thresholds, uncertainty: u })
      .fits[0];
  assert.equal(f.k.length, 6);
  // plumbing: our own simulateK on statsmodels' coefficients and CR1 covariance (see the header)
  const x = (s: Fixture["study"][number]) => [
    1,
    Math.log(s.gdp),
    s.contig,
    s.year === 2011 ? 1 : 0,
    s.year === 2012 ? 1 : 0,
  ];
  const want = simulateK(
    fx.study.map((s) => ({ actual: s.trade, x: x(s) })),
    fx.estimate,
    fx.cov,
    fx.df,
    { thresholds, level: 0.5, draws: 40, seed: 7 },
  );
  fx.study.forEach((s, i) => {
    const k = f.k[i];
    assert.deepEqual([k.country, k.year], [s.partner, s.year]);
    closeRel(k.kLower!, want[i].kLower!, 1e-6, `kLower ${s.partner} ${s.year}`);
    closeRel(k.kUpper!, want[i].kUpper!, 1e-6, `kUpper ${s.partner} ${s.year}`);
    assert.deepEqual(k.classProbabilities, want[i].classProbabilities);
    // 40 draws: every probability is a whole number of fortieths
    for (const v of Object.values(k.classProbabilities!)) {
      assert.ok(Math.abs(v * 40 - Math.round(v * 40)) < 1e-9, `${v} x 40`);
    }
  });
  // and the options are visible: the defaults (0.8/1.2, 90%, 2000 draws, default seed) differ
  const dflt = simulateK(
    fx.study.map((s) => ({ actual: s.trade, x: x(s) })),
    fx.estimate,
    fx.cov,
    fx.df,
  );
  assert.ok(f.k.some((k, i) => Math.abs(k.kLower! - dflt[i].kLower!) > 1e-3 * dflt[i].kLower!));
  assert.ok(
    f.k.some((k, i) =>
      JSON.stringify(k.classProbabilities) !== JSON.stringify(dflt[i].classProbabilities)
    ),
  );
});
