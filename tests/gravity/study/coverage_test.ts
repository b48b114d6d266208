/**
 * Table 1 as the study computes it (lib/gravity/study/coverage.ts, paths found by mutation
 * testing): coverage per role, compact missing ranges, filled cells (rebased ones too), proxies,
 * and the empty fields of a variable without a dictionary entry.
 */
import assert from "node:assert/strict";
import { yearRanges } from "../../../lib/gravity/study/coverage.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";

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

Deno.test("Table 1: rebased cells count as filled; two countries' gaps are joined by '; '; the dependent row has no reporter years", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 5 });
  for (const r of panel.rows) {
    if (r.iso3 === "BBB" && r.year === 2016) r.values.open = NaN;
    if (r.iso3 === "CCC" && r.year === 2017) r.values.open = NaN;
  }
  panel.flags = { "DDD|2018|open": "rebased", "EEE|2018|open": "observed" };
  const fast = { ...config, uncertainty: { ...config.uncertainty, enabled: false } };
  const cov = runGravityStudy(fast, panel).data.coverage;
  const open = cov.find((c) => c.variable === "open")!;
  assert.equal(open.missing, "BBB 2016; CCC 2017");
  assert.equal(open.filled, 1);
  // the dependent variable is bilateral: partners only, though the reporter has no trade value
  const dep = cov[0];
  assert.equal(dep.role, "dependent");
  assert.equal(dep.reporterYears, null);
  assert.deepEqual(dep.partnerYears, { present: 40, total: 40 });
  assert.equal(dep.missing, "");
});

Deno.test("yearRanges: runs of consecutive years joined by '-', the runs by ','", () => {
  assert.equal(yearRanges([2015, 2016, 2017, 2019]), "2015-2017,2019");
  assert.equal(yearRanges([2019]), "2019");
  assert.equal(yearRanges([2015, 2017, 2018]), "2015,2017-2018");
  assert.equal(yearRanges([2015, 2016, 2018, 2019, 2021]), "2015-2016,2018-2019,2021");
  assert.equal(yearRanges([]), "");
});
