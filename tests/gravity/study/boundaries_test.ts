/**
 * Paths a review found untested in the gravity layer (each test here failed under a seeded
 * single-line change of lib/gravity/): the orientation of the CBEC components, the Kaiser and
 * coverage boundaries, and the configured thresholds in the paper comparison.
 */
import assert from "node:assert/strict";
import {
  cbecIndex,
  compositeFromPca,
  retainedCount,
} from "../../../lib/gravity/equation/cbec_index.ts";
import { comparePaper, type PaperTables } from "../../../lib/gravity/study/paper.ts";
import { parseStudyConfig, type StudyConfig } from "../../../lib/gravity/config/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { mulberry32 } from "../../../lib/stats/random.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";
import { pca } from "../../../lib/stats/pca.ts";

/** A panel of partners A..D x 2001-2003 with the given indicator columns (12 country-years). */
function panelOf(columns: Record<string, number[]>): GravityPanel {
  const countries = ["A", "B", "C", "D"];
  const rows = countries.flatMap((iso3, c) =>
    [2001, 2002, 2003].map((year, t) => ({
      iso3,
      year,
      values: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v[c * 3 + t]])),
    }))
  );
  return {
    countries: ["R", ...countries],
    years: [2001, 2002, 2003],
    variables: Object.keys(columns).map((name) => ({ name })),
    rows,
  };
}

const cfgOf = (indicators: string[], cbec: Record<string, unknown> = {}): StudyConfig =>
  parseStudyConfig({
    reporter: "R",
    partners: ["A", "B", "C", "D"],
    years: { from: 2001, to: 2003 },
    dependent: { variable: indicators[0] },
    terms: [{ name: "t", variable: indicators[0], formation: "partner" }],
    cbec: { indicators, ...cbec },
  });

// x1 falls with a common factor f, x2 and x3 rise with it: corr(x1, x2|x3) ~ -0.8 and
// corr(x2, x3) ~ 0.5, so the first component's loadings are ~(-1.14, 1, 1) up to sign: the
// largest |loading| (x1) and the sum point opposite ways.
const rand = mulberry32(99);
const f = Array.from({ length: 12 }, () => rand() * 2 - 1);
const orient = panelOf({
  x1: f.map((v) => -v + 0.35 * (rand() - 0.5)),
  x2: f.map((v) => v + 0.9 * (rand() - 0.5)),
  x3: f.map((v) => v + 0.9 * (rand() - 0.5)),
});

Deno.test("orientation: the panel is one where PCA's sign rule and the loadings-sum rule disagree", () => {
  const cols = ["x1", "x2", "x3"].map((name) => ({
    name,
    values: orient.rows.map((r) => r.values[name]),
  }));
  const p = pca(cols);
  const first = p.loadings.map((row) => row[0]);
  // PCA's rule: the largest |loading| is positive (x1's) ...
  assert.ok(first[0] > 0 && Math.abs(first[0]) > Math.abs(first[1]), `${first}`);
  // ... which leaves the loadings summing below 0
  assert.ok(first.reduce((a, b) => a + b, 0) < -0.1, `${first}`);
});

Deno.test("orientation: the CBEC composite flips such a component so its loadings sum >= 0", () => {
  const cfg = cfgOf(["x1", "x2", "x3"], { retention: { rule: "first" } });
  const r = cbecIndex(cfg, orient);
  assert.equal(r.ok, true);
  const p = pca(["x1", "x2", "x3"].map((name) => ({
    name,
    values: orient.rows.map((row) => row.values[name]),
  })));
  // every component: oriented loadings = sign x PCA loadings, summing to >= 0
  for (let c = 0; c < 3; c++) {
    const sum = p.loadings.reduce((a, row) => a + row[c], 0);
    const sign = sum < 0 ? -1 : 1;
    r.loadings.forEach((row, v) => assert.equal(row[c], sign * p.loadings[v][c], `${v},${c}`));
    assert.ok(r.loadings.reduce((a, row) => a + row[c], 0) >= 0);
  }
  assert.ok(r.loadings[0][0] < 0 && r.loadings[1][0] > 0 && r.loadings[2][0] > 0);
  // composite = minus PCA's first score: it rises with x2 and x3 and falls with x1
  r.composite.forEach((c, i) => assert.equal(c.value, -p.scores[i][0], `${c.country} ${c.year}`));
  const byX2 = [...r.composite].sort((a, b) =>
    orient.rows.find((q) => q.iso3 === a.country && q.year === a.year)!.values.x2 -
    orient.rows.find((q) => q.iso3 === b.country && q.year === b.year)!.values.x2
  );
  assert.ok(byX2[11].value > byX2[0].value);
});

Deno.test("orientation: with every component kept, each score carries its own sign", () => {
  const cfg = cfgOf(["x1", "x2", "x3"], { retention: { rule: "cumulative", share: 1 } });
  const r = cbecIndex(cfg, orient);
  const p = pca(["x1", "x2", "x3"].map((name) => ({
    name,
    values: orient.rows.map((row) => row.values[name]),
  })));
  assert.equal(r.retained, 3);
  const total = p.eigenvalues.reduce((a, b) => a + b, 0);
  const signs = [0, 1, 2].map((c) => (p.loadings.reduce((a, row) => a + row[c], 0) < 0 ? -1 : 1));
  assert.deepEqual(signs.slice(0, 1), [-1]);
  r.composite.forEach((c, i) => {
    const want = [0, 1, 2].reduce(
      (a, k) => a + (p.eigenvalues[k] / total) * signs[k] * p.scores[i][k],
      0,
    );
    assert.ok(Math.abs(c.value - want) < 1e-12, `${c.value} vs ${want}`);
  });
});

Deno.test("orientation: loadings summing to ~0 make the first largest |loading| positive", () => {
  const result = {
    eigenvalues: [1.5, 0.5],
    loadings: [[-Math.SQRT1_2, 0.6], [Math.SQRT1_2, 0.8]],
    scores: [[1, 2], [-1, -2]],
  } as unknown as Parameters<typeof compositeFromPca>[0];
  const r = compositeFromPca(result, 2);
  assert.deepEqual(r.signs, [-1, 1]);
  assert.deepEqual(r.loadings, [[Math.SQRT1_2, 0.6], [-Math.SQRT1_2, 0.8]]);
  assert.deepEqual(r.weights, [0.75, 0.25]);
  assert.deepEqual(r.values, [0.75 * -1 + 0.25 * 2, 0.75 * 1 + 0.25 * -2]);
  // the first of two equally large loadings decides: (+a, -a) stays, (-a, +a) flips
  const tie = compositeFromPca(
    {
      ...result,
      loadings: [[0.5, 0.6], [-0.5, 0.8]],
    } as typeof result,
    1,
  );
  assert.deepEqual(tie.signs, [1, 1]);
});

Deno.test("Kaiser rule: an eigenvalue of exactly 1 is not retained (> 1, not >= 1)", () => {
  assert.equal(retainedCount([1.5, 1, 0.5], [0.5, 5 / 6, 1], { rule: "kaiser" }), 1);
  assert.equal(retainedCount([1.5, 1 + 1e-12, 0.5], [0.5, 5 / 6, 1], { rule: "kaiser" }), 2);
  assert.equal(retainedCount([0.9, 0.6, 0.5], [0.45, 0.75, 1], { rule: "kaiser" }), 1);
  // through the index: two uncorrelated indicators have eigenvalues exactly 1 and 1
  const flat = panelOf({
    x1: [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1],
    x2: [1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1],
  });
  const r = cbecIndex(cfgOf(["x1", "x2"]), flat);
  assert.deepEqual(r.eigenvalues, [1, 1]);
  assert.equal(r.retained, 1);
  assert.deepEqual(r.weights, [1]);
});

Deno.test("cumulative rule: the first component reaching the share, the tolerance, and 'all'", () => {
  const cum = [0.6, 0.9, 1];
  assert.equal(retainedCount([1.8, 0.9, 0.3], cum, { rule: "cumulative", share: 0.6 }), 1);
  assert.equal(retainedCount([1.8, 0.9, 0.3], cum, { rule: "cumulative", share: 0.6 + 1e-13 }), 1);
  assert.equal(retainedCount([1.8, 0.9, 0.3], cum, { rule: "cumulative", share: 0.61 }), 2);
  assert.equal(
    retainedCount([1.8, 0.9, 0.3], [0.6, 0.9, 0.99], { rule: "cumulative", share: 1 }),
    3,
  );
});

Deno.test("minCoverage: an indicator present in exactly minCoverage x sample is kept", () => {
  const base = Array.from({ length: 12 }, (_, i) => (i * 7) % 5 + i / 3);
  const half = base.map((v, i) => (i % 2 === 0 ? v * 0.5 + (i % 3) : NaN)); // 6 of 12
  const p = panelOf({ x1: base, x2: base.map((v, i) => v + (i % 4)), x3: half });
  const keep = cbecIndex(cfgOf(["x1", "x2", "x3"], { minCoverage: 0.5 }), p);
  assert.deepEqual(keep.dropped, []);
  assert.deepEqual(keep.indicators, ["x1", "x2", "x3"]);
  assert.equal(keep.n, 6);
  assert.deepEqual(keep.coverage.map((c) => c.present), [12, 12, 6]);
  const drop = cbecIndex(cfgOf(["x1", "x2", "x3"], { minCoverage: 0.5 + 1e-9 }), p);
  assert.deepEqual(drop.dropped, [{ indicator: "x3", present: 6 }]);
  assert.deepEqual(drop.indicators, ["x1", "x2"]);
  assert.equal(drop.n, 12);
  assert.equal(drop.excluded.length, 0);
});

/** A paper whose Table 3 has K without words, so its classes come from the thresholds. */
const PAPER: PaperTables = {
  source: "test",
  table2: [],
  table3: [
    { country: "BBB", year: 2015, k: 0.85, words: "", class: null },
    { country: "BBB", year: 2016, k: 1.1, words: "", class: null },
    { country: "CCC", year: 2015, k: 1.25, words: "expansion", class: "expanding" },
  ],
};

Deno.test("paper comparison: classes from K follow the configured thresholds, not 0.8/1.2", () => {
  const th = { huge: 0.9, remodelling: 1.05 };
  const cmp = comparePaper(PAPER, null, [], th);
  assert.deepEqual(cmp.classes.map((c) => [c.paperClass, c.paperClassFrom]), [
    ["huge", "threshold"],
    ["remodelling", "threshold"],
    ["expanding", "words"],
  ]);
  assert.deepEqual(cmp.paperInconsistencies, [
    'CCC 2015: K = 1.25 is "remodelling" by the thresholds but the paper says "expansion"',
  ]);
  const dflt = comparePaper(PAPER, null, []);
  assert.deepEqual(dflt.classes.map((c) => c.paperClass), ["expanding", "expanding", "expanding"]);
  assert.deepEqual(dflt.paperInconsistencies, [
    'CCC 2015: K = 1.25 is "remodelling" by the thresholds but the paper says "expansion"',
  ]);
  const wide = comparePaper(PAPER, null, [], { huge: 0.5, remodelling: 1.3 });
  assert.deepEqual(wide.paperInconsistencies, []);
});

Deno.test("the study passes the config's thresholds to the paper comparison", () => {
  const { config, panel } = syntheticStudy({ spread: 0.3, seed: 5 });
  const cfg: StudyConfig = {
    ...config,
    potential: { definition: "level", thresholds: { huge: 0.9, remodelling: 1.05 } },
  };
  const r = runGravityStudy(cfg, panel, { paper: PAPER });
  const cmp = r.paper!.comparison;
  assert.deepEqual(cmp.classes.map((c) => c.paperClass), ["huge", "remodelling", "expanding"]);
  assert.equal(cmp.paperInconsistencies.length, 1);
  // our classes there also follow the configured thresholds
  for (const c of cmp.classes) {
    const ours = r.potential.find((p) => p.country === c.country && p.year === c.year)!;
    assert.equal(c.oursK, ours.k);
    assert.equal(c.oursClass, ours.class);
    assert.equal(c.agree, c.oursClass === c.paperClass);
  }
});

Deno.test("tolerance boundaries: cumulative share within 1e-12, loadings sum of exactly 1e-9", () => {
  // (0.5 + 1e-12) - 1e-12 === 0.5 in doubles: a cumulative proportion of exactly share - 1e-12
  // reaches the share
  assert.equal(
    retainedCount([1, 1], [0.5, 1], { rule: "cumulative", share: 0.5 + 1e-12 }),
    1,
  );
  // loadings (-1, 1, 1e-9) sum to exactly 1e-9, which still counts as ~0 (|sum| > 1e-9 is the
  // test): the first largest loading (-1) decides, not the sign of the sum
  const r = compositeFromPca(
    {
      eigenvalues: [1],
      loadings: [[-1], [1], [1e-9]],
      scores: [[2]],
    } as unknown as Parameters<typeof compositeFromPca>[0],
    1,
  );
  assert.deepEqual(r.signs, [-1]);
});
