/**
 * lib/gravity/render/study.ts on the hand-built result of format_fixture.ts: the exact markdown and text
 * of Table 1, the PCA table, Table 2 and Table 3 (headers, alignment, rounding, notes printed only
 * when their condition holds), the exclusion summary, line wrapping, the comparison lines and the
 * whole report in text, markdown and HTML. Expected strings are written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import {
  benchmarkSpecs,
  exclusionSummary,
  formatComparison,
  formatStudy,
  pcaSpec,
  table1Spec,
  table2Spec,
  table3Spec,
  TEXT_WIDTH,
  wrapText,
} from "../../../lib/gravity/render/study.ts";
import { formatTable } from "../../../lib/report/table.ts";
import type { PaperComparison, PaperTables } from "../../../lib/gravity/study/paper.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "./format_fixture.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

/** A paper with Table 2 (ln_gdp, _cons), Table 3 and a comparison, all by hand. */
function withPaper(r: StudyResult): StudyResult {
  r.paper = {
    source: "Paper 2024, Tables 2-3",
    table2: [
      {
        variable: "ln gdp",
        term: "ln_gdp",
        coefficient: 0.5,
        stdError: 0.1,
        t: 5,
        p: 0,
        ciLower: 0.3,
        ciUpper: 0.7,
      },
      {
        variable: "cons",
        term: "_cons",
        coefficient: 2,
        stdError: 1.25,
        t: 1.6,
        p: 0.1234,
        ciLower: -0.5,
        ciUpper: 4.5,
      },
    ],
    table3: [
      { country: "AAA", year: 2019, k: 0.6, words: "huge", class: "huge" },
      { country: "AAA", year: 2020, k: 1.3, words: "re", class: "remodelling" },
      { country: "BBB", year: 2019, k: null, words: "", class: null },
    ],
    comparison: {
      coefficients: [
        { term: "ln_gdp", ours: 1.25, paper: 0.5, signAgree: true },
        { term: "_cons", ours: -2.5, paper: 2, signAgree: false },
      ],
      classes: [
        {
          country: "AAA",
          year: 2019,
          oursK: 0.7,
          oursClass: "huge",
          paperK: 0.6,
          paperClass: "huge",
          paperClassFrom: "words",
          agree: true,
        },
        {
          country: "AAA",
          year: 2020,
          oursK: 1.25,
          oursClass: "remodelling",
          paperK: 1.3,
          paperClass: "expanding",
          paperClassFrom: "words",
          agree: false,
        },
      ],
      signAgreement: { agree: 1, compared: 2 },
      classAgreement: { agree: 1, compared: 2 },
      paperInconsistencies: ["AAA 2020 (K 1.3, expanding)", "BBB 2018 (K 0.5, remodelling)"],
    },
  } as PaperTables & { comparison: PaperComparison };
  return r;
}

Deno.test("exclusionSummary: one line per missing piece, dependent pooled, years as ranges", () => {
  const r = handStudy();
  r.data.excluded = [
    { country: "AAA", year: 2015, missing: ["trade (dependent): not positive", "ln_cpi: cpi"] },
    { country: "AAA", year: 2016, missing: ["ln_cpi: cpi"] },
    { country: "AAA", year: 2018, missing: ["ln_cpi: cpi"] },
    { country: "BBB", year: 2017, missing: ["trade (dependent): missing"] },
    { country: "BBB", year: 2018, missing: ["ln_cpi: cpi"] },
    { country: "BBB", year: 2019, missing: ["ln_cpi: cpi"] },
  ];
  assert.deepEqual(exclusionSummary(r), [
    "dependent (2): AAA 2015; BBB 2017",
    "ln_cpi (5): AAA 2015-2016,2018; BBB 2018-2019",
  ]);
  r.data.excluded = [];
  assert.deepEqual(exclusionSummary(r), []);
});

Deno.test("Table 1: markdown with Missing and Source; compact text moves them into notes", () => {
  const r = handStudy();
  assert.equal(
    md(table1Spec(r)),
    [
      "**Table 1. Variables, sources and coverage (2019-2020)**",
      "",
      "| Role | Variable | Formed | Partner-yrs | CHN yrs | Filled | Proxy | Missing | Source |",
      "|:---|:---|:---|---:|---:|---:|:---|:---|:---|",
      "| dependent | trade | bilateral | 4/4 | - | 0 |  |  | src T |",
      "| ln_gdp | gdp | product | 3/4 | 2/2 | 1 | PROXY | BBB 2020 |  |",
      "",
      "Filled = cells in the window the importer interpolated, extrapolated or rebased (flagged).",
      "Design: 4 partner-years; 4 have the dependent variable; 3 have it and every term; 1 " +
      "excluded (listed in results.json data.excluded).",
      "Missing pieces of the excluded country-years:",
      "  ln_gdp (1): BBB 2020",
    ].join("\n"),
  );
  // a third row with the same variable and missing cells: listed once; its source is the last
  r.data.coverage.push({ ...r.data.coverage[1], role: "ln_gdp_2", source: "src G" });
  r.data.excluded = [];
  const compact = table1Spec(r, { compact: true });
  assert.deepEqual(compact.columns.map((c) => c.label), [
    "Role",
    "Variable",
    "Formed",
    "Partner-yrs",
    "CHN yrs",
    "Filled",
    "Proxy",
  ]);
  assert.deepEqual(compact.notes, [
    "Missing cells in the window (country years):",
    "  gdp: BBB 2020",
    "Sources:",
    "  trade: src T",
    "  gdp: src G",
    "Filled = cells in the window the importer interpolated, extrapolated or rebased (flagged).",
    "Design: 4 partner-years; 4 have the dependent variable; 3 have it and every term; 0 " +
    "excluded (listed in results.json data.excluded).",
  ]);
  // the rows are copies, not the coverage objects
  assert.notEqual(compact.rows[0], r.data.coverage[0]);
  assert.deepEqual(compact.rows[0], r.data.coverage[0]);
  // a source left empty is said to be not stated
  r.data.coverage.pop();
  assert.deepEqual(table1Spec(r, { compact: true }).notes!.slice(2, 5), [
    "Sources:",
    "  trade: src T",
    "  gdp: (not stated)",
  ]);
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

Deno.test("wrapText: at the last space within the width, continued with the indent plus 4", () => {
  assert.equal(TEXT_WIDTH, 120);
  // default width 120: a line of exactly 120 stays, 121 wraps
  const w = "x".repeat(59);
  const line120 = `${w} ${w}x`;
  assert.equal(line120.length, 120);
  assert.equal(wrapText(line120), line120);
  assert.equal(wrapText(`${line120}y`), `${w}\n    ${w}xy`);
  assert.equal(wrapText("ab cd ef", 5), "ab cd\n    ef");
  assert.equal(wrapText("ab cd", 5), "ab cd");
  // spaces at the cut are dropped on both sides
  assert.equal(wrapText("ab   cd ef", 6), "ab\n    cd\n    ef");
  // continuation lines keep the indent (2 + 4 = 6) and wrap again
  assert.equal(wrapText("  - aaa bbb ccc", 10), "  - aaa\n      bbb\n      ccc");
  // no space to break at: left as it is
  assert.equal(wrapText("abcdefghij", 5), "abcdefghij");
  // a space only at the start is no break point
  assert.equal(wrapText(" abcdefghij", 5), " abcdefghij");
  // a continuation whose only space is inside its indent stops wrapping
  assert.equal(wrapText("a bcdefghijk", 5), "a\n    bcdefghijk");
  // a continuation of exactly the width is not wrapped again
  assert.equal(wrapText("aaaaaaaaa b cdef", 10), "aaaaaaaaa\n    b cdef");
  // spaces after the cut are dropped, the rest's own end is kept
  assert.equal(wrapText("abc  de", 3), "abc\n    de");
  // every line on its own
  assert.equal(wrapText("ab cd ef\nshort\ngh ij kl", 5), "ab cd\n    ef\nshort\ngh ij\n    kl");
});

Deno.test("PCA table: loadings of max(retained, 2) components, starred retained, notes", () => {
  const r = handStudy();
  r.pca.proportion = [0.7523, 0.2477];
  assert.equal(
    md(pcaSpec(r)),
    [
      "**CBEC index (PCA of the standardized CBEC indicators): loadings**",
      "",
      "| Indicator | PC1* | PC2 | KMO |",
      "|:---|---:|---:|---:|",
      "| i1 | 0.707 | -0.707 | 0.500 |",
      "| i2 | 0.707 | 0.707 | 0.500 |",
      "",
      "N = 4 of 4 country-years (0 excluded: an indicator missing). Eigenvalues: PC1 1.500 " +
      "(75.2%), PC2 0.500 (24.8%).",
      "Retained (eigenvalue > 1): 1 (*); composite = 1 x PC1 (eigenvalue shares among the " +
      "retained; components oriented so loadings sum >= 0).",
      "KMO overall 0.500; Bartlett chi2(1) = 1.25, p = 0.2636.",
    ].join("\n"),
  );
  // three indicators, two retained by a cumulative share, one dropped; no KMO or Bartlett
  const p = r.pca;
  p.indicators = ["i1", "i2", "i3"];
  p.eigenvalues = [1.6, 0.9, 0.5];
  p.proportion = [0.5333, 0.3, 0.1667];
  p.loadings = [[0.6, 0.5, 0.1], [0.6, -0.5, 0.2], [0.5, 0, -0.9]];
  p.retained = 2;
  p.weights = [0.64, 0.36];
  p.retention = { rule: "cumulative", share: 0.8 };
  p.kmo = null;
  p.bartlett = null;
  p.excluded = [{ country: "AAA", year: 2019, missing: ["i3"] }];
  p.dropped = [{ indicator: "i4", present: 1 }, { indicator: "i5", present: 0 }];
  const s = pcaSpec(r);
  assert.equal(
    md(s),
    [
      "**CBEC index (PCA of the standardized CBEC indicators): loadings**",
      "",
      "| Indicator | PC1* | PC2* | KMO |",
      "|:---|---:|---:|---:|",
      "| i1 | 0.600 | 0.500 | . |",
      "| i2 | 0.600 | -0.500 | . |",
      "| i3 | 0.500 | 0 | . |",
      "",
      "N = 4 of 4 country-years (1 excluded: an indicator missing). Eigenvalues: PC1 1.600 " +
      "(53.3%), PC2 0.900 (30%), PC3 0.500 (16.7%).",
      "Retained (cumulative share >= 0.8): 2 (*); composite = 0.640 x PC1 + 0.360 x PC2 " +
      "(eigenvalue shares among the retained; components oriented so loadings sum >= 0).",
      "KMO overall .; Bartlett chi2(undefined) = ., p = ..",
      "Dropped for coverage below 0.5 of 4 country-years: i4 (1), i5 (0).",
    ].join("\n"),
  );
  // all three retained: three columns, all starred; the first-component rule
  p.retained = 3;
  p.retention = { rule: "first" };
  const t = pcaSpec(r);
  assert.deepEqual(t.columns.map((c) => c.label), ["Indicator", "PC1*", "PC2*", "PC3*", "KMO"]);
  assert.deepEqual(t.rows[2], { indicator: "i3", kmo: undefined, pc1: 0.5, pc2: 0, pc3: -0.9 });
  assert.match(t.notes![1], /^Retained \(first component\): 3 \(\*\);/);
});

Deno.test("PCA table when the PCA failed: coverage of each indicator, the reason, the dropped", () => {
  const r = handStudy();
  r.pca.ok = false;
  r.pca.reason = "fewer than 2 indicators left";
  r.pca.coverage = [{ indicator: "i1", present: 4 }, { indicator: "i2", present: 1 }];
  assert.equal(
    md(pcaSpec(r)),
    [
      "**CBEC index (PCA of the standardized CBEC indicators)**",
      "",
      "| Indicator | Present (of 4) |",
      "|:---|---:|",
      "| i1 | 4 |",
      "| i2 | 1 |",
      "",
      "fewer than 2 indicators left.",
    ].join("\n"),
  );
  r.pca.dropped = [{ indicator: "i2", present: 1 }];
  assert.deepEqual(pcaSpec(r).notes, [
    "fewer than 2 indicators left.",
    "Dropped for coverage below 0.5 of 4 country-years: i2 (1).",
  ]);
});

Deno.test("Table 2: ours beside the paper's, omitted terms, signs, the fit line", () => {
  const r = handStudy();
  assert.equal(
    md(table2Spec(r)),
    [
      "**Table 2. Gravity regression: ours beside the paper's**",
      "",
      "| Term | Coef. | SE | t | P>\\|t\\| | 95% lo | 95% hi | VIF | Paper coef. | Paper SE | " +
      "Paper P | Same sign |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|",
      "| ln_gdp | 1.250 | 0.250 | 5 | 0.125 | -1.925 | 4.425 | 1 | . | . | . | . |",
      "| _cons | -2.500 | 0.500 | -5 | 0.125 | -8.850 | 3.850 | . | . | . | . | . |",
      "",
      "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical.",
      "Dependent: ln trade. Paper: not loaded.",
    ].join("\n"),
  );
  withPaper(r);
  // a second term, omitted as collinear; the VIF with two decimals
  r.config.terms.push({ name: "ln_pop", variable: "pop", formation: "product", log: true });
  r.regression.fit!.omitted = ["ln_pop"];
  r.regression.fit!.vif = [{ term: "ln_gdp", vif: 1.23456 }];
  r.regression.fit!.fStatistic = 3.14159;
  assert.equal(
    md(table2Spec(r)),
    [
      "**Table 2. Gravity regression: ours beside the paper's**",
      "",
      "| Term | Coef. | SE | t | P>\\|t\\| | 95% lo | 95% hi | VIF | Paper coef. | Paper SE | " +
      "Paper P | Same sign |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|",
      "| ln_gdp | 1.250 | 0.250 | 5 | 0.125 | -1.925 | 4.425 | 1.23 | 0.500 | 0.100 | 0.000 | yes |",
      "| ln_pop | omitted | . | . | . | . | . | . | . | . | . | . |",
      "| _cons | -2.500 | 0.500 | -5 | 0.125 | -8.850 | 3.850 | . | 2.000 | 1.250 | 0.123 | NO |",
      "",
      "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3.142 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical, omitted (collinear): ln_pop.",
      "Dependent: ln trade. Paper: Paper 2024, Tables 2-3.",
    ].join("\n"),
  );
  // several omitted terms, comma-separated
  r.regression.fit!.omitted = ["ln_pop", "ln_x"];
  assert.equal(
    table2Spec(r).notes![0],
    "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3.142 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical, omitted (collinear): ln_pop, ln_x.",
  );
  // no fit: the reason, every estimate missing; a paper value that is not finite prints "."
  r.regression.fit = null;
  r.regression.reason = "too few rows";
  r.paper!.table2[0].coefficient = NaN;
  const s = table2Spec(r);
  assert.deepEqual(s.notes, [
    "Ours: too few rows.",
    "Dependent: ln trade. Paper: Paper 2024, Tables 2-3.",
  ]);
  assert.match(
    md(s),
    /^\| ln_gdp \| \. \| \. \| \. \| \. \| \. \| \. \| \. \| \. \| 0\.100 \| 0\.000 \| yes \|$/m,
  );
  assert.match(md(s), /^\| ln_pop \| \. \| \. \|/m);
});

Deno.test("Table 3: K, class, interval and P(class); the paper's K and class; notes", () => {
  const r = handStudy();
  r.potential[0].actual = 12345678.6;
  r.potential[0].predicted = 9876543.21;
  assert.equal(
    md(table3Spec(r)),
    [
      "**Table 3. Trade potential K: ours beside the paper's**",
      "",
      "| Country | Year | Actual | Predicted | K | Class | 90% int. | P(cls) | Paper K | " +
      "Paper class | Same class |",
      "|:---|---:|---:|---:|---:|:---|:---|---:|---:|:---|:---|",
      "| AAA | 2019 | 12345679 | 9876543.2100 | 0.700 | huge | 0.50-1.25 | 0.50 | . | - | . |",
      "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | 0.75 | . | - | . |",
      "| BBB | 2019 | . | 40 | . | (out of sample) | . | . | . | - | . |",
      "| BBB | 2020 | 5 | . | . | - | . | . | . | - | . |",
      "",
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "90% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // the paper: K with 3 decimals, class, agreement; its inconsistencies; P(class) of a row
  // without probabilities; a row in sample without a class
  withPaper(r);
  r.uncertainty!.level = 0.8;
  r.potential[1].classProbabilities = null;
  r.potential[2] = { ...r.potential[2], outOfSample: false };
  r.potential[0].actual = 7.5;
  r.potential[0].predicted = 10.25;
  assert.equal(
    md(table3Spec(r)),
    [
      "**Table 3. Trade potential K: ours beside the paper's**",
      "",
      "| Country | Year | Actual | Predicted | K | Class | 80% int. | P(cls) | Paper K | " +
      "Paper class | Same class |",
      "|:---|---:|---:|---:|---:|:---|:---|---:|---:|:---|:---|",
      "| AAA | 2019 | 7.5000 | 10.2500 | 0.700 | huge | 0.50-1.25 | 0.50 | 0.600 | huge | yes |",
      "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | . | 1.300 | expanding | NO |",
      "| BBB | 2019 | . | 40 | . | - | . | . | . | - | . |",
      "| BBB | 2020 | 5 | . | . | - | . | . | . | - | . |",
      "",
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "The paper contradicts its own thresholds: AAA 2020 (K 1.3, expanding); BBB 2018 (K 0.5, " +
      "remodelling).",
      "80% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // no uncertainty: no interval columns or note; rows without the interval fields
  r.uncertainty = null;
  r.paper!.comparison.paperInconsistencies = [];
  for (const p of r.potential) delete (p as { kLower?: unknown }).kLower;
  const s = table3Spec(r);
  assert.deepEqual(s.columns.map((c) => c.label), [
    "Country",
    "Year",
    "Actual",
    "Predicted",
    "K",
    "Class",
    "Paper K",
    "Paper class",
    "Same class",
  ]);
  assert.deepEqual(s.notes, [
    "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
    "K >= 1.25 remodelling.",
  ]);
  assert.equal("interval" in s.rows[0], false);
  assert.equal("pClass" in s.rows[0], false);
});

Deno.test("Table 3 with the benchmark: K-OLS, K-PPML, K-struct; compact text drops Actual and Predicted", () => {
  const r = handStudy();
  r.benchmark = handBenchmark([handBenchmarkFit("ols"), handBenchmarkFit("ppml")]);
  r.structural = handStructural();
  const full = table3Spec(r);
  assert.deepEqual(full.columns.map((c) => c.key), [
    "country",
    "year",
    "actual",
    "predicted",
    "k",
    "class",
    "interval",
    "pClass",
    "bench_ols",
    "bench_ppml",
    "struct_k",
    "paperK",
    "paperClass",
    "agree",
  ]);
  assert.equal(
    formatTable(table3Spec(r, { compact: true }), "text"),
    [
      "Table 3. Trade potential K: ours beside the paper's",
      "-".repeat(115),
      "Country  Year      K  Class            90% int.   P(cls)  K-OLS  K-PPML  K-struct  " +
      "Paper K  Paper class  Same class",
      "-".repeat(115),
      "AAA      2019  0.700  huge             0.50-1.25    0.50  0.500   0.500         2" +
      "        .  -            .",
      "AAA      2020  1.250  remodelling      1-1.50       0.75      .       .         ." +
      "        .  -            .",
      "BBB      2019      .  (out of sample)  .               .  1.250   1.500     0.500" +
      "        .  -            .",
      "BBB      2020      .  -                .               .      .       .         ." +
      "        .  -            .",
      "-".repeat(115),
      "K = actual / predicted (level); classes: K <= 0.75 huge, 0.75 < K < 1.25 expanding, " +
      "K >= 1.25 remodelling.",
      "K-OLS, K-PPML: K against the world benchmark (Table 3b); K-struct: the structural K " +
      "(Table 3c).",
      "90% int. = interval of K; P(cls) = probability of the class shown. Draws of the coefficients.",
    ].join("\n"),
  );
  // compact without benchmark columns keeps Actual and Predicted
  const plain = handStudy();
  assert.deepEqual(
    table3Spec(plain, { compact: true }).columns.map((c) => c.key).slice(0, 4),
    ["country", "year", "actual", "predicted"],
  );
});

Deno.test("formatComparison: agreement counts, disagreements, why they differ; markdown headings", () => {
  const r = withPaper(handStudy());
  assert.deepEqual(formatComparison(r), [
    "Comparison with the paper",
    "  Sign agreement: 1 of 2 coefficients compared.",
    "  Class agreement: 1 of 2 country-years compared (the paper has 2 K values).",
    "  Signs differ from the paper for 1 of 2 coefficients: _cons (ours -2.500, paper 2.000).",
    "  Classes differ from the paper in 1 of 2 country-years: AAA 2020 (ours remodelling K " +
    "1.250, paper expanding K 1.300).",
    "Why they differ",
    "  - difference one",
    "  - difference & two",
  ]);
  const m = formatComparison(r, true);
  assert.equal(m[0], "**Comparison with the paper**\n");
  assert.equal(m[5], "\n**Why they differ**\n");
  r.paper = null;
  assert.deepEqual(formatComparison(r), [
    "Comparison with the paper",
    "  (paper tables not loaded)",
    "Why they differ",
    "  - difference one",
    "  - difference & two",
  ]);
});

Deno.test("formatStudy text: title, headline, choices, compact tables, comparison, warnings, wrapped", () => {
  const r = handStudy();
  r.differences = [`long ${"word ".repeat(30)}end`];
  const text = formatStudy(r, "text");
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 6), [
    "Hand study <A&B>",
    "Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.",
    "Choices:",
    "  - choice one",
    "  - choice <two>",
    "",
  ]);
  // the tables in order, each after an empty line; Table 1 and 3 compact
  const titles = lines.filter((l, i) => lines[i - 1] === "" && l !== "");
  assert.deepEqual(titles, [
    "Table 1. Variables, sources and coverage (2019-2020)",
    "CBEC index (PCA of the standardized CBEC indicators): loadings",
    "Table 2. Gravity regression: ours beside the paper's",
    "Table 3. Trade potential K: ours beside the paper's",
    "Comparison with the paper",
    "Warnings:",
  ]);
  assert.ok(text.includes("\nMissing cells in the window (country years):\n"));
  assert.ok(text.includes(formatTable(table3Spec(r, { compact: true }), "text")));
  assert.deepEqual(lines.slice(-8), [
    "Comparison with the paper",
    "  (paper tables not loaded)",
    "Why they differ",
    `  - long ${"word ".repeat(21)}word`,
    `      ${"word ".repeat(8)}end`,
    "",
    "Warnings:",
    "  - warn <one>",
  ]);
  // default format is text
  assert.equal(formatStudy(r), text);
  // no choices, no warnings
  r.config.choices = [];
  r.warnings = [];
  const bare = formatStudy(r, "text").split("\n");
  assert.deepEqual(bare.slice(0, 3), [
    "Hand study <A&B>",
    "Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.",
    "",
  ]);
  assert.equal(bare.at(-1), `      ${"word ".repeat(8)}end`);
  assert.ok(!bare.includes("Warnings:"));
});

Deno.test("formatStudy markdown: headings, full tables, benchmark, sensitivity, forecast; no wrapping", () => {
  const r = handStudy();
  r.differences = [`long ${"word ".repeat(30)}end`];
  r.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  r.forecast = handForecast();
  r.sensitivity = {
    terms: ["ln_gdp"],
    variants: [],
    classChange: { changed: 0, compared: 0, share: null, cells: [] },
  };
  const text = formatStudy(r, "markdown");
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 7), [
    "# Hand study <A&B>",
    "Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.",
    "",
    "**Choices**",
    "",
    "  - choice one",
    "  - choice <two>",
  ]);
  assert.ok(text.includes(`\n\n${md(table1Spec(r))}\n\n${md(pcaSpec(r))}\n\n`));
  assert.ok(text.includes(`\n\n${md(table2Spec(r))}\n\n${md(table3Spec(r))}\n\n`));
  const bench = benchmarkSpecs(r).map(md).join("\n\n");
  assert.ok(text.includes(`${md(table3Spec(r))}\n\n${bench}\n\n**Sensitivity`));
  assert.ok(text.includes(`  - long ${"word ".repeat(30)}end\n\n## Forecast\n`));
  assert.ok(text.includes("\n\n**Comparison with the paper**\n\n"));
  assert.ok(text.endsWith("\n\nWarnings:\n  - warn <one>"));
  // text: the same sections (forecast and sensitivity included)
  const t = formatStudy(r, "text");
  assert.ok(t.includes("\n\nForecast\nForecast <summary> & more.\n"));
  assert.ok(t.includes("\n\nSensitivity"));
  // Table 3 in text is the compact one: with benchmark columns, no Actual and Predicted
  assert.ok(t.includes(`\n\n${formatTable(table3Spec(r, { compact: true }), "text")}\n\n`));
  assert.ok(!t.includes("Country  Year  Actual"));
  assert.ok(t.includes("\n\nTable 3b. Trade potential K against the world benchmark\n"));
});

Deno.test("formatStudy html: escaped title and headline, choices, every table, comparison, warnings", () => {
  const r = handStudy();
  const html = formatStudy(r, "html");
  const table = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "html");
  assert.equal(
    html,
    [
      "<h2>Hand study &lt;A&amp;B&gt;</h2>",
      "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>",
      "<h3>Choices</h3>",
      "<ul><li>choice one</li><li>choice &lt;two&gt;</li></ul>",
      table(table1Spec(r)),
      table(pcaSpec(r)),
      table(table2Spec(r)),
      table(table3Spec(r)),
      "<h3>Comparison with the paper</h3>",
      "<ul><li>(paper tables not loaded)</li></ul>",
      "<h3>Why they differ</h3>",
      "<ul><li>difference one</li><li>difference &amp; two</li></ul>",
      "<h3>Warnings</h3>",
      "<ul><li>warn &lt;one&gt;</li></ul>",
    ].join("\n"),
  );
  // Table 1 in HTML is the full one (Missing and Source columns)
  assert.ok(html.includes("<th>Missing</th><th>Source</th>"));
  r.config.choices = [];
  r.warnings = [];
  r.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  r.forecast = handForecast();
  r.sensitivity = {
    terms: ["ln_gdp"],
    variants: [],
    classChange: { changed: 0, compared: 0, share: null, cells: [] },
  };
  const h = formatStudy(r, "html").split("\n");
  assert.deepEqual(h.slice(0, 3), [
    "<h2>Hand study &lt;A&amp;B&gt;</h2>",
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>",
    "<table><caption>Table 1. Variables, sources and coverage (2019-2020)</caption>",
  ]);
  const joined = h.join("\n");
  assert.ok(joined.includes("<caption>Table 3b. Trade potential K against the world benchmark"));
  assert.ok(joined.includes("<caption>Sensitivity"));
  assert.ok(joined.includes("\n<h3>Forecast</h3>\n<p>Forecast &lt;summary&gt; &amp; more.</p>"));
  assert.ok(!joined.includes("<h3>Warnings</h3>"));
  assert.ok(!joined.includes("<h3>Choices</h3>"));
  assert.ok(joined.endsWith("<li>note two</li></ul>"));
});

Deno.test("Table 3: a P(class) that is not a finite number prints '.'", () => {
  const r = handStudy();
  r.potential[0].classProbabilities = { huge: NaN, expanding: 0.5, remodelling: 0.5 };
  r.potential[1].classProbabilities = { huge: 0, expanding: 0, remodelling: Infinity };
  const rows = md(table3Spec(r)).split("\n");
  assert.equal(rows[4], "| AAA | 2019 | 7 | 10 | 0.700 | huge | 0.50-1.25 | . | . | - | . |");
  assert.equal(rows[5], "| AAA | 2020 | 25 | 20 | 1.250 | remodelling | 1-1.50 | . | . | - | . |");
});
