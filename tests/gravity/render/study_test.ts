/**
 * lib/gravity/render/study.ts: on the hand-built result of hand_results.ts, line wrapping and the
 * whole report in text, markdown and HTML (headline, choices, every table in order, comparison,
 * forecast, warnings; expected strings written from the fixture's inputs); on real study runs (the
 * synthetic panel), the reports carry the tables and the comparison, the text fits in 120 columns,
 * markdown keeps Table 1's Missing and Source columns, and the frontier and counterfactual sections
 * (fixture world, hand-built baseline world) come after the tables and before the comparison.
 */
import assert from "node:assert/strict";
import { formatStudy, TEXT_WIDTH, wrapText } from "../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import { benchmarkSpecs } from "../../../lib/gravity/render/sections/world.ts";
import { pcaSpec } from "../../../lib/gravity/render/sections/pca.ts";
import { table1Spec } from "../../../lib/gravity/render/sections/coverage.ts";
import { table2Spec } from "../../../lib/gravity/render/sections/regression.ts";
import { table3Spec } from "../../../lib/gravity/render/sections/potential.ts";
import { formatTable } from "../../../lib/report/table.ts";
import {
  handBenchmark,
  handBenchmarkFit,
  handForecast,
  handStructural,
  handStudy,
} from "./hand_results.ts";
import { FRONTIER_DEFAULTS } from "../../../lib/gravity/config/frontier.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import { formatFrontierSection } from "../../../lib/gravity/render/sections/frontier.ts";
import { formatCounterfactualSection } from "../../../lib/gravity/render/sections/counterfactual.ts";
import { fixtureWorld } from "../world/frontier_fixture.ts";
import { handBaseline, handCounterfactualConfig } from "../world/ge_fixture.ts";

const PAPER: PaperTables = {
  source: "test",
  table2: ["ln_pgdp", "ln_pop", "_cons"].map((term, i) => ({
    variable: term,
    term,
    coefficient: 0.5 + i,
    stdError: 0.1,
    t: 5,
    p: 0.01,
    ciLower: 0.3 + i,
    ciUpper: 0.7 + i,
  })),
  table3: [],
};

Deno.test("formatting: text, markdown and HTML reports carry the tables and the comparison", () => {
  const { config, panel } = syntheticStudy({ spread: 0.3 });
  const r = runGravityStudy(config, panel);
  const text = formatStudy(r, "text");
  assert.match(text, /^ln_pgdp +0\.703 /m);
  assert.match(formatStudy(r, "markdown"), /^\| ln_pgdp \| 0\.703 \|/m);
  const html = formatStudy(r, "html");
  assert.ok(html.includes("<caption>Table 2. Gravity regression: ours beside the paper's"));
  assert.ok(html.includes("<h3>Why they differ</h3>"));
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(r))).sort(), [
    "benchmark",
    "config",
    "data",
    "differences",
    "findings",
    "forecast",
    "kDefinition",
    "paper",
    "pca",
    "potential",
    "potentialNote",
    "regression",
    "sensitivity",
    "structural",
    "uncertainty",
    "warnings",
  ]);
});

Deno.test("text report fits in 120 columns; markdown keeps Missing and Source in Table 1", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 7 });
  for (const row of panel.rows) if (row.year < 2018 && row.iso3 !== "CHN") row.values.etrade = NaN;
  const r = runGravityStudy(config, panel, { paper: PAPER });
  const text = formatStudy(r, "text");
  for (const line of text.split("\n")) assert.ok(line.length <= TEXT_WIDTH, line);
  assert.match(text, /^Missing cells in the window \(country years\):$/m);
  assert.match(text, /^ {2}etrade: \w{3} 2015-2017;/m);
  const md = formatStudy(r, "markdown");
  assert.match(md, /^\| Role \| Variable \| .* \| Missing \| Source \|$/m);
  assert.equal(wrapText("ab cd ef", 5), "ab cd\n    ef");
  assert.equal(wrapText("  - aaa bbb ccc", 10), "  - aaa\n      bbb\n      ccc");
});

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

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
  // no benchmark, frontier, sensitivity or counterfactual: the comparison right after Table 3
  assert.ok(
    text.includes(
      `${formatTable(table3Spec(r, { compact: true }), "text")}\n\nComparison with the paper\n`,
    ),
  );
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
  // double quotes are kept as they are in the headings and in the lists (the page's convention)
  r.config.title = 'Hand "study"';
  r.warnings = ['warn "one"'];
  const q = formatStudy(r, "html");
  assert.ok(q.startsWith('<h2>Hand "study"</h2>\n'));
  assert.ok(q.endsWith('\n<h3>Warnings</h3>\n<ul><li>warn "one"</li></ul>'));
});

Deno.test("text, markdown and HTML reports put the frontier and the counterfactuals after the tables, before the comparison", () => {
  // the frontier on the fixture world, the counterfactuals on a hand-built baseline world
  const { config, panel } = syntheticStudy({ spread: 0 });
  const r = runGravityStudy(
    {
      ...config,
      uncertainty: { ...config.uncertainty, enabled: false },
      frontier: { ...FRONTIER_DEFAULTS, years: { from: 2013, to: 2020 } },
      structural: STRUCTURAL_DEFAULTS,
      counterfactual: handCounterfactualConfig(),
    },
    panel,
    {
      world: fixtureWorld(),
      geBaseline: handBaseline(config.reporter, config.partners, ["XXX", "YYY"]),
      structural: handStructural(),
    },
  );
  assert.ok(r.frontier && r.counterfactual);
  const [frontierText, cfText] = [formatFrontierSection(r), formatCounterfactualSection(r)];
  assert.ok(frontierText.startsWith("Table 4."));
  assert.ok(cfText.startsWith("General-equilibrium counterfactuals:"));
  // Table 3, then the structural K's table (benchmarkSpecs), then the two sections
  const tables = (format: "text" | "markdown" | "html") =>
    [table3Spec(r, { compact: format === "text" }), ...benchmarkSpecs(r)].map((spec) =>
      formatTable(spec, format)
    );
  assert.equal(tables("text").length, 2);
  assert.ok(
    formatStudy(r, "text").includes(
      wrapText(
        [...tables("text"), frontierText, cfText, "Comparison with the paper\n"].join("\n\n"),
      ),
    ),
  );
  assert.ok(
    formatStudy(r, "markdown").includes(
      [
        ...tables("markdown"),
        formatFrontierSection(r, "markdown"),
        formatCounterfactualSection(r, "markdown"),
        "**Comparison with the paper**\n",
      ].join("\n\n"),
    ),
  );
  assert.ok(
    formatStudy(r, "html").includes(
      [
        ...tables("html"),
        formatFrontierSection(r, "html"),
        formatCounterfactualSection(r, "html"),
        "<h3>Comparison with the paper</h3>\n",
      ].join("\n"),
    ),
  );
});
