/**
 * lib/gravity/render/sections/regression.ts on the hand-built result of hand_results.ts: the exact markdown
 * of Table 2, ours beside the paper's (omitted terms, signs, the fit line). Expected strings are
 * written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import { table2Spec } from "../../../../lib/gravity/render/sections/regression.ts";
import { formatTable } from "../../../../lib/report/table.ts";
import { handStudy, withPaper } from "../hand_results.ts";

const md = (s: Parameters<typeof formatTable>[0]) => formatTable(s, "markdown");

Deno.test("Table 2: ours beside the paper's, omitted terms, signs, the fit line", () => {
  const r = handStudy();
  assert.equal(
    md(table2Spec(r)),
    [
      "**Table 2. Gravity regression: ours beside the paper's**",
      "",
      "| Term | Coef. | SE | t | P>\\|t\\| | 95% lo | 95% hi | VIF | Paper coef. | Paper SE | " +
      "Paper P | Same sign |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|",
      "| ln_gdp | 1.250 | 0.250 | 5 | 0.125 | -1.925 | 4.425 | 1 | . | . | . | . |",
      "| _cons | -2.500 | 0.500 | -5 | 0.125 | -8.850 | 3.850 | . | . | . | . | . |",
      "",
      "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical.",
      "Dependent: ln trade. Paper: not loaded.",
    ].join("\n"),
  );
  withPaper(r);
  // a second term, omitted as collinear; the VIF with two decimals
  r.config.terms.push({ name: "ln_pop", variable: "pop", formation: "product", log: true });
  r.regression.fit!.omitted = ["ln_pop"];
  r.regression.fit!.vif = [{ term: "ln_gdp", vif: 1.23456 }];
  r.regression.fit!.fStatistic = 3.14159;
  assert.equal(
    md(table2Spec(r)),
    [
      "**Table 2. Gravity regression: ours beside the paper's**",
      "",
      "| Term | Coef. | SE | t | P>\\|t\\| | 95% lo | 95% hi | VIF | Paper coef. | Paper SE | " +
      "Paper P | Same sign |",
      "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|",
      "| ln_gdp | 1.250 | 0.250 | 5 | 0.125 | -1.925 | 4.425 | 1.23 | 0.500 | 0.100 | 0.000 | yes |",
      "| ln_pop | omitted | . | . | . | . | . | . | . | . | . | . |",
      "| _cons | -2.500 | 0.500 | -5 | 0.125 | -8.850 | 3.850 | . | 2.000 | 1.250 | 0.123 | NO |",
      "",
      "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3.142 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical, omitted (collinear): ln_pop.",
      "Dependent: ln trade. Paper: Paper 2024, Tables 2-3.",
    ].join("\n"),
  );
  // several omitted terms, comma-separated
  r.regression.fit!.omitted = ["ln_pop", "ln_x"];
  assert.equal(
    table2Spec(r).notes![0],
    "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3.142 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical, omitted (collinear): ln_pop, ln_x.",
  );
  // no fit: the reason, every estimate missing; a paper value that is not finite prints "."
  r.regression.fit = null;
  r.regression.reason = "too few rows";
  r.paper!.table2[0].coefficient = NaN;
  const s = table2Spec(r);
  assert.deepEqual(s.notes, [
    "Ours: too few rows.",
    "Dependent: ln trade. Paper: Paper 2024, Tables 2-3.",
  ]);
  assert.match(
    md(s),
    /^\| ln_gdp \| \. \| \. \| \. \| \. \| \. \| \. \| \. \| \. \| 0\.100 \| 0\.000 \| yes \|$/m,
  );
  assert.match(md(s), /^\| ln_pop \| \. \| \. \|/m);
});
