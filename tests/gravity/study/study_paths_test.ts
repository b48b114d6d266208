/**
 * The study's reporting paths found by mutation testing: Table 1 (coverage, missing ranges,
 * filled cells, proxies), the reasons and warnings when the regression cannot be estimated or a
 * config is inconsistent, the K note per definition, and the "why they differ" sentences.
 */
import assert from "node:assert/strict";
import type { PaperTables } from "../../../lib/gravity/study/paper.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { thinSyntheticStudy } from "./thin_panel.ts";

Deno.test("Table 1: coverage per role, compact missing ranges, filled cells, proxies", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2, seed: 3 });
  for (const r of panel.rows) {
    if (r.iso3 === "BBB" && [2015, 2016, 2017, 2019].includes(r.year)) r.values.open = NaN;
    if (r.iso3 === "AAA" && r.year === 2022) r.values.pop = NaN;
    if (r.iso3 === "CCC" && r.year === 2020) r.values.ind_b = NaN;
  }
  panel.flags = {
    "CCC|2016|open": "interpolated",
    "DDD|2021|open": "extrapolated",
    "DDD|2014|open": "interpolated", // outside the window: not counted
    "AAA|2018|pop": "observed",
  };
  panel.variables = panel.variables.map((v) =>
    v.name === "open"
      ? { ...v, proxy: true, unit: "%" }
      : v.name === "cpi"
      ? { ...v, proxy: "PROXY: 100 + inflation" }
      : v
  );
  const r = runGravityStudy(config, panel);
  const cov = new Map(r.data.coverage.map((c) => [`${c.role}/${c.variable}`, c]));
  assert.deepEqual(r.data.coverage.map((c) => c.role), [
    "dependent",
    "ln_pgdp",
    "ln_pop",
    "ln_net",
    "ln_cpi",
    "ln_open",
    "ln_dist",
    "cbec indicator",
    "cbec indicator",
    "cbec indicator",
    "cbec indicator",
  ]);
  assert.deepEqual(cov.get("ln_open/open"), {
    role: "ln_open",
    variable: "open",
    formation: "partner",
    meaning: "synthetic open",
    unit: "%",
    source: "synthetic (lib/gravity/synthetic/study.ts)",
    proxy: "PROXY",
    partnerYears: { present: 36, total: 40 },
    reporterYears: null,
    missing: "BBB 2015-2017,2019",
    filled: 2,
  });
  assert.equal(cov.get("ln_cpi/cpi")!.proxy, "PROXY: 100 + inflation");
  assert.equal(cov.get("ln_net/net")!.proxy, "");
  assert.deepEqual(cov.get("ln_pop/pop")!.reporterYears, { present: 7, total: 8 });
  assert.deepEqual(cov.get("ln_pop/pop")!.partnerYears, { present: 40, total: 40 });
  assert.equal(cov.get("ln_pop/pop")!.missing, "AAA 2022");
  assert.equal(cov.get("cbec indicator/ind_b")!.missing, "CCC 2020");
  assert.equal(cov.get("cbec indicator/ind_b")!.reporterYears, null);
  assert.equal(cov.get("dependent/etrade")!.formation, "bilateral");
  assert.ok(
    r.differences.includes("Proxies: cpi (ln_cpi), open (ln_open) stand in for missing series."),
  );
  // the reporter's missing pop year takes ln_pop out for every partner in 2022
  assert.equal(r.data.complete, 40 - 4 - 5 - 1);
});

Deno.test("no regression: the reason lists the few complete rows and the terms missing everywhere", () => {
  const { config, panel } = thinSyntheticStudy();
  for (const row of panel.rows) row.values.net = NaN;
  const r = runGravityStudy(config, panel);
  assert.equal(r.regression.nComplete, 0);
  assert.equal(
    r.regression.reason,
    "the regression cannot be estimated: 0 country-years have the dependent variable and every " +
      "term, k = 8 coefficients (need N > k); missing in every country-year: ln_net",
  );
  const thin = thinSyntheticStudy();
  const r2 = runGravityStudy(thin.config, thin.panel);
  assert.equal(
    r2.regression.reason,
    "the regression cannot be estimated: 5 country-years have the dependent variable and every " +
      "term, k = 8 coefficients (need N > k) [BBB 2016, CCC 2016, DDD 2016, EEE 2016, FFF 2016]",
  );
  assert.deepEqual(r2.regression.sample.map((s) => s.country), ["BBB", "CCC", "DDD", "EEE", "FFF"]);
  assert.ok(r2.differences.includes(
    "No regression: 5 complete country-years for 8 coefficients, so no Table 2 or Table 3 of " +
      "ours; the paper's N is not reported.",
  ));
});

Deno.test("more than 12 complete rows are not listed in the reason", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  // 13 complete rows but a term constant... use a config with 13 rows and k = 13 + 1 coefficients
  const terms = config.terms.slice();
  while (terms.length < 13) {
    terms.push({ name: `extra${terms.length}`, variable: "net", formation: "partner", log: false });
  }
  const small: StudyConfig = {
    ...config,
    partners: ["BBB", "CCC"],
    years: { from: 2015, to: 2021 },
    terms,
  };
  for (const row of panel.rows) {
    if (row.iso3 === "CCC" && row.year === 2021) row.values.etrade = NaN;
  }
  const r = runGravityStudy(small, panel);
  assert.equal(r.regression.nComplete, 13);
  assert.equal(
    r.regression.reason,
    "the regression cannot be estimated: 13 country-years have the dependent variable and every " +
      "term, k = 14 coefficients (need N > k)",
  );
});

Deno.test("a fit that fails (one cluster) gives the reason, not a throw", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  const one: StudyConfig = {
    ...config,
    se: "cluster",
    partners: ["BBB"],
    terms: config.terms.slice(0, 2),
  };
  const r = runGravityStudy(one, panel);
  assert.equal(r.regression.estimable, false);
  assert.equal(r.regression.fit, null);
  assert.equal(
    r.regression.reason,
    "the regression cannot be estimated: cluster-robust SEs need at least 2 clusters, got 1",
  );
  assert.deepEqual(r.potential, []);
});

Deno.test("a CBEC term using the reporter's index without the reporter in the PCA is a warning", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  // the K-interval module's own notes (e.g. HC1 instead of cluster) are not this test's subject
  const own = (ws: string[]) => ws.filter((w) => !w.startsWith("uncertainty:"));
  const terms = config.terms.map((t) =>
    t.name === "cbec" ? { ...t, formation: "sum" as const } : t
  );
  const r = runGravityStudy({ ...config, terms }, panel);
  assert.ok(r.warnings.includes(
    "term cbec uses the reporter's CBEC index but cbec.includeReporter is false, so it is missing everywhere",
  ));
  assert.equal(r.regression.nComplete, 0);
  const withRep = runGravityStudy({
    ...config,
    terms,
    cbec: { ...config.cbec, includeReporter: true },
  }, panel);
  assert.deepEqual(own(withRep.warnings), []);
  assert.equal(withRep.regression.estimable, true);
  // a failed index is a warning only when the model uses it
  const noInd = { ...config, cbec: { ...config.cbec, indicators: ["ind_a"] } };
  assert.deepEqual(own(runGravityStudy(noInd, panel).warnings), [
    "CBEC index: the PCA needs at least 2 indicators (1 left)",
  ]);
  const noCbec = { ...noInd, terms: config.terms.filter((t) => t.name !== "cbec") };
  assert.deepEqual(own(runGravityStudy(noCbec, panel).warnings), []);
});

Deno.test("the K note follows the definition", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  const note = (definition: StudyConfig["potential"]["definition"]) =>
    runGravityStudy({ ...config, potential: { ...config.potential, definition } }, panel)
      .potentialNote;
  assert.equal(note("level"), "K = actual / exp(fitted)");
  assert.equal(
    note("smearing"),
    "K = actual / (exp(fitted) x mean(exp(residuals))) (Duan's smearing)",
  );
  assert.equal(
    note("log-ratio"),
    "K = ln(actual) / fitted (paper-compatible log ratio; unit-dependent)",
  );
});

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

/** The synthetic study with `etrade` kept for `keep` partner-years only (by panel order). */
function keepDependent(keep: number, seed = 5) {
  const s = syntheticStudy({ spread: 0.2, seed });
  let kept = 0;
  for (const row of s.panel.rows) {
    if (row.iso3 === s.config.reporter) continue;
    if (kept < keep) kept++;
    else row.values.etrade = NaN;
  }
  return s;
}

Deno.test("N = k is not estimable; exactly 12 complete rows are still listed", () => {
  const eight = keepDependent(8);
  const r = runGravityStudy(eight.config, eight.panel);
  assert.equal(r.regression.estimable, false);
  assert.equal(
    r.regression.reason,
    "the regression cannot be estimated: 8 country-years have the dependent variable and every " +
      "term, k = 8 coefficients (need N > k) [BBB 2015, BBB 2016, BBB 2017, BBB 2018, BBB 2019, " +
      "BBB 2020, BBB 2021, BBB 2022]",
  );
  const twelve = keepDependent(12);
  const terms = twelve.config.terms.slice();
  for (let i = 0; i < 6; i++) {
    terms.push({ name: `copy${i}`, variable: "net", formation: "partner", log: true });
  }
  const r12 = runGravityStudy({ ...twelve.config, terms }, twelve.panel);
  assert.match(
    r12.regression.reason!,
    /^.*: 12 country-years .* k = 14 coefficients \(need N > k\) \[BBB 2015, .*, CCC 2018\]$/,
  );
});

Deno.test("the reason names every term missing everywhere, and only those", () => {
  const s = keepDependent(5);
  for (const row of s.panel.rows) {
    row.values.net = NaN;
    row.values.cpi = NaN;
    if (row.iso3 === "EEE" && row.year === 2020) row.values.open = NaN; // missing in one row only
  }
  const r = runGravityStudy(s.config, s.panel);
  assert.equal(
    r.regression.reason,
    "the regression cannot be estimated: 0 country-years have the dependent variable and every " +
      "term, k = 8 coefficients (need N > k); missing in every country-year: ln_net, ln_cpi",
  );
});

Deno.test("Table 1 without a dictionary entry: empty meaning, unit, source and proxy; formations", () => {
  const { config, panel } = syntheticStudy({ spread: 0.2 });
  panel.variables = panel.variables.filter((v) => !["open", "etrade"].includes(v.name));
  const r = runGravityStudy(config, panel);
  const open = r.data.coverage.find((c) => c.variable === "open")!;
  assert.deepEqual([open.meaning, open.unit, open.source, open.proxy], ["", "", "", ""]);
  assert.equal(r.data.coverage.find((c) => c.role === "ln_dist")!.reporterYears, null);
  assert.equal(r.data.coverage.find((c) => c.role === "ln_cpi")!.reporterYears, null);
  assert.deepEqual(r.data.coverage.find((c) => c.role === "ln_pgdp")!.reporterYears, {
    present: 8,
    total: 8,
  });
  assert.deepEqual(
    r.data.coverage.filter((c) => c.role === "cbec indicator").map((c) => c.formation),
    ["PCA", "PCA", "PCA", "PCA"],
  );
  // no proxies, a fit, no paper: the one "Data" sentence, without "(a PROXY)"
  assert.deepEqual(r.differences, [
    "Data: the paper's dependent variable (China's CBEC trade with each country) has no named " +
    "source; we use etrade, present for 40 of 40 partner-years, against the paper's " +
    "unpublished, interpolated panel.",
  ]);
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
