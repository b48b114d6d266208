/**
 * fitModel's statistics that the gravity fixtures leave unchecked, against statsmodels
 * (tests/fixtures/stats/make_model_mutants_fixture.py, fixed effects as dummy columns): OLS with
 * classical, HC0-HC3 and clustered SEs at the 90% level, without an intercept, weighted, and with
 * an absorbed fixed effect (R2, adjusted R2, root MSE, fitted values); PPML with model-based and
 * HC0 SEs (z tests), log-likelihood, McFadden pseudo-R2, deviance, corr(y, mu)^2 and fitted
 * values, without and with a fixed effect. Written for the mutants of model.ts, estimate.ts,
 * design.ts and spec.ts that the other tests left alive.
 */
import assert from "node:assert/strict";
import { fitModel, type ModelResult, predict } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { data, ex } from "../mutants_fixture.ts";

interface Block {
  estimate: number[];
  stdError: number[];
  t: number[];
  p: number[];
  ciLower: number[];
  ciUpper: number[];
}

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(
    Math.abs(a - b) <= tol * Math.max(1e-3, Math.abs(b)),
    `${what}: ${a} vs ${b} (rel ${Math.abs(a - b) / Math.abs(b)})`,
  );

/** Every column of a statsmodels block, term by term (tolerance relative). */
function same(r: ModelResult, ref: Block, what: string, tol = 1e-7) {
  assert.equal(r.coefficients.length, ref.estimate.length, `${what}: terms`);
  r.coefficients.forEach((c, i) => {
    close(c.estimate, ref.estimate[i], tol, `${what} ${c.term} estimate`);
    close(c.stdError, ref.stdError[i], tol, `${what} ${c.term} se`);
    close(c.t, ref.t[i], tol, `${what} ${c.term} t`);
    close(c.p, ref.p[i], 1e-6, `${what} ${c.term} p`);
    close(c.ciLower, ref.ciLower[i], tol, `${what} ${c.term} ciLower`);
    close(c.ciUpper, ref.ciUpper[i], tol, `${what} ${c.term} ciUpper`);
  });
}

const fit = (s: Partial<ModelSpec>) =>
  fitModel({ dependent: "y", terms: ["x1", "x2"], level: 0.9, ...s } as ModelSpec, data);

Deno.test("OLS with an intercept: classical, HC0-HC3 and clustered SEs, t inference at 90% = statsmodels", () => {
  const map = { classical: "nonrobust", hc0: "HC0", hc1: "HC1", hc2: "HC2", hc3: "HC3" };
  for (const [se, key] of Object.entries(map)) {
    const r = fit({ se });
    assert.deepEqual(r.coefficients.map((c) => c.term), ["(Intercept)", "x1", "x2"]);
    assert.equal(r.se, se);
    assert.equal(r.n, 48);
    assert.equal(r.k, 3);
    assert.equal(r.dfResidual, 45);
    same(r, ex.ols[key], se);
  }
  const r = fit({});
  close(r.r2, ex.ols.r2, 1e-10, "R2");
  close(r.adjR2!, ex.ols.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ex.ols.sigma, 1e-10, "sigma");
  assert.equal(r.se, "classical");
  assert.equal(r.clusters, undefined);
  // clustered by h (4 clusters): t with G - 1 = 3 df
  const c = fit({ se: "cluster:h" });
  assert.deepEqual(c.clusters, [4]);
  same(c, ex.ols.clusterH, "cluster:h");
  // the default level is 95%: wider intervals than at 90%
  const d = fitModel({ dependent: "y", terms: ["x1", "x2"] }, data);
  assert.ok(d.coefficients[1].ciUpper > r.coefficients[1].ciUpper);
});

Deno.test("OLS without an intercept: uncentred R2 and adjusted R2 = statsmodels", () => {
  const r = fit({ intercept: false });
  assert.deepEqual(r.coefficients.map((c) => c.term), ["x1", "x2"]);
  const ref = ex.olsNoIntercept;
  r.coefficients.forEach((c, i) => {
    close(c.estimate, ref.estimate[i], 1e-9, `${c.term}`);
    close(c.stdError, ref.stdError[i], 1e-9, `${c.term} se`);
  });
  close(r.r2, ref.r2, 1e-10, "R2");
  close(r.adjR2!, ref.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ref.sigma, 1e-10, "sigma");
  assert.equal(r.model.beta["(Intercept)"], undefined);
});

Deno.test("weighted least squares: classical, HC0, HC1, HC3 = statsmodels WLS", () => {
  const map = { classical: "nonrobust", hc0: "HC0", hc1: "HC1", hc3: "HC3" };
  for (const [se, key] of Object.entries(map)) {
    same(fit({ se, weights: "w" }), ex.wls[key], `wls ${se}`);
  }
});

Deno.test("OLS with an absorbed fixed effect: slopes, classical and HC1 SEs, R2 with the FE share, fitted values = statsmodels with dummies", () => {
  const r = fit({ fe: ["g"] });
  assert.equal(r.dfFe, 6);
  assert.equal(r.k, 2);
  assert.equal(r.dfResidual, 48 - 8);
  assert.deepEqual(r.fe, [{ dimension: "g", levels: 6 }]);
  same(r, ex.olsFe.classical, "fe classical");
  same(fit({ fe: ["g"], se: "hc1" }), ex.olsFe.hc1, "fe hc1");
  close(r.r2, ex.olsFe.r2, 1e-10, "R2");
  close(r.adjR2!, ex.olsFe.adjR2, 1e-10, "adj R2");
  close(r.sigma!, ex.olsFe.sigma, 1e-10, "sigma");
  assert.deepEqual(r.rows, [...Array(48).keys()]);
  r.fitted.forEach((v, i) => close(v, ex.olsFe.fitted[i], 1e-9, `fitted ${i}`));
  const p = predict(r, data);
  p.forEach((v, i) => close(v, ex.olsFe.fitted[i], 1e-9, `predicted ${i}`));
});

Deno.test("PPML without fixed effects: model-based and HC0 SEs with z tests, log-likelihood, pseudo-R2, deviance = statsmodels GLM", () => {
  for (const [se, key] of [["classical", "nonrobust"], ["hc0", "HC0"]]) {
    const r = fit({ dependent: "count", estimator: "ppml", se });
    assert.equal(r.estimator, "ppml");
    assert.equal(r.dependent, "count");
    same(r, ex.ppml[key], `ppml ${se}`, 1e-6);
  }
  const r = fit({ dependent: "count", estimator: "ppml" });
  close(r.logLik!, ex.ppml.logLik, 1e-10, "logLik");
  close(r.pseudoR2!, ex.ppml.pseudoR2, 1e-9, "pseudo R2");
  close(r.deviance!, ex.ppml.deviance, 1e-9, "deviance");
  close(r.r2, ex.ppml.r2, 1e-9, "corr2");
  assert.equal(r.converged, true);
  assert.equal(r.tolerance, 1e-10);
  assert.equal(r.separated, 0);
  r.fitted.forEach((v, i) => close(v, ex.ppml.fitted[i], 1e-8, `mu ${i}`));
  predict(r, data).forEach((v, i) => close(v, ex.ppml.fitted[i], 1e-8, `predicted ${i}`));
});

Deno.test("PPML with an absorbed fixed effect: slopes, model-based and HC0 SEs, deviance, log-likelihood, fitted = statsmodels GLM with dummies", () => {
  for (const [se, key] of [["classical", "nonrobust"], ["hc0", "HC0"]]) {
    const r = fit({ dependent: "count", estimator: "ppml", se, fe: ["g"] });
    same(r, ex.ppmlFe[key], `ppml fe ${se}`, 1e-6);
  }
  const r = fit({ dependent: "count", estimator: "ppml", fe: ["g"] });
  close(r.deviance!, ex.ppmlFe.deviance, 1e-9, "deviance");
  close(r.logLik!, ex.ppmlFe.logLik, 1e-10, "logLik");
  close(r.r2, ex.ppmlFe.r2, 1e-9, "corr2");
  r.fitted.forEach((v, i) => close(v, ex.ppmlFe.fitted[i], 1e-8, `mu ${i}`));
  predict(r, data).forEach((v, i) => close(v, ex.ppmlFe.fitted[i], 1e-8, `predicted ${i}`));
});
