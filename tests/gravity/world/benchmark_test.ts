import assert from "node:assert/strict";
import { benchmarkTerm, runBenchmark } from "../../../lib/gravity/world/benchmark.ts";
import { buildChinaWorldPanel } from "../../../lib/gravity/world/china_world.ts";
import { CA5, syntheticWorld, TRUE_BETA } from "./world_fixture.ts";
import { BENCHMARK_DEFAULTS, parseBenchmarkConfig } from "../../../lib/gravity/config/benchmark.ts";
import { UNCERTAINTY_DEFAULTS } from "../../../lib/gravity/config/uncertainty.ts";

const thresholds = { huge: 0.8, remodelling: 1.2 };
const uncertainty = { ...UNCERTAINTY_DEFAULTS, draws: 500 };

function world(seed = 7) {
  const inputs = syntheticWorld(seed);
  return {
    inputs,
    panel: buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2010, to: 2020 } }),
  };
}

Deno.test("benchmark out of sample: no CA5 observation enters the fit; N, partners, years reported", () => {
  const { panel } = world();
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  const fit = b.fits[0];
  assert.ok(fit.ok, fit.reason ?? "");
  for (const p of CA5) assert.ok(!fit.partners.includes(p), p);
  assert.equal(fit.partners.length, 55);
  assert.equal(fit.n, 55 * 11);
  assert.equal(fit.excluded.studyPartners, 5 * 11);
  assert.deepEqual(fit.years, Array.from({ length: 11 }, (_, i) => 2010 + i));
  assert.equal(fit.k.length, 55);
  assert.ok(fit.k.every((k) => !k.inSample));
  // colony is 0 everywhere: omitted as collinear with the intercept, Stata-style
  assert.deepEqual(fit.omitted, ["colony"]);
  // the known coefficients are recovered within 3 standard errors
  for (const [term, b0] of Object.entries(TRUE_BETA)) {
    const c = fit.coefficients.find((c) => c.term === term);
    if (!c) continue;
    assert.ok(Math.abs(c.estimate - b0) < 3 * c.stdError, `${term} ${c.estimate} vs ${b0}`);
  }
  // in-sample option: the CA5 enter
  const inS =
    runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"], outOfSample: false }, {
      partners: CA5,
      thresholds,
      uncertainty,
    }).fits[0];
  assert.equal(inS.n, 60 * 11);
  assert.ok(CA5.every((p) => inS.partners.includes(p)));
  assert.ok(inS.k.every((k) => k.inSample));
});

Deno.test("benchmark K = actual / exp(prediction) recomputed from the stored coefficients and the panel to 1e-9", () => {
  const { panel } = world(3);
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ols"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  const fit = b.fits[0];
  const coef = new Map(fit.coefficients.map((c) => [c.term, c.estimate]));
  for (const k of fit.k) {
    const row = panel.rows.find((r) => r.partner === k.country && r.year === k.year)!;
    let lin = coef.get("(Intercept)")!;
    for (const t of BENCHMARK_DEFAULTS.terms) {
      if (coef.has(t)) lin += coef.get(t)! * benchmarkTerm(row, t);
    }
    lin += coef.get(`year_${k.year}`) ?? 0;
    const recomputed = (row.exports + row.imports) / Math.exp(lin);
    assert.ok(Math.abs(k.k! / recomputed - 1) < 1e-9, `${k.country} ${k.year}`);
    assert.ok(k.kLower! < k.k! && k.k! < k.kUpper!);
  }
});

Deno.test("benchmark: PPML without an estimator says so; config errors name the field", () => {
  const { panel } = world();
  const b = runBenchmark(panel, { ...BENCHMARK_DEFAULTS, estimators: ["ppml"] }, {
    partners: CA5,
    thresholds,
    uncertainty,
  });
  assert.equal(b.fits[0].ok, false);
  assert.match(b.fits[0].reason!, /PPML is not available/);
  assert.equal(parseBenchmarkConfig(undefined), null);
  assert.deepEqual(parseBenchmarkConfig({})!.terms, BENCHMARK_DEFAULTS.terms);
  assert.throws(
    () => parseBenchmarkConfig({ estimators: ["iv"] }, "c.json"),
    /c\.json: "benchmark\.estimators\[0\]" "iv" is not one of ols, ppml$/,
  );
  assert.throws(
    () => parseBenchmarkConfig({ outofsample: true }, "c.json"),
    /unknown key "outofsample" in "benchmark" \(allowed: .*\); did you mean "outOfSample"\?$/,
  );
  assert.throws(
    () => parseBenchmarkConfig({ years: { from: 2020, to: 2010 } }),
    /"benchmark\.years\.from" \(2020\) is after "benchmark\.years\.to" \(2010\)$/,
  );
});

Deno.test("world panel: trade = exports + imports; coverage names partners dropped for a missing variable", () => {
  const inputs = syntheticWorld(5, 12);
  // X00 loses its GDP, X01 its geography
  inputs.gdp = inputs.gdp.filter((o) => o.iso3 !== "X00");
  inputs.geo = inputs.geo.filter((g) => g.destination !== "X01");
  const p = buildChinaWorldPanel(inputs, { reporter: "CHN", years: { from: 2012, to: 2014 } });
  assert.equal(p.partners.length, 12);
  assert.equal(p.rows.length, 36);
  const kaz = p.rows.find((r) => r.partner === "KAZ" && r.year === 2013)!;
  const flows = [];
  for (let i = 0; i < inputs.trade.reporter.length; i++) {
    if (inputs.trade.partner[i] === "KAZ" && inputs.trade.year[i] === 2013) {
      flows.push(inputs.trade.value[i]);
    }
  }
  assert.equal(kaz.trade, flows[0] + flows[1]);
  assert.deepEqual(p.dropped, [
    { partner: "X00", missing: ["gdp"] },
    { partner: "X01", missing: ["dist", "contig", "comlang_off", "colony", "landlocked"] },
  ]);
  const gdp = p.coverage.find((c) => c.variable === "gdp")!;
  assert.equal(gdp.present, 33);
  assert.equal(gdp.total, 36);
});
