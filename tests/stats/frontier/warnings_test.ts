/**
 * The frontier says in words when the likelihood has no interior maximum or is flat (gamma at 0
 * or 1, mu toward minus infinity, a Hessian that is not negative definite, a ridge), and turns
 * bad input into one-line InputErrors.
 */
import assert from "node:assert/strict";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { InputError } from "../../../lib/errors.ts";
import { stochasticFrontier } from "../../../lib/stats/frontier/fit.ts";
import type { FrontierOptions } from "../../../lib/stats/frontier/types.ts";
import { rice } from "./data.ts";

/** n rows of y = 1 + 0.5 x + sv v + sign u, u half-normal with sigma_u 0.4. */
function sample(n: number, sv: number, sign: number, seed = 3) {
  const g = xoroshiro128plus(seed);
  const u01 = () => {
    let v = uniformFloat64(g);
    while (v === 0) v = uniformFloat64(g);
    return v;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u01())) * Math.cos(2 * Math.PI * u01());
  const x = Array.from({ length: n }, normal);
  const y = x.map((v) => 1 + 0.5 * v + sv * normal() + sign * Math.abs(0.4 * normal()));
  return { y, x: [{ name: "x", values: x }] };
}

Deno.test("frontier warnings: a wrong skew puts gamma at 0, in words", () => {
  const d = sample(400, 0.2, +1); // u added: the residuals skew right
  const r = stochasticFrontier(d.y, d.x);
  assert.ok(r.ols.skewness > 0);
  assert.ok(
    r.warnings.some((w) => /skewed the wrong way .*Waldman 1982/.test(w)),
    `${r.warnings}`,
  );
  assert.ok(r.warnings.some((w) => /gamma is at its lower bound 0/.test(w)), `${r.warnings}`);
  assert.ok(r.lrTest.statistic < 1e-6 && r.lrTest.pValue > 0.49);
});

Deno.test("frontier warnings: no noise puts gamma at 1, in words", () => {
  const d = sample(300, 1e-7, -1);
  const r = stochasticFrontier(d.y, d.x);
  assert.ok(r.gamma.estimate > 1 - 1e-4);
  assert.ok(r.warnings.some((w) => /gamma is at its upper bound 1/.test(w)), `${r.warnings}`);
});

Deno.test("frontier warnings: mu running to minus infinity and a flat Hessian, in words", () => {
  // the rice data as a cross-section with a truncated normal: the likelihood keeps rising as
  // mu -> -inf (an exponential-like u), R frontier's own example bb2
  const d = rice();
  const r = stochasticFrontier(d.y, d.x, { inefficiency: "truncnormal", maxIterations: 150 });
  assert.ok(r.warnings.some((w) => /mu drifts toward minus infinity/.test(w)), `${r.warnings}`);
  assert.equal(r.warnings.some((w) => /gamma is at its upper bound/.test(w)), false);
});

Deno.test("frontier warnings: a ridge between the variance parameters is named", () => {
  const d = rice();
  const r = stochasticFrontier(d.y, d.x, { panel: d.panel, inefficiency: "truncnormal" });
  assert.ok(
    r.warnings.some((w) => /nearly flat along a ridge: .*sigmaSq and gamma/.test(w)),
    `${r.warnings}`,
  );
});

const BAD: [
  string,
  () => [number[], { name: string; values: number[] }[], FrontierOptions],
  RegExp,
][] = [
  ["duplicate (id, time)", () => {
    const d = sample(12, 0.2, -1);
    return [d.y, d.x, {
      panel: {
        id: [...Array(12)].map((_, i) => `u${i % 6}`),
        time: [...Array(12)].map((_, i) => (i < 6 ? 1 : i === 7 ? 1 : 2)),
      },
    }];
  }, /^panel: unit "u1" has time 1 twice \(rows 2 and 8\)/],
  ["fewer rows than parameters", () => {
    const d = sample(4, 0.2, -1);
    return [d.y, d.x, {}];
  }, /^too few observations: 4 complete row\(s\) for 4 parameter\(s\)/],
  ["time-varying without a panel", () => {
    const d = sample(20, 0.2, -1);
    return [d.y, d.x, { timeVarying: true }];
  }, /^a time-varying inefficiency needs panel data/],
  ["z terms with --inefficiency", () => {
    const d = sample(20, 0.2, -1);
    return [d.y, d.x, { z: d.x, inefficiency: "truncnormal" }];
  }, /inefficiency effects .* do not combine with/],
  ["an infinite value", () => {
    const d = sample(20, 0.2, -1);
    d.x[0].values[5] = Infinity;
    return [d.y, d.x, { firstRow: 2 }];
  }, /^row 7, column "x": Infinity is not a finite number/],
  ["a constant regressor", () => {
    const d = sample(20, 0.2, -1);
    return [d.y, [{ name: "c", values: new Array(20).fill(3) }], {}];
  }, /^term "c" is constant on the rows used/],
  ["collinear regressors", () => {
    const d = sample(20, 0.2, -1);
    return [d.y, [...d.x, { name: "x2", values: d.x[0].values.map((v) => 2 * v + 1) }], {}];
  }, /collinear with the others/],
];

for (const [what, make, message] of BAD) {
  Deno.test(`frontier bad input: ${what} is a one-line InputError`, () => {
    const [y, x, o] = make();
    assert.throws(() => stochasticFrontier(y, x, o), (e) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, message);
      assert.equal(e.message.includes("\n"), false);
      return true;
    });
  });
}

Deno.test("frontier: rows with a missing value are dropped and counted, not silently", () => {
  const d = sample(60, 0.2, -1);
  d.y[3] = NaN;
  d.x[0].values[10] = NaN;
  const r = stochasticFrontier(d.y, d.x);
  assert.equal(r.n, 58);
  assert.equal(r.nDropped, 2);
  assert.equal(r.efficiency.length, 58);
  assert.equal(r.efficiency.some((e) => e.row === 4 || e.row === 11), false);
});
