/**
 * The CBEC index's remaining paths (found by mutation testing): the reporter in the PCA sample,
 * the plain-JSON shape when the index cannot be built (too few indicators, a zero-variance one),
 * KMO and Bartlett carried over from the PCA, and the orientation of a component whose loadings
 * sum to 0 with one clearly largest loading.
 */
import assert from "node:assert/strict";
import { cbecIndex, compositeFromPca } from "../../../lib/gravity/equation/cbec_index.ts";
import { parseStudyConfig, type StudyConfig } from "../../../lib/gravity/config/study.ts";
import type { GravityPanel } from "../../../lib/gravity/types.ts";
import { pca } from "../../../lib/stats/pca.ts";

// R (reporter), A, B over 2001-2003; x1, x2, x3 loosely related.
const V: Record<string, number[]> = {
  x1: [1, 2, 4, 3, 5, 7, 6, 8, 9],
  x2: [2, 1, 3, 5, 4, 6, 9, 7, 8],
  x3: [5, 3, 4, 1, 2, 6, 3, 9, 7],
  flat: [4, 4, 4, 4, 4, 4, 4, 4, 4],
};
const countries = ["R", "A", "B"];
const panel: GravityPanel = {
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
  const r = cbecIndex(cfg(["x1", "x2", "x3"], true), panel);
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
  const partnersOnly = cbecIndex(cfg(["x1", "x2", "x3"]), panel);
  assert.equal(partnersOnly.sampleSize, 6);
  assert.deepEqual(partnersOnly.composite.map((c) => c.country), ["A", "A", "A", "B", "B", "B"]);
});

Deno.test("fewer than 2 indicators: not ok, the plain empty shape and a one-line reason", () => {
  const r = cbecIndex(cfg(["x1"]), panel);
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
  const r = cbecIndex(cfg(["x1", "flat"]), panel);
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
