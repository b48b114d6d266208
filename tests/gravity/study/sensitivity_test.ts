/**
 * The sensitivity analysis (lib/gravity/study/sensitivity.ts): on runs of the synthetic panel, each
 * variant against the true coefficients (noise-free) and a direct QR fit (with noise), the table's
 * formats and the config errors, the variants run without the world frontier and counterfactuals;
 * on hand-made variant runs (a fake `run`), every field of the columns and the class change
 * worked out by hand.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { inverse, Matrix, QrDecomposition } from "ml-matrix";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { SYNTHETIC_BETA, syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { classifyK } from "../../../lib/gravity/potential/k.ts";
import { formatStudy } from "../../../lib/gravity/render/study.ts";
import { sensitivitySpec } from "../../../lib/gravity/render/sections/sensitivity.ts";
import { formatTable } from "../../../lib/report/table.ts";
import {
  loadStudyConfig,
  parseStudyConfig,
  type StudyConfig,
  validateAgainstPanel,
} from "../../../lib/gravity/config/study.ts";
import { loadPanel } from "../../../lib/data/panel.ts";
import { sensitivityAnalysis, type VariantRun } from "../../../lib/gravity/study/sensitivity.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";
import { FRONTIER_DEFAULTS } from "../../../lib/gravity/config/frontier.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import { fixtureWorld } from "../world/frontier_fixture.ts";
import { handBaseline, handCounterfactualConfig } from "../world/ge_fixture.ts";
import { handStructural } from "../render/hand_results.ts";

const VARIANTS = [
  { label: "China-reported only", dependent: "trade_china" },
  {
    label: "with the mirror fill",
    dependent: "trade_mirror",
    note: "partner-reported in the gaps",
  },
];

/**
 * The synthetic panel with two dependent columns shaped like the real ones: `trade_china` (the
 * truth `etrade`, missing for every partner in the last two years and for FFF from 2019) and
 * `trade_mirror` (trade_china where present, else etrade x `gapFactor`, flagged "mirror").
 */
function twoDependents(spread: number, gapFactor: number) {
  const s = syntheticStudy({ spread, seed: 11 });
  s.panel.flags = {};
  const gaps: string[] = [];
  for (const row of s.panel.rows) {
    const v = row.values;
    if (row.iso3 === s.config.reporter) {
      v.trade_china = v.trade_mirror = NaN;
      continue;
    }
    const gap = row.year >= 2021 || (row.iso3 === "FFF" && row.year >= 2019);
    v.trade_china = gap ? NaN : v.etrade;
    v.trade_mirror = gap ? v.etrade * gapFactor : v.etrade;
    s.panel.flags[`${row.iso3}|${row.year}|trade_mirror`] = gap ? "mirror" : "observed";
    if (gap) gaps.push(`${row.iso3}|${row.year}`);
  }
  s.panel.variables.push({ name: "trade_china" }, { name: "trade_mirror" });
  const config = {
    ...s.config,
    dependent: { variable: "trade_china" },
    sensitivity: { variants: VARIANTS },
  };
  return { ...s, config, gaps };
}

Deno.test("sensitivity, noise-free: both variants recover the true coefficients; no class changes", () => {
  const { config, panel, gaps } = twoDependents(0, 1);
  const s = runGravityStudy(config, panel).sensitivity!;
  assert.equal(gaps.length, 12); // 5 partners x 2021-2022 + FFF 2019-2020
  const [a, b] = s.variants;
  assert.equal(a.n, 40 - 12);
  assert.equal(b.n, 40);
  for (const col of [a, b]) {
    for (const [term, truth] of Object.entries(SYNTHETIC_BETA)) {
      const c = col.coefficients.find((x) => x.term === (term === "(Intercept)" ? "_cons" : term))!;
      assert.ok(Math.abs(c.estimate! - truth) < 1e-9, `${col.label} ${term}`);
    }
  }
  assert.deepEqual(b.flaggedCells, { mirror: 12 });
  assert.deepEqual(a.flaggedCells, {});
  // every K is 1 (expanding) in both, so nothing changes among the 28 classified by both
  assert.deepEqual(s.classChange, { changed: 0, compared: 28, share: 0, cells: [] });
});

/** OLS by QR on the rows that have y, independently of lib/stats: b, SE, and K per country-year. */
function directFit(
  design: { country: string; year: number; x: Record<string, number | null> }[],
  y: Map<string, number>,
  terms: string[],
) {
  const rows = design.filter((r) => Number.isFinite(y.get(`${r.country}|${r.year}`) ?? NaN));
  const X = new Matrix(rows.map((r) => [...terms.map((t) => r.x[t] as number), 1]));
  const Y = Matrix.columnVector(rows.map((r) => Math.log(y.get(`${r.country}|${r.year}`)!)));
  const b = new QrDecomposition(X).solve(Y);
  const e = Y.sub(X.mmul(b)).getColumn(0);
  const s2 = e.reduce((a, v) => a + v * v, 0) / (rows.length - X.columns);
  const cov = inverse(X.transpose().mmul(X)).mul(s2);
  const k = new Map(rows.map((r, i) => [`${r.country}|${r.year}`, Math.exp(e[i])]));
  return { b: b.getColumn(0), se: cov.diag().map(Math.sqrt), n: rows.length, k };
}

Deno.test("sensitivity with noise: coefficients, SEs, N and class changes match a direct QR fit", () => {
  const { config, panel } = twoDependents(0.4, 3);
  const r = runGravityStudy(config, panel);
  const s = r.sensitivity!;
  const terms = config.terms.map((t) => t.name);
  const col = (v: string) => new Map(panel.rows.map((x) => [`${x.iso3}|${x.year}`, x.values[v]]));
  const fits = ["trade_china", "trade_mirror"].map((v) => directFit(r.data.design, col(v), terms));
  s.variants.forEach((c, i) => {
    assert.equal(c.n, fits[i].n);
    [...terms, "_cons"].forEach((t, j) => {
      const got = c.coefficients.find((x) => x.term === t)!;
      assert.ok(Math.abs(got.estimate! - fits[i].b[j]) < 1e-9, `${c.label} ${t} b`);
      assert.ok(Math.abs(got.stdError! - fits[i].se[j]) < 1e-9, `${c.label} ${t} se`);
    });
  });
  // the class change, recomputed from the direct fits' in-sample K
  let changed = 0;
  let compared = 0;
  for (const [key, k0] of fits[0].k) {
    const k1 = fits[1].k.get(key)!;
    compared++;
    if (classifyK(k0) !== classifyK(k1)) changed++;
  }
  assert.equal(s.classChange.compared, compared);
  assert.equal(s.classChange.changed, changed);
  assert.ok(changed > 0, "the x3 fill moves some classes");
  assert.equal(s.classChange.share, changed / compared);
  // the JSON result carries the table
  const json = JSON.parse(JSON.stringify(r));
  assert.equal(json.sensitivity.variants[1].dependent, "trade_mirror");
});

Deno.test("sensitivity table: text, markdown, HTML; a variant missing from the panel is said so", () => {
  const { config, panel } = twoDependents(0.4, 3);
  const cfg = {
    ...config,
    sensitivity: { variants: [...VARIANTS, { label: "not built yet", dependent: "nope" }] },
  };
  const r = runGravityStudy(cfg, panel);
  const s = r.sensitivity!;
  assert.equal(s.variants[2].inPanel, false);
  assert.match(s.variants[2].reason, /"nope" is not a panel variable/);
  const text = formatStudy(r, "text");
  assert.match(text, /Sensitivity: the same equation on each dependent variable/);
  assert.match(
    text,
    /\(3\) not built yet: dependent ln nope; NOT ESTIMATED: "nope" is not a panel\s+variable/,
  );
  assert.match(
    text,
    /\(2\) with the mirror fill: .*cells in the sample flagged\s+mirror\s+\(12\)/s,
  );
  assert.match(
    text,
    new RegExp(
      `K classes that change from \\(1\\) to \\(2\\):\\s+${s.classChange.changed}\\s+of\\s+28`,
    ),
  );
  const md = formatTable(sensitivitySpec(s), "markdown");
  assert.match(
    md,
    /\| Term \| \(1\) Coef\. \| \(1\) SE \| \(2\) Coef\. \| \(2\) SE \| \(3\) Coef\. \| \(3\) SE \|/,
  );
  assert.match(md, /\| N \| 28 \| \. \| 40 \| \. \| 0 \|/);
  assert.match(formatStudy(r, "html"), /<caption>Sensitivity|Sensitivity: the same equation/);
});

Deno.test("sensitivity config errors are one line", () => {
  const base = structuredClone(syntheticStudy({ spread: 0 }).config) as unknown as Record<
    string,
    unknown
  >;
  assert.throws(
    () => parseStudyConfig({ ...base, sensitivity: { variants: [] } }, "cfg.json"),
    /^InputError: cfg\.json: "sensitivity\.variants" must be a non-empty list$/,
  );
  assert.throws(
    () => parseStudyConfig({ ...base, sensitivity: { variants: [{ label: "x" }] } }, "cfg.json"),
    /cfg\.json: "sensitivity\.variants\[0\]" has no "dependent" \(it is required\)$/,
  );
});

Deno.test("the shipped study configs: default uses the CPI level, the option the PROXY", async () => {
  const panel = await loadPanel("data");
  const def = await loadStudyConfig("data/study.config.json");
  const proxy = await loadStudyConfig("data/study.proxy-cpi.config.json");
  validateAgainstPanel(def, panel);
  validateAgainstPanel(proxy, panel);
  assert.equal(def.terms.find((t) => t.name === "ln_cpi")!.variable, "cpi");
  assert.equal(proxy.terms.find((t) => t.name === "ln_cpi")!.variable, "cpi_proxy");
  assert.equal(panel.variables.find((v) => v.name === "cpi_proxy")!.proxy, true);
  assert.match(proxy.title, /PROXY/);
  assert.deepEqual(def.sensitivity!.variants.map((v) => v.dependent), [
    "trade_goods_usd",
    "trade_goods_usd_mirror_fill",
  ]);
});

const config = { terms: [{ name: "g" }, { name: "h" }], reporter: "CHN" } as unknown as StudyConfig;
const panel = {
  variables: [{ name: "y1" }, { name: "y2" }],
  rows: [],
  flags: {
    "A|2000|y1": "mirror",
    "B|2000|y1": "interpolated",
    "B|2001|y1": "observed",
    "A|2001|y1": "mirror", // out of sample: not counted
  },
} as unknown as GravityPanel;

const row = (
  country: string,
  year: number,
  k: number | null,
  cls: string | null,
  inSample = true,
) =>
  ({
    country,
    year,
    actual: k,
    fitted: 0,
    predicted: 1,
    k,
    class: cls,
    inSample,
  }) as VariantRun["potential"][number];

const RUNS: Record<string, VariantRun> = {
  y1: {
    regression: {
      estimable: true,
      reason: "ignored when estimable",
      nComplete: 7,
      fit: {
        n: 5,
        r2: 0.7,
        coefficients: [
          { term: "(Intercept)", estimate: 1, stdError: 0.1 },
          { term: "g", estimate: 2, stdError: 0.2 },
        ],
      },
    },
    potential: [
      row("A", 2000, 0.5, "huge"),
      row("A", 2001, 1.5, "remodelling", false),
      row("B", 2000, null, null),
      row("B", 2001, 1, "expanding"),
    ],
    paper: {
      comparison: {
        signAgreement: { agree: 1, compared: 2 },
        classAgreement: { agree: 3, compared: 4 },
      },
    },
  },
  y2: {
    regression: { estimable: false, nComplete: 1, fit: null },
    potential: [
      row("A", 2000, 1, "expanding"),
      row("A", 2001, 1.5, "remodelling"),
      row("B", 2001, 1, null),
    ],
    paper: {
      comparison: {
        signAgreement: { agree: 9, compared: 9 },
        classAgreement: { agree: 9, compared: 9 },
      },
    },
  },
};

Deno.test("sensitivity (hand-made runs): columns, flags, agreement, class change", () => {
  const seen: unknown[] = [];
  const s = sensitivityAnalysis(config, panel, [
    { label: "one", dependent: "y1", note: "n1" },
    { label: "two", dependent: "y2" },
    { label: "three", dependent: "zz" },
  ], (c) => {
    seen.push(c.dependent);
    assert.deepEqual(c.terms, config.terms);
    assert.equal((c as unknown as { reporter: string }).reporter, "CHN");
    return RUNS[c.dependent.variable];
  });
  assert.deepEqual(seen, [{ variable: "y1", note: "n1" }, { variable: "y2", note: undefined }]);
  assert.deepEqual(s.terms, ["g", "h", "_cons"]);
  const [a, b, c] = s.variants;
  assert.deepEqual(a, {
    label: "one",
    dependent: "y1",
    note: "n1",
    inPanel: true,
    estimable: true,
    reason: "",
    n: 5,
    r2: 0.7,
    coefficients: [
      { term: "g", estimate: 2, stdError: 0.2 },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: 1, stdError: 0.1 },
    ],
    classes: [
      { country: "A", year: 2000, k: 0.5, class: "huge" },
      { country: "A", year: 2001, k: 1.5, class: "remodelling" },
      { country: "B", year: 2001, k: 1, class: "expanding" },
    ],
    flaggedCells: { mirror: 1, interpolated: 1 },
    signAgreement: { agree: 1, compared: 2 },
    classAgreement: { agree: 3, compared: 4 },
  });
  assert.deepEqual(b, {
    label: "two",
    dependent: "y2",
    note: "",
    inPanel: true,
    estimable: false,
    reason: "",
    n: 0,
    r2: null,
    coefficients: [
      { term: "g", estimate: null, stdError: null },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: null, stdError: null },
    ],
    classes: [
      { country: "A", year: 2000, k: 1, class: "expanding" },
      { country: "A", year: 2001, k: 1.5, class: "remodelling" },
      { country: "B", year: 2001, k: 1, class: null },
    ],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  assert.deepEqual(c, {
    label: "three",
    dependent: "zz",
    note: "",
    inPanel: false,
    estimable: false,
    reason: '"zz" is not a panel variable (not in data/; run deno task import)',
    n: 0,
    r2: null,
    coefficients: [
      { term: "g", estimate: null, stdError: null },
      { term: "h", estimate: null, stdError: null },
      { term: "_cons", estimate: null, stdError: null },
    ],
    classes: [],
    flaggedCells: {},
    signAgreement: null,
    classAgreement: null,
  });
  // A 2000 huge -> expanding; A 2001 same; B 2001 unclassified in (2): 1 of 2
  assert.deepEqual(s.classChange, {
    changed: 1,
    compared: 2,
    share: 0.5,
    cells: [{ country: "A", year: 2000, from: "huge", to: "expanding" }],
  });
});

Deno.test("sensitivity: a not-estimable run's reason; one variant compares nothing; missing flags", () => {
  const run = (): VariantRun => ({
    regression: { estimable: false, reason: "1 complete row", nComplete: 1, fit: null },
    potential: [row("A", 2000, 2, null)],
    paper: null,
  });
  const s = sensitivityAnalysis(config, { ...panel, flags: undefined }, [
    { label: "only", dependent: "y1" },
  ], run);
  assert.equal(s.variants[0].reason, "1 complete row");
  assert.deepEqual(s.variants[0].flaggedCells, {});
  assert.deepEqual(s.classChange, { changed: 0, compared: 0, share: null, cells: [] });
  // classes present on both sides but one unclassified (null) in the first: not compared
  const s2 = sensitivityAnalysis(config, panel, [
    { label: "a", dependent: "y1" },
    { label: "b", dependent: "y2" },
  ], (c) =>
    c.dependent.variable === "y1" ? run() : {
      ...run(),
      potential: [row("A", 2000, 2, "remodelling")],
    });
  assert.deepEqual(s2.classChange, { changed: 0, compared: 0, share: null, cells: [] });
  // a fitted run without a paper comparison: agreement null
  const s3 = sensitivityAnalysis(config, panel, [{ label: "a", dependent: "y1" }], () => ({
    ...RUNS.y1,
    paper: null,
  }));
  assert.equal(s3.variants[0].signAgreement, null);
  assert.equal(s3.variants[0].classAgreement, null);
});

Deno.test("sensitivity variants neither fit the world frontier nor solve the counterfactuals again", () => {
  const { config, panel } = twoDependents(0, 1);
  // the world panel and the baseline world, each counting how often the study reads it
  const reads = { world: 0, baseline: 0 };
  const counted = <T extends object>(o: T, key: keyof typeof reads): T =>
    new Proxy(o, {
      get(target, p, receiver) {
        reads[key]++;
        return Reflect.get(target, p, receiver);
      },
    });
  const full = {
    ...config,
    frontier: { ...FRONTIER_DEFAULTS, years: { from: 2013, to: 2020 } },
    structural: STRUCTURAL_DEFAULTS,
    counterfactual: handCounterfactualConfig(),
  };
  const run = (c: StudyConfig) => {
    reads.world = reads.baseline = 0;
    const r = runGravityStudy(c, panel, {
      world: counted(fixtureWorld(), "world"),
      geBaseline: counted(handBaseline(c.reporter, c.partners, ["XXX", "YYY"]), "baseline"),
      structural: handStructural(),
    });
    assert.ok(r.frontier && r.counterfactual);
    return { ...reads };
  };
  const once = run({ ...full, sensitivity: undefined });
  assert.ok(once.world > 0 && once.baseline > 0);
  const withVariants = run(full);
  assert.deepEqual(withVariants, once);
});
