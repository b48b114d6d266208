/**
 * lib/stats/model/ppml.ts directly (ppmlIrls, poissonDeviance): the deviance's textbook branch, the
 * default intercept, the iteration budget (converging on exactly the last allowed iteration, and
 * the error's reported change being the last iteration's), divergence, and the progress lines.
 * Reference values: the Poisson deviance worked by hand, and statsmodels GLM Poisson
 * (tests/fixtures/stats/make_model_mutants_fixture.py) for the fit. Written for the mutants the
 * other PPML tests left alive.
 */
import assert from "node:assert/strict";
import { InputError } from "../../../lib/errors.ts";
import { encodeFactor } from "../../../lib/stats/model/fe.ts";
import { poissonDeviance } from "../../../lib/stats/model/poisson.ts";
import { ppmlIrls } from "../../../lib/stats/model/ppml.ts";
import { ex } from "../mutants_fixture.ts";

const y = Float64Array.from(ex.data.count as number[]);
const x1 = Float64Array.from(ex.data.x1 as number[]);
const x2 = Float64Array.from(ex.data.x2 as number[]);

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

Deno.test("poissonDeviance far from the fit (textbook branch) and near it (series branch)", () => {
  // 2 [y ln(y/mu) - (y - mu)], rows far from mu (|y/mu - 1| >= 0.1), mu != 1
  const ys = [3, 0.5, 10], mus = [2, 4, 2.5];
  const want = 2 * ys.reduce((s, v, i) => s + v * Math.log(v / mus[i]) - (v - mus[i]), 0);
  assert.ok(rel(poissonDeviance(ys, mus), want) < 1e-14);
  // y = 0 rows give 2 mu
  assert.equal(poissonDeviance([0, 0], [1.5, 2]), 7);
  // near the fit: d = 0.05, h(d) = (1 + d) ln(1 + d) - d
  const h = 1.05 * Math.log(1.05) - 0.05;
  assert.ok(rel(poissonDeviance([4.2], [4]), 2 * 4 * h) < 1e-13);
});

Deno.test("ppmlIrls: intercept by default without FE; = statsmodels GLM Poisson; report fields", () => {
  const r = ppmlIrls(y, [x1, x2], ["x1", "x2"], []);
  assert.deepEqual(r.names, ["(Intercept)", "x1", "x2"]);
  assert.equal(r.converged, true);
  assert.equal(r.tolerance, 1e-10);
  assert.equal(r.feSweeps, 0);
  assert.ok(rel(r.deviance, ex.ppml.deviance) < 1e-9, `deviance ${r.deviance}`);
  const b = Array.from(r.fit.b, (v, a) => (v * r.fit.yScale) / r.fit.scale[r.fit.kept[a]]);
  b.forEach((v, a) => assert.ok(rel(v, ex.ppml.HC0.estimate[a]) < 1e-7, `b${a} ${v}`));
  r.mu.forEach((m, i) => assert.ok(rel(m, ex.ppml.fitted[i]) < 1e-7, `mu ${i}`));
  r.eta.forEach((e, i) => assert.ok(Math.abs(Math.exp(e) - r.mu[i]) <= 1e-12 * r.mu[i]));
  // the weights are the mu the last least squares was solved at (converged: equal to mu)
  r.weights.forEach((w, i) => assert.ok(rel(w, ex.ppml.fitted[i]) < 1e-7, `w ${i}`));
  // intercept: false drops it
  const n = ppmlIrls(y, [x1, x2], ["x1", "x2"], [], { intercept: false });
  assert.deepEqual(n.names, ["x1", "x2"]);
  assert.ok(n.deviance > r.deviance);
  // with fixed effects there is no intercept and sweeps are reported
  const g = encodeFactor("g", [ex.data.g as string[]]);
  const f = ppmlIrls(y, [x1, x2], ["x1", "x2"], [g], { intercept: true });
  assert.deepEqual(f.names, ["x1", "x2"]);
  assert.ok(rel(f.deviance, ex.ppmlFe.deviance) < 1e-9);
  assert.ok(f.feSweeps >= 1);
});

Deno.test("ppmlIrls: converging on exactly the last allowed iteration succeeds; one fewer is the one-line error with the last change", () => {
  for (const fe of [[], [encodeFactor("g", [ex.data.g as string[]])]]) {
    const lines: string[] = [];
    const r = ppmlIrls(y, [x1, x2], ["x1", "x2"], fe, { progress: (l) => lines.push(l) });
    // one line per iteration, and with fixed effects one for the start before them
    assert.equal(lines.length, r.iterations + (fe.length ? 1 : 0));
    // the last iteration is the polish step after the settled one: maxIterations = iterations - 1
    const ok = ppmlIrls(y, [x1, x2], ["x1", "x2"], fe, { maxIterations: r.iterations - 1 });
    assert.equal(ok.iterations, r.iterations);
    assert.equal(ok.deviance, r.deviance);
    const budget = r.iterations - 2;
    const seen: string[] = [];
    assert.throws(
      () =>
        ppmlIrls(y, [x1, x2], ["x1", "x2"], fe, {
          maxIterations: budget,
          progress: (l) => seen.push(l),
        }),
      (e) => {
        assert.ok(e instanceof InputError);
        const change = /change ([^,\s]+)/.exec(seen[seen.length - 1])![1];
        assert.equal(seen.length, budget + (fe.length ? 1 : 0), "iterations run before giving up");
        assert.equal(
          e.message,
          `PPML did not converge in ${budget} iterations (last relative deviance change ` +
            `${change} > tolerance 1e-10); raise the iteration limit or check the data`,
        );
        return true;
      },
    );
  }
});

Deno.test("ppmlIrls: progress lines report iteration, deviance, change and (with FE) the start, the projection tolerance and CG iterations", () => {
  const lines: string[] = [];
  const r = ppmlIrls(y, [x1, x2], ["x1", "x2"], [], { progress: (l) => lines.push(l) });
  const m = /^PPML iteration 1: deviance (\S+), change (\d\.\d\de[+-]\d+)$/.exec(lines[0]);
  assert.ok(m, lines[0]);
  assert.equal(Number(m[1]).toPrecision(8), m[1], "deviance to 8 significant digits");
  assert.ok(lines[lines.length - 1].startsWith(
    `PPML iteration ${r.iterations}: deviance ${r.deviance.toPrecision(8)}, change `,
  ));
  const g = encodeFactor("g", [ex.data.g as string[]]);
  const fl: string[] = [];
  const f = ppmlIrls(y, [x1, x2], ["x1", "x2"], [g], { progress: (l) => fl.push(l) });
  assert.ok(
    fl[fl.length - 1].endsWith(`, fixed effects to 1.0e-13 in ${f.feSweeps} CG iterations`),
    fl[fl.length - 1],
  );
  // one dimension: the start is exact after one sweep (the second finds nothing to scale), and
  // every projection takes one pass
  assert.match(
    fl[0],
    /^PPML start: fixed effects fitted to the level totals in 2 sweeps \(largest log ratio \S+\), deviance \S+$/,
  );
  assert.match(
    fl[1],
    /^PPML iteration 1: deviance \S+, change \S+, fixed effects to 1\.0e-4 in 1 CG iterations$/,
  );
});

Deno.test("ppmlIrls: a deviance that is not finite is a one-line divergence error", () => {
  assert.throws(
    () =>
      ppmlIrls(
        Float64Array.from([1e300, 1e-300, 1, 1]),
        [Float64Array.from([700, -700, 0, 1])],
        ["x"],
        [],
      ),
    (e) =>
      e instanceof InputError &&
      /^PPML diverged at iteration 1 \(deviance -?Infinity\); check separation$/.test(e.message),
  );
});
