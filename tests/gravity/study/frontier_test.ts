/**
 * The study's frontier section: the world fit's rows joined with every K the study has (the
 * paper's, the in-sample K, the benchmark's), TE's rank correlation with each (Spearman, against
 * scipy's spearmanr), the same model on the study's own five-partner panel, the reading in plain
 * words, and when the section is (not) run.
 */
import assert from "node:assert/strict";
import { FRONTIER_DEFAULTS } from "../../../lib/gravity/config/frontier.ts";
import { BENCHMARK_DEFAULTS } from "../../../lib/gravity/config/benchmark.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { rankCorrelation } from "../../../lib/gravity/study/frontier.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { runWorldFrontier, type WorldFrontier } from "../../../lib/gravity/world/frontier.ts";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import { fixtureWorld } from "../world/frontier_fixture.ts";

const REF = JSON.parse(
  Deno.readTextFileSync(
    new URL("../../fixtures/gravity/world/frontier_expected.json", import.meta.url),
  ),
);
const CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];
const FRONTIER = { ...FRONTIER_DEFAULTS, years: { from: 2013, to: 2020 } };

/** A synthetic five-partner study (2015-2020) with the frontier and an OLS benchmark. */
function study(frontier: StudyConfig["frontier"] = FRONTIER) {
  const s = syntheticStudy({
    reporter: "CHN",
    partners: CA5,
    years: { from: 2015, to: 2020 },
    noise: "normal",
    spread: 0.2,
  });
  const config: StudyConfig = {
    ...s.config,
    benchmark: { ...BENCHMARK_DEFAULTS, years: { from: 2013, to: 2020 }, estimators: ["ols"] },
    uncertainty: { ...s.config.uncertainty, enabled: false },
    frontier,
  };
  return { config, panel: s.panel };
}

/** A paper Table 3 with a few cells (one K missing, as the paper prints "-"). */
const PAPER: PaperTables = {
  source: "test",
  table2: [],
  table3: [
    { country: "KAZ", year: 2015, k: 1.2, words: "", class: "expanding" },
    { country: "KGZ", year: 2016, k: 0.7, words: "", class: "huge" },
    { country: "TJK", year: 2017, k: null, words: "", class: null },
    { country: "TJK", year: 2018, k: -0.88, words: "", class: "huge" },
    { country: "UZB", year: 2018, k: 0.9, words: "", class: "expanding" },
    { country: "TKM", year: 2019, k: 1.4, words: "", class: "remodelling" },
  ],
};

Deno.test("rankCorrelation = scipy.stats.spearmanr (ties by average ranks); NaN below 3 pairs", () => {
  for (const c of REF.spearman) {
    assert.ok(Math.abs(rankCorrelation(c.a, c.b) - c.rho) < 1e-12, `${c.a} ${c.b}`);
  }
  assert.ok(Number.isNaN(rankCorrelation([1, 2], [2, 1])));
});

Deno.test("frontier section: each row carries the paper's, the in-sample and the benchmark's K", () => {
  const { config, panel } = study();
  const world = fixtureWorld();
  const r = runGravityStudy(config, panel, { world, paper: PAPER });
  const f = r.frontier!;
  assert.ok(f.world.ok, f.world.reason ?? "");
  // the section's rows are the world fit's, one per study partner-year
  const direct = runWorldFrontier(world, FRONTIER, { partners: CA5 });
  assert.equal(f.rows.length, direct.rows.length);
  assert.equal(f.rows.length, REF.world.rows.length);
  const key = (x: { country: string; year: number }) => `${x.country}|${x.year}`;
  const potential = new Map(r.potential.map((p) => [key(p), p.k]));
  const bench = new Map(r.benchmark!.fits[0].k.map((k) => [key(k), k.k]));
  const paper = new Map(PAPER.table3.map((p) => [key(p), p.k]));
  f.rows.forEach((row, i) => {
    assert.equal(row.efficiency, direct.rows[i].efficiency);
    assert.equal(row.kStudy, potential.get(key(row)) ?? null, key(row));
    assert.deepEqual(row.kBenchmark, [{ estimator: "ols", k: bench.get(key(row)) ?? null }]);
    assert.equal(row.kPaper, paper.get(key(row)) ?? null, key(row));
  });
  // 2013-2014 are before the study's years: no in-sample K; the benchmark covers every year
  assert.ok(f.rows.filter((x) => x.year < 2015).every((x) => x.kStudy === null));
  assert.ok(f.rows.every((x) => typeof x.kBenchmark[0].k === "number"));
  assert.equal(f.rows.filter((x) => x.kPaper !== null).length, 5);
});

Deno.test("frontier section: TE's rank correlation with each K over the partner-years with both", () => {
  const { config, panel } = study();
  const r = runGravityStudy(config, panel, { world: fixtureWorld(), paper: PAPER });
  const f = r.frontier!;
  assert.deepEqual(f.correlations.map((c) => c.k), ["paper", "in-sample", "benchmark OLS"]);
  const pairs = (get: (x: typeof f.rows[0]) => number | null) => {
    const both = f.rows.filter((x) => get(x) !== null && get(x)! > 0);
    return [both.map((x) => x.efficiency), both.map((x) => get(x)!)];
  };
  const expected = [
    pairs((x) => x.kPaper),
    pairs((x) => x.kStudy),
    pairs((x) => x.kBenchmark[0].k),
  ];
  f.correlations.forEach((c, i) => {
    assert.equal(c.n, expected[i][0].length, c.k);
    assert.equal(c.rho, rankCorrelation(expected[i][0], expected[i][1]), c.k);
  });
  assert.equal(f.correlations[0].n, 4);
  // the paper's negative K (its log-ratio artefact) is left out and counted
  assert.deepEqual(f.correlations.map((c) => c.nonPositive), [1, 0, 0]);
  assert.equal(f.correlations[2].n, f.rows.length);
});

Deno.test("frontier section: the five-partner fit is the same model on the study's own design", () => {
  const { config, panel } = study();
  const r = runGravityStudy(config, panel, { world: fixtureWorld() });
  const t = r.frontier!.thin;
  const rows = r.data.design.filter((d) => d.complete);
  assert.equal(t.n, rows.length);
  assert.equal(t.partners, 5);
  assert.ok(t.ok, t.reason ?? "");
  const direct = stochasticFrontier(
    rows.map((d) => d.y!),
    config.terms.map((term) => ({ name: term.name, values: rows.map((d) => d.x[term.name]!) })),
    { panel: { id: rows.map((d) => d.country), time: rows.map((d) => d.year) }, timeVarying: true },
  );
  assert.equal(t.gamma!.estimate, direct.gamma.estimate);
  assert.equal(t.eta!.estimate, direct.eta!.estimate);
  assert.equal(t.meanEfficiency, direct.meanEfficiency);
  assert.deepEqual(t.byPartner.map((p) => p.country), CA5);
  for (const p of t.byPartner) {
    const mine = direct.efficiency.filter((e) => e.id === p.country);
    const mean = mine.reduce((s, e) => s + e.efficiency, 0) / mine.length;
    assert.ok(Math.abs(p.thin - mean) < 1e-12, p.country);
    const years = new Set(mine.map((e) => e.time));
    const w = r.frontier!.rows.filter((x) => x.country === p.country && years.has(x.year));
    assert.ok(Math.abs(p.world! - w.reduce((s, x) => s + x.efficiency, 0) / w.length) < 1e-12);
  }
});

Deno.test("frontier section: the reading says why the world panel, the skew, eta and K vs TE", () => {
  const { config, panel } = study();
  const r = runGravityStudy(config, panel, { world: fixtureWorld(), paper: PAPER });
  const [thin, skew, eta, k, last] = r.frontier!.notes;
  const w = r.frontier!.world;
  assert.match(thin, /estimated from the spread across partners/);
  assert.match(thin, /so it needs many partners/);
  assert.match(thin, /The study's own panel has 5 partners \(30 partner-years\)/);
  const t = r.frontier!.thin;
  assert.ok(
    thin.includes(`gamma = ${t.gamma!.estimate.toFixed(3)} (SE ${t.gamma!.stdError.toFixed(3)})`),
  );
  assert.match(thin, /it orders the partners differently from the world frontier \(by mean TE: /);
  assert.ok(
    thin.includes(
      `all ${w.partners} partners of the world panel (${w.n} partner-years, 2013-2020)`,
    ),
    thin,
  );
  // the fixture's pooled residuals are skewed the right way (a true one-sided shortfall)
  assert.ok(w.crossSection!.skewness < 0);
  assert.ok(
    skew.includes(`skewed the right way for a frontier (skewness ${w.skewness.toFixed(3)})`),
  );
  assert.ok(skew.includes(`gamma = ${w.gamma.estimate.toFixed(3)}`), skew);
  assert.match(skew, /counts as inefficiency/);
  assert.match(skew, /a ceiling, not a forecast/);
  assert.ok(eta.startsWith(`eta = ${w.eta!.estimate.toFixed(4)}`), eta);
  assert.match(eta, w.eta!.estimate > 0 ? /shrinks over time/ : /grows over time/);
  for (const c of r.frontier!.correlations) {
    const left = c.nonPositive ? `; ${c.nonPositive} K not above 0 left out` : "";
    assert.ok(k.includes(`${c.k} ${c.rho.toFixed(2)} (n = ${c.n}${left})`), `${c.k} in: ${k}`);
  }
  const top = r.frontier!.rows.filter((x) => x.year === 2020)
    .sort((a, b) => b.efficiency - a.efficiency)[0];
  assert.ok(
    last.startsWith(`In 2020 the most efficient of the study's partners is ${top.country}`),
  );
});

Deno.test("frontier section: the wrong skew is said in words (the estimator's warning case)", () => {
  const { config, panel } = study();
  const world = fixtureWorld();
  // turn the one-sided shortfall into a one-sided surplus: ln trade mirrored around its mean
  const lnMean = world.rows.reduce((s, x) => s + (x.trade > 0 ? Math.log(x.trade) : 0), 0) /
    world.rows.length;
  const rows = world.rows.map((x) => ({
    ...x,
    trade: x.trade > 0 ? Math.exp(2 * lnMean - Math.log(x.trade)) : x.trade,
  }));
  const flipped = runGravityStudy(config, panel, { world: { ...world, rows } });
  const w = flipped.frontier!.world;
  assert.ok(w.crossSection!.skewness > 0);
  assert.match(flipped.frontier!.notes[1], /skewed the wrong way for a frontier \(skewness \+/);
  assert.match(flipped.frontier!.notes[1], /finds no shortfall \(gamma = 0\.000/);
});

Deno.test("frontier section: off, absent, given by the caller, or not fitted", () => {
  const { config, panel } = study();
  const world = fixtureWorld();
  // enabled false: null; no frontier key in the config: no frontier key in the result
  assert.equal(
    runGravityStudy({ ...config, frontier: { ...FRONTIER, enabled: false } }, panel, {
      world,
    }).frontier,
    null,
  );
  const { frontier: _, ...noKey } = config;
  assert.ok(!("frontier" in runGravityStudy(noKey, panel, { world })));
  // no world panel and no fit: null
  assert.equal(runGravityStudy(config, panel).frontier, null);
  // a fit given by the caller (the study command's cache) is used as it is
  const given: WorldFrontier = runWorldFrontier(world, { ...FRONTIER, level: 0.5 }, {
    partners: CA5,
  });
  const r = runGravityStudy(config, panel, { frontier: given });
  assert.equal(r.frontier!.world, given);
  // a fitted world's warnings join the study's, each marked; no reason line for a fit that is ok
  assert.ok(given.ok);
  const warned = { ...given, warnings: ["a note of the fit", "another"] };
  assert.deepEqual(
    runGravityStudy(config, panel, { frontier: warned }).warnings.filter((w) =>
      w.startsWith("frontier")
    ),
    ["frontier: a note of the fit", "frontier: another"],
  );
  // a fit that failed: the reason in the notes and in the study's warnings
  const short = { ...world, rows: world.rows.filter((x) => x.partner === "KAZ") };
  const failed = runGravityStudy(config, panel, { world: short });
  assert.equal(failed.frontier!.world.ok, false);
  assert.match(failed.frontier!.notes[0], /^The stochastic frontier could not be fitted: too few/);
  assert.ok(failed.warnings.some((x) => /^frontier: too few observations/.test(x)));
  assert.deepEqual(failed.frontier!.rows, []);
  assert.equal(failed.frontier!.thin.ok, false);
});
