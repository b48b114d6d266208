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
  counterfactualBaselineSpec,
  counterfactualSpecs,
  formatCounterfactualSection,
  scenarioSpecs,
} from "../../../../lib/gravity/render/sections/counterfactual.ts";
import { studyFigures } from "../../../../lib/gravity/render/figures.ts";
import { studyReport } from "../../../../lib/gravity/render/report_page.ts";
import { formatStudy, formatSummary } from "../../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../../lib/gravity/synthetic/study.ts";
import { handStructural } from "../hand_results.ts";
import { handBaseline, handCounterfactualConfig } from "../../world/ge_fixture.ts";
import type { GeCountry } from "../../../../lib/ge/types.ts";
import type { StudyResult } from "../../../../lib/gravity/study/types.ts";
import type {
  CounterfactualResult,
  CounterfactualScenarioResult,
} from "../../../../lib/gravity/world/counterfactual.ts";

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

// ---- a small hand-built result, every rendered number readable by hand ----

/** One country's GE row: welfare as a ratio, the other columns as percent changes. */
const geRow = (country: string, welfare: number, change: number): GeCountry => ({
  country,
  welfare,
  realGdpChange: change,
  priceChange: change,
  inwardResistanceChange: -change,
  outwardResistanceChange: 0,
  exportsChange: 2 * change,
  exportsChangeConditional: null,
});

const ROAD: CounterfactualScenarioResult = {
  scenario: {
    name: "road",
    title: "A road",
    pairs: "reporter-partners",
    term: "ln_dist",
    distanceFactor: 0.5,
    assumptions: 'A "new" road & <bridge>.',
  },
  ok: true,
  coefficient: { term: "ln_dist", estimate: -1.25, stdError: 0.125 },
  change: "ln B as worded",
  pairs: [
    { exporter: "AAA", importer: "BBB", from: 7, to: 6, partial: 1.25 },
    { exporter: "BBB", importer: "AAA", from: 7, to: 6, partial: 1.25 },
    { exporter: "AAA", importer: "CCC", from: 8, to: 8, partial: 0 },
    { exporter: "CCC", importer: "AAA", from: 8, to: 8, partial: 0 },
  ],
  result: {
    method: "exact",
    theta: 4.5,
    deficits: "multiplicative",
    reference: "AAA",
    iterations: 12,
    converged: false,
    tolerance: 1e-10,
    countries: [
      geRow("AAA", 1.5, 10),
      geRow("BBB", 0.75, -5),
      geRow("CCC", 1, 0),
      geRow("DDD", 1.125, 2.5),
      geRow("EEE", 0.995, -1),
    ],
    flows: [],
    notes: ["a note of the solver"],
  },
  bilateral: [
    {
      partner: "BBB",
      baseline: 10e9,
      partial: 12e9,
      conditional: 11.5e9,
      counterfactual: 11e9,
      partialChange: 20,
      conditionalChange: 15,
      counterfactualChange: 10,
    },
    {
      partner: "CCC",
      baseline: 5e9,
      partial: 5e9,
      conditional: 4.5e9,
      counterfactual: NaN,
      partialChange: 0,
      conditionalChange: -10,
      counterfactualChange: NaN,
    },
    {
      partner: "DDD",
      baseline: 0,
      partial: 0,
      conditional: 0,
      counterfactual: 0,
      partialChange: null,
      conditionalChange: null,
      counterfactualChange: null,
    },
  ],
  total: {
    partner: "all",
    baseline: 15e9,
    partial: 17e9,
    conditional: 16e9,
    counterfactual: NaN,
    partialChange: 40 / 3,
    conditionalChange: 20 / 3,
    counterfactualChange: NaN,
  },
  mostAffected: [
    { country: "EEE", welfareChange: -0.5, realGdpChange: -1 },
    { country: "FFF", welfareChange: 0, realGdpChange: 0 },
    { country: "GGG", welfareChange: 0.25, realGdpChange: 0.5 },
  ],
};

const DEAL: CounterfactualScenarioResult = {
  scenario: {
    name: "deal",
    title: "A deal",
    pairs: "all",
    term: "rta",
    set: 1,
    assumptions: "No estimate is assumed.",
  },
  ok: false,
  reason: "the world PPML has no rta term",
  coefficient: null,
  change: "",
  pairs: [],
  result: null,
  bilateral: [],
  total: null,
  mostAffected: [],
};

/** The section with the two scenarios: nobody left out, no world PPML coefficients listed. */
function handSection(over: Partial<CounterfactualResult> = {}): StudyResult {
  const counterfactual: CounterfactualResult = {
    ok: true,
    config: {
      enabled: true,
      year: 2019,
      theta: 4.5,
      deficits: "multiplicative",
      reference: "AAA",
      domestic: "gdp-minus-exports",
      scenarios: [ROAD.scenario, DEAL.scenario],
    },
    baseline: {
      year: 2019,
      reporter: "AAA",
      partners: ["BBB", "CCC", "DDD"],
      countries: ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"],
      domesticRule: "GDP minus exports",
      excluded: { noGdp: [], nonPositive: [] },
      trade: {
        total: 40e9,
        leftOut: 2e9,
        fromExporter: 38,
        fromImporter: { pairs: 3, value: 1.5e9 },
        none: 1,
      },
      reports: [
        { partner: "BBB", year: 2019, own: 1, mirror: 2, used: "importer", reason: "estimates" },
        { partner: "CCC", year: 2019, own: 3, mirror: 4, used: "exporter", reason: "" },
        { partner: "DDD", year: 2019, own: null, mirror: 5, used: "importer", reason: "no own" },
      ],
      geography: [],
      study: [
        { country: "AAA", gdp: 100e9, exports: 20e9, domestic: 80e9, domesticShare: 0.8 },
        { country: "BBB", gdp: 50e9, exports: 12.5e9, domestic: 37.5e9, domesticShare: 0.75 },
        { country: "CCC", gdp: 40e9, exports: 10e9, domestic: 30e9, domesticShare: 0.75 },
        { country: "DDD", gdp: 20e9, exports: 1e9, domestic: 19e9, domesticShare: 0.95 },
      ],
      leftOutShare: 0.05,
    },
    coefficients: [],
    scenarios: [ROAD, DEAL],
    ...over,
  };
  return {
    config: { reporter: "AAA", partners: ["BBB", "CCC", "DDD"] },
    counterfactual,
  } as unknown as StudyResult;
}

const HAND = handSection();

/** The dashes under a text table's title: as wide as its header line. */
const rule = (header: string) => "-".repeat(header.length);
const T5 = "Country  GDP US$ bn  Exports US$ bn  Domestic sales US$ bn (rule)  Domestic / GDP";
const TRADE = "Partner       Baseline  Partial       %  Conditional GE       %  Full GE       %";
const GE =
  "Country  Welfare %  Real GDP %  Price %  Inward MR %  Outward MR %  Exports %  Exports % cond.";

Deno.test("counterfactual section (text) of a hand-built result: every line, Table 5's cells and notes, each scenario's change, tables and notes", () => {
  const got = formatCounterfactualSection(HAND, "text").split("\n");
  const want = [
    "General-equilibrium counterfactuals:",
    "Each scenario changes trade costs on some pairs and asks what follows once prices and " +
    "multilateral resistances adjust everywhere: the exact general equilibrium of the one-sector " +
    "Armington-CES model in changes (lib/ge, the algorithm of Stata's ge_gravity; Anderson and " +
    "van Wincoop 2003; Yotov et al. 2016, Chapter 2). The change is the world PPML's coefficient " +
    "times the change in its regressor on the pair (ln B); partial equilibrium applies it to the " +
    "pair alone, conditional GE lets the multilateral resistances adjust, full GE the " +
    "factory-gate prices and incomes too. Assumptions are stated with each scenario; where a " +
    "needed number does not exist the scenario says so instead of using one.",
    "",
    "Table 5. The counterfactuals' baseline world, 2019: 7 countries (IMF DOTS); the study's countries",
    rule(T5),
    T5,
    rule(T5),
    "AAA          100.00           20.00                         80.00           80.0%",
    "BBB           50.00           12.50                         37.50           75.0%",
    "CCC           40.00           10.00                         30.00           75.0%",
    "DDD           20.00            1.00                         19.00           95.0%",
    rule(T5),
    "FLAGGED: GDP minus exports.",
    "Flows: the exporter's report (FOB) for 38 directed pairs; the importer's (CIF) where the " +
    "exporter reports none, 3 pairs (US$ 1.50 bn); 1 pairs neither side reports enter as 0. " +
    "Exports to AAA read from AAA's imports (the structural section's rule): BBB (estimates); " +
    "DDD (no own).",
    "Left out (no number invented for them): 0 countries without 2019 GDP in WDI (none); 0 whose " +
    "GDP minus exports is not positive (none). Their trade with the rest, US$ 2.00 bn (5.0% of " +
    "the year's US$ 40.00 bn), is not in the matrix.",
    "Trade costs: the structural section's world PPML (not fitted). Elasticity theta = 4.500; " +
    "trade deficits fixed as a share of output; numeraire: AAA's consumer prices.",
    "",
    'Scenario "road": A road',
    '  Assumptions: A "new" road & <bridge>.',
    "  Change (distance x 0.5 on the reporter-partners pairs): ln B as worded; 2 of 4 directed " +
    "pairs change (AAA-BBB, BBB-AAA); coefficient ln_dist -1.250 (SE 0.125).",
    "",
    'Counterfactual "road": AAA\'s trade with each partner, both directions (US$ bn, % change)',
    rule(TRADE),
    TRADE,
    rule(TRADE),
    "BBB              10.00    12.00  +20.00           11.50  +15.00    11.00  +10.00",
    "CCC               5.00     5.00   +0.00            4.50  -10.00        .       .",
    "DDD               0.00     0.00       .            0.00       .     0.00       .",
    "all partners     15.00    17.00  +13.33           16.00   +6.67        .       .",
    rule(TRADE),
    "Partial: each changed flow times B = exp(ln B), prices, incomes and multilateral " +
    "resistances as they were. Conditional GE: outputs and expenditures fixed, the resistances " +
    "adjust. Full GE: factory-gate prices and incomes adjust too.",
    "",
    'Counterfactual "road": changes by country (the study\'s countries)',
    rule(GE),
    GE,
    rule(GE),
    // welfare as the ratio's percent change; the other columns as they are; EEE is not a study country
    "AAA        +50.000     +10.000  +10.000      -10.000        +0.000    +20.000                .",
    "BBB        -25.000      -5.000   -5.000       +5.000        +0.000    -10.000                .",
    "CCC         +0.000      +0.000   +0.000       +0.000        +0.000     +0.000                .",
    "DDD        +12.500      +2.500   +2.500       -2.500        +0.000     +5.000                .",
    rule(GE),
    "General-equilibrium counterfactual: exact (hat algebra), 12 iterations, NOT converged; " +
    "theta = 4.500 (sigma = 5.500); deficits multiplicative; numeraire: AAA's consumer prices.",
    "Welfare: real expenditure E'/E over the price index change (additive deficits), or the real " +
    "wage (multiplicative); with deficits fixed in levels it departs from real GDP (the " +
    "factory-gate price over the price index) where trade is far from balanced. Price: " +
    "factory-gate price. MR: multilateral resistance as a price index. Exports: international, " +
    "in full GE and in conditional GE (outputs and expenditures fixed).",
    "Elsewhere, the largest welfare changes: EEE -0.500%, FFF +0.000%, GGG +0.250%.",
    "a note of the solver",
    "",
    'Scenario "deal": A deal',
    "  Assumptions: No estimate is assumed.",
    "  NOT COMPUTED (rta = 1 on the all pairs): the world PPML has no rta term.",
  ];
  assert.deepEqual(got, want);
  // the default format is text
  assert.equal(formatCounterfactualSection(HAND), got.join("\n"));
});

/** Table 5 of the hand-built section in markdown, its notes below it. */
const T5_MARKDOWN = [
  "**Table 5. The counterfactuals' baseline world, 2019: 7 countries (IMF DOTS); the study's countries**",
  "",
  "| Country | GDP US$ bn | Exports US$ bn | Domestic sales US$ bn (rule) | Domestic / GDP |",
  "|:---|---:|---:|---:|---:|",
  "| AAA | 100.00 | 20.00 | 80.00 | 80.0% |",
  "| BBB | 50.00 | 12.50 | 37.50 | 75.0% |",
  "| CCC | 40.00 | 10.00 | 30.00 | 75.0% |",
  "| DDD | 20.00 | 1.00 | 19.00 | 95.0% |",
  "",
  "FLAGGED: GDP minus exports.",
];

Deno.test("counterfactual section (markdown) of a hand-built result: the heading, why the section was not computed, Table 5, each scenario's bold head and paragraphs", () => {
  const small = handSection({ ok: false, reason: "why not", scenarios: [DEAL] });
  const md = formatCounterfactualSection(small, "markdown").split("\n");
  assert.deepEqual(md.slice(0, 5), [
    "**General-equilibrium counterfactuals**",
    "",
    COUNTERFACTUAL_INTRO,
    "Not computed: why not.",
    "",
  ]);
  assert.deepEqual(md.slice(5, 5 + T5_MARKDOWN.length), T5_MARKDOWN);
  assert.deepEqual(md.slice(5 + T5_MARKDOWN.length + 3), [
    "",
    '**Scenario "deal": A deal**',
    "",
    "Assumptions: No estimate is assumed.",
    "",
    "NOT COMPUTED (rta = 1 on the all pairs): the world PPML has no rta term.",
    "",
  ]);
  // a computed scenario: its paragraphs, then each table after a blank line
  const road = formatCounterfactualSection(handSection({ scenarios: [ROAD] }), "markdown")
    .split("\n");
  assert.equal(road[3], "");
  assert.deepEqual(road.slice(4, 4 + T5_MARKDOWN.length), T5_MARKDOWN);
  const at = road.indexOf('**Scenario "road": A road**');
  assert.deepEqual(road.slice(at - 1, at + 12), [
    "",
    '**Scenario "road": A road**',
    "",
    'Assumptions: A "new" road & <bridge>.',
    "",
    "Change (distance x 0.5 on the reporter-partners pairs): ln B as worded; 2 of 4 directed " +
    "pairs change (AAA-BBB, BBB-AAA); coefficient ln_dist -1.250 (SE 0.125).",
    "",
    "",
    '**Counterfactual "road": AAA\'s trade with each partner, both directions (US$ bn, % change)**',
    "",
    "| Partner | Baseline | Partial | % | Conditional GE | % | Full GE | % |",
    "|:---|---:|---:|---:|---:|---:|---:|---:|",
    "| BBB | 10.00 | 12.00 | +20.00 | 11.50 | +15.00 | 11.00 | +10.00 |",
  ]);
  const countries = road.indexOf(
    '**Counterfactual "road": changes by country (the study\'s countries)**',
  );
  assert.deepEqual(road.slice(countries - 2, countries + 3), [
    "Partial: each changed flow times B = exp(ln B), prices, incomes and multilateral " +
    "resistances as they were. Conditional GE: outputs and expenditures fixed, the resistances " +
    "adjust. Full GE: factory-gate prices and incomes adjust too.",
    "",
    '**Counterfactual "road": changes by country (the study\'s countries)**',
    "",
    "| Country | Welfare % | Real GDP % | Price % | Inward MR % | Outward MR % | Exports % | Exports % cond. |",
  ]);
});

Deno.test("counterfactual section (HTML) of a hand-built result: paragraphs escaped with quotes kept, why it was not computed, Table 5 and each scenario's tables as HTML tables", () => {
  const small = handSection({ ok: false, reason: "why <not>", scenarios: [DEAL] });
  const html = formatCounterfactualSection(small, "html").split("\n");
  const td = (v: string) => `<td style="text-align:right">${v}</td>`;
  const row = (c: string, ...v: string[]) =>
    `<tr><td style="text-align:left;white-space:nowrap">${c}</td>${v.map(td).join("")}</tr>`;
  assert.deepEqual(html.slice(0, 10), [
    `<p>${COUNTERFACTUAL_INTRO}</p>`,
    "<p>Not computed: why &lt;not&gt;.</p>",
    "<table><caption>Table 5. The counterfactuals' baseline world, 2019: 7 countries (IMF DOTS); " +
    "the study's countries</caption>",
    "<thead><tr><th>Country</th><th>GDP US$ bn</th><th>Exports US$ bn</th><th>Domestic sales " +
    "US$ bn (rule)</th><th>Domestic / GDP</th></tr></thead>",
    "<tbody>",
    row("AAA", "100.00", "20.00", "80.00", "80.0%"),
    row("BBB", "50.00", "12.50", "37.50", "75.0%"),
    row("CCC", "40.00", "10.00", "30.00", "75.0%"),
    row("DDD", "20.00", "1.00", "19.00", "95.0%"),
    "</tbody></table>",
  ]);
  assert.equal(html[10], "<p><small>FLAGGED: GDP minus exports.</small></p>");
  assert.deepEqual(html.slice(14), [
    '<h3>Scenario "deal": A deal</h3>',
    "<p>Assumptions: No estimate is assumed.</p>",
    "<p>NOT COMPUTED (rta = 1 on the all pairs): the world PPML has no rta term.</p>",
  ]);
  // a computed section has no "not computed" paragraph; the scenario's two tables follow its text
  const road = formatCounterfactualSection(handSection({ scenarios: [ROAD] }), "html")
    .split("\n");
  assert.ok(road[1].startsWith("<table><caption>Table 5."));
  const at = road.indexOf('<h3>Scenario "road": A road</h3>');
  assert.deepEqual(road.slice(at, at + 6), [
    '<h3>Scenario "road": A road</h3>',
    '<p>Assumptions: A "new" road &amp; &lt;bridge&gt;.</p>',
    "<p>Change (distance x 0.5 on the reporter-partners pairs): ln B as worded; 2 of 4 directed " +
    "pairs change (AAA-BBB, BBB-AAA); coefficient ln_dist -1.250 (SE 0.125).</p>",
    "<table><caption>Counterfactual &quot;road&quot;: AAA's trade with each partner, both " +
    "directions (US$ bn, % change)</caption>",
    "<thead><tr><th>Partner</th><th>Baseline</th><th>Partial</th><th>%</th><th>Conditional " +
    "GE</th><th>%</th><th>Full GE</th><th>%</th></tr></thead>",
    "<tbody>",
  ]);
  assert.equal(
    road.filter((l) => l.startsWith("<table><caption>Counterfactual &quot;road&quot;")).length,
    2,
  );
});

Deno.test("Table 5's notes: the countries left out named with their GDP and exports, the world PPML's coefficients, deficits in levels and world output as numeraire; no sentence on the reporter's imports when none is used", () => {
  const r = handSection({
    config: { ...HAND.counterfactual!.config, theta: 4, deficits: "additive", reference: null },
    baseline: {
      ...HAND.counterfactual!.baseline,
      excluded: {
        noGdp: ["XXA", "XXB"],
        nonPositive: [
          { country: "XXC", gdp: 1e9, exports: 2.5e9 },
          { country: "XXD", gdp: 3e9, exports: 3e9 },
        ],
      },
      reports: [{ partner: "CCC", year: 2019, own: 3, mirror: 4, used: "exporter", reason: "" }],
      leftOutShare: 0.125,
    },
    coefficients: [
      { term: "ln_dist", estimate: -1.25, stdError: 0.125 },
      { term: "contig", estimate: 0.5, stdError: 0.25 },
    ],
  });
  const spec = counterfactualBaselineSpec(r)!;
  assert.deepEqual(spec.notes, [
    "FLAGGED: GDP minus exports.",
    "Flows: the exporter's report (FOB) for 38 directed pairs; the importer's (CIF) where the " +
    "exporter reports none, 3 pairs (US$ 1.50 bn); 1 pairs neither side reports enter as 0.",
    "Left out (no number invented for them): 2 countries without 2019 GDP in WDI (XXA, XXB); 2 " +
    "whose GDP minus exports is not positive (XXC: GDP 1.00, exports 2.50 US$ bn; XXD: GDP " +
    "3.00, exports 3.00 US$ bn). Their trade with the rest, US$ 2.00 bn (12.5% of the year's " +
    "US$ 40.00 bn), is not in the matrix.",
    "Trade costs: the structural section's world PPML (ln_dist -1.250 (SE 0.125), contig 0.500 " +
    "(SE 0.250)). Elasticity theta = 4; trade deficits fixed in levels; numeraire: world output.",
  ]);
  assert.deepEqual(spec.columns.map((c) => [c.key, c.label, c.align ?? ""]), [
    ["country", "Country", "left"],
    ["gdp", "GDP US$ bn", ""],
    ["exports", "Exports US$ bn", ""],
    ["domestic", "Domestic sales US$ bn (rule)", ""],
    ["share", "Domestic / GDP", "right"],
  ]);
  assert.equal(counterfactualBaselineSpec({ ...r, counterfactual: null }), null);
});

Deno.test("scenario tables: the trade table's columns and a rule above its total; none for a scenario not computed, without a solution or without a total; no 'elsewhere' note when no other country is listed", () => {
  const [trade, countries] = scenarioSpecs(HAND, ROAD);
  assert.deepEqual(trade.columns.map((c) => [c.key, c.label, c.align ?? ""]), [
    ["partner", "Partner", "left"],
    ["baseline", "Baseline", ""],
    ["partial", "Partial", ""],
    ["partialChange", "%", ""],
    ["conditional", "Conditional GE", ""],
    ["conditionalChange", "%", ""],
    ["counterfactual", "Full GE", ""],
    ["counterfactualChange", "%", ""],
  ]);
  assert.deepEqual(trade.rules, [3]);
  assert.deepEqual(trade.rows.map((x) => x.partner), ["BBB", "CCC", "DDD", "all partners"]);
  assert.deepEqual(trade.rows[0], { ...ROAD.bilateral[0] });
  assert.deepEqual(countries.columns.map((c) => c.label), [
    "Country",
    "Welfare %",
    "Real GDP %",
    "Price %",
    "Inward MR %",
    "Outward MR %",
    "Exports %",
    "Exports % cond.",
  ]);
  assert.deepEqual(scenarioSpecs(HAND, { ...ROAD, total: null }), []);
  assert.deepEqual(scenarioSpecs(HAND, { ...ROAD, ok: false }), []);
  assert.deepEqual(scenarioSpecs(HAND, { ...ROAD, result: null }), []);
  assert.deepEqual(scenarioSpecs(HAND, DEAL), []);
  const alone = scenarioSpecs(HAND, { ...ROAD, mostAffected: [] })[1];
  assert.equal(alone.notes!.length, 3);
  assert.equal(alone.notes![2], "a note of the solver");
});

Deno.test("counterfactualSpecs: Table 5, then each computed scenario's trade and countries tables; nothing without the section; Table 5 alone without a scenario list", () => {
  assert.deepEqual(counterfactualSpecs(HAND).map((x) => x.name), [
    "Table 5",
    "road trade",
    "road countries",
  ]);
  assert.equal(counterfactualSpecs(HAND)[0].spec.title, counterfactualBaselineSpec(HAND)!.title);
  assert.deepEqual(counterfactualSpecs({ ...HAND, counterfactual: null }), []);
  const none = handSection({ scenarios: undefined as unknown as CounterfactualScenarioResult[] });
  assert.deepEqual(counterfactualSpecs(none).map((x) => x.name), ["Table 5"]);
});
