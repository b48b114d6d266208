/**
 * The naive rules and the error metrics (lib/gravity/forecast/naive.ts) by their definitions: an
 * empty history, the first and last points, NaN when there is nothing to measure.
 */
import assert from "node:assert/strict";
import {
  averageGrowth,
  errorMetrics,
  growthRule,
  lastValue,
} from "../../../lib/gravity/forecast/naive.ts";

const close = (a: number, b: number, rel: number, what = "") =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("naive rules and metrics: empty history, first and last points, NaN when empty", () => {
  assert.equal(lastValue([], 2021), null);
  assert.equal(averageGrowth([]), null);
  assert.equal(averageGrowth([{ year: 2018, value: 3 }]), null);
  assert.equal(growthRule([], 2021), null);
  const h = [{ year: 2012, value: 10 }, { year: 2015, value: 1000 }, { year: 2017, value: 40 }];
  close(averageGrowth(h)!, Math.log(4) / 5, 1e-15);
  close(growthRule(h, 2019)!, 40 * 4 ** 0.4, 1e-12);
  assert.equal(lastValue(h, 2030), 40);
  const e = errorMetrics([]);
  assert.equal(e.n, 0);
  assert.ok(Number.isNaN(e.male) && Number.isNaN(e.mape));
  const m = errorMetrics([{ actual: 200, predicted: 50 }]);
  close(m.male, Math.log(4), 1e-15);
  close(m.mape, 75, 1e-12);
});
