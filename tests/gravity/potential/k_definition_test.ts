/**
 * One K definition for every estimator (lib/gravity/potential/definition.ts): which definition
 * applies to a log-OLS and to a PPML prediction, the factor, the reason when the configured one
 * does not apply, and K by each formula, with every expected value worked out by hand.
 */
import assert from "node:assert/strict";
import {
  K_FORMULAS,
  kDefinitionUse,
  kValue,
  PPML_SMEARING_REASON,
  smearingFactor,
} from "../../../lib/gravity/potential/definition.ts";
import {
  potentialTable,
  smearingFactor as smearingFromK,
} from "../../../lib/gravity/potential/k.ts";
import type { DesignRow } from "../../../lib/gravity/types.ts";

Deno.test("kDefinitionUse: every definition applies to log-OLS; smearing on PPML is the level ratio, said so", () => {
  // residuals ln 2 and ln 4: Duan's factor = (2 + 4) / 2 = 3
  const res = [Math.log(2), Math.log(4)];
  assert.deepEqual(kDefinitionUse("smearing", "log-ols", res), {
    definition: "smearing",
    model: "log-ols",
    applied: "smearing",
    factor: 3,
    formula: K_FORMULAS.smearing,
  });
  assert.deepEqual(kDefinitionUse("level", "log-ols", res), {
    definition: "level",
    model: "log-ols",
    applied: "level",
    factor: 1,
    formula: "K = actual / exp(fitted)",
  });
  assert.deepEqual(kDefinitionUse("log-ratio", "ppml"), {
    definition: "log-ratio",
    model: "ppml",
    applied: "log-ratio",
    factor: 1,
    formula: "K = ln(actual) / fitted (log ratio; unit-dependent)",
  });
  assert.deepEqual(kDefinitionUse("smearing", "ppml", res), {
    definition: "smearing",
    model: "ppml",
    applied: "level",
    factor: 1,
    formula: "K = actual / exp(fitted)",
    reason: PPML_SMEARING_REASON,
  });
  assert.match(PPML_SMEARING_REASON, /PPML predicts the conditional mean of trade in levels/);
  assert.equal(kDefinitionUse("level", "ppml").reason, undefined);
});

Deno.test("kValue: the three formulas by hand", () => {
  // level: 6 / exp(ln 2) = 3; smearing: 6 / (2 x 1.5) = 2; log ratio: ln(e^2) / 4 = 0.5
  assert.ok(Math.abs(kValue(6, Math.log(2), { applied: "level", factor: 1 }) - 3) < 1e-15);
  assert.ok(Math.abs(kValue(6, Math.log(2), { applied: "smearing", factor: 1.5 }) - 2) < 1e-15);
  assert.equal(kValue(Math.E ** 2, 4, { applied: "log-ratio", factor: 1 }), 0.5);
  // the log ratio ignores the factor; a negative fitted log gives a negative K
  assert.equal(kValue(Math.E ** 2, -4, { applied: "log-ratio", factor: 9 }), -0.5);
});

Deno.test("the in-sample table uses the same definition and factor (smearingFactor is one function)", () => {
  assert.equal(smearingFromK, smearingFactor);
  const design: DesignRow[] = [
    {
      country: "A",
      year: 1,
      actual: 6,
      y: Math.log(6),
      x: {},
      missing: [],
      complete: true,
      predictable: true,
    },
  ];
  // intercept ln 2: level K = 3; smearing with residuals [ln 2, ln 4] (factor 3): K = 1
  const coefs = { "(Intercept)": Math.log(2) };
  const res = [Math.log(2), Math.log(4)];
  const [lvl] = potentialTable(design, coefs, { definition: "level" });
  const [sm] = potentialTable(design, coefs, { definition: "smearing", residuals: res });
  const [lr] = potentialTable(design, coefs, { definition: "log-ratio" });
  assert.ok(Math.abs(lvl.k! - 3) < 1e-12);
  assert.ok(Math.abs(sm.k! - 1) < 1e-12);
  assert.ok(Math.abs(sm.predicted - 6) < 1e-12);
  assert.ok(Math.abs(lr.k! - Math.log(6) / Math.log(2)) < 1e-12);
});
