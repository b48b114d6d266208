/**
 * The study's K table (lib/gravity/study/potential.ts, paths found by mutation testing): the K
 * note per definition, and the K intervals merged into it (null fields where K has no interval,
 * the configured thresholds, none when off or without a fit).
 */
import assert from "node:assert/strict";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { thinSyntheticStudy } from "./thin_panel.ts";

const CLASSES = ["huge", "expanding", "remodelling"] as const;

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

Deno.test("K intervals: every K with a value has one around it; a K without a value gets nulls", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 5 });
  // BBB 2016 loses its trade: it stays in the K table (predictable) with k null and null
  // interval fields
  for (const r of panel.rows) if (r.iso3 === "BBB" && r.year === 2016) r.values.etrade = NaN;
  const r = runGravityStudy(config, panel);
  assert.ok(r.uncertainty);
  assert.equal(r.potential.length, 40);
  const gap = r.potential.find((p) => p.country === "BBB" && p.year === 2016)!;
  assert.equal(gap.k, null);
  assert.equal(gap.kLower, null);
  assert.equal(gap.kUpper, null);
  assert.equal(gap.classProbabilities, null);
  for (const p of r.potential.filter((p) => p.k !== null)) {
    assert.ok(p.kLower! < p.k! && p.k! < p.kUpper!, `${p.country} ${p.year}`);
    const total = CLASSES.reduce((a, c) => a + p.classProbabilities![c], 0);
    assert.ok(Math.abs(total - 1) < 1e-12);
  }
  // 5 partners are too few clusters for 8 coefficients: uncertainty's own warning is passed on
  assert.ok(r.warnings.includes(
    "uncertainty: 5 partner clusters for 8 coefficients make the cluster-robust covariance " +
      "rank-deficient (rank <= 4); K intervals use HC1 instead",
  ));
});

Deno.test("K intervals: an exact fit puts all the probability on K = 1's class under the configured thresholds", () => {
  const { config, panel } = syntheticStudy({ spread: 0 });
  const cfg = {
    ...config,
    potential: { ...config.potential, thresholds: { huge: 1.5, remodelling: 2 } },
  };
  const r = runGravityStudy(cfg, panel);
  for (const p of r.potential) {
    assert.ok(Math.abs(p.kLower! - 1) < 1e-8 && Math.abs(p.kUpper! - 1) < 1e-8);
    // K = 1 <= 1.5: huge potential (0.8/1.2 would make it expanding)
    assert.equal(p.class, "huge");
    assert.ok(Math.abs(p.classProbabilities!.huge - 1) < 1e-12);
  }
});

Deno.test("K intervals: off, or without a fit, there are none", () => {
  const { config, panel } = syntheticStudy({ spread: 0.4, seed: 5 });
  const off = runGravityStudy(
    { ...config, uncertainty: { ...config.uncertainty, enabled: false } },
    panel,
  );
  assert.equal(off.uncertainty, null);
  assert.equal(off.potential.length, 40);
  for (const p of off.potential) assert.equal("kLower" in p, false);
  assert.ok(!off.warnings.some((w) => w.startsWith("uncertainty:")));
  const thin = thinSyntheticStudy();
  const none = runGravityStudy(thin.config, thin.panel);
  assert.equal(none.uncertainty, null);
  assert.deepEqual(none.potential, []);
});
