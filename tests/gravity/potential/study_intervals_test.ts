/**
 * The study's K intervals (lib/gravity/potential/study_intervals.ts): the covariance chosen
 * (numpy's values in uncertainty_truth.ts; cluster falls back to HC1 exactly when G <= k; an empty
 * design is an InputError), the verdict over several readings at its cut-offs, and
 * studyUncertainty's targets, covariance, method text and residual option.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { olsCovariance } from "../../../lib/stats/vcov_dense.ts";
import { analyticInterval, simulateK } from "../../../lib/gravity/potential/intervals.ts";
import {
  chooseCovariance,
  classVerdict,
  studyUncertainty,
  type UncertaintyRow,
} from "../../../lib/gravity/potential/study_intervals.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";
import { TRUTH } from "./uncertainty_truth.ts";

const X = [[1, 0], [1, 1], [1, 2], [1, 3]];
const E = [0.1, -0.2, 0.3, -0.1];

function close(a: number, b: number, tol: number, what = "") {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);
}
function matClose(a: number[][], b: number[][], tol = 1e-12) {
  assert.equal(a.length, b.length);
  a.forEach((r, i) => r.forEach((v, j) => close(v, b[i][j], tol, `[${i}][${j}]`)));
}

Deno.test("chooseCovariance: cluster falls back to HC1 exactly when G <= k, with a warning", () => {
  const two = chooseCovariance(X, E, ["a", "a", "b", "b"], "cluster");
  assert.equal(two.cov.se, "hc1");
  matClose(two.cov.matrix, TRUTH.hc1);
  assert.deepEqual(two.warnings, [
    "uncertainty: 2 partner clusters for 2 coefficients make the cluster-robust covariance " +
    "rank-deficient (rank <= 1); K intervals use HC1 instead",
  ]);
  const three = chooseCovariance(X, E, ["a", "b", "c", "c"], "cluster");
  assert.equal(three.cov.se, "cluster");
  matClose(three.cov.matrix, TRUTH.cr1_3);
  assert.deepEqual(three.warnings, []);
  const cl = chooseCovariance(X, E, ["a", "a", "a", "a"], "classical");
  matClose(cl.cov.matrix, TRUTH.classical);
  assert.deepEqual(cl.warnings, []);
});

Deno.test("classVerdict at its cut-offs", () => {
  const r = (c: "huge" | "expanding" | null, ph: number) => ({
    class: c,
    classProbabilities: { huge: ph, expanding: 1 - ph, remodelling: 0 },
  });
  assert.equal(classVerdict([]), "-");
  assert.equal(classVerdict([r(null, 1)]), "-");
  assert.equal(classVerdict([{ class: "huge", classProbabilities: null }]), "-");
  assert.equal(classVerdict([r("huge", 0.9), r("huge", 0.95), r(null, 0)]), "robust");
  assert.equal(classVerdict([r("huge", 0.9), r("huge", 0.89)]), "same class");
  assert.equal(classVerdict([r("huge", 0.5), r("huge", 0.99)]), "same class");
  assert.equal(classVerdict([r("huge", 0.49), r("huge", 0.99)]), "noise");
  assert.equal(classVerdict([r("huge", 0.99), r("expanding", 0.01)]), "noise");
});

function studyRows(): { rows: UncertaintyRow[]; sample: UncertaintyRow[]; residuals: number[] } {
  const xs = [0, 1, 2, 3, 4, 5];
  const res = [0.05, -0.1, 0.08, -0.02, 0.04, -0.05];
  const countries = ["A", "A", "B", "B", "C", "C"];
  const sample = xs.map((x, i) => ({
    country: countries[i],
    year: 2000 + i,
    actual: Math.exp(0.1 + 0.5 * x + res[i]),
    x: { g: x },
  }));
  const rows = [
    ...sample,
    { country: "D", year: 2001, actual: null, x: { g: 1 } },
    { country: "D", year: 2002, actual: 0, x: { g: 1 } },
    { country: "D", year: 2003, actual: 3, x: { g: null } },
    { country: "D", year: 2004, actual: 3, x: { g: 2 } },
  ];
  return { rows, sample, residuals: res };
}

Deno.test("studyUncertainty: targets, covariance, method text and the residual option", () => {
  const { rows, sample, residuals } = studyRows();
  const coefficients = [{ term: "(Intercept)", estimate: 0.1 }, { term: "g", estimate: 0.5 }];
  const th = { huge: 0.8, remodelling: 1.2 };
  const base = { ...UNCERTAINTY_DEFAULTS, seed: 7, draws: 4000, se: "classical" as const };
  const u = studyUncertainty(rows, sample, coefficients, residuals, {
    uncertainty: base,
    definition: "level",
    thresholds: th,
  });
  assert.deepEqual(Object.keys(u.byKey).sort(), [
    "A|2000",
    "A|2001",
    "B|2002",
    "B|2003",
    "C|2004",
    "C|2005",
    "D|2004",
  ]);
  assert.deepEqual([u.level, u.draws, u.seed, u.se, u.df, u.warnings], [
    0.9,
    4000,
    7,
    "classical",
    4,
    [],
  ]);
  assert.ok(!("clusters" in u));
  assert.equal(
    u.method,
    "90% intervals and class probabilities from 4000 draws (seed 7) of the coefficients from a " +
      "multivariate t(4) around the estimates with the classical covariance; K* = actual / " +
      "predicted* per draw. Only coefficient uncertainty enters: the actual value is observed, " +
      "and the residual is what K measures.",
  );
  // D|2004: K = 3 / exp(1.1), interval from the classical covariance in closed form
  const X = sample.map((r) => [1, r.x.g as number]);
  const cov = olsCovariance(X, residuals, { se: "classical" });
  const a = analyticInterval({ actual: 3, x: [1, 2] }, [0.1, 0.5], cov.matrix, 4);
  close(u.byKey["D|2004"].kLower, a.kLower, 0.02 * a.kLower);
  close(u.byKey["D|2004"].kUpper, a.kUpper, 0.02 * a.kUpper);
  // residual: s = sqrt(rss / (n - k)) added: wider than K's own interval
  const rss = residuals.reduce((s, e) => s + e * e, 0);
  const w = studyUncertainty(rows, sample, coefficients, residuals, {
    uncertainty: { ...base, residual: true },
    definition: "level",
    thresholds: th,
  });
  assert.match(w.method, /The residual variance is added \(a prediction interval for trade/);
  // the same draws as simulateK with residualSd = sqrt(rss / (6 - 2)) and the classical V
  // (the residual noise stream runs over the targets in order: the 6 sample rows, then D|2004)
  const targets = [
    ...sample.map((r) => ({ actual: r.actual as number, x: [1, r.x.g as number] })),
    { actual: 3, x: [1, 2] },
  ];
  const direct = simulateK(targets, [0.1, 0.5], cov.matrix, 4, {
    draws: 4000,
    seed: 7,
    residualSd: Math.sqrt(rss / 4),
  });
  assert.deepEqual(w.byKey["D|2004"], direct[6]);
  assert.deepEqual(w.byKey["A|2000"], direct[0]);
  assert.ok(w.byKey["D|2004"].kUpper > u.byKey["D|2004"].kUpper);
  // cluster with 3 partners > 2 coefficients: CR1, t(2); HC1 with only 2 partners
  const c = studyUncertainty(rows, sample, coefficients, residuals, {
    uncertainty: { ...base, se: "cluster" },
    definition: "level",
    thresholds: th,
  });
  assert.deepEqual([c.se, c.df, c.clusters], ["cluster", 2, 3]);
  assert.match(c.method, /multivariate t\(2\) .* cluster-robust \(CR1, by partner\) covariance/);
  const h = studyUncertainty(rows, sample.slice(0, 4), coefficients, residuals.slice(0, 4), {
    uncertainty: { ...base, se: "cluster", level: 0.95 },
    definition: "level",
    thresholds: th,
  });
  assert.deepEqual([h.se, h.df], ["hc1", 2]);
  assert.equal(h.warnings.length, 1);
  assert.match(h.method, /^95% intervals .* HC1 robust covariance/);
  // smearing: per-draw factor mean(exp(ln y - x'b*)); at the estimates it is mean(exp(res))
  const s = studyUncertainty(rows, sample, coefficients, residuals, {
    uncertainty: base,
    definition: "smearing",
    thresholds: th,
  });
  const smear = residuals.reduce((t, e) => t + Math.exp(e), 0) / 6;
  const k0 = 3 / Math.exp(1.1) / smear;
  const mid = Math.sqrt(s.byKey["D|2004"].kLower * s.byKey["D|2004"].kUpper);
  close(mid, k0, 0.02 * k0);
  close(Math.sqrt(u.byKey["D|2004"].kLower * u.byKey["D|2004"].kUpper), 3 / Math.exp(1.1), 0.02);
});

Deno.test("chooseCovariance refuses an empty design (an InputError, not a crash)", () => {
  assert.throws(() => chooseCovariance([], [], [], "classical"), InputError);
});
