/**
 * lib/stats/model/ppml.ts: ppmlIrls, and through fitModel PPML and least squares with absorbed
 * fixed effects.
 *
 * fitModel against statsmodels with the fixed effects as dummy columns
 * (tests/fixtures/stats/make_ppml_fixtures.py): a synthetic gravity panel with zeros, and the real
 * 2006 border model of Yotov et al. (2016).
 *
 * ppmlIrls on the panel of statsmodels_panel.ts: the default intercept, the report fields, the
 * iteration budget (converging on exactly the last allowed iteration, and the error's reported
 * change being the last iteration's), divergence, the progress lines, the starting values, the
 * relative convergence measure, the number of iterations the documented stopping rule gives, and
 * the inner tolerance schedule of the fixed-effect projections. The documented relative change is
 * |D_k - D_(k-1)| / max(|D_k|, 0.1); without fixed effects the start is mu = (y + mean)/2 and D_0
 * its Poisson deviance, computed by hand in the progress test.
 *
 * Without fixed effects the IRLS starts where statsmodels GLM starts (mu0 = (y + mean(y)) / 2) and
 * takes its Newton steps, so the deviance after each iteration is statsmodels' after
 * fit(maxiter=k). With one fixed-effect dimension (projected exactly) it starts from the fixed
 * effects alone fitted to y (b = 0, the closed form ln(level mean of y)), and each step is
 * statsmodels' IRLS step from the current fit, halved while it raises the deviance, then the
 * fixed effects refitted given b (one sweep of proportional fitting, exact for one dimension).
 * Reference values: statsmodels GLM Poisson on the data of
 * tests/fixtures/stats/model_mutants_expected.json, printed by
 * `/usr/bin/python3 tests/fixtures/mutants/ppml_path.py` and pasted below; the same script gives
 * the path of a 12-row panel whose first step is halved, the two-way (g and h) fit, and the fit of
 * a panel whose mu is 1e-11 on a row with y = 4. Closed forms: a balanced one-way panel with a
 * binary regressor (the independence fit of the level x regressor table). The fixed-effect
 * projections' errors (feMaxIterations) are checked against absorb run here on the same columns.
 */
import assert from "node:assert/strict";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../../lib/errors.ts";
import { encodeFactor, subsetFe } from "../../../lib/stats/model/fe.ts";
import { absorb } from "../../../lib/stats/model/demean.ts";
import { fitModel, type ModelResult } from "../../../lib/stats/model/fit.ts";
import { ppmlIrls } from "../../../lib/stats/model/ppml.ts";
import { reluSeparation } from "../../../lib/stats/model/separation.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { makeGravityPanel } from "../../../lib/gravity/synthetic/gravity.ts";
import { border2006, dotsSubset } from "../agtpa.ts";
import { ex } from "./statsmodels_panel.ts";

const FIX = new URL("../../fixtures/stats/", import.meta.url).pathname;
const expected = JSON.parse(Deno.readTextFileSync(FIX + "ppml_expected.json"));

interface RefBlock {
  terms: string[];
  estimate: number[];
  stdError: number[];
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Worst relative differences (estimates, SEs) of a fit against a reference block. */
function worst(r: ModelResult, ref: RefBlock, seFactor = 1): [number, number] {
  let wb = 0, ws = 0;
  ref.terms.forEach((t, i) => {
    const c = r.coefficients.find((c) => c.term === t);
    assert.ok(c, `term ${t}`);
    wb = Math.max(wb, rel(c.estimate, ref.estimate[i]));
    ws = Math.max(ws, rel(c.stdError, ref.stdError[i] * seFactor));
  });
  return [wb, ws];
}

async function synthetic() {
  const d = await readNumericColumns(
    FIX + "gravity_synthetic.csv",
    ["trade", "dist", "cntg", "rta", "year"],
    ["exporter", "importer", "pair"],
  );
  return { file: "gravity_synthetic.csv", columns: d.columns, labels: d.strings };
}

const TERMS = ["ln(dist)", "cntg", "rta"];
const TWO_WAY = ["exporter^year", "importer^year"];
const seOf = (s: string) => (s === "cluster" ? "cluster:pair" : s);

Deno.test("PPML = statsmodels GLM Poisson (synthetic panel with zeros): no FE, two-way, three-way FE", async () => {
  const data = await synthetic();
  const s = expected.synthetic;
  assert.ok(s.zeros > 400, "the panel has zeros");
  const spec = (se: string, fe: string[] = [], terms = TERMS): ModelSpec => ({
    dependent: "trade",
    terms,
    fe,
    estimator: "ppml",
    se: seOf(se),
  });
  const lines: string[] = [];
  for (const se of ["classical", "hc0", "cluster"]) {
    const a = fitModel(spec(se), data);
    assert.equal(a.n, s.n);
    assert.ok(a.converged && a.iterations! > 2 && a.deviance! > 0);
    const b = fitModel(spec(se, TWO_WAY), data);
    assert.deepEqual(b.fe, [
      { dimension: "exporter^year", levels: 100 },
      { dimension: "importer^year", levels: 100 },
    ]);
    const wa = worst(a, s.noFe[se]), wb = worst(b, s.twoWay[se]);
    for (const [w, what] of [[wa, "no FE"], [wb, "two-way"]] as const) {
      assert.ok(w[0] < 1e-7, `${what} ${se}: coefficients ${w[0]}`);
      assert.ok(w[1] < 1e-6, `${what} ${se}: SEs ${w[1]}`);
    }
    lines.push(
      `${se}: no FE ${wa.map((v) => v.toExponential(1))}, two-way ${
        wb.map((v) => v.toExponential(1))
      }`,
    );
  }
  // three-way (pair FE): HC0 has no small-sample factor, so conventions coincide
  const c = fitModel(spec("hc0", [...TWO_WAY, "pair"], ["rta"]), data);
  const wc = worst(c, s.threeWay.hc0);
  assert.ok(wc[0] < 1e-7 && wc[1] < 1e-6, `three-way hc0 ${wc}`);
  // clustered by pair: the pair FE is nested in the clusters, so K = 1 + dfFe - (pairs - 1)
  // (fixest's rule), where statsmodels counts every dummy: rescale its factor (n-1)/(n-K).
  const cl = fitModel(spec("cluster", [...TWO_WAY, "pair"], ["rta"]), data);
  const pairs = 300;
  const kOurs = 1 + cl.dfFe - (pairs - 1);
  const n = cl.n;
  const f = Math.sqrt((n - s.threeWay.params) / (n - kOurs));
  const wcl = worst(cl, s.threeWay.cluster, f);
  assert.ok(wcl[0] < 1e-7 && wcl[1] < 1e-6, `three-way cluster ${wcl}`);
  console.log(
    `  ${lines.join("; ")}; three-way hc0 ${wc[1].toExponential(1)}, cluster ${
      wcl[1].toExponential(1)
    }`,
  );
});

Deno.test("least squares with absorbed two-way FE = statsmodels OLS with dummies (classical, HC0, HC1, one- and two-way cluster)", async () => {
  const data = await synthetic();
  const s = expected.synthetic.olsTwoWay;
  for (const se of ["classical", "hc0", "hc1", "cluster", "cluster2"]) {
    const r = fitModel({
      dependent: "ln(trade)",
      terms: TERMS,
      fe: TWO_WAY,
      se: se === "cluster2" ? "cluster:pair,exporter" : seOf(se),
    }, data);
    assert.equal(r.n, s.n);
    assert.equal(r.nZeroDropped, expected.synthetic.zeros);
    // statsmodels' K = its (full-rank) columns = our slopes + fixed-effect df
    assert.equal(r.k + r.dfFe, s.params);
    const w = worst(r, s[se]);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
    if (se === "classical") assert.ok(rel(r.r2, s.r2) < 1e-10, `R2 ${r.r2}`);
  }
});

Deno.test("PPML on the real 2006 border model (Yotov et al. 2016 data) = statsmodels GLM with dummies", async () => {
  const data = await border2006();
  const ref = expected.border2006;
  for (const se of ["hc0", "cluster:pair_id"]) {
    const r = fitModel({
      dependent: "trade",
      terms: ["ln(DIST)", "CNTG", "INTL_BRDR"],
      fe: ["exporter", "importer"],
      estimator: "ppml",
      se,
    }, data);
    assert.equal(r.n, ref.n);
    assert.equal(r.k + r.dfFe, ref.params);
    const w = worst(r, se === "hc0" ? ref.hc0 : ref.cluster);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
  }
});

Deno.test("PPML on a real IMF DOTS subset (20 countries, 2016-2020, x CEPII) = statsmodels GLM with dummies", async () => {
  // tests/fixtures/stats/make_dots_fixture.py builds the same subset from data/world-trade.csv.gz
  const ref = JSON.parse(Deno.readTextFileSync(FIX + "dots_expected.json"));
  const data = await dotsSubset();
  assert.equal(data.columns.trade.length, ref.n);
  for (const se of ["hc0", "cluster"]) {
    const r = fitModel({
      dependent: "trade",
      terms: ["ln(dist)", "contig", "lang", "colony"],
      fe: ["exporter^year", "importer^year"],
      estimator: "ppml",
      se: se === "hc0" ? "hc0" : "cluster:exporter^importer",
    }, data);
    assert.equal(r.n, ref.n);
    assert.equal(r.k + r.dfFe, ref.params);
    const w = worst(r, ref[se]);
    assert.ok(w[0] < 1e-7 && w[1] < 1e-6, `${se}: ${w}`);
  }
});

/** The statsmodels panel's count outcome, its regressors and its fixed effect g. */
const y = Float64Array.from(ex.data.count as number[]);
const x1 = Float64Array.from(ex.data.x1 as number[]);
const x2 = Float64Array.from(ex.data.x2 as number[]);
const g = encodeFactor("g", [ex.data.g as string[]]);

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
  assert.deepEqual([f.converged, f.tolerance, f.feTolerance], [true, 1e-10, 1e-13]);
  // the final least squares refine only when the condition estimate asks ("auto"): not here
  assert.equal(f.fit.refinements, 0);
  // work columns handed in (options.scratch): those as long as y are taken and overwritten (the
  // returned mu, eta and weights are among them), a shorter one (taken first were it as long) is
  // left alone; the same fit
  const spare: Float64Array[] = Array.from(
    { length: 8 },
    () => new Float64Array(y.length).fill(NaN),
  );
  const short = new Float64Array(y.length - 1).fill(NaN);
  const s = ppmlIrls(y, [x1, x2], ["x1", "x2"], [g], { scratch: [...spare, short] });
  assert.equal(s.deviance, f.deviance);
  s.mu.forEach((m, i) => assert.ok(rel(m, ex.ppmlFe.fitted[i]) < 1e-7, `mu ${i}`));
  for (const col of [s.mu, s.eta, s.weights]) assert.ok(spare.includes(col));
  assert.ok(short.every((v) => Number.isNaN(v)));
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

Deno.test("ppmlIrls progress: the first change = |D1 - D0| / max(|D1|, 0.1), D0 the deviance of the start (y + mean) / 2", () => {
  const y = [0, 1, 3, 2, 5, 8, 4, 10, 7, 12];
  const x = y.map((_, i) => i / 3);
  const mean = y.reduce((a, b) => a + b) / y.length;
  const d0 = 2 * y.reduce((s, v) => {
    const mu = (v + mean) / 2;
    return s + (v > 0 ? v * Math.log(v / mu) : 0) - (v - mu);
  }, 0);
  const lines: string[] = [];
  ppmlIrls(Float64Array.from(y), [Float64Array.from(x)], ["x"], [], {
    progress: (l) => lines.push(l),
  });
  const m = /^PPML iteration 1: deviance (\S+), change (\S+)$/.exec(lines[0]);
  assert.ok(m, lines[0]);
  const d1 = Number(m[1]), change = Number(m[2]);
  assert.ok(d1 > 1, `deviance ${d1}`);
  const want = Math.abs(d1 - d0) / Math.max(d1, 0.1);
  assert.ok(Math.abs(change / want - 1) < 0.01, `${change} vs ${want}`);
});

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
// the same path on a panel whose first full step overshoots (ppml_path.py "halving"): each
// step's halving factor, and the deviance after each iteration
const HALVING = {
  y: [3, 2, 4, 1, 2, 3, 2, 5, 1, 2, 3, 50],
  x: [0, 0.2, 0.4, 0.6, 0.8, 1, 0.1, 0.3, 0.5, 0.7, 0.9, 4],
  g: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
  start: 101.59411749062875,
  deviance: [
    24.142945198022726,
    8.940751290801584,
    8.341314678624116,
    8.337428582603133,
    8.337428355133097,
    8.33742835513311,
    8.337428355133111,
  ],
  factor: [0.5, 1, 1, 1, 1, 1, 1],
};

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

Deno.test("ppmlIrls with one fixed effect and a binary regressor on a balanced panel (16 rows): the independence fit of the level x regressor table", () => {
  // 4 levels, each with two rows at x = 0 and two at x = 1: mu = a_g exp(b x) is the independence
  // model of the 4 x 2 table of totals, whose fitted cells are R_g C_x / N; each row is half its
  // cell, and exp(b) = C_1 / C_0
  const levels = ["a", "b", "c", "d"];
  const yv = [3, 5, 7, 9, 1, 2, 4, 4, 10, 6, 12, 15, 2, 0, 3, 6];
  const xv = yv.map((_, i) => (i % 4 < 2 ? 0 : 1));
  const gv = yv.map((_, i) => levels[Math.floor(i / 4)]);
  const R = levels.map((l) => yv.reduce((s, v, i) => s + (gv[i] === l ? v : 0), 0));
  const C = [0, 1].map((x) => yv.reduce((s, v, i) => s + (xv[i] === x ? v : 0), 0));
  const N = R.reduce((a, b) => a + b);
  const r = ppmlIrls(Float64Array.from(yv), [Float64Array.from(xv)], ["x"], [
    encodeFactor("g", [gv]),
  ]);
  const b = (r.fit.b[0] * r.fit.yScale) / r.fit.scale[r.fit.kept[0]];
  assert.ok(Math.abs(b - Math.log(C[1] / C[0])) < 1e-10, `b ${b}`);
  r.mu.forEach((m, i) => {
    const want = (R[levels.indexOf(gv[i])] * C[xv[i]]) / N / 2;
    assert.ok(rel(m, want) < 1e-10, `row ${i}: ${m} vs ${want}`);
  });
});

Deno.test("ppmlIrls halves a step that raises the deviance (glm2's rule): the path = statsmodels' steps halved the same way", () => {
  const lines: string[] = [];
  ppmlIrls(
    Float64Array.from(HALVING.y),
    [Float64Array.from(HALVING.x)],
    ["x"],
    [encodeFactor("g", [HALVING.g])],
    { progress: (l) => lines.push(l) },
  );
  assert.equal(
    Number(/deviance (\S+)$/.exec(lines[0])![1]),
    Number(HALVING.start.toPrecision(8)),
    "the start's deviance",
  );
  // every iteration (the fit takes 7) halved as statsmodels' path is
  assert.equal(lines.length - 1, HALVING.deviance.length);
  HALVING.deviance.forEach((d, k) => {
    const m = /^PPML iteration \d+: deviance (\S+), .* CG iterations(, step x (\S+))?$/.exec(
      lines[k + 1],
    );
    assert.ok(m, lines[k + 1]);
    assert.equal(Number(m[1]), Number(d.toPrecision(8)), `iteration ${k + 1}`);
    assert.equal(Number(m[3] ?? 1), HALVING.factor[k], `iteration ${k + 1}'s factor`);
  });
});

// statsmodels' converged fit of a panel with mu about 1e-11 on a row with y = 4 (ppml_path.py
// "tiny_mu")
const TINY_MU = {
  y: [4, 3, 2, 5, 2, 2, 1, 4, 3, 5, 2, 522],
  x: [5, 1, 0.5, 1.75, 0.75, 0.25, 0.5, 0, 1.25, 0, 0, 0],
  slope: -5.5244285122241905,
  deviance: 581.2426606137768,
  fitted: [
    1.4233969870633718e-11,
    0.021719158003678806,
    25.396012832528964,
    0.0008929347044810593,
    0.08642714946987855,
    101.05847550094529,
    0.8909549100796987,
    5.445926846333859,
    0.40303607796228874,
    14.108152155251732,
    5.445926846333859,
    402.14247558947056,
  ],
};

Deno.test("ppmlIrls with fixed effects where mu is far below y on a row (1e-11 vs 4): = statsmodels' fit, deviance and every fitted value; no step halved", () => {
  // the fixed effects' correction r - r~ was once taken as the difference of r and r~, both
  // about y / mu = 3e11 on that row: its eta lost 1e-5, the deviance was 1e-4 too high, and a
  // step that could not lower it was halved 30 times
  const lines: string[] = [];
  const r = ppmlIrls(
    Float64Array.from(TINY_MU.y),
    [Float64Array.from(TINY_MU.x)],
    ["x"],
    [encodeFactor("g", [TINY_MU.y.map((_, i) => "abc"[i % 3])])],
    { progress: (l) => lines.push(l) },
  );
  const b = (r.fit.b[0] * r.fit.yScale) / r.fit.scale[r.fit.kept[0]];
  assert.ok(rel(b, TINY_MU.slope) < 1e-8, `slope ${b}`);
  assert.ok(rel(r.deviance, TINY_MU.deviance) < 1e-12, `deviance ${r.deviance}`);
  r.mu.forEach((m, i) => assert.ok(rel(m, TINY_MU.fitted[i]) < 1e-8, `mu ${i}: ${m}`));
  assert.ok(!lines.some((l) => l.includes("step x")), lines.join("\n"));
});

Deno.test("ppmlIrls's final least squares are refined when their condition asks (x1 and x1 + 2^-10 x2): = statsmodels after reparameterising", () => {
  const e = 2 ** -10;
  const x3 = x1.map((v, i) => v + e * x2[i]);
  const r = ppmlIrls(y, [x1, x3], ["x1", "x3"], [g]);
  assert.ok(r.fit.refinements > 0, `${r.fit.refinements} refinements`);
  const b = Array.from(r.fit.b, (v, a) => (v * r.fit.yScale) / r.fit.scale[r.fit.kept[a]]);
  const want = ex.ppmlFe.HC0.estimate as number[];
  assert.ok(rel(b[0] + b[1], want[0]) < 1e-9 && rel(e * b[1], want[1]) < 1e-9, `${b}`);
});

// statsmodels with both fixed effects g and h as dummies (ppml_path.py "fe_gh")
const FE_GH = { slopes: [0.48626639024175633, -0.36320929072089336], deviance: 17.1691664527972 };

Deno.test("ppmlIrls halves a step at most 30 times: with a tolerance below the deviance's rounding (1e-16) some steps reach the cap (factor 2^-30), and the fit is statsmodels'", () => {
  const lines: string[] = [];
  const r = ppmlIrls(y, [x1, x2], ["x1", "x2"], [g, encodeFactor("h", [ex.data.h as string[]])], {
    tolerance: 1e-16,
    progress: (l) => lines.push(l),
  });
  const factors = lines.map((l) => Number(/step x (\S+)$/.exec(l)?.[1] ?? 1));
  assert.ok(factors.every((f) => f >= 2 ** -30), `${factors}`);
  // near the optimum the rounding of the deviance (about 1e-15 of it) is above 1e-16 of it, so a
  // step can look like a rise however short it is: those are the steps halved 30 times
  assert.ok(factors.some((f) => f === 2 ** -30), `${factors}`);
  const b = Array.from(r.fit.b, (v, a) => (v * r.fit.yScale) / r.fit.scale[r.fit.kept[a]]);
  b.forEach((v, a) => assert.ok(rel(v, FE_GH.slopes[a]) < 1e-9, `b${a} ${v}`));
  assert.ok(rel(r.deviance, FE_GH.deviance) < 1e-12, `deviance ${r.deviance}`);
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

/**
 * A synthetic gravity panel (15 countries, 3 years) with exporter-year and importer-year FE,
 * less the rows separated by the regressors (ppmlIrls's precondition).
 */
function gravity15(countries = 15, years_ = 3, seed = 4) {
  const p = makeGravityPanel(countries, years_, { seed });
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
  return { yy, xs, fe };
}

/** The fixed effects alone fitted to y by proportional fitting: `sweeps` sweeps or a largest log ratio < 1e-8. */
function ipfStart(yy: Float64Array, fe: ReturnType<typeof encodeFactor>[], sweeps: number) {
  const mu = new Float64Array(yy.length).fill(yy.reduce((a, v) => a + v, 0) / yy.length);
  for (let sweep = 0, gap = Infinity; sweep < sweeps && !(gap < 1e-8); sweep++) {
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
  return mu;
}

Deno.test("ppmlIrls: a projection that cannot reach its tolerance within feMaxIterations is a one-line error; a failed warm start is retried from zero first, its iterations counted", () => {
  const { yy, xs, fe } = gravity15();
  const names = ["ln(dist)", "contig", "rta"];
  const fails = (feMaxIterations: number, iterations: number) =>
    assert.throws(
      () => ppmlIrls(yy, xs, names, fe, { feMaxIterations }),
      (e) => {
        assert.ok(e instanceof InputError);
        const m = new RegExp(
          "^fixed effects exporter\\^year, importer\\^year: the projection of " +
            '(the working dependent|"ln\\(dist\\)"|"contig"|"rta") stopped at relative residual ' +
            `\\S+ after ${iterations} conjugate-gradient iterations \\(tolerance 0\\.0001, ` +
            `limit ${feMaxIterations}\\)$`,
        );
        assert.match(e.message, m);
        return true;
      },
    );
  // the CG iterations each IRLS iteration needs without a limit (2, 3, 4, ...): with a limit L
  // the path is the same up to the first iteration that needs more than L, which fails; at the
  // first iteration (started from zero) after L, at a later one (warm-started from the last
  // coefficients) after L and then L more from zero
  const lines: string[] = [];
  ppmlIrls(yy, xs, names, fe, { progress: (l) => lines.push(l) });
  const cg = lines.slice(1).map((l) => Number(/ in (\d+) CG iterations/.exec(l)![1]));
  assert.deepEqual(cg.slice(0, 3), [2, 3, 4]);
  for (const limit of [1, 2, 3]) {
    fails(
      limit,
      cg.findIndex((c) => c > limit) === 0 ? limit : 2 * limit,
    );
  }
  assert.equal(ppmlIrls(yy, xs, names, fe, { feMaxIterations: Math.max(...cg) }).converged, true);
  // the first iteration's projections after one CG iteration, done here (the working residual
  // at the start, 10 sweeps of proportional fitting, relative to its own size): the message
  // names the column furthest from its tolerance, with its residual
  const mu = ipfStart(yy, fe, 10);
  const a = absorb([yy.map((v, i) => (v - mu[i]) / mu[i]), ...xs.map((x) => x.slice())], fe, mu, {
    tolerance: 1e-4,
    maxIterations: 1,
    relative: [true],
  });
  const worst = a.residual.indexOf(Math.max(...a.residual));
  const name = ["the working dependent", ...names.map((s) => `"${s}"`)][worst];
  assert.throws(
    () => ppmlIrls(yy, xs, names, fe, { feMaxIterations: 1 }),
    (e) =>
      e instanceof InputError &&
      e.message ===
        `fixed effects exporter^year, importer^year: the projection of ${name} stopped at ` +
          `relative residual ${a.residual[worst].toExponential(2)} after 1 conjugate-gradient ` +
          "iterations (tolerance 0.0001, limit 1)",
  );
});

Deno.test("ppmlIrls warm-starts the regressors' projections: the polish step (regressors only, at the target) takes fewer CG iterations than a projection from zero at the same weights", () => {
  const { yy, xs, fe } = gravity15();
  const r = ppmlIrls(yy, xs, ["ln(dist)", "contig", "rta"], fe);
  const cold = absorb(xs.map((x) => x.slice()), fe, r.weights, { tolerance: 1e-13 }).iterations;
  assert.ok(r.feSweeps < cold, `warm ${r.feSweeps}, cold ${cold}`);
});

Deno.test("ppmlIrls: a polish step whose projection cannot settle within feMaxIterations is the one-line error naming the regressor, after the warm start and the retry from zero at the converged weights", () => {
  // 8 countries, 2 years: the polish step (regressors only, at 1e-13) needs the most CG
  // iterations, so a limit of the most any other iteration needs fails there alone
  const { yy, xs, fe } = gravity15(8, 2, 2);
  const names = ["ln(dist)", "contig", "rta"];
  const lines: string[] = [];
  const r = ppmlIrls(yy, xs, names, fe, { progress: (l) => lines.push(l) });
  const cg = lines.slice(1).map((l) => Number(/ in (\d+) CG iterations/.exec(l)![1]));
  const limit = Math.max(...cg.slice(0, -1));
  assert.ok(cg[cg.length - 1] > limit, `${cg}`);
  // the retry from zero of the regressors themselves at the polish step's weights (the
  // converged fit's), done here: the column furthest from its tolerance and its residual
  const a = absorb(xs.map((x) => x.slice()), fe, r.weights, {
    tolerance: 1e-13,
    maxIterations: limit,
  });
  const worst = a.residual.indexOf(Math.max(...a.residual));
  assert.throws(
    () => ppmlIrls(yy, xs, names, fe, { feMaxIterations: limit }),
    (e) =>
      e instanceof InputError &&
      e.message ===
        `fixed effects exporter^year, importer^year: the projection of "${names[worst]}" stopped ` +
          `at relative residual ${a.residual[worst].toExponential(2)} after ${2 * limit} ` +
          `conjugate-gradient iterations (tolerance 1e-13, limit ${limit})`,
  );
});

Deno.test("ppmlIrls's inner tolerance schedule (as ppmlhdfe): 1e-4 first, then 0.1 x the last change, never looser, the target once settled; the reported CG iterations add up", () => {
  const { yy, xs, fe } = gravity15();
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
  const mu = ipfStart(yy, fe, 50);
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
