/**
 * OLS against independently computed values (statsmodels, see
 * tests/fixtures/stats/make_fixtures.py) on real data, for every standard-error type, plus property
 * tests; and against closed forms worked here, t quantiles of 2 df in closed form and NIST's
 * certified values: the Cholesky solve behind the Wald F, the one-line input errors (exact
 * messages), rows dropped for a missing cluster label (only with cluster SEs), the intercept-only
 * model, residuals in the units of y, the confidence level and the `refine` option.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseCsv } from "../../../lib/data/read/csv.ts";
import { readNumericColumns } from "../../../lib/data/read/numeric_csv.ts";
import { InputError } from "../../../lib/errors.ts";
import { ols, solveSpd, usableRows } from "../../../lib/stats/linear/ols.ts";
import { evalTerm, parseTerms } from "../../../lib/stats/formula.ts";
import type { Coefficient, OlsResult, SeType } from "../../../lib/stats/types.ts";

const FIX = new URL("../../fixtures/stats/", import.meta.url);
const expected = JSON.parse(Deno.readTextFileSync(new URL("expected.json", FIX)));
const NIST = new URL("../../../../shared/data/nist-strd/", import.meta.url);

/** Largest relative difference between two numbers (absolute below 1e-300). */
function rel(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** A statsmodels reference row has the shape of our Coefficient. */
type RefCoef = Coefficient;

/** Worst relative disagreement of a fit with a statsmodels reference block (estimate, SE, t, p, CI). */
function worst(fit: OlsResult, ref: { coefficients: RefCoef[] }, skipP = false): number {
  let w = 0;
  ref.coefficients.forEach((c, i) => {
    const f = fit.coefficients[i];
    assert.equal(f.term, c.term);
    for (const key of ["estimate", "stdError", "t"] as const) w = Math.max(w, rel(f[key], c[key]));
    // CI bounds near zero cancel (estimate - crit * se): measure them in units of max(|bound|, se)
    for (const key of ["ciLower", "ciUpper"] as const) {
      w = Math.max(w, Math.abs(f[key] - c[key]) / Math.max(Math.abs(c[key]), c.stdError));
    }
    if (!skipP) w = Math.max(w, rel(f.p, c.p));
  });
  return w;
}

const SE: SeType[] = ["classical", "hc0", "hc1", "hc2", "hc3", "cluster"];

async function wdiData() {
  const file = new URL("wdi_panel.csv", FIX).pathname;
  const data = await readNumericColumns(file, ["gdp", "pop", "inflation", "year"], ["iso3"]);
  const table = { file, columns: data.columns };
  const y = evalTerm("ln(gdp)", table);
  const x = parseTerms("ln(pop),inflation,year").map((t) => ({
    name: t.name,
    values: evalTerm(t, table),
  }));
  return { y, x, cluster: data.strings.iso3 };
}

function longleyData() {
  const t = parseCsv(Deno.readTextFileSync(new URL("Longley.csv", NIST)));
  const col = (h: string) => t.rows.map((r) => Number(r[t.header.indexOf(h)]));
  const x = [1, 2, 3, 4, 5, 6].map((i) => ({ name: `x${i}`, values: col(`x${i}`) }));
  const cluster = col("x6").map((v) => Math.floor((v - 1947) / 4));
  return { y: col("y"), x, cluster };
}

for (const se of SE) {
  Deno.test(`ols ${se} agrees with statsmodels (WDI panel, Longley) to 1e-7`, async () => {
    const wdi = await wdiData();
    const ref = expected.wdi;
    const fit = ols(wdi.y, wdi.x, { se, cluster: wdi.cluster });
    assert.equal(fit.n, ref.n);
    assert.equal(fit.nDropped, ref.nDropped);
    const w1 = worst(fit, ref[se]);
    assert.ok(w1 < 1e-7, `WDI ${se}: worst relative difference ${w1}`);
    assert.ok(rel(fit.fStatistic, ref[se].fStatistic) < 1e-7, `F ${fit.fStatistic}`);
    assert.ok(rel(fit.fPValue, ref[se].fPValue) < 1e-6, `F p ${fit.fPValue}`);
    assert.ok(rel(fit.r2, ref.r2) < 1e-10 && rel(fit.adjR2, ref.adjR2) < 1e-10);
    assert.ok(rel(fit.sigma, ref.sigma) < 1e-10);
    if (se === "cluster") assert.equal(fit.clusters, ref.cluster.dfDenominator + 1);

    const l = longleyData();
    const lf = ols(l.y, l.x, { se, cluster: l.cluster });
    const w2 = worst(lf, expected.longley[se]);
    assert.ok(w2 < 1e-7, `Longley ${se}: worst relative difference ${w2}`);
    // SEs also against 60-digit arithmetic (mpmath): both datasets are ill-conditioned
    const hpL: number[] = expected.longley.stdErrorsHighPrecision[se];
    const hpW: number[] = ref.stdErrorsHighPrecision[se];
    const w3 = Math.max(
      ...lf.coefficients.map((c, i) => rel(c.stdError, hpL[i])),
      ...fit.coefficients.map((c, i) => rel(c.stdError, hpW[i])),
    );
    assert.ok(w3 < 1e-10, `${se} SEs vs 60 digits: ${w3}`);
    if (se === "cluster") {
      // 4 clusters, 6 slopes: the Wald covariance is singular, F is undefined (Stata: missing).
      assert.ok(Number.isNaN(lf.fStatistic));
    } else {
      assert.ok(rel(lf.fStatistic, expected.longley[se].fStatistic) < 1e-7);
    }
    console.log(
      `  ${se}: max rel diff vs statsmodels WDI ${w1.toExponential(1)}, Longley ` +
        `${w2.toExponential(1)}; SEs vs 60 digits ${w3.toExponential(1)}`,
    );
  });
}

Deno.test("ols VIF agrees with 1/(1-R2_j) from auxiliary regressions", async () => {
  const wdi = await wdiData();
  const fit = ols(wdi.y, wdi.x);
  fit.vif.forEach((v, i) => {
    assert.equal(v.term, expected.wdi.vif[i].term);
    assert.ok(rel(v.vif, expected.wdi.vif[i].vif) < 1e-8, `${v.term} ${v.vif}`);
  });
  const l = longleyData();
  ols(l.y, l.x).vif.forEach((v, i) => {
    assert.ok(rel(v.vif, expected.longley.vif[i].vif) < 1e-7, `${v.term} ${v.vif}`);
  });
});

Deno.test("ols without intercept: uncentered R2, F over all terms (as statsmodels/R)", async () => {
  const wdi = await wdiData();
  const ref = expected.wdiNoIntercept;
  const fit = ols(wdi.y, wdi.x, { intercept: false });
  fit.coefficients.forEach((c, i) => {
    assert.ok(rel(c.estimate, ref.estimates[i]) < 1e-8);
    assert.ok(rel(c.stdError, ref.stdErrors[i]) < 1e-8);
  });
  assert.ok(rel(fit.r2, ref.r2) < 1e-10);
  assert.ok(rel(fit.adjR2, ref.adjR2) < 1e-10);
  assert.ok(rel(fit.fStatistic, ref.fStatistic) < 1e-8);
  const hc1 = ols(wdi.y, wdi.x, { intercept: false, se: "hc1" });
  hc1.coefficients.forEach((c, i) => assert.ok(rel(c.stdError, ref.hc1StdErrors[i]) < 1e-8));
});

Deno.test("ols drops missing rows listwise and reports them", () => {
  const y = [1, 2, NaN, 4, 5.5, 6, 8];
  const x = [1, 2, 3, NaN, 5, 6, 7];
  const fit = ols(y, [{ name: "x", values: x }]);
  assert.equal(fit.nDropped, 2);
  assert.deepEqual(fit.rows, [0, 1, 4, 5, 6]);
  const ref = ols([1, 2, 5.5, 6, 8], [{ name: "x", values: [1, 2, 5, 6, 7] }]);
  assert.deepEqual(fit.coefficients, ref.coefficients);
  assert.equal(fit.residuals.length, 5);
  fit.fitted.forEach((f, i) =>
    assert.ok(Math.abs(f + fit.residuals[i] - [1, 2, 5.5, 6, 8][i]) < 1e-12)
  );
});

Deno.test("ols: collinear columns are omitted Stata-style, n <= k is an InputError", () => {
  const x1 = [1, 2, 3, 4, 5, 6];
  const x2 = [2, 1, 4, 3, 6, 5];
  const sum = x1.map((v, i) => v + 2 * x2[i]);
  const y = [3, 1, 4, 1, 5, 9];
  const fit = ols(y, [
    { name: "x1", values: x1 },
    { name: "const", values: [7, 7, 7, 7, 7, 7] },
    { name: "x2", values: x2 },
    { name: "comb", values: sum },
  ]);
  assert.deepEqual(fit.omitted, ["const", "comb"]);
  assert.deepEqual(fit.coefficients.map((c) => c.term), ["(Intercept)", "x1", "x2"]);
  assert.equal(fit.k, 3);
  assert.throws(() => ols([1, 2], [{ name: "x", values: [1, 3] }]), InputError);
  assert.throws(
    () => ols([1, 2, 3], [{ name: "x", values: [1, 2, 3] }], { se: "cluster" }),
    InputError,
  );
});

Deno.test("ols: NIST Filip with powers built from x in double is not declared collinear", () => {
  const t = parseCsv(Deno.readTextFileSync(new URL("Filip.csv", NIST)));
  const x = t.rows.map((r) => Number(r[1]));
  const y = t.rows.map((r) => Number(r[0]));
  const cols = Array.from({ length: 10 }, (_, d) => ({
    name: d === 0 ? "x" : `x${d + 1}`,
    values: x.map((v) => v ** (d + 1)),
  }));
  const fit = ols(y, cols);
  assert.deepEqual(fit.omitted, []);
  // ... while an exact copy of one of its columns is
  const copy = ols(y, [...cols, { name: "x5_copy", values: cols[4].values.slice() }]);
  assert.deepEqual(copy.omitted, ["x5_copy"]);
  const cert = JSON.parse(Deno.readTextFileSync(new URL("certified.json", NIST))).datasets.Filip;
  fit.coefficients.forEach((c, i) => {
    assert.ok(rel(c.estimate, cert.coefficients[i]) < 1e-7, `${c.term}`);
    assert.ok(rel(c.stdError, cert.stdErrors[i]) < 1e-7, `${c.term} SE`);
  });
});

// Property tests (few runs, small data).
const cell = fc.integer({ min: -50, max: 50 }).map((v) => v / 4);
const row = fc.tuple(cell, cell, cell);
const dataset = fc.array(row, { minLength: 8, maxLength: 30 }).filter((rows) => {
  const fit = ols(rows.map((r) => r[0]), [
    { name: "a", values: rows.map((r) => r[1]) },
    { name: "b", values: rows.map((r) => r[2]) },
  ]);
  return fit.omitted.length === 0 && fit.sigma > 1e-3;
});
const fitRows = (rows: [number, number, number][], se: SeType = "hc1") =>
  ols(rows.map((r) => r[0]), [
    { name: "a", values: rows.map((r) => r[1]) },
    { name: "b", values: rows.map((r) => r[2]) },
  ], { se });
const close = (a: number, b: number, tol = 1e-7) =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

Deno.test("property: permuting rows changes nothing", () => {
  fc.assert(
    fc.property(dataset, fc.integer(), (rows, seed) => {
      const perm = rows.map((r, i) => ({ r, key: Math.sin(seed + i * 12.9898) })).sort((a, b) =>
        a.key - b.key
      ).map((v) => v.r);
      const a = fitRows(rows), b = fitRows(perm);
      a.coefficients.forEach((c, i) => {
        assert.ok(close(c.estimate, b.coefficients[i].estimate));
        assert.ok(close(c.stdError, b.coefficients[i].stdError));
      });
      assert.ok(close(a.r2, b.r2));
    }),
    { numRuns: 25 },
  );
});

Deno.test("property: scaling a regressor by c scales its coefficient by 1/c", () => {
  fc.assert(
    fc.property(dataset, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (rows, c) => {
      const a = fitRows(rows);
      const b = fitRows(rows.map((r) => [r[0], r[1] * c, r[2]]));
      assert.ok(close(b.coefficients[1].estimate * c, a.coefficients[1].estimate));
      assert.ok(close(b.coefficients[1].stdError * c, a.coefficients[1].stdError));
      assert.ok(close(b.coefficients[2].estimate, a.coefficients[2].estimate));
      assert.ok(close(b.coefficients[1].t, a.coefficients[1].t));
    }),
    { numRuns: 25 },
  );
});

Deno.test("property: a copy of a column is omitted and changes nothing else", () => {
  fc.assert(
    fc.property(dataset, (rows) => {
      const y = rows.map((r) => r[0]);
      const a = rows.map((r) => r[1]), b = rows.map((r) => r[2]);
      const base = ols(y, [{ name: "a", values: a }, { name: "b", values: b }]);
      const fit = ols(y, [
        { name: "a", values: a },
        { name: "b", values: b },
        { name: "a_copy", values: a.slice() },
      ]);
      assert.deepEqual(fit.omitted, ["a_copy"]);
      fit.coefficients.forEach((c, i) =>
        assert.ok(close(c.estimate, base.coefficients[i].estimate))
      );
    }),
    { numRuns: 25 },
  );
});

Deno.test("terms: ln of a value <= 0 names file, row and column", () => {
  assert.throws(
    () => evalTerm("ln(x)", { file: "f.csv", columns: { x: [1, 2, 0] } }),
    (e: Error) =>
      e instanceof InputError &&
      e.message === 'f.csv: row 4, column "x": ln of 0 (needs a value > 0)',
  );
  assert.throws(() => evalTerm("nope", { file: "f.csv", columns: { x: [1] } }), InputError);
  assert.deepEqual(Array.from(evalTerm("ln(x)", { file: "f", columns: { x: [1, NaN] } })), [
    0,
    NaN,
  ]);
});

const closeTo = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1), `${what}: ${a} vs ${b}`);

/** Asserts that `f` throws an InputError with exactly this message. */
function throwsMessage(f: () => unknown, message: string) {
  assert.throws(f, (e: Error) => {
    assert.ok(e instanceof InputError, `${e}`);
    assert.equal(e.message, message);
    return true;
  });
}

const x4 = [{ name: "x", values: [1, 2, 3, 4] }];

Deno.test("solveSpd: Cholesky solves of positive-definite systems", () => {
  // [[4, 2], [2, 3]] x = [2, 1]: inverse (1/8) [[3, -2], [-2, 4]], x = [0.5, 0]
  assert.deepEqual(
    Array.from(solveSpd(new Float64Array([4, 2, 2, 3]), 2, new Float64Array([2, 1]))),
    [
      0.5,
      0,
    ],
  );
  // 3 x 3 with x = [1, 2, 3]: b = A x = [8, 15, 11]
  const a3 = new Float64Array([4, 2, 0, 2, 5, 1, 0, 1, 3]);
  const x = solveSpd(a3, 3, new Float64Array([8, 15, 11]));
  [1, 2, 3].forEach((v, i) => closeTo(x[i], v, 1e-14, `x${i}`));
});

Deno.test("solveSpd: not (numerically) positive definite is NaN, judged relative to A_ii", () => {
  const nan = (a: number[], b: number[]) =>
    assert.ok(
      solveSpd(new Float64Array(a), b.length, new Float64Array(b)).every(Number.isNaN),
      `${a}`,
    );
  nan([1, 1, 1, 1], [1, 1]); // singular: pivot 0
  nan([1, 2, 2, 1], [1, 1]); // indefinite
  nan([0], [1]);
  nan([-1], [1]);
  // pivot 1e-9 of a diagonal 1e6 (A = L L' with L = [[2e3, 0], [-1e3, ~3e-5]]): below 1e-12 A_ii
  // = 1e-6, so not positive definite, although the pivot is far above 1e-12 in absolute terms
  nan([4e6, -2e6, -2e6, 1e6 + 1e-9], [1, 1]);
  // a pivot of 1e-13 relative to a diagonal of 1
  nan([4, 2, 2, 1 + 1e-13], [1, 1]);
  // while a pivot of 1e-9 relative is kept
  const ok = solveSpd(new Float64Array([4, 2, 2, 1 + 1e-9]), 2, new Float64Array([2, 1]));
  assert.ok(ok.every(Number.isFinite), `${ok}`);
});

Deno.test("ols option and shape errors are one-line InputErrors with exact messages", () => {
  const y = [1, 3, 2, 5];
  throwsMessage(
    () => ols(y, x4, { se: "hc4" as "hc3" }),
    'unknown standard-error type "hc4" (use classical, hc0, hc1, hc2, hc3, cluster)',
  );
  for (const level of [0, 1, 1.5, -0.5, NaN]) {
    throwsMessage(
      () => ols(y, x4, { level }),
      `confidence level must be between 0 and 1, got ${level}`,
    );
  }
  throwsMessage(() => ols(y, x4, { se: "cluster" }), 'se "cluster" needs cluster labels');
  throwsMessage(
    () => ols(y, [{ name: "x", values: [1, 2, 3] }]),
    'column "x" has 3 values, y has 4',
  );
  throwsMessage(
    () => ols(y, x4, { se: "cluster", cluster: ["a", "b", "c"] }),
    "cluster labels: 3 values, y has 4",
  );
  // the cluster labels' length is checked whatever the SE type
  throwsMessage(() => ols(y, x4, { cluster: ["a"] }), "cluster labels: 1 values, y has 4");
  throwsMessage(
    () => ols(y, [], { intercept: false }),
    "no terms to fit (no intercept and no regressors)",
  );
  throwsMessage(
    () => ols([NaN, 1, NaN], [{ name: "x", values: [1, NaN, 3] }]),
    "no complete observations (every row has a missing value)",
  );
  throwsMessage(
    () => ols([1, 2, NaN], [{ name: "x", values: [1, 3, 4] }]),
    "too few observations: 2 complete row(s) for 2 coefficient(s) (need n > k)",
  );
});

Deno.test("ols: infinite values are InputErrors naming the 1-based row; NaN rows are dropped", () => {
  throwsMessage(() => ols([1, Infinity, 2, 3], x4), "y: row 2 is infinite");
  throwsMessage(() => ols([1, 2, 3, -Infinity], x4), "y: row 4 is infinite");
  throwsMessage(
    () => ols([1, 2, 3, 4], [{ name: "dist", values: [1, 2, -Infinity, 4] }]),
    'column "dist": row 3 is infinite',
  );
  // a row already dropped for a NaN y is not checked further
  assert.deepEqual(usableRows([NaN, 1, 2], [{ name: "x", values: [Infinity, 1, 2] }]), [1, 2]);
  assert.deepEqual(usableRows([1, NaN, 2], [{ name: "x", values: [1, 2, 3] }]), [0, 2]);
});

Deno.test("ols: a missing cluster label drops the row with cluster SEs only", () => {
  const y = [1, 3, 2, 5, 4, 6, 8];
  const x = [{ name: "x", values: [1, 2, 3, 4, 5, 6, 7] }];
  const labels = ["a", "a", "b", "b", "c", "c", "c"];
  const bad: unknown[] = ["", null, undefined, NaN];
  for (const g of bad) {
    const cluster = labels.slice() as (string | number)[];
    cluster[2] = g as string;
    assert.deepEqual(usableRows(y, x, cluster), [0, 1, 3, 4, 5, 6], `label ${String(g)}`);
    const fit = ols(y, x, { se: "cluster", cluster });
    assert.equal(fit.nDropped, 1, `label ${String(g)}`);
    assert.deepEqual(fit.rows, [0, 1, 3, 4, 5, 6]);
    assert.equal(fit.clusters, 3);
    // with any other SE type the labels are not used and no row is dropped
    const hc1 = ols(y, x, { se: "hc1", cluster });
    assert.equal(hc1.nDropped, 0, `hc1, label ${String(g)}`);
    assert.equal(hc1.n, 7);
    assert.equal("clusters" in hc1, false);
  }
  // labels 0 and "0" are labels, not missing
  assert.deepEqual(usableRows([1, 2], [], [0, "0"]), [0, 1]);
});

Deno.test("ols: residuals and fitted values are in the units of y (x 100)", () => {
  // y = [1, 3, 2, 5] on x = 1..4: intercept 0, slope 1.1, residuals y - 1.1 x
  const fit = ols([100, 300, 200, 500], x4);
  closeTo(fit.coefficients[1].estimate, 110, 1e-14, "slope");
  [-10, 80, -130, 60].forEach((r, i) => closeTo(fit.residuals[i], r, 1e-13, `residual ${i}`));
  [110, 220, 330, 440].forEach((f, i) => closeTo(fit.fitted[i], f, 1e-13, `fitted ${i}`));
  // RSS = 100^2 (0.01 + 0.64 + 1.69 + 0.36) = 27000, sigma = sqrt(27000 / 2)
  closeTo(fit.sigma, Math.sqrt(13500), 1e-14, "sigma");
  assert.equal("clusters" in fit, false);
});

Deno.test("ols: the confidence level sets the interval (t of 2 df in closed form)", () => {
  // slope 1.1, se = sqrt(sigma2 / Sxx) = sqrt(1.35 / 5); t_2 quantile of p: (2p - 1) / sqrt(2p(1-p))
  const se = Math.sqrt(0.27);
  for (const level of [0.9, 0.95, 0.5]) {
    const p = (1 + level) / 2;
    const q = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    const c = ols([1, 3, 2, 5], x4, { level }).coefficients[1];
    closeTo(c.stdError, se, 1e-14, "se");
    closeTo(c.ciUpper, 1.1 + q * se, 1e-12, `upper at ${level}`);
    closeTo(c.ciLower, 1.1 - q * se, 1e-12, `lower at ${level}`);
  }
});

Deno.test("ols with only an intercept: mean and its SE, no F test (NaN)", () => {
  // y = [1, 3, 2, 5]: mean 2.75, sum of squares 8.75, SE = sqrt(8.75 / 3 / 4)
  for (const se of ["classical", "hc1"] as const) {
    const fit = ols([1, 3, 2, 5], [], { se });
    assert.equal(fit.k, 1);
    closeTo(fit.coefficients[0].estimate, 2.75, 1e-15, "mean");
    if (se === "classical") {
      closeTo(fit.coefficients[0].stdError, Math.sqrt(8.75 / 12), 1e-14, "se");
    }
    assert.ok(Number.isNaN(fit.fStatistic), `${se} F ${fit.fStatistic}`);
    assert.ok(Number.isNaN(fit.fPValue), `${se} F p ${fit.fPValue}`);
    assert.deepEqual(fit.vif, []);
  }
  // here RSS and TSS differ in the last bit (R2 = -2.2e-16): F is still NaN, not +-Infinity
  const y = [
    5.956222083953345,
    -8.733119827746338,
    -3.7057932682968846,
    9.688061946981335,
    1.2092863837717682,
  ];
  const fit = ols(y, []);
  assert.ok(Number.isNaN(fit.fStatistic), `F ${fit.fStatistic}`);
});

Deno.test("ols refine: 'always' refines NIST Pontius to LRE >= 13 (the default 'auto' does not)", () => {
  const cert = JSON.parse(Deno.readTextFileSync(new URL("certified.json", NIST))).datasets.Pontius;
  const t = parseCsv(Deno.readTextFileSync(new URL(cert.csv, NIST)));
  const col = (h: string) => t.rows.map((r) => Number(r[t.header.indexOf(h)]));
  const fit = ols(col(cert.y), cert.x.map((h: string) => ({ name: h, values: col(h) })), {
    refine: "always",
  });
  fit.coefficients.forEach((c, i) => {
    const err = Math.abs(c.estimate - cert.coefficients[i]) / Math.abs(cert.coefficients[i]);
    assert.ok(err <= 1e-13, `${c.term}: relative error ${err}`);
  });
});
