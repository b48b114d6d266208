/**
 * lib/stats/model/ppml.ts (ppmlIrls) for the mutants the other PPML tests leave alive: the starting
 * values, the relative convergence measure, the number of iterations the documented stopping rule
 * gives, and the inner tolerance schedule of the fixed-effect projections.
 *
 * Without fixed effects the IRLS starts where statsmodels GLM starts (mu0 = (y + mean(y)) / 2) and
 * takes its Newton steps, so the deviance after each iteration is statsmodels' after
 * fit(maxiter=k). With one fixed-effect dimension (projected exactly) it starts from the fixed
 * effects alone fitted to y (b = 0, the closed form ln(level mean of y)), and each step is
 * statsmodels' IRLS step from the current fit, halved while it raises the deviance, then the
 * fixed effects refitted given b (one sweep of proportional fitting, exact for one dimension).
 * Reference values: statsmodels GLM Poisson on the data of
 * tests/fixtures/stats/model_mutants_expected.json, printed by
 * `/usr/bin/python3 tests/fixtures/mutants/ppml_path.py` and pasted below.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { encodeFactor, subsetFe } from "../../../lib/stats/model/fe.ts";
import { absorb } from "../../../lib/stats/model/demean.ts";
import { reluSeparation } from "../../../lib/stats/model/separation.ts";
import { ppmlIrls } from "../../../lib/stats/model/ppml.ts";
import { ex } from "../mutants_fixture.ts";
import { makeGravityPanel } from "../../../lib/gravity/synthetic/gravity.ts";

const y = Float64Array.from(ex.data.count as number[]);
const x1 = Float64Array.from(ex.data.x1 as number[]);
const x2 = Float64Array.from(ex.data.x2 as number[]);
const g = encodeFactor("g", [ex.data.g as string[]]);

// statsmodels GLM Poisson, deviance after fit(maxiter=1..6) (tests/fixtures/mutants/ppml_path.py);
// feG from the fixed-effects-only start (its deviance: FE_G_START)
const PATH = {
  intercept: [
    23.139371416192343,
    22.825281219051128,
    22.8249320360489,
    22.82493203557764,
    22.824932035577632,
    22.824932035577632,
  ],
  feG: [
    17.508498592843978,
    17.463894640334544,
    17.463891822601934,
    17.463891822601923,
    17.463891822601923,
    17.46389182260192,
  ],
};
const FE_G_START = 30.27792680250677;

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The progress lines of a fit, parsed (iterations only), and the fit. */
function run(yv: Float64Array, fe: ReturnType<typeof encodeFactor>[], feTolerance?: number) {
  const lines: string[] = [];
  const r = ppmlIrls(yv, [x1, x2], ["x1", "x2"], fe, {
    progress: (l) => lines.push(l),
    feTolerance,
  });
  const parsed = lines.filter((l) => l.startsWith("PPML iteration")).map((l) => ({
    deviance: Number(/deviance (\S+),/.exec(l)![1]),
    change: Number(/change (\S+?)(,|$)/.exec(l)![1]),
    tolerance: Number(/fixed effects to (\S+) in/.exec(l)?.[1] ?? NaN),
    sweeps: Number(/ in (\d+) CG iterations/.exec(l)?.[1] ?? NaN),
  }));
  return { r, lines: parsed, all: lines };
}

/** The first iteration k (1-based) whose relative deviance change is below 1e-10. */
function settledAt(dev: number[]): number {
  for (let k = 1; k < dev.length; k++) {
    if (Math.abs(dev[k] - dev[k - 1]) / dev[k] < 1e-10) return k + 1;
  }
  throw new Error("path does not settle");
}

Deno.test("ppmlIrls starts like statsmodels from the same start: the first iterations' deviances = GLM fit(maxiter=k)", () => {
  const noFe = run(y, []).lines;
  PATH.intercept.slice(0, 3).forEach((d, k) =>
    assert.equal(noFe[k].deviance, Number(d.toPrecision(8)), `iteration ${k + 1} without FE`)
  );
  const withG = run(y, [g]);
  assert.match(withG.all[0], /^PPML start: fixed effects fitted to the level totals in 2 sweeps/);
  const start = Number(/deviance (\S+)$/.exec(withG.all[0])![1]);
  assert.equal(start, Number(FE_G_START.toPrecision(8)), "the start's deviance");
  PATH.feG.slice(0, 3).forEach((d, k) =>
    assert.equal(withG.lines[k].deviance, Number(d.toPrecision(8)), `iteration ${k + 1} with FE g`)
  );
  // the first change is measured from the start's deviance
  const c1 = Math.abs(PATH.feG[0] - FE_G_START) / PATH.feG[0];
  assert.equal(withG.lines[0].change, Number(c1.toExponential(2)));
});

Deno.test("ppmlIrls stops by the documented rule: settled (change < 1e-10), then one polish step at the target projection accuracy", () => {
  // without FE: the statsmodels path settles at iteration 4 (change 2.1e-11; 1.5e-5 before), so
  // iteration 5 is the polish step
  assert.equal(settledAt(PATH.intercept), 4);
  assert.equal(run(y, []).r.iterations, 5);
  // one FE dimension: settles at iteration 4 (change 6e-16 after 1.6e-7); the polish step (5)
  // runs at the target and settles too
  const s = settledAt(PATH.feG);
  assert.equal(s, 4);
  const fe = run(y, [g]);
  assert.equal(fe.r.iterations, s + 1);
  assert.equal(fe.lines[s].tolerance, 1e-13);
  assert.ok(fe.lines[s].change < 1e-10);
  assert.ok(rel(fe.r.deviance, ex.ppmlFe.deviance) < 1e-9);
  // a loose target (feTolerance 1e-3): one dimension is projected exactly anyway, so the path and
  // the fit are the same
  const loose = run(y, [g], 1e-3);
  assert.equal(loose.r.iterations, s + 1);
  assert.equal(loose.r.feTolerance, 1e-3);
  assert.ok(rel(loose.r.deviance, ex.ppmlFe.deviance) < 1e-9);
});

Deno.test("ppmlIrls's convergence measure is relative: y x 1e6 converges to the same slopes, intercept + ln 1e6, deviance x 1e6", () => {
  // PPML is scale-equivariant; at a deviance of 2e7 an absolute change below 1e-11 is below its
  // rounding, so only a relative measure settles
  const c = 1e6;
  const big = y.map((v) => v * c);
  const { r } = run(big, []);
  assert.ok(rel(r.deviance, c * ex.ppml.deviance) < 1e-9, `deviance ${r.deviance}`);
  const b = Array.from(r.fit.b, (v, a) => (v * r.fit.yScale) / r.fit.scale[r.fit.kept[a]]);
  const want = ex.ppml.HC0.estimate as number[];
  assert.ok(Math.abs(b[0] - (want[0] + Math.log(c))) < 1e-7, `intercept ${b[0]}`);
  assert.ok(rel(b[1], want[1]) < 1e-7 && rel(b[2], want[2]) < 1e-7, `slopes ${b}`);
});

Deno.test("ppmlIrls's inner tolerance schedule (as ppmlhdfe): 1e-4 first, then 0.1 x the last change, never looser, the target once settled; the reported CG iterations add up", () => {
  // a synthetic gravity panel (15 countries, 3 years) with exporter-year and importer-year FE,
  // less the rows separated by the regressors (ppmlIrls's precondition)
  const p = makeGravityPanel(15, 3, { seed: 4 });
  const years = Array.from(p.columns.year, String);
  const all = [
    encodeFactor("exporter^year", [p.labels.exporter, years]),
    encodeFactor("importer^year", [p.labels.importer, years]),
  ];
  const cols = [p.columns.dist.map(Math.log), p.columns.contig, p.columns.rta];
  const sep = new Set(reluSeparation(p.columns.trade, cols, all));
  assert.ok(sep.size > 0);
  const keep = [...p.columns.trade.keys()].filter((i) => !sep.has(i));
  const fe = subsetFe(all, keep);
  const yy = Float64Array.from(keep, (i) => p.columns.trade[i]);
  const xs = cols.map((c) => Float64Array.from(keep, (i) => c[i]));
  const lines: string[] = [];
  const r = ppmlIrls(yy, xs, ["ln(dist)", "contig", "rta"], fe, { progress: (l) => lines.push(l) });
  const its = lines.filter((l) => l.startsWith("PPML iteration")).map((l) => ({
    change: Number(/change (\S+?),/.exec(l)![1]),
    tolerance: Number(/fixed effects to (\S+) in/.exec(l)![1]),
    sweeps: Number(/ in (\d+) CG iterations/.exec(l)![1]),
  }));
  assert.ok(its.length >= 5, `${its.length} iterations`);
  let inner = 1e-4;
  its.forEach((l, k) => {
    assert.equal(l.tolerance, Number(inner.toExponential(1)), `iteration ${k + 1}`);
    const settled = l.change < 1e-10;
    inner = settled ? 1e-13 : Math.max(1e-13, Math.min(inner, 0.1 * l.change));
  });
  assert.ok(its.some((l) => l.tolerance > 1e-13 && l.tolerance < 1e-4), "a tightening step");
  assert.equal(r.feTolerance, 1e-13);
  assert.equal(its[its.length - 1].sweeps, r.feSweeps);
  assert.equal(its.reduce((s, l) => s + l.sweeps, 0), r.feSweepsTotal);
  // the first iteration's CG iterations are demean's at 1e-4 on its columns: the working
  // residual (y - mu) / mu and the regressors, weights mu, mu the start (the fixed effects alone
  // fitted to y by proportional fitting, written out here: 50 sweeps or a largest log ratio < 1e-8)
  const mu = new Float64Array(yy.length).fill(yy.reduce((a, v) => a + v, 0) / yy.length);
  for (let sweep = 0, gap = Infinity; sweep < 50 && !(gap < 1e-8); sweep++) {
    gap = 0;
    for (const d of fe) {
      const sy = new Float64Array(d.levels), sm = new Float64Array(d.levels);
      yy.forEach((v, i) => {
        sy[d.codes[i]] += v;
        sm[d.codes[i]] += mu[i];
      });
      sy.forEach((v, l) => (gap = Math.max(gap, Math.abs(Math.log(v / sm[l])))));
      mu.forEach((_, i) => (mu[i] *= sy[d.codes[i]] / sm[d.codes[i]]));
    }
  }
  // the working residual's accuracy is relative to its starting residual (floored at 1e-13)
  const first = (tolerance: number) =>
    absorb([yy.map((v, i) => (v - mu[i]) / mu[i]), ...xs.map((x) => x.slice())], fe, mu, {
      tolerance,
      relative: [true],
    }).iterations;
  assert.equal(its[0].sweeps, first(1e-4));
  assert.ok(first(1e-4) < first(1e-13), "1e-4 is looser than the target");
});

Deno.test("ppmlIrls: a tolerance that is not positive is a one-line error (the change can never fall below 0)", () => {
  for (const fe of [[], [g]]) {
    for (const tolerance of [0, -1e-10, NaN]) {
      assert.throws(
        () => ppmlIrls(y, [x1, x2], ["x1", "x2"], fe, { tolerance }),
        (e) =>
          e instanceof InputError &&
          e.message ===
            `PPML tolerance must be a positive number (got ${tolerance}): the relative ` +
              `deviance change it is compared with is never below 0`,
      );
    }
  }
  assert.throws(
    () => ppmlIrls(y, [x1, x2], ["x1", "x2"], [g], { feTolerance: 0 }),
    (e) =>
      e instanceof InputError &&
      e.message === "PPML fixed-effect tolerance must be a positive number (got 0)",
  );
});
