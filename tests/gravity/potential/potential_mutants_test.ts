// Tests written for the mutants of `deno task mutate` on the potential modules (uncertainty,
// benchmark, structural, sensitivity, china_world): each asserts a value worked out
// independently, by numpy/scipy in tests/fixtures/mutants/uncertainty_truth.py (printed values
// pasted below) or by hand in the test. See tests/mutation-gravity-potential.md.
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import {
  analyticInterval,
  chooseCovariance,
  classConfidence,
  classVerdict,
  coefficientDraws,
  normalStream,
  olsCovariance,
  ppmlCovariance,
  simulateK,
  studyUncertainty,
  type UncertaintyRow,
} from "../../../lib/gravity/potential/uncertainty.ts";
import {
  parseUncertaintyConfig,
  UNCERTAINTY_DEFAULTS,
} from "../../../lib/gravity/config/uncertainty.ts";

// python3 tests/fixtures/mutants/uncertainty_truth.py
const TRUTH = {
  classical: [[0.0525, -0.0225], [-0.0225, 0.015]],
  hc1: [[0.0252, -0.0068], [-0.0068, 0.0062]],
  cr1_3: [[0.031050000000000008, -0.008325000000000004], [
    -0.008325000000000004,
    0.0029250000000000014,
  ]],
  ppml: [[0.011767895687095327, -0.004946420535804504], [
    -0.004946420535804511,
    0.003802417738753566,
  ]],
  interval_normal: [
    0.7930487490177124,
    1.3805623893608314,
    0.0022383138394376336,
    0.9353457147881155,
    0.06241597137244692,
  ],
  interval_t5: [
    0.7274391036883564,
    1.5050789410030938,
    0.018070888619363654,
    0.8892184446159799,
    0.09271066676465645,
  ],
};
const X = [[1, 0], [1, 1], [1, 2], [1, 3]];
const E = [0.1, -0.2, 0.3, -0.1];

function close(a: number, b: number, tol: number, what = "") {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);
}
function matClose(a: number[][], b: number[][], tol = 1e-12) {
  assert.equal(a.length, b.length);
  a.forEach((r, i) => r.forEach((v, j) => close(v, b[i][j], tol, `[${i}][${j}]`)));
}

Deno.test("mutants: parseUncertaintyConfig: defaults, every field, boundaries and one-line errors", () => {
  assert.deepEqual(parseUncertaintyConfig(undefined), UNCERTAINTY_DEFAULTS);
  assert.deepEqual(UNCERTAINTY_DEFAULTS, {
    enabled: true,
    level: 0.9,
    draws: 2000,
    seed: 20240601,
    se: "cluster",
    residual: false,
  });
  assert.deepEqual(parseUncertaintyConfig({}), UNCERTAINTY_DEFAULTS);
  assert.deepEqual(
    parseUncertaintyConfig({
      enabled: false,
      level: 0.95,
      draws: 100,
      seed: -3,
      se: "hc1",
      residual: true,
    }),
    { enabled: false, level: 0.95, draws: 100, seed: -3, se: "hc1", residual: true },
  );
  for (const se of ["classical", "hc1", "cluster"]) {
    assert.equal(parseUncertaintyConfig({ se }).se, se);
  }
  const err = (raw: unknown, msg: string) =>
    assert.throws(() => parseUncertaintyConfig(raw, "cfg.json"), (e: Error) => {
      assert.equal(e.name, "InputError");
      assert.equal(e.message, `cfg.json: ${msg}`);
      return true;
    });
  err(null, '"uncertainty" must be an object');
  err([], '"uncertainty" must be an object');
  err(3, '"uncertainty" must be an object');
  err(
    { levl: 1 },
    'unknown key "levl" in "uncertainty" (allowed: enabled, level, draws, seed, se, residual); ' +
      'did you mean "level"?',
  );
  for (const level of [0, 1, -0.5, 1.5]) {
    err({ level }, `"uncertainty.level" must be in (0, 1), not ${level}`);
  }
  err({ level: "0.9" }, '"uncertainty.level" must be a number');
  err({ draws: 99 }, '"uncertainty.draws" must be >= 100, not 99');
  err({ draws: 100.5 }, '"uncertainty.draws" must be a whole number, not 100.5');
  err({ draws: "2000" }, '"uncertainty.draws" must be a number');
  err({ seed: 1.5 }, '"uncertainty.seed" must be a whole number, not 1.5');
  err({ seed: "1" }, '"uncertainty.seed" must be a number');
  err(
    { se: "hc3" },
    '"uncertainty.se" "hc3" is not one of classical, hc1, cluster; did you mean "hc1"?',
  );
  err({ enabled: "yes" }, '"uncertainty.enabled" must be true or false');
  err({ residual: 1 }, '"uncertainty.residual" must be true or false');
  assert.throws(() => parseUncertaintyConfig(null), /^InputError: study config: /);
});

Deno.test("mutants: olsCovariance: classical, HC1 and CR1 equal numpy's on a 4 x 2 design", () => {
  const c = olsCovariance(X, E, { se: "classical" });
  matClose(c.matrix, TRUTH.classical);
  assert.deepEqual([c.df, c.se, c.clusters], [2, "classical", undefined]);
  assert.ok(!("clusters" in c));
  const h = olsCovariance(X, E, { se: "hc1" });
  matClose(h.matrix, TRUTH.hc1);
  assert.deepEqual([h.df, h.se], [2, "hc1"]);
  assert.ok(!("clusters" in h));
  const g = olsCovariance(X, E, { se: "cluster", cluster: ["a", "b", "c", "c"] });
  matClose(g.matrix, TRUTH.cr1_3);
  assert.deepEqual([g.df, g.se, g.clusters], [2, "cluster", 3]);
  assert.equal(g.matrix[0][1], g.matrix[1][0]);
  assert.throws(
    () => olsCovariance(X.slice(0, 2), E, { se: "classical" }),
    /2 rows for 2 coefficients/,
  );
  assert.throws(() => olsCovariance(X, E, { se: "cluster" }), /needs cluster labels/);
  assert.throws(
    () => olsCovariance(X, E, { se: "cluster", cluster: [1, 1, 1, 1] }),
    /at least 2 clusters, got 1/,
  );
});

Deno.test("mutants: chooseCovariance: cluster falls back to HC1 exactly when G <= k, with a warning", () => {
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

Deno.test("mutants: ppmlCovariance: the CR1 sandwich equals numpy's; df Infinity; one cluster refused", () => {
  const v = ppmlCovariance(X, [1, 2, 4, 5], [1.2, 1.8, 3.5, 5.5], ["a", "a", "b", "c"]);
  matClose(v.matrix, TRUTH.ppml, 1e-12);
  assert.deepEqual([v.df, v.se, v.clusters], [Infinity, "cluster", 3]);
  assert.throws(
    () => ppmlCovariance(X, [1, 2, 4, 5], [1, 2, 4, 5], ["a", "a", "a", "a"]),
    /at least 2 clusters, got 1/,
  );
});

const TARGET = { actual: 1.1, x: [1, 0.5] };
const BETA = [0.05, 0];
const COV = [[0.01, 0], [0, 0.04]];
const TH = { huge: 0.7, remodelling: 1.3 };

Deno.test("mutants: analyticInterval: scipy's normal and t(5) interval and class probabilities", () => {
  for (const [df, t] of [[Infinity, TRUTH.interval_normal], [5, TRUTH.interval_t5]] as const) {
    const a = analyticInterval(TARGET, BETA, COV, df, { level: 0.95, thresholds: TH });
    close(a.kLower, t[0], 1e-9, "lower");
    close(a.kUpper, t[1], 1e-9, "upper");
    close(a.classProbabilities.huge, t[2], 1e-9, "huge");
    close(a.classProbabilities.expanding, t[3], 1e-9, "expanding");
    close(a.classProbabilities.remodelling, t[4], 1e-9, "remodelling");
  }
  // defaults: level 0.9, thresholds 0.8 / 1.2; offset enters ln K
  const d = analyticInterval({ actual: 1, x: [1], offset: 0.2 }, [0], [[0.01]], Infinity);
  close(d.kLower, Math.exp(-0.2 - 1.6448536269514722 * 0.1), 1e-9);
  close(d.kUpper, Math.exp(-0.2 + 1.6448536269514722 * 0.1), 1e-9);
  // P(K < 0.8) with ln K ~ N(-0.2, 0.1): Phi((ln 0.8 + 0.2) / 0.1) = Phi(-0.23144) = 0.40849
  close(d.classProbabilities.huge, 0.408487, 1e-5);
});

Deno.test("mutants: simulateK agrees with scipy's closed form (20000 draws), level and thresholds passed", () => {
  for (const [df, t] of [[Infinity, TRUTH.interval_normal], [5, TRUTH.interval_t5]] as const) {
    const [s] = simulateK([TARGET], BETA, COV, df, {
      level: 0.95,
      thresholds: TH,
      draws: 20000,
      seed: 3,
    });
    close(s.kLower, t[0], 0.01 * t[0], "lower");
    close(s.kUpper, t[1], 0.015 * t[1], "upper");
    close(s.classProbabilities.huge, t[2], 0.006, "huge");
    close(s.classProbabilities.expanding, t[3], 0.01, "expanding");
    close(s.classProbabilities.remodelling, t[4], 0.008, "remodelling");
  }
});

Deno.test("mutants: simulateK defaults: level 0.9, thresholds 0.8/1.2, 2000 draws, the default seed", () => {
  const t = { actual: 1, x: [1] };
  const [s] = simulateK([t], [0.1], [[0.01]], Infinity);
  const [same] = simulateK([t], [0.1], [[0.01]], Infinity, {
    level: 0.9,
    thresholds: { huge: 0.8, remodelling: 1.2 },
    draws: 2000,
    seed: 20240601,
    definition: "level",
  });
  assert.deepEqual(s, same);
  for (const p of Object.values(s.classProbabilities)) assert.ok(Number.isInteger(p * 2000));
  // ln K ~ N(-0.1, 0.1): 90% interval exp(-0.1 -+ 0.16449), P(K < 0.8) = Phi(-1.2314) = 0.10909
  close(s.kLower, Math.exp(-0.1 - 0.16449), 0.02);
  close(s.kUpper, Math.exp(-0.1 + 0.16449), 0.02);
  close(s.classProbabilities.huge, 0.10909, 0.02);
  // P(K > 1.2) = 1 - Phi((ln 1.2 + 0.1) / 0.1) = 0.0024
  close(s.classProbabilities.remodelling, 0.0024, 0.002);
});

Deno.test("mutants: simulateK definitions with a fixed beta (zero covariance): level, offset, log-ratio, smearing", () => {
  const zero = [[0]];
  const beta = [Math.log(4)];
  const one = (t: { actual: number; x: number[]; offset?: number }, o = {}) =>
    simulateK([t], beta, zero, Infinity, { draws: 200, ...o })[0];
  const lv = one({ actual: 8, x: [1], offset: Math.log(2) });
  close(lv.kLower, 1, 1e-12);
  close(lv.kUpper, 1, 1e-12);
  assert.deepEqual(lv.classProbabilities, { huge: 0, expanding: 1, remodelling: 0 });
  // log-ratio: K = ln(actual) / fitted = 2 / ln 4 = 1.4427 (remodelling)
  const lr = one({ actual: Math.exp(2), x: [1] }, { definition: "log-ratio" });
  close(lr.kLower, 2 / Math.log(4), 1e-12);
  assert.deepEqual(lr.classProbabilities, { huge: 0, expanding: 0, remodelling: 1 });
  // smearing: factor mean(exp(ln y - x'b - offset)) = mean(2/4, 8/4/2) = 0.75: K = 5 / (4 x 0.75)
  const sample = { x: [[1], [1]], y: [Math.log(2), Math.log(8)], offset: [0, Math.log(2)] };
  const sm = one({ actual: 5, x: [1] }, { definition: "smearing", sample });
  close(sm.kUpper, 5 / 3, 1e-12);
  // without sample offsets the factor is mean(0.5, 2) = 1.25: K = 5 / 5 = 1
  const sm2 = one({ actual: 5, x: [1] }, {
    definition: "smearing",
    sample: { x: sample.x, y: sample.y },
  });
  close(sm2.kLower, 1, 1e-12);
  assert.throws(
    () => one({ actual: 5, x: [1] }, { definition: "smearing" }),
    /smearing definition needs the estimation sample/,
  );
  // residualSd: ln K ~ N(0, 0.1^2) from the residual alone
  const r = one({ actual: 4, x: [1] }, { residualSd: 0.1, draws: 20000, level: 0.9 });
  close(r.kLower, Math.exp(-0.16449), 0.01);
  close(r.kUpper, Math.exp(0.16449), 0.01);
});

Deno.test("mutants: coefficientDraws: mean beta, covariance V (normal) or V df/(df-2) (t), reproducible", () => {
  const cov = [[0.04, 0.01], [0.01, 0.09]];
  const moments = (d: Float64Array[]) => {
    const n = d.length;
    const m = [0, 1].map((a) => d.reduce((s, b) => s + b[a], 0) / n);
    const v = [0, 1].map((a) =>
      [0, 1].map((c) => d.reduce((s, b) => s + (b[a] - m[a]) * (b[c] - m[c]), 0) / (n - 1))
    );
    return { m, v };
  };
  const n = coefficientDraws([1, 2], cov, Infinity, 40000, 9);
  const { m, v } = moments(n);
  close(m[0], 1, 0.005);
  close(m[1], 2, 0.006);
  matClose(v, cov, 0.004);
  close(v[0][1], 0.01, 0.002);
  const t = moments(coefficientDraws([1, 2], cov, 6, 40000, 9)).v;
  close(t[0][0], 0.04 * 1.5, 0.006);
  close(t[1][1], 0.09 * 1.5, 0.012);
  assert.deepEqual(coefficientDraws([1, 2], cov, 6, 5, 9), coefficientDraws([1, 2], cov, 6, 5, 9));
  assert.notDeepEqual(
    coefficientDraws([1, 2], cov, 6, 5, 9),
    coefficientDraws([1, 2], cov, 6, 5, 10),
  );
  // a rank-1 covariance (round-off negatives clipped): draws lie on the line b1 - 1 = 2 (b0 - 1)
  const r1 = coefficientDraws([1, 1], [[1, 2], [2, 4]], Infinity, 50, 4);
  for (const b of r1) close(b[1] - 1, 2 * (b[0] - 1), 1e-9);
  const z = normalStream(5);
  const zs = Array.from({ length: 20000 }, () => z());
  close(zs.reduce((a, b) => a + b, 0) / zs.length, 0, 0.03);
  close(zs.reduce((a, b) => a + b * b, 0) / zs.length, 1, 0.04);
});

Deno.test("mutants: classConfidence and classVerdict at their cut-offs", () => {
  const p = { huge: 0.9, expanding: 0.5, remodelling: 0.4999 };
  assert.equal(classConfidence(p, "huge"), "robust");
  assert.equal(classConfidence(p, "expanding"), "likely");
  assert.equal(classConfidence(p, "remodelling"), "noise");
  assert.equal(classConfidence({ huge: 0.89, expanding: 0, remodelling: 0 }, "huge"), "likely");
  assert.equal(classConfidence(p, "huge", { robust: 0.95 }), "likely");
  assert.equal(classConfidence(p, "remodelling", { likely: 0.4 }), "likely");
  assert.equal(classConfidence(p, "expanding", { robust: 0.5 }), "robust");
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

Deno.test("mutants: studyUncertainty: targets, covariance, method text and the residual option", () => {
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

// python3 tests/fixtures/mutants/uncertainty_truth.py ("cr1_2", "ppml_2")
const CR1_2 = [[0.007799999999999999, 0.00029999999999999846], [
  0.0003000000000000014,
  0.0002999999999999984,
]];
const PPML_2 = [[0.02703933248731091, -0.012824979835878693], [
  -0.012824979835878691,
  0.006082994388559063,
]];

Deno.test("mutants: two clusters are enough (numpy's CR1); empty designs are InputErrors", () => {
  const g = olsCovariance(X, E, { se: "cluster", cluster: ["a", "a", "b", "b"] });
  matClose(g.matrix, CR1_2);
  assert.deepEqual([g.df, g.clusters], [1, 2]);
  const p = ppmlCovariance(X, [1, 2, 4, 5], [1.2, 1.8, 3.5, 5.5], ["a", "a", "b", "b"]);
  matClose(p.matrix, PPML_2);
  assert.equal(p.clusters, 2);
  assert.throws(() => olsCovariance([], [], { se: "classical" }), InputError);
  assert.throws(() => chooseCovariance([], [], [], "classical"), InputError);
  assert.throws(() => ppmlCovariance([], [], [], []), InputError);
});

Deno.test("mutants: draws of a rank-1 covariance with round-off negative eigenvalues stay finite", () => {
  // V = v v' with v = (0.1, 0.2, 0.3): ml-matrix returns eigenvalues -2.5e-17, -4.2e-19, 0.14
  const v = [0.1, 0.2, 0.3];
  const cov = v.map((a) => v.map((b) => a * b));
  const d = coefficientDraws([0, 0, 0], cov, Infinity, 50, 4);
  assert.equal(d.length, 50);
  for (const b of d) {
    assert.ok(b.every(Number.isFinite));
    close(b[1], 2 * b[0], 1e-9);
    close(b[2], 3 * b[0], 1e-9);
  }
  assert.equal(coefficientDraws([1], [[1]], 5, 7, 1).length, 7);
});
