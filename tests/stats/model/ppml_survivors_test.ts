/**
 * lib/stats/model/ppml.ts (ppmlIrls) for the mutants the other PPML tests leave alive: the starting
 * values, the relative convergence measure, the number of iterations the documented stopping rule
 * gives, and the loose projection tolerance of the first iteration.
 *
 * The IRLS starts where statsmodels GLM starts (mu0 = (y + mean(y)) / 2) and takes the same
 * Newton steps (without fixed effects, or with one dimension, whose projection is exact in one
 * sweep), so the deviance after each iteration is statsmodels' after fit(maxiter=k). Reference
 * values: statsmodels GLM Poisson on the data of tests/fixtures/stats/model_mutants_expected.json,
 * printed by `/usr/bin/python3 tests/fixtures/mutants/ppml_path.py` and pasted below.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { demean, encodeFactor } from "../../../lib/stats/model/fe.ts";
import { ppmlIrls } from "../../../lib/stats/model/ppml.ts";
import { ex } from "../mutants_fixture.ts";

const y = Float64Array.from(ex.data.count as number[]);
const x1 = Float64Array.from(ex.data.x1 as number[]);
const x2 = Float64Array.from(ex.data.x2 as number[]);
const g = encodeFactor("g", [ex.data.g as string[]]);
const h = encodeFactor("h", [ex.data.h as string[]]);

// statsmodels GLM Poisson, deviance after fit(maxiter=1..5) (tests/fixtures/mutants/ppml_path.py)
const PATH = {
  intercept: [
    23.139371416192343,
    22.825281219051128,
    22.8249320360489,
    22.82493203557764,
    22.824932035577632,
  ],
  feG: [
    17.841326151426685,
    17.46468985745396,
    17.463891827745705,
    17.463891822601923,
    17.46389182260192,
  ],
};

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The progress lines of a fit, parsed, and the fit. */
function run(yv: Float64Array, fe: ReturnType<typeof encodeFactor>[], feTolerance?: number) {
  const lines: string[] = [];
  const r = ppmlIrls(yv, [x1, x2], ["x1", "x2"], fe, {
    progress: (l) => lines.push(l),
    feTolerance,
  });
  const parsed = lines.map((l) => ({
    deviance: Number(/deviance (\S+),/.exec(l)![1]),
    sweeps: Number(/, (\d+) projection sweeps$/.exec(l)?.[1] ?? NaN),
  }));
  return { r, lines: parsed };
}

/** The first iteration k (1-based) whose relative deviance change is below 1e-10. */
function settledAt(dev: number[]): number {
  for (let k = 1; k < dev.length; k++) {
    if (Math.abs(dev[k] - dev[k - 1]) / dev[k] < 1e-10) return k + 1;
  }
  throw new Error("path does not settle");
}

Deno.test("ppmlIrls starts at mu0 = (y + mean y) / 2 like statsmodels: the first iterations' deviances = GLM fit(maxiter=k)", () => {
  const noFe = run(y, []).lines;
  PATH.intercept.slice(0, 3).forEach((d, k) =>
    assert.equal(noFe[k].deviance, Number(d.toPrecision(8)), `iteration ${k + 1} without FE`)
  );
  const withG = run(y, [g]).lines;
  PATH.feG.slice(0, 3).forEach((d, k) =>
    assert.equal(withG[k].deviance, Number(d.toPrecision(8)), `iteration ${k + 1} with FE g`)
  );
});

Deno.test("ppmlIrls stops by the documented rule: settled (change < 1e-10) at the target projection accuracy, then one polish step", () => {
  // without FE: the statsmodels path settles at iteration 4 (change 2.1e-11; 1.5e-5 before), so
  // iteration 5 is the polish step
  assert.equal(settledAt(PATH.intercept), 4);
  assert.equal(run(y, []).r.iterations, 5);
  // one FE dimension: settles at iteration 5 (change 2e-16 after 2.9e-10), while the projections
  // still run at 0.1 x the previous change = 2.9e-11 > the target 1e-13: one more settled step at
  // the target (6), then the polish step (7)
  const s = settledAt(PATH.feG);
  assert.equal(s, 5);
  const inner = 0.1 * Math.abs(PATH.feG[3] - PATH.feG[2]) / PATH.feG[3];
  assert.ok(inner > 1e-13 && inner < 1e-10);
  const fe = run(y, [g]);
  assert.equal(fe.r.iterations, 7);
  assert.ok(rel(fe.r.deviance, ex.ppmlFe.deviance) < 1e-9);
  // a target as loose as the first inner tolerance (feTolerance 1e-3 >= 1e-4): the projections
  // are at the target from the start, so the settled iteration 5 is followed by the polish step
  // only; one dimension is projected exactly anyway, so the fit = statsmodels
  const loose = run(y, [g], 1e-3);
  assert.equal(loose.r.iterations, 6);
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

Deno.test("ppmlIrls's first iteration projects at the loose tolerance 1e-4 (tightened later, as ppmlhdfe)", () => {
  // two FE dimensions: the sweeps of iteration 1 are demean's at tolerance 1e-4 on the working
  // dependent and regressors at mu0 = (y + mean y) / 2, weights mu0 (cold start)
  const n = y.length;
  const mean = y.reduce((a, v) => a + v, 0) / n;
  const mu0 = y.map((v) => (v + mean) / 2);
  const sweepsAt = (tolerance: number) => {
    const z = y.map((v, i) => Math.log(mu0[i]) + (v - mu0[i]) / mu0[i]);
    return demean([z, x1.slice(), x2.slice()], [g, h], mu0, { tolerance });
  };
  const loose = sweepsAt(1e-4), tight = sweepsAt(1e-13);
  assert.ok(loose < tight, `${loose} < ${tight}`);
  const { r, lines } = run(y, [g, h]);
  assert.equal(lines[0].sweeps, loose);
  assert.equal(lines[lines.length - 1].sweeps, r.feSweeps);
});

Deno.test("ppmlIrls: the change must be strictly below the tolerance (tolerance 0 never converges, even when the change reaches 0)", () => {
  // with the one-way FE the deviance stops moving altogether (a relative change of exactly 0,
  // reported as 0.00e+0) within the default budget
  const lines: string[] = [];
  assert.throws(
    () =>
      ppmlIrls(y, [x1, x2], ["x1", "x2"], [g], { tolerance: 0, progress: (l) => lines.push(l) }),
    (e) =>
      e instanceof InputError &&
      /^PPML did not converge in 100 iterations \(last relative deviance change \S+ > tolerance 0\)/
        .test(e.message),
  );
  assert.equal(lines.length, 100);
  assert.ok(lines.some((l) => l.includes("change 0.00e+0")), "a change of exactly 0 was seen");
});
