/**
 * modelsTable: fixest etable-like layout of several ModelResults (text, markdown, HTML).
 */
import assert from "node:assert/strict";
import { modelJson } from "../../lib/report/model_json.ts";
import { modelsTable, stars } from "../../lib/report/models_table.ts";
import { fitModel } from "../../lib/stats/model/fit.ts";

const data = {
  columns: {
    y: [1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11],
    x: [1, 2, 2, 4, 3, 5, 7, 6, 8, 11, 9, 10],
    c: [0, 1, 0, 2, 1, 3, 2, 4, 3, 6, 5, 4],
  },
  labels: { g: ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"] },
};

Deno.test("modelsTable: models side by side, stars, SEs in parentheses, FE rows, N, SE type", () => {
  const a = fitModel({ dependent: "y", terms: ["x"] }, data);
  const b = fitModel({ dependent: "y", terms: ["x"], fe: ["g"], se: "hc1" }, data);
  const c = fitModel({
    dependent: "c",
    terms: ["x"],
    fe: ["g"],
    estimator: "ppml",
    se: "cluster:g",
  }, data);
  const text = modelsTable([a, b, c], "text", { titles: ["OLS", "OLS + FE", "PPML + FE"] });
  const slope = a.coefficients[1];
  assert.ok(text.includes(`${slope.estimate.toFixed(3)}${stars(slope.p)}`));
  assert.ok(text.includes(`(${slope.stdError.toFixed(3)})`));
  assert.match(text, /FE: g\s+No\s+Yes\s+Yes/);
  assert.match(text, /Observations\s+12\s+12\s+12/);
  assert.match(text, /Standard errors\s+IID\s+Robust \(HC1\)\s+Clustered \(g\)/);
  const htmlOut = modelsTable([a, c], "html");
  assert.ok(htmlOut.startsWith("<table>") && htmlOut.includes("<th>(2)</th>"));
  assert.ok(modelsTable([a], "markdown").includes("| Estimator | OLS |"));
  assert.equal(stars(0.005), "***");
  assert.equal(stars(0.03), "**");
  assert.equal(stars(0.07), "*");
  assert.equal(stars(0.2), "");
  const j = modelJson(c);
  assert.equal(j.estimator, "ppml");
  assert.deepEqual(j.fe, [{ dimension: "g", levels: 3 }]);
  assert.equal(j.converged, true);
  assert.deepEqual(j.clusters, [3]);
});
