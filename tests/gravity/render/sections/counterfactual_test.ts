/**
 * The counterfactual section as the reader sees it (lib/gravity/render/sections/counterfactual.ts and its
 * hooks): Table 5 with the domestic-flow rule flagged and the countries left out named, each
 * scenario's assumptions in words and its change (or why it was not computed), its tables with
 * the result's numbers, in text, markdown and HTML; in the full study print-out, the report page
 * with its welfare figures, the LaTeX tables and the workbook's sheets.
 */
import assert from "node:assert/strict";
import { studyLatex, studySheets } from "../../../../lib/cli/study_files.ts";
import { STRUCTURAL_DEFAULTS } from "../../../../lib/gravity/config/structural.ts";
import {
  COUNTERFACTUAL_INTRO,
  formatCounterfactualSection,
} from "../../../../lib/gravity/render/sections/counterfactual.ts";
import { studyFigures } from "../../../../lib/gravity/render/figures.ts";
import { studyReport } from "../../../../lib/gravity/render/report_page.ts";
import { formatStudy, formatSummary } from "../../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../../lib/gravity/synthetic/study.ts";
import { handStructural } from "../hand_results.ts";
import { handBaseline, handCounterfactualConfig } from "../../world/ge_fixture.ts";

const { config: base, panel } = syntheticStudy({ spread: 0 });
const config = {
  ...base,
  structural: STRUCTURAL_DEFAULTS,
  counterfactual: handCounterfactualConfig(),
};
const r = runGravityStudy(config, panel, {
  geBaseline: handBaseline(base.reporter, base.partners, ["XXX", "YYY"]),
  structural: handStructural(),
});
const c = r.counterfactual!;
const [fta, corridor, overland] = c.scenarios;
const flat = (s: string) => s.replace(/\s+/g, " ");
const signed = (v: number) => `${v >= 0 ? "+" : ""}${v.toFixed(2)}`;

Deno.test("counterfactual section (text): Table 5 flags the domestic rule and names who is left out; each scenario's assumptions, change and tables", () => {
  const t = formatCounterfactualSection(r, "text");
  const f = flat(t);
  assert.ok(f.includes(flat(COUNTERFACTUAL_INTRO)));
  assert.ok(
    t.includes(
      `Table 5. The counterfactuals' baseline world, 2019: ${c.baseline.countries.length} ` +
        `countries (IMF DOTS); the study's countries`,
    ),
  );
  assert.ok(f.includes("FLAGGED: GDP minus exports (hand-made)."));
  assert.ok(
    f.includes(
      "Left out (no number invented for them): 1 countries without 2019 GDP in WDI (NOG); 1 " +
        "whose GDP minus exports is not positive (NEG: GDP 1.00, exports 2.00 US$ bn).",
    ),
  );
  assert.ok(
    f.includes("the importer's (CIF) where the exporter reports none, 2 pairs (US$ 5.00 bn)"),
  );
  assert.ok(
    f.includes(
      "Trade costs: the structural section's world PPML (ln_dist -0.875 (SE 0.125), contig 0.500 (SE 0.250))",
    ),
  );
  assert.ok(
    f.includes("Elasticity theta = 4; trade deficits fixed in levels; numeraire: world output."),
  );
  // every scenario, with its assumptions in words
  for (const s of c.scenarios) {
    assert.ok(t.includes(`Scenario "${s.scenario.name}": ${s.scenario.title}`));
    assert.ok(f.includes(`Assumptions: ${s.scenario.assumptions}`));
  }
  assert.ok(f.includes(`NOT COMPUTED (rta = 1 on the reporter-partners pairs): ${fta.reason}.`));
  assert.ok(
    f.includes(
      `Change (distance x 0.8 on the reporter-partners pairs): ${corridor.change}; 10 of 10 directed pairs change`,
    ),
  );
  // overland: only the non-neighbours' pairs change (the first partner borders the reporter)
  assert.ok(f.includes("8 of 10 directed pairs change"));
  // the bilateral table carries the result's numbers
  const all = corridor.total!;
  const row = t.split("\n").find((l) => l.startsWith("all partners"))!;
  assert.deepEqual(row.trim().split(/\s+/).slice(2), [
    (all.baseline / 1e9).toFixed(2),
    (all.partial / 1e9).toFixed(2),
    signed(all.partialChange!),
    (all.conditional / 1e9).toFixed(2),
    signed(all.conditionalChange!),
    (all.counterfactual / 1e9).toFixed(2),
    signed(all.counterfactualChange!),
  ]);
  // the country table: the study's countries only; the others most affected in a note
  const head = `Counterfactual "corridor": changes by country (the study's countries)`;
  const block = t.slice(t.indexOf(head), t.indexOf(`Scenario "overland"`));
  for (const country of [base.reporter, ...base.partners]) {
    const w = corridor.result!.countries.find((x) => x.country === country)!;
    const line = block.split("\n").find((l) => l.startsWith(country))!;
    assert.equal(
      line.trim().split(/\s+/)[1],
      `${(w.welfare - 1) * 100 >= 0 ? "+" : ""}${((w.welfare - 1) * 100).toFixed(3)}`,
    );
  }
  assert.ok(!block.split("\n").some((l) => l.startsWith("XXX")));
  assert.match(
    flat(block),
    /Elsewhere, the largest welfare changes: (XXX|YYY) [+-]\d\.\d{3}%, (XXX|YYY) [+-]\d\.\d{3}%\./,
  );
  assert.ok(overland.ok);
});

Deno.test("counterfactual section (markdown, HTML): the same parts; HTML escapes the assumptions", () => {
  const md = formatCounterfactualSection(r, "markdown");
  assert.ok(md.startsWith("**General-equilibrium counterfactuals**"));
  assert.ok(md.includes('**Scenario "corridor": A corridor**'));
  assert.ok(md.includes("| Partner |"));
  const html = formatCounterfactualSection(r, "html");
  assert.ok(html.includes('<h3>Scenario "fta": A free-trade agreement</h3>'));
  assert.ok(
    html.includes("<p>Assumptions: The agreement's assumptions &lt;in words&gt; &amp; more.</p>"),
  );
  assert.ok(html.includes("<table"));
  assert.ok(html.includes("NOT COMPUTED"));
  // nothing without the section
  assert.equal(formatCounterfactualSection({ ...r, counterfactual: null }, "text"), "");
});

Deno.test("counterfactual in the study's outputs: --full text before the comparison, the summary's findings, report.html with its figures, LaTeX and workbook", () => {
  const full = formatStudy(r, "text");
  const at = full.indexOf("General-equilibrium counterfactuals:");
  assert.ok(at > 0 && at < full.indexOf("Comparison with the paper"));
  assert.ok(
    flat(formatSummary(r)).includes(flat(
      r.findings.sections.find((s) => s.section === "counterfactual")!.headline,
    )),
  );
  assert.ok(formatStudy(r, "html").includes("Table 5. The counterfactuals' baseline world"));
  const figures = studyFigures(r).filter((f) => f.part === "counterfactual");
  assert.deepEqual(figures.map((f) => f.name), [
    "counterfactual_corridor",
    "counterfactual_overland",
  ]);
  for (const country of [base.reporter, ...base.partners, "XXX", "YYY"]) {
    assert.ok(figures[0].svg.includes(`>${country}<`), country);
  }
  assert.ok(figures[0].svg.includes("welfare"));
  const page = studyReport(r);
  const heading =
    "General-equilibrium counterfactuals: trade and real income if trade costs change";
  assert.ok(page.includes(`<h2>${heading}</h2>`));
  const section = page.slice(page.indexOf(`<h2>${heading}</h2>`));
  const end = section.indexOf("</section>");
  // both computed scenarios' figures, the one not computed has none
  assert.equal(section.slice(0, end).split('data-kind="welfareBars"').length - 1, 2);
  assert.ok(section.slice(0, end).includes("NOT COMPUTED"));
  const tex = studyLatex(r);
  for (
    const label of [
      "tab:table5",
      "tab:ge-corridor-trade",
      "tab:ge-corridor-countries",
      "tab:ge-overland-trade",
    ]
  ) {
    assert.ok(tex.includes(`\\label{${label}}`), label);
  }
  assert.deepEqual(
    studySheets(r).map((s) => s.name).filter((n) => n.startsWith("GE")),
    [
      "GE Table 5",
      "GE corridor trade",
      "GE corridor countries",
      "GE overland trade",
      "GE overland countries",
    ],
  );
});
