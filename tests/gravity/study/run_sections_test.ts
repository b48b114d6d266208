/**
 * The study's later sections as runGravityStudy wires them (lib/gravity/study/run.ts, found by
 * mutation testing): the CBEC warning when a term uses the reporter's index the PCA does not
 * build, the world benchmark run only when it is enabled and the world panel is given (its
 * failures and warnings prefixed by the estimator), the structural result passed through only when
 * enabled, the forecast only when asked for, and the sensitivity variants (studies without the
 * world benchmark, compared with the paper too).
 */
import assert from "node:assert/strict";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { InputError } from "../../../lib/errors.ts";
import { buildChinaWorldPanel } from "../../../lib/gravity/world/china_world.ts";
import type { StructuralResult } from "../../../lib/gravity/world/structural.ts";
import { CA5, syntheticWorld } from "../world/world_fixture.ts";
import { BENCHMARK_DEFAULTS } from "../../../lib/gravity/config/benchmark.ts";
import { STRUCTURAL_DEFAULTS } from "../../../lib/gravity/config/structural.ts";
import type { StructuralFlow } from "../../../lib/gravity/world/structural_k.ts";
import { handStructural } from "../render/hand_results.ts";

/** The synthetic study on the five Central Asian partners and a world panel of 20 partners. */
function withWorld() {
  const s = syntheticStudy({
    partners: CA5,
    reporter: "CHN",
    years: { from: 2015, to: 2020 },
    spread: 0.2,
  });
  const world = buildChinaWorldPanel(syntheticWorld(11, 20), {
    reporter: "CHN",
    years: { from: 2010, to: 2020 },
  });
  return { ...s, world };
}

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

Deno.test("benchmark: needs both the enabled section and the world panel; failures and warnings named by estimator", () => {
  const { config, panel, world } = withWorld();
  let calls = 0;
  const ppml = () => {
    calls++;
    throw new InputError("stub ppml refuses");
  };
  const cfg = {
    ...config,
    potential: { ...config.potential, thresholds: { huge: 0.95, remodelling: 1.05 } },
    benchmark: { ...BENCHMARK_DEFAULTS, estimators: ["ppml" as const, "ols" as const] },
  };
  const r = runGravityStudy(cfg, panel, { world, ppml });
  assert.equal(calls, 1);
  const b = r.benchmark!;
  assert.deepEqual(b.fits.map((f) => [f.estimator, f.ok]), [["ppml", false], ["ols", true]]);
  // out of sample: the 5 study partners x 11 years are left out of the world fit, and K is
  // computed for exactly them
  const ols = b.fits[1];
  assert.equal(ols.excluded.studyPartners, 55);
  assert.deepEqual([...new Set(ols.k.map((k) => k.country))].sort(), [...CA5].sort());
  for (const k of ols.k) {
    assert.equal(k.class, k.k! <= 0.95 ? "huge" : k.k! >= 1.05 ? "remodelling" : "expanding");
    // the study's uncertainty settings give the benchmark K its interval
    assert.ok(k.kLower! < k.k! && k.k! < k.kUpper!);
  }
  // 15 world partners outside the study for 17 benchmark coefficients: the benchmark's own
  // covariance warning, prefixed
  assert.deepEqual(r.warnings.filter((w) => w.startsWith("benchmark")), [
    "benchmark ppml: stub ppml refuses",
    "benchmark ols: uncertainty: 15 partner clusters for 17 coefficients make the cluster-robust " +
    "covariance rank-deficient (rank <= 14); K intervals use HC1 instead",
  ]);
  // without a PPML estimator the fit says so
  const noPpml = runGravityStudy(
    { ...cfg, benchmark: { ...cfg.benchmark, estimators: ["ppml" as const] } },
    panel,
    { world },
  );
  assert.deepEqual(noPpml.warnings.filter((w) => w.startsWith("benchmark")), [
    "benchmark ppml: PPML is not available in this build (it comes with the PPML estimator of " +
    'lib/stats, issue "Estimators")',
  ]);
  // not enabled, or no world panel: no benchmark, no benchmark warning, PPML never called
  const off = runGravityStudy(
    { ...cfg, benchmark: { ...cfg.benchmark, enabled: false } },
    panel,
    { world, ppml },
  );
  const noWorld = runGravityStudy(cfg, panel, { ppml });
  const noSection = runGravityStudy({ ...cfg, benchmark: null }, panel, { world, ppml });
  for (const x of [off, noWorld, noSection]) {
    assert.equal(x.benchmark, null);
    assert.ok(!x.warnings.some((w) => w.startsWith("benchmark")));
  }
  assert.equal(calls, 1);
});

Deno.test("structural: the caller's result only when the section is enabled; forecast only when asked", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 5 });
  const fast = { ...config, uncertainty: { ...config.uncertainty, enabled: false } };
  // the caller's result, read under the study's K definition (restated: a copy)
  const marker = { k: [], meaning: "structural result" } as unknown as StructuralResult;
  const section = { ...STRUCTURAL_DEFAULTS, years: { from: 2010, to: 2020 } };
  assert.equal(
    runGravityStudy({ ...fast, structural: section }, panel, { structural: marker }).structural
      ?.meaning,
    "structural result",
  );
  assert.equal(runGravityStudy({ ...fast, structural: section }, panel).structural, null);
  // K recomputed from the fit's flows under the study's thresholds: AAA 2019's flows sum to
  // actual 4e9 against predicted 2e9, K = 2, expanding between 0.5 and 2.5 (the fit said
  // remodelling)
  const fit = handStructural();
  const flow = (actual: number, predicted: number) => ({ actual, predicted });
  fit.k = [{ ...fit.k[0], flows: [flow(3e9, 1.5e9), flow(1e9, 0.5e9)] as StructuralFlow[] }];
  const wide = {
    ...fast,
    potential: { ...fast.potential, thresholds: { huge: 0.5, remodelling: 2.5 } },
    structural: section,
  };
  const [k] = runGravityStudy(wide, panel, { structural: fit }).structural!.k;
  assert.deepEqual([k.country, k.year, k.actual, k.predicted, k.class], [
    "AAA",
    2019,
    4e9,
    2e9,
    "expanding",
  ]);
  assert.ok(Math.abs(k.k! - 2) < 1e-12, `${k.k}`);
  assert.equal(
    runGravityStudy({ ...fast, structural: { ...section, enabled: false } }, panel, {
      structural: marker,
    }).structural,
    null,
  );
  assert.equal(
    runGravityStudy({ ...fast, structural: null }, panel, { structural: marker }).structural,
    null,
  );
  assert.equal(runGravityStudy(fast, panel).forecast, null);
  const f = runGravityStudy(fast, panel, { forecast: true }).forecast!;
  // no forecast block: the defaults (cut-off 2020, training from the study's first year 2015)
  assert.equal(f.settings.cutoff, 2020);
  assert.equal(f.settings.trainFrom, 2015);
  assert.equal(f.settings.lastDataYear, 2022);
});

Deno.test("sensitivity: each variant is a study without the world benchmark", () => {
  const { config, panel, world } = withWorld();
  let calls = 0;
  const ppml = () => {
    calls++;
    throw new InputError("stub ppml refuses");
  };
  const cfg = {
    ...config,
    uncertainty: { ...config.uncertainty, enabled: false },
    benchmark: { ...BENCHMARK_DEFAULTS, estimators: ["ppml" as const] },
    sensitivity: {
      variants: [{ label: "A", dependent: "etrade" }, { label: "B", dependent: "etrade" }],
    },
  };
  const r = runGravityStudy(cfg, panel, { world, ppml });
  // the study's own benchmark calls PPML once; the two variants do not
  assert.equal(calls, 1);
  assert.deepEqual(r.sensitivity!.variants.map((v) => [v.label, v.estimable, v.n]), [
    ["A", true, 30],
    ["B", true, 30],
  ]);
});

Deno.test("sensitivity: the variants are compared with the paper too", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 5 });
  const paper = {
    source: "test",
    table2: [
      { term: "ln_pgdp", coefficient: 0.7 },
      { term: "ln_pop", coefficient: 0.3 },
      { term: "_cons", coefficient: 4 },
    ].map((c) => ({ ...c, variable: c.term, stdError: 1, t: 1, p: 0.5, ciLower: 0, ciUpper: 1 })),
    table3: [{ country: "BBB", year: 2016, k: 0.5, words: "", class: null }],
  };
  const r = runGravityStudy(
    {
      ...config,
      uncertainty: { ...config.uncertainty, enabled: false },
      sensitivity: { variants: [{ label: "A", dependent: "etrade" }] },
    },
    panel,
    { paper },
  );
  const v = r.sensitivity!.variants[0];
  // the true ln_pgdp 0.703 and intercept 4.531 share the paper's signs; ln_pop -0.268 does not
  assert.deepEqual(v.signAgreement, { agree: 2, compared: 3 });
  // the paper's K 0.5 of BBB 2016 is "huge" by the thresholds; ours is the class of our K there
  const ours = r.potential.find((p) => p.country === "BBB" && p.year === 2016)!.class;
  assert.deepEqual(v.classAgreement, { agree: ours === "huge" ? 1 : 0, compared: 1 });
});
