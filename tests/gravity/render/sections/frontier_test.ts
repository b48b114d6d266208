/**
 * The frontier section in the printed study and report.html: Table 4 (the model), Table 4b (each
 * partner-year's TE, interval, rank and frontier potential beside the K values), the reading in
 * plain words with the note on thin panels, the efficiency figure; nothing without the section.
 */
import assert from "node:assert/strict";
import { BENCHMARK_DEFAULTS } from "../../../../lib/gravity/config/benchmark.ts";
import { FRONTIER_DEFAULTS } from "../../../../lib/gravity/config/frontier.ts";
import type { StudyConfig } from "../../../../lib/gravity/config/study.ts";
import { studyFigures } from "../../../../lib/gravity/render/figures.ts";
import {
  formatFrontierSection,
  frontierEfficiencySpec,
  frontierModelSpec,
} from "../../../../lib/gravity/render/sections/frontier.ts";
import { studyReport } from "../../../../lib/gravity/render/report_page.ts";
import { formatStudy, TEXT_WIDTH } from "../../../../lib/gravity/render/study.ts";
import { runGravityStudy } from "../../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../../lib/gravity/synthetic/study.ts";
import { fixtureWorld } from "../../world/frontier_fixture.ts";

const CA5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"];

function result(frontier: StudyConfig["frontier"] = {
  ...FRONTIER_DEFAULTS,
  years: { from: 2013, to: 2020 },
}, world = fixtureWorld()) {
  const s = syntheticStudy({
    reporter: "CHN",
    partners: CA5,
    years: { from: 2015, to: 2020 },
    noise: "normal",
    spread: 0.2,
  });
  const config: StudyConfig = {
    ...s.config,
    benchmark: { ...BENCHMARK_DEFAULTS, years: { from: 2013, to: 2020 }, estimators: ["ols"] },
    uncertainty: { ...s.config.uncertainty, enabled: false },
    frontier,
  };
  return runGravityStudy(config, s.panel, { world });
}

Deno.test("frontier render: Table 4 lists the frontier terms and FRONTIER's parameters", () => {
  const r = result();
  const w = r.frontier!.world;
  const spec = frontierModelSpec(r)!;
  assert.match(
    spec.title!,
    /^Table 4\. Stochastic frontier gravity model of CHN's trade with every partner, 2013-2020$/,
  );
  assert.deepEqual(spec.rows.map((x) => x.term), [
    "(Intercept)",
    "ln_gdp",
    "ln_pop",
    "ln_dist",
    "contig",
    "comlang_off",
    "landlocked",
    "sigmaSq",
    "gamma",
    "lambda",
    "eta",
  ]);
  assert.equal(spec.rows[8].estimate, w.gamma.estimate);
  const notes = spec.notes!.join("\n");
  assert.ok(notes.includes(`N = ${w.n} partner-years, ${w.partners} partners, 2013-2020`));
  assert.ok(
    notes.includes(
      "1 with a missing variable, 1 with zero trade (no log); constant on the sample: colony; 7 year effects",
    ),
  );
  assert.ok(notes.includes(`ln L = ${w.logLik.toFixed(3)}`));
  assert.ok(notes.includes(`Mean efficiency ${w.meanEfficiency.toFixed(3)}; by year: 2013 `));
  const text = formatStudy(r, "text");
  assert.match(
    text,
    new RegExp(`^gamma +${w.gamma.estimate.toFixed(3)} +${w.gamma.stdError.toFixed(3)} `, "m"),
  );
});

Deno.test("frontier render: Table 4b has each partner-year's TE, interval, rank, potential and K", () => {
  const r = result();
  const spec = frontierEfficiencySpec(r)!;
  assert.deepEqual(spec.columns.map((c) => c.label), [
    "Country",
    "Year",
    "Actual US$ bn",
    "TE",
    "90% int.",
    "Rank",
    "Potential US$ bn",
    "90% int.",
    "Paper K",
    "Study K",
    "K-OLS",
  ]);
  const text = formatStudy(r, "text");
  for (const x of r.frontier!.rows) {
    const line = text.split("\n").find((l) =>
      l.startsWith(`${x.country}      ${x.year}  `) &&
      l.includes(`${x.rank}/${x.of}`)
    )!;
    assert.ok(line, `${x.country} ${x.year}`);
    const cells = line.trim().split(/ +/);
    assert.equal(cells[2], (x.actual / 1e9).toFixed(2));
    assert.equal(cells[3], x.efficiency.toFixed(3));
    assert.equal(cells[4], `${x.lower.toFixed(2)}-${x.upper.toFixed(2)}`);
    assert.equal(cells[6], (x.potential / 1e9).toFixed(2));
    assert.equal(
      cells[7],
      `${(x.potentialLower / 1e9).toFixed(2)}-${(x.potentialUpper / 1e9).toFixed(2)}`,
    );
    assert.equal(cells[9], x.kStudy === null ? "." : x.kStudy.toFixed(3));
    assert.equal(cells[10], x.kBenchmark[0].k!.toFixed(3));
  }
  for (const line of text.split("\n")) assert.ok(line.length <= TEXT_WIDTH, line);
});

Deno.test("frontier render: the reading in plain words, with the note on thin panels, in every format", () => {
  const r = result();
  const notes = r.frontier!.notes;
  const text = formatStudy(r, "text");
  assert.match(text, /^Reading the frontier:$/m);
  assert.match(
    text.replace(/\n +/g, " "),
    /so it needs many partners\. The study's own panel has 5 partners/,
  );
  const md = formatStudy(r, "markdown");
  assert.ok(md.includes("**Reading the frontier**"));
  for (const n of notes) assert.ok(md.includes(`  - ${n}`), n);
  const html = formatFrontierSection(r, "html");
  assert.ok(html.includes("<caption>Table 4. Stochastic frontier gravity model"));
  assert.ok(html.includes("<caption>Table 4b. Trade efficiency and frontier potential"));
  assert.ok(html.includes("<h3>Reading the frontier</h3>"));
  assert.ok(html.includes("so it needs many partners"));
  assert.ok(formatStudy(r, "html").includes(html));
});

Deno.test("frontier render: report.html has the section with its efficiency figure", () => {
  const r = result();
  const figures = studyFigures(r);
  const fig = figures.find((f) => f.name === "frontier_efficiency")!;
  assert.equal(fig.part, "frontier");
  assert.match(fig.svg, /^<svg[^>]* data-kind="efficiencyIntervals"/);
  for (const p of CA5) assert.ok(fig.svg.includes(`>${p}<`), p);
  const page = studyReport(r, { figures });
  const at = page.indexOf("Stochastic frontier: trade efficiency and frontier potential");
  assert.ok(at > 0);
  const section = page.slice(at);
  assert.ok(section.indexOf("Table 4b.") < section.indexOf('data-kind="efficiencyIntervals"'));
  assert.ok(section.includes("so it needs many partners"));
});

Deno.test("frontier render: no section, a disabled one, or one that could not be fitted", () => {
  // a result without the section: the same study with the frontier taken out
  const full = result();
  const { frontier: _, ...noKey } = full.config;
  const off = { ...full, config: noKey, frontier: undefined };
  assert.equal(formatFrontierSection(off), "");
  assert.ok(!formatStudy(off, "text").includes("Table 4."));
  assert.ok(!studyReport(off, { figures: [] }).includes("Stochastic frontier"));
  assert.ok(!studyFigures(off).some((f) => f.part === "frontier"));
  const disabled = result({ ...FRONTIER_DEFAULTS, enabled: false });
  assert.equal(disabled.frontier, null);
  assert.ok(!formatStudy(disabled, "text").includes("Reading the frontier"));
  const short = fixtureWorld();
  short.rows = short.rows.filter((x) => x.partner === "KAZ");
  const failed = result(full.config.frontier, short);
  assert.equal(frontierEfficiencySpec(failed), null);
  assert.deepEqual(frontierModelSpec(failed)!.rows, []);
  const text = formatStudy(failed, "text");
  assert.match(text, /^Table 4\. Stochastic frontier/m);
  assert.match(text, /could not be fitted: too few observations/);
  assert.ok(!studyFigures(failed).some((f) => f.part === "frontier"));
});
