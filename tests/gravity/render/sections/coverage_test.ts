/**
 * lib/gravity/render/sections/coverage.ts on the hand-built result of hand_results.ts: the exact markdown
 * and text of Table 1 (compact text moves Missing and Source into notes) and the exclusion summary
 * (one line per missing piece, years as ranges). Expected strings are written from the fixture's
 * inputs.
 */
import assert from "node:assert/strict";
import { exclusionSummary, table1Spec } from "../../../../lib/gravity/render/sections/coverage.ts";
import { formatTable } from "../../../../lib/report/table.ts";
import { handStudy } from "../hand_results.ts";

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

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
