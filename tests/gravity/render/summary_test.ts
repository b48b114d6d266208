/**
 * The terminal summary (formatSummary in lib/gravity/render/study.ts) and the compact Table 3
 * (table3MatrixSpec): on the bundled real data the summary is a screen or two that leads with the
 * findings, then Table 2 and Table 3 compact, the warnings and the files; every K cell of the
 * compact table is the result's K and class; on the hand-built result, the summary's exact lines
 * and how the files written are listed.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { loadPanel } from "../../../lib/data/panel.ts";
import { loadStudyConfig } from "../../../lib/gravity/config/study.ts";
import { table3MatrixSpec } from "../../../lib/gravity/render/sections/potential.ts";
import { table2Spec } from "../../../lib/gravity/render/sections/regression.ts";
import { formatSummary, TEXT_WIDTH, wrapText } from "../../../lib/gravity/render/study.ts";
import { formatTable } from "../../../lib/report/table.ts";
import { loadPaperTables } from "../../../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { handStudy } from "./hand_results.ts";

const oneLine = (s: string) => s.replace(/\s+/g, " ");

Deno.test("summary on the real data: findings first, Table 2 and Table 3 compact, warnings, files, <= 120 lines", async () => {
  const config = await loadStudyConfig("data/study.config.json");
  const r = runGravityStudy(config, await loadPanel("data"), {
    paper: await loadPaperTables("data/paper"),
  });
  const files = ["results.json", "tables.tex", "tables.xlsx", "figures/a.svg", "report.html"];
  const text = formatSummary(r, { outDir: "out/x", files });
  const lines = text.split("\n");
  assert.ok(lines.length <= 120, `${lines.length} lines`);
  for (const l of lines) assert.ok(l.length <= TEXT_WIDTH, l);
  assert.equal(lines[0], config.title);
  assert.equal(lines[3], "What we found:");
  // every finding, in order, before the tables
  const flat = oneLine(text);
  let at = 0;
  for (const s of r.findings.sentences) {
    const i = flat.indexOf(oneLine(s), at);
    assert.ok(i > at, `finding missing or out of order: ${s}`);
    at = i;
  }
  const t2 = flat.indexOf("Table 2. Gravity regression");
  const t3 = flat.indexOf("Table 3 (compact).");
  assert.ok(at < t2 && t2 < t3, "findings, then Table 2, then Table 3");
  // Table 2 compact: every coefficient of ours with its SE; no t, CI or VIF columns
  for (const c of r.regression.fit!.coefficients) {
    const term = c.term === "(Intercept)" ? "_cons" : c.term;
    assert.match(
      text,
      new RegExp(`^${term} +${c.estimate.toFixed(3)} +${c.stdError.toFixed(3)} `, "m"),
    );
  }
  assert.deepEqual(
    table2Spec(r, { compact: true }).columns.map((c) => c.key),
    ["term", "b", "se", "p", "paperB", "paperSe", "paperP", "sign"],
  );
  assert.match(text, /^Warnings:\n {2}- uncertainty: /m);
  assert.ok(flat.includes("Full report: out/x/report.html"));
  assert.ok(flat.includes("Files in out/x/: tables.tex (LaTeX tables, booktabs), tables.xlsx"));
  assert.ok(flat.includes("figures/ (1 SVG)"));
  assert.ok(text.endsWith("Every table in the terminal: deno task study --full."));
});

Deno.test("compact Table 3: one row of ours and one of the paper's per partner, each cell K and class", async () => {
  const config = await loadStudyConfig("data/study.config.json");
  const r = runGravityStudy(config, await loadPanel("data"), {
    paper: await loadPaperTables("data/paper"),
  });
  const spec = table3MatrixSpec(r);
  assert.equal(spec.rows.length, 2 * config.partners.length);
  const letter = { huge: "H", expanding: "E", remodelling: "R" } as Record<string, string>;
  for (const p of r.potential) {
    const row = spec.rows.find((x) => x.source === "ours" && x.country === p.country)!;
    const cell = row[`y${p.year}`];
    assert.equal(cell, p.k === null ? "." : `${p.k.toFixed(2)} ${letter[p.class!]}`);
  }
  const cmp = r.paper!.comparison.classes;
  for (const country of config.partners) {
    const i = spec.rows.findIndex((x) => x.source === "ours" && x.country === country);
    const mine = cmp.filter((c) => c.country === country && c.agree !== null);
    assert.equal(
      spec.rows[i].same,
      `${mine.filter((c) => c.agree).length} of ${mine.length}`,
      country,
    );
    const paperRow = spec.rows[i + 1];
    assert.equal(paperRow.source, "paper");
    for (const c of cmp.filter((c) => c.country === country && c.paperK !== null)) {
      assert.equal(paperRow[`y${c.year}`], `${c.paperK!.toFixed(2)} ${letter[c.paperClass!]}`);
    }
  }
});

Deno.test("summary without a regression: the reason and the hints, and the --config in the full command", () => {
  const r = handStudy();
  r.regression.estimable = false;
  r.regression.fit = null;
  r.regression.reason = "the regression cannot be estimated: 3 rows";
  r.potential = [];
  r.findings.sentences = ["No regression: the regression cannot be estimated: 3 rows."];
  const text = formatSummary(r, {
    hints: ["Hint: try equation (1)."],
    fullCommand: "deno task study --config x.json --full",
  });
  assert.ok(
    text.includes(
      "What we found:\n  - No regression: the regression cannot be estimated: 3 rows.\n\n" +
        "Hint: try equation (1).\n\nTable 2. Gravity regression",
    ),
    text,
  );
  assert.ok(text.endsWith("Every table in the terminal: deno task study --config x.json --full."));
  assert.ok(!text.includes("Full report:"), "no files listed, no report named");
});

Deno.test("summary of a hand-built result: findings, compact Table 2 and Table 3, warnings, then the report and each file", () => {
  const r = handStudy();
  const t2 = formatTable(table2Spec(r, { compact: true }), "text");
  const t3 = formatTable(table3MatrixSpec(r), "text");
  // Table 2 compact: no t, CI or VIF columns
  assert.match(t2, /^Term +Coef\. +SE +P>\|t\| +Paper coef\. +Paper SE +Paper P +Same sign$/m);
  const head = [
    "Hand study <A&B>",
    "Reporter CHN; partners AAA BBB; years 2019-2020; dependent ln trade.",
    "",
    "What we found:",
    ...r.findings.sentences.map((s) => `  - ${s}`),
    "",
    t2,
    "",
    t3,
  ];
  const files = [
    "forecast.csv",
    "report.html",
    "figures/a.svg",
    "figures/b.svg",
    "results.json",
    "tables.tex",
  ];
  // the described files first (in their order, with what they hold), then the others, then
  // the figures counted; the report named on its own line
  assert.equal(
    formatSummary(r, { files }),
    wrapText(
      [
        ...head,
        "",
        "Warnings:",
        "  - warn <one>",
        "",
        "Full report: out/study/report.html (every table and figure, the choices and sources).",
        "Files in out/study/: tables.tex (LaTeX tables, booktabs), results.json (every number), " +
        "forecast.csv, figures/ (2 SVG).",
        "Every table in the terminal: deno task study --full.",
      ].join("\n"),
    ),
  );
  // no report page, no figures: neither is named
  assert.ok(
    formatSummary(r, { outDir: "out/x", files: ["tables.xlsx"] }).endsWith(
      "\n\nFiles in out/x/: tables.xlsx (Excel, one sheet per table).\n" +
        "Every table in the terminal: deno task study --full.",
    ),
  );
  // no warnings, no files: the command only
  r.warnings = [];
  assert.equal(
    formatSummary(r),
    wrapText(
      [...head, "", "Every table in the terminal: deno task study --full."].join("\n"),
    ),
  );
});
