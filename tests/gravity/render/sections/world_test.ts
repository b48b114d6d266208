/**
 * lib/gravity/render/sections/world.ts on hand-built benchmark and structural results
 * (hand_results.ts): the exact markdown of Tables 1b, 3b, 3c and the benchmark regressions,
 * Table 3's benchmark cells, columns and note, each note printed only when its condition holds,
 * and which benchmark tables the report shows.
 */
import assert from "node:assert/strict";
import {
  benchmarkCells,
  benchmarkColumns,
  benchmarkColumnsNote,
  benchmarkFits,
  benchmarkKSpec,
  benchmarkModelsSpec,
  benchmarkRegressionSpec,
  benchmarkSpecs,
  multivariate,
  worldCoverageSpec,
} from "../../../../lib/gravity/render/sections/world.ts";
import { structuralKSpec } from "../../../../lib/gravity/render/sections/structural.ts";
import { formatTable, type TableSpec } from "../../../../lib/report/table.ts";
import { SIGNIF_NOTE } from "../../../../lib/report/models_table.ts";
import { handBenchmark, handBenchmarkFit, handStructural, handStudy } from "../hand_results.ts";

const md = (s: TableSpec | null) => formatTable(s!, "markdown");

/** The study with OLS and PPML benchmark fits (and a third that failed) and a structural K. */
function full() {
  const r = handStudy();
  r.benchmark = handBenchmark([
    handBenchmarkFit("ols"),
    handBenchmarkFit("ppml"),
  ]);
  r.structural = handStructural();
  return r;
}

Deno.test("multivariate: t with its df, normal when df is infinite", () => {
  assert.equal(multivariate(12), "multivariate t(12)");
  assert.equal(multivariate(Infinity), "multivariate normal");
});

Deno.test("benchmarkFits: the estimated fits only, none without a benchmark", () => {
  const r = handStudy();
  assert.deepEqual(benchmarkFits(r), []);
  const ols = handBenchmarkFit("ols");
  r.benchmark = handBenchmark([ols, handBenchmarkFit("ppml", false)]);
  assert.deepEqual(benchmarkFits(r), [ols]);
});

Deno.test("Table 1b: the world panel's coverage, partners without each variable, the dropped named", () => {
  const r = full();
  assert.equal(worldCoverageSpec(handStudy()), null);
  assert.equal(
    md(worldCoverageSpec(r)),
    [
      "**Table 1b. China world panel: CHN-reported trade with every partner, 2015-2017**",
      "",
      "| Variable | Partner-yrs | Partners without | Source |",
      "|:---|---:|---:|:---|",
      "| trade | 12/12 | 0 | DOTS |",
      "| gdp | 9/12 | 1 | WDI |",
      "",
      "4 partners with reported trade; 1 lack a variable in every year and cannot enter the " +
      "benchmark: P4 (gdp, pop).",
      "No gdp in any year: P4.",
      "CEPII's 2004-era codes are mapped to today's ISO3 by data/cepii-iso3.csv (each mapping " +
      "stated there).",
      "panel note one",
    ].join("\n"),
  );
  // two dropped partners; none dropped
  r.benchmark!.panel.dropped.push({ partner: "P5", missing: ["pop"] });
  assert.equal(
    worldCoverageSpec(r)!.notes![0],
    "4 partners with reported trade; 2 lack a variable in every year and cannot enter the " +
      "benchmark: P4 (gdp, pop); P5 (pop).",
  );
  r.benchmark!.panel.dropped = [];
  r.benchmark!.panel.notes = [];
  r.benchmark!.panel.coverage[1].missingPartners = [];
  assert.deepEqual(worldCoverageSpec(r)!.notes, [
    "4 partners with reported trade; 0 lack a variable in every year and cannot enter the " +
    "benchmark: none.",
    "CEPII's 2004-era codes are mapped to today's ISO3 by data/cepii-iso3.csv (each mapping " +
    "stated there).",
  ]);
});

Deno.test("benchmark regressions: coefficient and SE per estimator, N, partners, years, notes", () => {
  const r = full();
  assert.equal(benchmarkRegressionSpec(handStudy()), null);
  assert.equal(
    md(benchmarkRegressionSpec(r)),
    [
      "**Benchmark: gravity of CHN's trade with the world, 2015-2017, the study's partners " +
      "(AAA BBB) left out (out of sample)**",
      "",
      "| Term | OLS coef. | SE | PPML coef. | SE |",
      "|:---|---:|---:|---:|---:|",
      "| ln_gdp | 0.900 | 0.050 | 0.800 | 0.050 |",
      "| ln_dist | -1.100 | 0.250 | -0.700 | 0.250 |",
      "",
      "OLS: N = 120 partner-years, 3 partners, years 2015-2017; left out: 6 study-partner years, " +
      "4 with a missing variable, 2 with zero trade (no log); SE cluster by partner; R2 = 0.813.",
      "PPML: N = 130 partner-years, 3 partners, years 2015-2017; left out: 6 study-partner years, " +
      "4 with a missing variable; SE cluster by partner.",
      "Dependent: CHN-reported exports + imports (US$), ln for OLS, level for PPML; year effects " +
      "(the first year the base) absorb the reporter's own size.",
      "OLS partners: P1 P2 P3.",
      "PPML partners: the same 3 as OLS.",
    ].join("\n"),
  );
  // in sample; PPML with an omitted term and its own partners and a term OLS lacks; a failed fit
  const ppml = handBenchmarkFit("ppml");
  ppml.partners = ["P1", "P2"];
  ppml.omitted = ["contig", "lang"];
  ppml.coefficients.push({ term: "contig", estimate: 0.25, stdError: 0.125, p: 0.05 });
  const failed = handBenchmarkFit("ols", false);
  r.benchmark = handBenchmark([failed, ppml], false);
  assert.equal(
    md(benchmarkRegressionSpec(r)),
    [
      "**Benchmark: gravity of CHN's trade with the world, 2015-2017, the study's partners " +
      "included (in sample)**",
      "",
      "| Term | PPML coef. | SE |",
      "|:---|---:|---:|",
      "| ln_gdp | 0.800 | 0.050 |",
      "| ln_dist | -0.700 | 0.250 |",
      "| contig | 0.250 | 0.125 |",
      "",
      "OLS: not estimated: too few partners.",
      "PPML: N = 130 partner-years, 2 partners, years 2015-2017; left out: 6 study-partner years, " +
      "4 with a missing variable; SE cluster by partner; omitted (collinear): contig, lang.",
      "Dependent: CHN-reported exports + imports (US$), ln for OLS, level for PPML; year effects " +
      "(the first year the base) absorb the reporter's own size.",
      "PPML partners: P1 P2.",
    ].join("\n"),
  );
  // two fits with different partners: each listed; a term one fit lacks is "."
  const ols = handBenchmarkFit("ols");
  r.benchmark = handBenchmark([ols, ppml]);
  const s = benchmarkRegressionSpec(r)!;
  assert.deepEqual(s.notes!.slice(-2), ["OLS partners: P1 P2 P3.", "PPML partners: P1 P2."]);
  assert.match(md(s), /^\| contig \| \. \| \. \| 0\.250 \| 0\.125 \|$/m);
  // the first fit failed and the other two share partners: compared with the first estimated
  const ppml2 = handBenchmarkFit("ppml");
  r.benchmark = handBenchmark([failed, handBenchmarkFit("ols"), ppml2]);
  assert.deepEqual(benchmarkRegressionSpec(r)!.notes!.slice(-2), [
    "OLS partners: P1 P2 P3.",
    "PPML partners: the same 3 as OLS.",
  ]);
});

Deno.test("Table 3b: K per estimator with interval, class and P(class), beside the study's K", () => {
  const r = full();
  assert.equal(
    md(benchmarkKSpec(r)),
    [
      "**Table 3b. Trade potential K against the world benchmark**",
      "",
      "| Country | Year | Study K | K OLS | 90% int. | Class | P(cls) | K PPML | 90% int. | Class " +
      "| P(cls) |",
      "|:---|---:|---:|---:|:---|:---|---:|---:|:---|:---|---:|",
      "| AAA | 2019 | 0.700 | 0.500 | 0.25-0.75 | huge | 1.00 | 0.500 | 0.25-0.75 | huge | 1.00 |",
      "| BBB | 2019 | . | 1.250 | 1.10-1.40 | remodelling | 0.75 | 1.500 | . | remodelling | . |",
      "",
      "K = actual / benchmark prediction (exp of the linear prediction, year effect included); " +
      "Study K = the paper-style in-sample K of Table 3.",
      "OLS 90% int. and P(cls): 500 draws (seed 7) of the benchmark's coefficients (year effects " +
      "included) from a multivariate t(2) with its cluster covariance; K* = actual / predicted* " +
      "per draw (coefficient uncertainty only: the actual value is observed).",
      "PPML 90% int. and P(cls): 500 draws (seed 7) of the benchmark's coefficients (year effects " +
      "included) from a multivariate normal with its cluster covariance; K* = actual / " +
      "predicted* per draw (coefficient uncertainty only: the actual value is observed).",
    ].join("\n"),
  );
  // rows from every fit, sorted; a partner-year one fit lacks; a row without a class
  const ols = handBenchmarkFit("ols");
  ols.k = ols.k.slice(0, 1); // BBB 2019 only
  ols.k[0].class = null;
  const ppml = handBenchmarkFit("ppml");
  ppml.k.push({ ...ppml.k[1], country: "AAA", year: 2018, k: 0.625 });
  r.benchmark = handBenchmark([ols, ppml]);
  r.config.uncertainty.level = 0.8;
  const s = benchmarkKSpec(r)!;
  assert.deepEqual(s.rows.map((x) => [x.country, x.year]), [
    ["AAA", 2018],
    ["AAA", 2019],
    ["BBB", 2019],
  ]);
  assert.deepEqual(s.rows[0], {
    country: "AAA",
    year: 2018,
    studyK: null,
    ols_k: null,
    ols_int: null,
    ols_class: "-",
    ols_p: null,
    ppml_k: 0.625,
    ppml_int: "0.25-0.75",
    ppml_class: "huge",
    ppml_p: 1,
  });
  assert.equal(s.rows[2].ols_class, "-");
  assert.equal(s.rows[2].ols_p, null);
  assert.equal(s.rows[2].ols_int, "1.10-1.40");
  assert.deepEqual(s.columns.map((c) => c.label).slice(0, 5), [
    "Country",
    "Year",
    "Study K",
    "K OLS",
    "80% int.",
  ]);
  assert.match(md(s), /^\| AAA \| 2018 \| \. \| \. \| \. \| - \| \. \| 0\.625 \|/m);
  // no benchmark, or no estimated fit: no table
  assert.equal(benchmarkKSpec(handStudy()), null);
  r.benchmark = handBenchmark([handBenchmarkFit("ols", false)]);
  assert.equal(benchmarkKSpec(r), null);
});

Deno.test("Table 3c: structural K in US$ bn, interval, class, P(class); notes; failed fit", () => {
  const r = full();
  assert.equal(structuralKSpec(handStudy()), null);
  assert.equal(
    md(structuralKSpec(r)),
    [
      "**Table 3c. Structural K: the world matrix with exporter-year and importer-year effects**",
      "",
      "| Country | Year | Actual (US$ bn) | Predicted (US$ bn) | K | 90% int. | Class | P(cls) |",
      "|:---|---:|---:|---:|---:|:---|:---|---:|",
      "| AAA | 2019 | 3 | 1.500 | 2 | 1.50-2.50 | remodelling | 0.88 |",
      "| BBB | 2019 | 1 | 2 | 0.500 | . | huge | . |",
      "",
      "PPML of each reporter's exports (IMF DOTS, FOB) to every partner, 2015-2017: N = 1000 " +
      "flows, 40 exporters, 41 importers; ln_dist -0.875 (SE 0.125), contig 0.500 (SE 0.250); SE " +
      "cluster; 12 flows without CEPII geography left out.",
      "K = (CHN's exports to the partner + the partner's exports to CHN, each as its exporter " +
      "reports it) / the same flows predicted with the fixed effects. What it means.",
      "90% int. and P(cls): 500 draws (seed 7) of the two slopes from a normal with their " +
      "cluster-robust covariance, the fixed effects held at their estimates (conditional on " +
      "them: the covariance of thousands of absorbed effects is not estimated).",
    ].join("\n"),
  );
  // actual and predicted that are not numbers print "."; the level follows the config
  const s = handStructural();
  s.k[0].actual = null as unknown as number;
  s.slopeCovariance = null;
  r.structural = s;
  r.config.uncertainty.level = 0.95;
  const spec = structuralKSpec(r)!;
  assert.equal(spec.columns[5].label, "95% int.");
  assert.match(md(spec), /^\| AAA \| 2019 \| \. \| 1\.500 \|/m);
  assert.equal(spec.notes![2], "No interval: the slopes' covariance is not available.");
  // not estimated: the reason alone
  r.structural = handStructural(false);
  assert.deepEqual(structuralKSpec(r)!.notes, ["Not estimated: no world matrix."]);
});

Deno.test("Table 3's benchmark cells, columns and note", () => {
  const r = full();
  assert.deepEqual(benchmarkCells(r, "BBB", 2019), {
    bench_ols: 1.25,
    bench_ppml: 1.5,
    struct_k: 0.5,
  });
  assert.deepEqual(benchmarkCells(r, "AAA", 2020), {
    bench_ols: null,
    bench_ppml: null,
    struct_k: null,
  });
  // the year matters as well as the country
  assert.deepEqual(benchmarkCells(r, "AAA", 2019), {
    bench_ols: 0.5,
    bench_ppml: 0.5,
    struct_k: 2,
  });
  const cols = benchmarkColumns(r);
  assert.deepEqual(cols.map((c) => [c.key, c.label]), [
    ["bench_ols", "K-OLS"],
    ["bench_ppml", "K-PPML"],
    ["struct_k", "K-struct"],
  ]);
  assert.deepEqual(cols.map((c) => c.format!(1 / 3)), ["0.333", "0.333", "0.333"]);
  assert.deepEqual(benchmarkColumnsNote(r), [
    "K-OLS, K-PPML: K against the world benchmark (Table 3b); K-struct: the structural K " +
    "(Table 3c).",
  ]);
  // the structural fit failed: no K-struct
  r.structural = handStructural(false);
  assert.deepEqual(benchmarkCells(r, "BBB", 2019), { bench_ols: 1.25, bench_ppml: 1.5 });
  assert.deepEqual(benchmarkColumns(r).map((c) => c.key), ["bench_ols", "bench_ppml"]);
  assert.deepEqual(benchmarkColumnsNote(r), [
    "K-OLS, K-PPML: K against the world benchmark (Table 3b).",
  ]);
  // the structural K alone
  r.structural = handStructural();
  r.benchmark = null;
  assert.deepEqual(benchmarkCells(r, "AAA", 2019), { struct_k: 2 });
  assert.deepEqual(benchmarkColumns(r).map((c) => c.key), ["struct_k"]);
  assert.deepEqual(benchmarkColumnsNote(r), ["K-struct: the structural K (Table 3c)."]);
  // neither
  r.structural = null;
  assert.deepEqual(benchmarkCells(r, "AAA", 2019), {});
  assert.deepEqual(benchmarkColumns(r), []);
  assert.deepEqual(benchmarkColumnsNote(r), []);
});

Deno.test("several partners without a variable are space-separated; a P(class) not finite is '.'", () => {
  const r = full();
  r.benchmark!.panel.coverage[1].missingPartners = ["P4", "P5"];
  assert.equal(worldCoverageSpec(r)!.notes![1], "No gdp in any year: P4 P5.");
  r.benchmark!.fits[0].k[1].classProbabilities = { huge: NaN, expanding: 0, remodelling: 0 };
  assert.match(
    md(benchmarkKSpec(r)),
    /^\| AAA \| 2019 \| 0\.700 \| 0\.500 \| 0\.25-0\.75 \| huge \| \. \|/m,
  );
  r.structural!.k[0].classProbabilities = { huge: 0, expanding: 0, remodelling: Infinity };
  assert.match(
    md(structuralKSpec(r)),
    /^\| AAA \| 2019 \| 3 \| 1\.500 \| 2 \| 1\.50-2\.50 \| remodelling \| \. \|$/m,
  );
});

Deno.test("benchmarkSpecs: Table 3b, 3c, 1b and the regressions, only those there are", () => {
  const r = handStudy();
  assert.deepEqual(benchmarkSpecs(r), []);
  r.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  r.structural = handStructural();
  assert.deepEqual(benchmarkSpecs(r).map((s) => s.title), [
    "Table 3b. Trade potential K against the world benchmark",
    "Table 3c. Structural K: the world matrix with exporter-year and importer-year effects",
    "Table 1b. China world panel: CHN-reported trade with every partner, 2015-2017",
    "Benchmark: gravity of CHN's trade with the world, 2015-2017, the study's partners (AAA BBB) " +
    "left out (out of sample)",
  ]);
  r.benchmark = null;
  assert.deepEqual(benchmarkSpecs(r).map((s) => s.title!.slice(0, 9)), ["Table 3c."]);
});

Deno.test("benchmark regressions side by side (LaTeX): stars from p, SEs in parentheses, year effects left out, N, partners, R2, SE type", () => {
  assert.equal(benchmarkModelsSpec(handStudy()), null);
  const r = full();
  (r.benchmark!.config as { fixedEffects: string[] }).fixedEffects = ["year"];
  // a year effect's coefficient is not a row (the "Year effects" row says they are in)
  r.benchmark!.fits[0].coefficients.push({
    term: "year_2016",
    estimate: 0.1,
    stdError: 0.02,
    p: 0.5,
  });
  const spec = benchmarkModelsSpec(r)!;
  assert.deepEqual(spec.columns.map((c) => c.label), ["", "OLS", "PPML"]);
  // p 0.001: ***; p 0.01 is not below 0.01: **
  assert.deepEqual(spec.rows, [
    { label: "ln_gdp", m0: "0.900***", m1: "0.800***" },
    { label: "", m0: "(0.050)", m1: "(0.050)" },
    { label: "ln_dist", m0: "-1.100**", m1: "-0.700**" },
    { label: "", m0: "(0.250)", m1: "(0.250)" },
    { label: "Observations", m0: "120", m1: "130" },
    { label: "Partners", m0: "3", m1: "3" },
    { label: "R2", m0: "0.813", m1: "." },
    { label: "Year effects", m0: "Yes", m1: "Yes" },
    { label: "Standard errors", m0: "cluster by partner", m1: "cluster by partner" },
  ]);
  const table = benchmarkRegressionSpec(r)!;
  assert.equal(spec.title, table.title);
  assert.deepEqual(spec.notes, [SIGNIF_NOTE, ...table.notes!]);
  // no year effects configured; a fit that failed has no column
  (r.benchmark!.config as { fixedEffects: string[] }).fixedEffects = [];
  r.benchmark!.fits = [handBenchmarkFit("ols", false), handBenchmarkFit("ppml")];
  const one = benchmarkModelsSpec(r)!;
  assert.deepEqual(one.columns.map((c) => c.label), ["", "PPML"]);
  assert.deepEqual(one.rows.at(-2), { label: "Year effects", m0: "No" });
});
