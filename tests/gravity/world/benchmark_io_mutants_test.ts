// benchmark_io: ppmlFromFitModel with a stand-in fitModel (what it passes, which rows and columns
// enter the covariance: numpy's CR1 sandwich in tests/fixtures/mutants/uncertainty_truth.py),
// the structural slopes' covariance on one fixed-effect group (numpy again), and
// loadBenchmarkWorld's early exits. Written for the mutants of `deno task mutate
// lib/gravity/world/load.ts` (tests/mutation-gravity-potential.md).
import "../../root.ts"; // the repository root is the working directory (relative paths below)
import assert from "node:assert/strict";
import {
  loadBenchmarkWorld,
  loadPpml,
  loadStructuralEstimator,
  type ModelModule,
  ppmlFromFitModel,
} from "../../../lib/gravity/world/load.ts";
import { InputError } from "../../../lib/errors.ts";
import type { StudyConfig } from "../../../lib/gravity/config/study.ts";
import { freshTmp } from "../../tmp.ts";

// python3 tests/fixtures/mutants/uncertainty_truth.py ("ppml", "slope_correlation")
const PPML = [[0.011767895687095327, -0.004946420535804504], [
  -0.004946420535804511,
  0.003802417738753566,
]];
const SLOPE_CORRELATION = 0.9902284705012148;

Deno.test("ppmlFromFitModel: the spec, the columns, the kept rows and terms in the covariance", () => {
  const calls: { spec: Record<string, unknown>; data: Parameters<ModelModule["fitModel"]>[1] }[] =
    [];
  const fake = (converged?: boolean): ModelModule["fitModel"] => (spec, data) => {
    calls.push({ spec, data });
    return {
      coefficients: [
        { term: "(Intercept)", estimate: 0.5, stdError: 0.3, p: 0.1 },
        { term: "g", estimate: 0.2, stdError: 0.05, p: 0.01 },
      ],
      omitted: ["h"],
      rows: [0, 1, 2, 3], // row 4 dropped (e.g. separated)
      fitted: [1.2, 1.8, 3.5, 5.5],
      ...(converged === undefined ? {} : { converged }),
    };
  };
  const y = [1, 2, 4, 5, 0];
  const x = [[1, 0, 7], [1, 1, 7], [1, 2, 7], [1, 3, 7], [1, 9, 7]];
  const r = ppmlFromFitModel(fake())(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"]);
  assert.deepEqual(calls[0].spec, {
    dependent: "trade",
    terms: ["g", "h"],
    estimator: "ppml",
    se: "cluster:partner",
    intercept: true,
    maxIterations: 1000,
  });
  assert.deepEqual(
    Object.fromEntries(Object.entries(calls[0].data.columns).map(([k, v]) => [k, Array.from(v)])),
    { trade: y, g: [0, 1, 2, 3, 9], h: [7, 7, 7, 7, 7] },
  );
  assert.deepEqual(calls[0].data.labels, { partner: ["a", "a", "b", "c", "d"] });
  assert.deepEqual(r.estimate, [0.5, 0.2]);
  r.cov.forEach((row, i) =>
    row.forEach((v, j) => assert.ok(Math.abs(v - PPML[i][j]) < 1e-12, `${i}${j}`))
  );
  assert.deepEqual([r.df, r.omitted, r.se], [Infinity, ["h"], "cluster"]);
  assert.deepEqual(r.coefficients, [
    { term: "(Intercept)", estimate: 0.5, stdError: 0.3, p: 0.1 },
    { term: "g", estimate: 0.2, stdError: 0.05, p: 0.01 },
  ]);
  assert.doesNotThrow(() =>
    ppmlFromFitModel(fake(true))(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"])
  );
  assert.throws(
    () => ppmlFromFitModel(fake(false))(y, x, ["(Intercept)", "g", "h"], ["a", "a", "b", "c", "d"]),
    (e: Error) => e instanceof InputError && e.message === "PPML did not converge",
  );
  // the real estimator on an exact Poisson-mean surface: y = exp(0.1 + 0.3 g) recovered
  const g = [0, 1, 2, 3, 4, 5, 6, 7];
  const real = loadPpml()(
    g.map((v) => Math.exp(0.1 + 0.3 * v)),
    g.map((v) => [1, v]),
    ["(Intercept)", "g"],
    g.map((v) => `p${v % 4}`),
  );
  assert.ok(Math.abs(real.estimate[0] - 0.1) < 1e-6 && Math.abs(real.estimate[1] - 0.3) < 1e-6);
});

Deno.test("structural slopes' covariance: its diagonal is the estimator's SEs squared, its correlation numpy's", () => {
  const est = loadStructuralEstimator();
  const data = {
    columns: {
      trade: [5, 3, 2, 6, 1, 4],
      ln_dist: [1, 2, 3, 1.5, 2.5, 0.5],
      contig: [1, 0, 0, 1, 0, 1],
    },
    labels: {
      exporter: ["E", "E", "E", "E", "E", "E"],
      importer: ["I", "I", "I", "I", "I", "I"],
      year: [2019, 2019, 2019, 2019, 2019, 2019],
      pair: ["p1", "p1", "p2", "p2", "p3", "p3"],
    },
  };
  const fit = {
    n: 5,
    coefficients: [
      { term: "contig", estimate: 0.4, stdError: 0.3, p: 0 },
      { term: "ln_dist", estimate: -1, stdError: 0.2, p: 0 },
    ],
    separated: 0,
    singletons: 0,
    rows: [1, 2, 3, 4, 5],
    fitted: [3.2, 2.1, 5.5, 1.5, 4.2],
    model: { fe: [] },
  };
  const v = est.slopeCovariance!(fit, data);
  assert.ok(Math.abs(v[0][0] - 0.04) < 1e-12, `${v[0][0]}`);
  assert.ok(Math.abs(v[1][1] - 0.09) < 1e-12, `${v[1][1]}`);
  assert.ok(Math.abs(v[0][1] / 0.06 - SLOPE_CORRELATION) < 1e-9, `${v[0][1] / 0.06}`);
  assert.ok(Math.abs(v[1][0] - v[0][1]) < 1e-15);
  assert.equal(typeof est.fitModel, "function");
});

Deno.test("loadBenchmarkWorld: nothing enabled reads nothing; a missing world file is one warning", async () => {
  const base = { reporter: "CHN", partners: ["KAZ"] } as unknown as StudyConfig;
  assert.deepEqual(await loadBenchmarkWorld(base), { options: {}, warnings: [] });
  assert.deepEqual(
    await loadBenchmarkWorld({
      ...base,
      benchmark: { enabled: false },
      structural: { enabled: false },
    } as unknown as StudyConfig),
    { options: {}, warnings: [] },
  );
  // a fresh, empty root (a fixed one would keep the cache of an earlier run, e.g. a mutant's)
  const root = freshTmp("no-such-root-");
  const r = await loadBenchmarkWorld({
    ...base,
    benchmark: { enabled: true, years: { from: 2010, to: 2011 }, raw: "raw" },
  } as unknown as StudyConfig, { root });
  assert.equal(r.warnings.length, 1);
  assert.equal(
    r.warnings[0].split(": the world bilateral panel is missing")[0],
    `world benchmark not run: ${root}/data/world-trade.csv.gz`,
  );
  assert.deepEqual(r.options, {});
});
