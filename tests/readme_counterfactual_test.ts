/**
 * The README's "What the study finds" bullet on the counterfactuals types figures of the study on
 * the shipped data (the 2019 world matrix and the structural fit, through the same loader and
 * cache as `deno task study`). This test recomputes them and fails when they differ, and checks
 * the bullet's words (who gains most and least, the neighbours' trade falling, the free-trade
 * scenario not computed, who is left out) still hold.
 */
import "./root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { loadPanel } from "../lib/data/panel.ts";
import { loadStudyConfig } from "../lib/gravity/config/study.ts";
import { runGravityStudy } from "../lib/gravity/study/run.ts";
import { loadBenchmarkWorld } from "../lib/gravity/world/load.ts";
import { skipWithoutShared } from "./shared_data.ts";

Deno.test({
  name: "README counterfactual figures match deno task study on data/",
  ignore: skipWithoutShared("../shared/data/raw/wdi/", "the README counterfactual figures"),
  async fn() {
    const readme = (await Deno.readTextFile("README.md")).replace(/\s+/g, " ");
    const config = await loadStudyConfig("data/study.config.json");
    // the benchmark is not needed here
    const world = await loadBenchmarkWorld({ ...config, benchmark: null });
    assert.deepEqual(world.warnings, []);
    const r = runGravityStudy(config, await loadPanel("data"), world.options);
    const c = r.counterfactual!;
    assert.ok(c.ok, c.reason ?? "");
    const b = c.baseline;
    const scenario = (name: string) => c.scenarios.find((s) => s.scenario.name === name)!;
    const [fta, corridor, overland] = ["fta", "corridor", "overland"].map(scenario);
    const study = [config.reporter, ...config.partners];
    const welfare = (s: typeof corridor) =>
      study.map((country) => ({
        country,
        v: (s.result!.countries.find((x) => x.country === country)!.welfare - 1) * 100,
      })).sort((x, y) => y.v - x.v);
    const pct = (v: number, d: number) => `${v >= 0 ? "+" : ""}${v.toFixed(d)}%`;
    const wc = welfare(corridor), wo = welfare(overland);
    const changed = [
      ...new Set(
        overland.pairs.filter((p) => p.partial !== 0).map((p) =>
          p.exporter === config.reporter ? p.importer : p.exporter
        ),
      ),
    ].sort();
    const bil = (p: string) =>
      overland.bilateral.find((x) => x.partner === p)!.counterfactualChange!;
    const factor = corridor.scenario.distanceFactor!;
    const expected = [
      `on the ${b.year} world matrix of ${b.countries.length} countries`,
      `theta = ${c.config.theta}`,
      `as cheap as if they were ${Math.round((1 - factor) * 100)}% closer raises it by ` +
      `${corridor.total!.counterfactualChange!.toFixed(1)}% in full general equilibrium against ` +
      `${corridor.total!.partialChange!.toFixed(1)}% in partial equilibrium`,
      `welfare rises most in ${wc[0].country} (${pct(wc[0].v, 3)}) and least in ${
        wc.at(-1)!.country
      } ` +
      `(${pct(wc.at(-1)!.v, 3)})`,
      `raises China's trade with the five by ${
        overland.total!.counterfactualChange!.toFixed(1)
      }% (` +
      changed.map((p) => `${p} ${pct(bil(p), 1)}`).join(", "),
      `welfare most in ${wo[0].country} (${pct(wo[0].v, 3)})`,
      `the ${
        b.excluded.noGdp.length + b.excluded.nonPositive.length
      } countries where that is not positive`,
      `with ${(b.leftOutShare * 100).toFixed(1)}% of the year's trade`,
    ];
    for (const e of expected) assert.ok(readme.includes(e), `README should say "${e}"`);
    // the words around the figures
    assert.deepEqual(changed, ["TKM", "UZB"], "the two partners that do not border China");
    for (const p of config.partners.filter((p) => !changed.includes(p))) {
      assert.ok(bil(p) < 0 && bil(p) > -1, `${p}: the neighbours' trade with China falls slightly`);
    }
    assert.ok(!fta.ok && fta.coefficient === null, "the free-trade agreement is not computed");
    assert.ok(b.excluded.nonPositive.some((x) => x.country === "HKG"));
    assert.ok(b.excluded.nonPositive.some((x) => x.country === "SGP"));
    assert.ok(b.excluded.noGdp.includes("TWN"));
    assert.ok(corridor.total!.counterfactualChange! < corridor.total!.partialChange!);
  },
});
