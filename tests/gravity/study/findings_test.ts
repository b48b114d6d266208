/**
 * What the study found (lib/gravity/study/findings.ts): on the bundled real data against the
 * independent refit (tests/fixtures/gravity/independent.py: statsmodels on data/panel.csv) and the
 * paper's printed Table 2; on the noise-free synthetic study, whose truth is known; and each
 * section headline on the hand-built results, whose numbers are written from their inputs.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import jStat from "jstat";
import { loadPanel } from "../../../lib/data/panel.ts";
import { loadStudyConfig } from "../../../lib/gravity/config/study.ts";
import {
  benchmarkHeadline,
  counterfactualHeadline,
  forecastHeadline,
  frontierHeadline,
  PROBABLE_CLASS,
  SECTION_HEADLINES,
  sensitivityHeadline,
  SIGNIFICANCE,
  structuralHeadline,
  studyFindings,
} from "../../../lib/gravity/study/findings.ts";
import { loadPaperTables } from "../../../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
  withPaper,
} from "../render/hand_results.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";

const REFIT = JSON.parse(Deno.readTextFileSync("tests/fixtures/gravity/real_refit.json")).studies
  .eq2.regression;

Deno.test("findings on the real data: significance, signs and classes as the independent refit and the paper's Table 2 give them", async () => {
  const config = await loadStudyConfig("data/study.config.json");
  const paper = await loadPaperTables("data/paper");
  const r = runGravityStudy(config, await loadPanel("data"), { paper });
  const f = r.findings;
  assert.deepEqual(f, studyFindings(r), "the result carries its findings");
  // two-sided t test of statsmodels' estimates and classical SEs, df = N - k
  const df = REFIT.nComplete - REFIT.kCoefficients;
  const name = (t: string) => (t === "(Intercept)" ? "_cons" : t);
  const expected = Object.entries(REFIT.coefficients as Record<string, number>).map(([t, b]) => {
    const p = 2 * (1 - jStat.studentt.cdf(Math.abs(b / REFIT.se.classical[t]), df));
    return { term: name(t), significant: p < SIGNIFICANCE, b };
  });
  for (const e of expected) {
    const c = f.coefficients.find((c) => c.term === e.term)!;
    assert.equal(c.significant, e.significant, e.term);
    const printed = paper.table2.find((p) => p.term === e.term)!;
    assert.equal(c.paper!.sameSign, Math.sign(printed.coefficient) === Math.sign(e.b), e.term);
    assert.equal(c.paper!.significant, printed.p < SIGNIFICANCE, e.term);
  }
  assert.equal(f.coefficients.at(-1)!.term, "_cons", "the intercept listed last");
  const sig = expected.filter((e) => e.significant && e.term !== "_cons").map((e) => e.term);
  assert.ok(f.sentences.some((s) => s.startsWith(`Significant at 5%: ${sig[0]} `)), f.sentences[1]);
  for (const t of sig) assert.ok(f.sentences[1].includes(`${t} `), t);
  // signs and classes: the paper's agreement counts and the refit's classes
  assert.deepEqual(f.paper!.signs, r.paper!.comparison.signAgreement);
  const theirs = expected.filter((e) => {
    const p = paper.table2.find((p) => p.term === e.term)!;
    return p.p < SIGNIFICANCE;
  });
  const kept = theirs.filter((e) => {
    const p = paper.table2.find((p) => p.term === e.term)!;
    return e.significant && Math.sign(p.coefficient) === Math.sign(e.b);
  });
  assert.deepEqual(f.paper!.significant, { agree: kept.length, compared: theirs.length });
  const classes = { huge: 0, expanding: 0, remodelling: 0 } as Record<string, number>;
  for (const p of REFIT.potential) if (p.class) classes[p.class]++;
  assert.deepEqual(f.classes.counts, classes);
  assert.equal(
    f.classes.n,
    REFIT.potential.filter((p: { k: number | null }) => p.k !== null).length,
  );
  assert.deepEqual(f.sample, {
    partnerYears: r.data.partnerYears,
    n: REFIT.nComplete,
    years: { from: 2015, to: 2020 },
    partners: new Set(REFIT.sample.map((s: string) => s.split(" ")[0])).size,
  });
  assert.ok(Math.abs(f.fit!.r2 - REFIT.r2) < 1e-10);
  // no benchmark, structural K or forecast in this run: only the sensitivity headline
  assert.deepEqual(f.sections.map((s) => s.section), ["sensitivity"]);
  assert.equal(f.sentences.at(-1), f.sections[0].headline);
});

Deno.test("findings on the noise-free synthetic study: every slope significant, every class certain", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const r = runGravityStudy(config, panel);
  const f = r.findings;
  assert.ok(f.coefficients.filter((c) => c.term !== "_cons").every((c) => c.significant));
  assert.equal(f.classes.n, r.potential.filter((p) => p.k !== null).length);
  assert.equal(f.classes.probable, f.classes.n, `probability >= ${PROBABLE_CLASS}`);
  assert.equal(f.paper, null);
  assert.doesNotMatch(f.sentences[1], /not distinguishable from zero/);
});

Deno.test("findings without a regression: the reason, no coefficients, no classes", () => {
  const r = handStudy();
  r.regression.estimable = false;
  r.regression.fit = null;
  r.regression.reason = "the regression cannot be estimated: 3 rows";
  r.potential = [];
  const f = studyFindings(r);
  assert.equal(f.fit, null);
  assert.deepEqual(f.coefficients, []);
  assert.equal(f.classes.n, 0);
  assert.deepEqual(f.sentences, [
    "No regression: the regression cannot be estimated: 3 rows. The coverage, the CBEC index and " +
    "the paper's tables are still computed.",
  ]);
});

Deno.test("section headlines: benchmark, structural, sensitivity and forecast from the hand results", () => {
  const r = handStudy();
  assert.deepEqual(SECTION_HEADLINES.map((h) => h(r)), [null, null, null, null, null, null]);
  r.benchmark = handBenchmark([handBenchmarkFit("ols"), handBenchmarkFit("ppml", false)]);
  const fit = r.benchmark.fits[0];
  const count = (c: string) => fit.k.filter((k) => k.class === c).length;
  const withK = fit.k.filter((k) => k.class !== null).length;
  assert.equal(
    benchmarkHeadline(r)!.headline,
    `World benchmark (CHN's trade with 3 other partners, ${r.benchmark.config.years.from}-` +
      `${r.benchmark.config.years.to}, the study's partners out of sample): K classes of the ` +
      `study's partner-years by OLS, ${count("huge")} huge, ${count("expanding")} expanding, ` +
      `${count("remodelling")} remodelling of ${withK}; PPML not estimated (too few partners).`,
  );
  r.structural = handStructural();
  const s = r.structural;
  const dist = s.coefficients.find((c) => c.term === "ln_dist")!;
  const sc = (c: string) => s.k.filter((k) => k.class === c).length;
  assert.equal(
    structuralHeadline(r)!.headline,
    `Structural K (PPML with exporter-year and importer-year effects, ${s.n} flows): ` +
      `${sc("huge")} huge, ${sc("expanding")} expanding, ${sc("remodelling")} remodelling of ` +
      `${s.k.length} partner-years; distance elasticity ${dist.estimate.toFixed(3)} (SE ` +
      `${dist.stdError.toFixed(3)}).`,
  );
  // sensitivity: ln_a moves 0.3 > SE 0.2, _cons moves 0.1 < SE 0.5
  const column = (label: string, n: number, a: number, cons: number) => ({
    label,
    dependent: label,
    note: "",
    inPanel: true,
    estimable: true,
    reason: "",
    n,
    r2: 0.5,
    coefficients: [
      { term: "ln_a", estimate: a, stdError: 0.2 },
      { term: "_cons", estimate: cons, stdError: 0.5 },
    ],
    classes: [],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  r.sensitivity = {
    terms: ["ln_a", "_cons"],
    variants: [column("one", 20, 1, 2), column("two", 23, 1.3, 2.1)],
    classChange: { changed: 2, compared: 9, share: 2 / 9, cells: [] },
  };
  assert.equal(
    sensitivityHeadline(r)!.headline,
    "Sensitivity (two instead of one): N 20 -> 23; 1 of 2 coefficients move by more than one SE " +
      "(ln_a); 2 of 9 K classes change.",
  );
  r.forecast = handForecast();
  // horizon 1: last value 0.125 beats the model 0.5 (horizon 2 has no row every method forecasts)
  assert.equal(
    forecastHeadline(r)!.headline,
    "Forecast: over the rolling origins the model has the lowest mean absolute log error at 0 of 1 " +
      "horizons (the naive last value rule at the others); after the cut-off 2018 the model's mean " +
      "absolute log error is 0.223 on 1 partner-years, its intervals covering 1 of 1.",
  );
  const f = studyFindings(r);
  assert.deepEqual(f.sections.map((x) => x.section), [
    "benchmark",
    "structural",
    "sensitivity",
    "forecast",
  ]);
  // a new section adds its headline by adding its function to SECTION_HEADLINES
  SECTION_HEADLINES.push(() => ({ section: "frontier", headline: "Frontier: one line." }));
  try {
    assert.equal(studyFindings(r).sentences.at(-1), "Frontier: one line.");
  } finally {
    SECTION_HEADLINES.pop();
  }
});

Deno.test("findings sentences on the hand study: sample, no significant slope, the paper's signs, the classes and how sure they are", () => {
  const r = withPaper(handStudy());
  // ln_gdp 1.25 (SE 0.25, p 0.125) and the intercept -2.5 (p 0.125): neither significant; the
  // paper's ln_gdp 0.5 (p 0) has our sign, its _cons 2 (p 0.1234) the opposite; our K classes
  // huge (p 0.5) and remodelling (p 0.75), none >= 0.9; 1 of the 2 compared classes agree
  assert.deepEqual(studyFindings(r).sentences, [
    "Sample: 3 of the 4 partner-years (2 partners, 2019-2020) have ln trade and every term; " +
    "R2 = 0.750 (adjusted 0.500), SE classical.",
    "No coefficient is significant at 5%; not distinguishable from zero: ln_gdp.",
    "Against the paper: 1 of 2 coefficients have its sign (opposite: _cons); of the 1 it finds " +
    "significant at 5% (ln_gdp), 0 are significant here with the same sign.",
    "Trade potential K: 2 partner-years classified, 1 huge, 0 expanding, 1 remodelling; the class " +
    "has probability >= 0.9 in 0 of 2 (90% intervals from 500 draws of the coefficients). 1 of " +
    "the 2 country-years both tables classify have the paper's class.",
  ]);
  // ln_gdp now significant, a sure class, no uncertainty section, no class comparison
  const fit = r.regression.fit!;
  fit.coefficients[1] = { ...fit.coefficients[1], p: 0.01 };
  fit.r2 = NaN;
  const f = studyFindings(r);
  assert.deepEqual(f.coefficients.map((c) => [c.term, c.significant]), [
    ["ln_gdp", true],
    ["_cons", false],
  ]);
  assert.deepEqual(f.paper!.significant, { agree: 1, compared: 1 });
  assert.deepEqual(f.sentences.slice(0, 3), [
    "Sample: 3 of the 4 partner-years (2 partners, 2019-2020) have ln trade and every term; " +
    "R2 = n/a (adjusted 0.500), SE classical.",
    "Significant at 5%: ln_gdp 1.250 (SE 0.250).",
    "Against the paper: 1 of 2 coefficients have its sign (opposite: _cons); of the 1 it finds " +
    "significant at 5% (ln_gdp), 1 is significant here with the same sign (ln_gdp).",
  ]);
  r.potential[1].classProbabilities = { huge: 0, expanding: 0.1, remodelling: 0.9 };
  assert.equal(studyFindings(r).classes.probable, 1, "0.9 itself is probable");
  r.uncertainty = null;
  r.paper!.comparison.classAgreement = { agree: 0, compared: 0 };
  const g = studyFindings(r);
  assert.equal(g.classes.probable, null);
  assert.equal(
    g.sentences[3],
    "Trade potential K: 2 partner-years classified, 1 huge, 0 expanding, 1 remodelling.",
  );
  // the paper's signs not compared: no paper sentence; no K classified: no class sentence
  r.paper!.comparison.signAgreement = { agree: 0, compared: 0 };
  r.potential = [];
  assert.equal(studyFindings(r).sentences.length, 2);
});

Deno.test("findings: the frontier headline gives the last year's efficiencies, best first, and the finite rank correlations", () => {
  const r = handStudy();
  const frontier = (world: { ok: boolean; reason?: string }, rows: unknown[], rhos: unknown[]) =>
    ({ world, rows, correlations: rhos }) as unknown as StudyResult["frontier"];
  const rows = [
    { country: "AAA", year: 2019, efficiency: 0.5, rank: 2, of: 3 },
    { country: "BBB", year: 2020, efficiency: 0.6, rank: 3, of: 3 },
    { country: "AAA", year: 2020, efficiency: 0.81234, rank: 1, of: 3 },
  ];
  r.frontier = frontier({ ok: true }, rows, [
    { k: "paper", rho: NaN },
    { k: "in-sample", rho: 0.456 },
    { k: "benchmark OLS", rho: -0.5 },
  ]);
  assert.deepEqual(frontierHeadline(r), {
    section: "frontier",
    headline: "Frontier: trade efficiency (actual / frontier) in 2020: AAA 0.81 (1 of 3), " +
      "BBB 0.60 (3 of 3); its rank correlation with K: in-sample 0.46, benchmark OLS -0.50; read " +
      "it as the distance to the best-performing partners, not as waste.",
  });
  assert.deepEqual(studyFindings(r).sections.map((s) => s.section), ["frontier"]);
  r.frontier = frontier({ ok: true }, rows.slice(0, 1), [{ k: "paper", rho: NaN }]);
  assert.equal(
    frontierHeadline(r)!.headline,
    "Frontier: trade efficiency (actual / frontier) in 2019: AAA 0.50 (2 of 3); read it as the " +
      "distance to the best-performing partners, not as waste.",
  );
  r.frontier = frontier({ ok: false, reason: "too few partners" }, [], []);
  assert.equal(frontierHeadline(r)!.headline, "Frontier: not estimated (too few partners).");
  r.frontier = frontier({ ok: true }, [], []);
  assert.equal(frontierHeadline(r)!.headline, "Frontier: not estimated (no rows).");
  r.frontier = null;
  assert.equal(frontierHeadline(r), null);
});

Deno.test("findings: significant means p strictly below 0.05, ours and the paper's; without a fit no years and a default reason", () => {
  const r = withPaper(handStudy());
  const fit = r.regression.fit!;
  fit.coefficients[1] = { ...fit.coefficients[1], p: 0.05 };
  r.paper!.table2[0] = { ...r.paper!.table2[0], p: 0.05 };
  const c = studyFindings(r).coefficients[0];
  assert.equal(c.term, "ln_gdp");
  assert.equal(c.significant, false);
  assert.equal(c.paper!.significant, false);
  r.regression.fit = null;
  delete (r.regression as { reason?: string }).reason;
  const f = studyFindings(r);
  assert.equal(f.sample.years, null, "no fit: no years, though the sample lists rows");
  assert.equal(f.reason, "the regression was not estimated");
});

Deno.test("findings: benchmark, structural and sensitivity headlines in their other cases", () => {
  const r = handStudy();
  // in sample, a partner-year without a class is not counted
  const fit = handBenchmarkFit("ols");
  fit.k.push({ ...fit.k[0], country: "CCC", class: null });
  r.benchmark = handBenchmark([fit], false);
  assert.equal(
    benchmarkHeadline(r)!.headline,
    "World benchmark (CHN's trade with 3 other partners, 2015-2017, in sample): K classes of the " +
      "study's partner-years by OLS, 1 huge, 0 expanding, 1 remodelling of 2.",
  );
  // structural: not computed; the distance elasticity found by its term; none without it
  r.structural = handStructural(false);
  assert.deepEqual(structuralHeadline(r), {
    section: "structural",
    headline: "Structural K not computed: no world matrix.",
  });
  const s = handStructural();
  s.coefficients.reverse();
  r.structural = s;
  const head = "Structural K (PPML with exporter-year and importer-year effects, 1000 flows): " +
    "1 huge, 0 expanding, 1 remodelling of 2 partner-years";
  assert.equal(
    structuralHeadline(r)!.headline,
    `${head}; distance elasticity -0.875 (SE 0.125).`,
  );
  s.coefficients = s.coefficients.filter((c) => c.term !== "ln_dist");
  assert.equal(structuralHeadline(r)!.headline, `${head}.`);
  // sensitivity: one variant is no comparison; a variant not estimated is named with its reason
  const column = (
    label: string,
    estimable: boolean,
    coefficients: { term: string; estimate: number | null; stdError: number | null }[] = [],
  ) => ({
    label,
    dependent: label,
    note: "",
    inPanel: true,
    estimable,
    reason: `${label} reason`,
    n: 20,
    r2: 0.5,
    coefficients,
    classes: [],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  const sens = (variants: ReturnType<typeof column>[]) => ({
    terms: [],
    variants,
    classChange: { changed: 0, compared: 4, share: 0, cells: [] },
  });
  r.sensitivity = sens([column("one", true)]);
  assert.equal(sensitivityHeadline(r), null);
  r.sensitivity = sens([column("one", false), column("two", true)]);
  assert.deepEqual(sensitivityHeadline(r), {
    section: "sensitivity",
    headline: "Sensitivity: not estimated: one (one reason).",
  });
  r.sensitivity = sens([column("one", true), column("two", false)]);
  assert.equal(sensitivityHeadline(r)!.headline, "Sensitivity: not estimated: two (two reason).");
  r.sensitivity = sens([column("one", false), column("two", false)]);
  assert.equal(
    sensitivityHeadline(r)!.headline,
    "Sensitivity: not estimated: one (one reason); two (two reason).",
  );
  // moved by exactly one SE, a missing estimate or SE on either side, a term only in the first:
  // none counts as moved
  r.sensitivity = sens([
    column("one", true, [
      { term: "ln_a", estimate: 1, stdError: 0.25 },
      { term: "ln_b", estimate: null, stdError: 0.2 },
      { term: "ln_c", estimate: 1, stdError: null },
      { term: "ln_d", estimate: 1, stdError: 0.2 },
      { term: "ln_e", estimate: 1, stdError: 0.2 },
    ]),
    column("two", true, [
      { term: "ln_a", estimate: 1.25, stdError: 0.25 },
      { term: "ln_b", estimate: 5, stdError: 0.2 },
      { term: "ln_c", estimate: 5, stdError: 0.2 },
      { term: "ln_d", estimate: null, stdError: null },
    ]),
  ]);
  assert.equal(
    sensitivityHeadline(r)!.headline,
    "Sensitivity (two instead of one): N 20 -> 20; 0 of 5 coefficients move by more than one SE; " +
      "0 of 4 K classes change.",
  );
});

Deno.test("findings: the forecast headline counts the horizons the model wins (ties to the model), names the others, and says why there is no validation", () => {
  const r = handStudy();
  const f = handForecast();
  const [h1] = f.rolling.byHorizon;
  const horizon = (n: number, model: number, last: number, growth: number) => ({
    ...h1,
    n,
    male: { model, "last value": last, "average growth": growth },
  });
  f.rolling.byHorizon = [
    horizon(3, 0.2, 0.2, 0.3),
    horizon(2, 0.5, 0.1, 0.3),
    horizon(2, 0.5, 0.4, 0.3),
    horizon(1, 0.9, 0.3, 0.8),
    horizon(0, NaN, NaN, NaN),
  ];
  f.metrics.modelAll = { n: 0, male: NaN, mape: NaN };
  r.forecast = f;
  assert.deepEqual(forecastHeadline(r), {
    section: "forecast",
    headline: "Forecast: over the rolling origins the model has the lowest mean absolute log " +
      "error at 1 of 4 horizons (the naive last value or average growth rule at the others); no " +
      "partner-year after the cut-off 2018 can be forecast out of time (1 lack a regressor).",
  });
  f.rolling.byHorizon = [horizon(0, NaN, NaN, NaN)];
  f.metrics.excluded = [];
  assert.equal(
    forecastHeadline(r)!.headline,
    "Forecast: the rolling origins give no horizon every method forecasts; no partner-year after " +
      "the cut-off 2018 can be forecast out of time.",
  );
  f.rolling.byHorizon = [horizon(4, 0.1, 0.2, 0.3)];
  f.metrics.modelAll = { n: 2, male: 0.25, mape: 10 };
  assert.equal(
    forecastHeadline(r)!.headline,
    "Forecast: over the rolling origins the model has the lowest mean absolute log error at 1 " +
      "of 1 horizons; after the cut-off 2018 the model's mean absolute log error is 0.250 on 2 " +
      "partner-years, its intervals covering 1 of 1.",
  );
});

Deno.test("findings: the counterfactual headline in full: each scenario's trade and the study countries' welfare, or why it was not computed", () => {
  const r = handStudy(); // CHN with AAA and BBB
  const countries = [
    { country: "CHN", welfare: 1.001234 },
    { country: "AAA", welfare: 0.99 },
    { country: "ZZZ", welfare: 1.5 },
    { country: "BBB", welfare: 1 },
  ];
  const scenario = (name: string, term: string, extra: Record<string, unknown>) => ({
    scenario: { name, term },
    ok: true,
    reason: "",
    coefficient: { term, estimate: 1 },
    result: { countries },
    total: { counterfactualChange: 12.5, partialChange: null },
    ...extra,
  });
  const cf = (scenarios: unknown[]) =>
    ({
      ok: true,
      config: { theta: 4 },
      baseline: {
        year: 2019,
        countries: ["CHN", "AAA", "BBB", "ZZZ"],
        excluded: { noGdp: ["X"], nonPositive: ["Y", "Z"] },
      },
      scenarios,
    }) as unknown as StudyResult["counterfactual"];
  r.counterfactual = cf([
    scenario("corridor", "ln_dist", {}),
    scenario("fta", "rta", { ok: false, coefficient: null, result: null, total: null }),
    scenario("open", "contig", { ok: false, reason: "did not converge" }),
    scenario("half", "contig", { result: null, reason: "no solution" }),
    scenario("sum", "contig", { total: null, reason: "no total" }),
    scenario("flat", "contig", { total: { counterfactualChange: 0, partialChange: -2.25 } }),
  ]);
  const welfare = "welfare CHN +0.123%, AAA -1.000%, BBB +0.000%";
  assert.deepEqual(counterfactualHeadline(r), {
    section: "counterfactual",
    headline: "Counterfactuals (exact general equilibrium on the 2019 world of 4 countries, " +
      "theta 4; domestic sales are GDP minus exports, a flagged rule; 3 countries left out): " +
      `corridor: CHN's trade with the partners +12.5% (partial equilibrium n/a), ${welfare}; ` +
      "fta: not computed (no estimated rta effect in the world PPML); open: not computed (did " +
      "not converge); half: not computed (no solution); sum: not computed (no total); flat: " +
      `CHN's trade with the partners +0.0% (partial equilibrium -2.3%), ${welfare}.`,
  });
  r.counterfactual = { ok: false, reason: "no world" } as unknown as StudyResult["counterfactual"];
  assert.deepEqual(counterfactualHeadline(r), {
    section: "counterfactual",
    headline: "Counterfactuals: not computed (no world).",
  });
  r.counterfactual = null;
  assert.equal(counterfactualHeadline(r), null);
});

Deno.test("findings: a K that is not finite has no class and is not counted; a class without probabilities is not probable", () => {
  const r = handStudy();
  r.potential.push({ ...r.potential[0], country: "CCC", k: NaN, class: null });
  r.potential[1].classProbabilities = null;
  const f = studyFindings(r);
  assert.equal(f.classes.n, 2);
  assert.deepEqual(f.classes.counts, { huge: 1, expanding: 0, remodelling: 1 });
  assert.equal(f.classes.probable, 0);
  r.potential[0].classProbabilities = { huge: 0.9375, expanding: 0.0625, remodelling: 0 };
  assert.equal(studyFindings(r).classes.probable, 1);
});
