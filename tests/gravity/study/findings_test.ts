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
  forecastHeadline,
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
} from "../render/hand_results.ts";

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
