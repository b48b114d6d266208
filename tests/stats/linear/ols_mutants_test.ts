/**
 * Survivors of the mutation run of lib/stats/linear/ols.ts: the Cholesky solve behind the Wald F (its
 * not-positive-definite test), the one-line input errors (exact messages), rows dropped for a
 * missing cluster label (only with cluster SEs), the intercept-only model (no F), residuals in the
 * units of y, VIFs with one and two slopes, the confidence level and the `refine` option. Expected
 * values are closed forms worked here, t quantiles of 2 df in closed form, and NIST's certified
 * values.
 */
import assert from "node:assert/strict";
import { parseCsv } from "../../../lib/data/read/csv.ts";
import { InputError } from "../../../lib/errors.ts";
import { ols, solveSpd, usableRows } from "../../../lib/stats/linear/ols.ts";

const NIST = new URL("../../../../shared/data/nist-strd/", import.meta.url);

const close = (a: number, b: number, tol: number, what: string) =>
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
  [1, 2, 3].forEach((v, i) => close(x[i], v, 1e-14, `x${i}`));
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
  close(fit.coefficients[1].estimate, 110, 1e-14, "slope");
  [-10, 80, -130, 60].forEach((r, i) => close(fit.residuals[i], r, 1e-13, `residual ${i}`));
  [110, 220, 330, 440].forEach((f, i) => close(fit.fitted[i], f, 1e-13, `fitted ${i}`));
  // RSS = 100^2 (0.01 + 0.64 + 1.69 + 0.36) = 27000, sigma = sqrt(27000 / 2)
  close(fit.sigma, Math.sqrt(13500), 1e-14, "sigma");
  assert.equal("clusters" in fit, false);
});

Deno.test("ols: the confidence level sets the interval (t of 2 df in closed form)", () => {
  // slope 1.1, se = sqrt(sigma2 / Sxx) = sqrt(1.35 / 5); t_2 quantile of p: (2p - 1) / sqrt(2p(1-p))
  const se = Math.sqrt(0.27);
  for (const level of [0.9, 0.95, 0.5]) {
    const p = (1 + level) / 2;
    const q = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    const c = ols([1, 3, 2, 5], x4, { level }).coefficients[1];
    close(c.stdError, se, 1e-14, "se");
    close(c.ciUpper, 1.1 + q * se, 1e-12, `upper at ${level}`);
    close(c.ciLower, 1.1 - q * se, 1e-12, `lower at ${level}`);
  }
});

Deno.test("ols with only an intercept: mean and its SE, no F test (NaN)", () => {
  // y = [1, 3, 2, 5]: mean 2.75, sum of squares 8.75, SE = sqrt(8.75 / 3 / 4)
  for (const se of ["classical", "hc1"] as const) {
    const fit = ols([1, 3, 2, 5], [], { se });
    assert.equal(fit.k, 1);
    close(fit.coefficients[0].estimate, 2.75, 1e-15, "mean");
    if (se === "classical") close(fit.coefficients[0].stdError, Math.sqrt(8.75 / 12), 1e-14, "se");
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

Deno.test("ols VIF: NaN with one slope; with two, 1 / (1 - r^2) of the pair", () => {
  const y = [3, 1, 4, 1, 5];
  const x1 = [1, 2, 3, 4, 5], x2 = [2, 1, 4, 3, 6];
  const one = ols(y, [{ name: "x1", values: x1 }]);
  assert.equal(one.vif.length, 1);
  assert.equal(one.vif[0].term, "x1");
  assert.ok(Number.isNaN(one.vif[0].vif));
  // centred: Sx1x1 = 10, Sx2x2 = 14.8, Sx1x2 = 10, r^2 = 100 / 148, VIF = 148 / 48
  const two = ols(y, [{ name: "x1", values: x1 }, { name: "x2", values: x2 }]);
  assert.deepEqual(two.vif.map((v) => v.term), ["x1", "x2"]);
  for (const v of two.vif) close(v.vif, 148 / 48, 1e-13, v.term);
  // without an intercept, uncentred: x1'x1 = 55, x2'x2 = 66, x1'x2 = 58, VIF = 1 / (1 - 58^2/(55 * 66))
  const raw = ols(y, [{ name: "x1", values: x1 }, { name: "x2", values: x2 }], {
    intercept: false,
  });
  for (const v of raw.vif) close(v.vif, 1 / (1 - (58 * 58) / (55 * 66)), 1e-13, v.term);
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
