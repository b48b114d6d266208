/**
 * lib/gravity/render/sections/regression.ts on the hand-built result of hand_results.ts: the exact markdown
 * of Table 2, ours beside the paper's (omitted terms, signs, the fit line). Expected strings are
 * written from the fixture's inputs.
 */
import assert from "node:assert/strict";
import {
  table2ModelsSpec,
  table2Spec,
} from "../../../../lib/gravity/render/sections/regression.ts";
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

Deno.test("Table 2 for LaTeX (table2ModelsSpec): ours and the paper's side by side in the config's term order, stars from p, the paper's N and R2 as '.'", () => {
  const r = handStudy();
  // ours alone: the fit lists (Intercept) first; the table follows the config (ln_gdp, _cons);
  // p = 0.125 gets no star
  assert.equal(
    md(table2ModelsSpec(r)),
    [
      "**Table 2. Gravity regression, dependent ln trade: ours beside the paper's**",
      "",
      "|  | Ours |",
      "|:---|---:|",
      "| ln_gdp | 1.250 |",
      "|  | (0.250) |",
      "| _cons | -2.500 |",
      "|  | (0.500) |",
      "| Observations | 3 |",
      "| R2 | 0.750 |",
      "| Fixed effects | none |",
      "| Standard errors | classical |",
      "",
      "Signif. codes: *** p < 0.01, ** p < 0.05, * p < 0.1; standard errors in parentheses.",
      "Ours: N = 3, R2 = 0.7500, adj R2 = 0.5000, F = 3 (p = 0.3333), Root MSE = 0.1250, SE " +
      "classical.",
      "Dependent: ln trade. Paper: not loaded.",
    ].join("\n"),
  );
  // the paper's rows given _cons first are put in the config's order too; p = 0 -> ***,
  // p = 0.1234 -> none
  withPaper(r);
  r.paper!.table2.reverse();
  const both = [
    "|  | Ours | Paper |",
    "|:---|---:|---:|",
    "| ln_gdp | 1.250 | 0.500*** |",
    "|  | (0.250) | (0.100) |",
    "| _cons | -2.500 | 2.000 |",
    "|  | (0.500) | (1.250) |",
    "| Observations | 3 | . |",
    "| R2 | 0.750 | . |",
    "| Fixed effects | none | none |",
    "| Standard errors | classical | as printed |",
  ];
  assert.deepEqual(md(table2ModelsSpec(r)).split("\n").slice(2, 12), both);
  // no fit: the paper's column alone, and the reason in the notes
  r.regression.fit = null;
  r.regression.reason = "too few rows";
  const paperOnly = md(table2ModelsSpec(r)).split("\n");
  assert.deepEqual(paperOnly.slice(2, 6), [
    "|  | Paper |",
    "|:---|---:|",
    "| ln_gdp | 0.500*** |",
    "|  | (0.100) |",
  ]);
  assert.equal(paperOnly.at(-2), "Ours: too few rows.");
});

Deno.test("Table 2 compact: without the t, confidence-bound and VIF columns", () => {
  const r = withPaper(handStudy());
  const lines = md(table2Spec(r, { compact: true })).split("\n");
  assert.deepEqual(lines.slice(2, 6), [
    "| Term | Coef. | SE | P>\\|t\\| | Paper coef. | Paper SE | Paper P | Same sign |",
    "|:---|---:|---:|---:|---:|---:|---:|:---|",
    "| ln_gdp | 1.250 | 0.250 | 0.125 | 0.500 | 0.100 | 0.000 | yes |",
    "| _cons | -2.500 | 0.500 | 0.125 | 2.000 | 1.250 | 0.123 | NO |",
  ]);
});
