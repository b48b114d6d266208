/**
 * lib/gravity/render/report_page.ts on the hand-built result of hand_results.ts: the page's
 * sections in order and their exact HTML (summary, choices, hints, comparison, warnings), each
 * section's figures, and the optional benchmark, sensitivity and forecast sections. Expected
 * strings are written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import { studyFigures } from "../../../lib/gravity/render/figures.ts";
import { FINDINGS_FIGURES, studyReport } from "../../../lib/gravity/render/report_page.ts";
import type { PaperComparison, PaperTables } from "../../../lib/gravity/study/paper.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "./hand_results.ts";

/** The sections of the report page: heading -> its HTML. */
function sections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (
    const m of html.matchAll(/<section id="[^"]*">\n<h2>([^<]*)<\/h2>\n([\s\S]*?)\n<\/section>/g)
  ) {
    out.set(m[1], m[2]);
  }
  return out;
}

Deno.test("studyReport: title, subtitle, summary, choices, tables with their figures, comparison, warnings", () => {
  const r = handStudy();
  const html = studyReport(r, { configPath: "cfg.json" });
  assert.ok(html.includes("<title>Hand study &lt;A&amp;B&gt;</title>"));
  assert.ok(
    html.includes(
      '<p class="subtitle">cbec-gravity study (config cfg.json); the paper: not loaded.</p>',
    ),
  );
  const s = sections(html);
  assert.deepEqual([...s.keys()], [
    "Findings",
    "Choices of the method",
    "Table 1. Variables, sources and coverage",
    "CBEC index (PCA)",
    "Table 2. Gravity regression",
    "Table 3. Trade potential K",
    "Comparison with the paper and why they differ",
    "Warnings",
  ]);
  assert.ok(
    s.get("Findings")!.startsWith(
      "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n<ul>\n",
    ),
  );
  assert.equal(
    s.get("Choices of the method"),
    "<ul>\n<li>choice one</li>\n<li>choice &lt;two&gt;</li>\n</ul>",
  );
  assert.ok(
    s.get("Table 1. Variables, sources and coverage")!.startsWith("<table><caption>Table 1."),
  );
  const figs = studyFigures(r);
  const part = (p: string) =>
    figs.filter((f) => f.part === p && !FINDINGS_FIGURES.includes(f.name))
      .map((f) => `<figure>\n${f.svg}\n</figure>`).join("\n");
  const pca = s.get("CBEC index (PCA)")!;
  assert.ok(pca.startsWith("<table><caption>CBEC index (PCA of the standardized"));
  assert.ok(pca.endsWith(`</p>\n${part("pca")}`));
  const t2 = s.get("Table 2. Gravity regression")!;
  assert.ok(t2.startsWith("<table><caption>Table 2. Gravity regression"));
  assert.ok(t2.endsWith(`</p>\n${part("regression")}`));
  const t3 = s.get("Table 3. Trade potential K")!;
  assert.ok(t3.startsWith("<table><caption>Table 3. Trade potential K"));
  assert.ok(t3.endsWith(`</p>\n${part("potential")}`));
  assert.equal(
    s.get("Comparison with the paper and why they differ"),
    "<ul>\n<li>(paper tables not loaded)</li>\n</ul>\n<h3>Why they differ</h3>\n" +
      "<ul>\n<li>difference one</li>\n<li>difference &amp; two</li>\n</ul>",
  );
  assert.equal(s.get("Warnings"), "<ul>\n<li>warn &lt;one&gt;</li>\n</ul>");
  // without a config path, choices or warnings; the paper's source named
  r.config.choices = [];
  r.warnings = [];
  r.paper = { source: "Paper 2024", table2: [], table3: [] } as unknown as PaperTables & {
    comparison: PaperComparison;
  };
  r.paper.comparison = {
    coefficients: [],
    classes: [],
    signAgreement: { agree: 0, compared: 0 },
    classAgreement: { agree: 0, compared: 0 },
    paperInconsistencies: [],
  };
  const h2 = studyReport(r);
  assert.ok(h2.includes('<p class="subtitle">cbec-gravity study; the paper: Paper 2024.</p>'));
  const s2 = sections(h2);
  assert.ok(
    s2.get("Findings")!.startsWith(
      "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n<ul>",
    ),
  );
  assert.equal(s2.has("Choices of the method"), false);
  assert.equal(s2.has("Warnings"), false);
  assert.equal(
    s2.get("Comparison with the paper and why they differ"),
    "<ul>\n<li>Sign agreement: 0 of 0 coefficients compared.</li>\n" +
      "<li>Class agreement: 0 of 0 country-years compared (the paper has 0 K values).</li>\n" +
      "</ul>\n<h3>Why they differ</h3>\n" +
      "<ul>\n<li>difference one</li>\n<li>difference &amp; two</li>\n</ul>",
  );
});

Deno.test("studyReport: not estimable, given figures, hints; benchmark, sensitivity and forecast sections", () => {
  const r = handStudy();
  r.regression.estimable = false;
  r.regression.fit = null;
  r.regression.reason = "the regression cannot be estimated: 3 rows < 4 & more";
  const html = studyReport(r, { hints: ["hint <1>", "hint 2"] });
  const s = sections(html);
  assert.ok(s.get("Findings")!.startsWith(
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      "<p><strong>The regression could not be estimated</strong>: 3 rows &lt; 4 &amp; more. So " +
      "there is no Table 2 or Table 3 of ours and the regression and K figures are empty; the " +
      "coverage, the CBEC index and the paper's tables are still shown.</p>\n" +
      "<p>hint &lt;1&gt;</p>\n<p>hint 2</p>\n<ul>",
  ));
  // an empty figure has its caption
  const k = studyFigures(r).find((f) => f.name === "k_heatmap")!;
  assert.ok(
    s.get("Table 3. Trade potential K")!.includes(
      `<figure>\n${k.svg}\n<figcaption>Not drawn: the regression cannot be estimated: 3 rows ` +
        `&lt; 4 &amp; more</figcaption>\n</figure>`,
    ),
  );
  // no reason given, no hints
  delete r.regression.reason;
  r.config.choices = [];
  const tail = ". So there is no Table 2 or Table 3 of ours and the regression and K figures are " +
    "empty; the coverage, the CBEC index and the paper's tables are still shown.</p>";
  assert.ok(sections(studyReport(r)).get("Findings")!.startsWith(
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      `<p><strong>The regression could not be estimated</strong>: ${tail}\n<ul>`,
  ));
  // only a leading "the regression cannot be estimated: " is cut
  r.regression.reason = "no fit: the regression cannot be estimated: 2 rows";
  assert.ok(sections(studyReport(r)).get("Findings")!.startsWith(
    "<p>Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.</p>\n" +
      "<p><strong>The regression could not be estimated</strong>: no fit: the regression cannot " +
      `be estimated: 2 rows${tail}\n<ul>`,
  ));
  // the figures given are the ones shown
  const mine = [
    { part: "pca" as const, name: "x", title: "X", svg: "<svg>PCA-FIG</svg>" },
    { part: "forecast" as const, name: "y", title: "Y", svg: "<svg>FC-FIG</svg>" },
  ];
  const r2 = handStudy();
  r2.benchmark = handBenchmark([handBenchmarkFit("ols")]);
  r2.forecast = handForecast();
  r2.sensitivity = {
    terms: ["ln_gdp"],
    variants: [],
    classChange: { changed: 0, compared: 0, share: null, cells: [] },
  };
  const s2 = sections(studyReport(r2, { figures: mine }));
  assert.deepEqual([...s2.keys()], [
    "Findings",
    "Choices of the method",
    "Table 1. Variables, sources and coverage",
    "CBEC index (PCA)",
    "Table 2. Gravity regression",
    "Table 3. Trade potential K",
    "The world benchmark: K out of sample",
    "Sensitivity: the same equation on each dependent variable",
    "Comparison with the paper and why they differ",
    "Forecast: out-of-time validation and scenario projections",
    "Warnings",
  ]);
  assert.ok(s2.get("CBEC index (PCA)")!.endsWith("</p>\n<figure>\n<svg>PCA-FIG</svg>\n</figure>"));
  assert.ok(s2.get("Table 2. Gravity regression")!.endsWith("</p>\n"));
  const bench = s2.get("The world benchmark: K out of sample")!;
  assert.ok(bench.startsWith("<table><caption>Table 3b. Trade potential K against the world"));
  assert.ok(bench.includes("<table><caption>Table 1b. China world panel"));
  assert.ok(bench.includes("<table><caption>Benchmark: gravity of CHN"));
  assert.ok(bench.endsWith("</p>\n"));
  assert.ok(
    s2.get("Sensitivity: the same equation on each dependent variable")!.startsWith("<table>"),
  );
  const fc = s2.get("Forecast: out-of-time validation and scenario projections")!;
  assert.ok(fc.startsWith("<h3>Forecast</h3>\n<p>Forecast &lt;summary&gt; &amp; more.</p>"));
  assert.ok(fc.endsWith("</ul>\n<figure>\n<svg>FC-FIG</svg>\n</figure>"));
  // the structural K alone opens the benchmark section too, with its figure
  const r3 = handStudy();
  r3.structural = handStructural();
  const s3 = sections(studyReport(r3));
  const st = s3.get("The world benchmark: K out of sample")!;
  assert.ok(st.startsWith("<table><caption>Table 3c. Structural K"));
  assert.ok(st.includes("<figure>\n<svg"));
  assert.ok(st.includes("K against the world benchmark with 90% intervals, by partner"));
});
