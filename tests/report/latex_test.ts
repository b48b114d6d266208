/**
 * LaTeX tables (lib/report/latex.ts): escaping, booktabs rules, right-aligned numbers, stars as
 * superscripts, the caption without its own "Table N.", notes in a footnote-size paragraph; and
 * the fragment compiles with pdflatex in a minimal article with booktabs, its text read back by
 * pdftotext (skipped, with the reason printed, where they are not installed).
 */
import assert from "node:assert/strict";
import { formatLatex, latexEscape } from "../../lib/report/latex.ts";
import { modelsSpec, modelsTable } from "../../lib/report/models_table.ts";
import { formatRegression } from "../../lib/report/regression_table.ts";
import { fitModel } from "../../lib/stats/model/fit.ts";
import { ols } from "../../lib/stats/linear/ols.ts";
import { compileLatex, LATEX_MISSING } from "./latex_compile.ts";

const SPECIAL = 'a & b_c 5% $x #1 {y} ~z ^w \\ <p> "q" ±×−≤≥ ' + "\u4e2d";

Deno.test("latexEscape: special characters, quotes, symbols in math, code points beyond Latin-1", () => {
  assert.equal(
    latexEscape(SPECIAL),
    "a \\& b\\_c 5\\% \\$x \\#1 \\{y\\} \\textasciitilde{}z \\textasciicircum{}w " +
      "\\textbackslash{} \\textless{}p\\textgreater{} ``q'' $\\pm$$\\times$$-$$\\le$$\\ge$ [U+4E2D]",
  );
  assert.equal(latexEscape("café"), "café", "Latin-1 letters stay");
});

Deno.test("formatLatex: a booktabs float with the caption, rules, alignment, stars and notes", () => {
  const tex = formatLatex({
    title: "Table 3b. K & class",
    columns: [{ key: "t", label: "Term" }, { key: "b", label: "Coef.", align: "right" }],
    rows: [{ t: "ln_x", b: "0.877***" }, { t: "", b: "(0.142)" }, { t: "N", b: 27 }],
    notes: ["Note 1 < 2.", "Note two."],
    rules: [2],
  }, { label: "tab:x", size: "footnotesize" });
  assert.equal(
    tex,
    [
      "\\begin{table}[htbp]",
      "\\centering",
      "\\caption{K \\& class}",
      "\\label{tab:x}",
      "\\footnotesize",
      "\\begin{tabular}{lr}",
      "\\toprule",
      "Term & Coef. \\\\",
      "\\midrule",
      "ln\\_x & 0.877\\textsuperscript{***} \\\\",
      " & (0.142) \\\\",
      "\\midrule",
      "N & 27 \\\\",
      "\\bottomrule",
      "\\end{tabular}",
      "",
      "\\smallskip",
      "{\\footnotesize\\raggedright Note 1 \\textless{} 2.\\par",
      "Note two.\\par}",
      "\\end{table}",
    ].join("\n"),
  );
});

const data = {
  columns: {
    y: [1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11],
    x: [1, 2, 2, 4, 3, 5, 7, 6, 8, 11, 9, 10],
    c: [0, 1, 0, 2, 1, 3, 2, 4, 3, 6, 5, 4],
  },
  labels: { g: ["a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c"] },
};

Deno.test("modelsTable and formatRegression as LaTeX: etable layout, FE rows, N and R2 under a rule", () => {
  const a = fitModel({ dependent: "y", terms: ["x"] }, data);
  const b = fitModel({ dependent: "c", terms: ["x"], fe: ["g"], estimator: "ppml" }, data);
  const tex = modelsTable([a, b], "latex", { titles: ["OLS", "PPML + FE"] });
  const x = [a, b].map((m) => m.coefficients.find((c) => c.term === "x")!);
  assert.ok(tex.includes(`\\begin{tabular}{lrr}`));
  assert.ok(tex.includes(`x & ${x[0].estimate.toFixed(3)}`), tex);
  assert.ok(tex.includes(` & (${x[0].stdError.toFixed(3)}) & (${x[1].stdError.toFixed(3)}) \\\\`));
  assert.match(tex, /\\midrule\nEstimator & OLS & PPML \\\\/);
  assert.ok(tex.includes("FE: g & No & Yes \\\\"));
  assert.ok(tex.includes(`Observations & ${a.n} & ${b.n} \\\\`));
  assert.ok(tex.includes(`R2 / pseudo-R2 & ${a.r2.toFixed(3)} & ${b.pseudoR2!.toFixed(3)} \\\\`));
  const o = ols(data.columns.y, [{ name: "x", values: data.columns.x }], { se: "hc1" });
  const one = formatRegression(o, "latex", { depVar: "y" });
  assert.ok(one.includes("\\caption{Linear regression: y}"));
  assert.ok(
    one.includes(`Observations & 12 \\\\`) && one.includes("Standard errors & Robust (HC1)"),
  );
  // a spec whose p-values are unknown prints no stars
  const spec = modelsSpec([{
    title: "m",
    coefficients: [{ term: "t", estimate: 1, stdError: 0.1, p: NaN }],
    stats: [],
  }]);
  assert.equal(spec.rows[0].m0, "1.000");
});

Deno.test({
  name:
    "LaTeX compiles with pdflatex in a minimal article with booktabs; pdftotext reads the numbers",
  ignore: LATEX_MISSING !== null,
  async fn() {
    const a = fitModel({ dependent: "y", terms: ["x"] }, data);
    const tex = formatLatex({
      title: `Special ${SPECIAL}`,
      columns: [{ key: "t", label: "T_1" }, { key: "v", label: "Value %" }],
      rows: [{ t: SPECIAL, v: -1.25 }],
      notes: [SPECIAL],
    }) + "\n" + modelsTable([a], "latex");
    const text = await compileLatex(tex);
    assert.ok(text.includes("-1.250"), text);
    for (const c of a.coefficients) {
      assert.ok(text.includes(c.estimate.toFixed(3)), `${c.term} ${c.estimate.toFixed(3)}`);
      assert.ok(text.includes(`(${c.stdError.toFixed(3)})`), c.term);
    }
    assert.ok(text.includes("a & b"), "the escaped ampersand prints as one");
    assert.ok(text.includes("5%"));
  },
});
