/**
 * Edges of the tail probabilities and quantiles: NaN and infinite arguments, degrees of freedom
 * <= 0, the ends of the incomplete beta, the median of t, symmetry, F at f <= 0 (also where the
 * beta argument leaves [0, 1]), and exact identities (t with 1 df is Cauchy; chi-squared with 2 df
 * is exponential).
 */
import assert from "node:assert/strict";
import {
  chiSquareUpperP,
  fUpperP,
  incompleteBeta,
  tCdf,
  tQuantile,
  tTwoSidedP,
} from "../../lib/stats/distributions.ts";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);

Deno.test("incompleteBeta: NaN and bad shapes, the ends, both branches against closed forms", () => {
  for (const [x, a, b] of [[NaN, 1, 1], [0.5, 0, 1], [0.5, 1, -1], [0.5, NaN, 1], [0.5, 1, 0]]) {
    assert.ok(Number.isNaN(incompleteBeta(x, a, b)), `${x} ${a} ${b}`);
  }
  assert.equal(incompleteBeta(0, 2, 3), 0);
  assert.equal(incompleteBeta(-1, 2, 3), 0);
  assert.equal(incompleteBeta(1, 2, 3), 1);
  assert.equal(incompleteBeta(2, 2, 3), 1);
  // I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b; on both sides of the switch x = (a+1)/(a+b+2)
  for (const x of [0.05, 0.3, 0.6, 0.95]) {
    close(incompleteBeta(x, 3, 1), x ** 3, 1e-14, `I_${x}(3,1)`);
    close(incompleteBeta(x, 1, 4), 1 - (1 - x) ** 4, 1e-14, `I_${x}(1,4)`);
    close(incompleteBeta(x, 2, 2), x * x * (3 - 2 * x), 1e-14, `I_${x}(2,2)`);
  }
});

Deno.test("t tails: Cauchy at 1 df, symmetry, infinities, NaN, bad df", () => {
  for (const t of [0.1, 1, 3, 50]) {
    close(tTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(t), 1e-13, `t=${t}`);
    assert.equal(tTwoSidedP(-t, 7), tTwoSidedP(t, 7));
  }
  assert.equal(tTwoSidedP(0, 5), 1);
  assert.equal(tTwoSidedP(Infinity, 5), 0);
  assert.equal(tTwoSidedP(-Infinity, 5), 0);
  assert.ok(Number.isNaN(tTwoSidedP(NaN, 5)));
  assert.ok(Number.isNaN(tTwoSidedP(1, 0)));
  assert.ok(Number.isNaN(tTwoSidedP(1, -2)));
});

Deno.test("t quantiles: Cauchy at 1 df, median 0, symmetry, outside (0, 1) is NaN", () => {
  for (const p of [0.6, 0.9, 0.975, 0.999999]) {
    // the reference tan(pi (p - 1/2)) itself loses ~1e-11 near p = 1
    close(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-10, `p=${p}`);
    assert.equal(tQuantile(1 - p, 1), -tQuantile(p, 1));
  }
  close(tQuantile(0.3, 1), Math.tan(Math.PI * -0.2), 1e-12, "p=0.3");
  assert.equal(tQuantile(0.5, 3), 0);
  for (const [p, df] of [[0, 3], [1, 3], [-0.1, 3], [1.5, 3], [0.9, 0], [NaN, 3]]) {
    assert.ok(Number.isNaN(tQuantile(p, df)), `${p} ${df}`);
  }
  // the Newton polish reaches the accurate tail: P(|T| > q) = 2 (1 - p) to 1e-13
  for (const df of [2, 5, 30]) {
    const q = tQuantile(0.995, df);
    close(tTwoSidedP(q, df), 0.01, 1e-12, `df=${df}`);
  }
});

Deno.test("F and chi-squared tails: closed forms, the ends, NaN and bad df", () => {
  // F(2, 2): P(F > f) = 1 / (1 + f); chi-squared(2): P(X > x) = exp(-x/2)
  for (const f of [0.1, 1, 9]) close(fUpperP(f, 2, 2), 1 / (1 + f), 1e-14, `F=${f}`);
  for (const x of [0.5, 3, 40, 200]) {
    close(chiSquareUpperP(x, 2), Math.exp(-x / 2), 1e-12, `x=${x}`);
  }
  assert.equal(fUpperP(0, 3, 4), 1);
  assert.equal(fUpperP(-1, 3, 4), 1);
  assert.equal(fUpperP(Infinity, 3, 4), 0);
  assert.equal(chiSquareUpperP(0, 3), 1);
  assert.equal(chiSquareUpperP(-2, 3), 1);
  assert.equal(chiSquareUpperP(Infinity, 3), 0);
  for (const v of [fUpperP(NaN, 1, 1), fUpperP(1, 0, 1), fUpperP(1, 1, -1)]) {
    assert.ok(Number.isNaN(v));
  }
  for (const v of [chiSquareUpperP(NaN, 1), chiSquareUpperP(1, 0)]) assert.ok(Number.isNaN(v));
});

Deno.test("fUpperP: f <= 0 is 1 even where d2 / (d2 + d1 f) leaves [0, 1]; bad df are NaN first", () => {
  assert.equal(fUpperP(-10, 3, 4), 1); // beta argument 4 / (4 - 30) < 0
  assert.equal(fUpperP(-4 / 3, 3, 4), 1); // d2 + d1 f = 0
  assert.equal(fUpperP(-1e300, 2, 2), 1);
  assert.equal(fUpperP(-Infinity, 2, 2), 1);
  // bad degrees of freedom are NaN also where f alone would decide (f <= 0 or f = infinity)
  for (const [f, d1, d2] of [[0, 0, 4], [-1, 3, 0], [0, -2, 4], [-5, 3, -1], [0, NaN, 4]]) {
    assert.ok(Number.isNaN(fUpperP(f, d1, d2)), `F(${f}; ${d1}, ${d2})`);
  }
  for (const [f, d1, d2] of [[Infinity, 0, 4], [Infinity, 3, 0], [Infinity, 3, NaN]]) {
    assert.ok(Number.isNaN(fUpperP(f, d1, d2)), `F(${f}; ${d1}, ${d2})`);
  }
});

Deno.test("tQuantile: the median is 0 only for valid degrees of freedom", () => {
  assert.equal(tQuantile(0.5, 1), 0);
  for (const df of [0, -1, NaN]) assert.ok(Number.isNaN(tQuantile(0.5, df)), `df=${df}`);
});

Deno.test("tCdf: 0.5 at z = 0 (and -0) only for valid degrees of freedom, NaN for bad df at every z", () => {
  for (const df of [0.5, 1, 30]) {
    assert.equal(tCdf(0, df), 0.5);
    assert.equal(tCdf(-0, df), 0.5);
  }
  // Cauchy at 1 df: 1/2 + atan(z) / pi
  close(tCdf(-1, 1), 0.25, 1e-13, "tCdf(-1, 1)");
  for (const df of [0, -1, NaN]) {
    for (const z of [-1, 0, 2]) assert.ok(Number.isNaN(tCdf(z, df)), `z=${z} df=${df}`);
  }
});
