/**
 * potentialTable classifies K by the thresholds it is given, not by the 0.8 / 1.2 defaults
 * (found by mutation testing of lib/gravity/potential/k.ts).
 */
import assert from "node:assert/strict";
import { potentialTable } from "../../../lib/gravity/potential/k.ts";

Deno.test("potentialTable: the given thresholds classify K (K = 1 is huge when huge = 1.5)", () => {
  const row = (country: string, actual: number) => ({
    country,
    year: 2000,
    actual,
    y: Math.log(actual),
    x: { t: 0 },
    missing: [],
    complete: true,
    predictable: true,
  });
  // fitted = 0, predicted = 1: K = actual
  const design = [row("A", 1), row("B", 1.7), row("C", 2.5)];
  const rows = potentialTable(design, { "(Intercept)": 0, t: 1 }, {
    thresholds: { huge: 1.5, remodelling: 2 },
  });
  assert.deepEqual(rows.map((r) => [r.k, r.class]), [
    [1, "huge"],
    [1.7, "expanding"],
    [2.5, "remodelling"],
  ]);
  // the defaults: 1 and 1.7 are expanding and re-modelling
  assert.deepEqual(potentialTable(design, { t: 1 }).map((r) => r.class), [
    "expanding",
    "remodelling",
    "remodelling",
  ]);
});
