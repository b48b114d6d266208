/**
 * K's intervals and class probabilities (lib/gravity/potential/intervals.ts), each asserting a
 * value worked out independently: by numpy/scipy in tests/fixtures/mutants/uncertainty_truth.py
 * (its printed values in uncertainty_truth.ts), by the independent xoroshiro128+ of
 * tests/fixtures/stats/random_streams.py (the pinned residual draws), or by hand below. See
 * tests/mutation-gravity-potential.md.
 */
import assert from "node:assert/strict";
import jStat from "jstat";
import { analyticInterval, simulateK } from "../../../lib/gravity/potential/intervals.ts";
import { TRUTH } from "./uncertainty_truth.ts";

function close(a: number, b: number, tol: number, what = "") {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);
}

const TARGET = { actual: 1.1, x: [1, 0.5] };
const BETA = [0.05, 0];
const COV = [[0.01, 0], [0, 0.04]];
const TH = { huge: 0.7, remodelling: 1.3 };

Deno.test("analyticInterval: scipy's normal and t(5) interval and class probabilities", () => {
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

Deno.test("simulateK agrees with scipy's closed form (20000 draws) to 4 Monte Carlo SEs", () => {
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

Deno.test("simulateK defaults: level 0.9, thresholds 0.8/1.2, 2000 draws, the default seed", () => {
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

Deno.test("simulateK definitions with a fixed beta (zero covariance): level, offset, log-ratio, smearing", () => {
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

Deno.test("simulateK's residual draws are pinned: ln K* = ln actual - x'b - sd z (random_streams.py)", () => {
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
