/**
 * lib/stats/model/estimate.ts through fitModel: the residual degrees of freedom, the one-line
 * errors, weighted least squares and the order of separation and singleton dropping. Expected
 * values are closed forms worked in each test (weighted least squares with one regressor, degrees
 * of freedom counted from the data), statsmodels' fitted values of
 * tests/fixtures/stats/model_mutants_expected.json (their count is statsmodels' n), rows
 * separated or dropped as singletons by construction, and the documented one-line errors.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { buildModelDesign } from "../../../lib/stats/model/design.ts";
import { olsEstimate, ppmlEstimate } from "../../../lib/stats/model/estimate.ts";
import { fitModel } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { data, ex } from "./statsmodels_panel.ts";

const BASE = { dependent: "count", terms: ["x1", "x2"], estimator: "ppml" };
const fitPpml = (s: Partial<ModelSpec>) => fitModel({ ...BASE, ...s } as ModelSpec, data);

Deno.test("PPML residual degrees of freedom = n - slopes - FE levels (statsmodels' n)", () => {
  const n = ex.ppml.fitted.length;
  assert.equal(fitPpml({}).dfResidual, n - 3);
  const levels = new Set(data.labels.g).size;
  assert.equal(fitPpml({ fe: ["g"] }).dfResidual, ex.ppmlFe.fitted.length - 2 - levels);
});

Deno.test("PPML one-line errors: HC2/HC3 need leverages, weights are not supported", () => {
  for (const se of ["hc2", "hc3"]) {
    assert.throws(
      () => fitPpml({ se }),
      (e) =>
        e instanceof InputError &&
        e.message ===
          `se ${se} needs the leverages of the full design: use hc0, hc1 or cluster with PPML`,
    );
  }
  assert.throws(
    () => fitPpml({ weights: "w" }),
    (e) => e instanceof InputError && e.message === "PPML with weights is not supported yet",
  );
});

Deno.test("weighted OLS fitted values = closed-form weighted least squares", () => {
  const x = [0, 1, 2, 3, 4, 5], y = [1, 3, 2, 6, 5, 9], w = [1, 2, 1, 3, 0.5, 2];
  const sw = w.reduce((a, b) => a + b);
  const mx = x.reduce((a, v, i) => a + w[i] * v, 0) / sw;
  const my = y.reduce((a, v, i) => a + w[i] * v, 0) / sw;
  const b = x.reduce((a, v, i) => a + w[i] * (v - mx) * (y[i] - my), 0) /
    x.reduce((a, v, i) => a + w[i] * (v - mx) ** 2, 0);
  const r = fitModel({ dependent: "y", terms: ["x"], weights: "w" }, { columns: { x, y, w } });
  assert.ok(Math.abs(r.coefficients[1].estimate - b) < 1e-12);
  r.fitted.forEach((f, i) => {
    const want = my + b * (x[i] - mx);
    assert.ok(Math.abs(f - want) < 1e-12, `fitted ${i}: ${f} vs ${want}`);
  });
});

Deno.test("OLS with no residual degree of freedom is a one-line error counting FE parameters", () => {
  // 3 rows, intercept + 2 slopes: 0 residual df
  const cols = { y: [1, 2, 4], a: [0, 1, 3], b: [1, 0, 1] };
  assert.throws(
    () => fitModel({ dependent: "y", terms: ["a", "b"] }, { columns: cols }),
    (e) => e instanceof InputError && e.message === "too few observations: 3 rows for 3 parameters",
  );
  // 4 rows, 2 slopes + a fixed effect of 2 levels (2 parameters)
  const c4 = { y: [1, 2, 4, 3], a: [0, 1, 3, 7], b: [1, 0, 1, 5] };
  assert.throws(
    () =>
      fitModel({ dependent: "y", terms: ["a", "b"], fe: ["g"] }, {
        columns: c4,
        labels: { g: ["p", "p", "q", "q"] },
      }),
    (e) => e instanceof InputError && e.message === "too few observations: 4 rows for 4 parameters",
  );
});

Deno.test("PPML: rows of an all-zero level are separated first, then the singleton they leave is dropped", () => {
  // g: level z (rows 0, 1) has only zeros. h: level s holds row 0 and row 2 only, so once row 0
  // is separated row 2 is a singleton of h. The other 24 rows: g in {a, b, c}, h in {u, v}.
  const g = ["z", "z", "a"], h = ["s", "u", "s"], x = [0.3, -0.2, 0.5], y = [0, 0, 2];
  let s = 3;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 24; i++) {
    g.push(["a", "b", "c"][i % 3]);
    h.push(["u", "v"][i % 2]);
    const xi = rnd() * 2 - 1;
    x.push(xi);
    y.push(Math.round(Math.exp(1 + 0.5 * xi) * (0.5 + rnd())));
  }
  const r = fitModel({ dependent: "y", terms: ["x"], fe: ["g", "h"], estimator: "ppml" }, {
    columns: { x, y },
    labels: { g, h },
  });
  assert.equal(r.separated, 2);
  assert.equal(r.singletons, 1);
  assert.equal(r.n, 24);
  assert.deepEqual(r.rows, Array.from({ length: 24 }, (_, i) => i + 3));
});

/** The statsmodels panel with a first row whose x1 is missing (so the design keeps 48 of 49 rows). */
function withMissingFirstRow() {
  const c = data.columns, l = data.labels;
  const grow = (v: Float64Array, first: number) => Float64Array.from([first, ...v]);
  return {
    file: "mutants.csv",
    columns: {
      x1: grow(c.x1, NaN),
      x2: grow(c.x2, 0.3),
      w: grow(c.w, 1),
      y: grow(c.y, 2),
      count: grow(c.count, 3),
    },
    labels: { g: [l.g[5], ...l.g], h: [l.h[5], ...l.h] },
  };
}

Deno.test("a row missing before the others: OLS and PPML with a fixed effect = statsmodels on the complete rows", () => {
  const d = withMissingFirstRow();
  const ols = fitModel({ dependent: "y", terms: ["x1", "x2"], fe: ["g"], level: 0.9 }, d);
  assert.deepEqual(ols.rows, Array.from({ length: 48 }, (_, i) => i + 1));
  ols.coefficients.forEach((c, a) => {
    assert.ok(Math.abs(c.estimate / ex.olsFe.classical.estimate[a] - 1) < 1e-9, c.term);
    assert.ok(Math.abs(c.stdError / ex.olsFe.classical.stdError[a] - 1) < 1e-9, c.term);
  });
  const ppml = fitModel({ ...BASE, fe: ["g"], se: "hc0" } as ModelSpec, d);
  ppml.coefficients.forEach((c, a) => {
    assert.ok(Math.abs(c.estimate / ex.ppmlFe.HC0.estimate[a] - 1) < 1e-7, c.term);
    assert.ok(Math.abs(c.stdError / ex.ppmlFe.HC0.stdError[a] - 1) < 1e-6, c.term);
  });
  assert.ok(Math.abs(ppml.deviance! / ex.ppmlFe.deviance - 1) < 1e-9);
});

Deno.test("every row used: the estimators read the design's Float64Array columns and its row list in place", () => {
  const spec = { dependent: "y", terms: ["x"] };
  const d = buildModelDesign(spec, {
    columns: { y: Float64Array.from([1, 3, 2, 5]), x: Float64Array.from([0, 1, 2, 3]) },
  });
  const o = { intercept: true, dropSingletons: true };
  const e = olsEstimate(d, o);
  assert.equal(e.y, d.y);
  assert.equal(e.rows, d.rows);
  const p = ppmlEstimate(d, o);
  assert.equal(p.y, d.y);
  assert.equal(p.rows, d.rows);
});

Deno.test("PPML with an offset and an intercept alone: a = ln(sum y / sum exp(o)) (the score equation), on the usable rows", () => {
  // row 0 is missing; on rows 1-5 sum y = 11 and sum exp(o) = 10
  const y = [NaN, 1, 3, 0, 5, 2], o = [9, 1, 2, 1, 4, 2].map(Math.log);
  const r = fitModel({ dependent: "y", terms: [], estimator: "ppml", offset: "o" }, {
    columns: { y, o },
  });
  assert.ok(Math.abs(r.coefficients[0].estimate - Math.log(11 / 10)) < 1e-12);
  r.fitted.forEach((m, t) => assert.ok(Math.abs(m - (11 / 10) * Math.exp(o[t + 1])) < 1e-12));
  assert.throws(
    () => fitModel({ dependent: "y", terms: [], offset: "o" }, { columns: { y, o } }),
    (e) => e instanceof InputError && e.message === "an offset is supported with PPML only",
  );
});

Deno.test("PPML that does not converge: the one-line error, with the unsettled separation check named when it did not settle", () => {
  assert.throws(
    () => fitPpml({ maxIterations: 1 }),
    (e) =>
      e instanceof InputError &&
      /^PPML did not converge in 1 iterations \(last relative deviance change \S+ > tolerance 1e-10\); raise the iteration limit or check the data$/
        .test(e.message),
  );
  // a panel (found by a seeded search of random panels) on which the rectifier does not settle
  // in its 1000 rounds
  const y = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const a = [-0.25, 0.5, 37.25, 1, 0, -0.5, 0, -41.5, 78.75, -78.25, 0.5];
  const b = [0.5, 1, -0.75, 0.75, 0.25, -0.25, -0.25, 0.75, -0.75, -55.25, -91.75];
  const c = [0.5, -0.5, 0.75, 0.5, -55.75, -38, -0.25, -0.5, -0.5, -0.25, 0];
  assert.throws(
    () =>
      fitModel({ dependent: "y", terms: ["a", "b", "c"], estimator: "ppml", maxIterations: 1 }, {
        columns: { y, a, b, c },
      }),
    (e) =>
      e instanceof InputError &&
      /^PPML did not converge in 1 iterations \(.*\); raise the iteration limit or check the data \(the separation check by the regressors did not settle in 1000 rounds: some observations may be separated\)$/
        .test(e.message),
  );
});
