/**
 * Acceptance: every K in results.json equals actual / predicted recomputed from the stored
 * coefficients (and fixed effects) to 1e-9 — the study's in-sample K from the regression's
 * coefficients and the design rows, the benchmark's K from its coefficients (year effects
 * included) and the world panel's values.
 */
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import { benchmarkTerm } from "../../../lib/gravity/world/benchmark.ts";
import { buildChinaWorldPanel } from "../../../lib/gravity/world/china_world.ts";
import { runGravityStudy } from "../../../lib/gravity/study/run.ts";
import { syntheticStudy } from "../../../lib/gravity/synthetic/study.ts";
import { CA5, syntheticWorld } from "../world/world_fixture.ts";
import { freshTmp } from "../../tmp.ts";
import { cli } from "../../cli/run_cli.ts";
import { BENCHMARK_DEFAULTS } from "../../../lib/gravity/config/benchmark.ts";
import type { StudyResult } from "../../../lib/gravity/study/types.ts";

const PERMS = ["--allow-read", "--allow-write=out", "--allow-env=NO_COLOR"];

const TOL = 1e-9;
const close = (a: number, b: number) => Math.abs(a / b - 1) < TOL;

function checkStudyK(r: StudyResult): number {
  const b = new Map(r.regression.fit!.coefficients.map((c) => [c.term, c.estimate]));
  const design = new Map(r.data.design.map((d) => [`${d.country}|${d.year}`, d]));
  let n = 0;
  for (const p of r.potential) {
    if (p.k === null) continue;
    const d = design.get(`${p.country}|${p.year}`)!;
    let lin = b.get("(Intercept)")!;
    for (const [t, v] of b) if (t !== "(Intercept)") lin += v * (d.x[t] as number);
    assert.ok(close(p.k, d.actual! / Math.exp(lin)), `study K ${p.country} ${p.year}`);
    assert.ok(p.kLower! <= p.k && p.k <= p.kUpper!, `interval ${p.country} ${p.year}`);
    const probs = p.classProbabilities!;
    assert.ok(Math.abs(probs.huge + probs.expanding + probs.remodelling - 1) < 1e-12);
    n++;
  }
  return n;
}

Deno.test("results.json of the CLI study (synthetic fixture): every K = actual / exp(x'b) to 1e-9", async () => {
  const dir = freshTmp("results-k-");
  const out = await cli(
    ["study", "--config", "tests/fixtures/gravity/study.config.json", "--out", dir],
    PERMS,
  );
  assert.equal(out.code, 0, out.stderr);
  const r = JSON.parse(await Deno.readTextFile(`${dir}/results.json`)) as StudyResult;
  assert.equal(checkStudyK(r), 25);
});

Deno.test("results JSON with the benchmark: in-sample and benchmark K recomputed to 1e-9", () => {
  const s = syntheticStudy({
    partners: CA5,
    reporter: "CHN",
    years: { from: 2015, to: 2020 },
    noise: "normal",
    spread: 0.2,
  });
  const world = buildChinaWorldPanel(syntheticWorld(11), {
    reporter: "CHN",
    years: { from: 2010, to: 2020 },
  });
  const cfg = { ...s.config, benchmark: { ...BENCHMARK_DEFAULTS, estimators: ["ols" as const] } };
  const r = JSON.parse(JSON.stringify(runGravityStudy(cfg, s.panel, { world }))) as StudyResult;
  assert.equal(checkStudyK(r), 30);
  const rows = new Map(world.rows.map((w) => [`${w.partner}|${w.year}`, w]));
  let n = 0;
  for (const f of r.benchmark!.fits) {
    const b = new Map(f.coefficients.map((c) => [c.term, c.estimate]));
    for (const k of f.k) {
      const w = rows.get(`${k.country}|${k.year}`)!;
      let lin = b.get("(Intercept)")! + (b.get(`year_${k.year}`) ?? 0);
      for (const t of BENCHMARK_DEFAULTS.terms) {
        if (b.has(t)) lin += b.get(t)! * benchmarkTerm(w, t);
      }
      assert.ok(close(k.k!, (w.exports + w.imports) / Math.exp(lin)), `${k.country} ${k.year}`);
      // the stored regressor values give the same prediction
      const stored = Object.entries(k.x).reduce((a, [t, v]) => a + b.get(t)! * v, 0);
      assert.ok(close(Math.exp(stored), k.predicted));
      n++;
    }
  }
  assert.equal(n, 55);
});

Deno.test("results.json of the real study: all three K (in-sample, benchmark OLS and PPML, structural) recomputed to 1e-9", async () => {
  const dir = freshTmp("results-k-real-");
  const out = await cli(["study", "--out", dir], PERMS);
  assert.equal(out.code, 0, out.stderr);
  const r = JSON.parse(await Deno.readTextFile(`${dir}/results.json`)) as StudyResult;
  assert.ok(checkStudyK(r) > 0);
  // benchmark: actual / exp(sum of coefficient x stored regressor), year effect included
  const fits = r.benchmark!.fits;
  assert.deepEqual(fits.map((f) => [f.estimator, f.ok]), [["ols", true], ["ppml", true]]);
  for (const f of fits) {
    const b = new Map(f.coefficients.map((c) => [c.term, c.estimate]));
    assert.ok(f.k.length > 0);
    for (const k of f.k) {
      if (k.k === null) continue;
      const lin = Object.entries(k.x).reduce((a, [t, v]) => a + b.get(t)! * v, 0);
      assert.ok(close(k.k, k.actual! / Math.exp(lin)), `${f.estimator} ${k.country} ${k.year}`);
      assert.ok(!f.partners.includes(k.country), "a study partner in the benchmark's fit");
    }
  }
  // structural: sum of actual flows / sum of exp(b_dist ln dist + b_contig contig + FE_e + FE_i)
  const s = r.structural!;
  assert.ok(s.ok && s.k.length > 0);
  const b = new Map(s.coefficients.map((c) => [c.term, c.estimate]));
  for (const k of s.k) {
    let actual = 0, pred = 0;
    for (const f of k.flows) {
      actual += f.actual;
      pred += Math.exp(
        b.get("ln_dist")! * f.lnDist + b.get("contig")! * f.contig + f.feExporter + f.feImporter,
      );
    }
    assert.ok(close(k.k, actual / pred), `structural ${k.country} ${k.year}`);
    assert.ok(k.kLower! <= k.k && k.k <= k.kUpper!);
  }
});
