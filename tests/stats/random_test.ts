/**
 * The seeded streams of lib/stats/random.ts against independent implementations: xoroshiro128+
 * on 64-bit Python integers with scipy's normal and chi-squared quantiles
 * (tests/fixtures/stats/random_streams.py -> random_streams.json), mulberry32 in 32-bit Python
 * arithmetic (tests/fixtures/mutants/mulberry32.py), Box-Muller worked by hand; the coefficient
 * draws pinned value by value (one coefficient) and by their moments (several, singular and
 * tiny variances).
 */
import assert from "node:assert/strict";
import {
  boxMuller,
  boxMullerPairs,
  coefficientDraws,
  mulberry32,
  normalStream,
  uniformStream,
} from "../../lib/stats/random.ts";

const fx = JSON.parse(
  Deno.readTextFileSync(new URL("../fixtures/stats/random_streams.json", import.meta.url)),
);

function close(a: number, b: number, tol: number, what = "") {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol})`);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
};

/** A generator returning the given uniforms in turn. */
const seq = (v: number[]) => {
  let i = 0;
  return () => v[i++];
};

Deno.test("uniformStream = xoroshiro128+ from the reference algorithm, bit for bit (random_streams.py)", () => {
  // six seeds: small, the study's default, negative, 2^31 - 1, 2^32 + 5 (taken modulo 2^32) and
  // the chi-square stream's seed of the default (20240601 ^ 0x5bd1e995)
  for (const [seed, values] of Object.entries(fx.uniform) as [string, number[]][]) {
    const u = uniformStream(Number(seed));
    assert.deepEqual(values.map(() => u()), values, `seed ${seed}`);
  }
  // 20240601 ^ 0x5bd1e995 as JavaScript computes it
  assert.ok("1524969804" in fx.uniform && (20240601 ^ 0x5bd1e995) === 1524969804);
});

Deno.test("normalStream = scipy's ndtri of those uniforms (jstat's quantile: 1.6e-11 relative at z = 5.5)", () => {
  for (const [seed, values] of Object.entries(fx.normal) as [string, number[]][]) {
    const z = normalStream(Number(seed));
    for (const [i, v] of values.entries()) close(z(), v, 3e-11 * Math.abs(v), `seed ${seed} #${i}`);
  }
  // and a standard normal: mean 0, variance 1 (20000 draws: SEs 0.007 and 0.01)
  const z = normalStream(5);
  const zs = Array.from({ length: 20000 }, () => z());
  close(mean(zs), 0, 0.03, "mean");
  close(zs.reduce((a, b) => a + b * b, 0) / zs.length, 1, 0.04, "E z^2");
});

Deno.test("mulberry32 = the reference algorithm (tests/fixtures/mutants/mulberry32.py); open adds 2^-33", () => {
  // /usr/bin/python3 tests/fixtures/mutants/mulberry32.py
  const expected: [number, number[]][] = [
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741]],
    [20240601, [
      0.35344086796976626,
      0.02818377036601305,
      0.6889668190851808,
      0.20964636001735926,
    ]],
    [2 ** 32 + 5, [
      0.6897749109193683,
      0.7727432732935995,
      0.21976301027461886,
      0.6231788222212344,
    ]],
    [-1, [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677]],
  ];
  for (const [seed, values] of expected) {
    const r = mulberry32(seed);
    assert.deepEqual(values.map(() => r()), values, `seed ${seed}`);
    // (k + 0.5) / 2^32 = k / 2^32 + 2^-33, both exact
    const o = mulberry32(seed, { open: true });
    assert.deepEqual(values.map(() => o()), values.map((v) => v + 2 ** -33), `open, seed ${seed}`);
  }
});

Deno.test("boxMuller: sqrt(-2 ln(1 - u1)) cos(2 pi u2), worked by hand", () => {
  // u1 = 0.5, u2 = 0.5: sqrt(2 ln 2) cos(pi) = -1.177410022515475
  close(boxMuller(seq([0.5, 0.5]))(), -Math.sqrt(2 * Math.LN2), 1e-15, "(0.5, 0.5)");
  // u1 = 0.9 (1 - u1 = 0.1), u2 = 0: sqrt(-2 ln 0.1) = 2.145966026289347
  close(boxMuller(seq([0.9, 0]))(), 2.145966026289347, 1e-12, "(0.9, 0)");
  // u2 = 0.25: cos(pi / 2) = 0; u1 = 0: 1 - u1 = 1, ln 1 = 0
  close(boxMuller(seq([0.75, 0.25]))(), 0, 1e-15, "(0.75, 0.25)");
  close(boxMuller(seq([0, 0.3]))(), 0, 1e-15, "(0, 0.3)");
  // two uniforms per draw, in that order
  const z = boxMuller(seq([0.5, 0.5, 0.9, 0]));
  close(z(), -1.177410022515475, 1e-12, "first");
  close(z(), 2.145966026289347, 1e-12, "second");
  // a standard normal: 20000 draws from mulberry32
  const d = boxMuller(mulberry32(3));
  const v = Array.from({ length: 20000 }, () => d());
  close(mean(v), 0, 0.03, "mean");
  close(sd(v), 1, 0.02, "sd");
  close(v.filter((x) => x < -1.6448536).length / v.length, 0.05, 0.007, "P(z < -1.645)");
});

Deno.test("boxMullerPairs: r = sqrt(-2 ln u1), then r cos(2 pi u2) and r sin(2 pi u2), worked by hand", () => {
  // u1 = e^-2: r = 2; u2 = 0.125: cos = sin = sqrt(1/2)
  const z = boxMullerPairs(seq([Math.exp(-2), 0.125, 0.5, 0.5]));
  close(z(), Math.SQRT2, 1e-15, "cos");
  close(z(), Math.SQRT2, 1e-15, "sin (the spare, no new uniforms)");
  // the next pair: r = sqrt(2 ln 2), angle pi: -r, then sin(pi) = 0
  close(z(), -Math.sqrt(2 * Math.LN2), 1e-15, "next pair, cos");
  close(z(), 0, 1e-15, "next pair, sin");
  const d = boxMullerPairs(mulberry32(42, { open: true }));
  const v = Array.from({ length: 20000 }, () => d());
  close(mean(v), 0, 0.03, "mean");
  close(sd(v), 1, 0.02, "sd");
});

Deno.test("coefficientDraws of one coefficient = b + sqrt(v) z / sqrt(w / df) from the independent streams", () => {
  const t = fx.t_draws;
  const d = coefficientDraws([t.beta], [[t.var]], t.df, 12, t.seed);
  d.forEach((b, i) => close(b[0], t.draws[i], 1e-10 * Math.abs(t.draws[i]), `t draw ${i}`));
  const n = coefficientDraws([t.beta], [[t.var]], Infinity, 12, t.seed);
  n.forEach((b, i) => close(b[0], fx.normal_draws[i], 1e-10, `normal draw ${i}`));
});

Deno.test("coefficientDraws: mean beta, covariance V (normal) or V df/(df-2) (t), reproducible", () => {
  const cov = [[0.04, 0.01], [0.01, 0.09]];
  const moments = (d: Float64Array[]) => {
    const n = d.length;
    const m = [0, 1].map((a) => d.reduce((s, b) => s + b[a], 0) / n);
    const v = [0, 1].map((a) =>
      [0, 1].map((c) => d.reduce((s, b) => s + (b[a] - m[a]) * (b[c] - m[c]), 0) / (n - 1))
    );
    return { m, v };
  };
  const { m, v } = moments(coefficientDraws([1, 2], cov, Infinity, 40000, 9));
  close(m[0], 1, 0.005);
  close(m[1], 2, 0.006);
  v.forEach((r, a) => r.forEach((x, c) => close(x, cov[a][c], 0.004, `V[${a}][${c}]`)));
  close(v[0][1], 0.01, 0.002);
  const t = moments(coefficientDraws([1, 2], cov, 6, 40000, 9)).v;
  close(t[0][0], 0.04 * 1.5, 0.006);
  close(t[1][1], 0.09 * 1.5, 0.012);
  assert.deepEqual(coefficientDraws([1, 2], cov, 6, 5, 9), coefficientDraws([1, 2], cov, 6, 5, 9));
  assert.notDeepEqual(
    coefficientDraws([1, 2], cov, 6, 5, 9),
    coefficientDraws([1, 2], cov, 6, 5, 10),
  );
  assert.equal(coefficientDraws([1], [[1]], 5, 7, 1).length, 7);
});

Deno.test("coefficientDraws: a tiny but real variance keeps its spread (diag(1e-4, 1e-11): SDs 1e-2 and 3.2e-6)", () => {
  // Only round-off eigenvalues (below 1e-14 x the largest) are clipped: 1e-11 is 1e-7 x the
  // largest and must be drawn with SD sqrt(1e-11) = 3.16e-6, not 0. 20000 normal draws: the SD
  // of a sample SD is 0.5% (1 / sqrt(2n)), the tolerance 2%.
  const cov = [[1e-4, 0], [0, 1e-11]];
  const d = coefficientDraws([1, -1], cov, Infinity, 20000, 13);
  for (let a = 0; a < 2; a++) {
    const s = sd(d.map((b) => b[a]));
    close(s / Math.sqrt(cov[a][a]), 1, 0.02, `SD of coefficient ${a}: ${s}`);
  }
  // the same with a correlated pair rotated into the eigenbasis: V = Q diag(1e-4, 1e-11) Q'
  const c = Math.SQRT1_2;
  const rot = [[c * c * (1e-4 + 1e-11), c * c * (1e-4 - 1e-11)], [
    c * c * (1e-4 - 1e-11),
    c * c * (1e-4 + 1e-11),
  ]];
  const r = coefficientDraws([0, 0], rot, Infinity, 20000, 14);
  // b0 - b1 = sqrt(2) x (the small component): SD sqrt(2 x 1e-11)
  const diff = r.map((b) => b[0] - b[1]);
  close(sd(diff) / Math.sqrt(2e-11), 1, 0.03, `SD of b0 - b1: ${sd(diff)}`);
});

Deno.test("coefficientDraws: singular covariances (round-off negative eigenvalues clipped) draw on their line", () => {
  // a rank-1 covariance: draws lie on the line b1 - 1 = 2 (b0 - 1)
  const r1 = coefficientDraws([1, 1], [[1, 2], [2, 4]], Infinity, 50, 4);
  for (const b of r1) close(b[1] - 1, 2 * (b[0] - 1), 1e-9);
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
});
