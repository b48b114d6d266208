/**
 * K and its classes (lib/gravity/potential/k.ts), worked by hand: the level, smearing and log-ratio
 * definitions, the thresholds (given or default, boundaries included), a custom intercept key,
 * terms without a coefficient, a missing regressor, non-finite K, and the log-ratio warning's text.
 */
import assert from "node:assert/strict";
import {
  classifyK,
  linearPrediction,
  potentialTable,
  smearingFactor,
} from "../../../lib/gravity/potential/k.ts";

Deno.test("classes follow the thresholds, boundaries included", () => {
  assert.equal(classifyK(-4.691), "huge");
  assert.equal(classifyK(0.8), "huge");
  assert.equal(classifyK(0.8000001), "expanding");
  assert.equal(classifyK(1.1999999), "expanding");
  assert.equal(classifyK(1.2), "remodelling");
  assert.equal(classifyK(1, { huge: 0.5, remodelling: 1 }), "remodelling");
});

Deno.test("K definitions: level, smearing, log ratio", () => {
  const design = [
    {
      country: "A",
      year: 1,
      actual: Math.exp(2),
      y: 2,
      x: { t: 1 },
      missing: [],
      complete: true,
      predictable: true,
    },
    {
      country: "B",
      year: 1,
      actual: null,
      y: null,
      x: { t: 2 },
      missing: ["y"],
      complete: false,
      predictable: true,
    },
    {
      country: "C",
      year: 1,
      actual: 5,
      y: Math.log(5),
      x: { t: null },
      missing: ["t"],
      complete: false,
      predictable: false,
    },
  ];
  const coefs = { "(Intercept)": 0.5, t: 1 };
  const level = potentialTable(design, coefs);
  assert.equal(level.length, 2);
  assert.equal(level[0].fitted, 1.5);
  assert.ok(Math.abs(level[0].k! - Math.exp(0.5)) < 1e-15);
  assert.equal(level[0].class, "remodelling");
  assert.equal(level[1].k, null);
  assert.equal(level[1].inSample, false);
  assert.equal(level[1].predicted, Math.exp(2.5));
  const sm = potentialTable(design, coefs, { definition: "smearing", residuals: [0.5, -0.5] });
  const s = (Math.exp(0.5) + Math.exp(-0.5)) / 2;
  assert.equal(smearingFactor([0.5, -0.5]), s);
  assert.ok(Math.abs(sm[0].k! - Math.exp(0.5) / s) < 1e-15);
  const lr = potentialTable(design, coefs, { definition: "log-ratio" });
  assert.equal(lr[0].k, 2 / 1.5);
  assert.equal(linearPrediction(coefs, { t: 3 }), 3.5);
});

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

Deno.test("linearPrediction: intercept key, terms without a coefficient, a missing regressor", () => {
  assert.equal(linearPrediction({ b0: 2, t: 3 }, { t: 1, u: 100 }, "b0"), 5);
  assert.equal(linearPrediction({ t: 3 }, { t: 2 }), 6); // no intercept: 0
  assert.ok(Number.isNaN(linearPrediction({ "(Intercept)": 1, t: 3 }, { t: null })));
  assert.ok(Number.isNaN(linearPrediction({ "(Intercept)": 1, t: 3 }, {})));
  assert.equal(smearingFactor([Math.log(2), Math.log(4)]), 3);
});

Deno.test("potentialTable: custom intercept key, default thresholds, non-finite K unclassified", () => {
  const row = (country: string, actual: number | null, t: number) => ({
    country,
    year: 2000,
    actual,
    y: actual === null ? null : Math.log(actual),
    x: { t },
    missing: [],
    complete: actual !== null,
    predictable: true,
  });
  const design = [row("A", Math.exp(1) * 0.85, 1), row("B", Math.exp(2), 2), row("C", 1, 0)];
  const rows = potentialTable(design, { b0: 0, t: 1 }, { intercept: "b0" });
  assert.deepEqual(rows.map((r) => r.fitted), [1, 2, 0]);
  assert.ok(Math.abs(rows[0].k! - 0.85) < 1e-15);
  assert.equal(rows[0].class, "expanding"); // 0.85: above the default 0.8
  assert.equal(rows[1].k, 1);
  // log ratio with a fitted log of 0: ln(1)/0 is NaN, K exists but has no class
  const lr = potentialTable(design, { b0: 0, t: 1 }, { intercept: "b0", definition: "log-ratio" });
  assert.ok(Number.isNaN(lr[2].k!));
  assert.equal(lr[2].class, null);
  const inf = potentialTable([row("D", 2, 0)], { b0: 0, t: 1 }, {
    intercept: "b0",
    definition: "log-ratio",
  });
  assert.equal(inf[0].k, Infinity);
  assert.equal(inf[0].class, null);
  assert.deepEqual(rows.map((r) => r.inSample), [true, true, true]);
});

Deno.test("the log-ratio warning says, in full, why that K is shown and why it misleads", async () => {
  const { LOG_RATIO_WARNING } = await import("../../../lib/gravity/potential/k.ts");
  assert.equal(
    LOG_RATIO_WARNING,
    "K = ln(actual)/fitted depends on the unit of trade (rescaling trade from USD to thousand " +
      "USD changes every K) and is negative whenever the fitted log is; it is shown only because " +
      "it is the one reading that can give the negative K of the paper's Table 3.",
  );
});
