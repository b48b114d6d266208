/**
 * lib/gravity/render/study.ts on real study runs (the synthetic panel): the text, markdown and
 * HTML reports carry the tables and the comparison, the text fits in 120 columns and markdown
 * keeps Table 1's Missing and Source columns.
 */
import assert from "node:assert/strict";
import { formatStudy, TEXT_WIDTH, wrapText } from "../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";

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
