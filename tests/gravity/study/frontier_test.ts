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
import {
  type FrontierStudyInputs,
  rankCorrelation,
  studyFrontier,
} from "../../../lib/gravity/study/frontier.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { DesignRow } from "../../../lib/gravity/types.ts";
import type { BenchmarkResult } from "../../../lib/gravity/world/benchmark.ts";
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

// ---------------------------------------------------------------------------------------------
// The section on a hand-built world fit (no world estimation): which K joins which row, the rank
// correlations worked by hand, the thin-panel fit on a design whose ordering is known by
// construction, and every sentence of the reading written out.

/** TE of the hand-built world rows, AAA BBB CCC in 2019 and 2020 (DDD has no row). */
const TE = { AAA: [0.9, 0.8], BBB: [0.6, 0.7], CCC: [0.5, 0.4] } as Record<string, number[]>;
/** Actual trade (US$ bn) of the same rows; the potential is actual / TE. */
const ACTUAL = { AAA: [9, 8], BBB: [6, 7], CCC: [5, 2] } as Record<string, number[]>;
const RANK = { AAA: [1, 2], BBB: [10, 5], CCC: [20, 30] } as Record<string, number[]>;

/** A hand-built world fit: 40 partners, 320 partner-years 2013-2020, the given TE by partner. */
function handWorld(te = TE, over: Partial<WorldFrontier> = {}): WorldFrontier {
  const rows = Object.keys(te).flatMap((country) =>
    te[country].map((efficiency, j) => {
      const actual = (ACTUAL[country]?.[j] ?? 1) * 1e9;
      return {
        country,
        year: 2019 + j,
        actual,
        frontier: actual / efficiency,
        efficiency,
        lower: efficiency - 0.1,
        upper: efficiency + 0.05,
        potential: actual / efficiency,
        potentialLower: actual / (efficiency + 0.05),
        potentialUpper: actual / (efficiency - 0.1),
        rank: RANK[country]?.[j] ?? 1,
        of: 40,
      };
    })
  );
  const est = (estimate: number, stdError: number) => ({ estimate, stdError });
  return {
    config: FRONTIER,
    ok: true,
    description: "hand-built",
    n: 320,
    partners: 40,
    years: [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020],
    excluded: { missing: 0, zeroTrade: 0 },
    omitted: [],
    coefficients: [],
    sigmaSq: est(0.5, 0.1),
    gamma: est(0.8, 0.05),
    lambda: est(2, 0.3),
    eta: est(0.0123, 0.0045),
    sigmaUSq: 0.4,
    sigmaVSq: 0.1,
    logLik: -100,
    olsLogLik: -106.17,
    skewness: -0.4321,
    lrTest: {
      statistic: 12.34,
      df: 2,
      pValue: 0.00321,
      criticalValue5: 5.138,
      distribution: "mixed chi-square",
    },
    meanEfficiency: 0.6543,
    meanEfficiencyByPeriod: [],
    converged: true,
    warnings: [],
    crossSection: {
      skewness: -0.4321,
      gamma: 0.5,
      meanEfficiency: 0.7,
      lrStatistic: 3,
      warnings: [],
    },
    rows,
    missingPartners: ["DDD"],
    ...over,
  };
}

/** A design row of the study (term ln_gdp), complete unless y is null. */
function designRow(country: string, year: number, x: number, y: number | null): DesignRow {
  return {
    country,
    year,
    actual: y === null ? null : Math.exp(y),
    y,
    x: { ln_gdp: x },
    missing: y === null ? ["trade missing"] : [],
    complete: y !== null,
    predictable: true,
  };
}

/**
 * Four partners over 2015-2020, ln trade = 1 + ln_gdp - u + v with u = 0.4, 0, 0.8, 1.2 for
 * AAA, BBB, CCC, DDD (v a small wave): the thin fit must rank BBB > AAA > CCC > DDD. DDD's rows
 * come first and the partners out of order; one more partner-year (EEE) has no trade.
 */
function thinDesign(): DesignRow[] {
  const u: Record<string, number> = { DDD: 1.2, BBB: 0, AAA: 0.4, CCC: 0.8 };
  const rows: DesignRow[] = [];
  let k = 0;
  for (const c of Object.keys(u)) {
    for (let t = 2015; t <= 2020; t++) {
      k++;
      const x = 1 + 0.37 * ((k * 7) % 11);
      rows.push(designRow(c, t, x, 1 + x - u[c] + 0.1 * Math.sin(3 * k)));
    }
  }
  rows.push(designRow("EEE", 2020, 2, null));
  return rows;
}

/** Too few rows for the thin fit: 3 complete partner-years of AAA and BBB, EEE's without trade. */
const SHORT_DESIGN = [
  designRow("AAA", 2019, 1, 2),
  designRow("AAA", 2020, 1.5, 2.2),
  designRow("BBB", 2020, 2, 2.5),
  designRow("EEE", 2020, 2, null),
];

/** The study's side: its one term, the design, the in-sample K, the paper's and a benchmark. */
function handInputs(design: DesignRow[] = SHORT_DESIGN): FrontierStudyInputs {
  const fit = (estimator: string, ok: boolean, k: [string, number, number][]) => ({
    estimator,
    ok,
    k: k.map(([country, year, v]) => ({ country, year, k: v })),
  });
  return {
    // the section reads only the terms of the config
    config: { terms: [{ name: "ln_gdp" }] } as unknown as StudyConfig,
    data: { design },
    potential: [
      { country: "AAA", year: 2019, k: 1.1 },
      { country: "BBB", year: 2019, k: 0.9 },
      { country: "ZZZ", year: 2019, k: 3 },
    ],
    paper: {
      table3: [
        { country: "AAA", year: 2019, k: 1, words: "", class: null },
        { country: "AAA", year: 2020, k: 0, words: "", class: null },
        { country: "BBB", year: 2019, k: -0.5, words: "", class: null },
        { country: "BBB", year: 2020, k: 3, words: "", class: null },
        { country: "CCC", year: 2019, k: 2, words: "", class: null },
        { country: "CCC", year: 2020, k: null, words: "", class: null },
      ],
    },
    benchmark: {
      fits: [
        fit("ols", false, [["AAA", 2019, 9]]),
        fit("ppml", true, [
          ["AAA", 2019, 1.2],
          ["AAA", 2020, 1.1],
          ["BBB", 2019, 0.8],
          ["BBB", 2020, 0.9],
          ["CCC", 2019, 0.5],
          ["CCC", 2020, 0.6],
        ]),
      ],
    } as unknown as BenchmarkResult,
  };
}

const HEAD = "A frontier is estimated from the spread across partners: the distribution of the " +
  "shortfall u is learnt from how far partners fall below the best ones, one draw of u per " +
  "partner (Battese and Coelli 1992), so it needs many partners.";
const TAIL = " The study therefore fits the frontier on China's trade with all 40 partners of " +
  "the world panel (320 partner-years, 2013-2020) and reads its five partners' efficiency off " +
  "that fit.";
const PANEL = " The panel model finds gamma = 0.800 (LR = 12.3, p = 0.0032) because it pools " +
  "each partner's residuals over its years: a partner below the line year after year is read " +
  "as inefficient. Any persistent trait of a partner that the regressors miss (trade policy, " +
  "history, infrastructure, its trade with everyone else) therefore counts as inefficiency. TE " +
  "here is China's trade with the partner relative to the best-performing partners with the " +
  "same GDP, population and geography (mean over all partner-years 0.654), not a measure of " +
  "waste, and the frontier potential actual / TE is what China would trade with the partner if " +
  "it matched those best partners: a ceiling, not a forecast.";
const K_HEAD = "K and TE measure different distances: K = actual / the fitted mean compares a " +
  "partner with the average partner like it (K near 1 is ordinary), TE compares it with the " +
  "best partners like it (always below 1), so a partner can have K above 1 and TE well below " +
  "1. They can share the ordering";
const K_TAIL = " The in-sample K compares the five with each other through equation (2), the " +
  "benchmark K with the world's average partner (the five left out of its fit), the frontier " +
  "with the world's best; the paper's K comes from its own regression on unpublished data.";

Deno.test("frontier section: each row's K by partner-year; a failed benchmark fit adds no column", () => {
  const s = studyFrontier(handWorld(), handInputs());
  assert.deepEqual(
    s.rows.map((r) => [r.country, r.year, r.kPaper, r.kStudy, r.kBenchmark]),
    [
      ["AAA", 2019, 1, 1.1, [{ estimator: "ppml", k: 1.2 }]],
      ["AAA", 2020, 0, null, [{ estimator: "ppml", k: 1.1 }]],
      ["BBB", 2019, -0.5, 0.9, [{ estimator: "ppml", k: 0.8 }]],
      ["BBB", 2020, 3, null, [{ estimator: "ppml", k: 0.9 }]],
      ["CCC", 2019, 2, null, [{ estimator: "ppml", k: 0.5 }]],
      ["CCC", 2020, null, null, [{ estimator: "ppml", k: 0.6 }]],
    ],
  );
  // no paper and no benchmark: every K null, no benchmark column
  const bare = studyFrontier(handWorld(), { ...handInputs(), paper: null, benchmark: null });
  assert.ok(bare.rows.every((r) => r.kPaper === null && r.kBenchmark.length === 0));
});

Deno.test("frontier section: rank correlations worked by hand, K at or below 0 and null left out", () => {
  const s = studyFrontier(handWorld(), handInputs());
  // paper: TE (0.9, 0.7, 0.5) against K (1, 3, 2): rank differences 2, -1, -1, rho = 1 - 6*6/24;
  // AAA 2020 (K 0) and BBB 2019 (K -0.5) counted out, CCC 2020 (no K) neither
  // in-sample: two pairs only, NaN
  // PPML: TE ranks (6 5 3 4 2 1), K ranks (6 5 3 4 1 2): rho = 1 - 6*2/(6*35)
  assert.deepEqual(s.correlations, [
    { k: "paper", n: 3, rho: -0.5, nonPositive: 2 },
    { k: "in-sample", n: 2, rho: NaN, nonPositive: 0 },
    { k: "benchmark PPML", n: 6, rho: s.correlations[2].rho, nonPositive: 0 },
  ]);
  assert.ok(Math.abs(s.correlations[2].rho - (1 - 12 / 210)) < 1e-12);
  assert.equal(
    s.notes[3],
    `${K_HEAD}: the rank correlation of TE with each K is paper -0.50 (n = 3; 2 K not above 0 ` +
      `left out), benchmark PPML 0.94 (n = 6).${K_TAIL}`,
  );
  // a fitted world without any study partner-year: no rows, nothing to correlate
  const empty = studyFrontier(handWorld({}, { missingPartners: ["AAA", "BBB"] }), handInputs());
  assert.deepEqual(empty.rows, []);
  assert.deepEqual(empty.correlations, [
    { k: "paper", n: 0, rho: NaN, nonPositive: 0 },
    { k: "in-sample", n: 0, rho: NaN, nonPositive: 0 },
  ]);
  assert.equal(empty.notes[3], `${K_HEAD}.${K_TAIL}`);
  assert.equal(empty.notes.length, 5);
  assert.equal(empty.notes[4], "No partner-year in the frontier's sample for AAA, BBB.");
});

Deno.test("frontier section: a study panel too small to fit is said so, with the estimator's reason", () => {
  const s = studyFrontier(handWorld(), handInputs());
  assert.deepEqual(s.thin, {
    ok: false,
    reason: "too few observations: 3 complete row(s) for 5 parameter(s) (need more rows than " +
      "parameters)",
    n: 3,
    partners: 2,
    byPartner: [],
    warnings: [],
  });
  assert.deepEqual(s.notes, [
    `${HEAD} On the study's own panel (2 partners, 3 partner-years) it cannot even be fitted: ` +
    `too few observations: 3 complete row(s) for 5 parameter(s) (need more rows than ` +
    `parameters).${TAIL}`,
    "Pooled as a cross-section (each partner-year on its own), the OLS residuals are skewed the " +
    `right way for a frontier (skewness -0.432) (gamma = 0.500, mean TE 0.700).${PANEL}`,
    "eta = 0.0123 (SE 0.0045): inefficiency u_it = exp(-eta (t - T_i)) u_i shrinks over time " +
    "by the same factor for every partner, so every partner's TE rises a little each year; the " +
    "model lets the level of inefficiency differ by partner, not its trend.",
    s.notes[3],
    "In 2020 the most efficient of the study's partners is AAA (TE 0.80, rank 2 of 40 partners; " +
    "frontier potential 10.0 against actual 8.0 US$ bn), the least CCC (TE 0.40, rank 30 of 40 " +
    "partners; frontier potential 5.0 against actual 2.0 US$ bn).",
    "No partner-year in the frontier's sample for DDD.",
  ]);
  // an error that is not the input's (here a design row without its term values) is thrown
  const broken = { ...SHORT_DESIGN[0], x: undefined } as unknown as DesignRow;
  assert.throws(
    () => studyFrontier(handWorld(), handInputs([broken, ...SHORT_DESIGN])),
    TypeError,
  );
});

Deno.test("frontier section: the thin fit ranks the partners as built; its ordering against the world's", () => {
  const design = thinDesign();
  // the world's TE in the same order: BBB 0.85, AAA 0.65, CCC 0.45 on average
  const same = studyFrontier(
    handWorld({ AAA: [0.6, 0.7], BBB: [0.9, 0.8], CCC: [0.5, 0.4] }),
    handInputs(design),
  );
  const t = same.thin;
  assert.ok(t.ok, t.reason ?? "");
  assert.equal(t.n, 24);
  assert.equal(t.partners, 4);
  assert.deepEqual(t.byPartner.map((p) => p.country), ["AAA", "BBB", "CCC", "DDD"]);
  const thin = t.byPartner.map((p) => p.thin);
  assert.ok(thin[1] > thin[0] && thin[0] > thin[2] && thin[2] > thin[3], `${thin}`);
  // the world fit's mean TE over the same years (2019 and 2020 only in the world rows)
  const world = t.byPartner.map((p) => p.world);
  [0.65, 0.85, 0.45].forEach((v, i) => assert.ok(Math.abs(world[i]! - v) < 1e-12));
  assert.equal(world[3], null);
  const f3 = (v: number) => v.toFixed(3);
  const thinNote = (ordering: string) =>
    `${HEAD} The study's own panel has 4 partners (24 partner-years): the same model on its ` +
    `equation gives gamma = ${f3(t.gamma!.estimate)} (SE ${f3(t.gamma!.stdError)}), each ` +
    `partner's efficiency measured against the best of these 4 only (mean TE by partner from ` +
    `${f3(thin[3])} to ${f3(thin[1])}), and ${ordering}. With 4 partners there are only 4 ` +
    `draws of u to learn its distribution from, and the standard errors and the LR test assume ` +
    `many.${TAIL}`;
  assert.equal(
    same.notes[0],
    thinNote("it orders the partners as the world frontier does (BBB > AAA > CCC)"),
  );
  // the world's TE reversed: rank correlation -1
  const reversed = { AAA: [0.6, 0.7], BBB: [0.4, 0.5], CCC: [0.9, 0.8] };
  assert.equal(
    studyFrontier(handWorld(reversed), handInputs(design)).notes[0],
    thinNote(
      "it orders the partners differently from the world frontier (by mean TE: BBB > AAA > " +
        "CCC, against CCC > AAA > BBB; rank correlation -1.00)",
    ),
  );
  // two partners in both fits: no rank correlation
  const two = { AAA: [0.6, 0.7], BBB: [0.4, 0.5] };
  assert.equal(
    studyFrontier(handWorld(two), handInputs(design)).notes[0],
    thinNote(
      "it orders the partners differently from the world frontier (by mean TE: BBB > AAA, " +
        "against AAA > BBB)",
    ),
  );
});

Deno.test("frontier section: the skew, the LR p-value and eta in words at and around their limits", () => {
  const notes = (over: Partial<WorldFrontier>) => studyFrontier(handWorld(TE, over), handInputs());
  const cs = handWorld().crossSection!;
  const panel = (p: string) => PANEL.replace("p = 0.0032", p);
  // skewness exactly 0: the right way, unsigned
  assert.equal(
    notes({ crossSection: { ...cs, skewness: 0 }, lrTest: { ...handWorld().lrTest, pValue: 1e-4 } })
      .notes[1],
    "Pooled as a cross-section (each partner-year on its own), the OLS residuals are skewed the " +
      `right way for a frontier (skewness 0.000) (gamma = 0.500, mean TE 0.700).${
        panel("p = 0.0001")
      }`,
  );
  // skewness above 0: Waldman's wrong skew
  assert.equal(
    notes({
      crossSection: { ...cs, skewness: 0.25, gamma: 0, meanEfficiency: 1 },
      lrTest: { ...handWorld().lrTest, pValue: 5e-5 },
    }).notes[1],
    "Pooled as a cross-section (each partner-year on its own), the OLS residuals are skewed the " +
      "wrong way for a frontier (skewness +0.250): partner-years fall above the line as far as " +
      "below it, so the cross-section frontier finds no shortfall (gamma = 0.000, mean TE " +
      `1.000; Waldman 1982).${panel("p < 0.0001")}`,
  );
  // no cross-section: the panel sentence alone
  assert.equal(notes({ crossSection: null }).notes[1], PANEL);
  const etaWords = (e: string, se: string, path: string, te: string) =>
    `eta = ${e} (SE ${se}): inefficiency u_it = exp(-eta (t - T_i)) u_i ${path} over time by ` +
    `the same factor for every partner, so every partner's TE ${te} a little each year; the ` +
    `model lets the level of inefficiency differ by partner, not its trend.`;
  const eta = (estimate: number) => notes({ eta: { estimate, stdError: 0.01 } }).notes[2];
  assert.equal(eta(-0.02), etaWords("-0.0200", "0.0100", "grows", "falls"));
  assert.equal(eta(0), etaWords("0.0000", "0.0100", "grows", "falls"));
  assert.equal(
    notes({ eta: undefined }).notes[2],
    "Inefficiency is time-invariant (u_i): each partner's TE is the same every year.",
  );
});

Deno.test("frontier section: the last year's most and least efficient need two partners that year", () => {
  const two = studyFrontier(
    handWorld({ AAA: [0.9, 0.8], CCC: [0.5, 0.4] }, { missingPartners: [] }),
    handInputs(),
  );
  assert.equal(two.notes.length, 5);
  assert.equal(
    two.notes[4],
    "In 2020 the most efficient of the study's partners is AAA (TE 0.80, rank 2 of 40 partners; " +
      "frontier potential 10.0 against actual 8.0 US$ bn), the least CCC (TE 0.40, rank 30 of 40 " +
      "partners; frontier potential 5.0 against actual 2.0 US$ bn).",
  );
  // one partner in 2020 (BBB has 2019 only): no such sentence, and no partner missing
  const one = studyFrontier(
    handWorld({ AAA: [0.9, 0.8], BBB: [0.6] }, { missingPartners: [] }),
    handInputs(),
  );
  assert.equal(one.notes.length, 4);
  assert.ok(one.notes[3].startsWith("K and TE measure different distances"));
});

Deno.test("frontier section: a world fit that failed gives its reason and nothing else", () => {
  const reason = "too few observations: 16 complete row(s) for 17 parameter(s)";
  const s = studyFrontier(handWorld({}, { ok: false, reason, rows: [] }), handInputs());
  assert.deepEqual(s.rows, []);
  assert.deepEqual(s.correlations, []);
  assert.deepEqual(s.thin, {
    ok: false,
    reason: "the world frontier was not fitted",
    n: 0,
    partners: 0,
    byPartner: [],
    warnings: [],
  });
  assert.deepEqual(s.notes, [`The stochastic frontier could not be fitted: ${reason}.`]);
});

// ---------------------------------------------------------------------------------------------
// The section in a study run (the fixture world fitted, a synthetic five-partner study).

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
