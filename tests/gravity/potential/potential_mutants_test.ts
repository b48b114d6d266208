// Tests written for the mutants of `deno task mutate` on the potential modules (intervals,
// study_intervals; formerly uncertainty.ts): each asserts a value worked out independently, by
// numpy/scipy in tests/fixtures/mutants/uncertainty_truth.py (printed values pasted below), by the
// independent xoroshiro128+ of tests/fixtures/stats/random_streams.py, or by hand in the test. See
// tests/mutation-gravity-potential.md. (The covariances and the coefficient draws moved to
// lib/stats: tests/stats/vcov_dense_test.ts and tests/stats/random_test.ts.)
import assert from "node:assert/strict";
import jStat from "jstat";
import { InputError } from "../../../lib/errors.ts";
import { olsCovariance } from "../../../lib/stats/vcov_dense.ts";
import { analyticInterval, simulateK } from "../../../lib/gravity/potential/intervals.ts";
import {
  chooseCovariance,
  classVerdict,
  studyUncertainty,
  type UncertaintyRow,
} from "../../../lib/gravity/potential/study_intervals.ts";
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

Deno.test("mutants: simulateK agrees with scipy's closed form (20000 draws) to 4 Monte Carlo SEs", () => {
  // Tolerances are 4 Monte Carlo standard errors of 20000 draws: sqrt(p (1 - p) / n) for a class
  // share (P(huge) = 0.0022 under the normal: 0.0013), and for the ln of a quantile q_a
  // s sqrt(a (1 - a) / n) / f(t_a) with s = sqrt(x'Vx) and f the normal or t(5) density at the
  // standard quantile t_a (measured: every value within 1.4 SEs)
  const n = 20000;
  const s0 = Math.sqrt(0.01 + 0.25 * 0.04);
  for (const [df, t] of [[Infinity, TRUTH.interval_normal], [5, TRUTH.interval_t5]] as const) {
    const [s] = simulateK([TARGET], BETA, COV, df, {
      level: 0.95,
      thresholds: TH,
      draws: n,
      seed: 3,
    });
    const q = df === Infinity ? 1.959963984540054 : 2.5705818356363146; // scipy ppf(0.975)
    const f = df === Infinity ? jStat.normal.pdf(q, 0, 1) : jStat.studentt.pdf(q, df);
    const lnTol = 4 * s0 * Math.sqrt(0.025 * 0.975 / n) / f;
    close(Math.log(s.kLower / t[0]), 0, lnTol, `ln lower (df ${df})`);
    close(Math.log(s.kUpper / t[1]), 0, lnTol, `ln upper (df ${df})`);
    const share = (p: number) => 4 * Math.sqrt(p * (1 - p) / n);
    close(s.classProbabilities.huge, t[2], share(t[2]), `huge (df ${df})`);
    close(s.classProbabilities.expanding, t[3], share(t[3]), `expanding (df ${df})`);
    close(s.classProbabilities.remodelling, t[4], share(t[4]), `remodelling (df ${df})`);
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

const STREAMS = JSON.parse(
  Deno.readTextFileSync(new URL("../../fixtures/stats/random_streams.json", import.meta.url)),
);

Deno.test("mutants: simulateK's residual draws are pinned: ln K* = ln actual - x'b - sd z (random_streams.py)", () => {
  // Coefficients held fixed (zero covariance), residualSd 0.25: every K* comes from the noise
  // stream (normalStream(seed ^ 0x2545f491), running on over the targets in order). The
  // independent xoroshiro128+ with scipy's ndtri gives the same quantiles to 1 ulp and the same
  // class counts: a sign flip of the noise (same distribution, other draws) is caught.
  const nz = STREAMS.noise;
  const got = simulateK(nz.targets, nz.beta, [[0, 0], [0, 0]], Infinity, {
    residualSd: nz.residualSd,
    draws: nz.draws,
    seed: nz.seed,
  });
  got.forEach((g, i) => {
    const want = nz.result[i];
    close(g.kLower, want.kLower, 1e-12 * want.kLower, `kLower ${i}`);
    close(g.kUpper, want.kUpper, 1e-12 * want.kUpper, `kUpper ${i}`);
    assert.deepEqual(
      [g.classProbabilities.huge * nz.draws, g.classProbabilities.remodelling * nz.draws],
      [want.huge, want.remodelling],
      `class counts ${i}`,
    );
  });
});

Deno.test("mutants: classVerdict at its cut-offs", () => {
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

Deno.test("mutants: chooseCovariance refuses an empty design (an InputError, not a crash)", () => {
  assert.throws(() => chooseCovariance([], [], [], "classical"), InputError);
});
