// The two surviving, non-equivalent mutants of lib/gravity/world/benchmark.ts left open in
// tests/mutation-gravity-potential.md: the OLS fit's `{ se: "cluster", cluster }` (line ~376) and
// the options of `simulateK` (line ~437). Both need residuals that are not zero, so the world here
// is noisy: tests/fixtures/mutants/benchmark_cr1.json, made by the committed statsmodels script
// tests/fixtures/mutants/benchmark_cr1.py (OLS with cluster-robust CR1 SEs by partner, t(G-1)).
// The first test checks values against statsmodels. The second is a plumbing check, stated as
// such: its expected K intervals come from our own `simulateK` fed statsmodels' coefficients and
// covariance, so it shows that runBenchmark hands its thresholds, level, draws and seed (and an
// equal covariance) to the simulation, not that the simulation is right. The simulation itself is
// checked against independent code elsewhere: its streams and draws against an independent
// xoroshiro128+ with scipy's quantiles (tests/stats/random_test.ts, and simulateK's residual draws
// in tests/gravity/potential/potential_mutants_test.ts), its intervals and class probabilities
// against scipy's closed form (same file), its coverage of the true K on synthetic panels
// (tests/gravity/potential/uncertainty_test.ts). An independent re-simulation of this 5 x 5
// case is not possible value by value: the draws use an eigenvector square root of V whose signs
// are the eigen-solver's own (for this V, numpy's eigh flips 2 of ml-matrix's 5 eigenvectors), so
// only their distribution is implementation-free.
import assert from "node:assert/strict";
import { runBenchmark } from "../../../lib/gravity/world/benchmark.ts";
import type { ChinaWorldPanel, ChinaWorldRow } from "../../../lib/gravity/world/china_world.ts";
import { simulateK } from "../../../lib/gravity/potential/intervals.ts";
import { BENCHMARK_DEFAULTS, type BenchmarkConfig } from "../../../lib/gravity/config/benchmark.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";

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

function world(): ChinaWorldPanel {
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

const config: BenchmarkConfig = {
  ...BENCHMARK_DEFAULTS,
  years: { from: 2010, to: 2012 },
  terms: ["ln_gdp", "contig"],
  estimators: ["ols"],
};

function close(a: number, b: number, rel: number, what: string) {
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs ${b}`);
}

Deno.test("benchmark survivors: OLS coefficient table has statsmodels' CR1 SEs and t(G-1) p", () => {
  const f = runBenchmark(world(), config, {
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
    close(c.estimate, fx.estimate[j], 1e-9, `estimate ${c.term}`);
    close(c.stdError, fx.se[j], 1e-8, `CR1 se ${c.term}`);
    close(c.p, fx.p[j], 1e-6, `p ${c.term}`);
    // the classical SEs (what the fit would report without the cluster option) differ by > 10%
    assert.ok(Math.abs(c.stdError / fx.classicalSe[j] - 1) > 0.1, c.term);
  });
});

Deno.test("benchmark survivors (plumbing): thresholds, level, draws and seed reach simulateK", () => {
  const thresholds = { huge: 0.9, remodelling: 1.1 };
  const u = { ...UNCERTAINTY_DEFAULTS, level: 0.5, draws: 40, seed: 7 };
  const f = runBenchmark(world(), config, { partners: ["S1", "S2"], thresholds, uncertainty: u })
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
    close(k.kLower!, want[i].kLower!, 1e-6, `kLower ${s.partner} ${s.year}`);
    close(k.kUpper!, want[i].kUpper!, 1e-6, `kUpper ${s.partner} ${s.year}`);
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
