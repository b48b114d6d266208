/**
 * The frontier section in the printed study and report.html: Table 4 (the model), Table 4b (each
 * partner-year's TE, interval, rank and frontier potential beside the K values), the reading in
 * plain words with the note on thin panels, the efficiency figure; nothing without the section.
 */
import assert from "node:assert/strict";
import { BENCHMARK_DEFAULTS } from "../../../../lib/gravity/config/benchmark.ts";
import { FRONTIER_DEFAULTS } from "../../../../lib/gravity/config/frontier.ts";
import type { StudyConfig } from "../../../../lib/gravity/config/study.ts";
import { studyFigures } from "../../../../lib/gravity/render/figures.ts";
import {
  formatFrontierSection,
  frontierEfficiencySpec,
  frontierModelSpec,
  frontierSpecs,
} from "../../../../lib/gravity/render/sections/frontier.ts";
import { studyReport } from "../../../../lib/gravity/render/report_page.ts";
import { formatStudy, TEXT_WIDTH } from "../../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../../lib/gravity/synthetic/study.ts";
import type { StudyFrontier } from "../../../../lib/gravity/study/frontier.ts";
import type { StudyResult } from "../../../../lib/gravity/study/types.ts";
import type { WorldFrontier } from "../../../../lib/gravity/world/frontier.ts";
import { fixtureWorld } from "../../world/frontier_fixture.ts";
import { handStudy } from "../hand_results.ts";

const CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];

function result(frontier: StudyConfig["frontier"] = {
  ...FRONTIER_DEFAULTS,
  years: { from: 2013, to: 2020 },
}, world = fixtureWorld()) {
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
  return runGravityStudy(config, s.panel, { world });
}

// ---------------------------------------------------------------------------------------------
// A hand-built frontier section (no fit): every line of Tables 4 and 4b and of the reading.

/** The hand study with a frontier section: AAA and BBB in 2020, round numbers everywhere. */
function handFrontier(
  world: Partial<WorldFrontier> = {},
  rows?: StudyFrontier["rows"],
): StudyResult {
  const r = handStudy();
  const est = (estimate: number, stdError: number) => ({ estimate, stdError });
  const coef = (term: string, estimate: number, stdError: number, p: number) => ({
    term,
    estimate,
    stdError,
    z: estimate / stdError,
    p,
    ciLower: NaN,
    ciUpper: NaN,
  });
  const w: WorldFrontier = {
    config: { ...FRONTIER_DEFAULTS, years: { from: 2018, to: 2020 }, level: 0.8 },
    ok: true,
    description: "Battese-Coelli panel frontier",
    n: 120,
    partners: 40,
    years: [2018, 2019, 2020],
    excluded: { missing: 2, zeroTrade: 1 },
    omitted: ["colony", "contig"],
    coefficients: [
      coef("(Intercept)", 2.5, 0.5, 5e-5),
      coef("ln_gdp", 0.9, 0.3, 1e-4),
      coef("post_year_2015", 0.25, 0.125, 0.0455),
      coef("year_2016_on", -0.5, 0.25, 0.0455),
      coef("year_2019", 0.1, 0.05, 0.0455),
      coef("year_2020", 0.2, 0.05, 6.3e-5),
    ],
    sigmaSq: est(0.5, 0.1),
    gamma: est(0.8, 0.05),
    lambda: est(2, 0.25),
    mu: est(-0.25, 0.5),
    eta: est(0.015, 0.005),
    sigmaUSq: 0.4,
    sigmaVSq: 0.1,
    logLik: -100.25,
    olsLogLik: -106.5,
    skewness: -0.4321,
    lrTest: {
      statistic: 12.5,
      df: 3,
      pValue: 0.0321,
      criticalValue5: 7.045,
      distribution: "mixed chi-square",
    },
    meanEfficiency: 0.6543,
    meanEfficiencyByPeriod: [
      { time: 2018, n: 40, mean: 0.625 },
      { time: 2019, n: 40, mean: 0.65 },
      { time: 2020, n: 40, mean: 0.6875 },
    ],
    converged: true,
    warnings: ["gamma is near 1", "flat in eta"],
    crossSection: {
      skewness: -0.4321,
      gamma: 0.5,
      meanEfficiency: 0.7,
      lrStatistic: 3,
      warnings: [],
    },
    rows: [],
    missingPartners: [],
    ...world,
  };
  const row = (
    country: string,
    actual: number,
    efficiency: number,
    kPaper: number | null,
    kStudy: number | null,
    k: [number | null, number | null],
  ) => ({
    country,
    year: 2020,
    actual,
    frontier: actual / efficiency,
    efficiency,
    lower: efficiency - 0.125,
    upper: efficiency + 0.0625,
    potential: actual / efficiency,
    potentialLower: actual / (efficiency + 0.0625),
    potentialUpper: actual / (efficiency - 0.125),
    rank: country === "AAA" ? 3 : 17,
    of: 40,
    kPaper,
    kStudy,
    kBenchmark: [{ estimator: "ols", k: k[0] }, { estimator: "ppml", k: k[1] }],
  });
  r.frontier = {
    world: w,
    rows: rows ?? [
      row("AAA", 5e9, 0.625, 1.25, null, [0.875, 1.5]),
      row("BBB", 1.5e9, 0.375, null, 0.5, [null, 0.75]),
    ],
    correlations: [],
    thin: { ok: false, reason: "too few", n: 4, partners: 2, byPartner: [], warnings: [] },
    notes: ["First note <a>.", "Second note & more."],
  };
  return r;
}

/** Table 4 of the hand-built section as text, worked from its numbers (year effects hidden). */
const TABLE_4 = [
  "Table 4. Stochastic frontier gravity model of CHN's trade with every partner, 2018-2020",
  "------------------------------------------",
  "Term             Coef.     SE   z    P>|z|",
  "------------------------------------------",
  "(Intercept)      2.500  0.500   5  <0.0001",
  "ln_gdp           0.900  0.300   3   0.0001",
  "post_year_2015   0.250  0.125   2   0.0455",
  "year_2016_on    -0.500  0.250  -2   0.0455",
  "sigmaSq          0.500  0.100   .        .",
  "gamma            0.800  0.050   .        .",
  "lambda               2  0.250   .        .",
  "mu              -0.250  0.500   .        .",
  "eta              0.015  0.005   .        .",
  "------------------------------------------",
  "Battese-Coelli panel frontier; FRONTIER's parameterisation sigmaSq = sigma_v^2 + sigma_u^2, gamma = sigma_u^2 / sigmaSq, lambda = sigma_u / sigma_v. Dependent: ln CHN-reported exports + imports (US$).",
  "N = 120 partner-years, 40 partners, 2018-2020; left out: 2 with a missing variable, 1 with zero trade (no log); constant on the sample: colony, contig; 2 year effects (the first year the base) not shown.",
  "ln L = -100.250 (OLS -106.500); LR test of no inefficiency 12.50 against the mixed chi-square, p = 0.0321 (5% critical value 7.045).",
  "Mean efficiency 0.654; by year: 2018 0.625, 2019 0.650, 2020 0.688.",
  "OLS residual skewness -0.432; pooled as a cross-section (half-normal) the frontier gives gamma = 0.500 and mean efficiency 0.700.",
  "Warning: gamma is near 1.",
  "Warning: flat in eta.",
];

/** Table 4b of the hand-built section as text. */
const TABLE_4B = [
  "Table 4b. Trade efficiency and frontier potential of the study's partners, beside K",
  "------------------------------------------------------------------------------------------------------------------",
  "Country  Year  Actual US$ bn     TE  80% int.    Rank  Potential US$ bn  80% int.  Paper K  Study K  K-OLS  K-PPML",
  "------------------------------------------------------------------------------------------------------------------",
  "AAA      2020              5  0.625  0.50-0.69   3/40                 8  7.27-10     1.250        .  0.875   1.500",
  "BBB      2020           1.50  0.375  0.25-0.44  17/40                 4  3.43-6          .    0.500      .   0.750",
  "------------------------------------------------------------------------------------------------------------------",
  "TE = E[exp(-u) | e] (Battese and Coelli), the partner's trade as a share of the frontier; 80% int. = Horrace-Schmidt bounds (quantiles of u given the partner's residuals, at the estimates: the estimates' own sampling error is not in them). Rank = the partner's TE among all partners of the fit that year (1 = highest).",
  "Potential = actual / TE: what CHN would trade with the partner at the frontier (its noise v included), with the interval mapped from TE's.",
  "Paper K: the paper's Table 3; Study K: the in-sample K of Table 3; K-OLS, K-PPML against the world benchmark (Table 3b).",
];

Deno.test("frontier render: a hand-built section as text, every line of Tables 4 and 4b", () => {
  const r = handFrontier();
  const text = [
    ...TABLE_4,
    "",
    ...TABLE_4B,
    "",
    "Reading the frontier:",
    "  - First note <a>.",
    "  - Second note & more.",
  ].join("\n");
  assert.equal(formatFrontierSection(r, "text"), text);
  // text is the default
  assert.equal(formatFrontierSection(r), text);
});

Deno.test("frontier render: a hand-built section as markdown and HTML", () => {
  const r = handFrontier();
  const md = formatFrontierSection(r, "markdown");
  assert.ok(md.startsWith("**Table 4. Stochastic frontier gravity model of CHN's"), md);
  assert.ok(md.includes("| year_2016_on | -0.500 | 0.250 | -2 | 0.0455 |\n"), md);
  assert.ok(md.includes("Warning: flat in eta.\n\n**Table 4b. Trade efficiency"), md);
  assert.ok(
    md.endsWith(
      "(Table 3b).\n\n**Reading the frontier**\n\n  - First note <a>.\n  - Second note & more.",
    ),
    md,
  );
  const html = formatFrontierSection(r, "html");
  assert.ok(html.startsWith("<table><caption>Table 4. Stochastic frontier gravity model"), html);
  assert.ok(
    html.includes("<p><small>Warning: flat in eta.</small></p>\n<table><caption>Table 4b."),
  );
  assert.ok(
    html.endsWith(
      "(Table 3b).</small></p>\n<h3>Reading the frontier</h3>\n<ul>\n" +
        "<li>First note &lt;a&gt;.</li>\n<li>Second note &amp; more.</li>\n</ul>",
    ),
    html,
  );
});

Deno.test("frontier render: Table 4's notes of a hand-built section without cross-section, omitted terms, year effects or warnings", () => {
  const spec = (over: Partial<WorldFrontier>) => frontierModelSpec(handFrontier(over))!;
  const lr = handFrontier().frontier!.world.lrTest;
  const lrNote = (p: string) =>
    `ln L = -100.250 (OLS -106.500); LR test of no inefficiency 12.50 against the mixed ` +
    `chi-square, ${p} (5% critical value 7.045).`;
  assert.equal(spec({ lrTest: { ...lr, pValue: 5e-5 } }).notes![2], lrNote("p < 0.0001"));
  assert.equal(spec({ lrTest: { ...lr, pValue: 1e-4 } }).notes![2], lrNote("p = 0.0001"));
  const plain = spec({
    crossSection: null,
    omitted: [],
    warnings: [],
    coefficients: handFrontier().frontier!.world.coefficients.slice(0, 2),
    mu: undefined,
    eta: undefined,
  });
  assert.deepEqual(plain.rows.map((x) => x.term), [
    "(Intercept)",
    "ln_gdp",
    "sigmaSq",
    "gamma",
    "lambda",
  ]);
  assert.deepEqual(plain.notes!.slice(1), [
    "N = 120 partner-years, 40 partners, 2018-2020; left out: 2 with a missing variable, 1 " +
    "with zero trade (no log).",
    lrNote("p = 0.0321"),
    "Mean efficiency 0.654; by year: 2018 0.625, 2019 0.650, 2020 0.688.",
    "OLS residual skewness -0.432.",
  ]);
});

Deno.test("frontier render: no section, a failed fit, or a fit without study rows (hand-built)", () => {
  const none = { ...handStudy(), frontier: undefined };
  assert.equal(frontierModelSpec(none), null);
  assert.equal(frontierEfficiencySpec(none), null);
  assert.deepEqual(frontierSpecs(none), []);
  assert.equal(formatFrontierSection(none), "");
  assert.equal(frontierEfficiencySpec({ ...handStudy(), frontier: null }), null);
  const failed = handFrontier({ ok: false, reason: "too few observations" }, []);
  assert.deepEqual(frontierModelSpec(failed), {
    title: "Table 4. Stochastic frontier gravity model of CHN's trade with every partner, " +
      "2018-2020",
    columns: [{ key: "term", label: "Term" }],
    rows: [],
    notes: ["too few observations."],
  });
  assert.equal(frontierEfficiencySpec(failed), null);
  // fitted, no study partner-year: Table 4b without benchmark columns
  const empty = frontierEfficiencySpec(handFrontier({}, []))!;
  assert.deepEqual(empty.columns.map((c) => c.label), [
    "Country",
    "Year",
    "Actual US$ bn",
    "TE",
    "80% int.",
    "Rank",
    "Potential US$ bn",
    "80% int.",
    "Paper K",
    "Study K",
  ]);
  // the intervals stay left-aligned and the rank right-aligned with no row to align by
  assert.deepEqual(empty.columns.map((c) => c.align ?? ""), [
    "",
    "",
    "",
    "",
    "left",
    "right",
    "",
    "left",
    "",
    "",
  ]);
  assert.deepEqual(empty.rows, []);
});

// ---------------------------------------------------------------------------------------------
// The section of a study run (the fixture world fitted, a synthetic five-partner study).

Deno.test("frontier render: Table 4 lists the frontier terms and FRONTIER's parameters", () => {
  const r = result();
  const w = r.frontier!.world;
  const spec = frontierModelSpec(r)!;
  assert.match(
    spec.title!,
    /^Table 4\. Stochastic frontier gravity model of CHN's trade with every partner, 2013-2020$/,
  );
  assert.deepEqual(spec.rows.map((x) => x.term), [
    "(Intercept)",
    "ln_gdp",
    "ln_pop",
    "ln_dist",
    "contig",
    "comlang_off",
    "landlocked",
    "sigmaSq",
    "gamma",
    "lambda",
    "eta",
  ]);
  assert.equal(spec.rows[8].estimate, w.gamma.estimate);
  const notes = spec.notes!.join("\n");
  assert.ok(notes.includes(`N = ${w.n} partner-years, ${w.partners} partners, 2013-2020`));
  assert.ok(
    notes.includes(
      "1 with a missing variable, 1 with zero trade (no log); constant on the sample: colony; 7 year effects",
    ),
  );
  assert.ok(notes.includes(`ln L = ${w.logLik.toFixed(3)}`));
  assert.ok(notes.includes(`Mean efficiency ${w.meanEfficiency.toFixed(3)}; by year: 2013 `));
  const text = formatStudy(r, "text");
  assert.match(
    text,
    new RegExp(`^gamma +${w.gamma.estimate.toFixed(3)} +${w.gamma.stdError.toFixed(3)} `, "m"),
  );
});

Deno.test("frontier render: Table 4b has each partner-year's TE, interval, rank, potential and K", () => {
  const r = result();
  const spec = frontierEfficiencySpec(r)!;
  assert.deepEqual(spec.columns.map((c) => c.label), [
    "Country",
    "Year",
    "Actual US$ bn",
    "TE",
    "90% int.",
    "Rank",
    "Potential US$ bn",
    "90% int.",
    "Paper K",
    "Study K",
    "K-OLS",
  ]);
  const text = formatStudy(r, "text");
  for (const x of r.frontier!.rows) {
    const line = text.split("\n").find((l) =>
      l.startsWith(`${x.country}      ${x.year}  `) &&
      l.includes(`${x.rank}/${x.of}`)
    )!;
    assert.ok(line, `${x.country} ${x.year}`);
    const cells = line.trim().split(/ +/);
    assert.equal(cells[2], (x.actual / 1e9).toFixed(2));
    assert.equal(cells[3], x.efficiency.toFixed(3));
    assert.equal(cells[4], `${x.lower.toFixed(2)}-${x.upper.toFixed(2)}`);
    assert.equal(cells[6], (x.potential / 1e9).toFixed(2));
    assert.equal(
      cells[7],
      `${(x.potentialLower / 1e9).toFixed(2)}-${(x.potentialUpper / 1e9).toFixed(2)}`,
    );
    assert.equal(cells[9], x.kStudy === null ? "." : x.kStudy.toFixed(3));
    assert.equal(cells[10], x.kBenchmark[0].k!.toFixed(3));
  }
  for (const line of text.split("\n")) assert.ok(line.length <= TEXT_WIDTH, line);
});

Deno.test("frontier render: the reading in plain words, with the note on thin panels, in every format", () => {
  const r = result();
  const notes = r.frontier!.notes;
  const text = formatStudy(r, "text");
  assert.match(text, /^Reading the frontier:$/m);
  assert.match(
    text.replace(/\n +/g, " "),
    /so it needs many partners\. The study's own panel has 5 partners/,
  );
  const md = formatStudy(r, "markdown");
  assert.ok(md.includes("**Reading the frontier**"));
  for (const n of notes) assert.ok(md.includes(`  - ${n}`), n);
  const html = formatFrontierSection(r, "html");
  assert.ok(html.includes("<caption>Table 4. Stochastic frontier gravity model"));
  assert.ok(html.includes("<caption>Table 4b. Trade efficiency and frontier potential"));
  assert.ok(html.includes("<h3>Reading the frontier</h3>"));
  assert.ok(html.includes("so it needs many partners"));
  assert.ok(formatStudy(r, "html").includes(html));
});

Deno.test("frontier render: report.html has the section with its efficiency figure", () => {
  const r = result();
  const figures = studyFigures(r);
  const fig = figures.find((f) => f.name === "frontier_efficiency")!;
  assert.equal(fig.part, "frontier");
  assert.match(fig.svg, /^<svg[^>]* data-kind="efficiencyIntervals"/);
  for (const p of CA5) assert.ok(fig.svg.includes(`>${p}<`), p);
  const page = studyReport(r, { figures });
  const at = page.indexOf("Stochastic frontier: trade efficiency and frontier potential");
  assert.ok(at > 0);
  const section = page.slice(at);
  assert.ok(section.indexOf("Table 4b.") < section.indexOf('data-kind="efficiencyIntervals"'));
  assert.ok(section.includes("so it needs many partners"));
});

Deno.test("frontier render: no section, a disabled one, or one that could not be fitted", () => {
  // a result without the section: the same study with the frontier taken out
  const full = result();
  const { frontier: _, ...noKey } = full.config;
  const off = { ...full, config: noKey, frontier: undefined };
  assert.equal(formatFrontierSection(off), "");
  assert.ok(!formatStudy(off, "text").includes("Table 4."));
  assert.ok(!studyReport(off, { figures: [] }).includes("Stochastic frontier"));
  assert.ok(!studyFigures(off).some((f) => f.part === "frontier"));
  const disabled = result({ ...FRONTIER_DEFAULTS, enabled: false });
  assert.equal(disabled.frontier, null);
  assert.ok(!formatStudy(disabled, "text").includes("Reading the frontier"));
  const short = fixtureWorld();
  short.rows = short.rows.filter((x) => x.partner === "KAZ");
  const failed = result(full.config.frontier, short);
  assert.equal(frontierEfficiencySpec(failed), null);
  assert.deepEqual(frontierModelSpec(failed)!.rows, []);
  const text = formatStudy(failed, "text");
  assert.match(text, /^Table 4\. Stochastic frontier/m);
  assert.match(text, /could not be fitted: too few observations/);
  assert.ok(!studyFigures(failed).some((f) => f.part === "frontier"));
});
