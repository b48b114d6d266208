/**
 * The model layer: absorbing a fixed effect = its dummies in the design (property tests, OLS and
 * PPML), separation, one-line errors, singletons, and predictions with the fixed effects.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../lib/errors.ts";
import { fitModel, type ModelData, predict } from "../../../lib/stats/model/fit.ts";
import type { ModelSpec } from "../../../lib/stats/model/spec.ts";
import { criticalValue, twoSidedP } from "../../../lib/stats/vcov.ts";

const close = (a: number, b: number, tol = 1e-8) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** A small two-factor panel: g x h cells, `reps` rows each, two regressors. */
const panel = fc.record({
  g: fc.integer({ min: 2, max: 4 }),
  h: fc.integer({ min: 2, max: 3 }),
  reps: fc.integer({ min: 2, max: 3 }),
  seed: fc.integer({ min: 1, max: 1e6 }),
}).map(({ g, h, reps, seed }) => {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const a: string[] = [], b: string[] = [], x1: number[] = [], x2: number[] = [];
  const y: number[] = [], count: number[] = [];
  for (let i = 0; i < g; i++) {
    for (let j = 0; j < h; j++) {
      for (let r = 0; r < reps; r++) {
        a.push(`a${i}`);
        b.push(`b${j}`);
        const u = rnd() * 2 - 1, v = rnd() * 2 - 1;
        x1.push(u);
        x2.push(v);
        y.push(0.3 * i - 0.2 * j + 0.5 * u - 0.25 * v + (rnd() - 0.5));
        // counts: zeros allowed, but every row of a level positive somewhere (r = 0 row)
        const mu = Math.exp(0.2 * i + 0.1 * j + 0.4 * u - 0.3 * v);
        count.push(r === 0 ? mu * (0.5 + rnd()) : rnd() < 0.3 ? 0 : mu * 2 * rnd());
      }
    }
  }
  return { a, b, x1, x2, y, count, g, h };
});

type Panel = {
  a: string[];
  b: string[];
  x1: number[];
  x2: number[];
  y: number[];
  count: number[];
};

/** Dummy columns for the levels of `labels` except the first. */
function dummies(labels: string[], prefix: string) {
  const levels = [...new Set(labels)];
  return levels.slice(1).map((l) => ({
    name: `${prefix}=${l}`,
    values: Float64Array.from(labels, (v) => (v === l ? 1 : 0)),
  }));
}

function both(p: Panel, estimator: "ols" | "ppml") {
  const dep = estimator === "ols" ? "y" : "count";
  const columns: Record<string, ArrayLike<number>> = {
    y: p.y,
    count: p.count,
    x1: p.x1,
    x2: p.x2,
  };
  const da = dummies(p.a, "a"), db = dummies(p.b, "b");
  for (const d of [...da, ...db]) columns[d.name] = d.values;
  const data: ModelData = { columns, labels: { a: p.a, b: p.b } };
  const base: ModelSpec = { dependent: dep, terms: ["x1", "x2"], estimator, se: "hc0" };
  const absorbed = fitModel({ ...base, fe: ["a", "b"] }, data);
  const dummy = fitModel(
    { ...base, terms: ["x1", "x2", ...[...da, ...db].map((d) => d.name)] },
    data,
  );
  return { absorbed, dummy };
}

for (const estimator of ["ols", "ppml"] as const) {
  Deno.test(`property (${estimator}): absorbing two FE gives the slopes and HC0 SEs of their dummies`, () => {
    fc.assert(
      fc.property(panel, (p) => {
        const { absorbed, dummy } = both(p, estimator);
        for (const term of ["x1", "x2"]) {
          const a = absorbed.coefficients.find((c) => c.term === term)!;
          const d = dummy.coefficients.find((c) => c.term === term)!;
          assert.ok(close(a.estimate, d.estimate), `${term}: ${a.estimate} vs ${d.estimate}`);
          assert.ok(
            close(a.stdError, d.stdError, 1e-6),
            `${term} SE: ${a.stdError} vs ${d.stdError}`,
          );
        }
        // predictions with the recovered FE reproduce the dummy model's fitted values
        const mu = predict(absorbed, {
          columns: { x1: p.x1, x2: p.x2 },
          labels: { a: p.a, b: p.b },
        });
        dummy.rows.forEach((i, t) => assert.ok(close(mu[i], dummy.fitted[t], 1e-7)));
      }),
      { numRuns: 20 },
    );
  });
}

/** A panel with separation by a fixed effect (level z: all zeros) and by a regressor (d). */
function separatedData() {
  const g: string[] = [], x: number[] = [], d: number[] = [], y: number[] = [];
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 60; i++) {
    const level = i < 5 ? "z" : `g${i % 4}`;
    g.push(level);
    const xi = rnd() * 2 - 1;
    x.push(xi);
    const sep = i >= 5 && i % 10 === 3; // d = 1 only where y = 0
    d.push(sep ? 1 : 0);
    y.push(level === "z" || sep ? 0 : Math.exp(0.5 * xi) * (0.2 + 2 * rnd()));
  }
  return { columns: { y, x, d }, labels: { g } };
}

Deno.test("PPML separation: FE levels with only zeros and regressor separation are dropped and counted", () => {
  const data = separatedData();
  const r = fitModel({ dependent: "y", terms: ["x", "d"], fe: ["g"], estimator: "ppml" }, data);
  // 5 rows in level z (FE), and the 5 rows where d = 1 (all with y = 0): the rectifier
  assert.equal(r.separated, 10);
  assert.equal(r.n, 50);
  assert.deepEqual(r.omitted, ["d"]);
  // ... and the estimate is the one without those rows
  const keep = r.rows;
  const sub = {
    columns: { y: keep.map((i) => data.columns.y[i]), x: keep.map((i) => data.columns.x[i]) },
    labels: { g: keep.map((i) => data.labels.g[i]) },
  };
  const ref = fitModel({ dependent: "y", terms: ["x"], fe: ["g"], estimator: "ppml" }, sub);
  assert.ok(close(r.coefficients[0].estimate, ref.coefficients[0].estimate, 1e-10));
  assert.equal(ref.separated, 0);
});

Deno.test("PPML regressor separation by a combination of regressors (rectifier), without FE", () => {
  // x1 - x2 > 0 exactly on some zero rows, = 0 on all positive rows
  const x1: number[] = [], x2: number[] = [], y: number[] = [], w: number[] = [];
  for (let i = 0; i < 40; i++) {
    const base = (i % 7) / 7;
    const sep = i % 8 === 0;
    x1.push(base + (sep ? 1 : 0));
    x2.push(base);
    w.push(((i * 37) % 11) / 11);
    y.push(sep ? 0 : Math.exp(base + w[i]) * (i % 3 === 0 ? 0 : 1));
  }
  const r = fitModel({ dependent: "y", terms: ["x1", "x2", "w"], estimator: "ppml" }, {
    columns: { y, x1, x2, w },
  });
  assert.equal(r.separated, 5);
  assert.equal(r.n, 35);
});

Deno.test("one-line errors: non-convergence, FE with one level, negative and all-zero dependents", () => {
  const oneLine = (f: () => unknown, re: RegExp) =>
    assert.throws(
      f,
      (e: Error) => e instanceof InputError && !e.message.includes("\n") && re.test(e.message),
    );
  const data = {
    file: "f.csv",
    columns: { y: [0, 1, 3, 2, 5, 4], x: [0, 1, 2, 3, 4, 5] },
    labels: { c: ["a", "a", "a", "a", "a", "a"], g: ["p", "p", "p", "q", "q", "q"] },
  };
  oneLine(
    () => fitModel({ dependent: "y", terms: ["x"], estimator: "ppml", maxIterations: 1 }, data),
    /^PPML did not converge in 1 iterations \(last relative deviance change .* > tolerance 1e-10\)/,
  );
  oneLine(
    () => fitModel({ dependent: "y", terms: ["x"], fe: ["c"] }, data),
    /fixed effect "c" has one level/,
  );
  oneLine(
    () =>
      fitModel({ dependent: "y", terms: ["x"], estimator: "ppml" }, {
        ...data,
        columns: { y: [0, 1, -3, 2, 5, 4], x: data.columns.x },
      }),
    /^f\.csv: row 4: dependent "y" is negative \(-3\); PPML needs y >= 0$/,
  );
  oneLine(
    () =>
      fitModel({ dependent: "y", terms: ["x"], estimator: "ppml" }, {
        ...data,
        columns: { y: [0, 0, 0, 0, 0, 0], x: data.columns.x },
      }),
    /^f\.csv: dependent "y" is zero in all 6 usable rows: nothing to estimate$/,
  );
  oneLine(
    () => fitModel({ dependent: "y", terms: ["x"], fe: ["g"], se: "hc3" }, data),
    /hc3 needs the leverages/,
  );
});

Deno.test("singletons are dropped and counted; FE degrees of freedom", () => {
  const r = fitModel({ dependent: "y", terms: ["x"], fe: ["g"] }, {
    columns: { y: [1, 2, 4, 3, 5, 9, 7], x: [0, 1, 3, 2, 4, 7, 5] },
    labels: { g: ["a", "a", "a", "b", "b", "b", "c"] },
  });
  assert.equal(r.singletons, 1);
  assert.equal(r.n, 6);
  assert.equal(r.dfFe, 2);
  assert.equal(r.dfResidual, 3);
});

Deno.test("weights: integer weights give the coefficients of duplicated rows (OLS with and without FE)", () => {
  const y = [1, 3, 2, 5, 4, 6, 8, 7], x = [1, 2, 2, 4, 3, 5, 7, 6], w = [1, 2, 1, 3, 1, 2, 1, 2];
  const g = ["a", "a", "a", "a", "b", "b", "b", "b"];
  const rep = <T>(v: T[]) => v.flatMap((e, i) => Array(w[i]).fill(e) as T[]);
  for (const fe of [[], ["g"]]) {
    const wf = fitModel({ dependent: "y", terms: ["x"], fe, weights: "w" }, {
      columns: { y, x, w },
      labels: { g },
    });
    const dup = fitModel({ dependent: "y", terms: ["x"], fe }, {
      columns: { y: rep(y), x: rep(x) },
      labels: { g: rep(g) },
    });
    wf.coefficients.forEach((c, i) =>
      assert.ok(close(c.estimate, dup.coefficients[i].estimate, 1e-12))
    );
  }
});

Deno.test("z p-values keep the far tail (PPML inference): 2 P(Z > t) against scipy", () => {
  // /usr/bin/python3 -c "from scipy.stats import norm; print(2*norm.sf(8), 2*norm.sf(0.5))"
  assert.ok(Math.abs(twoSidedP(8, Infinity) / 1.244192114854348e-15 - 1) < 1e-12);
  assert.ok(Math.abs(twoSidedP(0.5, Infinity) / 0.6170750774519738 - 1) < 1e-12);
  assert.ok(Math.abs(criticalValue(0.95, Infinity) - 1.959963984540054) < 1e-14);
});

Deno.test("predict: new rows get their levels' fixed effects; an unseen level or a missing value gives NaN", () => {
  const data = {
    columns: { y: [1, 2, 4, 3, 5, 9, 7, 8], x: [0, 1, 3, 2, 4, 7, 5, 6] },
    labels: { g: ["a", "a", "a", "b", "b", "b", "c", "c"] },
  };
  const fit = fitModel({ dependent: "y", terms: ["x"], fe: ["g"] }, data);
  const b = fit.coefficients[0].estimate;
  const mu = predict(fit, {
    columns: { x: [10, 10, 10, NaN] },
    labels: { g: ["a", "c", "z", "a"] },
  });
  const fa = fit.model.fe[0].effects.a, fc = fit.model.fe[0].effects.c;
  assert.ok(close(mu[0], fa + 10 * b, 1e-12) && close(mu[1], fc + 10 * b, 1e-12));
  assert.ok(Number.isNaN(mu[2]) && Number.isNaN(mu[3]));
  // the level effects are the group means of y - b x (one dimension)
  assert.ok(close(fa, (1 + 2 + 4 - b * (0 + 1 + 3)) / 3, 1e-12));
});
