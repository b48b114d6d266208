/**
 * The README's "What the study finds" bullet on the stochastic frontier types figures of the
 * study on the shipped data (the China world panel, through the same loader and cache as
 * `deno task study`). This test recomputes them and fails when they differ, and checks the
 * bullet's words (the wrong skew, no inefficiency in the cross-section, the five-partner fit
 * ranking them differently, TE closer to the benchmark's K) still hold.
 */
import "./root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { loadPanel } from "../lib/data/panel.ts";
import { loadStudyConfig } from "../lib/gravity/config/study.ts";
import { rankCorrelation } from "../lib/gravity/study/frontier.ts";
import { loadPaperTables } from "../lib/gravity/study/paper.ts";
import { runGravityStudy } from "../lib/gravity/study/run.ts";
import { loadBenchmarkWorld } from "../lib/gravity/world/load.ts";

Deno.test("README frontier figures match deno task study on data/", async () => {
  const readme = (await Deno.readTextFile("README.md")).replace(/\s+/g, " ");
  const config = await loadStudyConfig("data/study.config.json");
  // the structural K is not needed here (its cold fit is the slow part of the loader)
  const world = await loadBenchmarkWorld({ ...config, structural: null });
  assert.deepEqual(world.warnings, []);
  const r = runGravityStudy(config, await loadPanel("data"), {
    paper: await loadPaperTables("data/paper"),
    ...world.options,
  });
  const f = r.frontier!;
  const w = f.world;
  assert.ok(w.ok, w.reason ?? "");
  const last = Math.max(...f.rows.map((x) => x.year));
  const byTe = f.rows.filter((x) => x.year === last).sort((a, b) => b.efficiency - a.efficiency);
  const te = byTe.map((x, i) =>
    `${x.country} ${x.efficiency.toFixed(2)}` +
    (i === 0 || i === byTe.length - 1 ? ` (rank ${x.rank} of ${x.of})` : "")
  );
  const bn = (get: (x: typeof byTe[0]) => number) =>
    (byTe.reduce((s, x) => s + get(x), 0) / 1e9).toFixed(1);
  const rho = (k: string) => f.correlations.find((c) => c.k === k)!.rho;
  const thin = f.thin.byPartner;
  const thinRho = rankCorrelation(thin.map((p) => p.thin), thin.map((p) => p.world!));
  const expected = [
    `with every partner, ${w.partners} partners (${w.n} partner-years, ${w.years[0]}-${
      w.years.at(-1)
    })`,
    `rank correlation ${thinRho.toFixed(2)} with the world fit's ranking`,
    `skewed the wrong way for a frontier (skewness ${w.skewness.toFixed(3)})`,
    `gamma = ${w.gamma.estimate.toFixed(3)} and eta = ${w.eta!.estimate.toFixed(4)}`,
    `TE (mean ${w.meanEfficiency.toFixed(3)} over all partner-years)`,
    `In ${last}: ${te.join(", ")};`,
    `frontier potential ${bn((x) => x.potential)} US$ bn against ${bn((x) => x.actual)} US$ bn`,
    `(rank correlation ${rho("benchmark OLS").toFixed(2)} OLS, ${
      rho("benchmark PPML").toFixed(2)
    } PPML), not like the in-sample K (${rho("in-sample").toFixed(2)}) or the paper's (${
      rho("paper").toFixed(2)
    })`,
  ];
  for (const e of expected) assert.ok(readme.includes(e), `README should say "${e}"`);
  // the words around the figures
  assert.ok(w.skewness > 0, "the residuals are skewed the wrong way");
  assert.ok(w.crossSection!.gamma < 1e-4, "the cross-section frontier finds no inefficiency");
  assert.ok(thinRho < 0.5, "the five-partner fit ranks them differently");
  assert.ok(
    Math.min(rho("benchmark OLS"), rho("benchmark PPML")) >
      Math.max(rho("in-sample"), rho("paper")),
    "TE orders the partner-years like the benchmark's K more than like the others",
  );
});
