/**
 * lib/stats/model/poisson.ts: the Poisson deviance 2 sum [y ln(y/mu) - (y - mu)] worked by hand,
 * far from the fit (the textbook formula) and near it (the series in d = y/mu - 1).
 */
import assert from "node:assert/strict";
import { poissonDeviance } from "../../../lib/stats/model/poisson.ts";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("poissonDeviance far from the fit (textbook branch) and near it (series branch)", () => {
  // 2 [y ln(y/mu) - (y - mu)], rows far from mu (|y/mu - 1| >= 0.1), mu != 1
  const ys = [3, 0.5, 10], mus = [2, 4, 2.5];
  const want = 2 * ys.reduce((s, v, i) => s + v * Math.log(v / mus[i]) - (v - mus[i]), 0);
  assert.ok(rel(poissonDeviance(ys, mus), want) < 1e-14);
  // y = 0 rows give 2 mu
  assert.equal(poissonDeviance([0, 0], [1.5, 2]), 7);
  // near the fit: d = 0.05, h(d) = (1 + d) ln(1 + d) - d
  const h = 1.05 * Math.log(1.05) - 0.05;
  assert.ok(rel(poissonDeviance([4.2], [4]), 2 * 4 * h) < 1e-13);
});
