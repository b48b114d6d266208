/**
 * lib/stats/linear/ols_json.ts: the `fit` command's JSON of an OLS result, field by field from a
 * hand-built result: every statistic carried over, NaN and Infinity as null, the clusters only
 * when clustered, no residuals, fitted values or rows, and copies (not the result's objects).
 */
import assert from "node:assert/strict";
import { regressionJson } from "../../../lib/stats/linear/ols_json.ts";
import type { OlsResult } from "../../../lib/stats/types.ts";

const coefficient = (term: string, estimate: number) => ({
  term,
  estimate,
  stdError: 0.5,
  t: estimate / 0.5,
  p: 0.04,
  ciLower: estimate - 1,
  ciUpper: estimate + 1,
});

/** A result with every field set to a distinct value. */
const result = (over: Partial<OlsResult> = {}): OlsResult => ({
  n: 12,
  k: 3,
  dfResidual: 9,
  coefficients: [coefficient("(Intercept)", 1.5), coefficient("x", -2), coefficient("z", 0.25)],
  r2: 0.61,
  adjR2: 0.523,
  fStatistic: 7.04,
  fPValue: 0.0144,
  sigma: 1.3,
  se: "hc1",
  nDropped: 2,
  omitted: ["w"],
  residuals: [0.1, -0.1],
  fitted: [1, 2],
  rows: [0, 1],
  vif: [{ term: "x", vif: 1.25 }, { term: "z", vif: 1.25 }],
  ...over,
});

Deno.test("regressionJson: every statistic of the result, no residuals, fitted values or rows", () => {
  const r = result();
  const j = regressionJson(r);
  assert.deepEqual(j, {
    n: 12,
    k: 3,
    dfResidual: 9,
    r2: 0.61,
    adjR2: 0.523,
    fStatistic: 7.04,
    fPValue: 0.0144,
    sigma: 1.3,
    se: "hc1",
    nDropped: 2,
    omitted: ["w"],
    coefficients: r.coefficients,
    vif: [{ term: "x", vif: 1.25 }, { term: "z", vif: 1.25 }],
  });
  assert.equal("clusters" in j, false);
  assert.equal("residuals" in j, false);
  // copies: changing the JSON leaves the result as it was
  j.coefficients[0].estimate = 99;
  j.vif[0].vif = 99;
  assert.equal(r.coefficients[0].estimate, 1.5);
  assert.equal(r.vif[0].vif, 1.25);
});

Deno.test("regressionJson: NaN and Infinity F, p and VIF are null (JSON has no NaN); clusters when clustered", () => {
  const j = regressionJson(result({
    fStatistic: Infinity,
    fPValue: NaN,
    se: "cluster",
    clusters: 4,
    vif: [{ term: "x", vif: NaN }, { term: "z", vif: -Infinity }],
  }));
  assert.equal(j.fStatistic, null);
  assert.equal(j.fPValue, null);
  assert.equal(j.clusters, 4);
  assert.deepEqual(j.vif, [{ term: "x", vif: null }, { term: "z", vif: null }]);
  // zero is finite and kept
  const z = regressionJson(result({ fStatistic: 0, fPValue: 1, clusters: 0 }));
  assert.equal(z.fStatistic, 0);
  assert.equal(z.fPValue, 1);
  assert.equal(z.clusters, 0);
  assert.equal(JSON.stringify(regressionJson(result({ fPValue: NaN }))).includes("NaN"), false);
});
