/**
 * Variance inflation factors with and without an intercept, against statsmodels'
 * variance_inflation_factor (tests/fixtures/gravity/independent.py) on the gravity fixture's
 * design: with an intercept VIF_j = 1 / (1 - R2_j) of x_j on the other columns and a constant
 * (centred); without one, statsmodels regresses x_j on the other columns alone, whose R2 is then
 * uncentred, so VIF_j = (X'X)^-1_jj x_j'x_j.
 */
import assert from "node:assert/strict";
import { ols } from "../../../lib/stats/linear/ols.ts";

const expected = JSON.parse(
  Deno.readTextFileSync(new URL("../../fixtures/gravity/expected.json", import.meta.url)),
);
const rows = (expected.design as { actual: number | null; x: Record<string, number> }[])
  .filter((r) => r.actual !== null);
const y = rows.map((r) => Math.log(r.actual!));
const col = (t: string) => ({ name: t, values: rows.map((r) => r.x[t]) });

Deno.test("VIF without an intercept is uncentred: = statsmodels on the fixture design", () => {
  const want = expected.noIntercept;
  const fit = ols(y, want.terms.map(col), { intercept: false });
  for (const c of fit.coefficients) {
    assert.ok(Math.abs(c.estimate - want.coefficients[c.term]) < 1e-9, c.term);
  }
  assert.deepEqual(fit.vif.map((v) => v.term), want.terms);
  for (const v of fit.vif) {
    const w = want.vif[v.term];
    assert.ok(Math.abs(v.vif! - w) <= 1e-8 * w, `${v.term}: ${v.vif} vs ${w}`);
  }
  // uncentred VIFs of these log-level regressors are large; centred ones would be near 1
  assert.ok(fit.vif.every((v) => v.vif! > 10));
});

Deno.test("VIF with an intercept is centred: = statsmodels on the fixture design", () => {
  const terms = Object.keys(expected.regression.vif);
  const fit = ols(y, terms.map(col));
  for (const v of fit.vif) {
    const w = expected.regression.vif[v.term];
    assert.ok(Math.abs(v.vif! - w) <= 1e-8 * w, `${v.term}: ${v.vif} vs ${w}`);
  }
});
