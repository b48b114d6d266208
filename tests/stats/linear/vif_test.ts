/**
 * Variance inflation factors with and without an intercept, against statsmodels'
 * variance_inflation_factor (tests/fixtures/gravity/independent.py) on the gravity fixture's
 * design: with an intercept VIF_j = 1 / (1 - R2_j) of x_j on the other columns and a constant
 * (centred); without one, statsmodels regresses x_j on the other columns alone, whose R2 is then
 * uncentred, so VIF_j = (X'X)^-1_jj x_j'x_j. With one slope VIF is NaN; with two it is
 * 1 / (1 - r^2) of the pair.
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

const closeTo = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1), `${what}: ${a} vs ${b}`);

Deno.test("ols VIF: NaN with one slope; with two, 1 / (1 - r^2) of the pair", () => {
  const y = [3, 1, 4, 1, 5];
  const x1 = [1, 2, 3, 4, 5], x2 = [2, 1, 4, 3, 6];
  const one = ols(y, [{ name: "x1", values: x1 }]);
  assert.equal(one.vif.length, 1);
  assert.equal(one.vif[0].term, "x1");
  assert.ok(Number.isNaN(one.vif[0].vif));
  // centred: Sx1x1 = 10, Sx2x2 = 14.8, Sx1x2 = 10, r^2 = 100 / 148, VIF = 148 / 48
  const two = ols(y, [{ name: "x1", values: x1 }, { name: "x2", values: x2 }]);
  assert.deepEqual(two.vif.map((v) => v.term), ["x1", "x2"]);
  for (const v of two.vif) closeTo(v.vif, 148 / 48, 1e-13, v.term);
  // without an intercept, uncentred: x1'x1 = 55, x2'x2 = 66, x1'x2 = 58, VIF = 1 / (1 - 58^2/(55 * 66))
  const raw = ols(y, [{ name: "x1", values: x1 }, { name: "x2", values: x2 }], {
    intercept: false,
  });
  for (const v of raw.vif) closeTo(v.vif, 1 / (1 - (58 * 58) / (55 * 66)), 1e-13, v.term);
});
