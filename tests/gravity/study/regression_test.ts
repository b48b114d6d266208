/**
 * The study's regression (lib/gravity/study/regression.ts, paths found by mutation testing): the
 * reasons when it cannot be estimated (N <= k, the few complete rows listed, the terms missing
 * everywhere) and a fit that fails gives its reason, not a throw.
 */
import assert from "node:assert/strict";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { thinSyntheticStudy } from "./thin_panel.ts";

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
