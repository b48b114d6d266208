/**
 * The CBEC index (lib/gravity/equation/cbec_index.ts) worked by hand on small panels: the composite
 * under each retention rule, the coverage filter, the reporter in the PCA sample, the plain-JSON
 * shape when the index cannot be built (too few indicators, a zero-variance one), KMO and Bartlett
 * carried over from the PCA, and the orientation of a component whose loadings sum to 0 with one
 * clearly largest loading.
 */
import assert from "node:assert/strict";
import {
  cbecIndex,
  compositeFromPca,
  retainedCount,
} from "../../../lib/gravity/equation/cbec_index.ts";
import { parseStudyConfig, type StudyConfig } from "../../../lib/gravity/config/study.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";
import { pca } from "../../../lib/stats/pca.ts";

// Two indicators over four country-years: x1 = 1,2,3,4 and x2 = 1,3,2,4.
// By hand: deviations d1 = (-1.5,-.5,.5,1.5), d2 = (-1.5,.5,-.5,1.5); var = 5/3 each; cov = 4/3;
// r = 0.8, eigenvalues 1.8 and 0.2, eigenvectors (1,1)/sqrt2 and (1,-1)/sqrt2.
const panel: GravityPanel = {
  countries: ["R", "A", "B"],
  years: [2001, 2002],
  variables: [{ name: "x1" }, { name: "x2" }],
  rows: [
    { iso3: "A", year: 2001, values: { x1: 1, x2: 1 } },
    { iso3: "A", year: 2002, values: { x1: 2, x2: 3 } },
    { iso3: "B", year: 2001, values: { x1: 3, x2: 2 } },
    { iso3: "B", year: 2002, values: { x1: 4, x2: 4 } },
    { iso3: "R", year: 2001, values: { x1: 100, x2: NaN } },
  ],
};
const config = (retention: unknown) =>
  parseStudyConfig({
    reporter: "R",
    partners: ["A", "B"],
    years: { from: 2001, to: 2002 },
    dependent: { variable: "x1" },
    terms: [{ name: "t", variable: "x1", formation: "partner" }],
    cbec: { indicators: ["x1", "x2"], retention },
  });
const sd = Math.sqrt(5 / 3);
const d1 = [-1.5, -0.5, 0.5, 1.5];
const d2 = [-1.5, 0.5, -0.5, 1.5];
const pc1 = d1.map((v, i) => (v + d2[i]) / (Math.SQRT2 * sd));
const pc2 = d1.map((v, i) => (v - d2[i]) / (Math.SQRT2 * sd));

Deno.test("CBEC composite, eigenvalue > 1: the first component score, by hand", () => {
  const r = cbecIndex(config({ rule: "kaiser" }), panel);
  assert.equal(r.ok, true);
  assert.equal(r.n, 4);
  assert.ok(Math.abs(r.eigenvalues[0] - 1.8) < 1e-12 && Math.abs(r.eigenvalues[1] - 0.2) < 1e-12);
  assert.equal(r.retained, 1);
  assert.deepEqual(r.weights, [1]);
  assert.ok(Math.abs(r.loadings[0][0] - Math.SQRT1_2) < 1e-12);
  assert.ok(Math.abs(r.loadings[1][0] - Math.SQRT1_2) < 1e-12);
  r.composite.forEach((c, i) => assert.ok(Math.abs(c.value - pc1[i]) < 1e-12, `${c.value}`));
  assert.ok(Math.abs(r.composite[3].value - 3 * Math.sqrt(3 / 10)) < 1e-12);
});

Deno.test("CBEC composite, two components: eigenvalue-share weights 0.9 and 0.1, by hand", () => {
  const r = cbecIndex(config({ rule: "cumulative", share: 1 }), panel);
  assert.equal(r.retained, 2);
  assert.ok(Math.abs(r.weights[0] - 0.9) < 1e-12 && Math.abs(r.weights[1] - 0.1) < 1e-12);
  r.composite.forEach((c, i) => {
    const want = 0.9 * pc1[i] + 0.1 * pc2[i];
    assert.ok(Math.abs(c.value - want) < 1e-12, `${c.value} vs ${want}`);
  });
});

Deno.test("retention rules", () => {
  assert.equal(retainedCount([2.5, 1.2, 0.3], [0.625, 0.925, 1], { rule: "kaiser" }), 2);
  assert.equal(retainedCount([0.9, 0.1], [0.9, 1], { rule: "kaiser" }), 1);
  assert.equal(retainedCount([2.5, 1.2, 0.3], [0.625, 0.925, 1], { rule: "first" }), 1);
  assert.equal(
    retainedCount([2.5, 1.2, 0.3], [0.625, 0.925, 1], { rule: "cumulative", share: 0.9 }),
    2,
  );
});

Deno.test("too few complete country-years: not ok, with a one-line reason", () => {
  const thin: GravityPanel = { ...panel, rows: panel.rows.slice(0, 2) };
  const r = cbecIndex(config({ rule: "kaiser" }), thin);
  assert.equal(r.ok, false);
  assert.equal(
    r.reason,
    "the PCA cannot be computed: 2 of 4 country-years have all 2 indicators (need more than 2)",
  );
  assert.deepEqual(r.excluded.map((e) => `${e.country} ${e.year}`), ["B 2001", "B 2002"]);
});

Deno.test("minCoverage drops a sparse indicator (listed) before the listwise PCA", () => {
  const sparse: GravityPanel = {
    ...panel,
    variables: [...panel.variables, { name: "x3" }],
    rows: panel.rows.map((r, i) => ({ ...r, values: { ...r.values, x3: i === 0 ? 5 : NaN } })),
  };
  const base = config({ rule: "kaiser" });
  const cfg = {
    ...base,
    cbec: { ...base.cbec, indicators: ["x1", "x2", "x3"], minCoverage: 0.5 },
  };
  const r = cbecIndex(cfg, sparse);
  assert.deepEqual(r.dropped, [{ indicator: "x3", present: 1 }]);
  assert.deepEqual(r.indicators, ["x1", "x2"]);
  r.composite.forEach((c, i) => assert.ok(Math.abs(c.value - pc1[i]) < 1e-12));
  const all = cbecIndex({ ...cfg, cbec: { ...cfg.cbec, minCoverage: 0 } }, sparse);
  assert.equal(all.ok, false);
  assert.equal(all.n, 1);
});

// R (reporter), A, B over 2001-2003; x1, x2, x3 loosely related.
const V: Record<string, number[]> = {
  x1: [1, 2, 4, 3, 5, 7, 6, 8, 9],
  x2: [2, 1, 3, 5, 4, 6, 9, 7, 8],
  x3: [5, 3, 4, 1, 2, 6, 3, 9, 7],
  flat: [4, 4, 4, 4, 4, 4, 4, 4, 4],
};
const countries = ["R", "A", "B"];
const panelRAB: GravityPanel = {
  countries,
  years: [2001, 2002, 2003],
  variables: Object.keys(V).map((name) => ({ name })),
  rows: countries.flatMap((iso3, c) =>
    [2001, 2002, 2003].map((year, t) => ({
      iso3,
      year,
      values: Object.fromEntries(Object.entries(V).map(([k, v]) => [k, v[c * 3 + t]])),
    }))
  ),
};
const cfg = (indicators: string[], includeReporter = false): StudyConfig =>
  parseStudyConfig({
    reporter: "R",
    partners: ["A", "B"],
    years: { from: 2001, to: 2003 },
    dependent: { variable: "x1" },
    terms: [{ name: "t", variable: "x1", formation: "partner" }],
    cbec: { indicators, includeReporter, retention: { rule: "first" } },
  });

Deno.test("includeReporter puts the reporter's country-years first in the PCA sample", () => {
  const r = cbecIndex(cfg(["x1", "x2", "x3"], true), panelRAB);
  assert.equal(r.sampleSize, 9);
  assert.equal(r.n, 9);
  assert.deepEqual(r.composite.map((c) => `${c.country} ${c.year}`).slice(0, 4), [
    "R 2001",
    "R 2002",
    "R 2003",
    "A 2001",
  ]);
  const p = pca(["x1", "x2", "x3"].map((name) => ({ name, values: V[name] })));
  // KMO and Bartlett are the PCA's, carried over unchanged
  assert.deepEqual(r.kmo, { overall: p.kmo.overall, perVariable: p.kmo.perVariable });
  assert.deepEqual(r.bartlett, p.bartlett);
  assert.ok(Number.isFinite(r.kmo!.overall) && r.kmo!.overall > 0);
  const partnersOnly = cbecIndex(cfg(["x1", "x2", "x3"]), panelRAB);
  assert.equal(partnersOnly.sampleSize, 6);
  assert.deepEqual(partnersOnly.composite.map((c) => c.country), ["A", "A", "A", "B", "B", "B"]);
});

Deno.test("fewer than 2 indicators: not ok, the plain empty shape and a one-line reason", () => {
  const r = cbecIndex(cfg(["x1"]), panelRAB);
  assert.deepEqual(r, {
    ok: false,
    reason: "the PCA needs at least 2 indicators (1 left)",
    indicators: ["x1"],
    retention: { rule: "first" },
    sampleSize: 6,
    n: 6,
    excluded: [],
    coverage: [{ indicator: "x1", present: 6 }],
    dropped: [],
    eigenvalues: [],
    proportion: [],
    cumulative: [],
    retained: 0,
    weights: [],
    loadings: [],
    kmo: null,
    bartlett: null,
    composite: [],
  });
});

Deno.test("a zero-variance indicator: not ok, the PCA's message as the reason", () => {
  const r = cbecIndex(cfg(["x1", "flat"]), panelRAB);
  assert.equal(r.ok, false);
  assert.equal(
    r.reason,
    'the PCA cannot be computed: column "flat" has zero variance: PCA cannot use it',
  );
  assert.deepEqual([r.eigenvalues, r.weights, r.loadings, r.composite], [[], [], [], []]);
  assert.equal(r.retained, 0);
});

Deno.test("loadings summing to 0: the largest |loading| (not the first) decides the sign", () => {
  const result = {
    eigenvalues: [2, 1],
    loadings: [[0.6, 0], [-0.8, 1], [0.2, 0]],
    scores: [[1, 1]],
  } as unknown as Parameters<typeof compositeFromPca>[0];
  const r = compositeFromPca(result, 1);
  assert.deepEqual(r.signs, [-1, 1]);
  assert.deepEqual(r.loadings.map((row) => row[0]), [-0.6, 0.8, -0.2]);
  assert.deepEqual(r.values, [-1]);
});
