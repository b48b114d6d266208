/**
 * Why our results differ from the paper's (lib/gravity/study/differences.ts, paths found by
 * mutation testing): the data, model, proxy, no-regression and definition sentences, each Model
 * clause alone, and the paper's intercept key.
 */
import assert from "node:assert/strict";
import { explainDifferences } from "../../../lib/gravity/study/differences.ts";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";

Deno.test("why they differ: data, model, definition sentences, and the paper's intercept key", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  panel.variables = panel.variables.map((v) => v.name === "etrade" ? { ...v, proxy: true } : v);
  const paper: PaperTables = {
    source: "s",
    table2: ["ln_pgdp", "ln_gone", "_cons"].map((term) => ({
      variable: term,
      term,
      coefficient: 1,
      stdError: 0.1,
      t: 10,
      p: 0,
      ciLower: 0.8,
      ciUpper: 1.2,
    })),
    table3: [
      { country: "BBB", year: 2015, k: -1.5, words: "", class: null },
      { country: "BBB", year: 2016, k: -0.5, words: "", class: null },
      { country: "BBB", year: 2017, k: 1, words: "", class: null },
    ],
  };
  const r = runGravityStudy(config, panel, { paper });
  assert.deepEqual(r.differences.slice(0, 2), [
    "Data: the paper's dependent variable (China's CBEC trade with each country) has no named " +
    "source; we use etrade (a PROXY), present for 40 of 40 partner-years, against the paper's " +
    "unpublished, interpolated panel.",
    "Model: this config's equation is not the paper's equation (2); the paper's ln_gone are not " +
    "in it; ours adds ln_pop, cbec, ln_net, ln_cpi, ln_open, ln_dist.",
  ]);
  assert.ok(r.differences.includes(
    "Definition: 2 of the paper's K values are negative, which actual/predicted (two positive " +
      "volumes) cannot give; only ln(actual)/fitted can, and that ratio depends on the unit of " +
      "trade. Our default is the level ratio.",
  ));
  const cmp = r.paper!.comparison.coefficients;
  const b = Object.fromEntries(r.regression.fit!.coefficients.map((c) => [c.term, c.estimate]));
  assert.deepEqual(cmp.map((c) => c.ours), [b.ln_pgdp, null, b["(Intercept)"]]);
  // the same equation as the paper's: no "Model" sentence
  const same = { ...paper, table2: paper.table2.filter((p) => p.term !== "ln_gone") };
  const sameTerms = { ...config, terms: config.terms.filter((t) => t.name === "ln_pgdp") };
  assert.ok(
    !runGravityStudy(sameTerms, panel, { paper: same }).differences.some((d) =>
      d.startsWith("Model")
    ),
  );
  assert.ok(
    runGravityStudy(config, panel).differences[0].includes("we use etrade (a PROXY), present"),
  );
});

Deno.test("why they differ: each Model clause alone, and a paper K of 0 is not negative", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  const coef = (term: string) => ({
    variable: term,
    term,
    coefficient: 1,
    stdError: 0.1,
    t: 10,
    p: 0,
    ciLower: 0.8,
    ciUpper: 1.2,
  });
  const all = [...config.terms.map((t) => t.name), "_cons"];
  const diff = (table2: string[], table3: PaperTables["table3"] = []) =>
    runGravityStudy(config, panel, { paper: { source: "s", table2: table2.map(coef), table3 } })
      .differences.slice(1);
  assert.deepEqual(diff(all), []);
  assert.deepEqual(diff([...all, "ln_a", "ln_b"]), [
    "Model: this config's equation is not the paper's equation (2); the paper's ln_a, ln_b are " +
    "not in it.",
  ]);
  assert.deepEqual(diff(all.filter((t) => t !== "ln_net" && t !== "ln_cpi")), [
    "Model: this config's equation is not the paper's equation (2); ours adds ln_net, ln_cpi.",
  ]);
  assert.deepEqual(diff(all, [{ country: "BBB", year: 2015, k: 0, words: "", class: null }]), []);
});

Deno.test("why they differ: without a paper only the data sentence; proxies and a missing regression each add theirs", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  const data = (dep: string) =>
    "Data: the paper's dependent variable (China's CBEC trade with each country) has no named " +
    `source; we use ${dep}, present for 40 of 40 partner-years, against the paper's ` +
    "unpublished, interpolated panel.";
  const r = runGravityStudy(config, panel);
  assert.deepEqual(r.differences, [data("etrade")], "no proxy, a regression, no paper");
  // the dependent variable missing from the dictionary: no proxy note, no crash
  const bare = { ...panel, variables: panel.variables.filter((v) => v.name !== "etrade") };
  assert.deepEqual(explainDifferences(r, bare), [data("etrade")]);
  // two regressors flagged as proxies (true, or a description), then no regression
  panel.variables = panel.variables.map((v) =>
    v.name === "net" ? { ...v, proxy: true } : v.name === "dist" ? { ...v, proxy: "km" } : v
  );
  const p = runGravityStudy(config, panel);
  p.regression.estimable = false;
  p.regression.nComplete = 3;
  p.regression.kCoefficients = 8;
  assert.deepEqual(explainDifferences(p, panel), [
    data("etrade"),
    "Proxies: net (ln_net), dist (ln_dist) stand in for missing series.",
    "No regression: 3 complete country-years for 8 coefficients, so no Table 2 or Table 3 of " +
    "ours; the paper's N is not reported.",
  ]);
});
