/**
 * A fit reports its work, in the ModelResult, its JSON (lib/report/model_json.ts) and the text
 * table (lib/report/models_table.ts): IRLS iterations, the fixed-effect projections'
 * conjugate-gradient iterations and final tolerance, and the observations dropped as separated
 * by reason. The panel is built so that the separated rows are known: level z of g has only zero
 * outcomes (2 rows), and row 0 is the only row where x1 is not 0 and its outcome is 0 (z = x1 is
 * a certificate: 0 on every positive row, > 0 there).
 */
import assert from "node:assert/strict";
import { modelJson } from "../../lib/report/model_json.ts";
import { modelsTable } from "../../lib/report/models_table.ts";
import { fitModel } from "../../lib/stats/model/fit.ts";

const data = {
  columns: {
    y: [0, 2, 3, 1, 4, 0, 2, 5, 0, 0, 3, 1],
    x1: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    x2: [0.5, 1, 2, 0.3, 1.5, 0.7, 2.2, 0.1, 1, 2, 0.4, 1.1],
  },
  labels: {
    g: ["a", "a", "a", "a", "b", "b", "b", "b", "z", "z", "a", "b"],
    h: ["p", "q", "p", "q", "p", "q", "p", "q", "p", "q", "q", "p"],
  },
};

Deno.test("the fit reports separated rows by reason, IRLS and CG iterations, the final projection tolerance", () => {
  const lines: string[] = [];
  const r = fitModel(
    { dependent: "y", terms: ["x1", "x2"], fe: ["g", "h"], estimator: "ppml", se: "hc0" },
    data,
    { progress: (l) => lines.push(l) },
  );
  assert.deepEqual(r.separation, {
    fixedEffects: 2,
    regressors: 1,
    rectifierRounds: r.separation!.rectifierRounds,
    rectifierSettled: true,
  });
  assert.ok(r.separation!.rectifierRounds >= 1);
  assert.equal(r.separated, 3);
  assert.equal(r.n, 9);
  assert.deepEqual(r.rows, [1, 2, 3, 4, 5, 6, 7, 10, 11]);
  // x1 is 0 on every row left: omitted
  assert.deepEqual(r.omitted, ["x1"]);
  const its = lines.filter((l) => l.startsWith("PPML iteration"));
  assert.equal(r.iterations, its.length);
  const cg = its.map((l) => Number(/ in (\d+) CG iterations$/.exec(l)![1]));
  assert.equal(r.feIterations, cg.reduce((a, b) => a + b, 0));
  assert.equal(r.feTolerance, 1e-13);
  const j = modelJson(r);
  assert.deepEqual(j.separation, r.separation);
  assert.equal(j.feIterations, r.feIterations);
  assert.equal(j.feTolerance, 1e-13);
  assert.equal(j.iterations, r.iterations);
  const text = modelsTable([r], "text");
  assert.match(text, /Separated \(FE \/ regressors\)\s+2 \/ 1\n/);
  assert.match(text, new RegExp(`IRLS iterations\\s+${r.iterations}\\n`));
  assert.match(
    text,
    new RegExp(`FE projections \\(CG iterations\\)\\s+${r.feIterations} to 1e-13\\n`),
  );
});

Deno.test("least squares with absorbed FE reports its CG iterations; without FE nothing of the kind", () => {
  const ols = fitModel({ dependent: "x2", terms: ["y"], fe: ["g", "h"] }, data);
  assert.ok(ols.feIterations! >= 1);
  assert.equal(ols.separation, undefined);
  assert.equal(modelJson(ols).feIterations, ols.feIterations);
  assert.equal(modelJson(ols).feTolerance, undefined);
  const plain = fitModel({ dependent: "x2", terms: ["y"] }, data);
  assert.equal(plain.feIterations, undefined);
  assert.equal("feIterations" in modelJson(plain), false);
  const text = modelsTable([plain, ols], "text");
  assert.match(text, new RegExp(`FE projections \\(CG iterations\\)\\s+${ols.feIterations}\\n`));
  assert.doesNotMatch(text, /IRLS iterations|Separated/);
});
