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
import { fitModel } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { data, ex } from "./statsmodels_panel.ts";

const fit = (s: Partial<ModelSpec>) =>
  fitModel({ dependent: "count", terms: ["x1", "x2"], estimator: "ppml", ...s } as ModelSpec, data);

Deno.test("PPML residual degrees of freedom = n - slopes - FE levels (statsmodels' n)", () => {
  const n = ex.ppml.fitted.length;
  assert.equal(fit({}).dfResidual, n - 3);
  const levels = new Set(data.labels.g).size;
  assert.equal(fit({ fe: ["g"] }).dfResidual, ex.ppmlFe.fitted.length - 2 - levels);
});

Deno.test("PPML one-line errors: HC2/HC3 need leverages, weights are not supported", () => {
  for (const se of ["hc2", "hc3"]) {
    assert.throws(
      () => fit({ se }),
      (e) =>
        e instanceof InputError &&
        e.message ===
          `se ${se} needs the leverages of the full design: use hc0, hc1 or cluster with PPML`,
    );
  }
  assert.throws(
    () => fit({ weights: "w" }),
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
